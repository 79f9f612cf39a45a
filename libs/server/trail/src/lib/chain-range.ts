import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GENESIS_HASH, canonicalJson, chainHash } from '@mizan/domain';
import { sha256Hex } from './sha256';

/**
 * Trail verification's fast path (issue 14): a range of positions of one version-3 chain, read as ONE text (a JSON
 * array of arrays that PostgreSQL aggregates, so the pg driver parses one column per range, not fifteen per record)
 * and checked on its own — every record in place (positions start+1, start+2, … without a gap), of version 3, linked
 * to the record before it inside the range, its hash recomputed. The link of the range's first record to the record
 * before the range, and anything that is not plainly intact, are the caller's (TrailService.verify): it holds the
 * first previous hash against the head it reached, and walks a range that is not intact again with the general
 * checks (verifyChainSegment), which name the problem exactly as they always have. So a range can be checked in a
 * worker thread while the next ones are read, and the ranges of a chain in parallel.
 */

/** The members of a range's record in the order RANGE_ROW writes them. */
export type RangeRow = [
  seq: string,
  globalSeq: string,
  hashVersion: number,
  previousHash: string,
  hash: string,
  action: string,
  actorId: string | null,
  actorLabel: string,
  agencyId: string | null,
  entityType: string,
  entityId: string,
  reason: string | null,
  before: unknown,
  after: unknown,
  /** Microseconds since 1970 (exact: PostgreSQL's extract gives numeric), written as the stored time here (to_char is costly there). */
  occurredAtMicros: number,
];

/** One range's records as a JSON array of RangeRow, in chain order (null when the range holds none). */
export const RANGE_JSON = `json_agg(json_build_array(r.chain_seq::text, r.seq::text, r.hash_version, r.previous_hash, r.hash, r.action, r.actor_id, r.actor_label,
  r.agency_id, r.entity_type, r.entity_id, r.reason, r.before, r.after, (extract(epoch from r.occurred_at) * 1000000)::bigint) ORDER BY r.chain_seq)::text`;

export interface RangeJob {
  /** RANGE_JSON's text. */
  text: string | null;
  /** The position before the range's first: its records are start+1, start+2, … */
  start: string;
  /** Positions whose hash a checkpoint names: reported back in `seen`. */
  watched: readonly string[];
  /** Records with this action (trail.checkpoint) are reported back with their `after`. */
  checkpointAction: string;
}

export interface RangeResult {
  /** Every record of the range is in place, of version 3, linked inside the range and hashes to its hash. */
  ok: boolean;
  count: number;
  firstPreviousHash: string | null;
  lastSeq: string;
  lastHash: string | null;
  lastGlobalSeq: string | null;
  /** [position, hash, after of a checkpoint record (else null), deployment-wide seq] of the records CheckpointCheck wants. */
  seen: [string, string, unknown, string][];
  /** The worker thread that checked it (0: the main thread). */
  threadId: number;
}

/**
 * Checks one range. Runs in worker threads from its source text (Function.prototype.toString), so it must use only
 * its parameters and JavaScript's globals — no import, no helper of this module. The text it hashes is
 * canonicalRecord's for version 3 (hash-chain.ts), written out: previous hash, then the members in code-unit order.
 */
export function checkRange(job: RangeJob, sha256: (text: string) => string, canonical: (value: unknown) => string, threadId: number): RangeResult {
  const rows = (job.text === null ? [] : JSON.parse(job.text)) as RangeRow[];
  const watched = new Set(job.watched);
  const seen: [string, string, unknown, string][] = [];
  const storedTimeText = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
  const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));
  let position = Number(job.start);
  let previous: string | null = null;
  const result = (ok: boolean, count: number): RangeResult => ({
    ok,
    count,
    firstPreviousHash: rows.length > 0 ? rows[0][3] : null,
    lastSeq: count > 0 ? rows[count - 1][0] : job.start,
    lastHash: count > 0 ? rows[count - 1][4] : null,
    lastGlobalSeq: count > 0 ? rows[count - 1][1] : null,
    seen,
    threadId,
  });
  for (let i = 0; i < rows.length; i++) {
    const [seq, globalSeq, hashVersion, previousHash, hash, action, actorId, actorLabel, agencyId, entityType, entityId, reason, before, after, micros] = rows[i];
    position += 1;
    // The stored time as storedTime() writes it. A time JavaScript writes otherwise (a year beyond 9999) fails the format check: the general walk then.
    const millis = Math.floor(micros / 1000);
    const occurredAt = `${new Date(millis).toISOString().slice(0, 23)}${String(micros - millis * 1000).padStart(3, '0')}Z`;
    if (seq !== String(position) || hashVersion !== 3 || (previous !== null && previousHash !== previous) || !storedTimeText.test(occurredAt)) {
      return result(false, i);
    }
    const canonicalText =
      `{"action":${text(action)},"actorId":${text(actorId)},"actorLabel":${text(actorLabel)},"after":${canonical(after)},"agencyId":${text(agencyId)}` +
      `,"before":${canonical(before)},"entityId":${text(entityId)},"entityType":${text(entityType)},"hashVersion":3,"occurredAt":${text(occurredAt)}` +
      `,"reason":${text(reason)},"seq":${text(seq)}}`;
    if (sha256(previousHash + canonicalText) !== hash) return result(false, i);
    if (watched.has(seq) || action === job.checkpointAction) seen.push([seq, hash, action === job.checkpointAction ? after : null, globalSeq]);
    previous = hash;
  }
  return result(true, rows.length);
}

/** The worker's whole program: sha256, the domain's canonicalJson and checkRange, from their source text. */
const workerSource = (): string => `'use strict';
const { parentPort, threadId } = require('node:worker_threads');
const crypto = require('node:crypto');
const sha256 = typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
const canonicalJson = (${canonicalJson.toString()});
const checkRange = (${checkRange.toString()});
parentPort.on('message', (job) => {
  try {
    parentPort.postMessage(checkRange(job, sha256, canonicalJson, threadId));
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

/** A range of two records that the workers must find intact before they are trusted: their code works in this build. */
function probe(): { job: RangeJob; hash: string } {
  const rows: RangeRow[] = [];
  let previousHash = GENESIS_HASH;
  for (const n of [1, 2]) {
    const content = {
      seq: String(n), occurredAt: '2026-01-01T00:00:00.000001Z', hashVersion: 3 as const, actorId: null, actorLabel: 'probe "é" \u2028',
      agencyId: '00000000-0000-0000-0000-000000000001', action: 'probe', entityType: 'thing', entityId: `t-${n}`,
      before: n === 1 ? null : { b: [1.5, 'x', null, { z: 1, a: true }], a: 1e21 }, after: { 'é': 'ش', e: -0.1 }, reason: n === 1 ? null : 'why',
    };
    const hash = chainHash(sha256Hex, previousHash, content);
    rows.push([content.seq, String(n + 10), 3, previousHash, hash, content.action, content.actorId, content.actorLabel, content.agencyId, content.entityType,
      content.entityId, content.reason, content.before, content.after, Date.parse('2026-01-01T00:00:00Z') * 1000 + 1]);
    previousHash = hash;
  }
  return { job: { text: JSON.stringify(rows), start: '0', watched: ['2'], checkpointAction: 'none' }, hash: previousHash };
}

interface Pending {
  job: RangeJob;
  resolve: (result: RangeResult) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that check ranges (checkRange), one range at a time each; jobs wait in order. Made for one
 * verification and closed after it. A worker that fails rejects its job (the caller checks that range itself).
 */
export class RangeCheckers {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly waiting: Pending[] = [];
  private closed = false;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (message: RangeResult | { error: string }) => this.finished(worker, message));
      worker.on('error', (error: Error) => this.failed(worker, error));
      worker.on('exit', () => this.failed(worker, new Error('range checker exited')));
      this.idle.push(worker);
    }
  }

  /** The default number of threads: the cores, at most 4 (the main thread mostly waits for PostgreSQL). */
  static defaultThreads(): number {
    return Math.min(4, availableParallelism());
  }

  /** `threads` workers, each first given the probe; null when threads are unavailable or a worker fails the probe. */
  static async open(threads: number): Promise<RangeCheckers | null> {
    if (threads < 1) return null;
    const workers: Worker[] = [];
    try {
      const source = workerSource();
      for (let i = 0; i < threads; i++) workers.push(new Worker(source, { eval: true }));
      for (const worker of workers) worker.unref();
      const checkers = new RangeCheckers(workers);
      const { job, hash } = probe();
      const results = await Promise.all(workers.map(() => checkers.check(job)));
      if (results.every((r) => r.ok && r.count === 2 && r.lastHash === hash && r.seen.length === 1 && r.threadId !== 0)) return checkers;
      await checkers.close();
      return null;
    } catch {
      await Promise.allSettled(workers.map((w) => w.terminate()));
      return null;
    }
  }

  check(job: RangeJob): Promise<RangeResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new Error('range checkers closed'));
        return;
      }
      this.waiting.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waiting.splice(0)) pending.reject(new Error('range checkers closed'));
    await Promise.allSettled(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.waiting.shift() as Pending;
      this.busy.set(worker, pending);
      worker.postMessage(pending.job);
    }
  }

  private finished(worker: Worker, message: RangeResult | { error: string }): void {
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    if (!this.closed) this.idle.push(worker);
    if (pending) {
      if ('error' in message) pending.reject(new Error(message.error));
      else pending.resolve(message);
    }
    this.dispatch();
  }

  private failed(worker: Worker, error: Error): void {
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    pending?.reject(error);
    // With no worker left, what waits would wait forever: reject it (the caller checks those ranges itself).
    if (this.idle.length === 0 && this.busy.size === 0) for (const p of this.waiting.splice(0)) p.reject(error);
  }
}

/** Checks a range in this thread (no worker threads, or a worker failed on it): the same code. */
export const checkRangeHere = (job: RangeJob): RangeResult => checkRange(job, sha256Hex, canonicalJson, 0);
