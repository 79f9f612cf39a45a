import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MyReviewItem, PeerReviewsView, ReviewApplicationView, ReviewPaths, ReviewView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ReviewsService } from '@mizan/server/review';
import { DeclarationDto, SaveScoresDto, SubmitReviewDto } from './review.dto';

/** A reviewer's own assignments; anyone else's is "not found". */
@ApiTags('review')
@Controller(ReviewPaths.reviews)
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @RequirePermission('review.own')
  @ApiOperation({ summary: 'List the reviewer’s assignments' })
  @Get()
  mine(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<MyReviewItem[]> {
    return this.reviews.mine(auth);
  }

  @RequirePermission('review.own')
  @ApiOperation({ summary: 'Read a review' })
  @Get(':assignmentId')
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('assignmentId') id: string): Promise<ReviewView> {
    return this.reviews.get(auth, id);
  }

  @RequirePermission('review.own')
  @ApiOperation({ summary: 'Declare a conflict of interest (or none)' })
  @Post(':assignmentId/declaration')
  @HttpCode(200)
  declare(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('assignmentId') id: string, @Body() body: DeclarationDto): Promise<ReviewView> {
    return this.reviews.declare(auth, id, body.hasConflict, body.statement ?? null);
  }

  @RequirePermission('review.own')
  @ApiOperation({ summary: 'Read the application under review' })
  @Get(':assignmentId/application')
  application(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('assignmentId') id: string): Promise<ReviewApplicationView> {
    return this.reviews.application(auth, id);
  }

  @RequirePermission('review.own')
  @ApiOperation({ summary: 'Save a review’s scores' })
  @Put(':assignmentId/scores')
  save(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('assignmentId') id: string, @Body() body: SaveScoresDto): Promise<ReviewView> {
    return this.reviews.saveScores(auth, id, body);
  }

  @RequirePermission('review.own')
  @ApiOperation({ summary: 'Submit a review' })
  @Post(':assignmentId/submit')
  @HttpCode(200)
  submit(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('assignmentId') id: string, @Body() body: SubmitReviewDto): Promise<ReviewView> {
    return this.reviews.submit(auth, id, body.version);
  }

  @RequirePermission('review.own')
  @ApiOperation({ summary: 'Read the other reviewers’ reviews' })
  @Get(':assignmentId/peers')
  peers(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('assignmentId') id: string): Promise<PeerReviewsView> {
    return this.reviews.peers(auth, id);
  }
}
