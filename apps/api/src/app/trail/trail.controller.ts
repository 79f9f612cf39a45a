import { Body, Controller, Get, HttpCode, Post, Query, Res, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiPaths, TrailExportView, TrailPage, TrailVerification } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { FileStore } from '@mizan/server/storage';
import { TrailExportService, TrailService, normalizeTrailFilters } from '@mizan/server/trail';
import { TrailExportRequestDto, TrailQueryDto } from './trail.dto';
import { contentDisposition } from '../http/download';
import { ErrorResponses } from '../openapi/error-responses';

@ApiTags('trail')
@Controller()
export class TrailController {
  private readonly files: FileStore;

  constructor(
    private readonly trail: TrailService,
    private readonly exports: TrailExportService,
    @Inject(MIZAN_CONFIG) config: MizanConfig,
  ) {
    this.files = new FileStore(config.storageDir);
  }

  @RequirePermission('trail.read')
  @ApiOperation({ summary: 'List activity trail records, newest first, a keyset page at a time' })
  @Get(ApiPaths.trail)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: TrailQueryDto): Promise<TrailPage> {
    const filters = normalizeTrailFilters(query);
    return this.trail.list(auth.user.agencyId, filters, { after: query.after, before: query.before, pageSize: query.pageSize });
  }

  @RequirePermission('trail.verify')
  @ApiOperation({ summary: 'Verify the hash chain of the agency’s activity trail (and the legacy chain before it)' })
  @Post(ApiPaths.trailVerification)
  @HttpCode(200)
  verify(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TrailVerification> {
    return this.trail.verify({ agencyId: auth.user.agencyId });
  }

  @RequirePermission('trail.export')
  @ApiOperation({ summary: 'Request a signed export of the activity trail' })
  @Post(ApiPaths.trailExports)
  @HttpCode(202)
  requestExport(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: TrailExportRequestDto): Promise<TrailExportView> {
    return this.exports.request({ userId: auth.user.id, agencyId: auth.user.agencyId }, normalizeTrailFilters(body?.filters));
  }

  @RequirePermission('trail.export')
  @ApiOperation({ summary: 'List activity trail exports' })
  @Get(ApiPaths.trailExports)
  listExports(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TrailExportView[]> {
    return this.exports.listRecent(auth.user.agencyId);
  }

  @RequirePermission('trail.export')
  @ApiOperation({ summary: 'Read an activity trail export' })
  @Get(`${ApiPaths.trailExports}/:id`)
  getExport(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<TrailExportView> {
    return this.exports.get(auth.user.agencyId, id);
  }

  @RequirePermission('trail.export')
  @ApiOperation({ summary: 'Download an activity trail export’s file' })
  @ErrorResponses(409)
  @Get(`${ApiPaths.trailExports}/:id/file`)
  async download(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const doc = await this.exports.document(auth.user.agencyId, id);
    const stream = await this.files.open(doc.storageKey);
    await reply
      .header('Content-Type', doc.contentType)
      .header('Content-Disposition', contentDisposition(doc.fileName))
      .header('Content-Length', doc.sizeBytes)
      .header('X-Content-SHA256', doc.sha256)
      .send(stream);
  }
}
