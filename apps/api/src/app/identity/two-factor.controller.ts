import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  AgencySecurity,
  ReauthResult,
  RecoveryCodes,
  SessionInfo,
  TwoFactorEnabled,
  TwoFactorEnrolment,
  TwoFactorPaths,
  TwoFactorStatus,
} from '@mizan/contracts';
import {
  AllowPendingSession,
  AuthenticatedRequestContext,
  CurrentAuth,
  RequirePermission,
  RequireRecentAuth,
  SessionService,
  TwoFactorService,
} from '@mizan/server/identity';
import { ReauthDto, ResetTwoFactorDto, TwoFactorCodeDto, UpdateAgencySecurityDto } from './two-factor.dto';
import { ErrorResponses } from '../openapi/error-responses';

/** The caller's own second factor, the code step of sign-in, and re-authentication. */
@ApiTags('auth')
@Controller()
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly sessions: SessionService,
  ) {}

  @RequirePermission('session.own')
  @AllowPendingSession('enrolment', 'second_factor')
  @ApiOperation({ summary: 'Read the user’s two-factor status' })
  @Get(TwoFactorPaths.status)
  status(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TwoFactorStatus> {
    return this.twoFactor.status(auth);
  }

  @RequirePermission('session.own')
  @AllowPendingSession('enrolment')
  @ApiOperation({ summary: 'Start two-factor enrolment (new TOTP secret)' })
  @Post(TwoFactorPaths.enrolment)
  @HttpCode(201)
  startEnrolment(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TwoFactorEnrolment> {
    return this.twoFactor.startEnrolment(auth);
  }

  @RequirePermission('session.own')
  @AllowPendingSession('enrolment')
  @ApiOperation({ summary: 'Confirm two-factor enrolment with a first code' })
  @ErrorResponses(429)
  @Post(TwoFactorPaths.enrolmentConfirm)
  @HttpCode(200)
  confirmEnrolment(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: TwoFactorCodeDto, @Req() req: FastifyRequest): Promise<TwoFactorEnabled> {
    return this.twoFactor.confirmEnrolment(auth, body.code, { ip: req.ip });
  }

  @RequirePermission('session.own')
  @AllowPendingSession('second_factor')
  @ApiOperation({ summary: 'Give the second factor to complete sign-in' })
  @ErrorResponses(429)
  @Post(TwoFactorPaths.verify)
  @HttpCode(200)
  async verify(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: TwoFactorCodeDto, @Req() req: FastifyRequest): Promise<SessionInfo> {
    await this.twoFactor.verifySignIn(auth, body.code, { ip: req.ip });
    return this.sessions.info(auth);
  }

  @RequirePermission('session.own')
  @ApiOperation({ summary: 'Re-authenticate before a sensitive action' })
  @ErrorResponses(429)
  @Post(TwoFactorPaths.reauth)
  @HttpCode(200)
  reauth(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: ReauthDto, @Req() req: FastifyRequest): Promise<ReauthResult> {
    return this.twoFactor.reauthenticate(auth, body.password, body.code, { ip: req.ip });
  }

  @RequirePermission('session.own')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Regenerate the recovery codes' })
  @Post(TwoFactorPaths.recoveryCodes)
  @HttpCode(200)
  regenerate(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<RecoveryCodes> {
    return this.twoFactor.regenerateRecoveryCodes(auth);
  }

  @RequirePermission('session.own')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Turn off the user’s second factor' })
  @Post(TwoFactorPaths.disable)
  @HttpCode(204)
  disable(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<void> {
    return this.twoFactor.disable(auth);
  }
}

/** The admin's levers: require a second factor of the agency's staff, reset a user's factor. */
@ApiTags('users')
@Controller()
export class AgencySecurityController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @RequirePermission('user.read')
  @ApiOperation({ summary: 'Read the agency’s security settings' })
  @Get(TwoFactorPaths.agencySecurity)
  get(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<AgencySecurity> {
    return this.twoFactor.agencySecurity(auth.agency.id);
  }

  @RequirePermission('user.manage')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Change the agency’s security settings' })
  @Put(TwoFactorPaths.agencySecurity)
  set(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: UpdateAgencySecurityDto): Promise<AgencySecurity> {
    return this.twoFactor.setAgencySecurity(auth, body.requiresTwoFactor, body.reason);
  }

  @RequirePermission('user.manage')
  @RequireRecentAuth()
  @ApiOperation({ summary: 'Reset another user’s second factor' })
  @Post('users/:id/two-factor/reset')
  @HttpCode(204)
  reset(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ResetTwoFactorDto): Promise<void> {
    return this.twoFactor.resetUser(auth, id, body.reason);
  }
}
