import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallVersionView, CallView, IntakePaths, KeysetPage, ScreeningQueueItem, ScreeningQueueSummary } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { CallsService, ScreeningQueueService } from '@mizan/server/intake';
import { CallListQueryDto, CorrectCallDto, CreateCallDto, ScreeningQueueQueryDto } from './calls.dto';

@ApiTags('calls')
@Controller()
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly screening: ScreeningQueueService,
  ) {}

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'Create a call for proposals in a program' })
  @Post(`${IntakePaths.programs}/:id/calls`)
  create(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') programId: string, @Body() body: CreateCallDto): Promise<CallView> {
    return this.calls.create(auth, programId, body);
  }

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'List calls' })
  @Get(IntakePaths.calls)
  list(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: CallListQueryDto): Promise<CallView[]> {
    return this.calls.list(auth, query.programId);
  }

  @RequirePermission('call.browse')
  @ApiOperation({ summary: 'List calls open for applications' })
  @Get(IntakePaths.openCalls)
  open(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<CallView[]> {
    return this.calls.openCalls(auth);
  }

  /** Officers of the agency, or applicants once the call is published: the service decides. */
  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read a call' })
  @Get(`${IntakePaths.calls}/:id`)
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<CallView> {
    return this.calls.get(auth, id);
  }

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'Update a draft call' })
  @Put(`${IntakePaths.calls}/:id`)
  update(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: CreateCallDto): Promise<CallView> {
    return this.calls.update(auth, id, body);
  }

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'Publish a call' })
  @Post(`${IntakePaths.calls}/:id/publish`)
  @HttpCode(200)
  publish(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<CallView> {
    return this.calls.publish(auth, id);
  }

  @RequirePermission('program.manage')
  @ApiOperation({ summary: 'Correct a published call (a new version)' })
  @Post(`${IntakePaths.calls}/:id/corrections`)
  correct(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: CorrectCallDto): Promise<CallView> {
    return this.calls.correct(auth, id, body);
  }

  /** Same reach as the call itself. */
  @RequirePermission('session.own')
  @ApiOperation({ summary: 'List a call’s versions' })
  @Get(`${IntakePaths.calls}/:id/versions`)
  versions(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<CallVersionView[]> {
    return this.calls.versions(auth, id);
  }

  @RequirePermission('screening.manage')
  @ApiOperation({ summary: 'List a call’s applications awaiting screening' })
  @Get(`${IntakePaths.calls}/:id/screening`)
  screeningQueue(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @Query() query: ScreeningQueueQueryDto,
  ): Promise<KeysetPage<ScreeningQueueItem>> {
    return this.screening.queue(auth, id, query);
  }

  @RequirePermission('screening.manage')
  @ApiOperation({ summary: 'Count a call’s screening queue by state, eligibility and clearance (the chart)' })
  @Get(`${IntakePaths.calls}/:id/screening/summary`)
  screeningSummary(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ScreeningQueueSummary> {
    return this.screening.summary(auth, id);
  }
}
