import { Injectable } from '@nestjs/common';
import { JobName, JobOf, JobStatus } from '@mizan/server/jobs';
import { ScreeningRunsService } from '@mizan/server/screening';
import type { ProgressReporter } from './trail-export.processor';

/** Screens every party of the run's agency against its current sanctions list (ScreeningRunsService.process). */
@Injectable()
export class ScreeningRunProcessor {
  constructor(private readonly runs: ScreeningRunsService) {}

  process(data: JobOf<JobName.ScreeningRun>, reportProgress: ProgressReporter): Promise<JobStatus> {
    return this.runs.process(data.runId, reportProgress);
  }

  markFailed(runId: string, reason: string): Promise<void> {
    return this.runs.markFailed(runId, reason);
  }
}
