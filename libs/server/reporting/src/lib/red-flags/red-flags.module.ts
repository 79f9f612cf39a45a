import { Module } from '@nestjs/common';
import { NotificationsModule } from '@mizan/server/review';
import { TrailModule } from '@mizan/server/trail';
import { RedFlagEvaluator } from './red-flag-evaluator';
import { RedFlagRunsService } from './red-flag-runs.service';
import { RedFlagsService } from './red-flags.service';

/** Red flags (issue 11): runs, the evaluator (used by the worker), reads and actions. Jobs come from the global JobsModule. */
@Module({
  imports: [TrailModule, NotificationsModule],
  providers: [RedFlagRunsService, RedFlagEvaluator, RedFlagsService],
  exports: [RedFlagRunsService, RedFlagEvaluator, RedFlagsService],
})
export class RedFlagsModule {}
