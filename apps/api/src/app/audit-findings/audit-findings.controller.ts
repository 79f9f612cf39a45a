import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditFindingView, FINDING_FILE_MAX_BYTES } from '@mizan/contracts';
import { AuditFindingsService } from '@mizan/server/audit';
import { IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { sendStoredFile } from '../http/download';
import { AcceptsUpload } from '../http/http-input';
import { ErrorResponses } from '../openapi/error-responses';
import { readUploadForm } from '../uploads/read-upload';
import { CheckFindingActionDto, ConfirmFindingRefundDto, FindingResponseDto, RaiseAuditFindingDto, UpdateAuditFindingDto } from './audit-findings.dto';

/**
 * Audit findings (issue 12, docs/audit.md). Planners (`audit.plan`) and the engagement's
 * auditors (`audit.conduct`) reach every finding of the engagement; the grantee (members
 * and partners of the finding's grant) reaches the findings on its grants once the
 * engagement is past fieldwork. Routes used by all three sides need only a session: the
 * service decides who may do what, and anyone else gets 404.
 */
@ApiTags('audit')
@Controller()
export class AuditFindingsController {
  constructor(private readonly findings: AuditFindingsService) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List an engagement’s findings (a grantee: those on their grants, once past fieldwork)' })
  @Get('audit/engagements/:id/findings')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<AuditFindingView[]> {
    return this.findings.list(auth, id);
  }

  @RequirePermission('audit.conduct')
  @ApiOperation({ summary: 'Raise a finding on a grant in scope (optionally on a sampled item)' })
  @ErrorResponses(422)
  @Post('audit/engagements/:id/findings')
  raise(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RaiseAuditFindingDto): Promise<AuditFindingView> {
    return this.findings.raise(auth, id, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read one finding with its responses and what the caller may do' })
  @Get('audit/engagements/:id/findings/:findingId')
  one(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('findingId') findingId: string): Promise<AuditFindingView> {
    return this.findings.get(auth, id, findingId);
  }

  @RequirePermission('audit.conduct')
  @ApiOperation({ summary: 'Edit a finding (the engagement’s auditor, before the final report)' })
  @ErrorResponses(422)
  @Patch('audit/engagements/:id/findings/:findingId')
  update(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('findingId') findingId: string, @Body() body: UpdateAuditFindingDto): Promise<AuditFindingView> {
    return this.findings.update(auth, id, findingId, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Respond to a finding (grantee, officer) or accept / comment (auditor)' })
  @ErrorResponses(422)
  @Post('audit/engagements/:id/findings/:findingId/responses')
  respond(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('findingId') findingId: string, @Body() body: FindingResponseDto): Promise<AuditFindingView> {
    return this.findings.respond(auth, id, findingId, body);
  }

  @RequirePermission('audit.plan')
  @ApiOperation({ summary: 'Confirm the finding’s ineligible amount as a refund receivable on the ledger (once)' })
  @ErrorResponses(422)
  @Post('audit/engagements/:id/findings/:findingId/refund')
  @HttpCode(200)
  refund(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('findingId') findingId: string, @Body() body: ConfirmFindingRefundDto): Promise<AuditFindingView> {
    return this.findings.confirmRefund(auth, id, findingId, body.reason);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Complete the agreed action: a note, and a file (required for high priority)' })
  @ErrorResponses(422)
  @Post('audit/engagements/:id/findings/:findingId/completion')
  @HttpCode(200)
  @AcceptsUpload()
  async complete(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('findingId') findingId: string, @Req() request: FastifyRequest): Promise<AuditFindingView> {
    // The finding must be the caller's to complete before a byte is read.
    await this.findings.assertCanComplete(auth, id, findingId);
    const { file, fields } = await readUploadForm(request, FINDING_FILE_MAX_BYTES, false);
    return this.findings.complete(auth, id, findingId, fields['note'] ?? '', file);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download the attachment of a completed action' })
  @Get('audit/engagements/:id/findings/:findingId/completion/file')
  async completionFile(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('findingId') findingId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { view, stream } = await this.findings.openCompletionFile(auth, id, findingId);
    await sendStoredFile(reply, view, stream);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Check a completed action (a second person: an officer or the engagement’s auditor)' })
  @ErrorResponses(422)
  @Post('audit/engagements/:id/findings/:findingId/check')
  @HttpCode(200)
  check(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('findingId') findingId: string, @Body() body: CheckFindingActionDto): Promise<AuditFindingView> {
    return this.findings.check(auth, id, findingId, body.note);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the audit findings on my grants, with what I can do' })
  @Get('audit/my-findings')
  mine(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<AuditFindingView[]> {
    return this.findings.mine(auth);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the audit findings on one grant' })
  @Get('grants/:grantId/audit-findings')
  ofGrant(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('grantId') grantId: string): Promise<AuditFindingView[]> {
    return this.findings.ofGrant(auth, grantId);
  }
}
