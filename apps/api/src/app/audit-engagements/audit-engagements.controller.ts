import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssuranceView, AuditPaths, AuditorCandidateView, EngagementSummaryView, EngagementView, Page, ScopeGrantView, can } from '@mizan/contracts';
import { AssuranceService, EngagementsService } from '@mizan/server/audit';
import { IdParam, MizanException } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ErrorResponses } from '../openapi/error-responses';
import {
  AddAuditorDto,
  AssuranceQueryDto,
  EngagementListQueryDto,
  PlanEngagementDto,
  RemoveAuditorDto,
  TransitionEngagementDto,
  UpdateEngagementDto,
} from './audit-engagements.dto';

const ENGAGEMENT = ':id';

/**
 * Audit engagements (issue 12): planners (`audit.plan`: officers, admins) plan them, manage
 * their auditors and see assurance per grant; the auditors named on one (`audit.conduct`)
 * reach it until it closes. Routes both sides use are open to any signed-in user and
 * answer 404 unless the caller is a planner of the agency or an auditor on the engagement.
 */
@ApiTags('audit')
@Controller()
export class AuditEngagementsController {
  constructor(
    private readonly engagements: EngagementsService,
    private readonly assuranceService: AssuranceService,
  ) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List audit engagements (planners: the agency’s; auditors: those they are on, until closed)' })
  @ErrorResponses(403)
  @Get(AuditPaths.engagements)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: EngagementListQueryDto): Promise<Page<EngagementSummaryView>> {
    const roles = auth.user.roles();
    if (can(roles, 'audit.plan')) return this.engagements.list(auth, query, 'planner');
    if (can(roles, 'audit.conduct')) return this.engagements.list(auth, query, 'auditor');
    throw MizanException.forbidden('Only officers and auditors see audit engagements');
  }

  @RequirePermission('audit.plan')
  @ApiOperation({ summary: 'Plan an audit engagement: kind, scope, period, firm, auditors, milestones' })
  @ErrorResponses(422)
  @Post(AuditPaths.engagements)
  plan(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: PlanEngagementDto): Promise<EngagementView> {
    return this.engagements.plan(auth, body);
  }

  @RequirePermission('audit.plan')
  @ApiOperation({ summary: 'List the agency’s users holding the auditor role' })
  @Get(AuditPaths.auditorCandidates)
  candidates(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<AuditorCandidateView[]> {
    return this.engagements.auditorCandidates(auth);
  }

  @RequirePermission('audit.plan')
  @ApiOperation({ summary: 'Assurance per live grant in the last 12 months (visits, spot checks, audits) against its risk rating' })
  @Get(AuditPaths.assurance)
  assurance(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: AssuranceQueryDto): Promise<AssuranceView> {
    return this.assuranceService.assurance(auth, query);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read an audit engagement: scope, auditors, counts, history and what the caller may do' })
  @ErrorResponses(404)
  @Get(AuditPaths.engagement(ENGAGEMENT))
  one(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<EngagementView> {
    return this.engagements.view(auth, id);
  }

  @RequirePermission('audit.plan')
  @ApiOperation({ summary: 'Change an engagement’s plan (while planned or in fieldwork)' })
  @ErrorResponses(404, 409, 422)
  @Patch(AuditPaths.engagement(ENGAGEMENT))
  update(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: UpdateEngagementDto): Promise<EngagementView> {
    return this.engagements.update(auth, id, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Move an engagement to its next (or previous) stage, with a reason' })
  @ErrorResponses(404, 409)
  @Post(AuditPaths.transition(ENGAGEMENT))
  @HttpCode(200)
  transition(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: TransitionEngagementDto): Promise<EngagementView> {
    return this.engagements.transition(auth, id, body);
  }

  @RequirePermission('audit.plan')
  @ApiOperation({ summary: 'Put an auditor on an engagement' })
  @ErrorResponses(404, 409, 422)
  @Post(AuditPaths.auditors(ENGAGEMENT))
  @HttpCode(200)
  addAuditor(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: AddAuditorDto): Promise<EngagementView> {
    return this.engagements.addAuditor(auth, id, body);
  }

  @RequirePermission('audit.plan')
  @ApiOperation({ summary: 'Take an auditor off an engagement, with a reason' })
  @ErrorResponses(404, 409)
  @Post(AuditPaths.auditorRemoval(ENGAGEMENT, ':userId'))
  @HttpCode(200)
  removeAuditor(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('userId') userId: string,
    @Body() body: RemoveAuditorDto,
  ): Promise<EngagementView> {
    return this.engagements.removeAuditor(auth, id, userId, body.reason);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the grants in an engagement’s scope, with their risk rating' })
  @ErrorResponses(404)
  @Get(AuditPaths.scopeGrants(ENGAGEMENT))
  scopeGrants(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ScopeGrantView[]> {
    return this.engagements.scopeGrants(auth, id);
  }
}
