import { Controller, Delete, Get, Head, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReportFileView, UploadResultView } from '@mizan/contracts';
import { IdParam, MizanException } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ReportFilesService, TusUploads, UPLOAD_ID, declaredLength, parseUploadMetadata } from '@mizan/server/reporting';
import { sendStoredFile } from '../http/download';
import { TusRoute } from '../http/http-input';
import { ErrorResponses } from '../openapi/error-responses';

/** An upload id in a path (a UUID, checked by @IdParam): 404 like any id that is not there. */
function uploadId(id: string): string {
  if (!UPLOAD_ID.test(id)) throw MizanException.notFound('Upload');
  return id;
}

/**
 * Resumable uploads (tus 1.0.0) of report files. Every route needs a session;
 * who may add a file to which report or line is checked per report (grantee
 * members and partners of the grant, while it is editable); an upload in
 * progress is its creator's alone (anyone else: 404). The tus server answers
 * on the hijacked reply.
 */
@ApiTags('report files')
@Controller()
export class TusUploadsController {
  constructor(
    private readonly tus: TusUploads,
    private readonly files: ReportFilesService,
  ) {}

  private async hand(auth: AuthenticatedRequestContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.hijack();
    await this.tus.handle(auth, request.raw, reply.raw);
  }

  private async owned(auth: AuthenticatedRequestContext, id: string): Promise<void> {
    if ((await this.tus.ownerOf(uploadId(id))) !== auth.user.id) throw MizanException.notFound('Upload');
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Start a resumable upload of a receipt or evidence (tus creation)' })
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'The file size in bytes (at most 15 MB)' })
  @ApiHeader({ name: 'Upload-Metadata', required: true, description: 'tus metadata: purpose (receipt|evidence), reportId, lineId (receipts), filename, filetype' })
  @ApiHeader({ name: 'Tus-Resumable', required: true, description: '1.0.0' })
  @ErrorResponses(413, 415)
  @Post('uploads/tus')
  @HttpCode(201)
  async create(@CurrentAuth() auth: AuthenticatedRequestContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    declaredLength(header('upload-length'));
    const meta = parseUploadMetadata(header('upload-metadata'));
    await this.files.uploadTarget(auth, meta);
    await this.hand(auth, request, reply);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'How much of an upload has arrived (tus offset)' })
  @Head('uploads/tus/:id')
  async head(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.owned(auth, id);
    await this.hand(auth, request, reply);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Send the next bytes of an upload (tus PATCH); the last one stores the file' })
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'Where these bytes start' })
  @ApiHeader({ name: 'Tus-Resumable', required: true, description: '1.0.0' })
  @ErrorResponses(413, 415)
  @TusRoute()
  @Patch('uploads/tus/:id')
  @HttpCode(204)
  async patch(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.owned(auth, id);
    await this.hand(auth, request, reply);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Cancel an upload in progress (tus termination)' })
  @ApiHeader({ name: 'Tus-Resumable', required: true, description: '1.0.0' })
  @Delete('uploads/tus/:id')
  @HttpCode(204)
  async cancel(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.owned(auth, id);
    await this.hand(auth, request, reply);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'The report file a finished upload became' })
  @ErrorResponses(409, 415)
  @Post('uploads/tus/:id/result')
  @HttpCode(200)
  async result(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<UploadResultView> {
    return { uploadId: uploadId(id), file: await this.tus.result(auth, id) };
  }
}

/** Files of a report: listed and downloaded by its grantee and the agency's staff, removed by the grantee while editable. */
@ApiTags('report files')
@Controller()
export class ReportFilesController {
  constructor(private readonly files: ReportFilesService) {}

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List the files of a report (receipts and evidence)' })
  @Get('reports/:id/files')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ReportFileView[]> {
    return this.files.list(auth, id);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download a report file' })
  @Get('reports/:id/files/:fileId/download')
  async download(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('fileId') fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.files.download(auth, id, fileId);
    await sendStoredFile(reply, file, await this.files.files.open(file.storageKey));
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Remove a file while its line or report is still editable' })
  @ErrorResponses(409)
  @Delete('reports/:id/files/:fileId')
  @HttpCode(204)
  remove(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('fileId') fileId: string): Promise<void> {
    return this.files.remove(auth, id, fileId);
  }
}
