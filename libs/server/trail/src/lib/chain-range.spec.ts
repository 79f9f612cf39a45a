import fc from 'fast-check';
import { GENESIS_HASH, canonicalRecord, chainHash } from '@mizan/domain';
import { RangeCheckers, RangeJob, RangeRow, checkRangeHere } from './chain-range';
import { sha256Hex } from './sha256';

/** A version-3 chain of records as the range query gives them: each with the body its hash covers (canonicalRecord's text). */
function chain(contents: { actorLabel: string; entityId: string; reason: string | null; before: unknown; after: unknown; micros: number; action?: string }[]): RangeRow[] {
  let previousHash = GENESIS_HASH;
  return contents.map((c, i) => {
    const millis = Math.floor(c.micros / 1000);
    const occurredAt = `${new Date(millis).toISOString().slice(0, 23)}${String(c.micros - millis * 1000).padStart(3, '0')}Z`;
    const before = JSON.parse(JSON.stringify({ v: c.before ?? null })).v as unknown;
    const after = JSON.parse(JSON.stringify({ v: c.after ?? null })).v as unknown;
    const content = {
      seq: String(i + 1), occurredAt, hashVersion: 3 as const, actorId: i % 2 ? null : '8f0e8a53-2f6f-4b1c-9b43-0b7b3c1f3a10', actorLabel: c.actorLabel,
      agencyId: 'a1b2c3d4-0000-4000-8000-00000000000f', action: c.action ?? 'spec.wrote', entityType: 'thing', entityId: c.entityId, before, after, reason: c.reason,
    };
    const body = canonicalRecord(content);
    const hash = chainHash(sha256Hex, previousHash, content);
    const row: RangeRow = [content.seq, String(100 + i), null, previousHash, hash, content.action, body];
    previousHash = hash;
    return row;
  });
}

const job = (rows: RangeRow[], watched: string[] = []): RangeJob & { rows: RangeRow[] } => ({
  rows, chain: 'a1b2c3d4-0000-4000-8000-00000000000f', start: '0', upTo: String(rows.length), watched, checkpointAction: 'trail.checkpoint',
});

const record = fc.record({
  actorLabel: fc.string({ unit: 'binary' }).filter((s) => !/[\ud800-\udfff]/.test(s)),
  entityId: fc.string(),
  reason: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
  before: fc.jsonValue(),
  after: fc.jsonValue(),
  // 1970 to 2100, to the microsecond
  micros: fc.integer({ min: 0, max: 4_102_444_800_000_000 }),
});

describe('checkRange: a version-3 range checked on its own', () => {
  it('an untouched range of any content is intact: each body hashes, after its previous hash, to its hash', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (contents) => {
        const rows = chain(contents);
        const result = checkRangeHere(job(rows, ['1']));
        expect(result).toMatchObject({ ok: true, count: rows.length, firstPreviousHash: GENESIS_HASH, lastSeq: String(rows.length), lastHash: rows[rows.length - 1][4] });
        expect(result.seen).toEqual([['1', rows[0][4], null, '100']]);
      }),
      { numRuns: 200 },
    );
  });

  it('stops at the first record that is altered, out of place, of another version or not linked inside the range', () => {
    const rows = chain(Array.from({ length: 5 }, (_, i) => ({ actorLabel: 'a', entityId: `e${i}`, reason: null, before: null, after: { n: i }, micros: 1_700_000_000_000_000 + i })));
    const altered = (i: number, member: number, value: unknown) => rows.map((r, j) => (j === i ? (Object.assign([...r], { [member]: value }) as RangeRow) : r));
    // The body as an attacker would edit it: another amount, or the same meaning written otherwise (a space).
    expect(checkRangeHere(job(altered(2, 6, rows[2][6].replace('"n":2', '"n":99'))))).toMatchObject({ ok: false, count: 2 });
    expect(checkRangeHere(job(altered(2, 6, rows[2][6].replace('"n":2', '"n": 2'))))).toMatchObject({ ok: false, count: 2 });
    expect(checkRangeHere(job(altered(3, 0, '9')))).toMatchObject({ ok: false, count: 3 });
    expect(checkRangeHere(job(altered(1, 2, '2')))).toMatchObject({ ok: false, count: 1 });
    expect(checkRangeHere(job(altered(4, 3, 'b'.repeat(64))))).toMatchObject({ ok: false, count: 4 });
    expect(checkRangeHere(job(altered(4, 4, 'b'.repeat(64))))).toMatchObject({ ok: false, count: 4 });
    // The first record's link is the caller's to check (it knows the head before the range).
    expect(checkRangeHere(job(altered(0, 3, 'c'.repeat(64))))).toMatchObject({ ok: false, count: 0 });
    expect(checkRangeHere({ ...job(rows.slice(2)), start: '2' })).toMatchObject({ ok: true, count: 3, firstPreviousHash: rows[1][4] });
    expect(checkRangeHere(job([]))).toMatchObject({ ok: true, count: 0, lastSeq: '0' });
  });

  it('gives the same answers in worker threads (its source text runs there)', async () => {
    const opened = await RangeCheckers.open(2);
    expect(opened).not.toBeNull();
    const checkers = opened as RangeCheckers;
    try {
      const rows = chain(Array.from({ length: 4 }, (_, i) => ({ actorLabel: 'ش 😀', entityId: `e${i}`, reason: 'r', before: { b: 1, a: [1.5, null] }, after: null, micros: 1_700_000_000_123_456 + i })));
      const results = await Promise.all([checkers.check(job(rows)), checkers.check(job(rows.map((r, i) => (i === 2 ? (Object.assign([...r], { 6: r[6].replace('ش', 'س') }) as RangeRow) : r))))]);
      expect(results[0]).toMatchObject({ ok: true, count: 4 });
      expect(results[1]).toMatchObject({ ok: false, count: 2 });
      expect(results.every((r) => r.threadId !== 0)).toBe(true);
      // Opened without a connection to read over: a job without rows is refused (the caller then reads it itself).
      await expect(checkers.check({ ...job(rows), rows: undefined })).rejects.toThrow('does not read');
    } finally {
      await checkers.close();
    }
  });

  it('does not let workers read when they cannot connect, and they still check the rows they are given', async () => {
    const reading = { pg: null, connection: { host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 }, sql: 'SELECT 1' };
    const opened = await RangeCheckers.open(1, reading);
    expect(opened).not.toBeNull();
    const checkers = opened as RangeCheckers;
    try {
      expect(checkers.reads).toBe(false);
      const rows = chain([{ actorLabel: 'a', entityId: 'e', reason: null, before: null, after: { n: 1 }, micros: 1_700_000_000_000_000 }]);
      await expect(checkers.check(job(rows))).resolves.toMatchObject({ ok: true, count: 1 });
    } finally {
      await checkers.close();
    }
  });
});

describe('checkRange: checkpoints', () => {
  it('reports a checkpoint record with the `after` of its body, and a watched position with its hash', () => {
    const rows = chain([
      { actorLabel: 'a', entityId: 'e1', reason: null, before: null, after: { n: 1 }, micros: 1_700_000_000_000_000 },
      { actorLabel: 'system', entityId: 'c', reason: null, before: null, after: { head: 'x', seq: '1' }, micros: 1_700_000_000_000_001, action: 'trail.checkpoint' },
    ]);
    expect(checkRangeHere(job(rows, ['1'])).seen).toEqual([
      ['1', rows[0][4], null, '100'],
      ['2', rows[1][4], { head: 'x', seq: '1' }, '101'],
    ]);
  });
});
