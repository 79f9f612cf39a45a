import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiPaths, LanguageView, SESSION_COOKIE, SessionInfo } from '@mizan/contracts';
import { Inject } from '@nestjs/common';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import {
  AllowPendingSession,
  AuthService,
  AuthenticatedRequestContext,
  CurrentAuth,
  MizanRequest,
  Public,
  RequirePermission,
  SessionService,
  UsersService,
  sessionTokenOf,
} from '@mizan/server/identity';
import { SignInDto, UpdateLanguageDto } from './auth.dto';
import { actingOf } from './users.controller';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
  ) {}

  @Public()
  @Post(ApiPaths.signIn)
  @HttpCode(200)
  async signIn(@Body() body: SignInDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionInfo> {
    const { token, info } = await this.auth.signIn(body.email, body.password, {
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      previousToken: sessionTokenOf(req as unknown as MizanRequest),
    });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.config.sessionAbsoluteHours * 3600,
    });
    return info;
  }

  @RequirePermission('session.own')
  @AllowPendingSession('second_factor', 'enrolment')
  @Post(ApiPaths.signOut)
  @HttpCode(204)
  async signOut(@CurrentAuth() auth: AuthenticatedRequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(auth);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @RequirePermission('session.own')
  @AllowPendingSession('second_factor', 'enrolment')
  @Get(ApiPaths.session)
  session(@CurrentAuth() auth: AuthenticatedRequestContext): SessionInfo {
    return this.sessions.info(auth);
  }

  /** The signed-in user's own language; only their own (there is no id to name anyone else). */
  @RequirePermission('session.own')
  @Put(ApiPaths.language)
  setLanguage(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: UpdateLanguageDto): Promise<LanguageView> {
    return this.users.setLanguage(actingOf(auth), body.language);
  }
}
