import type { TrailAction } from '@mizan/contracts';
import { LedgerService } from '@mizan/server/finance';
import type { TrailEntry } from '@mizan/server/trail';
import { grantCommitted, paymentRequested } from '@mizan/domain';
import { seedAgency, type SeededAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { createCall, createProgram } from '../intake/applications/applications.fixtures';

/** The ledger writer on the real database: lazy funding, balances from postings, refusals that leave nothing behind. */
describe('LedgerService', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let ledger: LedgerService;
  let programId: string;
  let callId: string;
  const grantId = '0b9f0a8e-5d7c-4a43-9d6e-2f1c7b0e9a11';
  const actor = () => ({ id: north.users.officer.id, label: north.users.officer.email });

  beforeAll(async () => {
    api = await ApiHarness.start('ledger-service');
    north = await seedAgency(api.dataSource, 'north');
    ledger = api.app.get(LedgerService);
    programId = await createProgram(api.dataSource, north.agency.id, north.users.officer.id);
    callId = await createCall(api.dataSource, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id });
    await api.env.queryAs('owner', `UPDATE grant_call SET envelope_minor = 500000, max_grant_minor = 400000 WHERE id = $1`, [callId]);
  });

  afterAll(async () => {
    await api?.stop();
  });

  const scopes = () => ({ agencyId: north.agency.id, programId, callId, grantId, currency: 'SEK' as const });
  // Spec codes like 'test.commit' are deliberately not in TRAIL_ACTION_LABELS: the trail stores any code.
  const trail = (action: string): TrailEntry => ({ actor: actor(), agencyId: north.agency.id, action: action as TrailAction, entityType: 'grant', entityId: grantId });

  it('funds the program and the call once, commits, and refuses to request more than the commitment, writing nothing', async () => {
    await api.dataSource.transaction(async (manager) => {
      await ledger.ensureFunded(manager, { agencyId: north.agency.id, programId, callId, actor: actor() });
    });
    // Funded once: a second call books nothing more; the commitment goes with it, in one post (the ledger's lock order).
    await api.dataSource.transaction(async (manager) => {
      await ledger.ensureFunded(manager, { agencyId: north.agency.id, programId, callId, actor: actor() }, [
        {
          agencyId: north.agency.id,
          programId,
          grantId: null,
          kind: 'grant_committed',
          description: 'Grant committed',
          effectiveOn: '2026-12-04',
          lines: grantCommitted(scopes(), 300000n),
          trail: trail('test.commit'),
        },
      ]);
    });
    expect(await ledger.balances(api.dataSource.manager, grantId)).toEqual({ grant_committed: 300000n });
    expect(await ledger.balances(api.dataSource.manager, callId)).toEqual({ call_envelope: 200000n });
    expect(await ledger.balances(api.dataSource.manager, programId)).toEqual({ program_budget: 10000000000n - 500000n });

    const entriesBefore = await api.dataSource.query(`SELECT count(*)::int AS n FROM journal_entry`);
    const trailBefore = await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_record`);
    await expect(
      api.dataSource.transaction((manager) =>
        ledger.post(manager, {
          agencyId: north.agency.id,
          programId,
          kind: 'payment_requested',
          description: 'Too much',
          effectiveOn: '2026-12-04',
          lines: paymentRequested(scopes(), 300001n),
          trail: trail('test.request'),
        }),
      ),
    ).rejects.toMatchObject({ code: 'LEDGER_INSUFFICIENT_FUNDS', params: { account: 'grant_committed', availableMinor: '300000', neededMinor: '300001' } });
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM journal_entry`)).toEqual(entriesBefore);
    expect(await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_record`)).toEqual(trailBefore);
  });

  it('names the trail record written in the same transaction, and the trial balance of postings sums to zero', async () => {
    const result = await api.dataSource.transaction((manager) =>
      ledger.post(manager, {
        agencyId: north.agency.id,
        programId,
        kind: 'payment_requested',
        description: 'Tranche 1',
        effectiveOn: '2026-12-04',
        lines: paymentRequested(scopes(), 100000n),
        trail: trail('payment.requested'),
      }),
    );
    const [row] = (await api.dataSource.query(
      `SELECT e.trail_seq::text AS seq, r.action FROM journal_entry e JOIN activity_record r ON r.seq = e.trail_seq WHERE e.id = $1`,
      [result.entryId],
    )) as { seq: string; action: string }[];
    expect(row).toEqual({ seq: result.trailSeq, action: 'payment.requested' });
    const sums = (await api.dataSource.query(`SELECT currency, sum(amount_minor)::text AS total FROM posting GROUP BY currency`)) as { total: string }[];
    expect(sums.map((s) => s.total)).toEqual(['0']);
    const mismatched = await api.dataSource.query(
      `SELECT a.id FROM ledger_account a JOIN account_balance b ON b.account_id = a.id
       LEFT JOIN (SELECT account_id, sum(amount_minor) AS s FROM posting GROUP BY account_id) p ON p.account_id = a.id
       WHERE b.balance_minor <> coalesce(p.s, 0)`,
    );
    expect(mismatched).toEqual([]);
  });
});
