import { Inject, Injectable, Logger } from '@nestjs/common';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { JobStatus } from '@mizan/server/jobs';
import { removeExpiredUploads } from '@mizan/server/reporting';
import { AgreementPdfSweeper } from './agreement-pdf.sweeper';
import { AuditReportSweeper } from './audit-report.sweeper';
import { BankFileSweeper } from './bank-file.sweeper';
import { IatiPublicationSweeper } from './iati-publication.sweeper';
import { OutboxSweeper } from './outbox-sweeper.service';
import { QueuedRowSweeper } from './queued-row-sweeper';
import { RedFlagRunSweeper } from './red-flag-run.sweeper';
import { SanctionsImportSweeper } from './sanctions-import.sweeper';
import { ScreeningRunSweeper } from './screening-run.sweeper';
import { TrailCheckpointWriter } from './trail-checkpoint.service';

/** The recurring jobs' work (recurring-jobs.ts schedules them): each run is idempotent, so a repeated run does no harm. */
@Injectable()
export class MaintenanceProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly sweepers: QueuedRowSweeper[];

  constructor(
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
    private readonly checkpoints: TrailCheckpointWriter,
    outbox: OutboxSweeper,
    bankFiles: BankFileSweeper,
    agreements: AgreementPdfSweeper,
    redFlagRuns: RedFlagRunSweeper,
    auditReports: AuditReportSweeper,
    sanctionsImports: SanctionsImportSweeper,
    screeningRuns: ScreeningRunSweeper,
    iatiPublications: IatiPublicationSweeper,
  ) {
    this.sweepers = [outbox, bankFiles, agreements, redFlagRuns, auditReports, sanctionsImports, screeningRuns, iatiPublications];
  }

  /** Queues every row left 'queued' without its job; one kind failing does not keep the others from being swept. */
  async sweepQueuedRows(): Promise<JobStatus> {
    const problems: string[] = [];
    for (const sweeper of this.sweepers) {
      try {
        const queued = await sweeper.sweep();
        if (queued > 0) this.logger.log(`${sweeper.what}: ${queued} left queued, queued again`);
      } catch (error) {
        problems.push(`${sweeper.what}: ${(error as Error).message}`);
      }
    }
    if (problems.length > 0) throw new Error(`sweep failed for ${problems.join('; ')}`);
    return 'done';
  }

  async trailCheckpoint(): Promise<JobStatus> {
    return (await this.checkpoints.checkpoint({ reason: 'interval' })) ? 'done' : 'skipped';
  }

  async expiredUploads(): Promise<JobStatus> {
    const removed = await removeExpiredUploads(this.config.storageDir);
    if (removed > 0) this.logger.log(`${removed} expired partial uploads removed`);
    return removed > 0 ? 'done' : 'skipped';
  }
}
