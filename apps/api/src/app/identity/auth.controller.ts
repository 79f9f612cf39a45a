import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiPaths, ErrorCode, LanguageView, SESSION_COOKIE, SessionInfo, SessionProbe } from '@mizan/contracts';
import { Inject } from '@nestjs/common';
import { MIZAN_CONFIG, MizanConfig, MizanException } from '@mizan/server/core';
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
import { ErrorResponses } from '../openapi/error-responses';

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
  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @ErrorResponses(401, 429)
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
  @ApiOperation({ summary: 'Sign out (end this session)' })
  @Post(ApiPaths.signOut)
  @HttpCode(204)
  async signOut(@CurrentAuth() auth: AuthenticatedRequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(auth);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /**
   * What the web app asks first on every page: a signed-out visitor (no cookie, or one whose session ended)
   * gets 200 `{ signedIn: false }`, not the 401 of `session`, which a browser reports as a failed request.
   */
  @Public()
  @ApiOperation({ summary: 'Who is signed in, if anyone (always 200)' })
  @Get(ApiPaths.sessionProbe)
  async probe(@Req() req: FastifyRequest): Promise<SessionProbe> {
    const token = sessionTokenOf(req as unknown as MizanRequest);
    if (!token) return { signedIn: false, session: null };
    try {
      const session = this.sessions.info(await this.sessions.resolve(token));
      return { signedIn: true, session };
    } catch (error: unknown) {
      if (error instanceof MizanException && (error.code === ErrorCode.NotAuthenticated || error.code === ErrorCode.SessionExpired)) return { signedIn: false, session: null };
      throw error;
    }
  }

  @RequirePermission('session.own')
  @AllowPendingSession('second_factor', 'enrolment')
  @ApiOperation({ summary: 'Read the current session' })
  @Get(ApiPaths.session)
  session(@CurrentAuth() auth: AuthenticatedRequestContext): SessionInfo {
    return this.sessions.info(auth);
  }

  /** The signed-in user's own language; only their own (there is no id to name anyone else). */
  @RequirePermission('session.own')
  @ApiOperation({ summary: "Set the signed-in user's language (notifications and emails)" })
  @Put(ApiPaths.language)
  setLanguage(@CurrentAuth() auth: AuthenticatedRequestContext, @Body() body: UpdateLanguageDto): Promise<LanguageView> {
    return this.users.setLanguage(actingOf(auth), body.language);
  }
}
