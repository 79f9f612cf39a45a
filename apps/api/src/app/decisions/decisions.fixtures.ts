import { DataSource } from 'typeorm';
import { emptyApplicationContent } from '@mizan/domain';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { createCall, createOrganization, createProgram, createUser } from '../intake/applications/applications.fixtures';

/**
 * Test data for the decision specs, written straight to the database: the
 * applications start in review without going through submission, screening or
 * reviewer assignment (built alongside), so these specs test decisions only.
 */

export interface DecisionWorld {
  north: SeededAgency;
  south: SeededAgency;
  /** A second officer of north, for four eyes. */
  secondOfficerEmail: string;
  callId: string;
  organizationId: string;
  /** A second applicant member of the same organization. */
  coMemberEmail: string;
  /** South's own call, for tenancy checks. */
  southCallId: string;
  southOrganizationId: string;
}

export async function setCallMoney(ds: DataSource, callId: string, money: { envelopeMinor?: string; thresholdMinor?: string }): Promise<void> {
  if (money.envelopeMinor !== undefined) {
    // A call's maximum grant may not exceed its envelope.
    await ds.query('UPDATE grant_call SET envelope_minor = $2, max_grant_minor = LEAST(max_grant_minor, $2) WHERE id = $1', [callId, money.envelopeMinor]);
  }
  if (money.thresholdMinor !== undefined) await ds.query('UPDATE grant_call SET confirmation_threshold_minor = $2 WHERE id = $1', [callId, money.thresholdMinor]);
}

export async function decisionWorld(api: ApiHarness, money: { envelopeMinor: string; thresholdMinor: string }): Promise<DecisionWorld> {
  const ds = api.dataSource;
  const north = await seedAgency(ds, 'north');
  const south = await seedAgency(ds, 'south');
  const second = await createUser(ds, north.agency.id, 'officer2@north.test', 'officer');
  const coMember = await createUser(ds, north.agency.id, 'comember@north.test', 'applicant');
  const programId = await createProgram(ds, north.agency.id, north.users.officer.id);
  const callId = await createCall(ds, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id, closesInSeconds: -3600, opensInSeconds: -30 * 86_400 });
  await setCallMoney(ds, callId, money);
  const organizationId = await createOrganization(ds, north.agency.id, 'Basra Health Diaspora', [north.users.applicant.id, coMember.id]);
  const southProgramId = await createProgram(ds, south.agency.id, south.users.officer.id);
  const southCallId = await createCall(ds, { programId: southProgramId, agencyId: south.agency.id, createdBy: south.users.officer.id });
  const southOrganizationId = await createOrganization(ds, south.agency.id, 'Mosul Heritage Friends', [south.users.applicant.id]);
  return { north, south, secondOfficerEmail: second.email, callId, organizationId, coMemberEmail: coMember.email, southCallId, southOrganizationId };
}

let receipt = 0;

/** An application already in review (as if screened eligible and assigned to reviewers). */
export async function insertInReview(
  ds: DataSource,
  a: { callId: string; organizationId: string; agencyId: string; userId: string; requestedMinor: string; title?: string; state?: string },
): Promise<string> {
  const title = a.title ?? `Project ${++receipt}`;
  const rows = (await ds.query(
    `INSERT INTO application (call_id, organization_id, agency_id, state, title, content, currency, requested_minor, receipt_number, submitted_at, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'SEK', $7, $8, now() - interval '10 days', $9, $9) RETURNING id`,
    [
      a.callId,
      a.organizationId,
      a.agencyId,
      a.state ?? 'in_review',
      title,
      JSON.stringify(emptyApplicationContent(title)),
      a.requestedMinor,
      `MZ-2027-${String(++receipt).padStart(5, '0')}-${Math.random().toString(36).slice(2, 6)}`,
      a.userId,
    ],
  )) as { id: string }[];
  return rows[0].id;
}

export async function trailActions(ds: DataSource, entityId: string): Promise<string[]> {
  const rows = (await ds.query('SELECT action FROM activity_record WHERE entity_id = $1 ORDER BY seq', [entityId])) as { action: string }[];
  return rows.map((r) => r.action);
}

export async function applicationState(ds: DataSource, id: string): Promise<string> {
  const [row] = (await ds.query('SELECT state FROM application WHERE id = $1', [id])) as { state: string }[];
  return row.state;
}
