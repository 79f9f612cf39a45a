import { canonicalJson } from './canonical-json';

/**
 * A signed checkpoint: the worker's statement "at <signedAt> the chain reached
 * record <seq> whose hash was <headHash>", signed with a key kept outside the
 * database and stored outside it too. The chain alone cannot show that its
 * newest records were cut off or re-hashed; a checkpoint the chain no longer
 * agrees with does.
 *
 * Format 1 (CHECKPOINT_FORMAT) names no chain: it was signed when the deployment
 * had one chain, so it speaks of the legacy chain (hash versions 1 and 2) and its
 * seq. Format 2 (CHAIN_CHECKPOINT_FORMAT, since the per-agency chains of
 * migration 1765800000000) names its chain, and its seq is the position in that
 * chain (chain_seq).
 */
export const CHECKPOINT_FORMAT = 'mizan-trail-checkpoint/1';
export const CHAIN_CHECKPOINT_FORMAT = 'mizan-trail-checkpoint/2';

/** The chain a format-2 checkpoint speaks of: an agency's id, or the platform's own chain (records with no agency). */
export const PLATFORM_CHAIN = 'platform';
/** What format-1 checkpoints speak of: the single chain of the records written before per-agency chains. */
export const LEGACY_CHAIN = 'legacy';

export interface CheckpointStatement {
  format: typeof CHECKPOINT_FORMAT | typeof CHAIN_CHECKPOINT_FORMAT;
  /** 1, 2, 3… in the order the checkpoints were signed (one numbering for all chains). */
  number: number;
  /** Format 2 only: PLATFORM_CHAIN or the agency's id. */
  chain?: string;
  /** Format 1: the record's seq; format 2: its position in the chain (chain_seq). */
  seq: string;
  headHash: string;
  /** ISO time of signing. */
  signedAt: string;
  /** Which key signed: the first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointStatement {
  /** Ed25519 signature over checkpointSigningText, base64. */
  signature: string;
}

/** The exact text that is signed and verified: canonical JSON of the statement, so no field can be added or reordered. */
export function checkpointSigningText(statement: CheckpointStatement): string {
  return canonicalJson({
    format: statement.format,
    ...(statement.format === CHAIN_CHECKPOINT_FORMAT ? { chain: statement.chain ?? null } : {}),
    number: statement.number,
    seq: statement.seq,
    headHash: statement.headHash,
    signedAt: statement.signedAt,
    keyId: statement.keyId,
  });
}

const HASH = /^[0-9a-f]{64}$/;
const SEQ = /^[1-9][0-9]*$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const CHAIN = /^(platform|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The chain a checkpoint speaks of: LEGACY_CHAIN for format 1, else the chain it names. */
export function checkpointChain(checkpoint: CheckpointStatement): string {
  return checkpoint.format === CHAIN_CHECKPOINT_FORMAT ? (checkpoint.chain ?? LEGACY_CHAIN) : LEGACY_CHAIN;
}

/** Reads a checkpoint file's parsed JSON; says what is wrong instead of guessing. */
export function parseSignedCheckpoint(value: unknown): { ok: true; checkpoint: SignedCheckpoint } | { ok: false; reason: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const v = value as Record<string, unknown>;
  const format = v['format'];
  if (format !== CHECKPOINT_FORMAT && format !== CHAIN_CHECKPOINT_FORMAT) return { ok: false, reason: `unknown format ${JSON.stringify(format)}` };
  const chain = v['chain'];
  if (format === CHAIN_CHECKPOINT_FORMAT && (typeof chain !== 'string' || !CHAIN.test(chain))) return { ok: false, reason: 'chain is not "platform" or an agency id' };
  if (format === CHECKPOINT_FORMAT && chain !== undefined) return { ok: false, reason: 'a format-1 checkpoint names no chain' };
  const number = v['number'];
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return { ok: false, reason: 'number is not a positive whole number' };
  const { seq, headHash, signedAt, keyId, signature } = v;
  if (typeof seq !== 'string' || !SEQ.test(seq)) return { ok: false, reason: 'seq is not a record number' };
  if (typeof headHash !== 'string' || !HASH.test(headHash)) return { ok: false, reason: 'headHash is not a SHA-256 in hex' };
  if (typeof signedAt !== 'string' || Number.isNaN(Date.parse(signedAt))) return { ok: false, reason: 'signedAt is not a time' };
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) return { ok: false, reason: 'keyId is not 16 hex digits' };
  if (typeof signature !== 'string' || !BASE64.test(signature)) return { ok: false, reason: 'signature is not base64' };
  if (format === CHAIN_CHECKPOINT_FORMAT) {
    return { ok: true, checkpoint: { format, chain: chain as string, number, seq, headHash, signedAt, keyId, signature } };
  }
  return { ok: true, checkpoint: { format, number, seq, headHash, signedAt, keyId, signature } };
}

/** What the verifier saw of the chain: how far it is intact, and the hash at the checkpoint's seq if reached. */
export interface ChainAtCheckpoint {
  /** Seq of the last record that verified ('0' for none). */
  intactUpToSeq: string;
  /** The chain was broken right after intactUpToSeq (else it simply ends there). */
  broken: boolean;
  /** Hash of the record at the checkpoint's seq, when the intact part reaches it. */
  hashAtSeq: string | null;
}

export type CheckpointVerdict =
  | { kind: 'agrees' }
  /** The chain is broken before the checkpoint: the break is the finding, the checkpoint cannot add to it. */
  | { kind: 'unreached' }
  | { kind: 'truncated'; brokenAtSeq: string; message: string }
  | { kind: 'rewritten'; brokenAtSeq: string; message: string };

/** Compares one checkpoint whose signature verified with the chain as it is now. */
export function judgeCheckpoint(checkpoint: CheckpointStatement, chain: ChainAtCheckpoint): CheckpointVerdict {
  const seq = BigInt(checkpoint.seq);
  const end = BigInt(chain.intactUpToSeq);
  if (seq > end) {
    if (chain.broken) return { kind: 'unreached' };
    return {
      kind: 'truncated',
      brokenAtSeq: (end + 1n).toString(),
      message: `TRUNCATED: checkpoint #${checkpoint.number} at seq ${checkpoint.seq} signed ${checkpoint.signedAt}; the chain ends at seq ${chain.intactUpToSeq}`,
    };
  }
  if (chain.hashAtSeq !== checkpoint.headHash) {
    return {
      kind: 'rewritten',
      brokenAtSeq: checkpoint.seq,
      message: `REWRITTEN: record ${checkpoint.seq} hash differs from checkpoint #${checkpoint.number} signed ${checkpoint.signedAt}`,
    };
  }
  return { kind: 'agrees' };
}
