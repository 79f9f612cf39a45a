import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationSummaryView, ApplicationVersionView, ApplicationView, IntakePaths, SubmitReceipt } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ApplicationAttachmentView, ApplicationAttachmentsService, ApplicationsService } from '@mizan/server/intake';
import { ApplicationListQueryDto, CreateApplicationDto, ReasonDto, SaveApplicationDto, ScreeningDto, VersionDto } from './applications.dto';
import { readSingleUpload } from '../../uploads/read-upload';
import { contentDisposition } from '../../http/download';
import { AcceptsUpload } from '../../http/http-input';

/** Same ceiling as MAX_UPLOAD_BYTES (create-app.ts): attachments are proposals' annexes, not archives. */
const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Reads shared by members, partners and officers carry only `session.own`:
 * who may see which application is decided per record by IntakeAccess
 * (out of reach = 404), which one permission name cannot express.
 */
@ApiTags('applications')
@Controller(IntakePaths.applications)
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly attachments: ApplicationAttachmentsService,
  ) {}

  @RequirePermission('application.own')
  @ApiOperation({ summary: 'Start an application (a draft)' })
  @Post()
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: CreateApplicationDto): Promise<ApplicationView> {
    return this.applications.create(auth, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List applications visible to the user' })
  @Get()
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: ApplicationListQueryDto): Promise<ApplicationSummaryView[]> {
    return this.applications.list(auth, { callId: query.callId });
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read an application' })
  @Get(':id')
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ApplicationView> {
    return this.applications.get(auth, id);
  }

  @RequirePermission('application.own')
  @ApiOperation({ summary: 'Save a draft application' })
  @Put(':id')
  save(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: SaveApplicationDto): Promise<ApplicationView> {
    return this.applications.save(auth, id, body);
  }

  @RequirePermission('application.own')
  @ApiOperation({ summary: 'Submit an application' })
  @Post(':id/submit')
  submit(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: VersionDto): Promise<SubmitReceipt> {
    return this.applications.submit(auth, id, body.version);
  }

  @RequirePermission('application.own')
  @ApiOperation({ summary: 'Resubmit an application returned for changes' })
  @Post(':id/resubmit')
  resubmit(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: VersionDto): Promise<SubmitReceipt> {
    return this.applications.resubmit(auth, id, body.version);
  }

  @RequirePermission('application.own')
  @ApiOperation({ summary: 'Withdraw an application' })
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ReasonDto): Promise<ApplicationView> {
    return this.applications.withdraw(auth, id, body.reason);
  }

  @RequirePermission('screening.manage')
  @ApiOperation({ summary: 'Screen an application (start, pass, return, reject)' })
  @Post(':id/screening')
  @HttpCode(200)
  screen(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ScreeningDto): Promise<ApplicationView> {
    return this.applications.screen(auth, id, body.action, body.reason ?? null);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read a submitted version of an application' })
  @Get(':id/versions/:number')
  @ApiParam({ name: 'number', schema: { type: 'integer', minimum: 1, maximum: 999_999 }, description: 'The version number (1 is the first submission)' })
  version(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Param('number') number: string): Promise<ApplicationVersionView> {
    return this.applications.version(auth, id, number);
  }

  @RequirePermission('application.own')
  @ApiOperation({ summary: 'Attach a file to an application' })
  @Post(':id/attachments')
  @AcceptsUpload()
  async attach(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Req() request: FastifyRequest): Promise<ApplicationAttachmentView> {
    // Access first: a stranger learns nothing, and their upload is not even read.
    await this.applications.assertMemberOf(auth, id);
    const upload = await readSingleUpload(request, ATTACHMENT_MAX_BYTES);
    return this.attachments.add(auth, id, { buffer: upload.buffer, fileName: upload.fileName, description: upload.fields['description'] ?? '' });
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List an application’s attachments' })
  @Get(':id/attachments')
  listAttachments(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ApplicationAttachmentView[]> {
    return this.attachments.list(auth, id);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download an application’s attachment' })
  @Get(':id/attachments/:attachmentId/file')
  async download(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('attachmentId') attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { view, stream } = await this.attachments.open(auth, id, attachmentId);
    await reply
      .header('Content-Type', view.contentType)
      .header('Content-Disposition', contentDisposition(view.originalName))
      .header('Content-Length', view.sizeBytes)
      .header('X-Content-SHA256', view.sha256)
      .send(stream);
  }
}
