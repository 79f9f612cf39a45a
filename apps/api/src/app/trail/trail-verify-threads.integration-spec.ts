import { DataSource } from 'typeorm';
import type { TrailAction, TrailEntityType, TrailVerification } from '@mizan/contracts';
import { dataSourceOptions } from '@mizan/server/db';
import { TestEnvironment, createTestEnvironment, seedAgency } from '@mizan/server/testing';
import { canonicalRecord } from '@mizan/domain';
import { RangeCheckers, RangeResult, TrailService, sha256Hex } from '@mizan/server/trail';

/**
 * verify() checks a version-3 chain as ranges of `batchSize` positions in worker threads (chain-range.ts) and joins
 * them in order. A break inside a range a worker checked, and one exactly where two ranges meet, are reported as the
 * walk in one thread reports them: same record, same count, same words.
 */
describe('trail verification in worker threads', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  let trail: TrailService;
  /** What the workers answered during the last verify(). */
  let answered: RangeResult[];

  beforeAll(async () => {
    env = await createTestEnvironment('verify-threads');
    ds = await new DataSource(dataSourceOptions(env.databaseUrl)).initialize();
    trail = new TrailService(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await env?.teardown();
  });
  beforeEach(() => {
    answered = [];
    const check = RangeCheckers.prototype.check;
    jest.spyOn(RangeCheckers.prototype, 'check').mockImplementation(async function (this: RangeCheckers, job) {
      const result = await check.call(this, job);
      answered.push(result);
      return result;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  /** An agency whose chain holds 40 records: 4 ranges of 10. */
  async function agencyWith40(slug: string): Promise<string> {
    const agencyId = (await seedAgency(ds, slug)).agency.id;
    const head = Number((await trail.chainHead(agencyId)).chainSeq);
    for (let i = head; i < 40; i++) {
      await trail.record(async () => ({
        result: i,
        entries: [{
          actor: { id: null, label: `spec ${i}` }, agencyId, action: 'spec.wrote' as TrailAction, entityType: 'thing' as TrailEntityType, entityId: `t-${i}`,
          before: i % 3 ? null : { n: i - 1, nested: { b: 2, a: 1 } }, after: { n: i, list: [3, 'x', null], text: 'ش 😀 "q"' }, reason: i % 2 ? 'why' : null,
        }],
      }));
    }
    return agencyId;
  }

  const tamper = (sql: string): Promise<unknown> => env.queryAs('superuser', `BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT`);
  /** The verification without its time, to compare the threaded one with the one in this thread. */
  const shape = (v: TrailVerification): Omit<TrailVerification, 'verifiedAt'> => ({ ...v, verifiedAt: undefined }) as Omit<TrailVerification, 'verifiedAt'>;
  const inThreads = (agencyId: string) => trail.verify({ agencyId, batchSize: 10, threads: 2 });
  const inThisThread = (agencyId: string) => trail.verify({ agencyId, batchSize: 10, threads: 0 });

  it('verifies an intact chain in workers, and as the walk in this thread does', async () => {
    const agencyId = await agencyWith40('intact');
    const threaded = await inThreads(agencyId);
    expect(threaded).toMatchObject({ intact: true, count: 40, brokenAtSeq: null, problem: null });
    // The 4 ranges, each read by its worker over its own connection (the probes are not jobs).
    expect(answered.filter((r) => r.ok && r.threadId !== 0 && r.count === 10)).toHaveLength(4);
    expect(answered.filter((r) => r.count === 10).every((r) => r.readThere)).toBe(true);
    expect(shape(threaded)).toEqual(shape(await inThisThread(agencyId)));
  });

  it('checks in workers, from the stored bodies, records whose members PostgreSQL generates and the walk reads otherwise', async () => {
    // Written here with chosen times and contents (the hash as the writer computes it), so that every way the members
    // PostgreSQL generates from a body could read back otherwise than the body says is met: a time with no fraction, one with trailing zeros, a year below 1000; strings
    // JSON escapes or leaves alone; jsonb whose keys PostgreSQL orders otherwise, numbers it writes otherwise (1e21), nested values.
    const agencyId = (await seedAgency(ds, 'texts')).agency.id;
    const head = await trail.chainHead(agencyId);
    const times = ['2026-01-01T00:00:01.000000Z', '2026-01-01T00:00:02.120000Z', '0999-12-31T23:59:59.999999Z', '2026-03-04T05:06:07.000001Z'];
    const labels = ['quote " backslash \\ tab \t newline \n bell \u0007 del \u007f', 'ش 😀 \u2028', '', 'plain'];
    const values: unknown[] = [
      null, { b: 1, aa: [1.5, -0.1, 1e21, 0.1 + 0.2], '\u00e9': { '😀': 'x', z: null }, 'e\u0301': true }, 'only a string', 12, [], {}, { state: 'draft' },
      { s: 'a\u0001b\u001f"\\', list: [{ y: 2, x: 1 }], n: -0 },
    ];
    let previousHash = head.hash;
    for (let i = 0; i < 12; i++) {
      const content = {
        seq: String(Number(head.chainSeq) + i + 1), occurredAt: times[i % times.length], hashVersion: 3 as const,
        actorId: i % 2 ? null : '8f0e8a53-2f6f-4b1c-9b43-0b7b3c1f3a10', actorLabel: labels[i % labels.length], agencyId, action: 'spec.wrote',
        entityType: 'thing', entityId: `t-${i}-😀`, before: values[i % values.length], after: values[(i + 3) % values.length], reason: i % 3 ? null : `why\n${i}`,
      };
      // Written as Mizan writes a record: its body; PostgreSQL generates the members (time, texts, jsonb) from it.
      const body = canonicalRecord(content);
      const hash = sha256Hex(previousHash + body);
      await ds.query(`INSERT INTO activity_record (seq, previous_hash, hash, body) VALUES (nextval('activity_record_seq_seq'), $1, $2, $3)`, [previousHash, hash, body]);
      previousHash = hash;
    }
    const threaded = await trail.verify({ agencyId, batchSize: 4, threads: 2 });
    expect(threaded).toMatchObject({ intact: true, count: Number(head.chainSeq) + 12, problem: null });
    // Every range plainly intact where a worker read it: none needed the walk.
    expect(answered.filter((r) => r.count > 0).every((r) => r.ok && r.readThere && r.threadId !== 0)).toBe(true);
    expect(answered.reduce((n, r) => n + r.count, 0)).toBe(Number(head.chainSeq) + 12);
    expect(shape(threaded)).toEqual(shape(await inThisThread(agencyId)));
  });

  it('reports a record altered in the middle of a range a worker checked', async () => {
    const agencyId = await agencyWith40('middle');
    await tamper(`UPDATE activity_record SET body = jsonb_set(body::jsonb, '{after}', '{"n": 1000}')::text WHERE agency_id = '${agencyId}' AND chain_seq = 15`);
    const threaded = await inThreads(agencyId);
    expect(threaded).toMatchObject({
      intact: false,
      count: 14,
      brokenAtSeq: '15',
      problem: 'chain of agency Agency middle: record #15 was altered: its content no longer matches its hash',
    });
    expect(threaded.chains[1]).toMatchObject({ kind: 'agency', intact: false, count: 14, headSeq: '14', brokenAtSeq: '15' });
    // The worker stopped at the 5th record of the range (11–20); that range was then walked here to name the problem.
    expect(answered.some((r) => !r.ok && r.threadId !== 0 && r.count === 4 && r.firstPreviousHash !== null)).toBe(true);
    expect(shape(threaded)).toEqual(shape(await inThisThread(agencyId)));
  });

  it('reports a broken link exactly where two ranges meet', async () => {
    const agencyId = await agencyWith40('boundary');
    // Position 21 opens the third range (21–30). Its worker cannot check the link to 20 (another range's), only that
    // 21's hash no longer covers its previous hash; the walk here then names the first thing wrong: the link.
    await tamper(`UPDATE activity_record SET previous_hash = repeat('b', 64) WHERE agency_id = '${agencyId}' AND chain_seq = 21`);
    const threaded = await inThreads(agencyId);
    expect(threaded).toMatchObject({
      intact: false,
      count: 20,
      brokenAtSeq: '21',
      problem: 'chain of agency Agency boundary: record #21 does not link to the hash of the record before it',
    });
    expect(answered.filter((r) => !r.ok)).toEqual([expect.objectContaining({ count: 0, firstPreviousHash: 'b'.repeat(64) })]);
    expect(answered.filter((r) => r.ok && r.count === 10)).toHaveLength(3);
    expect(shape(threaded)).toEqual(shape(await inThisThread(agencyId)));
  });

  it('reports a record missing at the start of a range', async () => {
    const agencyId = await agencyWith40('gap');
    await tamper(`DELETE FROM activity_record WHERE agency_id = '${agencyId}' AND chain_seq = 31`);
    const threaded = await inThreads(agencyId);
    expect(threaded).toMatchObject({ intact: false, count: 30, brokenAtSeq: '31', problem: 'chain of agency Agency gap: record #31 is missing (next found is #32)' });
    expect(shape(threaded)).toEqual(shape(await inThisThread(agencyId)));
  });
});
