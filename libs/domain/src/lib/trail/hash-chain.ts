import { canonicalJson, canonicalJsonOfSortedKeys } from './canonical-json';

/** The hash that stands before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How a record's hash is computed. 1: the time as a JavaScript Date in
 * milliseconds (records written before migration 1765100000000). 2: the time
 * exactly as PostgreSQL stores it, with microseconds, and the version itself
 * inside the hashed text, so a record cannot be passed off as the other version
 * without re-hashing it. 3: as 2, but the record belongs to the chain of its
 * agency (issue 14, migration 1765800000000): `seq` in the hashed content is its
 * position in that chain (the `chain_seq` column) and the agency id, also hashed,
 * names the chain. A record never changes version.
 */
export type HashVersion = 1 | 2 | 3;
export const CURRENT_HASH_VERSION: HashVersion = 3;

/** A timestamptz at its stored precision, in UTC: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
const STORED_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{6})Z$/;

export function isStoredTime(text: string): boolean {
  return STORED_TIME.test(text);
}

/**
 * The time as version 1 hashed it (`Date.toISOString()`, milliseconds). Given
 * the exact stored time, returns null when it has sub-millisecond digits: the
 * version-1 writer stored a JavaScript Date, so such digits were put there later.
 */
export function v1TimeText(occurredAt: string): string | null {
  const stored = STORED_TIME.exec(occurredAt);
  if (!stored) return occurredAt;
  if (!stored[2].endsWith('000')) return null;
  return `${stored[1]}.${stored[2].slice(0, 3)}Z`;
}

/**
 * Why this content cannot have been hashed by its version as it stands, or
 * null. Checked before hashing, so the verifier names the problem.
 */
export function hashFormatProblem(content: Pick<ChainedContent, 'hashVersion' | 'occurredAt'>): string | null {
  const version = content.hashVersion ?? 1;
  if (version === 1) {
    return v1TimeText(content.occurredAt) === null ? 'its time has microseconds that a version-1 record never had' : null;
  }
  if (version === 2 || version === 3) {
    return isStoredTime(content.occurredAt) ? null : `its time "${content.occurredAt}" is not a stored time with microseconds`;
  }
  return `it has an unknown hash version ${String(version)}`;
}

/** What a record's hash covers: everything but the hashes themselves. */
export interface ChainedContent {
  /** Versions 1 and 2: the deployment-wide seq; version 3: the position in the agency's chain (chain_seq). */
  seq: string;
  /** Version 2: the stored time with microseconds (see STORED_TIME); version 1: an ISO time. */
  occurredAt: string;
  /** Absent means 1, the format of every record written before versions existed. */
  hashVersion?: HashVersion;
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

/**
 * The hashed members in code-unit order (what canonicalJson sorts them into):
 * action, actorId, actorLabel, after, agencyId, before, entityId, entityType,
 * hashVersion (absent in version 1), occurredAt, reason, seq.
 */
export function canonicalRecord(content: ChainedContent): string {
  const problem = hashFormatProblem(content);
  if (problem !== null) throw new RangeError(`record #${content.seq} cannot be hashed: ${problem}`);
  return canonicalRecordText(content);
}

/** The hashed members in code-unit order, for the general path. */
const RECORD_KEYS = ['action', 'actorId', 'actorLabel', 'after', 'agencyId', 'before', 'entityId', 'entityType', 'hashVersion', 'occurredAt', 'reason', 'seq'] as const;

/** A string-or-null member as canonicalJson writes it. */
const member = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * canonicalRecord once its format is known good: the same text as
 * canonicalJsonOfSortedKeys over the members above, written as one template
 * (no intermediate object, no loop over keys) — it runs once per record in
 * trail verification (issue 14, docs/benchmarks.md "Trail verification (issue 14)").
 */
function canonicalRecordText(content: ChainedContent, timeAsGiven = false): string {
  const version = content.hashVersion ?? 1;
  const occurredAt = version === 1 && !timeAsGiven ? v1TimeText(content.occurredAt) : content.occurredAt;
  const { action, actorId, actorLabel, agencyId, entityId, entityType, reason, seq } = content;
  if (
    !isText(action) || !isTextOrNull(actorId) || !isText(actorLabel) || !isTextOrNull(agencyId) || !isText(entityId) ||
    !isText(entityType) || !isTextOrNull(reason) || !isText(seq) || !isTextOrNull(occurredAt)
  ) {
    // Not the shape the types promise (a JavaScript caller's undefined, a number): the general canonical JSON.
    return canonicalJsonOfSortedKeys(RECORD_KEYS, {
      hashVersion: version === 1 ? undefined : version,
      seq, occurredAt, actorId, actorLabel, agencyId, action, entityType, entityId,
      before: content.before ?? null,
      after: content.after ?? null,
      reason,
    });
  }
  return (
    `{"action":${member(action)},"actorId":${member(actorId)},"actorLabel":${member(actorLabel)}` +
    `,"after":${canonicalJson(content.after ?? null)},"agencyId":${member(agencyId)},"before":${canonicalJson(content.before ?? null)}` +
    `,"entityId":${member(entityId)},"entityType":${member(entityType)}` +
    `${version === 1 ? '' : `,"hashVersion":${version}`},"occurredAt":${member(occurredAt)},"reason":${member(reason)}` +
    `,"seq":${member(seq)}}`
  );
}

/**
 * The text a trail record keeps as its body (activity_record.body, migration 1765964000000): canonicalRecord's text,
 * which its hash covers after the previous hash, so hash = sha256(previous hash ‖ body). Never throws: a record whose
 * format its version forbids (only a record altered before bodies were kept) gets the same members with its time as
 * given; that text cannot hash to the record's hash, and verification names the record's problem.
 */
export function storedBody(content: ChainedContent): string {
  return canonicalRecordText(content, hashFormatProblem(content) !== null);
}

/** What a writer stores of a new record: its body (canonicalRecord's text) and hash = sha256(previous hash ‖ body). */
export function hashedRecord(sha256: Sha256Hex, previousHash: string, content: ChainedContent): { body: string; hash: string } {
  const body = canonicalRecord(content);
  return { body, hash: sha256(previousHash + body) };
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

/** What the walk checks besides the hash: the record's place, its link and the format of what its version hashes. */
export type ChainLink = Pick<ChainedRecord, 'seq' | 'previousHash' | 'hash' | 'hashVersion' | 'occurredAt'>;

/**
 * Walks records in seq order from a checkpoint and returns the new checkpoint,
 * or the first record that does not belong to an unbroken chain. Batches can be
 * fed one after another so a long trail is verified in constant memory.
 * `canonical` gives a record's canonical text once its format is checked (by
 * default canonicalRecord's, from the record itself): a reader that has the text
 * assembled elsewhere (trail verification has PostgreSQL write the members that
 * are plain text) passes its own, which must be exactly canonicalRecord's.
 */
export function verifyChainSegment(
  sha256: Sha256Hex,
  from: ChainCheckpoint,
  records: readonly ChainedRecord[],
): { ok: true; checkpoint: ChainCheckpoint } | { ok: false; checkpoint: ChainCheckpoint; broken: ChainBreak };
export function verifyChainSegment<R extends ChainLink>(
  sha256: Sha256Hex,
  from: ChainCheckpoint,
  records: readonly R[],
  canonical: (record: R) => string,
): { ok: true; checkpoint: ChainCheckpoint } | { ok: false; checkpoint: ChainCheckpoint; broken: ChainBreak };
export function verifyChainSegment(
  sha256: Sha256Hex,
  from: ChainCheckpoint,
  records: readonly ChainLink[],
  canonical: (record: ChainLink) => string = (record) => canonicalRecordText(record as ChainedRecord),
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
    const formatProblem = hashFormatProblem(record);
    if (formatProblem !== null) {
      return { ok: false, checkpoint, broken: { seq: record.seq, problem: `record #${record.seq} was altered: ${formatProblem}` } };
    }
    const recomputed = sha256(record.previousHash + canonical(record));
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
