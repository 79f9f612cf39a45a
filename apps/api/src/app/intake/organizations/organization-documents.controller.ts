import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentView, IntakePaths } from '@mizan/contracts';
import { DOCUMENT_KINDS } from '@mizan/domain';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { DueDiligenceDocumentsService } from '@mizan/server/intake';
import { MAX_UPLOAD_BYTES } from '../../create-app';
import { readSingleUpload } from '../../uploads/read-upload';
import { contentDisposition } from '../../http/download';
import { AcceptsUpload } from '../../http/http-input';
import { ORGANIZATION_READERS, requireOneOf } from './require-one-of';

@ApiTags('due diligence')
@Controller(IntakePaths.organizations)
export class OrganizationDocumentsController {
  constructor(private readonly documents: DueDiligenceDocumentsService) {}

  @RequirePermission('organization.own')
  @ApiOperation({ summary: 'Upload a due-diligence document' })
  @Post(':id/documents')
  @AcceptsUpload()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: { kind: { type: 'string', enum: [...DOCUMENT_KINDS] }, file: { type: 'string', format: 'binary', description: 'PDF, PNG or JPEG, at most 10 MB' } },
    },
  })
  async upload(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Req() request: FastifyRequest): Promise<DocumentView> {
    await this.documents.assertMayUpload(auth, id);
    const upload = await readSingleUpload(request, MAX_UPLOAD_BYTES);
    return this.documents.upload(auth, id, upload.fields['kind'], { fileName: upload.fileName, declaredType: upload.mimeType, content: upload.buffer });
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List an organization’s documents' })
  @Get(':id/documents')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<DocumentView[]> {
    requireOneOf(auth, ORGANIZATION_READERS);
    return this.documents.list(auth, id);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Download an organization’s document' })
  @Get(':id/documents/:documentId/file')
  async download(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('documentId') documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireOneOf(auth, ORGANIZATION_READERS);
    const { view, stream } = await this.documents.open(auth, id, documentId);
    await reply
      .header('Content-Type', view.contentType)
      .header('Content-Disposition', contentDisposition(view.originalName))
      .header('Content-Length', view.sizeBytes)
      .header('X-Content-SHA256', view.sha256)
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  }
}
