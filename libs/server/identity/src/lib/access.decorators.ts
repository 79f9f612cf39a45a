import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { can } from '@mizan/contracts';
import type { Permission, Role, SessionStage } from '@mizan/contracts';
import type { AuthenticatedRequestContext } from './session.service';

export const ACCESS_RULE = 'mizan:access-rule';

/**
 * `permission` is the route's own permission; `alternatives` are others that also let a caller in
 * (an auditor's `audit.conduct` on the read routes officers reach with their own permission): the
 * service then narrows what that caller sees (the auditor's engagement scope; 404 outside it).
 */
export type AccessRule = { kind: 'public' } | { kind: 'permission'; permission: Permission; alternatives?: readonly Permission[] };

/** Whether the rule lets someone with these roles through the guard (the service may still narrow or 404). */
export function ruleAdmits(rule: AccessRule, roles: readonly Role[]): boolean {
  if (rule.kind === 'public') return true;
  return can(roles, rule.permission) || (rule.alternatives ?? []).some((p) => can(roles, p));
}

/** Anyone, signed in or not. Use sparingly: sign-in, health. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Signed in and holding this permission (or one of the alternatives) through one of the caller's roles. */
export const RequirePermission = (permission: Permission, ...alternatives: Permission[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, (alternatives.length ? { kind: 'permission', permission, alternatives } : { kind: 'permission', permission }) satisfies AccessRule);

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
