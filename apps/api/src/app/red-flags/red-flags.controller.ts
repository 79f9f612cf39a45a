import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RedFlagPage, RedFlagRunView, RedFlagSettingsView, RedFlagView } from '@mizan/contracts';
import { IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { RedFlagsService } from '@mizan/server/reporting';
import { ErrorResponses } from '../openapi/error-responses';
import { RedFlagListQueryDto, RedFlagReasonDto, RedFlagSettingsDto } from './red-flags.dto';

/**
 * Red flags (issue 11), for the officers of the agency (`red_flag.manage`): the agency's and a grant's flags with
 * the lines they name and their history, clearing and escalating with a reason, the engine's runs and thresholds.
 * Another agency's flag or grant is 404.
 */
@ApiTags('red-flags')
@Controller()
export class RedFlagsController {
  constructor(private readonly flags: RedFlagsService) {}

  @RequirePermission('red_flag.manage')
  @ApiOperation({ summary: 'List the red-flag runs of the agency, latest first, with progress' })
  @Get('red-flags/runs')
  runs(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<RedFlagRunView[]> {
    return this.flags.latestRuns(auth);
  }

  @RequirePermission('red_flag.manage')
  @ApiOperation({ summary: 'Run the red-flag engine over the agency now' })
  @Post('red-flags/runs')
  runNow(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<RedFlagRunView> {
    return this.flags.runNow(auth);
  }

  @RequirePermission('red_flag.manage')
  @ApiOperation({ summary: 'Read the red-flag thresholds of the agency (defaults and overrides)' })
  @Get('red-flags/settings')
  settings(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<RedFlagSettingsView> {
    return this.flags.settings(auth);
  }

  @RequirePermission('red_flag.manage')
  @ApiOperation({ summary: 'Replace the red-flag threshold overrides of the agency (queues a run)' })
  @ErrorResponses(400)
  @Put('red-flags/settings')
  updateSettings(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: RedFlagSettingsDto): Promise<RedFlagSettingsView> {
    // Plain JSON: the DTO instance carries its unset optional fields as undefined.
    return this.flags.updateSettings(auth, JSON.parse(JSON.stringify(body)) as unknown);
  }

  @RequirePermission('red_flag.manage')
  @ApiOperation({ summary: 'List the red flags of the agency or a program, with counts by rule and severity' })
  @Get('red-flags')
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: RedFlagListQueryDto): Promise<RedFlagPage> {
    return this.flags.list(auth, query);
  }

  @RequirePermission('red_flag.manage', 'audit.conduct')
  @ApiOperation({ summary: 'List the red flags of a grant' })
  @Get('grants/:id/red-flags')
  ofGrant(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Query() query: RedFlagListQueryDto): Promise<RedFlagPage> {
    return this.flags.ofGrant(auth, id, query);
  }

  @RequirePermission('red_flag.manage', 'audit.conduct')
  @ApiOperation({ summary: 'Read a red flag with its lines and history' })
  @Get('red-flags/:id')
  one(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<RedFlagView> {
    return this.flags.one(auth, id);
  }

  @RequirePermission('red_flag.manage')
  @ApiOperation({ summary: 'Clear a red flag (with the reason it is not a problem)' })
  @ErrorResponses(400, 409)
  @HttpCode(200)
  @Post('red-flags/:id/clear')
  clear(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RedFlagReasonDto): Promise<RedFlagView> {
    return this.flags.clear(auth, id, body.reason);
  }

  @RequirePermission('red_flag.manage')
  @ApiOperation({ summary: 'Escalate a red flag (with the reason)' })
  @ErrorResponses(400, 409)
  @HttpCode(200)
  @Post('red-flags/:id/escalate')
  escalate(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RedFlagReasonDto): Promise<RedFlagView> {
    return this.flags.escalate(auth, id, body.reason);
  }
}
