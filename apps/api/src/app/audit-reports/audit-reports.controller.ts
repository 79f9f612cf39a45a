import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuditReportView, ReconciliationView } from '@mizan/contracts';
import { AuditReportsService, ReconciliationService } from '@mizan/server/audit';
import { IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { sendStoredFile } from '../http/download';
import { ErrorResponses } from '../openapi/error-responses';
import { RequestAuditReportDto } from './audit-reports.dto';

/**
 * Ledger reconciliation and audit reports of an engagement (issue 12). Planners (audit.plan, the agency's
 * engagements) and the engagement's auditors read; only its auditors ask for a report. Anyone else — another
 * agency, another engagement's auditor — gets 404 (AuditAccess).
 */
@ApiTags('audit')
@Controller()
export class AuditReportsController {
  constructor(
    private readonly reports: AuditReportsService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Reconcile the ledger of the engagement’s scope: payments, verified expenditure and refunds, with every difference' })
  @ErrorResponses(404)
  @Get('audit/engagements/:id/reconciliation')
  reconcile(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ReconciliationView> {
    return this.reconciliation.forEngagement(auth, id);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the audit reports of an engagement (versions, latest first) with progress' })
  @ErrorResponses(404)
  @Get('audit/engagements/:id/reports')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<AuditReportView[]> {
    return this.reports.list(auth, id);
  }

  @RequirePermission('audit.conduct')
  @ApiOperation({ summary: 'Build an audit report (draft or final); the same engagement and data give the same report' })
  @ErrorResponses(400, 403, 404, 409, 422)
  @HttpCode(202)
  @Post('audit/engagements/:id/reports')
  async request(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RequestAuditReportDto): Promise<AuditReportView> {
    return (await this.reports.request(auth, id, body)).report;
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read one audit report with its progress' })
  @ErrorResponses(404)
  @Get('audit/engagements/:id/reports/:reportId')
  one(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('reportId') reportId: string): Promise<AuditReportView> {
    return this.reports.get(auth, id, reportId);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download the PDF of an audit report' })
  @ErrorResponses(404, 409)
  @Get('audit/engagements/:id/reports/:reportId/file')
  async file(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('reportId') reportId: string, @Res() reply: FastifyReply): Promise<void> {
    const { view, stream } = await this.reports.openFile(auth, id, reportId);
    await sendStoredFile(reply, view, stream);
  }
}
