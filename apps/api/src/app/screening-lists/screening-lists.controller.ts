import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page, SANCTIONS_FILE_MAX_BYTES, SanctionsEntryView, SanctionsListVersionView, ScreeningPaths } from '@mizan/contracts';
import { IdParam, PageQueryDto } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { SanctionsImportActor, SanctionsListsService } from '@mizan/server/screening';
import { AcceptsUpload } from '../http/http-input';
import { ErrorResponses } from '../openapi/error-responses';
import { readSingleUpload } from '../uploads/read-upload';

function actorOf(auth: AuthenticatedRequestContext): SanctionsImportActor {
  return { userId: auth.user.id, agencyId: auth.user.agencyId, label: auth.user.email };
}

/**
 * Sanctions lists (issue 13), for the agency's officers and admins (`sanctions.screen`): importing a list file
 * (the UN Security Council consolidated list, validated against the UN's XSD, imported by the worker), the
 * versions imported with what changed, and one list entry. Another agency's version or entry is 404.
 */
@ApiTags('screening')
@Controller()
export class ScreeningListsController {
  constructor(private readonly lists: SanctionsListsService) {}

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'List the sanctions list versions imported, newest first, with their progress and what changed' })
  @Get(ScreeningPaths.lists)
  versions(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: PageQueryDto): Promise<Page<SanctionsListVersionView>> {
    return this.lists.versions(auth.user.agencyId, query.page ?? 1, query.pageSize ?? 25);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Import a sanctions list file (UN SC consolidated list XML, validated against its XSD); the import runs in the background' })
  @ErrorResponses(409, 413, 415, 422)
  @Post(ScreeningPaths.lists)
  @HttpCode(202)
  @AcceptsUpload()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: `The UN Security Council consolidated list (XML), at most ${SANCTIONS_FILE_MAX_BYTES / (1024 * 1024)} MB` },
      },
    },
  })
  async import(@CurrentAuth() auth: AuthenticatedRequestContext, @Req() request: FastifyRequest): Promise<SanctionsListVersionView> {
    // A second import while one is queued or running is refused before its bytes are read.
    await this.lists.assertNoImportRunning(auth.user.agencyId);
    const upload = await readSingleUpload(request, SANCTIONS_FILE_MAX_BYTES);
    return this.lists.requestImport(actorOf(auth), upload);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Read one sanctions list version: its progress, counts and what changed since the previous version' })
  @ErrorResponses(404)
  @Get(ScreeningPaths.list(':id'))
  version(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<SanctionsListVersionView> {
    return this.lists.versionOf(auth.user.agencyId, id);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Read one sanctions list entry: all its names (with their script), birth, nationality, listing reason' })
  @ErrorResponses(404)
  @Get(ScreeningPaths.entry(':id'))
  entry(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<SanctionsEntryView> {
    return this.lists.entryOf(auth.user.agencyId, id);
  }
}
