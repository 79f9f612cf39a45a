import { Injectable } from '@nestjs/common';
import { JobName, JobOf, JobStatus } from '@mizan/server/jobs';
import { TransparencyService } from '@mizan/server/transparency';
import type { ProgressReporter } from './trail-export.processor';

/** Builds, validates and publishes a program's IATI file (TransparencyService.process); the recurring re-publication. */
@Injectable()
export class IatiPublishProcessor {
  constructor(private readonly transparency: TransparencyService) {}

  process(
    data: JobOf<JobName.IatiPublish>,
    reportProgress: ProgressReporter,
  ): Promise<JobStatus> {
    return this.transparency.process(data.publicationId, reportProgress);
  }

  markFailed(publicationId: string, reason: string): Promise<void> {
    return this.transparency.markFailed(publicationId, reason);
  }

  /** Every published program again (an unchanged file is recorded `unchanged`, no new version). */
  async republishAll(): Promise<JobStatus> {
    const ids = await this.transparency.requestMany('schedule');
    return ids.length > 0 ? 'done' : 'skipped';
  }
}
