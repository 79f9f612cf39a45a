import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationDecisionView, CallDecisionsView, EnvelopeView, FundingDecisionView } from '@mizan/contracts';
import { AuthenticatedRequestContext, CurrentAuth, RequirePermission, RequireRecentAuth } from '@mizan/server/identity';
import { DecisionsService } from '@mizan/server/review';
import { CancelDecisionDto, MakeDecisionDto, SetConfirmationThresholdDto } from './decisions.dto';

/**
 * Funding decisions. Writes need `decision.make` (officers) and reach only the
 * officer's own agency (else 404). Reading an application's decision carries
 * only `session.own`: who sees what is decided per record (members see the
 * final decision, officers also the proposal), as for the application itself.
 */
@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @RequirePermission('decision.make')
  @ApiOperation({ summary: 'Propose a funding decision on an application' })
  @Post('applications/:id/decision')
  propose(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: MakeDecisionDto): Promise<FundingDecisionView> {
    return this.decisions.propose(auth, id, body);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Read an application’s funding decision' })
  @Get('applications/:id/decision')
  forApplication(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<ApplicationDecisionView> {
    return this.decisions.forApplication(auth, id);
  }

  @RequirePermission('decision.make', 'audit.conduct')
  @ApiOperation({ summary: 'Read a funding decision' })
  @Get('decisions/:id')
  get(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<FundingDecisionView> {
    return this.decisions.get(auth, id);
  }

  @RequirePermission('decision.make')
  // Confirming commits money: the second officer gives their password again first.
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Confirm a funding decision (second officer)' })
  @Post('decisions/:id/confirm')
  @HttpCode(200)
  confirm(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string): Promise<FundingDecisionView> {
    return this.decisions.confirm(auth, id);
  }

  @RequirePermission('decision.make')
  @ApiOperation({ summary: 'Cancel a funding decision' })
  @Post('decisions/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: CancelDecisionDto): Promise<FundingDecisionView> {
    return this.decisions.cancel(auth, id, body.reason);
  }

  @RequirePermission('decision.make')
  @ApiOperation({ summary: 'List a call’s funding decisions' })
  @Get('calls/:callId/decisions')
  listForCall(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('callId') callId: string): Promise<CallDecisionsView> {
    return this.decisions.listForCall(auth, callId);
  }

  @RequirePermission('decision.make')
  // Raising it lets an approval confirm itself: as sensitive as confirming one.
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Set a call’s four-eyes confirmation threshold' })
  @Put('calls/:callId/confirmation-threshold')
  setConfirmationThreshold(
    @CurrentAuth() auth: AuthenticatedRequestContext,
    @IdParam('callId') callId: string,
    @Body() body: SetConfirmationThresholdDto,
  ): Promise<EnvelopeView> {
    return this.decisions.setConfirmationThreshold(auth, callId, body.confirmationThresholdMinor, body.reason);
  }
}
