import { Injectable } from '@nestjs/common';
import { JobName, JobOf, JobStatus } from '@mizan/server/jobs';
import { RedFlagEvaluator } from '@mizan/server/reporting';
import type { ProgressReporter } from './trail-export.processor';

/** Runs the red-flag engine over the run's agency (RedFlagEvaluator: facts, evaluation, flags, trail). */
@Injectable()
export class RedFlagRunProcessor {
  constructor(private readonly evaluator: RedFlagEvaluator) {}

  process(data: JobOf<JobName.RedFlagRun>, reportProgress: ProgressReporter): Promise<JobStatus> {
    return this.evaluator.run(data.runId, reportProgress);
  }

  markFailed(runId: string, reason: string): Promise<void> {
    return this.evaluator.markFailed(runId, reason);
  }
}
