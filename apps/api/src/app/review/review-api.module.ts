import { Module } from '@nestjs/common';
import { AssignmentsModule, ScoringModule } from '@mizan/server/review';
import { AssignmentsController } from './assignments.controller';
import { BoardController } from './board.controller';
import { ReviewsController } from './reviews.controller';

/** Review (issue 4): reviewer assignment, reviews with conflict-of-interest declarations, the review board. */
@Module({
  imports: [AssignmentsModule, ScoringModule],
  controllers: [AssignmentsController, ReviewsController, BoardController],
})
export class ReviewApiModule {}
