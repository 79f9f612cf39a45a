import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScreeningPaths } from '@mizan/contracts';
import type { KeysetPage, OrganizationScreeningView, ScreeningMatchDetail, ScreeningMatchView } from '@mizan/contracts';
import { IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ScreeningMatchesService } from '@mizan/server/screening';
import { ErrorResponses } from '../openapi/error-responses';
import { ScreeningMatchListQueryDto, ScreeningResolutionDto, ScreeningSecondDto } from './screening-matches.dto';

/**
 * The sanctions screening queue (issue 13), for officers and admins (`sanctions.screen`): potential matches of
 * the agency's parties, each with its list entry and why it matched; resolving (four eyes for confirming and for
 * clearing a high score); an organization's screening status. Another agency's match or organization is 404.
 */
@ApiTags('screening')
@Controller()
export class ScreeningMatchesController {
  constructor(private readonly matches: ScreeningMatchesService) {}

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'List the potential sanctions matches (the queue: open and waiting for a second officer unless a state is asked for), a keyset page at a time' })
  @Get(ScreeningPaths.matches)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: ScreeningMatchListQueryDto): Promise<KeysetPage<ScreeningMatchView>> {
    return this.matches.list(auth, query);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Read a potential match with the party, the whole list entry and why it matched' })
  @Get(ScreeningPaths.match(':id'))
  one(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ScreeningMatchDetail> {
    return this.matches.one(auth, id);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Resolve an open match: clear a false positive below the high score, or propose a resolution for a second officer' })
  @ErrorResponses(400, 409)
  @HttpCode(200)
  @Post(ScreeningPaths.matchResolution(':id'))
  resolve(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ScreeningResolutionDto): Promise<ScreeningMatchDetail> {
    return this.matches.resolve(auth, id, body);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'As the second officer, agree with the proposed resolution or send it back' })
  @ErrorResponses(400, 409, 422)
  @HttpCode(200)
  @Post(ScreeningPaths.matchSecond(':id'))
  second(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ScreeningSecondDto): Promise<ScreeningMatchDetail> {
    return this.matches.second(auth, id, body);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Read the screening status of an organization, its partners and people' })
  @Get(ScreeningPaths.organization(':organizationId'))
  organization(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('organizationId') organizationId: string): Promise<OrganizationScreeningView> {
    return this.matches.organization(auth, organizationId);
  }
}
