import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignmentView, BulkAssignResult, CallReviewerView, ReviewPaths } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { AssignmentsService } from '@mizan/server/review';
import { AssignReviewerDto, BulkAssignDto, ReassignDto, UnassignDto } from './review.dto';

/** Officers put reviewers on the applications of their agency's calls. */
@ApiTags('review')
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Assign reviewers to a call’s applications in bulk' })
  @Post(`${ReviewPaths.calls}/:id/assignments/bulk`)
  bulk(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') callId: string, @Body() body: BulkAssignDto): Promise<BulkAssignResult> {
    return this.assignments.bulkAssign(auth, callId, body);
  }

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'List a call’s reviewers and their load' })
  @Get(`${ReviewPaths.calls}/:id/reviewers`)
  reviewers(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') callId: string): Promise<CallReviewerView[]> {
    return this.assignments.reviewersOfCall(auth, callId);
  }

  @RequirePermission('review.assign', 'audit.conduct')
  @ApiOperation({ summary: 'List an application’s reviewer assignments' })
  @Get(`${ReviewPaths.applications}/:id/assignments`)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') applicationId: string): Promise<AssignmentView[]> {
    return this.assignments.forApplication(auth, applicationId);
  }

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Assign a reviewer to an application' })
  @Post(`${ReviewPaths.applications}/:id/assignments`)
  assign(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') applicationId: string, @Body() body: AssignReviewerDto): Promise<AssignmentView> {
    return this.assignments.assign(auth, applicationId, body.reviewerId, body.dueOn);
  }

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Move an application’s review to another reviewer' })
  @Post(`${ReviewPaths.applications}/:id/assignments/reassign`)
  @HttpCode(200)
  reassign(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') applicationId: string, @Body() body: ReassignDto): Promise<AssignmentView> {
    return this.assignments.reassign(auth, applicationId, body);
  }

  @RequirePermission('review.assign')
  @ApiOperation({ summary: 'Remove a reviewer assignment' })
  @Delete(`${ReviewPaths.applications}/:id/assignments/:assignmentId`)
  unassign(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') applicationId: string,
    @IdParam('assignmentId') assignmentId: string,
    @Body() body: UnassignDto,
  ): Promise<AssignmentView> {
    return this.assignments.unassign(auth, applicationId, assignmentId, body.reason);
  }
}
