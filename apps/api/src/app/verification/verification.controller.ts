import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LineMessageView, RefundPositionView, ReportDecisionView, VerificationProgressView, VerifiedLineView } from '@mizan/contracts';
import { IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { RefundsService, VerificationService } from '@mizan/server/reporting';
import { Idempotent } from '../http/idempotency';
import { ErrorResponses } from '../openapi/error-responses';
import { AcceptReportDto, LineMessageDto, OffsetRefundDto, RecordRepaymentDto, ReturnReportDto, VerifyLineDto } from './verification.dto';

/**
 * Verification of a submitted report by an officer of its agency (`grant.manage`;
 * another agency's report is 404), the line threads (officer, grantee member,
 * partner: session.own, then the relation to the grant decides, others 404),
 * and refunds: the position (grant.read), repayments (finance, payment.execute),
 * offsets against a tranche (officer, payment.request). See docs/verification.md.
 */
@ApiTags('verification')
@Controller()
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @RequirePermission('grant.manage', 'audit.conduct')
  @ApiOperation({ summary: 'Verification progress of a report' })
  @Get('reports/:reportId/verification')
  progress(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('reportId') reportId: string): Promise<VerificationProgressView> {
    return this.verification.progress(auth, reportId);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Accept, question or find ineligible one line (accept/ineligible post to the ledger)' })
  @ErrorResponses(422)
  @HttpCode(200)
  @Post('reports/:reportId/lines/:lineId/verify')
  verify(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('reportId') reportId: string,
    @IdParam('lineId') lineId: string,
    @Body() body: VerifyLineDto,
  ): Promise<VerifiedLineView> {
    return this.verification.verifyLine(auth, reportId, lineId, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'The thread of a line (officer, grantee member, partner)' })
  @Get('reports/:reportId/lines/:lineId/messages')
  messages(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('reportId') reportId: string, @IdParam('lineId') lineId: string): Promise<LineMessageView[]> {
    return this.verification.messages(auth, reportId, lineId);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Post on a line’s thread: an officer’s question or the grantee’s answer' })
  @Post('reports/:reportId/lines/:lineId/messages')
  postMessage(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('reportId') reportId: string,
    @IdParam('lineId') lineId: string,
    @Body() body: LineMessageDto,
  ): Promise<LineMessageView> {
    return this.verification.postMessage(auth, reportId, lineId, body.body);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Accept a report (every line accepted or ineligible); the next tranche’s report condition then holds' })
  @ErrorResponses(422)
  @HttpCode(200)
  @Post('reports/:reportId/accept')
  accept(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('reportId') reportId: string, @Body() body: AcceptReportDto): Promise<ReportDecisionView> {
    return this.verification.acceptReport(auth, reportId, body);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Return a report to the grantee with a reason' })
  @HttpCode(200)
  @Post('reports/:reportId/return')
  returnReport(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('reportId') reportId: string, @Body() body: ReturnReportDto): Promise<ReportDecisionView> {
    return this.verification.returnReport(auth, reportId, body);
  }
}

@ApiTags('verification')
@Controller()
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @RequirePermission('grant.read', 'audit.conduct')
  @ApiOperation({ summary: 'A grant’s refund position (receivable, repaid, offset)' })
  @Get('grants/:id/refunds')
  position(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<RefundPositionView> {
    return this.refunds.position(auth, id);
  }

  @RequirePermission('payment.execute')
  @Idempotent()
  @ApiOperation({ summary: 'Record a refund repaid by the grantee (ledger: refund receivable → refunded)' })
  @ErrorResponses(422)
  @Post('grants/:id/refunds/repayments')
  repay(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RecordRepaymentDto): Promise<RefundPositionView> {
    return this.refunds.recordRepayment(auth, id, body);
  }

  @RequirePermission('payment.request')
  @Idempotent()
  @ApiOperation({ summary: 'Offset the refund against a tranche not yet requested (it is then paid net)' })
  @ErrorResponses(422)
  @Post('grants/:id/refunds/offsets')
  offset(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: OffsetRefundDto): Promise<RefundPositionView> {
    return this.refunds.offset(auth, id, body);
  }
}
