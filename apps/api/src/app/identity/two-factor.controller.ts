import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { IdParam } from '@mizan/server/core';
import { ApiTags } from '@nestjs/swagger';
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
  @Get(TwoFactorPaths.status)
  status(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TwoFactorStatus> {
    return this.twoFactor.status(auth);
  }

  @RequirePermission('session.own')
  @AllowPendingSession('enrolment')
  @Post(TwoFactorPaths.enrolment)
  @HttpCode(201)
  startEnrolment(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<TwoFactorEnrolment> {
    return this.twoFactor.startEnrolment(auth);
  }

  @RequirePermission('session.own')
  @AllowPendingSession('enrolment')
  @Post(TwoFactorPaths.enrolmentConfirm)
  @HttpCode(200)
  confirmEnrolment(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: TwoFactorCodeDto, @Req() req: FastifyRequest): Promise<TwoFactorEnabled> {
    return this.twoFactor.confirmEnrolment(auth, body.code, { ip: req.ip });
  }

  @RequirePermission('session.own')
  @AllowPendingSession('second_factor')
  @Post(TwoFactorPaths.verify)
  @HttpCode(200)
  async verify(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: TwoFactorCodeDto, @Req() req: FastifyRequest): Promise<SessionInfo> {
    await this.twoFactor.verifySignIn(auth, body.code, { ip: req.ip });
    return this.sessions.info(auth);
  }

  @RequirePermission('session.own')
  @Post(TwoFactorPaths.reauth)
  @HttpCode(200)
  reauth(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: ReauthDto, @Req() req: FastifyRequest): Promise<ReauthResult> {
    return this.twoFactor.reauthenticate(auth, body.password, body.code, { ip: req.ip });
  }

  @RequirePermission('session.own')
  @RequireRecentAuth()
  @Post(TwoFactorPaths.recoveryCodes)
  @HttpCode(200)
  regenerate(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<RecoveryCodes> {
    return this.twoFactor.regenerateRecoveryCodes(auth);
  }

  @RequirePermission('session.own')
  @RequireRecentAuth()
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
  @Get(TwoFactorPaths.agencySecurity)
  get(@CurrentAuth() auth: AuthenticatedRequestContext): Promise<AgencySecurity> {
    return this.twoFactor.agencySecurity(auth.agency.id);
  }

  @RequirePermission('user.manage')
  @RequireRecentAuth()
  @Put(TwoFactorPaths.agencySecurity)
  set(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: UpdateAgencySecurityDto): Promise<AgencySecurity> {
    return this.twoFactor.setAgencySecurity(auth, body.requiresTwoFactor, body.reason);
  }

  @RequirePermission('user.manage')
  @RequireRecentAuth()
  @Post('users/:id/two-factor/reset')
  @HttpCode(204)
  reset(@CurrentAuth() auth: AuthenticatedRequestContext, @IdParam('id') id: string, @Body() body: ResetTwoFactorDto): Promise<void> {
    return this.twoFactor.resetUser(auth, id, body.reason);
  }
}
