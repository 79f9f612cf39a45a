import { Module } from '@nestjs/common';
import { ReportsModule } from '@mizan/server/reporting';
import { ReportsController } from './reports.controller';

/** Reporting (issue 11): the schedule, reports, expenditure lines, the XLSX template and import. */
@Module({
  imports: [ReportsModule],
  controllers: [ReportsController],
})
export class ReportingApiModule {}
