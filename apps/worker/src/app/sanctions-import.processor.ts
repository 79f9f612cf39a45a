import { Injectable } from '@nestjs/common';
import { JobName, JobOf, JobStatus } from '@mizan/server/jobs';
import { SanctionsImporter } from '@mizan/server/screening';
import type { ProgressReporter } from './trail-export.processor';

/**
 * Imports a sanctions list version (SanctionsImporter: validate, parse, diff, one transaction, then the
 * screening run it starts). A file that is not a valid list is a failed version, not a failed job.
 */
@Injectable()
export class SanctionsImportProcessor {
  constructor(private readonly importer: SanctionsImporter) {}

  async process(data: JobOf<JobName.SanctionsImport>, reportProgress: ProgressReporter): Promise<JobStatus> {
    const outcome = await this.importer.run(data.versionId, reportProgress);
    return outcome.state === 'skipped' ? 'skipped' : 'done';
  }

  markFailed(versionId: string, reason: string): Promise<void> {
    return this.importer.markFailed(versionId, reason);
  }
}
