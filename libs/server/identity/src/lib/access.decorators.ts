import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Permission, SessionStage } from '@mizan/contracts';
import type { AuthenticatedRequestContext } from './session.service';

export const ACCESS_RULE = 'mizan:access-rule';

export type AccessRule = { kind: 'public' } | { kind: 'permission'; permission: Permission };

/** Anyone, signed in or not. Use sparingly: sign-in, health. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Signed in and holding this permission through one of the caller's roles. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'permission', permission } satisfies AccessRule);

export const ALLOWED_STAGES = 'mizan:allowed-session-stages';
export const RECENT_AUTH = 'mizan:recent-auth';

/**
 * Lets a session that still owes its second factor (or its enrolment) through
 * to this route. Every other route needs a `full` session.
 */
export const AllowPendingSession = (...stages: Exclude<SessionStage, 'full'>[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_STAGES, stages);

/**
 * A sensitive action: the caller must have given their password (and second
 * factor, if set up) again within REAUTH_WINDOW_SECONDS, else 403 REAUTH_REQUIRED,
 * which the web answers with its re-authentication dialog and a retry.
 */
export const RequireRecentAuth = (): MethodDecorator & ClassDecorator => SetMetadata(RECENT_AUTH, true);

export interface MizanRequest {
  mizan?: AuthenticatedRequestContext;
  cookies?: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
}

export const CurrentAuth = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedRequestContext => {
  const request = ctx.switchToHttp().getRequest<MizanRequest>();
  if (!request.mizan) throw new Error('CurrentAuth used on a route without an authenticated rule');
  return request.mizan;
});
