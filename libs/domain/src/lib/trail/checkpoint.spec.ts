import { generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  CHAIN_CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT,
  type CheckpointStatement,
  checkpointChain,
  checkpointSigningText,
  judgeCheckpoint,
  parseSignedCheckpoint,
} from './checkpoint';

const statement: CheckpointStatement = {
  format: CHECKPOINT_FORMAT,
  number: 7,
  seq: '1234',
  headHash: 'ab'.repeat(32),
  signedAt: '2026-12-04T18:00:00.000Z',
  keyId: '0123456789abcdef',
};

describe('checkpoint signing text', () => {
  it('is the canonical JSON of the statement, whatever order its fields come in', () => {
    const reordered = { keyId: statement.keyId, signedAt: statement.signedAt, headHash: statement.headHash, seq: statement.seq, number: 7, format: CHECKPOINT_FORMAT } as const;
    expect(checkpointSigningText(reordered)).toBe(checkpointSigningText(statement));
    expect(checkpointSigningText(statement)).toBe(
      `{"format":"${CHECKPOINT_FORMAT}","headHash":"${'ab'.repeat(32)}","keyId":"0123456789abcdef","number":7,"seq":"1234","signedAt":"2026-12-04T18:00:00.000Z"}`,
    );
  });

  it('an Ed25519 signature over it fails once any field changes', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, Buffer.from(checkpointSigningText(statement)), privateKey);
    expect(verify(null, Buffer.from(checkpointSigningText(statement)), publicKey, signature)).toBe(true);
    const changes: Partial<CheckpointStatement>[] = [{ number: 8 }, { seq: '1235' }, { headHash: 'cd'.repeat(32) }, { signedAt: '2026-12-04T18:00:00.001Z' }, { keyId: 'fedcba9876543210' }];
    for (const change of changes) {
      expect(verify(null, Buffer.from(checkpointSigningText({ ...statement, ...change })), publicKey, signature)).toBe(false);
    }
  });
});

describe('parseSignedCheckpoint', () => {
  const good = { ...statement, signature: 'c2lnbmF0dXJl' };

  it('accepts a well-formed checkpoint', () => {
    expect(parseSignedCheckpoint(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true, checkpoint: good });
  });

  it.each([
    ['not an object', [], /not a JSON object/],
    ['another format', { ...good, format: 'other/1' }, /unknown format/],
    ['a number that is not whole', { ...good, number: 1.5 }, /number/],
    ['a seq of zero', { ...good, seq: '0' }, /seq/],
    ['a seq as a number', { ...good, seq: 1234 }, /seq/],
    ['a short hash', { ...good, headHash: 'ab' }, /headHash/],
    ['a time that is not one', { ...good, signedAt: 'yesterday' }, /signedAt/],
    ['a key id of the wrong length', { ...good, keyId: 'abc' }, /keyId/],
    ['a signature that is not base64', { ...good, signature: 'not base64!' }, /signature/],
  ])('names what is wrong: %s', (_name, value, reason) => {
    const parsed = parseSignedCheckpoint(value);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });
});

describe('format 2: a checkpoint of one chain', () => {
  const AGENCY = '11111111-1111-4111-8111-111111111111';
  const chained: CheckpointStatement = { ...statement, format: CHAIN_CHECKPOINT_FORMAT, chain: AGENCY, seq: '12' };

  it('names its chain; format 1 speaks of the legacy chain', () => {
    expect(checkpointChain(chained)).toBe(AGENCY);
    expect(checkpointChain({ ...chained, chain: 'platform' })).toBe('platform');
    expect(checkpointChain(statement)).toBe('legacy');
  });

  it('signs the chain: the same signature does not hold for another chain', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, Buffer.from(checkpointSigningText(chained)), privateKey);
    expect(checkpointSigningText(chained)).toContain(`"chain":"${AGENCY}"`);
    expect(verify(null, Buffer.from(checkpointSigningText(chained)), publicKey, signature)).toBe(true);
    expect(verify(null, Buffer.from(checkpointSigningText({ ...chained, chain: 'platform' })), publicKey, signature)).toBe(false);
    // The format-1 text of the same fields is another text: a checkpoint cannot be passed off as the other format.
    expect(checkpointSigningText({ ...chained, format: CHECKPOINT_FORMAT, chain: undefined })).not.toBe(checkpointSigningText(chained));
  });

  it('is parsed with its chain, and refused without a valid one', () => {
    const good = { ...chained, signature: 'c2lnbmF0dXJl' };
    expect(parseSignedCheckpoint(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true, checkpoint: good });
    expect(parseSignedCheckpoint({ ...good, chain: undefined })).toMatchObject({ ok: false, reason: expect.stringMatching(/chain/) });
    expect(parseSignedCheckpoint({ ...good, chain: 'legacy' })).toMatchObject({ ok: false, reason: expect.stringMatching(/chain/) });
    expect(parseSignedCheckpoint({ ...statement, signature: 'c2lnbmF0dXJl', chain: AGENCY })).toMatchObject({ ok: false, reason: expect.stringMatching(/names no chain/) });
  });
});

describe('judgeCheckpoint', () => {
  it('agrees when the chain reaches the seq with the same hash', () => {
    expect(judgeCheckpoint(statement, { intactUpToSeq: '2000', broken: false, hashAtSeq: statement.headHash })).toEqual({ kind: 'agrees' });
    expect(judgeCheckpoint(statement, { intactUpToSeq: '1234', broken: false, hashAtSeq: statement.headHash })).toEqual({ kind: 'agrees' });
  });

  it('reports a chain that ends before the checkpoint as truncated, naming the checkpoint and where the chain ends', () => {
    expect(judgeCheckpoint(statement, { intactUpToSeq: '1200', broken: false, hashAtSeq: null })).toEqual({
      kind: 'truncated',
      brokenAtSeq: '1201',
      message: 'TRUNCATED: checkpoint #7 at seq 1234 signed 2026-12-04T18:00:00.000Z; the chain ends at seq 1200',
    });
  });

  it('reports another hash at the seq as rewritten', () => {
    expect(judgeCheckpoint(statement, { intactUpToSeq: '1300', broken: false, hashAtSeq: 'cd'.repeat(32) })).toEqual({
      kind: 'rewritten',
      brokenAtSeq: '1234',
      message: 'REWRITTEN: record 1234 hash differs from checkpoint #7 signed 2026-12-04T18:00:00.000Z',
    });
  });

  it('leaves a checkpoint beyond a break to the break itself', () => {
    expect(judgeCheckpoint(statement, { intactUpToSeq: '1000', broken: true, hashAtSeq: null })).toEqual({ kind: 'unreached' });
  });

  it('compares seqs as numbers, not as text ("999" is before "1234")', () => {
    expect(judgeCheckpoint(statement, { intactUpToSeq: '999', broken: false, hashAtSeq: null }).kind).toBe('truncated');
    expect(judgeCheckpoint({ ...statement, seq: '99' }, { intactUpToSeq: '1000', broken: false, hashAtSeq: statement.headHash }).kind).toBe('agrees');
  });
});
