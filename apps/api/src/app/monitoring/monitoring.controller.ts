import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  GrantMonitoringView,
  MonitoredGrantSummary,
  MonitoringPolicyView,
  MonitoringVisitView,
  MonitorUserView,
  SecurityLevelHistoryView,
  SecurityLevelView,
  VISIT_FILE_MAX_BYTES,
  VisitFileView,
  can,
} from '@mizan/contracts';
import { IdParam } from '@mizan/server/core';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission } from '@mizan/server/identity';
import { MonitoringService, MonitoringSide } from '@mizan/server/reporting';
import { sendStoredFile } from '../http/download';
import { AcceptsUpload } from '../http/http-input';
import { ErrorResponses } from '../openapi/error-responses';
import { readSingleUpload } from '../uploads/read-upload';
import { AssignMonitorDto, HistoryQueryDto, OverviewQueryDto, RecordVisitDto, RemoveMonitorDto, SetSecurityLevelDto, UpdateMonitoringPolicyDto } from './monitoring.dto';

/** A visit file upload: the visit must be the caller's to see before a byte is read. */
async function receiveFile(service: MonitoringService, auth: AuthenticatedRequestContext, side: MonitoringSide, ids: [string, string], request: FastifyRequest): Promise<VisitFileView> {
  await service.assertVisit(auth, ids[0], ids[1], side);
  const upload = await readSingleUpload(request, VISIT_FILE_MAX_BYTES);
  return service.addVisitFile(auth, ids[0], ids[1], side, upload);
}

/** Officers read any grant of the agency; an auditor (without monitoring.manage) only grants in an open engagement's scope. */
const readSide = (auth: AuthenticatedRequestContext): MonitoringSide => (can(auth.user.roles(), 'monitoring.manage') ? 'officer' : 'auditor');

async function sendFile(service: MonitoringService, auth: AuthenticatedRequestContext, side: MonitoringSide, ids: [string, string, string], reply: FastifyReply): Promise<void> {
  const { view, stream } = await service.openVisitFile(auth, ids[0], ids[1], ids[2], side);
  await sendStoredFile(reply, view, stream);
}

/**
 * Monitoring, officer side (`monitoring.manage`): governorate security levels
 * with history, the agency's monitoring policy, the monitoring overview,
 * monitor assignment and visits on any grant of the agency (another agency's
 * grant is 404).
 */
@ApiTags('monitoring')
@Controller()
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'List every governorate with its current security level' })
  @Get('monitoring/security-levels')
  levels(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<SecurityLevelView[]> {
    return this.monitoring.securityLevels(auth);
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Read the security-level history of a governorate' })
  @ErrorResponses(404)
  @Get('monitoring/security-levels/history')
  history(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: HistoryQueryDto): Promise<SecurityLevelHistoryView> {
    return this.monitoring.securityLevelHistory(auth, query.governorate);
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Set a governorate’s security level from a date' })
  @ErrorResponses(404)
  @Post('monitoring/security-levels')
  @HttpCode(200)
  setLevel(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: SetSecurityLevelDto): Promise<SecurityLevelHistoryView> {
    return this.monitoring.setSecurityLevel(auth, body.governorateCode, body);
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Read the agency’s monitoring policy' })
  @Get('monitoring/policy')
  policy(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<MonitoringPolicyView> {
    return this.monitoring.policy(auth);
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Change the agency’s monitoring policy' })
  @Put('monitoring/policy')
  updatePolicy(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: UpdateMonitoringPolicyDto): Promise<MonitoringPolicyView> {
    return this.monitoring.updatePolicy(auth, body.policy, body.reason);
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'List the monitored grants with their monitoring status' })
  @Get('monitoring/grants')
  overview(@CurrentAuth() auth: AuthenticatedRequestContext, @Query() query: OverviewQueryDto): Promise<MonitoredGrantSummary[]> {
    return this.monitoring.overview(auth, query.overdue === 'true');
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'List the agency’s users holding the monitor role' })
  @Get('monitoring/monitors')
  monitors(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<MonitorUserView[]> {
    return this.monitoring.monitorUsers(auth);
  }

  @RequirePermission('monitoring.manage', 'audit.conduct')
  @ApiOperation({ summary: 'Read a grant’s monitoring: status, visits, monitors' })
  @Get('grants/:id/monitoring')
  grant(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<GrantMonitoringView> {
    return this.monitoring.grantMonitoring(auth, id, readSide(auth));
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Record a monitoring visit on a grant' })
  @Post('grants/:id/monitoring/visits')
  recordVisit(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RecordVisitDto): Promise<MonitoringVisitView> {
    return this.monitoring.recordVisit(auth, id, body, 'officer');
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Add a photo or PDF to a monitoring visit' })
  @Post('grants/:id/monitoring/visits/:visitId/files')
  @AcceptsUpload()
  addFile(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('visitId') visitId: string, @Req() request: FastifyRequest): Promise<VisitFileView> {
    return receiveFile(this.monitoring, auth, 'officer', [id, visitId], request);
  }

  @RequirePermission('monitoring.manage', 'audit.conduct')
  @ApiOperation({ summary: 'Download a file of a monitoring visit' })
  @Get('grants/:id/monitoring/visits/:visitId/files/:fileId')
  download(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('visitId') visitId: string,
    @IdParam('fileId') fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return sendFile(this.monitoring, auth, readSide(auth), [id, visitId, fileId], reply);
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Assign a monitor to a grant' })
  @Post('grants/:id/monitors')
  assign(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: AssignMonitorDto): Promise<GrantMonitoringView> {
    return this.monitoring.assignMonitor(auth, id, body.userId);
  }

  @RequirePermission('monitoring.manage')
  @ApiOperation({ summary: 'Remove a monitor from a grant' })
  @Post('grants/:id/monitors/:userId/remove')
  @HttpCode(200)
  remove(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('userId') userId: string, @Body() body: RemoveMonitorDto): Promise<GrantMonitoringView> {
    return this.monitoring.removeMonitor(auth, id, userId, body.reason);
  }
}

/**
 * The monitor's own routes (`monitoring.visit`): only the grants assigned to
 * the caller (and not removed); any other grant is 404, whether it exists or not.
 */
@ApiTags('monitoring')
@Controller('monitor/grants')
export class MonitorController {
  constructor(private readonly monitoring: MonitoringService) {}

  @RequirePermission('monitoring.visit')
  @ApiOperation({ summary: 'List the grants assigned to me' })
  @Get()
  mine(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<MonitoredGrantSummary[]> {
    return this.monitoring.myGrants(auth);
  }

  @RequirePermission('monitoring.visit')
  @ApiOperation({ summary: 'Read an assigned grant’s monitoring' })
  @Get(':id')
  one(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<GrantMonitoringView> {
    return this.monitoring.grantMonitoring(auth, id, 'monitor');
  }

  @RequirePermission('monitoring.visit')
  @ApiOperation({ summary: 'Record a visit on an assigned grant' })
  @Post(':id/visits')
  recordVisit(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: RecordVisitDto): Promise<MonitoringVisitView> {
    return this.monitoring.recordVisit(auth, id, body, 'monitor');
  }

  @RequirePermission('monitoring.visit')
  @ApiOperation({ summary: 'Add a photo or PDF to a visit on an assigned grant' })
  @Post(':id/visits/:visitId/files')
  @AcceptsUpload()
  addFile(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @IdParam('visitId') visitId: string, @Req() request: FastifyRequest): Promise<VisitFileView> {
    return receiveFile(this.monitoring, auth, 'monitor', [id, visitId], request);
  }

  @RequirePermission('monitoring.visit')
  @ApiOperation({ summary: 'Download a file of a visit on an assigned grant' })
  @Get(':id/visits/:visitId/files/:fileId')
  download(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('id') id: string,
    @IdParam('visitId') visitId: string,
    @IdParam('fileId') fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return sendFile(this.monitoring, auth, 'monitor', [id, visitId, fileId], reply);
  }
}
