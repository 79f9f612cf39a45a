import { EntityManager } from 'typeorm';
import { ErrorCode } from '@mizan/contracts';
import type { ApplicationState, CurrencyCode } from '@mizan/domain';
import { MizanException } from '@mizan/server/core';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import type { Rubric } from '@mizan/server/intake';
import { assertUuid } from '@mizan/server/intake';
import type { TrailActor } from '@mizan/server/trail';

/**
 * What the review services share: the call or application as an officer of
 * its agency may reach it (anything else is 404), the agency's reviewers, and
 * who may never review an application.
 */

export interface ReviewCall {
  id: string;
  agency_id: string;
  program_id: string;
  title: string;
  currency: CurrencyCode;
  envelope_minor: string;
  disagreement_threshold: string;
  rubric: Rubric;
}

export interface ReviewApplication {
  id: string;
  call_id: string;
  agency_id: string;
  organization_id: string;
  state: ApplicationState;
  title: string;
  receipt_number: string | null;
}

export interface AgencyReviewer {
  id: string;
  display_name: string;
  email: string;
}

/** Applications that may gain reviewers: screened eligible, or already in review. */
export const ASSIGNABLE_STATES: readonly ApplicationState[] = ['eligible', 'in_review'];

export function actorOf(auth: AuthenticatedRequestContext): TrailActor {
  return { id: auth.user.id, label: auth.user.email };
}

export function conflict(message: string): MizanException {
  return new MizanException(ErrorCode.Conflict, message);
}

export function invalid(field: string, message: string): MizanException {
  return new MizanException(ErrorCode.ValidationFailed, message, [{ field, message }]);
}

const CALL_COLUMNS = `id, agency_id, program_id, title, currency, envelope_minor::text AS envelope_minor, disagreement_threshold::text AS disagreement_threshold, rubric`;

export async function officerCall(manager: EntityManager, auth: AuthenticatedRequestContext, callId: string): Promise<ReviewCall> {
  assertUuid(callId, 'Call');
  const rows = (await manager.query(`SELECT ${CALL_COLUMNS} FROM grant_call WHERE id = $1 AND agency_id = $2`, [callId, auth.user.agencyId])) as ReviewCall[];
  if (!rows[0]) throw MizanException.notFound('Call');
  return rows[0];
}

export async function callById(manager: EntityManager, callId: string): Promise<ReviewCall> {
  const rows = (await manager.query(`SELECT ${CALL_COLUMNS} FROM grant_call WHERE id = $1`, [callId])) as ReviewCall[];
  if (!rows[0]) throw MizanException.notFound('Call');
  return rows[0];
}

/** The application, locked for the rest of the transaction, when it belongs to the officer's agency. */
export async function lockOfficerApplication(manager: EntityManager, auth: AuthenticatedRequestContext, applicationId: string): Promise<ReviewApplication> {
  assertUuid(applicationId, 'Application');
  const rows = (await manager.query(
    `SELECT id, call_id, agency_id, organization_id, state, title, receipt_number FROM application WHERE id = $1 AND agency_id = $2 FOR UPDATE`,
    [applicationId, auth.user.agencyId],
  )) as ReviewApplication[];
  if (!rows[0]) throw MizanException.notFound('Application');
  return rows[0];
}

/** Active users with the reviewer role in the agency, in a stable order (it decides ties in balancing). */
export async function agencyReviewers(manager: EntityManager, agencyId: string): Promise<AgencyReviewer[]> {
  return (await manager.query(
    `SELECT u.id, u.display_name, u.email
       FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'reviewer'
      WHERE u.agency_id = $1 AND u.active
      ORDER BY u.email, u.id`,
    [agencyId],
  )) as AgencyReviewer[];
}

export type ExclusionReason = 'member' | 'partner_member' | 'competing_member' | 'conflict' | 'reassigned';

/**
 * Reviewers who may never be put on these applications: members of the
 * applying organization or of a partner named in it, members of another
 * organization applying to the same call (a competitor: submitted, not
 * withdrawn), those who declared a conflict on it, and those an officer took off it.
 */
export async function exclusionsOf(
  manager: EntityManager,
  applicationIds: readonly string[],
): Promise<{ applicationId: string; reviewerId: string; reason: ExclusionReason }[]> {
  if (applicationIds.length === 0) return [];
  const rows = (await manager.query(
    `SELECT a.id AS application_id, m.user_id AS reviewer_id, 'member' AS reason
       FROM application a JOIN organization_member m ON m.organization_id = a.organization_id
      WHERE a.id = ANY($1::uuid[])
     UNION ALL
     SELECT ap.application_id, pm.user_id, 'partner_member'
       FROM application_partner ap JOIN partner_member pm ON pm.partner_organization_id = ap.partner_organization_id
      WHERE ap.application_id = ANY($1::uuid[])
     UNION ALL
     SELECT a.id, m.user_id, 'competing_member'
       FROM application a
       JOIN application other ON other.call_id = a.call_id AND other.organization_id <> a.organization_id AND other.state NOT IN ('draft', 'withdrawn')
       JOIN organization_member m ON m.organization_id = other.organization_id
      WHERE a.id = ANY($1::uuid[])
     UNION ALL
     SELECT application_id, reviewer_id, status
       FROM review_assignment
      WHERE application_id = ANY($1::uuid[]) AND status IN ('conflict', 'reassigned')`,
    [applicationIds],
  )) as { application_id: string; reviewer_id: string; reason: ExclusionReason }[];
  return rows.map((r) => ({ applicationId: r.application_id, reviewerId: r.reviewer_id, reason: r.reason }));
}

export async function officersOf(manager: EntityManager, agencyId: string): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'officer' WHERE u.agency_id = $1 AND u.active ORDER BY u.id`,
    [agencyId],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Date columns are selected as text (`due_on::text`): node-postgres would build a Date at local midnight. */
export function isoDate(value: string | null): string | null {
  return value === null ? null : value.slice(0, 10);
}

export function isoInstant(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
