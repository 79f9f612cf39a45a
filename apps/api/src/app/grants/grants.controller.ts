import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AgreementBuildView, GrantSummaryView, GrantVersionView, GrantView, GrantableDecisionView, Page } from '@mizan/contracts';
import { IdParam, MIZAN_CONFIG, MizanConfig, PageQueryDto } from '@mizan/server/core';
import { GrantAgreementsService, GrantReads, GrantsService } from '@mizan/server/finance';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission, RequireRecentAuth } from '@mizan/server/identity';
import { FileStore } from '@mizan/server/storage';
import { contentDisposition } from '../http/download';
import { Idempotent } from '../http/idempotency';
import {
  AmendGrantDto,
  CountersignDto,
  CreateGrantDto,
  GrantListQueryDto,
  RaiseFindingDto,
  ReasonDto,
  ReleaseTrancheDto,
  ReportAcceptedDto,
  SendForSignatureDto,
  SetRiskDto,
  SignAgreementDto,
  TickConditionDto,
  UpdateGrantDraftDto,
} from './grants.dto';
import { ErrorResponses } from '../openapi/error-responses';

/**
 * Grants, officer side: `grant.manage` writes, `grant.read` reads (officers,
 * finance, auditors), all within the caller's agency (another agency's grant
 * is 404). Releasing a tranche needs `payment.request`.
 */
@ApiTags('grants')
@Controller()
export class GrantsController {
  constructor(
    private readonly grants: GrantsService,
    private readonly reads: GrantReads,
  ) {}

  @RequirePermission('grant.read', 'audit.conduct')
  @ApiOperation({ summary: 'List grants' })
  @Get('grants')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: GrantListQueryDto): Promise<Page<GrantSummaryView>> {
    return this.reads.list(auth, query);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'List approved decisions without a grant yet' })
  @Get('grants/grantable')
  grantable(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<GrantableDecisionView[]> {
    return this.reads.grantable(auth);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Create a grant from an approved decision' })
  @ErrorResponses(422)
  @Post('decisions/:id/grant')
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: CreateGrantDto): Promise<GrantView> {
    return this.grants.createFromDecision(auth, id, body.grantNumber);
  }

  @RequirePermission('grant.read', 'audit.conduct')
  @ApiOperation({ summary: 'Read a grant' })
  @Get('grants/:id')
  async get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<GrantView> {
    // Officers and finance of the agency; an auditor only within the scope of an open engagement (else 404).
    const relation = await this.reads.staffRelation(auth, id);
    return this.reads.view(id, relation, auth);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Update a draft grant’s content' })
  @ErrorResponses(422)
  @Put('grants/:id/draft')
  updateDraft(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: UpdateGrantDraftDto): Promise<GrantView> {
    return this.grants.updateDraft(auth, id, body.content, body.rowVersion);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Set a grant’s risk rating and payment modality' })
  @Put('grants/:id/risk')
  setRisk(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: SetRiskDto): Promise<GrantView> {
    return this.grants.setRisk(auth, id, body);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Send a grant agreement for signature' })
  @ErrorResponses(422)
  @Post('grants/:id/send-for-signature')
  @HttpCode(200)
  send(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: SendForSignatureDto): Promise<GrantView> {
    return this.grants.sendForSignature(auth, id, body.signatoryUserId);
  }

  @RequirePermission('grant.manage')
  // Countersigning commits the money: the officer gives their password again first.
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Countersign a signed grant agreement' })
  @Post('grants/:id/countersign')
  @HttpCode(200)
  countersign(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: CountersignDto): Promise<GrantView> {
    return this.grants.countersign(auth, id, body.version);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Cancel a grant' })
  @Post('grants/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ReasonDto): Promise<GrantView> {
    return this.grants.cancel(auth, id, body.reason);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Amend an active grant (a new agreement version)' })
  @ErrorResponses(422)
  @Post('grants/:id/amendments')
  amend(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: AmendGrantDto): Promise<GrantView> {
    return this.grants.amend(auth, id, body);
  }

  @RequirePermission('grant.read', 'audit.conduct')
  @ApiOperation({ summary: 'List a grant’s versions' })
  @Get('grants/:id/versions')
  async versions(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<GrantVersionView[]> {
    await this.reads.staffRelation(auth, id);
    return this.reads.versions(id);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Raise a finding on a grant' })
  @Post('grants/:id/findings')
  raiseFinding(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RaiseFindingDto): Promise<GrantView> {
    return this.grants.raiseFinding(auth, id, body);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Close a finding on a grant' })
  @Post('grants/:id/findings/:findingId/close')
  @HttpCode(200)
  closeFinding(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('findingId') findingId: string,
    @Body() body: ReasonDto,
  ): Promise<GrantView> {
    return this.grants.closeFinding(auth, id, findingId, body.reason);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Tick or untick a tranche’s release condition' })
  @Put('grants/:id/tranches/:trancheId/conditions')
  tickCondition(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('trancheId') trancheId: string,
    @Body() body: TickConditionDto,
  ): Promise<GrantView> {
    return this.grants.tickCondition(auth, id, trancheId, body.conditionId, body.ticked, body.note);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Record a tranche’s report as accepted' })
  @Post('grants/:id/tranches/:trancheId/report-accepted')
  @HttpCode(200)
  reportAccepted(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('trancheId') trancheId: string,
    @Body() body: ReportAcceptedDto,
  ): Promise<GrantView> {
    return this.grants.reportAccepted(auth, id, trancheId, body);
  }

  // Money-moving: Idempotency-Key honoured. Without it, the tranche lock and the one-live-payment-per-tranche
  // index still make a repeated request a 409, never a second payment.
  @RequirePermission('payment.request')
  @Idempotent()
  @ApiOperation({ summary: 'Request the release of a tranche (a payment)' })
  @ErrorResponses(422)
  @Post('grants/:id/tranches/:trancheId/release')
  release(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('trancheId') trancheId: string,
    @Body() body: ReleaseTrancheDto,
  ): Promise<{ paymentId: string; grant: GrantView }> {
    return this.grants.requestRelease(auth, id, trancheId, body.note);
  }
}

/** The agreement PDF: queued by officers, downloaded by the agency's staff and the grant's grantee. The api never renders it. */
@ApiTags('grants')
@Controller()
export class GrantAgreementsController {
  private readonly files: FileStore;

  constructor(
    private readonly agreements: GrantAgreementsService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  @RequirePermission('grant.manage')
  @ApiOperation({ summary: 'Build a grant agreement document (PDF)' })
  @Post('grants/:id/agreement')
  @HttpCode(202)
  request(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<AgreementBuildView> {
    return this.agreements.request(auth, id);
  }

  // Readable by staff with grant.read and by the grantee (members, partners): checked per grant in the service.
  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List a grant’s agreement documents' })
  @Get('grants/:id/agreement')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<AgreementBuildView[]> {
    return this.agreements.list(auth, id);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download a grant agreement document' })
  @Get('grants/:id/agreement/:documentId/download')
  async download(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('documentId') documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const doc = await this.agreements.document(auth, id, documentId);
    const stream = await this.files.open(doc.storageKey);
    await reply
      .header('Content-Type', doc.contentType)
      .header('Content-Disposition', contentDisposition(doc.fileName))
      .header('Content-Length', doc.sizeBytes)
      .header('X-Content-SHA256', doc.sha256)
      .send(stream);
  }
}

/**
 * Grantee side: members of the grant's organization (`grant.own`) and partner
 * users of its application (`grant.partner`, read-only). Anyone else: 404.
 */
@ApiTags('grants')
@Controller()
export class MyGrantsController {
  constructor(
    private readonly grants: GrantsService,
    private readonly reads: GrantReads,
  ) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the grantee’s grants' })
  @Get('my/grants')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: PageQueryDto): Promise<Page<GrantSummaryView>> {
    return this.reads.mine(auth, query);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read one of the grantee’s grants' })
  @Get('my/grants/:id')
  async get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<GrantView> {
    const relation = await this.reads.granteeRelation(auth, id);
    return this.reads.view(id, relation, auth);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the versions of one of the grantee’s grants' })
  @Get('my/grants/:id/versions')
  async versions(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<GrantVersionView[]> {
    await this.reads.granteeRelation(auth, id);
    return this.reads.versions(id);
  }

  @RequirePermission('grant.own')
  // Signing binds the organization: the signatory gives their password again first.
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Sign a grant agreement as the grantee’s signatory' })
  @Post('grants/:id/sign')
  @HttpCode(200)
  sign(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: SignAgreementDto): Promise<GrantView> {
    return this.grants.sign(auth, id, body.typedName, body.version);
  }
}
