import { canonicalJson } from './canonical-json';

/** The hash that stands before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a record's hash covers: everything but the hashes themselves. */
export interface ChainedContent {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface ChainedRecord extends ChainedContent {
  previousHash: string;
  hash: string;
}

/** sha256 over UTF-8 text, hex; injected so this library stays free of I/O and platform APIs. */
export type Sha256Hex = (text: string) => string;

export function canonicalRecord(content: ChainedContent): string {
  return canonicalJson({
    seq: content.seq,
    occurredAt: content.occurredAt,
    actorId: content.actorId,
    actorLabel: content.actorLabel,
    agencyId: content.agencyId,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    before: content.before ?? null,
    after: content.after ?? null,
    reason: content.reason,
  });
}

/** hash = sha256(previous hash ‖ canonical record) */
export function chainHash(sha256: Sha256Hex, previousHash: string, content: ChainedContent): string {
  return sha256(previousHash + canonicalRecord(content));
}

export interface ChainCheckpoint {
  /** Hash of the last record checked (or GENESIS_HASH). */
  headHash: string;
  /** Seq of the last record checked, as a decimal string ('0' before the first). */
  lastSeq: string;
  count: number;
}

export type ChainBreak = { seq: string; problem: string };

/**
 * Walks records in seq order from a checkpoint and returns the new checkpoint,
 * or the first record that does not belong to an unbroken chain. Batches can be
 * fed one after another so a long trail is verified in constant memory.
 */
export function verifyChainSegment(
  sha256: Sha256Hex,
  from: ChainCheckpoint,
  records: readonly ChainedRecord[],
): { ok: true; checkpoint: ChainCheckpoint } | { ok: false; checkpoint: ChainCheckpoint; broken: ChainBreak } {
  let checkpoint = from;
  for (const record of records) {
    const expectedSeq = (BigInt(checkpoint.lastSeq) + 1n).toString();
    if (record.seq !== expectedSeq) {
      return {
        ok: false,
        checkpoint,
        broken: { seq: expectedSeq, problem: `record #${expectedSeq} is missing (next found is #${record.seq})` },
      };
    }
    if (record.previousHash !== checkpoint.headHash) {
      return {
        ok: false,
        checkpoint,
        broken: { seq: record.seq, problem: `record #${record.seq} does not link to the hash of the record before it` },
      };
    }
    const recomputed = chainHash(sha256, record.previousHash, record);
    if (recomputed !== record.hash) {
      return {
        ok: false,
        checkpoint,
        broken: { seq: record.seq, problem: `record #${record.seq} was altered: its content no longer matches its hash` },
      };
    }
    checkpoint = { headHash: record.hash, lastSeq: record.seq, count: checkpoint.count + 1 };
  }
  return { ok: true, checkpoint };
}
