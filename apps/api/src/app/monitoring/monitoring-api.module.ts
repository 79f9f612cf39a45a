import { Module } from '@nestjs/common';
import { MonitoringModule } from '@mizan/server/reporting';
import { MonitorController, MonitoringController } from './monitoring.controller';

/** Monitoring by security level, monitors and visits (issue 11). */
@Module({
  imports: [MonitoringModule],
  controllers: [MonitoringController, MonitorController],
})
export class MonitoringApiModule {}
