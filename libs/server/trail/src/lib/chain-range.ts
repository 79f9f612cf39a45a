import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GENESIS_HASH, canonicalRecord } from '@mizan/domain';
import { sha256Hex } from './sha256';

/**
 * Trail verification's fast path (issue 14): a range of positions of one version-3 chain, read as plain text columns
 * (RANGE_SQL: the stored body each hash covers, nothing built by PostgreSQL, no value parsed by the driver) and
 * checked on its own — every record in place (positions start+1, start+2, … without a gap), of version 3, linked to
 * the record before it inside the range, sha256(previous hash ‖ body) its hash. The record's members are columns
 * generated from its body (trail-body.ts), so a body that hashes vouches for what every reader sees. The link of the
 * range's first record to the record before the range, and anything that is not plainly intact, are the caller's
 * (TrailService.verify): it holds the first previous hash against the head it reached, and walks a range that is not
 * intact again with the general checks (verifyChainSegment), which name the problem exactly as they always have. So
 * the ranges of a chain can be read and checked in worker threads, each over its own connection, while the calling
 * thread only joins their answers in chain order.
 */

/** A range's record as RANGE_SQL gives it: every member as text, in this order. */
export type RangeRow = [
  seq: string,
  globalSeq: string,
  /** Null for version 3, else the version. */
  hashVersion: string | null,
  previousHash: string,
  hash: string,
  action: string,
  /** The text the hash covers after the previous hash (canonicalRecord's). */
  body: string,
];

/**
 * One range of a chain ($3: its key, COALESCE(agency_id, platform)), positions after $1 up to $2, in chain order.
 * Every column is text whatever the client's type parsers (pg in a worker, TypeORM in this thread), each under its own
 * name in RangeRow's order (read as objects, Object.values gives the row): PostgreSQL only writes each value out, the
 * cheapest work it can be given per record.
 */
export const RANGE_SQL = (chainExpr: string): string =>
  `SELECT r.chain_seq::text AS chain_seq, r.seq::text AS seq, NULLIF(r.hash_version, 3)::text AS hash_version, r.previous_hash, r.hash, r.action, r.body
  FROM activity_record r WHERE ${chainExpr} = $3::uuid AND r.chain_seq IS NOT NULL AND r.chain_seq > $1::bigint AND r.chain_seq <= $2::bigint
  ORDER BY ${chainExpr}, r.chain_seq`;

export interface RangeJob {
  /** The range's rows (RANGE_SQL's, in chain order); absent: the worker reads them itself over its own connection. */
  rows?: readonly RangeRow[];
  /** What RANGE_SQL reads: the chain's key and the last position of the range. */
  chain: string;
  upTo: string;
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
  /** That thread read the range itself, over its own connection. */
  readThere: boolean;
}

/** Takes a range's rows one at a time, in chain order (as they arrive), then says what it found (rangeCheck). */
export interface RangeCheck {
  add(row: RangeRow): void;
  result(): RangeResult;
}

/**
 * Checks one range, row by row. Runs in worker threads from its source text (Function.prototype.toString), so it
 * must use only its parameters and JavaScript's globals — no import, no helper of this module. After the first record
 * that is not plainly intact it looks at no further row (the caller walks the range again).
 */
export function rangeCheck(job: RangeJob, sha256: (text: string) => string, threadId: number): RangeCheck {
  const watched = new Set(job.watched);
  const seen: [string, string, unknown, string][] = [];
  let position = Number(job.start);
  let ok = true;
  let count = 0;
  let firstPreviousHash: string | null = null;
  let previous: string | null = null;
  let lastSeq = job.start;
  let lastGlobalSeq: string | null = null;
  const add = (row: RangeRow): void => {
    if (firstPreviousHash === null) firstPreviousHash = row[3];
    if (!ok) return;
    const seq = row[0];
    const previousHash = row[3];
    position += 1;
    if (seq !== String(position) || row[2] !== null || (previous !== null && previousHash !== previous)) {
      ok = false;
      return;
    }
    const hash = row[4];
    const action = row[5];
    if (sha256(previousHash + row[6]) !== hash) {
      ok = false;
      return;
    }
    if (watched.has(seq) || action === job.checkpointAction) {
      seen.push([seq, hash, action === job.checkpointAction ? ((JSON.parse(row[6]) as { after?: unknown }).after ?? null) : null, row[1]]);
    }
    previous = hash;
    lastSeq = seq;
    lastGlobalSeq = row[1];
    count += 1;
  };
  const result = (): RangeResult => ({
    ok,
    count,
    firstPreviousHash,
    lastSeq,
    lastHash: previous,
    lastGlobalSeq,
    seen,
    threadId,
    readThere: false,
  });
  return { add, result };
}

/** Checks one range whose rows are all at hand (rangeCheck over them). */
export function checkRange(job: RangeJob, rows: readonly RangeRow[], sha256: (text: string) => string, threadId: number): RangeResult {
  const check = rangeCheck(job, sha256, threadId);
  for (const row of rows) check.add(row);
  return check.result();
}

/**
 * What a worker needs to open its own connection: the pg module's path and the settings the data source's pool
 * connects with (values only: a password given as a function cannot cross threads, and such workers do not read).
 */
export interface RangeReading {
  pg: string | null;
  connection: Record<string, unknown>;
  sql: string;
}

/** The worker's whole program: sha256, rangeCheck and, given RangeReading, its reader. */
const workerSource = (): string => `'use strict';
const { parentPort, threadId, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const sha256 = typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
const rangeCheck = (${rangeCheck.toString()});
const reading = workerData;
let pg = null;
let client = null;
const connect = () => {
  if (client === null) {
    client = (async () => {
      if (reading === null) throw new Error('this range checker does not read');
      for (const from of [reading.pg, 'pg']) {
        if (!from) continue;
        try { pg = require(from); break; } catch {}
      }
      if (pg === null) throw new Error('no pg module in the range checker');
      const c = new pg.Client(reading.connection);
      c.on('error', () => undefined);
      await c.connect();
      return c;
    })();
  }
  return client;
};
// Rows are checked as they arrive (none is kept), as arrays of text. Not a named statement: a pooler in transaction mode may not keep one.
const readAndCheck = async (job) => {
  const c = await connect();
  const check = rangeCheck(job, sha256, threadId);
  return new Promise((resolve, reject) => {
    let failure = null;
    const query = new pg.Query({ text: reading.sql, values: [job.start, job.upTo, job.chain], rowMode: 'array' });
    query.on('row', (row) => {
      if (failure !== null) return;
      try { check.add(row); } catch (error) { failure = error; }
    });
    query.on('error', reject);
    query.on('end', () => (failure === null ? resolve({ ...check.result(), readThere: true }) : reject(failure)));
    c.query(query);
  });
};
parentPort.on('message', async ({ id, job, close }) => {
  if (close) {
    try { if (client !== null) await (await client).end(); } catch {}
    parentPort.postMessage({ id, closed: true });
    return;
  }
  try {
    let result;
    if (job.rows === undefined) result = await readAndCheck(job);
    else {
      const check = rangeCheck(job, sha256, threadId);
      for (const row of job.rows) check.add(row);
      result = check.result();
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

/** A chain key for jobs that read nothing (the probes): no chain holds a position 0. */
const NO_CHAIN = '00000000-0000-0000-0000-000000000000';

/** A range of two records that the workers must find intact before they are trusted: their code works in this build. */
function probe(): { job: RangeJob; hash: string } {
  const rows: RangeRow[] = [];
  const agencyId = '00000000-0000-0000-0000-000000000001';
  let previousHash = GENESIS_HASH;
  for (const n of [1, 2]) {
    const content = {
      seq: String(n), occurredAt: n === 1 ? '2026-01-01T00:00:00.000001Z' : '2026-01-01T00:00:01.000000Z', hashVersion: 3 as const, actorId: null,
      actorLabel: n === 1 ? 'probe "é" \u2028' : 'probe', agencyId, action: 'probe', entityType: 'thing', entityId: `t-${n}`,
      before: n === 1 ? null : { b: [1.5, 'x', null, { z: 1, a: true }], a: 1e21 }, after: { 'é': 'ش', e: -0.1 }, reason: n === 1 ? null : 'why\n',
    };
    const body = canonicalRecord(content);
    const hash = sha256Hex(previousHash + body);
    rows.push([content.seq, String(n + 10), null, previousHash, hash, content.action, body]);
    previousHash = hash;
  }
  return { job: { rows, chain: agencyId, start: '0', upTo: '2', watched: ['2'], checkpointAction: 'none' }, hash: previousHash };
}

interface Pending {
  job: RangeJob;
  resolve: (result: RangeResult) => void;
  reject: (error: Error) => void;
}

interface Checker {
  worker: Worker;
  /** Jobs sent to it, answered in any order (by id). */
  pending: Map<number, Pending>;
  dead: boolean;
}

/**
 * Jobs a worker holds at once: while it checks one range, its connection already reads the next (the pg client
 * sends a queued query as soon as the one before it is answered), so PostgreSQL and hashing overlap.
 */
const PER_WORKER = 2;

/**
 * Worker threads that check ranges (checkRange) and, given RangeReading, read them first over connections of their
 * own; jobs wait in order. Made for one verification and closed after it. A worker that fails rejects its jobs (the
 * caller reads and checks those ranges itself).
 */
export class RangeCheckers {
  private readonly checkers: Checker[];
  private readonly waiting: Pending[] = [];
  private closed = false;
  private nextId = 1;
  /** Every worker read a range over its own connection (the probe): jobs without rows may be sent. */
  reads = false;

  private constructor(workers: Worker[]) {
    this.checkers = workers.map((worker) => ({ worker, pending: new Map<number, Pending>(), dead: false }));
    for (const checker of this.checkers) {
      checker.worker.on('message', (message: { id: number; result?: RangeResult; error?: string }) => this.finished(checker, message));
      checker.worker.on('error', (error: Error) => this.failed(checker, error));
      checker.worker.on('exit', () => this.failed(checker, new Error('range checker exited')));
    }
  }

  /** The default number of threads: the cores, at most 4. */
  static defaultThreads(): number {
    return Math.min(4, availableParallelism());
  }

  /**
   * `threads` workers, each first given the probe; null when threads are unavailable or a worker fails the probe.
   * With `reading`, each also opens its connection and reads an empty range: `reads` says whether all of them could.
   */
  static async open(threads: number, reading: RangeReading | null = null): Promise<RangeCheckers | null> {
    if (threads < 1) return null;
    const workers: Worker[] = [];
    try {
      const source = workerSource();
      for (let i = 0; i < threads; i++) workers.push(new Worker(source, { eval: true, workerData: reading, execArgv: [] }));
      for (const worker of workers) worker.unref();
      const checkers = new RangeCheckers(workers);
      const { job, hash } = probe();
      const results = await Promise.all(checkers.checkers.map((c) => checkers.send(c, job)));
      if (!results.every((r) => r.ok && r.count === 2 && r.lastHash === hash && r.seen.length === 1 && r.threadId !== 0)) {
        await checkers.close();
        return null;
      }
      if (reading !== null) {
        const empty: RangeJob = { chain: NO_CHAIN, start: '0', upTo: '0', watched: [], checkpointAction: 'none' };
        const read = await Promise.allSettled(checkers.checkers.map((c) => checkers.send(c, empty)));
        checkers.reads = read.every((r) => r.status === 'fulfilled' && r.value.ok && r.value.count === 0);
      }
      return checkers;
    } catch {
      await Promise.allSettled(workers.map((w) => w.terminate()));
      return null;
    }
  }

  /** Checks `job` in a worker (reading its rows there when it has none). */
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

  /** Ends the workers' connections, then the workers. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waiting.splice(0)) pending.reject(new Error('range checkers closed'));
    await Promise.allSettled(
      this.checkers.map(async (c) => {
        if (!c.dead) {
          const id = this.nextId++;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 2000);
            const done = (message: { id: number }) => {
              if (message.id !== id) return;
              clearTimeout(timer);
              c.worker.off('message', done);
              resolve();
            };
            c.worker.on('message', done);
            c.worker.postMessage({ id, close: true });
          });
        }
        await c.worker.terminate();
      }),
    );
  }

  private send(checker: Checker, job: RangeJob): Promise<RangeResult> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      checker.pending.set(id, { job, resolve, reject });
      checker.worker.postMessage({ id, job });
    });
  }

  private dispatch(): void {
    for (;;) {
      if (this.waiting.length === 0) return;
      let best: Checker | null = null;
      for (const c of this.checkers) if (!c.dead && c.pending.size < PER_WORKER && (best === null || c.pending.size < best.pending.size)) best = c;
      if (best === null) return;
      const pending = this.waiting.shift() as Pending;
      this.send(best, pending.job).then(pending.resolve, pending.reject);
    }
  }

  private finished(checker: Checker, message: { id: number; result?: RangeResult; error?: string; closed?: boolean }): void {
    const pending = checker.pending.get(message.id);
    if (pending === undefined) return;
    checker.pending.delete(message.id);
    if (message.result !== undefined) pending.resolve(message.result);
    else pending.reject(new Error(message.error ?? 'range checker failed'));
    this.dispatch();
  }

  private failed(checker: Checker, error: Error): void {
    checker.dead = true;
    for (const pending of checker.pending.values()) pending.reject(error);
    checker.pending.clear();
    // With no worker left, what waits would wait forever: reject it (the caller checks those ranges itself).
    if (this.checkers.every((c) => c.dead)) for (const p of this.waiting.splice(0)) p.reject(error);
  }
}

/** Checks a range read in this thread (no worker threads, or a worker failed on it): the same code. */
export const checkRangeHere = (job: RangeJob & { rows: readonly RangeRow[] }): RangeResult => checkRange(job, job.rows, sha256Hex, 0);
