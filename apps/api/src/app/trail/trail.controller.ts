import { Controller, Get, HttpCode, Post, Query, Res, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ActivityRecordView, ApiPaths, ErrorCode, Page, TrailExportView, TrailVerification } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig, MizanException, IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { FileStore } from '@mizan/server/storage';
import { TrailExportService, TrailService } from '@mizan/server/trail';
import { TrailQueryDto } from './trail.dto';
import { contentDisposition } from '../http/download';
import { ErrorResponses } from '../openapi/error-responses';

function parseBound(value: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (!value) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T${field === 'from' ? '00:00:00.000' : '23:59:59.999'}Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new MizanException(ErrorCode.ValidationFailed, `Invalid ${field}`, [{ field, message: `${field} is not a valid date` }]);
  }
  return date;
}

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
  @ApiOperation({ summary: 'List activity trail records' })
  @Get(ApiPaths.trail)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: TrailQueryDto): Promise<Page<ActivityRecordView>> {
    const from = parseBound(query.from, 'from');
    const to = parseBound(query.to, 'to');
    if (from && to && from > to) {
      throw new MizanException(ErrorCode.ValidationFailed, 'from must not be after to', [{ field: 'from', message: 'must not be after to' }]);
    }
    return this.trail.list(auth.user.agencyId, {
      actor: query.actor?.trim() || undefined,
      entityType: query.entityType?.trim() || undefined,
      entityId: query.entityId?.trim() || undefined,
      from,
      to,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 25,
    });
  }

  @RequirePermission('trail.verify')
  @ApiOperation({ summary: 'Verify the activity trail’s hash chain' })
  @Post(ApiPaths.trailVerification)
  @HttpCode(200)
  verify(): Promise<TrailVerification> {
    return this.trail.verify();
  }

  @RequirePermission('trail.export')
  @ApiOperation({ summary: 'Request a signed export of the activity trail' })
  @Post(ApiPaths.trailExports)
  @HttpCode(202)
  requestExport(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TrailExportView> {
    return this.exports.request({ userId: auth.user.id, agencyId: auth.user.agencyId });
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
