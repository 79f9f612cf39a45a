import { Module } from '@nestjs/common';
import { TrailModule } from '@mizan/server/trail';
import { NotificationsModule } from '../notifications/notifications.module';
import { BoardService } from './board.service';
import { ReviewsService } from './reviews.service';

/** Reviews (reviewers: declarations, drafts, submission, peers) and the review board (officers). Job queueing comes from the global JobsModule. */
@Module({
  imports: [TrailModule, NotificationsModule],
  providers: [ReviewsService, BoardService],
  exports: [ReviewsService, BoardService],
})
export class ScoringModule {}
