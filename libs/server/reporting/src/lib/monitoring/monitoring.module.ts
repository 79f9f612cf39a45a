import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { MonitoringService } from './monitoring.service';

/** Security levels, the monitoring policy, monitors and visits (issue 11). */
@Module({
  imports: [TrailModule],
  providers: [MonitoringService],
  exports: [MonitoringService],
})
export class MonitoringModule {}
