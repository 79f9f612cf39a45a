import { DataSource, EntityManager } from 'typeorm';
import type { TrailAction, TrailEntityType } from '@mizan/contracts';
import { grantCommitted } from '@mizan/domain';
import { LedgerService } from '@mizan/server/finance';
import { GrantFixtureState, SeededAgency, seedAgency, walkGrantTo } from '@mizan/server/testing';
import { TrailActor, TrailService } from '@mizan/server/trail';
import { ApiHarness } from '../../testing/api-harness';
import { createCall, createOrganization, createProgram, createUser } from '../intake/applications/applications.fixtures';
import { insertInReview } from '../decisions/decisions.fixtures';

/**
 * Test data for the ledger specs, written straight to the database: a program,
 * a call and grants (each from a confirmed approval) in two agencies, so the
 * specs test the ledger only.
 */
export interface LedgerWorld {
  north: SeededAgency;
  south: SeededAgency;
  /** A second finance user of north (the reversal is finance's; the four eyes are the payments'). */
  secondOfficerId: string;
  programId: string;
  callId: string;
  organizationId: string;
  southProgramId: string;
  southCallId: string;
  southOrganizationId: string;
}

export async function ledgerWorld(api: ApiHarness): Promise<LedgerWorld> {
  const ds = api.dataSource;
  const north = await seedAgency(ds, 'north');
  const south = await seedAgency(ds, 'south');
  const second = await createUser(ds, north.agency.id, 'officer2@north.test', 'officer');
  const southSecond = await createUser(ds, south.agency.id, 'officer2@south.test', 'officer');
  void southSecond;
  const programId = await createProgram(ds, north.agency.id, north.users.officer.id);
  const callId = await createCall(ds, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id, closesInSeconds: -3600, opensInSeconds: -30 * 86_400 });
  const organizationId = await createOrganization(ds, north.agency.id, 'Basra Health Diaspora', [north.users.applicant.id]);
  const southProgramId = await createProgram(ds, south.agency.id, south.users.officer.id);
  const southCallId = await createCall(ds, { programId: southProgramId, agencyId: south.agency.id, createdBy: south.users.officer.id, closesInSeconds: -3600, opensInSeconds: -30 * 86_400 });
  const southOrganizationId = await createOrganization(ds, south.agency.id, 'Mosul Heritage Friends', [south.users.applicant.id]);
  // Envelopes inside their programs' budgets (100,000,000.00 SEK): 50,000,000.00 SEK each.
  await api.env.queryAs('owner', `UPDATE grant_call SET envelope_minor = 5000000000, max_grant_minor = 5000000000 WHERE id IN ($1, $2)`, [callId, southCallId]);
  return { north, south, secondOfficerId: second.id, programId, callId, organizationId, southProgramId, southCallId, southOrganizationId };
}

let grantNumber = 0;

/** A grant (draft) from a confirmed approval: proposed by the officer, confirmed by a second one, as the database requires. */
export async function insertGrant(
  ds: DataSource,
  g: { agencyId: string; programId: string; callId: string; organizationId: string; applicantId: string; officerId: string; confirmerId: string; amountMinor: string; state?: string },
): Promise<string> {
  const applicationId = await insertInReview(ds, { callId: g.callId, organizationId: g.organizationId, agencyId: g.agencyId, userId: g.applicantId, requestedMinor: g.amountMinor });
  const [decision] = (await ds.query(
    `INSERT INTO funding_decision (application_id, call_id, agency_id, outcome, state, amount_minor, currency, rationale, proposed_by, confirmed_at)
     VALUES ($1, $2, $3, 'approved', 'proposed', $4, 'SEK', 'Strong', $5, NULL) RETURNING id`,
    [applicationId, g.callId, g.agencyId, g.amountMinor, g.officerId],
  )) as { id: string }[];
  await ds.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_by = $2, confirmed_at = now() WHERE id = $1`, [decision.id, g.confirmerId]);
  const [grant] = (await ds.query(
    `INSERT INTO grant_award (agency_id, program_id, call_id, application_id, decision_id, organization_id, grant_number, title, currency, amount_minor,
                              state, starts_on, ends_on, payee_name, payee_iban, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'Mental health care in Basra', 'SEK', $8, 'draft', '2027-01-01', '2028-12-31',
             'Basra Health Diaspora', 'SE4550000000058398257466', $9) RETURNING id`,
    [g.agencyId, g.programId, g.callId, applicationId, decision.id, g.organizationId, `G-2027-${String(++grantNumber).padStart(4, '0')}-${Math.random().toString(36).slice(2, 6)}`, g.amountMinor, g.officerId],
  )) as { id: string }[];
  await walkGrantTo(ds, grant.id, (g.state ?? 'active') as GrantFixtureState, { signedBy: g.applicantId, countersignedBy: g.officerId });
  return grant.id;
}

export interface RawAccount {
  agencyId: string;
  code: string;
  scopeType: 'agency' | 'program' | 'call' | 'grant';
  scopeId: string;
  programId: string | null;
  currency: string;
  nonNegative: boolean;
}

/** Finds or opens an account (its balance row is opened by the database). */
export async function account(ds: DataSource | EntityManager, a: RawAccount): Promise<string> {
  await ds.query(
    `INSERT INTO ledger_account (agency_id, code, scope_type, scope_id, program_id, currency, non_negative)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (agency_id, code, scope_id, currency) DO NOTHING`,
    [a.agencyId, a.code, a.scopeType, a.scopeId, a.programId, a.currency, a.nonNegative],
  );
  const rows = (await ds.query(`SELECT id FROM ledger_account WHERE agency_id = $1 AND code = $2 AND scope_id = $3 AND currency = $4`, [
    a.agencyId,
    a.code,
    a.scopeId,
    a.currency,
  ])) as { id: string }[];
  return rows[0].id;
}

/**
 * A raw journal entry as anyone with the runtime role's INSERT rights could
 * write it: the trail record first (so the entry names one), then the entry,
 * then its postings, in the transaction given.
 */
export async function rawEntry(
  manager: EntityManager,
  trail: TrailService,
  e: { agencyId: string; programId: string | null; grantId?: string | null; postings: Array<{ accountId: string; currency: string; amountMinor: string }>; trailSeq?: string },
): Promise<string> {
  const seq =
    e.trailSeq ??
    (
      await trail.append(manager, {
        actor: { id: null, label: 'spec' },
        agencyId: e.agencyId,
        // Not codes the server writes: the trail stores any code.
        action: 'ledger.spec_entry' as TrailAction,
        entityType: 'ledger' as TrailEntityType,
        entityId: e.programId ?? e.agencyId,
      })
    ).seq;
  const [entry] = (await manager.query(
    `INSERT INTO journal_entry (agency_id, program_id, grant_id, kind, description, effective_on, trail_seq)
     VALUES ($1, $2, $3, 'spec', 'written by a spec', CURRENT_DATE, $4) RETURNING id`,
    [e.agencyId, e.programId, e.grantId ?? null, seq],
  )) as { id: string }[];
  for (const p of e.postings) {
    await manager.query(`INSERT INTO posting (entry_id, account_id, currency, amount_minor) VALUES ($1, $2, $3, $4)`, [entry.id, p.accountId, p.currency, p.amountMinor]);
  }
  return entry.id;
}

/** Funds the program and call (lazily, as the grants service does) and commits the grant's amount: the ledger's first entries. */
export async function commitGrant(
  api: ApiHarness,
  g: { agencyId: string; programId: string; callId: string; grantId: string; amountMinor: bigint; actor: TrailActor },
): Promise<string> {
  const ledger = api.app.get(LedgerService);
  return api.dataSource.transaction(async (m) => {
    const [posted] = await ledger.ensureFunded(m, { agencyId: g.agencyId, programId: g.programId, callId: g.callId, actor: g.actor }, [
      {
        agencyId: g.agencyId,
        programId: g.programId,
        grantId: g.grantId,
        kind: 'grant_committed',
        description: 'Grant committed',
        effectiveOn: '2027-01-15',
        lines: grantCommitted({ callId: g.callId, grantId: g.grantId, currency: 'SEK' }, g.amountMinor),
        trail: { actor: g.actor, agencyId: g.agencyId, action: 'grant.committed', entityType: 'grant', entityId: g.grantId },
      },
    ]);
    return posted.entryId;
  });
}
