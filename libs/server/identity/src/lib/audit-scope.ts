import type { EntityManager } from 'typeorm';
import { can } from '@mizan/contracts';
import type { Role } from '@mizan/contracts';
import { isUuid } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from './session.service';

/**
 * An auditor's read access outside the audit workspace (issue 12): read-only, and only what lies in the
 * scope of an engagement they are named on that is not closed. The database views `audit_scope_grant` and
 * `audit_scope_application` (migration 1765600000000-audit) are the one definition of that scope; every
 * read an auditor makes on grants, applications, organizations and what hangs off them goes through them.
 *
 * These helpers live here (not in @mizan/server/audit) so that intake, review, finance and reporting can use
 * them without depending on the audit library, which depends on them.
 */

/** Only engagements of the auditor's own agency count, whoever was put on them. */
const SAME_AGENCY = 's.agency_id = (SELECT u.agency_id FROM app_user u WHERE u.id = s.user_id)';

/** The caller reads as an auditor: they hold `audit.conduct`. Scope is checked per record. */
export function readsAsAuditor(roles: readonly Role[]): boolean {
  return can(roles, 'audit.conduct');
}

/** SQL: the grant (an expression such as `g.id`) is in the scope of the user (a parameter such as `$2`). */
export const auditGrantInScope = (userParam: string, grantExpr: string): string =>
  `EXISTS (SELECT 1 FROM audit_scope_grant s WHERE s.user_id = ${userParam} AND s.grant_id = ${grantExpr} AND ${SAME_AGENCY})`;

/** SQL: the application is in the scope of the user. */
export const auditApplicationInScope = (userParam: string, applicationExpr: string): string =>
  `EXISTS (SELECT 1 FROM audit_scope_application s WHERE s.user_id = ${userParam} AND s.application_id = ${applicationExpr} AND ${SAME_AGENCY})`;

/** SQL: the organization has a grant or an application in the scope of the user. */
export const auditOrganizationInScope = (userParam: string, organizationExpr: string): string =>
  `(EXISTS (SELECT 1 FROM audit_scope_grant s WHERE s.user_id = ${userParam} AND s.organization_id = ${organizationExpr} AND ${SAME_AGENCY})
    OR EXISTS (SELECT 1 FROM audit_scope_application s WHERE s.user_id = ${userParam} AND s.organization_id = ${organizationExpr} AND ${SAME_AGENCY}))`;

/** SQL: the call has a grant or an application in the scope of the user. */
export const auditCallInScope = (userParam: string, callExpr: string): string =>
  `(EXISTS (SELECT 1 FROM audit_scope_grant s WHERE s.user_id = ${userParam} AND s.call_id = ${callExpr} AND ${SAME_AGENCY})
    OR EXISTS (SELECT 1 FROM audit_scope_application s WHERE s.user_id = ${userParam} AND s.call_id = ${callExpr} AND ${SAME_AGENCY}))`;

async function exists(manager: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
  const [row] = (await manager.query(`SELECT ${sql} AS ok`, params)) as { ok: boolean }[];
  return !!row?.ok;
}

/** Whether the caller is an auditor with this grant in the scope of one of their open engagements. */
export async function auditorReadsGrant(manager: EntityManager, auth: AuthenticatedRequestContext, grantId: string): Promise<boolean> {
  if (!readsAsAuditor(auth.user.roles()) || !isUuid(grantId)) return false;
  return exists(manager, auditGrantInScope('$1', '$2::uuid'), [auth.user.id, grantId]);
}

/** Whether the caller is an auditor with this application in scope. */
export async function auditorReadsApplication(manager: EntityManager, auth: AuthenticatedRequestContext, applicationId: string): Promise<boolean> {
  if (!readsAsAuditor(auth.user.roles()) || !isUuid(applicationId)) return false;
  return exists(manager, auditApplicationInScope('$1', '$2::uuid'), [auth.user.id, applicationId]);
}

/** Whether the caller is an auditor with a grant or application of this organization in scope. */
export async function auditorReadsOrganization(manager: EntityManager, auth: AuthenticatedRequestContext, organizationId: string): Promise<boolean> {
  if (!readsAsAuditor(auth.user.roles()) || !isUuid(organizationId)) return false;
  return exists(manager, auditOrganizationInScope('$1', '$2::uuid'), [auth.user.id, organizationId]);
}

/** Whether the caller is an auditor with a grant or application of this call in scope. */
export async function auditorReadsCall(manager: EntityManager, auth: AuthenticatedRequestContext, callId: string): Promise<boolean> {
  if (!readsAsAuditor(auth.user.roles()) || !isUuid(callId)) return false;
  return exists(manager, auditCallInScope('$1', '$2::uuid'), [auth.user.id, callId]);
}
