import { DataSource } from 'typeorm';
import { CurrencyCode, grantCommitted, paymentRequested } from '@mizan/domain';
import { LedgerService } from '@mizan/server/finance';
import { UserRole } from '@mizan/server/identity';
import { SeededAgency, seedAgency, walkGrantTo } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { insertInReview } from '../decisions/decisions.fixtures';
import { createCall, createOrganization, createProgram, createUser } from '../intake/applications/applications.fixtures';

/**
 * Test data for the payment specs, written straight to the database (the
 * grants routes are built alongside): an active grant from a confirmed
 * approval, its tranches, and payment requests with the ledger entries the
 * grants service would have posted (funding, commitment, request), so these
 * specs test the payments desk only.
 */
export interface PaymentsWorld {
  north: SeededAgency;
  south: SeededAgency;
  /** Finance users of north: A approves, B gives second approvals, C records paid. */
  financeB: { id: string; email: string };
  financeC: { id: string; email: string };
  /** Holds both the officer and the finance roles. */
  dual: { id: string; email: string };
  programId: string;
  callId: string;
  organizationId: string;
  southOrganizationId: string;
  /** An active grant of north, 10,000,000.00 SEK, starting 2025-01-01. */
  grantId: string;
}

export const GRANT_STARTS_ON = '2025-01-01';
export const DEBTOR = { agencyName: 'Styrelsen för internationellt utvecklingssamarbete', agencyIban: 'SE4550000000058398257466', agencyBic: 'ESSESESS' };

export async function paymentsWorld(api: ApiHarness): Promise<PaymentsWorld> {
  const ds = api.dataSource;
  const north = await seedAgency(ds, 'north');
  const south = await seedAgency(ds, 'south');
  const financeB = await createUser(ds, north.agency.id, 'finance2@north.test', 'finance');
  const financeC = await createUser(ds, north.agency.id, 'finance3@north.test', 'finance');
  const dual = await createUser(ds, north.agency.id, 'dual@north.test', 'officer');
  await ds.getRepository(UserRole).insert({ userId: dual.id, role: 'finance' });
  const programId = await createProgram(ds, north.agency.id, north.users.officer.id);
  const callId = await createCall(ds, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id, closesInSeconds: -3600, opensInSeconds: -30 * 86_400 });
  // The envelope inside the program's budget (100,000,000.00 SEK): 50,000,000.00 SEK; the rest stays in program_budget for exchange differences and fees.
  await api.env.queryAs('owner', `UPDATE grant_call SET envelope_minor = 5000000000, max_grant_minor = 5000000000 WHERE id = $1`, [callId]);
  const organizationId = await createOrganization(ds, north.agency.id, 'جمعية البصرة للصحة Basra Health', [north.users.applicant.id]);
  const southOrganizationId = await createOrganization(ds, south.agency.id, 'Mosul Heritage Friends', [south.users.applicant.id]);
  await ds.query(
    `INSERT INTO finance_settings (agency_id, second_approval_threshold_minor, three_people, agency_name, agency_iban, agency_bic) VALUES ($1, 10000000, true, $2, $3, $4)`,
    [north.agency.id, DEBTOR.agencyName, DEBTOR.agencyIban, DEBTOR.agencyBic],
  );
  const grantId = await insertGrant(api, { agencyId: north.agency.id, programId, callId, organizationId, applicantId: north.users.applicant.id, officerId: north.users.officer.id, confirmerId: dual.id, amountMinor: 1_000_000_000n });
  return { north, south, financeB, financeC, dual, programId, callId, organizationId, southOrganizationId, grantId };
}

let grantSeq = 0;

/** An active grant from a confirmed approval, committed in the ledger (program and call funded first, as the grants service does). */
export async function insertGrant(
  api: ApiHarness,
  g: { agencyId: string; programId: string; callId: string; organizationId: string; applicantId: string; officerId: string; confirmerId: string; amountMinor: bigint },
): Promise<string> {
  const ds = api.dataSource;
  const amount = g.amountMinor.toString();
  const applicationId = await insertInReview(ds, { callId: g.callId, organizationId: g.organizationId, agencyId: g.agencyId, userId: g.applicantId, requestedMinor: amount });
  const [decision] = (await ds.query(
    `INSERT INTO funding_decision (application_id, call_id, agency_id, outcome, state, amount_minor, currency, rationale, proposed_by, confirmed_at)
     VALUES ($1, $2, $3, 'approved', 'proposed', $4, 'SEK', 'Strong', $5, NULL) RETURNING id`,
    [applicationId, g.callId, g.agencyId, amount, g.officerId],
  )) as { id: string }[];
  await ds.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_by = $2, confirmed_at = now() WHERE id = $1`, [decision.id, g.confirmerId]);
  const [grant] = (await ds.query(
    `INSERT INTO grant_award (agency_id, program_id, call_id, application_id, decision_id, organization_id, grant_number, title, currency, amount_minor,
                              state, starts_on, ends_on, payee_name, payee_iban, payee_bic, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'Mental health care in Basra', 'SEK', $8, 'draft', $9, '2028-12-31',
             'جمعية البصرة للصحة Basra Health', 'IQ98NBIQ850123456789012', 'NBIQIQBA', $10) RETURNING id`,
    [g.agencyId, g.programId, g.callId, applicationId, decision.id, g.organizationId, `G-2025-${String(++grantSeq).padStart(4, '0')}`, amount, GRANT_STARTS_ON, g.officerId],
  )) as { id: string }[];
  await walkGrantTo(ds, grant.id, 'active', { signedBy: g.applicantId, countersignedBy: g.officerId });
  const ledger = api.app.get(LedgerService);
  const actor = { id: g.officerId, label: 'officer' };
  await ds.transaction(async (m) => {
    await ledger.ensureFunded(m, { agencyId: g.agencyId, programId: g.programId, callId: g.callId, actor }, [
      {
        agencyId: g.agencyId,
        programId: g.programId,
        grantId: grant.id,
        kind: 'grant_committed',
        description: 'Grant committed',
        effectiveOn: GRANT_STARTS_ON,
        lines: grantCommitted({ callId: g.callId, grantId: grant.id, currency: 'SEK' }, g.amountMinor),
        trail: { actor, agencyId: g.agencyId, action: 'grant.committed', entityType: 'grant', entityId: grant.id },
      },
    ]);
  });
  return grant.id;
}

let trancheSeq = 0;

/**
 * A tranche of the grant and its payment request (state requested), with the
 * request's ledger entry. Two approvals when the amount is above the agency's
 * threshold, as the grants service decides.
 */
export async function insertPayment(
  api: ApiHarness,
  w: PaymentsWorld,
  p: { amountMinor: bigint; requestedBy: string; threePeople?: boolean; grantId?: string; currency?: CurrencyCode },
): Promise<{ paymentId: string; trancheId: string }> {
  const ds = api.dataSource;
  const grantId = p.grantId ?? w.grantId;
  const seq = ++trancheSeq;
  const [tranche] = (await ds.query(`INSERT INTO tranche (grant_id, seq, planned_on, amount_minor, currency, state) VALUES ($1, $2, '2025-02-01', $3, 'SEK', 'requested') RETURNING id`, [
    grantId,
    seq,
    p.amountMinor.toString(),
  ])) as { id: string }[];
  const [settings] = (await ds.query('SELECT second_approval_threshold_minor::text AS threshold, three_people FROM finance_settings WHERE agency_id = $1', [w.north.agency.id])) as {
    threshold: string;
    three_people: boolean;
  }[];
  const required = p.amountMinor > BigInt(settings.threshold) ? 2 : 1;
  const ledger = api.app.get(LedgerService);
  const paymentId = await ds.transaction(async (m) => {
    const [payment] = (await m.query(
      `INSERT INTO payment (agency_id, program_id, grant_id, tranche_id, amount_minor, currency, required_approvals, three_people, requested_by, request_note)
       VALUES ($1, $2, $3, $4, $5, 'SEK', $6, $7, $8, 'Tranche due') RETURNING id`,
      [w.north.agency.id, w.programId, grantId, tranche.id, p.amountMinor.toString(), required, p.threePeople ?? settings.three_people, p.requestedBy],
    )) as { id: string }[];
    await ledger.post(m, {
      agencyId: w.north.agency.id,
      programId: w.programId,
      grantId,
      paymentId: payment.id,
      kind: 'payment_requested',
      description: `Tranche ${seq} requested`,
      effectiveOn: '2025-02-01',
      lines: paymentRequested({ grantId, currency: 'SEK' }, p.amountMinor),
      trail: { actor: { id: p.requestedBy, label: 'requester' }, agencyId: w.north.agency.id, action: 'payment.requested', entityType: 'payment', entityId: payment.id },
    });
    return payment.id;
  });
  return { paymentId, trancheId: tranche.id };
}

/** Balances of the grant's (or program's) accounts, as the ledger keeps them. */
export async function balances(ds: DataSource, scopeId: string): Promise<Record<string, string>> {
  const rows = (await ds.query(
    `SELECT a.code, b.balance_minor::text AS balance FROM ledger_account a JOIN account_balance b ON b.account_id = a.id WHERE a.scope_id = $1 ORDER BY a.code`,
    [scopeId],
  )) as { code: string; balance: string }[];
  return Object.fromEntries(rows.map((r) => [r.code, r.balance]));
}

export async function counts(ds: DataSource): Promise<{ entries: number; postings: number; trail: number }> {
  const [row] = (await ds.query(
    `SELECT (SELECT count(*)::int FROM journal_entry) AS entries, (SELECT count(*)::int FROM posting) AS postings, (SELECT count(*)::int FROM activity_record) AS trail`,
  )) as { entries: number; postings: number; trail: number }[];
  return row;
}
