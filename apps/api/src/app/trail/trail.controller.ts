import { Body, Controller, Get, HttpCode, Post, Query, Res, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiPaths, TrailExportView, TrailPage, TrailVerification } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { FileStore } from '@mizan/server/storage';
import { TrailExportService, TrailService, normalizeTrailFilters } from '@mizan/server/trail';
import { TrailExportRequestDto, TrailQueryDto } from './trail.dto';
import { contentDisposition } from '../http/download';

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
  @Get(ApiPaths.trail)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: TrailQueryDto): Promise<TrailPage> {
    const filters = normalizeTrailFilters(query);
    return this.trail.list(auth.user.agencyId, { ...filters, page: query.page ?? 1, pageSize: query.pageSize ?? 25 });
  }

  @RequirePermission('trail.verify')
  @Post(ApiPaths.trailVerification)
  @HttpCode(200)
  verify(): Promise<TrailVerification> {
    return this.trail.verify();
  }

  @RequirePermission('trail.export')
  @Post(ApiPaths.trailExports)
  @HttpCode(202)
  requestExport(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: TrailExportRequestDto): Promise<TrailExportView> {
    return this.exports.request({ userId: auth.user.id, agencyId: auth.user.agencyId }, normalizeTrailFilters(body?.filters));
  }

  @RequirePermission('trail.export')
  @Get(ApiPaths.trailExports)
  listExports(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TrailExportView[]> {
    return this.exports.listRecent(auth.user.agencyId);
  }

  @RequirePermission('trail.export')
  @Get(`${ApiPaths.trailExports}/:id`)
  getExport(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<TrailExportView> {
    return this.exports.get(auth.user.agencyId, id);
  }

  @RequirePermission('trail.export')
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
