import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule, MizanConfig } from '@mizan/server/core';
import { dataSourceOptions } from '@mizan/server/db';
import { JobsModule } from '@mizan/server/jobs';
import { TrailModule } from '@mizan/server/trail';
import { BankFileBuilder } from '@mizan/server/finance';
import { ReportRemindersModule } from '@mizan/server/reporting';
import { RedFlagsModule } from '@mizan/server/reporting';
import { SanctionsListsModule, ScreeningEngineModule } from '@mizan/server/screening';
import { TransparencyModule } from '@mizan/server/transparency';
import { IatiPublicationSweeper } from './iati-publication.sweeper';
import { IatiPublishProcessor } from './iati-publish.processor';
import { BankFileProcessor } from './bank-file.processor';
import { AgreementPdfProcessor } from './agreement-pdf.processor';
import { AgreementPdfSweeper } from './agreement-pdf.sweeper';
import { AuditReportProcessor } from './audit-report.processor';
import { AuditReportSweeper } from './audit-report.sweeper';
import { BankFileSweeper } from './bank-file.sweeper';
import { JobRunner } from './job-runner.service';
import { MaintenanceProcessor } from './maintenance.processor';
import { RecurringJobs } from './recurring-jobs';
import { OutboxSweeper } from './outbox-sweeper.service';
import { ReportRemindersProcessor } from './report-reminders.processor';
import { RedFlagRunProcessor } from './red-flag-run.processor';
import { RedFlagRunSweeper } from './red-flag-run.sweeper';
import { SanctionsImportProcessor } from './sanctions-import.processor';
import { SanctionsImportSweeper } from './sanctions-import.sweeper';
import { ScreeningRunProcessor } from './screening-run.processor';
import { ScreeningRunSweeper } from './screening-run.sweeper';
import { SendEmailProcessor } from './send-email.processor';
import { TrailCheckpointWriter } from './trail-checkpoint.service';
import { TrailExportProcessor } from './trail-export.processor';

@Module({})
export class WorkerModule {
  static forRoot(config: MizanConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)), JobsModule, TrailModule, ReportRemindersModule, RedFlagsModule, SanctionsListsModule, ScreeningEngineModule, TransparencyModule],
      providers: [
        TrailCheckpointWriter,
        TrailExportProcessor,
        SendEmailProcessor,
        BankFileBuilder,
        BankFileProcessor,
        AgreementPdfSweeper,
        BankFileSweeper,
        AgreementPdfProcessor,
        OutboxSweeper,
        ReportRemindersProcessor,
        RedFlagRunProcessor,
        RedFlagRunSweeper,
        AuditReportProcessor,
        AuditReportSweeper,
        SanctionsImportProcessor,
        SanctionsImportSweeper,
        ScreeningRunProcessor,
        ScreeningRunSweeper,
        IatiPublishProcessor,
        IatiPublicationSweeper,
        MaintenanceProcessor,
        RecurringJobs,
        JobRunner,
      ],
    };
  }
}
