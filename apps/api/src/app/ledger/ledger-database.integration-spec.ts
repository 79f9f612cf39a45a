import { ErrorCode } from '@mizan/contracts';
import { paymentRequested } from '@mizan/domain';
import { LedgerService } from '@mizan/server/finance';
import { MizanException } from '@mizan/server/core';
import { SYSTEM_ACTOR, TrailService } from '@mizan/server/trail';
import { ApiHarness } from '../../testing/api-harness';
import { LedgerWorld, account, commitGrant, insertGrant, ledgerWorld, rawEntry } from './ledger.fixtures';

/*
 * What the database itself guarantees about the ledger (migration 1765300000000),
 * whatever the api does: proven with raw SQL as the runtime role (what the api
 * connects as), as the owner (who ran the migrations) and as the administrator.
 */
describe('ledger: the database keeps double entry', () => {
  let api: ApiHarness;
  let w: LedgerWorld;
  let trail: TrailService;
  let grantId: string;
  let appropriation: string;
  let committed: string;
  let requested: string;
  let usdAccount: string;

  beforeAll(async () => {
    api = await ApiHarness.start('ledger_database');
    w = await ledgerWorld(api);
    trail = api.app.get(TrailService);
    const ds = api.dataSource;
    grantId = await insertGrant(ds, {
      agencyId: w.north.agency.id,
      programId: w.programId,
      callId: w.callId,
      organizationId: w.organizationId,
      applicantId: w.north.users.applicant.id,
      officerId: w.north.users.officer.id,
      confirmerId: w.secondOfficerId,
      amountMinor: '100000',
    });
    const base = { agencyId: w.north.agency.id, programId: w.programId };
    appropriation = await account(ds, { ...base, code: 'appropriation', scopeType: 'agency', scopeId: w.north.agency.id, programId: null, currency: 'SEK', nonNegative: false });
    committed = await account(ds, { ...base, code: 'grant_committed', scopeType: 'grant', scopeId: grantId, currency: 'SEK', nonNegative: true });
    requested = await account(ds, { ...base, code: 'payment_requested', scopeType: 'grant', scopeId: grantId, currency: 'SEK', nonNegative: true });
    usdAccount = await account(ds, { ...base, code: 'fx_difference', scopeType: 'program', scopeId: w.programId, currency: 'USD', nonNegative: false });
    // One good entry to try to change afterwards: 1,000.00 SEK committed.
    await ds.transaction((m) =>
      rawEntry(m, trail, {
        agencyId: w.north.agency.id,
        programId: w.programId,
        grantId,
        postings: [
          { accountId: committed, currency: 'SEK', amountMinor: '100000' },
          { accountId: appropriation, currency: 'SEK', amountMinor: '-100000' },
        ],
      }),
    );
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function entryCount(): Promise<number> {
    const [row] = (await api.dataSource.query('SELECT count(*)::int AS n FROM journal_entry')) as { n: number }[];
    return row.n;
  }

  async function balanceOf(accountId: string): Promise<string> {
    const [row] = (await api.dataSource.query('SELECT balance_minor::text AS b FROM account_balance WHERE account_id = $1', [accountId])) as { b: string }[];
    return row.b;
  }

  /** Runs the postings in a transaction whose statements all succeed; returns the error of COMMIT (or null). */
  async function commitError(postings: Array<{ accountId: string; currency: string; amountMinor: string }>): Promise<string | null> {
    const runner = api.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await rawEntry(runner.manager, trail, { agencyId: w.north.agency.id, programId: w.programId, grantId, postings });
      try {
        await runner.commitTransaction();
        return null;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        return (error as Error).message;
      }
    } finally {
      await runner.release();
    }
  }

  it('refuses, at COMMIT, an entry whose postings do not sum to zero in a currency', async () => {
    const before = await entryCount();
    const error = await commitError([
      { accountId: requested, currency: 'SEK', amountMinor: '5000' },
      { accountId: committed, currency: 'SEK', amountMinor: '-4999' },
    ]);
    expect(error).toMatch(/does not balance in SEK: postings sum to 1/);
    expect(await entryCount()).toBe(before);
    expect(await balanceOf(committed)).toBe('100000');
  });

  it('refuses, at COMMIT, an entry of one posting, and an entry with none', async () => {
    const before = await entryCount();
    expect(await commitError([{ accountId: usdAccount, currency: 'USD', amountMinor: '700' }])).toMatch(/has 1 posting\(s\); a double entry needs at least two/);
    expect(await commitError([])).toMatch(/has 0 posting\(s\)/);
    expect(await entryCount()).toBe(before);
  });

  it('refuses an entry balanced overall but not per currency', async () => {
    const error = await commitError([
      { accountId: usdAccount, currency: 'USD', amountMinor: '100' },
      { accountId: appropriation, currency: 'SEK', amountMinor: '-100' },
    ]);
    expect(error).toMatch(/does not balance in (USD|SEK)/);
  });

  it('accepts a balanced entry: the balance table follows the postings in the same transaction', async () => {
    expect(
      await commitError([
        { accountId: requested, currency: 'SEK', amountMinor: '2500' },
        { accountId: committed, currency: 'SEK', amountMinor: '-2500' },
      ]),
    ).toBeNull();
    expect(await balanceOf(requested)).toBe('2500');
    expect(await balanceOf(committed)).toBe('97500');
    const [sums] = (await api.dataSource.query(
      `SELECT (SELECT sum(amount_minor) FROM posting WHERE account_id = $1)::text AS from_postings, balance_minor::text AS kept FROM account_balance WHERE account_id = $1`,
      [committed],
    )) as { from_postings: string; kept: string }[];
    expect(sums.from_postings).toBe(sums.kept);
  });

  it('refuses a posting in another currency than its account', async () => {
    await expect(
      api.dataSource.transaction((m) =>
        rawEntry(m, trail, {
          agencyId: w.north.agency.id,
          programId: w.programId,
          grantId,
          postings: [
            { accountId: requested, currency: 'USD', amountMinor: '100' },
            { accountId: usdAccount, currency: 'USD', amountMinor: '-100' },
          ],
        }),
      ),
    ).rejects.toThrow(/posting in USD on an account kept in SEK/);
  });

  it('refuses a non-negative account going below zero, at the posting', async () => {
    const before = await balanceOf(requested);
    await expect(
      api.dataSource.transaction((m) =>
        rawEntry(m, trail, {
          agencyId: w.north.agency.id,
          programId: w.programId,
          grantId,
          postings: [
            { accountId: committed, currency: 'SEK', amountMinor: String(BigInt(before) + 1n) },
            { accountId: requested, currency: 'SEK', amountMinor: String(-(BigInt(before) + 1n)) },
          ],
        }),
      ),
    ).rejects.toThrow(/ck_account_balance_non_negative/);
    expect(await balanceOf(requested)).toBe(before);
  });

  it('refuses an entry that names no trail record', async () => {
    const [{ max }] = (await api.dataSource.query('SELECT coalesce(max(seq), 0)::text AS max FROM activity_record')) as { max: string }[];
    await expect(
      api.dataSource.transaction((m) =>
        rawEntry(m, trail, {
          agencyId: w.north.agency.id,
          programId: w.programId,
          trailSeq: String(BigInt(max) + 1000n),
          postings: [
            { accountId: usdAccount, currency: 'USD', amountMinor: '1' },
            { accountId: usdAccount, currency: 'USD', amountMinor: '-1' },
          ],
        }),
      ),
    ).rejects.toThrow(/fk_journal_entry_trail/);
  });

  it('does not let the runtime role write balances itself', async () => {
    await expect(api.dataSource.query(`UPDATE account_balance SET balance_minor = 0, debit_minor = 0, credit_minor = 0 WHERE account_id = $1`, [committed])).rejects.toThrow(
      /permission denied/,
    );
    await expect(api.dataSource.query(`INSERT INTO account_balance (account_id, non_negative) VALUES ($1, false)`, [committed])).rejects.toThrow(/permission denied/);
  });

  describe.each(['posting', 'journal_entry'])('%s is append-only', (table) => {
    it('refuses UPDATE, DELETE and TRUNCATE by the runtime role', async () => {
      const column = table === 'posting' ? 'amount_minor = amount_minor' : "description = 'changed'";
      await expect(api.dataSource.query(`UPDATE ${table} SET ${column}`)).rejects.toThrow(/permission denied/);
      await expect(api.dataSource.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(api.dataSource.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/permission denied/);
    });

    it.each(['owner', 'superuser'] as const)('refuses UPDATE, DELETE and TRUNCATE by the %s (triggers)', async (who) => {
      const column = table === 'posting' ? 'amount_minor = amount_minor * 2' : "description = 'changed'";
      await expect(api.env.queryAs(who, `UPDATE ${table} SET ${column}`)).rejects.toThrow(new RegExp(`${table} is append-only: UPDATE refused`));
      await expect(api.env.queryAs(who, `DELETE FROM ${table}`)).rejects.toThrow(new RegExp(`${table} is append-only: DELETE refused`));
      await expect(api.env.queryAs(who, `TRUNCATE ${table} CASCADE`)).rejects.toThrow(/is append-only: TRUNCATE refused/);
      expect(await entryCount()).toBeGreaterThan(0);
      expect(await balanceOf(committed)).toBe('97500');
    });
  });

  it('never lets 50 concurrent requests on one commitment exceed it: 33 of 30 fit in 1,000, the rest are refused, no deadlock', async () => {
    const ds = api.dataSource;
    const actor = { id: w.north.users.officer.id, label: 'officer' };
    const concurrentGrant = await insertGrant(ds, {
      agencyId: w.north.agency.id,
      programId: w.programId,
      callId: w.callId,
      organizationId: w.organizationId,
      applicantId: w.north.users.applicant.id,
      officerId: w.north.users.officer.id,
      confirmerId: w.secondOfficerId,
      amountMinor: '1000',
    });
    await commitGrant(api, { agencyId: w.north.agency.id, programId: w.programId, callId: w.callId, grantId: concurrentGrant, amountMinor: 1000n, actor });
    const ledger = api.app.get(LedgerService);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        ds.transaction(async (m) => {
          // What the payments service does first: the grant row, then the ledger.
          await m.query('SELECT id FROM grant_award WHERE id = $1 FOR UPDATE', [concurrentGrant]);
          return ledger.post(m, {
            agencyId: w.north.agency.id,
            programId: w.programId,
            grantId: concurrentGrant,
            kind: 'payment_requested',
            description: 'Payment requested',
            effectiveOn: '2027-02-01',
            lines: paymentRequested({ grantId: concurrentGrant, currency: 'SEK' }, 30n),
            trail: { actor, agencyId: w.north.agency.id, action: 'payment.requested', entityType: 'grant', entityId: concurrentGrant },
          });
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(33);
    expect(refused).toHaveLength(17);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(MizanException);
      expect((r.reason as MizanException).code).toBe(ErrorCode.LedgerInsufficientFunds);
    }
    const balances = await ledger.balances(ds.manager, concurrentGrant);
    expect(balances.grant_committed).toBe(10n);
    expect(balances.payment_requested).toBe(990n);
    const [entries] = (await ds.query(`SELECT count(*)::int AS n FROM journal_entry WHERE grant_id = $1 AND kind = 'payment_requested'`, [concurrentGrant])) as { n: number }[];
    expect(entries.n).toBe(33);
  });

  it('refuses at the database a race the service check would not see: two raw transactions on the last 10 of a commitment', async () => {
    const ds = api.dataSource;
    const raceGrant = await insertGrant(ds, {
      agencyId: w.north.agency.id,
      programId: w.programId,
      callId: w.callId,
      organizationId: w.organizationId,
      applicantId: w.north.users.applicant.id,
      officerId: w.north.users.officer.id,
      confirmerId: w.secondOfficerId,
      amountMinor: '10',
    });
    await commitGrant(api, { agencyId: w.north.agency.id, programId: w.programId, callId: w.callId, grantId: raceGrant, amountMinor: 10n, actor: SYSTEM_ACTOR });
    const base = { agencyId: w.north.agency.id, programId: w.programId };
    const from = await account(ds, { ...base, code: 'grant_committed', scopeType: 'grant', scopeId: raceGrant, currency: 'SEK', nonNegative: true });
    const to = await account(ds, { ...base, code: 'payment_requested', scopeType: 'grant', scopeId: raceGrant, currency: 'SEK', nonNegative: true });
    const move = [
      { accountId: to, currency: 'SEK', amountMinor: '10' },
      { accountId: from, currency: 'SEK', amountMinor: '-10' },
    ];
    const first = ds.createQueryRunner();
    const second = ds.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      // Both read 10 available (what a service check without locks would see).
      for (const r of [first, second]) {
        const [row] = (await r.query('SELECT balance_minor::text AS b FROM account_balance WHERE account_id = $1', [from])) as { b: string }[];
        expect(row.b).toBe('10');
      }
      await rawEntry(first.manager, trail, { ...base, grantId: raceGrant, postings: move });
      // The second waits (the trail's lock, then the balance row) until the first commits; then it finds 0 and is refused.
      const secondWrite = rawEntry(second.manager, trail, { ...base, grantId: raceGrant, postings: move }).then(
        () => null,
        (error: Error) => error.message,
      );
      await first.commitTransaction();
      expect(await secondWrite).toMatch(/ck_account_balance_non_negative/);
      await second.rollbackTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    expect(await balanceOf(from)).toBe('0');
    expect(await balanceOf(to)).toBe('10');
  });
});
