import type { TrailAction } from '@mizan/contracts';
import { paymentRequested } from '@mizan/domain';
import { LedgerService } from '@mizan/server/finance';
import { ApiHarness } from '../../testing/api-harness';
import { PaymentsWorld, balances, insertGrant, insertPayment, paymentsWorld } from './payments.fixtures';

/*
 * What the runtime role (the api's database user, api.dataSource) cannot do
 * with raw SQL, whatever the api's code does: the database guards of
 * migration 1765300000000 (found open by the review of issue 9, closed there).
 */
describe('the database guards money against the runtime role itself', () => {
  let api: ApiHarness;
  let w: PaymentsWorld;

  beforeAll(async () => {
    api = await ApiHarness.start('payments_db_guards');
    w = await paymentsWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses new postings on a journal entry written in an earlier transaction (history is append-only)', async () => {
    const ds = api.dataSource;
    const { paymentId } = await insertPayment(api, w, { amountMinor: 1_000n, requestedBy: w.north.users.officer.id });
    const [entry] = (await ds.query(`SELECT id FROM journal_entry WHERE payment_id = $1`, [paymentId])) as { id: string }[];
    const accts = (await ds.query(
      `SELECT a.id, a.code FROM ledger_account a WHERE a.scope_id = $1 AND a.code IN ('grant_committed','payment_requested')`,
      [w.grantId],
    )) as { id: string; code: string }[];
    const committed = (accts.find((a) => a.code === 'grant_committed') as { id: string }).id;
    const requested = (accts.find((a) => a.code === 'payment_requested') as { id: string }).id;
    const before = await balances(ds, w.grantId);
    // Add a balanced pair to the OLD entry: moves 500,000.00 SEK from commitment to "requested" under an entry dated and traced as something else.
    const attempt = ds
      .transaction(async (m) => {
        await m.query(`INSERT INTO posting (entry_id, account_id, currency, amount_minor) VALUES ($1, $2, 'SEK', 50000000), ($1, $3, 'SEK', -50000000)`, [
          entry.id,
          requested,
          committed,
        ]);
      })
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(await attempt).not.toBe('accepted');
    expect(await balances(ds, w.grantId)).toEqual(before);
  });

  it('refuses a journal entry that names a trail record of another, earlier transaction', async () => {
    const ds = api.dataSource;
    const [{ seq }] = (await ds.query(`SELECT min(seq)::text AS seq FROM activity_record`)) as { seq: string }[];
    const accts = (await ds.query(`SELECT id FROM ledger_account WHERE scope_id = $1 AND code IN ('grant_committed','payment_requested') ORDER BY code`, [w.grantId])) as {
      id: string;
    }[];
    const attempt = ds
      .transaction(async (m) => {
        const [e] = (await m.query(
          `INSERT INTO journal_entry (agency_id, program_id, grant_id, kind, description, effective_on, trail_seq) VALUES ($1, $2, $3, 'spec', 'no trail of its own', CURRENT_DATE, $4) RETURNING id`,
          [w.north.agency.id, w.programId, w.grantId, seq],
        )) as { id: string }[];
        await m.query(`INSERT INTO posting (entry_id, account_id, currency, amount_minor) VALUES ($1, $2, 'SEK', 1), ($1, $3, 'SEK', -1)`, [e.id, accts[1].id, accts[0].id]);
      })
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(await attempt).not.toBe('accepted');
  });

  it('does not let the runtime role drop the second approval or the third person of a requested payment (SoD columns are not frozen)', async () => {
    const ds = api.dataSource;
    // Above the threshold (10,000,000 minor): needs two approvers, and three people.
    const { paymentId } = await insertPayment(api, w, { amountMinor: 20_000_000n, requestedBy: w.north.users.officer.id });
    const attempt = await ds.query(`UPDATE payment SET required_approvals = 1, three_people = false WHERE id = $1`, [paymentId]).then(
      () => 'accepted',
      (e: Error) => e.message,
    );
    expect(attempt).not.toBe('accepted');
  });

  it('does not let the runtime role let the approver pay (requester ≠ approver ≠ payer) by flipping three_people, then paying', async () => {
    const ds = api.dataSource;
    const financeA = w.north.users.finance.id;
    const { paymentId } = await insertPayment(api, w, { amountMinor: 1_000n, requestedBy: w.north.users.officer.id });
    await ds.query(`UPDATE payment SET approved_by = $2, approved_at = now(), state = 'approved' WHERE id = $1`, [paymentId, financeA]);
    const attempt = await ds
      .transaction(async (m) => {
        await m.query(`UPDATE payment SET three_people = false WHERE id = $1`, [paymentId]);
        await m.query(
          `UPDATE payment SET state = 'paid', paid_by = $2, paid_at = now(), value_date = '2025-05-01', bank_reference = 'X', debited_minor = 1000,
                  transfer_currency = 'SEK', transfer_minor = 1000, rate = 1, fees_minor = 0 WHERE id = $1`,
          [paymentId, financeA],
        );
      })
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(attempt).not.toBe('accepted');
  });

  it('refuses a payment born with one approval although it is above the agency threshold (required_approvals is whatever the insert says)', async () => {
    const ds = api.dataSource;
    const [tranche] = (await ds.query(`INSERT INTO tranche (grant_id, seq, planned_on, amount_minor, currency, state) VALUES ($1, 900, '2025-02-01', 900000000, 'SEK', 'requested') RETURNING id`, [
      w.grantId,
    ])) as { id: string }[];
    const attempt = await ds
      .query(
        `INSERT INTO payment (agency_id, program_id, grant_id, tranche_id, amount_minor, currency, required_approvals, three_people, requested_by)
         VALUES ($1, $2, $3, $4, 900000000, 'SEK', 1, false, $5)`,
        [w.north.agency.id, w.programId, w.grantId, tranche.id, w.north.users.officer.id],
      )
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(attempt).not.toBe('accepted');
  });

  it('refuses to rewrite what was paid (value date, bank reference, amounts, rate) once a payment is paid', async () => {
    const ds = api.dataSource;
    const { paymentId } = await insertPayment(api, w, { amountMinor: 2_000n, requestedBy: w.north.users.officer.id });
    await ds.query(`UPDATE payment SET approved_by = $2, approved_at = now(), state = 'approved' WHERE id = $1`, [paymentId, w.north.users.finance.id]);
    const [file] = (await ds.query(
      `INSERT INTO bank_file (agency_id, message_id, execution_date, payment_count, control_sum_minor, currency, created_by)
       VALUES ($1, 'MZ-SPEC-PAID', '2025-05-01', 1, 2000, 'SEK', $2) RETURNING id`,
      [w.north.agency.id, w.financeC.id],
    )) as { id: string }[];
    await ds.query(`UPDATE payment SET state = 'sent_to_bank', bank_file_id = $2 WHERE id = $1`, [paymentId, file.id]);
    await ds.query(
      `UPDATE payment SET state = 'paid', paid_by = $2, paid_at = now(), value_date = '2025-05-01', bank_reference = 'HB-1', debited_minor = 2000,
              transfer_currency = 'USD', transfer_minor = 206, rate = 0.103, rate_source = 'bank', fees_minor = 0 WHERE id = $1`,
      [paymentId, w.financeC.id],
    );
    const attempt = await ds
      .query(`UPDATE payment SET value_date = '2025-01-02', bank_reference = 'OTHER', debited_minor = 1, transfer_minor = 999999, rate = 99, fees_minor = 5 WHERE id = $1`, [paymentId])
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    expect(attempt).not.toBe('accepted');
  });

  it('refuses to send a payment back from sent_to_bank to approved (state may only move forward)', async () => {
    const ds = api.dataSource;
    const { paymentId } = await insertPayment(api, w, { amountMinor: 1_500n, requestedBy: w.north.users.officer.id });
    await ds.query(`UPDATE payment SET approved_by = $2, approved_at = now(), state = 'approved' WHERE id = $1`, [paymentId, w.north.users.finance.id]);
    const [file] = (await ds.query(
      `INSERT INTO bank_file (agency_id, message_id, execution_date, payment_count, control_sum_minor, currency, created_by) VALUES ($1, 'MZREVIEW1', CURRENT_DATE, 1, 1500, 'SEK', $2) RETURNING id`,
      [w.north.agency.id, w.financeC.id],
    )) as { id: string }[];
    await ds.query(`UPDATE payment SET bank_file_id = $2, state = 'sent_to_bank' WHERE id = $1`, [paymentId, file.id]);
    const back = await ds.query(`UPDATE payment SET state = 'approved' WHERE id = $1`, [paymentId]).then(
      () => 'accepted',
      (e: Error) => e.message,
    );
    expect(back).not.toBe('accepted');
  });

  it('refuses to rewrite the amount, the signatures or the payee of an active (committed) grant', async () => {
    const ds = api.dataSource;
    const attempts: string[] = [];
    for (const sql of [
      `UPDATE grant_award SET amount_minor = amount_minor * 10 WHERE id = $1`,
      `UPDATE grant_award SET payee_iban = 'SE4550000000058398257466', payee_name = 'Someone else' WHERE id = $1`,
      `UPDATE grant_award SET state = 'draft' WHERE id = $1`,
    ]) {
      attempts.push(
        await ds.query(sql, [w.grantId]).then(
          () => `accepted: ${sql}`,
          () => 'refused',
        ),
      );
    }
    expect(attempts.filter((a) => a !== 'refused')).toEqual([]);
  });

  it('cannot deadlock: a transaction posts all its entries in one call, and a second call after the trail lock is refused at once', async () => {
    // Lock order: business rows → ledger advisory locks → trail lock. A second post in the same transaction would take
    // ledger locks while holding the trail lock (trail → ledger) and could deadlock with another poster; it is refused.
    const ds = api.dataSource;
    const ledger = api.app.get(LedgerService);
    const actor = { id: w.north.users.officer.id, label: 'officer' };
    const g1 = await insertGrant(api, { ...grantArgs(), amountMinor: 1_000n });
    const g2 = await insertGrant(api, { ...grantArgs(), amountMinor: 1_000n });
    const request = (grantId: string, action: string) => ({
      agencyId: w.north.agency.id,
      programId: w.programId,
      grantId,
      kind: 'payment_requested',
      description: action,
      effectiveOn: '2025-02-01',
      lines: paymentRequested({ grantId, currency: 'SEK' }, 10n),
      trail: { actor, agencyId: w.north.agency.id, action: action as TrailAction, entityType: 'grant' as const, entityId: grantId },
    });
    const a = ds.createQueryRunner();
    const b = ds.createQueryRunner();
    await a.connect();
    await b.connect();
    try {
      await a.startTransaction();
      await b.startTransaction();
      await ledger.post(a.manager, request(g1, 'spec.a1'));
      const bPost = ledger.post(b.manager, request(g2, 'spec.b')).then(
        () => 'ok',
        (e: Error) => e.message,
      );
      await new Promise((r) => setTimeout(r, 300));
      await expect(ledger.post(a.manager, request(g2, 'spec.a2'))).rejects.toThrow(/in one call.*lock order/);
      await a.rollbackTransaction();
      expect(await bPost).toBe('ok');
      await b.commitTransaction();
      // Both entries in one call: funding and two requests, locked together before the trail.
      const posted = await ds.transaction((m) => ledger.postAll(m, [request(g1, 'spec.c1'), request(g2, 'spec.c2')]));
      expect(posted).toHaveLength(2);
    } finally {
      if (a.isTransactionActive) await a.rollbackTransaction().catch(() => undefined);
      if (b.isTransactionActive) await b.rollbackTransaction().catch(() => undefined);
      await a.release();
      await b.release();
    }
  });

  function grantArgs() {
    return {
      agencyId: w.north.agency.id,
      programId: w.programId,
      callId: w.callId,
      organizationId: w.organizationId,
      applicantId: w.north.users.applicant.id,
      officerId: w.north.users.officer.id,
      confirmerId: w.dual.id,
    };
  }

  it('(control) the fixtures above really run as the runtime role', async () => {
    const [{ who }] = (await api.dataSource.query(`SELECT current_user AS who`)) as { who: string }[];
    expect(who).toMatch(/_app$/);
  });
});
