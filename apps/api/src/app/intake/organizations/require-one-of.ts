import { Permission, can } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';

/**
 * For routes shared by two kinds of user (applicants and officers read the same
 * organization): the route's own rule admits any signed-in user, this admits
 * only holders of one of `permissions`; everyone else gets the usual 403.
 */
export function requireOneOf(auth: AuthenticatedRequestContext, permissions: readonly Permission[]): void {
  const roles = auth.user.roles();
  if (!permissions.some((p) => can(roles, p))) throw MizanException.forbidden();
}

/**
 * Who may read an organization's file: its members (applicants), officers reviewing due diligence, and auditors —
 * the service narrows an auditor to the organizations with a grant or application in an open engagement's scope (issue 12).
 */
export const ORGANIZATION_READERS: readonly Permission[] = ['organization.own', 'due_diligence.review', 'audit.conduct'];
