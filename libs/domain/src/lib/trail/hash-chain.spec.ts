import { createHash } from 'node:crypto';
import {
  type ChainCheckpoint,
  type ChainedContent,
  type ChainedRecord,
  type Sha256Hex,
  GENESIS_HASH,
  canonicalRecord,
  chainHash,
  verifyChainSegment,
} from './hash-chain';
import { canonicalJson } from './canonical-json';

const sha256: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/* ------------------------------------------------------------------ */
/* Seeded PRNG (mulberry32): random but repeatable chains.             */
/* ------------------------------------------------------------------ */

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, 0, items.length - 1)];

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function hex(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[int(rng, 0, 15)];
  return out;
}

const uuid = (rng: Rng): string => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;

/* ------------------------------------------------------------------ */
/* Random trail records and chains.                                    */
/* ------------------------------------------------------------------ */

const ACTIONS = ['auth.sign_in', 'auth.sign_out', 'user.create', 'user.update', 'role.grant', 'trail.export'];
const ENTITY_TYPES = ['user', 'session', 'agency', 'grant', 'application'];
const LABELS = ['Admin', 'ليلى المراجِعة', 'system', 'Omar (officer)', 'مدقق الحسابات'];
const REASONS = [null, 'Requested by applicant', 'تصحيح خطأ إدخال', 'policy 4.2'];

function randomPayload(rng: Rng): unknown {
  switch (int(rng, 0, 4)) {
    case 0:
      return null;
    case 1:
      return undefined;
    default: {
      const payload: Record<string, unknown> = {
        email: `user${int(rng, 1, 999)}@example.org`,
        name: pick(rng, ['فاطمة', 'Sam', 'يوسف بن علي']),
        roles: shuffled(rng, ['officer', 'auditor', 'admin']).slice(0, int(rng, 0, 3)),
        active: rng() < 0.5,
        amount: int(rng, 0, 1_000_000) / 100,
      };
      if (rng() < 0.5) payload['nested'] = { at: '2024-05-01T10:00:00.000Z', count: int(rng, 0, 9), note: null };
      return payload;
    }
  }
}

function randomContent(rng: Rng, seq: bigint): ChainedContent {
  const actorId = rng() < 0.8 ? uuid(rng) : null;
  return {
    seq: seq.toString(),
    occurredAt: new Date(Date.UTC(2024, 0, 1) + Number(seq % 100_000n) * 60_000 + int(rng, 0, 59_999)).toISOString(),
    actorId,
    actorLabel: actorId === null ? 'system' : pick(rng, LABELS),
    agencyId: rng() < 0.7 ? uuid(rng) : null,
    action: pick(rng, ACTIONS),
    entityType: pick(rng, ENTITY_TYPES),
    entityId: uuid(rng),
    before: randomPayload(rng),
    after: randomPayload(rng),
    reason: pick(rng, REASONS),
  };
}

function buildChain(contents: readonly ChainedContent[], previous = GENESIS_HASH): ChainedRecord[] {
  const records: ChainedRecord[] = [];
  let previousHash = previous;
  for (const content of contents) {
    const hash = chainHash(sha256, previousHash, content);
    records.push({ ...content, previousHash, hash });
    previousHash = hash;
  }
  return records;
}

function randomChain(rng: Rng, length: number, firstSeq = 1n): ChainedRecord[] {
  return buildChain(Array.from({ length }, (_, i) => randomContent(rng, firstSeq + BigInt(i))));
}

const START: ChainCheckpoint = { headHash: GENESIS_HASH, lastSeq: '0', count: 0 };

/** The checkpoint a correct verifier must hold after the first `n` records. */
function checkpointAfter(records: readonly ChainedRecord[], n: number): ChainCheckpoint {
  return n === 0 ? START : { headHash: records[n - 1].hash, lastSeq: records[n - 1].seq, count: n };
}

const clone = (records: readonly ChainedRecord[]): ChainedRecord[] => records.map((r) => ({ ...r }));

/** Every content field except seq (seq is checked separately, as a gap). */
const ALTERABLE_FIELDS = [
  'occurredAt',
  'actorId',
  'actorLabel',
  'agencyId',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'reason',
] as const satisfies readonly (keyof ChainedContent)[];
type AlterableField = (typeof ALTERABLE_FIELDS)[number];

/** A different value for `field`, always different once canonicalized. */
function alter(rng: Rng, record: ChainedRecord, field: AlterableField): ChainedRecord {
  const altered = { ...record };
  switch (field) {
    case 'occurredAt':
      altered.occurredAt = new Date(Date.parse(record.occurredAt) + int(rng, 1, 86_400_000)).toISOString();
      break;
    case 'actorId':
    case 'agencyId':
      altered[field] = record[field] === null ? uuid(rng) : rng() < 0.5 ? null : uuid(rng);
      break;
    case 'reason':
      altered.reason = record.reason === null ? 'covering it up' : rng() < 0.5 ? null : `${record.reason}.`;
      break;
    case 'actorLabel':
    case 'action':
    case 'entityType':
    case 'entityId':
      altered[field] = rng() < 0.5 ? `${record[field]} ` : `${record[field]}x`;
      break;
    case 'before':
    case 'after': {
      const value = record[field];
      altered[field] =
        value !== null && typeof value === 'object'
          ? { ...(value as Record<string, unknown>), amount: -1, tampered: true }
          : { tampered: true };
      break;
    }
  }
  return altered;
}

const SEEDS = Array.from({ length: 60 }, (_, i) => 0xc4a1 + i * 104_729);

describe('GENESIS_HASH', () => {
  it('is 64 zeros (the width of a sha256 hex digest)', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(GENESIS_HASH).toHaveLength(sha256('').length);
  });

  it('is the previousHash of the first record of a chain', () => {
    const records = randomChain(mulberry32(1), 3);
    expect(records[0].previousHash).toBe(GENESIS_HASH);
    expect(records[0].hash).toBe(chainHash(sha256, GENESIS_HASH, records[0]));
  });

  it('is what the verifier expects before the first record', () => {
    const records = randomChain(mulberry32(2), 2);
    const first = { ...records[0], previousHash: 'f'.repeat(64) };
    first.hash = chainHash(sha256, first.previousHash, first);
    const result = verifyChainSegment(sha256, START, [first]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.broken.seq).toBe('1');
    expect(result.broken.problem).toMatch(/does not link/);
    expect(result.checkpoint).toEqual(START);
  });
});

describe('canonicalRecord', () => {
  const content: ChainedContent = {
    seq: '42',
    occurredAt: '2024-03-01T08:30:00.000Z',
    actorId: null,
    actorLabel: 'مدير النظام',
    agencyId: 'a1',
    action: 'user.update',
    entityType: 'user',
    entityId: 'u7',
    before: { name: 'Old', email: 'o@example.org' },
    after: { email: 'n@example.org', name: 'New' },
    reason: null,
  };

  it('is the canonical JSON of exactly the content fields, keys sorted', () => {
    expect(canonicalRecord(content)).toBe(
      '{"action":"user.update","actorId":null,"actorLabel":"مدير النظام","after":{"email":"n@example.org","name":"New"},' +
        '"agencyId":"a1","before":{"email":"o@example.org","name":"Old"},"entityId":"u7","entityType":"user",' +
        '"occurredAt":"2024-03-01T08:30:00.000Z","reason":null,"seq":"42"}',
    );
  });

  it('is, for every version, what canonicalJson makes of the hashed fields (their order is fixed, not sorted each time)', () => {
    for (const [hashVersion, occurredAt] of [[undefined, '2024-03-01T08:30:00.000Z'], [2, '2024-03-01T08:30:00.123456Z'], [3, '2024-03-01T08:30:00.123456Z']] as const) {
      const c = { ...content, hashVersion, occurredAt, reason: 'why', before: { b: [1, { y: 2, x: null }] } };
      const fields: Record<string, unknown> = { ...c };
      if (!hashVersion) delete fields['hashVersion'];
      expect(canonicalRecord(c)).toBe(canonicalJson(fields));
    }
  });

  it('gives, for members that are not text as the types say (a JavaScript caller), what canonicalJson gives', () => {
    const odd = { ...content, hashVersion: 2, occurredAt: '2024-03-01T08:30:00.123456Z', actorId: undefined, reason: undefined, entityId: 7 } as unknown as ChainedContent;
    const fields: Record<string, unknown> = { ...odd };
    expect(canonicalRecord(odd)).toBe(canonicalJson(fields));
    expect(canonicalRecord(odd)).not.toContain('actorId');
  });

  it('treats before/after undefined like null', () => {
    const withNull = canonicalRecord({ ...content, before: null, after: null });
    expect(canonicalRecord({ ...content, before: undefined, after: undefined })).toBe(withNull);
    expect(canonicalRecord({ ...content, before: undefined, after: null })).toBe(withNull);
    expect(canonicalRecord({ ...content, before: null, after: undefined })).toBe(withNull);
    expect(withNull).toContain('"before":null');
    expect(withNull).toContain('"after":null');
    expect(chainHash(sha256, GENESIS_HASH, { ...content, before: undefined, after: undefined })).toBe(
      chainHash(sha256, GENESIS_HASH, { ...content, before: null, after: null }),
    );
  });

  it('keeps null actorId, agencyId and reason as explicit nulls', () => {
    const text = canonicalRecord({ ...content, actorId: null, agencyId: null, reason: null });
    expect(text).toContain('"actorId":null');
    expect(text).toContain('"agencyId":null');
    expect(text).toContain('"reason":null');
  });

  it('ignores the hashes and any other extra properties of a record', () => {
    const record = { ...content, previousHash: 'p'.repeat(64), hash: 'h'.repeat(64), id: 'row-9' } as ChainedContent;
    expect(canonicalRecord(record)).toBe(canonicalRecord(content));
  });

  it('does not depend on the key order of the record or of before/after (jsonb round trip)', () => {
    const rng = mulberry32(3);
    for (const seed of SEEDS) {
      const original = randomContent(mulberry32(seed), 1n);
      const reordered = Object.fromEntries(shuffled(rng, Object.entries(original))) as unknown as ChainedContent;
      for (const field of ['before', 'after'] as const) {
        const value = reordered[field];
        if (value !== null && typeof value === 'object') {
          reordered[field] = Object.fromEntries(shuffled(rng, Object.entries(value)));
        }
      }
      expect(canonicalRecord(reordered)).toBe(canonicalRecord(original));
      expect(canonicalRecord(JSON.parse(JSON.stringify(reordered)) as ChainedContent)).toBe(canonicalRecord(original));
    }
  });

  it('changes when any single content field changes', () => {
    const record = buildChain([content])[0];
    const rng = mulberry32(4);
    for (const field of ALTERABLE_FIELDS) {
      expect(canonicalRecord(alter(rng, record, field))).not.toBe(canonicalRecord(record));
    }
    expect(canonicalRecord({ ...content, seq: '43' })).not.toBe(canonicalRecord(content));
  });
});

describe('chainHash', () => {
  it('is sha256(previousHash + canonicalRecord(content)) as lowercase hex', () => {
    const content = randomContent(mulberry32(5), 1n);
    const previous = hex(mulberry32(6), 64);
    const hash = chainHash(sha256, previous, content);
    expect(hash).toBe(createHash('sha256').update(previous + canonicalRecord(content), 'utf8').digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses the injected hash function exactly once, on previousHash + canonical record', () => {
    const spy = jest.fn<string, [string]>(sha256);
    const content = randomContent(mulberry32(7), 1n);
    chainHash(spy, GENESIS_HASH, content);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith(GENESIS_HASH + canonicalRecord(content));
  });

  it('depends on the previous hash', () => {
    const content = randomContent(mulberry32(8), 1n);
    expect(chainHash(sha256, GENESIS_HASH, content)).not.toBe(chainHash(sha256, 'f'.repeat(64), content));
  });
});

describe('verifyChainSegment', () => {
  describe('intact chains', () => {
    it('reports an empty segment as intact and keeps the checkpoint', () => {
      expect(verifyChainSegment(sha256, START, [])).toEqual({ ok: true, checkpoint: START });
    });

    it('reports random chains of random length intact with the right count and head', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const length = int(rng, 1, 40);
        const records = randomChain(rng, length);
        const result = verifyChainSegment(sha256, START, records);
        expect(result).toEqual({
          ok: true,
          checkpoint: { headHash: records[length - 1].hash, lastSeq: String(length), count: length },
        });
      }
    });

    it('takes the canonical text from the reader when given, and still checks place, link and format first', () => {
      const records = randomChain(mulberry32(11), 6);
      const texts = new Map(records.map((r) => [r, canonicalRecord(r)]));
      const links = records.map((r) => ({ seq: r.seq, previousHash: r.previousHash, hash: r.hash, hashVersion: r.hashVersion, occurredAt: r.occurredAt, record: r }));
      expect(verifyChainSegment(sha256, START, links, (l) => texts.get(l.record) ?? '')).toEqual(verifyChainSegment(sha256, START, records));
      // A reader's text that is not the record's is a changed record.
      const wrong = verifyChainSegment(sha256, START, links, (l) => (l.seq === '4' ? `${texts.get(l.record) ?? ''} ` : (texts.get(l.record) ?? '')));
      expect(wrong).toMatchObject({ ok: false, broken: { seq: '4', problem: 'record #4 was altered: its content no longer matches its hash' } });
      expect(verifyChainSegment(sha256, START, links.slice(1), () => '')).toMatchObject({ ok: false, broken: { seq: '1', problem: expect.stringMatching(/missing/) } });
    });

    it('hashes each record once with the injected function', () => {
      const records = randomChain(mulberry32(9), 12);
      const spy = jest.fn<string, [string]>(sha256);
      expect(verifyChainSegment(spy, START, records).ok).toBe(true);
      expect(spy).toHaveBeenCalledTimes(12);
    });

    it('verifies records that went through a JSON round trip with reordered keys (as read back from jsonb)', () => {
      for (const seed of SEEDS.slice(0, 20)) {
        const rng = mulberry32(seed);
        const records = randomChain(rng, int(rng, 1, 15));
        const stored = records.map((record) => {
          const reordered = Object.fromEntries(shuffled(rng, Object.entries(record)));
          return JSON.parse(JSON.stringify(reordered)) as ChainedRecord;
        });
        expect(verifyChainSegment(sha256, START, stored)).toEqual(verifyChainSegment(sha256, START, records));
      }
    });

    it('counts from the checkpoint, not from the segment start', () => {
      const records = randomChain(mulberry32(10), 10);
      const result = verifyChainSegment(sha256, checkpointAfter(records, 4), records.slice(4));
      expect(result).toEqual({ ok: true, checkpoint: checkpointAfter(records, 10) });
    });

    it('handles seq values beyond Number.MAX_SAFE_INTEGER', () => {
      const first = 9_007_199_254_740_993n;
      const contents = Array.from({ length: 3 }, (_, i) => randomContent(mulberry32(11), first + BigInt(i)));
      const records = buildChain(contents, 'a'.repeat(64));
      const from: ChainCheckpoint = { headHash: 'a'.repeat(64), lastSeq: (first - 1n).toString(), count: 100 };
      expect(verifyChainSegment(sha256, from, records)).toEqual({
        ok: true,
        checkpoint: { headHash: records[2].hash, lastSeq: '9007199254740995', count: 103 },
      });
    });
  });

  describe('checkpoints', () => {
    it('gives the same result fed in several random segments as in one pass', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const length = int(rng, 0, 40);
        const records = randomChain(rng, length);
        const onePass = verifyChainSegment(sha256, START, records);

        const cuts = [...new Set(Array.from({ length: int(rng, 0, 6) }, () => int(rng, 0, length)))].sort(
          (a, b) => a - b,
        );
        const bounds = [0, ...cuts, length];
        let checkpoint = START;
        for (let i = 0; i < bounds.length - 1; i++) {
          const result = verifyChainSegment(sha256, checkpoint, records.slice(bounds[i], bounds[i + 1]));
          expect(result.ok).toBe(true);
          checkpoint = result.checkpoint;
          expect(checkpoint).toEqual(checkpointAfter(records, bounds[i + 1]));
        }
        expect(onePass).toEqual({ ok: true, checkpoint });
      }
    });

    it('finds the same break whether fed in one pass or in segments', () => {
      for (const seed of SEEDS.slice(0, 30)) {
        const rng = mulberry32(seed);
        const length = int(rng, 2, 30);
        const records = clone(randomChain(rng, length));
        const index = int(rng, 0, length - 1);
        records[index] = alter(rng, records[index], pick(rng, ALTERABLE_FIELDS));
        const onePass = verifyChainSegment(sha256, START, records);

        const size = int(rng, 1, 7);
        let checkpoint = START;
        let segmented: ReturnType<typeof verifyChainSegment> | undefined;
        for (let at = 0; at < length; at += size) {
          const result = verifyChainSegment(sha256, checkpoint, records.slice(at, at + size));
          checkpoint = result.checkpoint;
          if (!result.ok) {
            segmented = result;
            break;
          }
        }
        expect(segmented).toEqual(onePass);
      }
    });

    it('does not mutate the checkpoint it is given', () => {
      const records = randomChain(mulberry32(12), 5);
      const from = { ...START };
      verifyChainSegment(sha256, from, records);
      expect(from).toEqual(START);
    });

    it('rejects a segment fed from the wrong checkpoint (skipped batch)', () => {
      const records = randomChain(mulberry32(13), 10);
      const result = verifyChainSegment(sha256, checkpointAfter(records, 3), records.slice(5));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken.seq).toBe('4');
      expect(result.broken.problem).toMatch(/missing/);
    });

    it('rejects a checkpoint whose head hash does not match', () => {
      const records = randomChain(mulberry32(14), 6);
      const forged: ChainCheckpoint = { ...checkpointAfter(records, 3), headHash: GENESIS_HASH };
      const result = verifyChainSegment(sha256, forged, records.slice(3));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken).toEqual({ seq: '4', problem: expect.stringMatching(/does not link/) });
      expect(result.checkpoint).toBe(forged);
    });
  });

  describe('tampering', () => {
    it('reports any single altered field of any record as "altered" at exactly that seq', () => {
      const hits = new Set<AlterableField>();
      for (const seed of SEEDS) {
        for (let trial = 0; trial < 5; trial++) {
          const rng = mulberry32(seed * 31 + trial);
          const length = int(rng, 1, 30);
          const records = randomChain(rng, length);
          const index = int(rng, 0, length - 1);
          const field = pick(rng, ALTERABLE_FIELDS);
          hits.add(field);
          const tampered = clone(records);
          tampered[index] = alter(rng, records[index], field);

          const result = verifyChainSegment(sha256, START, tampered);
          expect(result.ok).toBe(false);
          if (result.ok) continue;
          expect(result.broken.seq).toBe(records[index].seq);
          expect(result.broken.problem).toContain('altered');
          expect(result.broken.problem).toContain(`#${records[index].seq}`);
          expect(result.checkpoint).toEqual(checkpointAfter(records, index));
        }
      }
      // the random draw exercised every field
      expect([...hits].sort()).toEqual([...ALTERABLE_FIELDS].sort());
    });

    it.each(ALTERABLE_FIELDS)('catches an altered %s in the middle of a chain', (field) => {
      const rng = mulberry32(15);
      const records = randomChain(rng, 8);
      const tampered = clone(records);
      tampered[4] = alter(rng, records[4], field);
      const result = verifyChainSegment(sha256, START, tampered);
      expect(result).toEqual({
        ok: false,
        checkpoint: checkpointAfter(records, 4),
        broken: { seq: '5', problem: 'record #5 was altered: its content no longer matches its hash' },
      });
    });

    it('catches a nested change deep inside before/after', () => {
      const rng = mulberry32(16);
      const contents = Array.from({ length: 4 }, (_, i) => ({
        ...randomContent(rng, BigInt(i + 1)),
        after: { grant: { lines: [{ amount: 100 }, { amount: 250 }] } },
      }));
      const records = buildChain(contents);
      const tampered = clone(records);
      tampered[2] = { ...records[2], after: { grant: { lines: [{ amount: 100 }, { amount: 251 }] } } };
      const result = verifyChainSegment(sha256, START, tampered);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken.seq).toBe('3');
      expect(result.broken.problem).toContain('altered');
    });

    it('catches a changed hash at that record (its recomputation differs)', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const length = int(rng, 1, 30);
        const records = randomChain(rng, length);
        const index = int(rng, 0, length - 1);
        const tampered = clone(records);
        let forged = hex(rng, 64);
        while (forged === records[index].hash) forged = hex(rng, 64);
        tampered[index] = { ...records[index], hash: forged };

        const result = verifyChainSegment(sha256, START, tampered);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.broken.seq).toBe(records[index].seq);
        expect(result.broken.problem).toContain('altered');
        expect(result.checkpoint).toEqual(checkpointAfter(records, index));
      }
    });

    it('catches a changed hash even when the next record is relinked to it', () => {
      const rng = mulberry32(17);
      const records = randomChain(rng, 6);
      const tampered = clone(records);
      const forged = hex(rng, 64);
      tampered[2] = { ...records[2], hash: forged };
      tampered[3] = { ...records[3], previousHash: forged };
      const result = verifyChainSegment(sha256, START, tampered);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken.seq).toBe('3');
      expect(result.broken.problem).toContain('altered');
    });

    it('catches an altered record that was re-hashed, at the next record (broken link)', () => {
      for (const seed of SEEDS.slice(0, 30)) {
        const rng = mulberry32(seed);
        const length = int(rng, 2, 30);
        const records = randomChain(rng, length);
        const index = int(rng, 0, length - 2);
        const tampered = clone(records);
        const altered = alter(rng, records[index], pick(rng, ALTERABLE_FIELDS));
        altered.hash = chainHash(sha256, altered.previousHash, altered);
        tampered[index] = altered;

        const result = verifyChainSegment(sha256, START, tampered);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.broken.seq).toBe(records[index + 1].seq);
        expect(result.broken.problem).toContain('does not link');
      }
    });

    it('leaves a re-hashed last record detectable only by its head hash (needs an anchored head)', () => {
      const rng = mulberry32(18);
      const records = randomChain(rng, 5);
      const tampered = clone(records);
      const altered = alter(rng, records[4], 'reason');
      altered.hash = chainHash(sha256, altered.previousHash, altered);
      tampered[4] = altered;
      const result = verifyChainSegment(sha256, START, tampered);
      expect(result.ok).toBe(true);
      expect(result.checkpoint.headHash).not.toBe(records[4].hash);
    });

    it('catches a changed previousHash at that record', () => {
      const rng = mulberry32(19);
      const records = randomChain(rng, 7);
      for (let index = 0; index < records.length; index++) {
        const tampered = clone(records);
        tampered[index] = { ...records[index], previousHash: hex(rng, 64) };
        const result = verifyChainSegment(sha256, START, tampered);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.broken.seq).toBe(records[index].seq);
        expect(result.broken.problem).toContain('does not link');
      }
    });
  });

  describe('missing, reordered and duplicated records', () => {
    it('reports a removed record as missing at the expected seq', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const length = int(rng, 2, 30);
        const records = randomChain(rng, length);
        const index = int(rng, 0, length - 2);
        const tampered = records.filter((_, i) => i !== index);

        const result = verifyChainSegment(sha256, START, tampered);
        expect(result).toEqual({
          ok: false,
          checkpoint: checkpointAfter(records, index),
          broken: {
            seq: records[index].seq,
            problem: `record #${records[index].seq} is missing (next found is #${records[index + 1].seq})`,
          },
        });
      }
    });

    it('reports several removed records at the first gap', () => {
      const records = randomChain(mulberry32(20), 12);
      const tampered = records.filter((_, i) => i !== 3 && i !== 4 && i !== 8);
      const result = verifyChainSegment(sha256, START, tampered);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken).toEqual({ seq: '4', problem: 'record #4 is missing (next found is #6)' });
    });

    it('reports a missing first record', () => {
      const records = randomChain(mulberry32(21), 4);
      const result = verifyChainSegment(sha256, START, records.slice(1));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken.seq).toBe('1');
      expect(result.broken.problem).toMatch(/missing/);
      expect(result.checkpoint).toEqual(START);
    });

    it('catches a removal that renumbered the later records to hide the gap', () => {
      for (const seed of SEEDS.slice(0, 30)) {
        const rng = mulberry32(seed);
        const length = int(rng, 2, 30);
        const records = randomChain(rng, length);
        const index = int(rng, 0, length - 2);
        const tampered = records
          .filter((_, i) => i !== index)
          .map((record, i) => ({ ...record, seq: String(i + 1) }));

        const result = verifyChainSegment(sha256, START, tampered);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.broken.seq).toBe(records[index].seq);
      }
    });

    it('leaves a truncated tail detectable only by count and head (needs an anchored head)', () => {
      const records = randomChain(mulberry32(22), 6);
      const result = verifyChainSegment(sha256, START, records.slice(0, 4));
      expect(result).toEqual({ ok: true, checkpoint: checkpointAfter(records, 4) });
      expect(result.checkpoint.headHash).not.toBe(records[5].hash);
    });

    it('catches two swapped records', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const length = int(rng, 2, 30);
        const records = randomChain(rng, length);
        const i = int(rng, 0, length - 2);
        const j = int(rng, i + 1, length - 1);
        const swapped = [...records];
        [swapped[i], swapped[j]] = [swapped[j], swapped[i]];

        const result = verifyChainSegment(sha256, START, swapped);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.broken.seq).toBe(records[i].seq);
        expect(result.checkpoint).toEqual(checkpointAfter(records, i));
      }
    });

    it('catches two swapped records even when their seq values are swapped back', () => {
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const length = int(rng, 2, 30);
        const records = randomChain(rng, length);
        const i = int(rng, 0, length - 2);
        const j = int(rng, i + 1, length - 1);
        const swapped = clone(records);
        swapped[i] = { ...records[j], seq: records[i].seq };
        swapped[j] = { ...records[i], seq: records[j].seq };

        const result = verifyChainSegment(sha256, START, swapped);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.broken.seq).toBe(records[i].seq);
      }
    });

    it('catches a duplicated (replayed) record', () => {
      const records = randomChain(mulberry32(23), 6);
      const replayed = [...records.slice(0, 3), records[2], ...records.slice(3)];
      const result = verifyChainSegment(sha256, START, replayed);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken.seq).toBe('4');
      expect(result.checkpoint).toEqual(checkpointAfter(records, 3));
    });

    it('catches a record inserted into the middle of the chain', () => {
      const rng = mulberry32(24);
      const records = randomChain(rng, 6);
      const intruder = buildChain([randomContent(rng, 4n)], records[2].hash)[0];
      const renumbered = records.slice(3).map((record) => ({ ...record, seq: String(Number(record.seq) + 1) }));
      const result = verifyChainSegment(sha256, START, [...records.slice(0, 3), intruder, ...renumbered]);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.broken.seq).toBe('5');
      expect(result.checkpoint).toEqual({ headHash: intruder.hash, lastSeq: '4', count: 4 });
    });
  });
});
