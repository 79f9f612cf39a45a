import type {} from '@fastify/multipart';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentView, ErrorCode, IntakePaths } from '@mizan/contracts';
import { DOCUMENT_KINDS } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { DueDiligenceDocumentsService, UploadedDueDiligenceFile, documentTooLarge } from '@mizan/server/intake';
import { ORGANIZATION_READERS, requireOneOf } from './require-one-of';

function malformed(message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, message, [{ field: 'file', message }]);
}

/** Reads the `kind` field and the one file of a multipart upload, mapping the parser's limits to our error codes. */
async function readUpload(request: FastifyRequest): Promise<{ kind: string | undefined; file: UploadedDueDiligenceFile | null }> {
  if (!request.isMultipart()) throw malformed('Send the document as multipart/form-data with the fields kind and file');
  let kind: string | undefined;
  let file: UploadedDueDiligenceFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        file = { fileName: part.filename, declaredType: part.mimetype, content };
      } else if (part.fieldname === 'kind') {
        kind = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw documentTooLarge();
    if (code === 'FST_FILES_LIMIT') throw malformed('Upload one file at a time');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw malformed('Too many fields in this upload');
    throw error;
  }
  return { kind, file };
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('due diligence')
@Controller(IntakePaths.organizations)
export class OrganizationDocumentsController {
  constructor(private readonly documents: DueDiligenceDocumentsService) {}

  @RequirePermission('organization.own')
  @Post(':id/documents')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: { kind: { type: 'string', enum: [...DOCUMENT_KINDS] }, file: { type: 'string', format: 'binary', description: 'PDF, PNG or JPEG, at most 10 MB' } },
    },
  })
  async upload(@CurrentAuth() auth: AuthenticatedRequestContext, @Param('id') id: string, @Req() request: FastifyRequest): Promise<DocumentView> {
    await this.documents.assertMayUpload(auth, id);
    const { kind, file } = await readUpload(request);
    return this.documents.upload(auth, id, kind, file);
  }

  @RequirePermission('session.own')
  @Get(':id/documents')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Param('id') id: string): Promise<DocumentView[]> {
    requireOneOf(auth, ORGANIZATION_READERS);
    return this.documents.list(auth, id);
  }

  @RequirePermission('session.own')
  @Get(':id/documents/:documentId/file')
  async download(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
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
