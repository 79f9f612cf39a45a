import { createHash } from 'node:crypto';
import {
  type ChainCheckpoint,
  type ChainedContent,
  type ChainedRecord,
  type HashVersion,
  CURRENT_HASH_VERSION,
  GENESIS_HASH,
  canonicalRecord,
  chainHash,
  hashFormatProblem,
  isStoredTime,
  hashedRecord,
  storedBody,
  v1TimeText,
  verifyChainSegment,
} from './hash-chain';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const START: ChainCheckpoint = { headHash: GENESIS_HASH, lastSeq: '0', count: 0 };

/** mulberry32: random but repeatable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stored time (µs) as PostgreSQL's to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') gives it. */
function storedTime(random: () => number, wholeMillis = false): string {
  const ms = Date.UTC(2020, 0, 1) + Math.floor(random() * 10 * 365 * 86_400_000);
  const micros = wholeMillis ? '000' : String(Math.floor(random() * 1000)).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${micros}Z`;
}

function content(seq: number, occurredAt: string, hashVersion: HashVersion | undefined): ChainedContent {
  return {
    seq: String(seq),
    occurredAt,
    hashVersion,
    actorId: null,
    actorLabel: 'system',
    agencyId: null,
    action: 'spec.wrote',
    entityType: 'thing',
    entityId: `t-${seq}`,
    before: null,
    after: { n: seq, label: 'منحة' },
    reason: null,
  };
}

function chain(contents: ChainedContent[]): ChainedRecord[] {
  let previousHash = GENESIS_HASH;
  return contents.map((c) => {
    const hash = chainHash(sha256, previousHash, c);
    const record = { ...c, previousHash, hash };
    previousHash = hash;
    return record;
  });
}

/** Adds one microsecond to a stored time, carrying into the milliseconds. */
function plusOneMicro(text: string): string {
  const micros = BigInt(Date.parse(text.slice(0, 23) + 'Z')) * 1000n + BigInt(text.slice(23, 26)) + 1n;
  const ms = Number(micros / 1000n);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros % 1000n).padStart(3, '0')}Z`;
}

describe('stored times', () => {
  it('recognises exactly the UTC text with six fractional digits', () => {
    expect(isStoredTime('2026-12-04T18:08:15.123456Z')).toBe(true);
    expect(isStoredTime('2026-12-04T18:08:15.123Z')).toBe(false);
    expect(isStoredTime('2026-12-04T18:08:15.1234567Z')).toBe(false);
    expect(isStoredTime('2026-12-04 18:08:15.123456+00')).toBe(false);
    expect(isStoredTime('2026-12-04T18:08:15.123456+01:00')).toBe(false);
  });

  it('gives version 1 its millisecond text only when the microseconds are zero', () => {
    expect(v1TimeText('2026-12-04T18:08:15.123000Z')).toBe('2026-12-04T18:08:15.123Z');
    expect(v1TimeText('2026-12-04T18:08:15.123001Z')).toBeNull();
    expect(v1TimeText('2026-12-04T18:08:15.123Z')).toBe('2026-12-04T18:08:15.123Z');
  });
});

describe('hash version 1 (records written before versions existed)', () => {
  it('hashes exactly as the old code did: the canonical record carries no version and a millisecond time', () => {
    const c = content(1, '2026-01-02T03:04:05.678Z', undefined);
    expect(canonicalRecord(c)).not.toContain('hashVersion');
    expect(canonicalRecord(c)).toContain('"occurredAt":"2026-01-02T03:04:05.678Z"');
    // Read back from PostgreSQL at full precision, the same record has the same hash.
    expect(chainHash(sha256, GENESIS_HASH, { ...c, occurredAt: '2026-01-02T03:04:05.678000Z', hashVersion: 1 })).toBe(chainHash(sha256, GENESIS_HASH, c));
  });

  it('an old chain read back at full precision still verifies (property over random chains)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = rng(seed);
      const times = Array.from({ length: 20 }, () => storedTime(random, true));
      const written = chain(times.map((t, i) => content(i + 1, v1TimeText(t) ?? '', undefined)));
      const readBack = written.map((r, i) => ({ ...r, occurredAt: times[i], hashVersion: 1 as const }));
      expect(verifyChainSegment(sha256, START, readBack)).toMatchObject({ ok: true, checkpoint: { count: 20 } });
    }
  });

  it('microseconds added to a version-1 record are reported as an alteration of that record', () => {
    const records = chain([1, 2, 3].map((n) => content(n, `2026-01-0${n}T00:00:00.000000Z`, 1)));
    records[1] = { ...records[1], occurredAt: '2026-01-02T00:00:00.000001Z' };
    const outcome = verifyChainSegment(sha256, START, records);
    expect(outcome).toMatchObject({ ok: false, broken: { seq: '2' } });
    expect(!outcome.ok && outcome.broken.problem).toMatch(/altered: its time has microseconds/);
  });
});

describe('hash version 2 (the stored time with microseconds)', () => {
  it('puts the version and the full stored time into the hashed text', () => {
    const text = canonicalRecord(content(7, '2026-12-04T18:08:15.123456Z', 2));
    expect(text).toContain('"hashVersion":2');
    expect(text).toContain('"occurredAt":"2026-12-04T18:08:15.123456Z"');
  });

  it('refuses to hash a version-2 record whose time is not a stored time', () => {
    expect(hashFormatProblem(content(1, '2026-12-04T18:08:15.123Z', 2))).toMatch(/not a stored time/);
    expect(() => canonicalRecord(content(1, '2026-12-04T18:08:15.123Z', 2))).toThrow(RangeError);
  });

  it('any change of one microsecond in any record breaks the chain at that record (property)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const random = rng(seed);
      const records = chain(Array.from({ length: 12 }, (_, i) => content(i + 1, storedTime(random), 2)));
      expect(verifyChainSegment(sha256, START, records).ok).toBe(true);
      const victim = Math.floor(random() * records.length);
      const tampered = records.map((r, i) => (i === victim ? { ...r, occurredAt: plusOneMicro(r.occurredAt) } : r));
      expect(tampered[victim].occurredAt).not.toBe(records[victim].occurredAt);
      const outcome = verifyChainSegment(sha256, START, tampered);
      expect(outcome).toMatchObject({ ok: false, broken: { seq: String(victim + 1) }, checkpoint: { count: victim } });
    }
  });

  it('a version-2 record relabelled as version 1 (or the reverse) no longer matches its hash', () => {
    const v2 = chain([content(1, '2026-12-04T18:08:15.123000Z', 2)]);
    expect(verifyChainSegment(sha256, START, [{ ...v2[0], hashVersion: 1 }])).toMatchObject({ ok: false, broken: { seq: '1' } });
    const v1 = chain([content(1, '2026-12-04T18:08:15.123000Z', 1)]);
    expect(verifyChainSegment(sha256, START, [{ ...v1[0], hashVersion: 2 }])).toMatchObject({ ok: false, broken: { seq: '1' } });
  });

  it('an old chain continued with version-2 records verifies as one chain', () => {
    const old = chain([1, 2].map((n) => content(n, `2025-06-0${n}T10:00:00.250Z`, undefined)));
    let previousHash = old[1].hash;
    const next = [3, 4].map((n) => {
      const c = content(n, `2026-06-0${n}T10:00:00.250123Z`, 2);
      const hash = chainHash(sha256, previousHash, c);
      const record = { ...c, previousHash, hash };
      previousHash = hash;
      return record;
    });
    const readBack = [...old.map((r) => ({ ...r, occurredAt: r.occurredAt.replace('Z', '000Z'), hashVersion: 1 as const })), ...next];
    expect(verifyChainSegment(sha256, START, readBack)).toMatchObject({ ok: true, checkpoint: { count: 4, headHash: previousHash } });
  });

  it('an unknown version is reported, not hashed as something else', () => {
    const records = chain([content(1, '2026-12-04T18:08:15.123456Z', 2)]);
    const outcome = verifyChainSegment(sha256, START, [{ ...records[0], hashVersion: 4 as unknown as HashVersion }]);
    expect(!outcome.ok && outcome.broken.problem).toMatch(/unknown hash version 4/);
  });
});

describe('hash version 3 (one chain per agency: seq is the position in the chain)', () => {
  const AGENCY_A = '11111111-1111-4111-8111-111111111111';
  const AGENCY_B = '22222222-2222-4222-8222-222222222222';
  const v3 = (position: number, agencyId: string | null): ChainedContent => ({
    ...content(position, `2026-12-06T07:0${position}:00.123456Z`, 3),
    agencyId,
  });

  it('is what new records are written with', () => {
    expect(CURRENT_HASH_VERSION).toBe(3);
  });

  it('hashes the version, the position and the agency into the record', () => {
    const text = canonicalRecord(v3(1, AGENCY_A));
    expect(JSON.parse(text)).toMatchObject({ hashVersion: 3, seq: '1', agencyId: AGENCY_A });
    expect(canonicalRecord(v3(1, AGENCY_A))).not.toBe(canonicalRecord({ ...v3(1, AGENCY_A), hashVersion: 2 }));
  });

  it('verifies a chain walked by position, and each agency’s chain starts at the genesis hash', () => {
    const a = chain([v3(1, AGENCY_A), v3(2, AGENCY_A), v3(3, AGENCY_A)]);
    const b = chain([v3(1, AGENCY_B), v3(2, AGENCY_B)]);
    expect(a[0].previousHash).toBe(GENESIS_HASH);
    expect(b[0].previousHash).toBe(GENESIS_HASH);
    expect(verifyChainSegment(sha256, START, a)).toMatchObject({ ok: true, checkpoint: { count: 3, lastSeq: '3', headHash: a[2].hash } });
    expect(verifyChainSegment(sha256, START, b)).toMatchObject({ ok: true, checkpoint: { count: 2, headHash: b[1].hash } });
  });

  it('a record moved to another agency’s chain no longer matches its hash', () => {
    const a = chain([v3(1, AGENCY_A), v3(2, AGENCY_A)]);
    const outcome = verifyChainSegment(sha256, START, [a[0], { ...a[1], agencyId: AGENCY_B }]);
    expect(outcome).toMatchObject({ ok: false, broken: { seq: '2', problem: expect.stringMatching(/no longer matches its hash/) } });
  });

  it('a record given another position is found missing or altered', () => {
    const a = chain([v3(1, AGENCY_A), v3(2, AGENCY_A), v3(3, AGENCY_A)]);
    expect(verifyChainSegment(sha256, START, [a[0], a[2]])).toMatchObject({ ok: false, broken: { seq: '2', problem: expect.stringMatching(/missing/) } });
    const renumbered = verifyChainSegment(sha256, START, [a[0], { ...a[2], seq: '2', previousHash: a[0].hash }]);
    expect(renumbered).toMatchObject({ ok: false, broken: { seq: '2', problem: expect.stringMatching(/no longer matches its hash/) } });
  });

  it('a record passed off as version 2 (or the reverse) does not verify', () => {
    const a = chain([v3(1, AGENCY_A)]);
    expect(verifyChainSegment(sha256, START, [{ ...a[0], hashVersion: 2 }])).toMatchObject({ ok: false });
    const old = chain([content(1, '2026-12-04T18:08:15.123456Z', 2)]);
    expect(verifyChainSegment(sha256, START, [{ ...old[0], hashVersion: 3 }])).toMatchObject({ ok: false });
  });

  it('a version-3 record needs the stored time with microseconds', () => {
    expect(hashFormatProblem({ ...v3(1, AGENCY_A), occurredAt: '2026-12-06T07:01:00.123Z' })).toMatch(/not a stored time/);
  });
});

describe('storedBody: the text a record keeps, which its hash covers after the previous hash', () => {
  it('is canonicalRecord’s text for every version', () => {
    for (const c of [content(1, '2026-01-02T03:04:05.678000Z', 1), content(2, '2026-01-02T03:04:05.678901Z', 2), content(3, '2026-01-02T03:04:05.678901Z', 3)]) {
      expect(storedBody(c)).toBe(canonicalRecord(c));
      expect(sha256(GENESIS_HASH + storedBody(c))).toBe(chainHash(sha256, GENESIS_HASH, c));
      expect(hashedRecord(sha256, GENESIS_HASH, c)).toEqual({ body: storedBody(c), hash: chainHash(sha256, GENESIS_HASH, c) });
    }
  });

  it('does not throw for a record its version forbids: it keeps the time as given, which cannot hash as the record did', () => {
    const altered = content(2, '2026-01-02T00:00:00.000001Z', 1);
    expect(() => canonicalRecord(altered)).toThrow(/microseconds/);
    expect(storedBody(altered)).toContain('"occurredAt":"2026-01-02T00:00:00.000001Z"');
    expect(storedBody(altered)).not.toContain('hashVersion');
  });
});
