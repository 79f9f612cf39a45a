import { DataSource } from 'typeorm';
import { ApiPaths, TrailVerification, type TrailPage, type TrailAction, type TrailEntityType } from '@mizan/contracts';
import { dataSourceOptions } from '@mizan/server/db';
import { TestEnvironment, createTestEnvironment, seedAgency } from '@mizan/server/testing';
import { TrailService } from '@mizan/server/trail';
import { ApiHarness } from '../../testing/api-harness';

describe('the hash-chained trail on the real database', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  let trail: TrailService;
  let agencyId: string;

  beforeAll(async () => {
    env = await createTestEnvironment('chain');
    ds = await new DataSource({ ...dataSourceOptions(env.databaseUrl), extra: { max: 60 } }).initialize();
    trail = new TrailService(ds);
    agencyId = (await seedAgency(ds, 'north')).agency.id;
  });
  afterAll(async () => {
    await ds?.destroy();
    await env?.teardown();
  });

  const entry = (n: number) => ({
    actor: { id: null, label: 'spec' },
    agencyId,
    // Not codes the server writes: the trail stores any code.
    action: 'spec.wrote' as TrailAction,
    entityType: 'thing' as TrailEntityType,
    entityId: `t-${n}`,
    before: { n: n - 1, nested: { b: 2, a: 1 } },
    after: { n, when: new Date('2026-01-01T00:00:00Z'), list: [3, 'x', null] },
  });

  it('50 concurrent writers give one unbroken chain with gap-free sequence numbers', async () => {
    const start = Number((await trail.head()).seq);
    await Promise.all(Array.from({ length: 50 }, (_, i) => trail.record(async () => ({ result: i, entries: [entry(i)] }))));
    const result = await trail.verify();
    expect(result).toMatchObject({ intact: true, count: start + 50, brokenAtSeq: null });
    const seqs = (await ds.query('SELECT seq::int AS s FROM activity_record ORDER BY seq')).map((r: { s: number }) => r.s);
    expect(seqs).toEqual(Array.from({ length: start + 50 }, (_, i) => i + 1));
    const positions = (await ds.query('SELECT chain_seq::int AS p FROM activity_record WHERE agency_id = $1 ORDER BY seq', [agencyId])).map((r: { p: number }) => r.p);
    expect(positions).toEqual(Array.from({ length: start + 50 }, (_, i) => i + 1));
  });

  it('writers spread over agencies each extend their own chain: gap-free positions, seq order = chain order, every chain verifies', async () => {
    const south = (await seedAgency(ds, 'south')).agency.id;
    const chains = [agencyId, south, null];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => trail.record(async () => ({ result: i, entries: [{ ...entry(i), agencyId: chains[i % 3] }] }))),
    );
    // Two chains in one transaction: the locks are taken in one order, so such transactions never deadlock crosswise.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        trail.record(async () => ({ result: i, entries: [{ ...entry(i), agencyId: i % 2 ? south : agencyId }, { ...entry(i), agencyId: i % 2 ? agencyId : south }] })),
      ),
    );
    const rows = (await ds.query(
      `SELECT COALESCE(agency_id::text, 'platform') AS chain, chain_seq::int AS p, hash_version AS v FROM activity_record WHERE chain_seq IS NOT NULL ORDER BY seq`,
    )) as { chain: string; p: number; v: number }[];
    expect(new Set(rows.map((r) => r.v))).toEqual(new Set([3]));
    for (const chain of [agencyId, south, 'platform']) {
      const positions = rows.filter((r) => r.chain === chain).map((r) => r.p);
      expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
    }
    const result = await trail.verify();
    expect(result).toMatchObject({ intact: true, count: rows.length, brokenAtSeq: null });
    expect(result.chains.map((c) => [c.kind, c.agencyId, c.intact])).toEqual([
      ['legacy', null, true],
      ['platform', null, true],
      ['agency', agencyId, true],
      ['agency', south, true],
    ]);
    expect(result.chains.find((c) => c.agencyId === south)).toMatchObject({ count: rows.filter((r) => r.chain === south).length });
    // One agency's verification: its chain (and the empty legacy chain), not the others'.
    const own = await trail.verify({ agencyId: south });
    expect(own.chains.map((c) => c.kind)).toEqual(['legacy', 'agency']);
    expect(own.count).toBe(rows.filter((r) => r.chain === south).length);
  });

  it('verifies records whose text needs escaping, across batches: the body kept is the canonical text', async () => {
    // A record keeps canonicalRecord's text as its body and PostgreSQL generates the members from it: both the fast
    // path (the bodies) and the general walk (the members, read back) must agree for any content, and the members must
    // read back as they were written.
    const awkward = 'quote " backslash \\ slash / tab \t newline \n bell \u0007 del \u007f ls \u2028 ps \u2029 é ش 𝄞 😀';
    const own = (await seedAgency(ds, 'awkward')).agency.id;
    for (let i = 0; i < 7; i++) {
      await trail.record(async () => ({
        result: i,
        entries: [{
          actor: { id: null, label: `${awkward} ${i}` },
          agencyId: own,
          action: 'spec.wrote' as TrailAction,
          entityType: 'thing' as TrailEntityType,
          entityId: `${awkward}-${i}`,
          before: i % 2 ? null : { [awkward]: awkward, é: 1.5, e: [1e21, -0, 0.1, { z: 'z', Z: 'Z', aa: 'aa', b: 'b' }], 'e\u0301': true },
          after: { amount: 1.5, big: 2 ** 60, tiny: 1e-7, text: awkward, '😀': { 'ﬀ': 1, '𝄞': 2 } },
          reason: i === 3 ? null : awkward,
        }],
      }));
    }
    // Batches of 3 records: the chain is read as several ranges, two at a time.
    const result = await trail.verify({ agencyId: own, batchSize: 3 });
    expect(result).toMatchObject({ intact: true, count: 7, brokenAtSeq: null });
    expect(await trail.verify({ agencyId: own, batchSize: 3, threads: 0 })).toMatchObject({ intact: true, count: 7 });
    const [first] = (await ds.query(`SELECT actor_label, entity_id, before, after, reason FROM activity_record WHERE agency_id = $1 AND chain_seq = 1`, [own])) as Record<string, unknown>[];
    expect(first).toEqual({
      actor_label: `${awkward} 0`,
      entity_id: `${awkward}-0`,
      before: { [awkward]: awkward, é: 1.5, e: [1e21, 0, 0.1, { z: 'z', Z: 'Z', aa: 'aa', b: 'b' }], 'e\u0301': true },
      after: { amount: 1.5, big: 2 ** 60, tiny: 1e-7, text: awkward, '😀': { 'ﬀ': 1, '𝄞': 2 } },
      reason: awkward,
    });
    await env.queryAs('superuser', `BEGIN; SET LOCAL session_replication_role = replica;
      UPDATE activity_record SET body = replace(body, 'ش', 'س') WHERE agency_id = '${own}' AND chain_seq = 5; COMMIT`);
    expect(await trail.verify({ agencyId: own, batchSize: 3 })).toMatchObject({ intact: false, brokenAtSeq: '5', count: 4, problem: expect.stringMatching(/record #5 was altered/) });
  });

  it('a change that fails leaves no record: the trail is written in the same transaction', async () => {
    const before = await trail.head();
    await expect(
      trail.record(async (manager) => {
        await trail.append(manager, entry(999));
        await manager.query('SELECT 1/0');
        return { result: 1, entries: [] };
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await trail.head()).toEqual(before);
  });

  it('refuses to append outside a transaction', async () => {
    await expect(trail.append(ds.manager, entry(1))).rejects.toThrow(/inside the transaction/);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the trail, even to its owner', async () => {
    // The runtime role has no such privilege at all (database-roles spec); the trigger stops the owner too.
    await expect(env.queryAs('owner', `UPDATE activity_record SET previous_hash = repeat('x', 64) WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(env.queryAs('owner', `DELETE FROM activity_record WHERE seq = 1`)).rejects.toThrow(/append-only/);
    // Journal entries name their trail records (foreign key), so a plain TRUNCATE is refused for that first; with CASCADE the triggers refuse it.
    await expect(env.queryAs('owner', `TRUNCATE activity_record`)).rejects.toThrow(/append-only|referenced in a foreign key/);
    await expect(env.queryAs('owner', `TRUNCATE activity_record CASCADE`)).rejects.toThrow(/append-only/);
  });
});

describe('tampering with the trail directly in SQL is detected at that record', () => {
  let api: ApiHarness;
  let auditor: string;
  let north: string;
  let south: string;

  beforeEach(async () => {
    api = await ApiHarness.start('tamper');
    north = (await seedAgency(api.dataSource, 'north')).agency.id;
    south = (await seedAgency(api.dataSource, 'south')).agency.id;
    const trail = new TrailService(api.dataSource);
    for (let i = 0; i < 6; i++) {
      await trail.record(async () => ({
        result: i,
        entries: [{ actor: { id: null, label: 'spec' }, agencyId: north, action: 'spec.wrote' as TrailAction, entityType: 'thing' as TrailEntityType, entityId: String(i), after: { amountMinor: 1000 * i } }],
      }));
    }
    auditor = await api.signIn('auditor@north.test');
  });
  afterEach(async () => {
    await api?.stop();
  });

  /** What an attacker with full database rights would do: switch the protecting trigger off, then edit. */
  async function asSuperuser(sql: string): Promise<void> {
    await api.env.queryAs('superuser', `BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT`);
  }

  /** The auditor of north verifies north's chain (positions 1–6 written above, 7 the auditor's sign-in). */
  async function verify(): Promise<TrailVerification> {
    const response = await api.request('POST', ApiPaths.trailVerification, { cookie: auditor });
    expect(response.statusCode).toBe(200);
    return response.json<TrailVerification>();
  }
  const inNorth = (position: number) => `agency_id = '${north}' AND chain_seq = ${position}`;

  it('reports intact with count and head hash when untouched', async () => {
    const result = await verify();
    expect(result.intact).toBe(true);
    expect(result.count).toBe(7);
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.chains.map((c) => [c.kind, c.agencyId, c.count])).toEqual([
      ['legacy', null, 0],
      ['agency', north, 7],
    ]);
    expect(result.chains[1].headHash).toBe(result.headHash);
  });

  it('an edited amount breaks the chain at that record', async () => {
    await asSuperuser(`UPDATE activity_record SET body = jsonb_set(body::jsonb, '{after}', '{"amountMinor": 1}')::text WHERE ${inNorth(3)}`);
    const result = await verify();
    expect(result).toMatchObject({ intact: false, brokenAtSeq: '3', count: 2 });
    expect(result.problem).toMatch(/chain of agency Agency north: record #3 was altered/);
  });

  it('an edited hash is caught at the next record', async () => {
    await asSuperuser(`UPDATE activity_record SET hash = repeat('a', 64) WHERE ${inNorth(4)}`);
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.brokenAtSeq).toBe('4');
  });

  it('a deleted record is reported as missing', async () => {
    await asSuperuser(`DELETE FROM activity_record WHERE ${inNorth(5)}`);
    const result = await verify();
    expect(result).toMatchObject({ intact: false, brokenAtSeq: '5' });
    expect(result.problem).toMatch(/missing/);
  });

  it('a record moved to another agency’s chain breaks both chains', async () => {
    // south has one record of its own (position 1); north's record 2 is moved there as its position 2.
    await new TrailService(api.dataSource).record(async () => ({
      result: null,
      entries: [{ actor: { id: null, label: 'spec' }, agencyId: south, action: 'spec.wrote' as TrailAction, entityType: 'thing' as TrailEntityType, entityId: 's' }],
    }));
    await asSuperuser(`UPDATE activity_record SET body = jsonb_set(body::jsonb, '{agencyId}', to_jsonb('${south}'::text))::text WHERE ${inNorth(2)}`);
    expect(await verify()).toMatchObject({ intact: false, brokenAtSeq: '2', problem: expect.stringMatching(/missing/) });
    const all = await new TrailService(api.dataSource).verify();
    expect(all.intact).toBe(false);
    expect(all.chains.find((c) => c.agencyId === north)).toMatchObject({ intact: false, brokenAtSeq: '2' });
    expect(all.chains.find((c) => c.agencyId === south)).toMatchObject({ intact: false, brokenAtSeq: '2', count: 1 });
    // South's auditor sees the break in south's chain, not north's.
    const southOnly = await new TrailService(api.dataSource).verify({ agencyId: south });
    expect(southOnly.chains.map((c) => c.agencyId)).toEqual([null, south]);
    expect(southOnly).toMatchObject({ intact: false, brokenAtSeq: '2' });
  });

  it('a gap in the positions of a chain is reported as a missing record', async () => {
    await asSuperuser(`UPDATE activity_record SET body = jsonb_set(body::jsonb, '{seq}', '"9"')::text WHERE ${inNorth(7)}`);
    expect(await verify()).toMatchObject({ intact: false, brokenAtSeq: '7', count: 6, problem: expect.stringMatching(/record #7 is missing \(next found is #9\)/) });
  });

  it('a version-3 record that links to the wrong previous hash is caught there', async () => {
    await asSuperuser(`UPDATE activity_record SET previous_hash = repeat('b', 64) WHERE ${inNorth(4)}`);
    expect(await verify()).toMatchObject({ intact: false, brokenAtSeq: '4', count: 3, problem: expect.stringMatching(/does not link/) });
  });

  it('every hash is sha256(previous hash ‖ body): anyone can check a record with PostgreSQL alone', async () => {
    const [row] = (await api.env.queryAs(
      'superuser',
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE encode(sha256(convert_to(previous_hash || body, 'UTF8')), 'hex') <> hash)::int AS differ FROM activity_record`,
    )) as { n: number; differ: number }[];
    expect(row).toEqual({ n: 7, differ: 0 });
  });

  it('a member column cannot be written, not even by a superuser with the trigger off: the database generates it from the body', async () => {
    await expect(asSuperuser(`UPDATE activity_record SET after = '{"amountMinor": 1}' WHERE ${inNorth(3)}`)).rejects.toThrow(/can only be updated to DEFAULT/);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('a member made writable again (its expression dropped) is named, and a record edited through it is found', async () => {
    await asSuperuser(`ALTER TABLE activity_record ALTER COLUMN after DROP EXPRESSION`);
    const untouched = await verify();
    expect(untouched).toMatchObject({ intact: false, brokenAtSeq: null, problem: expect.stringMatching(/^the trail's table was altered: its column after is no longer computed from the hashed record/) });
    expect(untouched.chains.every((c) => c.intact)).toBe(true);
    await asSuperuser(`UPDATE activity_record SET after = '{"amountMinor": 1}' WHERE ${inNorth(3)}`);
    const edited = await verify();
    expect(edited).toMatchObject({ intact: false, brokenAtSeq: '3', problem: expect.stringMatching(/^the trail's table was altered: its column after/) });
    expect(edited.chains[1]).toMatchObject({ intact: false, brokenAtSeq: '3', count: 2, problem: expect.stringMatching(/record #3 was altered: its content no longer matches its hash/) });
  });

  it('a member made again from another expression is named', async () => {
    await asSuperuser(`ALTER TABLE activity_record DROP COLUMN reason; ALTER TABLE activity_record ADD COLUMN reason text GENERATED ALWAYS AS ('nothing to see') STORED`);
    expect(await verify()).toMatchObject({ intact: false, problem: expect.stringMatching(/its column reason is computed as 'nothing to see'::text, not from the hashed record/) });
  });

  it('a body rewritten to mean the same (a space) is caught at that record: the stored text is the text its hash covers', async () => {
    await asSuperuser(`UPDATE activity_record SET body = replace(body, '"amountMinor":3000', '"amountMinor": 3000') WHERE ${inNorth(4)}`);
    const [{ after }] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE ${inNorth(4)}`)) as { after: unknown }[];
    expect(after).toEqual({ amountMinor: 3000 });
    expect(await verify()).toMatchObject({ intact: false, brokenAtSeq: '4', count: 3, problem: expect.stringMatching(/record #4 was altered: its stored text is not the text its hash covers/) });
  });

  it('lists the agency’s trail newest first, filtered and paginated', async () => {
    const trail = new TrailService(api.dataSource);
    const agencyId = (await api.dataSource.query(`SELECT id FROM agency WHERE slug = 'north'`))[0].id as string;
    for (let i = 0; i < 30; i++) {
      await trail.record(async () => ({
        result: i,
        entries: [{ actor: { id: null, label: i % 2 ? 'odd@north.test' : 'even@north.test' }, agencyId, action: 'spec.listed' as TrailAction, entityType: i < 10 ? 'grant' : 'payment', entityId: `e-${i}` }],
      }));
    }
    const page1 = (await api.request('GET', `${ApiPaths.trail}?pageSize=10`, { cookie: auditor })).json<TrailPage>();
    expect(page1.total).toBe(37); // 30 written + 6 before + the auditor's own sign-in; south's records stay out
    expect(page1.items).toHaveLength(10);
    const seqs = page1.items.map((r) => Number(r.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // Keyset pages: each next page starts after the last record of the one before.
    let page = page1;
    for (let i = 0; i < 3; i++) {
      expect(page.next).not.toBeNull();
      page = (await api.request('GET', `${ApiPaths.trail}?pageSize=10&after=${page.next}`, { cookie: auditor })).json<TrailPage>();
    }
    expect(page.items).toHaveLength(7);
    expect(page.next).toBeNull();
    expect(page.items[0].action).toBe('auth.signed_in');

    const odd = (await api.request('GET', `${ApiPaths.trail}?actor=ODD&entityType=grant&pageSize=50`, { cookie: auditor })).json<TrailPage>();
    expect(odd.total).toBe(5);
    expect(odd.items.every((r) => r.actorLabel === 'odd@north.test' && r.entityType === 'grant')).toBe(true);
    const one = (await api.request('GET', `${ApiPaths.trail}?entityId=e-7`, { cookie: auditor })).json<TrailPage>();
    expect(one.items.map((r) => r.entityId)).toEqual(['e-7']);
    // The days the records were written on, read from the records (UTC, as the
    // filter takes them) rather than from the test's clock: around midnight the two differ.
    const all = (await api.request('GET', `${ApiPaths.trail}?pageSize=50`, { cookie: auditor })).json<TrailPage>();
    expect(all.items).toHaveLength(37);
    const days = all.items.map((r) => r.occurredAt.slice(0, 10)).sort();
    const dated = (await api.request('GET', `${ApiPaths.trail}?from=${days[0]}&to=${days[days.length - 1]}`, { cookie: auditor })).json<TrailPage>();
    expect(dated.total).toBe(37);
    const dayBefore = new Date(Date.parse(`${days[0]}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = (await api.request('GET', `${ApiPaths.trail}?to=${dayBefore}`, { cookie: auditor })).json<TrailPage>();
    expect(before.total).toBe(0);
    const past = (await api.request('GET', `${ApiPaths.trail}?to=2000-01-01`, { cookie: auditor })).json<TrailPage>();
    expect(past.total).toBe(0);

    const bad = await api.request('GET', `${ApiPaths.trail}?from=yesterday`, { cookie: auditor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { field: string }[] }>().fields[0].field).toBe('from');
    const tooBig = await api.request('GET', `${ApiPaths.trail}?pageSize=5000`, { cookie: auditor });
    expect(tooBig.statusCode).toBe(400);
    const unknown = await api.request('GET', `${ApiPaths.trail}?sort=asc`, { cookie: auditor });
    expect(unknown.statusCode).toBe(400);
  });
});
