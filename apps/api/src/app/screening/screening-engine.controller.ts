import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScreeningPaths, type Page, type ScreeningCheckResult, type ScreeningRunView, type ScreeningSettingsView } from '@mizan/contracts';
import { IdParam, PageQueryDto } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { ScreeningChecksService, ScreeningRunsService, ScreeningSettingsService } from '@mizan/server/screening';
import { ErrorResponses } from '../openapi/error-responses';
import { ScreeningCheckDto, ScreeningSettingsDto } from './screening-engine.dto';

/**
 * Sanctions screening (issue 13), for officers (`sanctions.screen`): checking a name against the current list,
 * screening every party again, and the agency's threshold. Another agency's run is 404.
 */
@ApiTags('screening')
@Controller()
export class ScreeningEngineController {
  constructor(
    private readonly checks: ScreeningChecksService,
    private readonly runs: ScreeningRunsService,
    private readonly settings: ScreeningSettingsService,
  ) {}

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Screen one name against the current sanctions list (nothing is saved)' })
  @ErrorResponses(400, 409)
  @HttpCode(200)
  @Post(ScreeningPaths.checks)
  check(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: ScreeningCheckDto): Promise<ScreeningCheckResult> {
    return this.checks.check(auth.user.agencyId, { name: body.name, kind: body.kind });
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'List the screening runs of the agency, newest first' })
  @Get(ScreeningPaths.runs)
  listRuns(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: PageQueryDto): Promise<Page<ScreeningRunView>> {
    return this.runs.list(auth, query);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Screen every party of the agency again now (a background run)' })
  @ErrorResponses(409)
  @Post(ScreeningPaths.runs)
  runNow(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<ScreeningRunView> {
    return this.runs.runNow(auth);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Read one screening run with its progress' })
  @Get(ScreeningPaths.run(':id'))
  run(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ScreeningRunView> {
    return this.runs.one(auth, id);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Read the screening threshold and high score of the agency' })
  @Get(ScreeningPaths.settings)
  getSettings(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<ScreeningSettingsView> {
    return this.settings.get(auth);
  }

  @RequirePermission('sanctions.screen')
  @ApiOperation({ summary: 'Set the screening threshold and high score (screens every party again)' })
  @ErrorResponses(400, 409)
  @Put(ScreeningPaths.settings)
  putSettings(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: ScreeningSettingsDto): Promise<ScreeningSettingsView> {
    return this.settings.update(auth, { threshold: body.threshold, highScore: body.highScore, rowVersion: body.rowVersion });
  }
}
