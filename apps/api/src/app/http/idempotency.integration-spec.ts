import { ApiErrorBody, ErrorCode, FinancePaths, LedgerEntryView } from '@mizan/contracts';
import { envelopeAllocated } from '@mizan/domain';
import { IdempotencyService, LedgerService } from '@mizan/server/finance';
import { ApiHarness } from '../../testing/api-harness';
import { createUser } from '../intake/applications/applications.fixtures';
import { LedgerWorld, commitGrant, insertGrant, ledgerWorld } from '../ledger/ledger.fixtures';

/*
 * Idempotency-Key on a money-moving route (POST ledger/entries/:id/reverse) on
 * the real api and database: same key and body → the first answer again (also a
 * failure), one effect; another body → 409; a duplicate while the first runs →
 * 409; a 5xx is not kept; keys are per user; old keys are purged.
 */
describe('Idempotency-Key', () => {
  let api: ApiHarness;
  let w: LedgerWorld;
  let grantId: string;
  let finance: string;
  let finance2: string;
  let financeId: string;
  const officer = () => ({ id: w.north.users.officer.id, label: w.north.users.officer.email });

  beforeAll(async () => {
    api = await ApiHarness.start('idempotency');
    w = await ledgerWorld(api);
    await createUser(api.dataSource, w.north.agency.id, 'finance2@north.test', 'finance');
    grantId = await insertGrant(api.dataSource, {
      agencyId: w.north.agency.id,
      programId: w.programId,
      callId: w.callId,
      organizationId: w.organizationId,
      applicantId: w.north.users.applicant.id,
      officerId: w.north.users.officer.id,
      confirmerId: w.secondOfficerId,
      amountMinor: '1000000',
    });
    await commitGrant(api, { agencyId: w.north.agency.id, programId: w.programId, callId: w.callId, grantId, amountMinor: 1_000_000n, actor: officer() });
    financeId = w.north.users.finance.id;
    finance = await api.signIn('finance@north.test');
    finance2 = await api.signIn('finance2@north.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  beforeEach(async () => {
    await api.reauth(finance);
    await api.reauth(finance2);
  });

  /** A fresh entry to reverse (a funding entry: business-state entries are not reversible): 10.00 SEK more for the call. */
  async function entry(): Promise<string> {
    const ledger = api.app.get(LedgerService);
    const posted = await api.dataSource.transaction((m) =>
      ledger.post(m, {
        agencyId: w.north.agency.id,
        programId: w.programId,
        kind: 'envelope_allocated',
        description: 'envelope grown',
        effectiveOn: '2027-03-01',
        lines: envelopeAllocated({ programId: w.programId, callId: w.callId, currency: 'SEK' }, 1000n),
        trail: { actor: officer(), agencyId: w.north.agency.id, action: 'call.envelope_allocated', entityType: 'call', entityId: w.callId },
      }),
    );
    return posted.entryId;
  }

  const reverse = (entryId: string, key: string | undefined, reason = 'Duplicate booking', cookie = finance) =>
    api.request('POST', FinancePaths.reverseEntry(entryId), { cookie, body: { reason }, headers: key === undefined ? {} : { 'Idempotency-Key': key } });

  async function reversalsOf(entryId: string): Promise<number> {
    const [row] = (await api.dataSource.query('SELECT count(*)::int AS n FROM journal_entry WHERE reverses_entry_id = $1', [entryId])) as { n: number }[];
    return row.n;
  }

  it('answers the same key and body with the first answer, and moves the money once', async () => {
    const id = await entry();
    const first = await reverse(id, 'key-same-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await reverse(id, 'key-same-1');
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json<LedgerEntryView>()).toEqual(first.json<LedgerEntryView>());
    expect(await reversalsOf(id)).toBe(1);
    // The same body with its keys in another order is the same request.
    const reordered = await api.request('POST', FinancePaths.reverseEntry(id), {
      cookie: finance,
      rawBody: '{ "reason" : "Duplicate booking" }',
      headers: { 'Idempotency-Key': 'key-same-1' },
    });
    expect(reordered.statusCode).toBe(201);
    expect(reordered.json<LedgerEntryView>().id).toBe(first.json<LedgerEntryView>().id);
  });

  it('without a key a retry is not replayed, but the database still refuses a second reversal (409)', async () => {
    const id = await entry();
    expect((await reverse(id, undefined)).statusCode).toBe(201);
    const retry = await reverse(id, undefined);
    expect(retry.statusCode).toBe(409);
    expect(retry.json<ApiErrorBody>().code).toBe(ErrorCode.LedgerEntryAlreadyReversed);
    expect(await reversalsOf(id)).toBe(1);
  });

  it('refuses the same key with another body or another entry (409 IDEMPOTENCY_KEY_REUSED), doing nothing', async () => {
    const id = await entry();
    const other = await entry();
    expect((await reverse(id, 'key-reused')).statusCode).toBe(201);
    const otherBody = await reverse(id, 'key-reused', 'Another reason');
    expect(otherBody.statusCode).toBe(409);
    expect(otherBody.json<ApiErrorBody>().code).toBe(ErrorCode.IdempotencyKeyReused);
    const otherEntry = await reverse(other, 'key-reused');
    expect(otherEntry.statusCode).toBe(409);
    expect(otherEntry.json<ApiErrorBody>().code).toBe(ErrorCode.IdempotencyKeyReused);
    expect(await reversalsOf(other)).toBe(0);
  });

  it('replays a failure too: the stored 4xx, marked as a replay', async () => {
    const id = await entry();
    expect((await reverse(id, undefined)).statusCode).toBe(201);
    const failed = await reverse(id, 'key-failure');
    expect(failed.statusCode).toBe(409);
    expect(failed.json<ApiErrorBody>().code).toBe(ErrorCode.LedgerEntryAlreadyReversed);
    const replay = await reverse(id, 'key-failure');
    expect(replay.statusCode).toBe(409);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json<ApiErrorBody>()).toEqual(failed.json<ApiErrorBody>());
    // A 404 (an entry of nobody) is an answer as well.
    const missing = '2f6c1d7e-0000-4000-8000-000000000000';
    expect((await reverse(missing, 'key-missing')).statusCode).toBe(404);
    const again = await reverse(missing, 'key-missing');
    expect(again.statusCode).toBe(404);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('keeps keys per user: the same key from another finance user is another request', async () => {
    const id = await entry();
    const mine = await reverse(id, 'key-per-user');
    expect(mine.statusCode).toBe(201);
    const theirs = await reverse(id, 'key-per-user', 'Duplicate booking', finance2);
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json<ApiErrorBody>().code).toBe(ErrorCode.LedgerEntryAlreadyReversed);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers a duplicate that arrives while the first still runs with 409 IDEMPOTENCY_IN_PROGRESS; a claim left by a dead request is taken over later', async () => {
    const id = await entry();
    const done = await reverse(id, 'key-model');
    expect(done.statusCode).toBe(201);
    const id2 = await entry();
    // The claim a running request holds (same user, key, route and request hash as the call below).
    const claim = await api.app
      .get(IdempotencyService)
      .claim({ userId: financeId, key: 'key-running', method: 'POST', route: await routeOf('key-model'), params: { id: id2 }, body: { reason: 'Duplicate booking' } });
    expect(claim.kind).toBe('run');
    const duplicate = await reverse(id2, 'key-running');
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<ApiErrorBody>().code).toBe(ErrorCode.IdempotencyInProgress);
    expect(await reversalsOf(id2)).toBe(0);
    // Ten minutes later the claim is considered abandoned (its process died): the retry runs.
    await api.env.queryAs('owner', `UPDATE idempotency_key SET created_at = now() - interval '10 minutes' WHERE idem_key = 'key-running'`);
    const retry = await reverse(id2, 'key-running');
    expect(retry.statusCode).toBe(201);
    expect(await reversalsOf(id2)).toBe(1);
  });

  it('does not keep a 5xx: the claim goes and a retry with the same key runs again', async () => {
    const id = await entry();
    const revoke = (verb: 'REVOKE' | 'GRANT') =>
      api.env.queryAs('owner', `DO $$ BEGIN EXECUTE format('${verb} INSERT ON journal_entry ${verb === 'REVOKE' ? 'FROM' : 'TO'} %I', current_database() || '_app'); END $$`);
    await revoke('REVOKE');
    try {
      const broken = await reverse(id, 'key-5xx');
      expect(broken.statusCode).toBe(500);
      const [row] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_key WHERE idem_key = 'key-5xx'`)) as { n: number }[];
      expect(row.n).toBe(0);
    } finally {
      await revoke('GRANT');
    }
    const retry = await reverse(id, 'key-5xx');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await reversalsOf(id)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['a space inside', 'two words'],
    ['201 characters', 'k'.repeat(201)],
    ['a control character', 'key\u0001x'],
  ])('refuses a malformed key (%s) with 400 IDEMPOTENCY_KEY_INVALID, doing nothing', async (_label, key) => {
    const id = await entry();
    const response = await reverse(id, key);
    expect(response.statusCode).toBe(400);
    expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.IdempotencyKeyInvalid);
    expect(await reversalsOf(id)).toBe(0);
  });

  it('accepts a key of 200 visible characters', async () => {
    const id = await entry();
    expect((await reverse(id, `~${'K'.repeat(198)}!`)).statusCode).toBe(201);
  });

  it('purges keys older than 24 hours', async () => {
    const id = await entry();
    expect((await reverse(id, 'key-old')).statusCode).toBe(201);
    await api.env.queryAs('owner', `UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE idem_key = 'key-old'`);
    const purged = await api.app.get(IdempotencyService).purgeExpired();
    expect(purged).toBe(1);
    const rows = (await api.dataSource.query(`SELECT idem_key FROM idempotency_key WHERE idem_key IN ('key-old', 'key-same-1')`)) as { idem_key: string }[];
    expect(rows.map((r) => r.idem_key)).toEqual(['key-same-1']);
  });

  async function routeOf(key: string): Promise<string> {
    const [row] = (await api.dataSource.query('SELECT route FROM idempotency_key WHERE idem_key = $1', [key])) as { route: string }[];
    return row.route;
  }
});
