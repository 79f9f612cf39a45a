import fc from 'fast-check';
import { GENESIS_HASH, chainHash } from '@mizan/domain';
import { RangeCheckers, RangeJob, RangeRow, checkRangeHere } from './chain-range';
import { sha256Hex } from './sha256';

/** A version-3 chain of records as the range query gives them (a JSON round trip, as PostgreSQL's jsonb does). */
function chain(contents: { actorLabel: string; entityId: string; reason: string | null; before: unknown; after: unknown; micros: number }[]): RangeRow[] {
  let previousHash = GENESIS_HASH;
  return contents.map((c, i) => {
    const millis = Math.floor(c.micros / 1000);
    const occurredAt = `${new Date(millis).toISOString().slice(0, 23)}${String(c.micros - millis * 1000).padStart(3, '0')}Z`;
    const before = JSON.parse(JSON.stringify({ v: c.before ?? null })).v as unknown;
    const after = JSON.parse(JSON.stringify({ v: c.after ?? null })).v as unknown;
    const content = {
      seq: String(i + 1), occurredAt, hashVersion: 3 as const, actorId: i % 2 ? null : '8f0e8a53-2f6f-4b1c-9b43-0b7b3c1f3a10', actorLabel: c.actorLabel,
      agencyId: '00000000-0000-0000-0000-000000000007', action: 'spec.wrote', entityType: 'thing', entityId: c.entityId, before, after, reason: c.reason,
    };
    const hash = chainHash(sha256Hex, previousHash, content);
    const row: RangeRow = [content.seq, String(100 + i), 3, previousHash, hash, content.action, content.actorId, content.actorLabel, content.agencyId,
      content.entityType, content.entityId, content.reason, before, after, c.micros];
    previousHash = hash;
    return row;
  });
}

const job = (rows: RangeRow[], watched: string[] = []): RangeJob => ({ text: JSON.stringify(rows), start: '0', watched, checkpointAction: 'trail.checkpoint' });

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
  it('writes canonicalRecord’s text for any content: an untouched range is intact', () => {
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
    expect(checkRangeHere(job(altered(2, 13, { n: 99 })))).toMatchObject({ ok: false, count: 2 });
    expect(checkRangeHere(job(altered(3, 0, '9')))).toMatchObject({ ok: false, count: 3 });
    expect(checkRangeHere(job(altered(1, 2, 2)))).toMatchObject({ ok: false, count: 1 });
    expect(checkRangeHere(job(altered(4, 3, 'b'.repeat(64))))).toMatchObject({ ok: false, count: 4 });
    expect(checkRangeHere(job(altered(0, 14, rows[0][14] + 1)))).toMatchObject({ ok: false, count: 0 });
    // The first record's link is the caller's to check (it knows the head before the range).
    expect(checkRangeHere(job(altered(0, 3, 'c'.repeat(64))))).toMatchObject({ ok: false, count: 0 });
    expect(checkRangeHere({ ...job(rows.slice(2)), start: '2' })).toMatchObject({ ok: true, count: 3, firstPreviousHash: rows[1][4] });
    expect(checkRangeHere({ ...job([]), text: null })).toMatchObject({ ok: true, count: 0, lastSeq: '0' });
  });

  it('gives the same answers in worker threads (its source text runs there)', async () => {
    const opened = await RangeCheckers.open(2);
    expect(opened).not.toBeNull();
    const checkers = opened as RangeCheckers;
    try {
      const rows = chain(Array.from({ length: 4 }, (_, i) => ({ actorLabel: 'ش 😀', entityId: `e${i}`, reason: 'r', before: { b: 1, a: [1.5, null] }, after: null, micros: 1_700_000_000_123_456 + i })));
      const results = await Promise.all([checkers.check(job(rows)), checkers.check(job(rows.map((r, i) => (i === 2 ? (Object.assign([...r], { 7: 'x' }) as RangeRow) : r))))]);
      expect(results[0]).toMatchObject({ ok: true, count: 4 });
      expect(results[1]).toMatchObject({ ok: false, count: 2 });
      expect(results.every((r) => r.threadId !== 0)).toBe(true);
      await expect(checkers.check({ ...job(rows), text: '[' })).rejects.toThrow();
    } finally {
      await checkers.close();
    }
  });
});
