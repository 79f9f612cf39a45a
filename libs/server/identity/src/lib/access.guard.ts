import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, SESSION_COOKIE, can } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { ACCESS_RULE, AccessRule, MizanRequest } from './access.decorators';
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
    if (!can(auth.user.roles(), rule.permission)) throw MizanException.forbidden();
    return true;
  }
}
