import { Module } from '@nestjs/common';
import { NotificationsModule } from '@mizan/server/review';
import { ReportRemindersService } from './report-reminders.service';

/** The reminders of reports due, for the worker's daily job (and the api's tests). */
@Module({
  imports: [NotificationsModule],
  providers: [ReportRemindersService],
  exports: [ReportRemindersService],
})
export class ReportRemindersModule {}
