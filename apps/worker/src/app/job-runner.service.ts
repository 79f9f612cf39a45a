import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { hostname } from 'node:os';
import { DEFAULT_JOB_LOCK_MS, DEFAULT_JOB_STALLED_CHECK_MS, MIZAN_CONFIG, MizanConfig, redisConnection } from '@mizan/server/core';
import { JobItem, JobName, JobStatus, QueueName } from '@mizan/server/jobs';
import { BankFileProcessor } from './bank-file.processor';
import { IatiPublishProcessor } from './iati-publish.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { AgreementPdfProcessor } from './agreement-pdf.processor';
import { AuditReportProcessor } from './audit-report.processor';
import { ReportRemindersProcessor } from './report-reminders.processor';
import { RedFlagRunProcessor } from './red-flag-run.processor';
import { SanctionsImportProcessor } from './sanctions-import.processor';
import { ScreeningRunProcessor } from './screening-run.processor';
import { SendEmailProcessor } from './send-email.processor';
import { TrailExportProcessor } from './trail-export.processor';

/** Names this process in each job it takes (BullMQ's processedBy): host and pid, so an operator can tell the workers apart. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * One BullMQ worker per queue, each dispatching on the job name. The switch is
 * exhaustive over JobItem, so adding a job without a handler fails to compile.
 *
 * Several worker processes may run: a job is delivered at least once (a
 * worker that dies mid-job stops renewing its lock; after JOB_LOCK_MS the
 * stalled-job check, every JOB_STALLED_CHECK_MS, hands it to another worker),
 * so every processor is idempotent — the row a job builds is checked and
 * written under a lock, a second run finds it done.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
    private readonly trailExports: TrailExportProcessor,
    private readonly emails: SendEmailProcessor,
    private readonly bankFiles: BankFileProcessor,
    private readonly agreements: AgreementPdfProcessor,
    private readonly reportReminders: ReportRemindersProcessor,
    private readonly redFlagRuns: RedFlagRunProcessor,
    private readonly auditReports: AuditReportProcessor,
    private readonly sanctionsImports: SanctionsImportProcessor,
    private readonly screeningRuns: ScreeningRunProcessor,
    private readonly maintenance: MaintenanceProcessor,
    private readonly iatiPublications: IatiPublishProcessor,
  ) {}

  onApplicationBootstrap(): void {
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job: Job) => this.handle(job as Job<JobItem['data'], JobStatus, JobName>), {
        connection: redisConnection(this.config.redisUrl),
        prefix: this.config.queuePrefix,
        // The recurring upkeep runs one job at a time per process; documents and notifications two.
        concurrency: queue === QueueName.Maintenance ? 1 : 2,
        name: workerName(),
        lockDuration: this.config.jobLockMs ?? DEFAULT_JOB_LOCK_MS,
        stalledInterval: this.config.jobStalledCheckMs ?? DEFAULT_JOB_STALLED_CHECK_MS,
        // A job whose worker died is handed on once; stalling a second time fails it (a job that kills its worker).
        maxStalledCount: 1,
      });
      worker.on('failed', (job, error) => {
        this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
      });
      worker.on('error', (error) => this.logger.error(`queue ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`processing queues ${Object.values(QueueName).join(', ')} (prefix ${this.config.queuePrefix}) as ${workerName()}`);
  }

  private async handle(job: Job<JobItem['data'], JobStatus, JobName>): Promise<JobStatus> {
    const item = { name: job.name, data: job.data } as JobItem;
    const progress = async (percent: number): Promise<void> => {
      await job.updateProgress(percent);
    };
    switch (item.name) {
      case JobName.TrailExportPdf:
        try {
          return await this.trailExports.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.trailExports.markFailed(item.data.exportId, (error as Error).message);
          throw error;
        }
      case JobName.SendEmail:
        try {
          return await this.emails.process(item.data);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.emails.markFailed(item.data.emailId, (error as Error).message);
          throw error;
        }
      case JobName.BankFilePain001:
        try {
          return await this.bankFiles.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.bankFiles.markFailed(item.data.bankFileId, (error as Error).message);
          throw error;
        }
      case JobName.GrantAgreementPdf:
        try {
          return await this.agreements.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.agreements.markFailed(item.data.documentId, (error as Error).message);
          throw error;
        }
      case JobName.ReportReminders:
        // Idempotent per day (report_reminder rows): a retry sends only what the failed run did not.
        return this.reportReminders.process(item.data);
      case JobName.RedFlagRun:
        try {
          return await this.redFlagRuns.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.redFlagRuns.markFailed(item.data.runId, (error as Error).message);
          throw error;
        }
      case JobName.AuditReportPdf:
        try {
          return await this.auditReports.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.auditReports.markFailed(item.data.reportId, (error as Error).message);
          throw error;
        }
      case JobName.SanctionsImport:
        try {
          return await this.sanctionsImports.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.sanctionsImports.markFailed(item.data.versionId, (error as Error).message);
          throw error;
        }
      case JobName.ScreeningRun:
        try {
          return await this.screeningRuns.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.screeningRuns.markFailed(item.data.runId, (error as Error).message);
          throw error;
        }
      case JobName.SweepQueuedRows:
        return this.maintenance.sweepQueuedRows();
      case JobName.TrailCheckpoint:
        return this.maintenance.trailCheckpoint();
      case JobName.ExpiredUploadsCleanup:
        return this.maintenance.expiredUploads();
      case JobName.IatiPublish:
        try {
          return await this.iatiPublications.process(item.data, progress);
        } catch (error) {
          const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          if (last) await this.iatiPublications.markFailed(item.data.publicationId, (error as Error).message);
          throw error;
        }
      case JobName.IatiRepublish:
        return this.iatiPublications.republishAll();
      default: {
        const unhandled: never = item;
        throw new Error(`no handler for job ${(unhandled as JobItem).name}`);
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
