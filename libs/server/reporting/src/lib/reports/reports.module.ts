import { Module } from '@nestjs/common';
import { GrantsModule, PaymentsModule } from '@mizan/server/finance';
import { NotificationsModule } from '@mizan/server/review';
import { ScreeningEngineModule } from '@mizan/server/screening';
import { TrailModule } from '@mizan/server/trail';
import { RedFlagsModule } from '../red-flags/red-flags.module';
import { ReportRemindersModule } from './report-reminders.module';
import { ReportsService } from './reports.service';

/** Financial and narrative reports (issue 11). */
@Module({
  imports: [TrailModule, GrantsModule, PaymentsModule, NotificationsModule, ReportRemindersModule, RedFlagsModule, ScreeningEngineModule],
  providers: [ReportsService],
  exports: [ReportsService, ReportRemindersModule],
})
export class ReportsModule {}
