import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, SESSION_COOKIE, SessionStage } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { ACCESS_RULE, ALLOWED_STAGES, AccessRule, MizanRequest, RECENT_AUTH, ruleAdmits } from './access.decorators';
import { reauthIsRecent } from './two-factor/totp';
import { SessionService } from './session.service';

export function sessionTokenOf(request: MizanRequest): string | undefined {
  const fromCookie = request.cookies?.[SESSION_COOKIE];
  if (fromCookie) return fromCookie;
  const header = request.headers['authorization'];
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return undefined;
}

/**
 * Global guard: a route is denied unless it carries an access rule that lets
 * the caller in. A route with no rule at all is denied to everyone — adding a
 * controller without thinking about access cannot open a hole.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw MizanException.forbidden('This route has no access rule, so it is closed');
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<MizanRequest>();
    const token = sessionTokenOf(request);
    if (!token) throw new MizanException(ErrorCode.NotAuthenticated, 'Please sign in');
    const auth = await this.sessions.resolve(token);
    request.mizan = auth;
    const targets = [context.getHandler(), context.getClass()];
    if (auth.session.stage !== 'full') {
      const allowed = this.reflector.getAllAndOverride<SessionStage[] | undefined>(ALLOWED_STAGES, targets) ?? [];
      if (!allowed.includes(auth.session.stage)) {
        throw new MizanException(ErrorCode.SecondFactorRequired, 'Finish signing in with your second factor first');
      }
    }
    if (!ruleAdmits(rule, auth.user.roles())) throw MizanException.forbidden();
    if (this.reflector.getAllAndOverride<boolean | undefined>(RECENT_AUTH, targets) && !reauthIsRecent(auth.session.reauthenticatedAt, new Date())) {
      throw new MizanException(ErrorCode.ReauthRequired, 'Confirm it is you: enter your password again');
    }
    return true;
  }
}
