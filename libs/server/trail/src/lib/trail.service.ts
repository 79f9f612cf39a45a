import { isAbsolute } from 'node:path';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CURRENT_HASH_VERSION,
  ChainCheckpoint,
  GENESIS_HASH,
  hashedRecord,
  verifyChainSegment,
} from '@mizan/domain';
import type {
  ActivityRecordView,
  TrailAction,
  TrailChainVerification,
  TrailEntityType,
  TrailFilterSet,
  TrailPage,
  TrailVerification,
} from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { ActivityRecord } from './activity-record.entity';
import { ChainOutcome, CheckpointCheck, TRAIL_CHECKPOINT_ACTION } from './checkpoints/checkpoint-check';
import { sha256Hex } from './sha256';
import { CHAIN_COLUMNS, ChainRow, storedTime, toChained } from './chain-rows';
import { RANGE_SQL, RangeCheckers, RangeJob, RangeReading, RangeResult, RangeRow, checkRangeHere } from './chain-range';
import { TrailPageQuery, listTrailPage } from './trail-filters';
import { TRAIL_BODY_CATALOG_SQL, TRAIL_BODY_COLUMNS, trailBodyProblem } from './trail-body';

/** Who did it: a signed-in user, or Mizan itself (seeding, jobs). */
export interface TrailActor {
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: TrailActor = { id: null, label: 'system' };

export interface TrailEntry {
  actor: TrailActor;
  agencyId: string | null;
  /** Listed in TRAIL_ACTION_LABELS (contracts), so every code the server writes has a label. */
  action: TrailAction;
  entityType: TrailEntityType;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Every writer takes the transaction-scoped advisory lock of its chain before
 * reading that chain's head — pg_advisory_xact_lock(TRAIL_LOCK_KEY,
 * hashtext(agency id or 'platform')), the two-int form — so concurrent
 * transactions of one agency append one after another and its chain never
 * forks, while other agencies' writers do not wait. Released at commit or
 * rollback. (Two agencies whose ids share a hashtext only share a lock: slower,
 * never wrong.)
 */
export const TRAIL_LOCK_KEY = 7_331_001;

/** The chain key of the records with no agency in the unique index uq_activity_record_chain. */
export const PLATFORM_CHAIN_KEY = '00000000-0000-0000-0000-000000000000';
const CHAIN_EXPR = `COALESCE(r.agency_id, '${PLATFORM_CHAIN_KEY}'::uuid)`;
const chainKey = (agencyId: string | null): string => agencyId ?? PLATFORM_CHAIN_KEY;
/** Records read per query by verify(): big enough that the query's round trip is small beside hashing the batch. */
export const VERIFY_BATCH_SIZE = 5000;
/** Batches of a chain read at once by verify() while one is hashed, without worker threads; with them, 2 per thread and 1 more. */
const READ_AHEAD = 2;
/** How checkpoints name a chain: the agency id, 'platform' or 'legacy' (see checkpointChain in the domain). */
const checkpointName = (agencyId: string | null): string => agencyId ?? 'platform';

/** What verify() uses of the data source's pg pool to read a range as arrays. */
interface RowArrayPool {
  query(config: { text: string; values: string[]; rowMode: 'array' }): Promise<{ rows: RangeRow[] }>;
}

/** The pg client settings a range checker's own connection copies from the data source's pool. */
const POOL_CONNECTION_SETTINGS = [
  'connectionString', 'host', 'port', 'user', 'password', 'database', 'ssl', 'application_name', 'fallback_application_name', 'options',
  'connectionTimeoutMillis', 'keepAlive', 'keepAliveInitialDelayMillis', 'statement_timeout', 'query_timeout', 'lock_timeout', 'client_encoding',
] as const;

/** Where this process loads pg from, for range checkers (null when not a path, e.g. in a bundle: they then try `pg` from the working directory). */
function pgModulePath(): string | null {
  try {
    const path: unknown = require.resolve('pg');
    return typeof path === 'string' && isAbsolute(path) ? path : null;
  } catch {
    return null;
  }
}

/** JSON round trip: what PostgreSQL's jsonb will give back (dates as strings, no undefined). */
function asStored(value: unknown): object | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify({ v: value })) as { v: object }).v;
}

export function toView(row: ActivityRecord): ActivityRecordView {
  return {
    seq: String(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    reason: row.reason,
    previousHash: row.previousHash,
    hash: row.hash,
  };
}

@Injectable()
export class TrailService {
  /**
   * Without a configuration (specs that only write) no checkpoints are looked
   * at; the api, the worker and verify-trail always pass theirs.
   */
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(MIZAN_CONFIG) private readonly config?: Pick<MizanConfig, 'storageDir' | 'trailPublicKeyFile'>,
  ) {}

  /**
   * Appends one record inside the caller's transaction: if that transaction
   * rolls back, the record goes with it. Must be given a manager that is
   * inside a transaction.
   */
  async append(manager: EntityManager, entry: TrailEntry): Promise<ActivityRecord> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('TrailService.append must run inside the transaction of the change it records');
    }
    await this.lockChain(manager, entry.agencyId);
    // Under the chain's lock: its head (through uq_activity_record_chain), the next deployment-wide seq (taken after
    // the lock, so seq order agrees with chain order within a chain), and the time as the text PostgreSQL will store.
    const [state] = (await manager.query(
      `SELECT h.chain_seq::text AS chain_seq, h.hash, nextval('activity_record_seq_seq')::text AS seq, ${storedTime('clock_timestamp()')} AS now
       FROM (SELECT 1) one LEFT JOIN LATERAL (
         SELECT r.chain_seq, r.hash FROM activity_record r
         WHERE ${CHAIN_EXPR} = $1::uuid AND r.chain_seq IS NOT NULL ORDER BY ${CHAIN_EXPR} DESC, r.chain_seq DESC LIMIT 1) h ON true`,
      [chainKey(entry.agencyId)],
    )) as { chain_seq: string | null; hash: string | null; seq: string; now: string }[];
    const previousHash = state.hash ?? GENESIS_HASH;
    const chainSeq = (BigInt(state.chain_seq ?? '0') + 1n).toString();
    const content = {
      seq: chainSeq,
      occurredAt: state.now,
      hashVersion: CURRENT_HASH_VERSION,
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      agencyId: entry.agencyId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: asStored(entry.before),
      after: asStored(entry.after),
      reason: entry.reason ?? null,
    };
    // The body is the text the hash covers; the database generates the members from it (migration 1765964000000).
    const { body, hash } = hashedRecord(sha256Hex, previousHash, content);
    await manager.query(`INSERT INTO activity_record (seq, previous_hash, hash, body) VALUES ($1, $2, $3, $4)`, [state.seq, previousHash, hash, body]);
    return manager.create(ActivityRecord, { ...content, seq: state.seq, chainSeq, occurredAt: new Date(state.now), previousHash, hash, body });
  }

  /** Takes the append lock of one chain (the agency's, or the platform's for null) in the caller's transaction. */
  async lockChain(manager: EntityManager, agencyId: string | null): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [TRAIL_LOCK_KEY, checkpointName(agencyId)]);
  }

  /**
   * Takes the append lock of one chain in the caller's transaction and returns
   * its head: nothing can be appended to that chain until the transaction ends
   * (the checkpoint writer signs the head it read and records it before anyone
   * moves it). `seq` is the position in the chain ('0' when empty).
   */
  async lockedHead(manager: EntityManager, agencyId: string | null): Promise<{ seq: string; hash: string; action: string | null }> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('TrailService.lockedHead must run inside a transaction');
    await this.lockChain(manager, agencyId);
    const head = await this.chainHead(agencyId, manager);
    return { seq: head.chainSeq, hash: head.hash, action: head.action };
  }

  /** The newest record of one chain (agency, or the platform's for null): its position, deployment-wide seq, hash. */
  async chainHead(
    agencyId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ chainSeq: string; seq: string | null; hash: string; action: string | null }> {
    const rows = (await manager.query(
      `SELECT r.chain_seq::text AS chain_seq, r.seq::text AS seq, r.hash, r.action FROM activity_record r
       WHERE ${CHAIN_EXPR} = $1::uuid AND r.chain_seq IS NOT NULL ORDER BY ${CHAIN_EXPR} DESC, r.chain_seq DESC LIMIT 1`,
      [chainKey(agencyId)],
    )) as { chain_seq: string; seq: string; hash: string; action: string }[];
    const row = rows[0];
    return row ? { chainSeq: row.chain_seq, seq: row.seq, hash: row.hash, action: row.action } : { chainSeq: '0', seq: null, hash: GENESIS_HASH, action: null };
  }

  /**
   * Runs `work` in a new transaction and appends its trail entries in that same transaction. When the entries go
   * to several chains, their locks are taken first in one order (agencies by id, the platform last), so two such
   * transactions never wait for each other crosswise.
   */
  async record<T>(work: (manager: EntityManager) => Promise<{ result: T; entries: TrailEntry[] }>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const { result, entries } = await work(manager);
      const chains = [...new Set(entries.map((e) => e.agencyId))];
      if (chains.length > 1) {
        chains.sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
        for (const agencyId of chains) await this.lockChain(manager, agencyId);
      }
      for (const entry of entries) await this.append(manager, entry);
      return result;
    });
  }

  /** A keyset page of the agency's records, newest first, filtered (see listTrailPage). */
  list(agencyId: string, filters: TrailFilterSet, page: TrailPageQuery = {}): Promise<TrailPage> {
    return listTrailPage(this.dataSource, agencyId, filters, page);
  }

  /** The newest record of the whole deployment, whatever its chain ('0' and the genesis hash when there is none). */
  async head(manager: EntityManager = this.dataSource.manager): Promise<{ seq: string; hash: string }> {
    const rows = (await manager.query('SELECT r.seq::text AS seq, r.hash FROM activity_record r ORDER BY r.seq DESC LIMIT 1')) as {
      seq: string;
      hash: string;
    }[];
    return rows[0] ?? { seq: '0', hash: GENESIS_HASH };
  }

  /**
   * The newest record of one agency by deployment-wide seq — the head of its chain, or its newest legacy record
   * while its chain is empty. A snapshot of the agency's trail: its records with seq up to this one are a prefix of
   * its chain (seq is taken under the chain's lock) plus its legacy records (verify({ agencyId, upToSeq })).
   */
  async agencyHead(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<{ seq: string; hash: string }> {
    const rows = (await manager.query(
      'SELECT r.seq::text AS seq, r.hash FROM activity_record r WHERE r.agency_id = $1 ORDER BY r.agency_id, r.seq DESC LIMIT 1',
      [agencyId],
    )) as { seq: string; hash: string }[];
    return rows[0] ?? { seq: '0', hash: GENESIS_HASH };
  }

  /**
   * How a range checker connects on its own (chain-range.ts): the settings this data source's pool connects with.
   * Null when they cannot be handed to a thread (a password given as a function): this thread then reads.
   */
  private rangeReading(): RangeReading | null {
    const options = (this.dataSource.driver as unknown as { master?: { options?: Record<string, unknown> } }).master?.options;
    if (options === undefined) return null;
    const connection: Record<string, unknown> = {};
    // The password (and an ssl key) are kept out of the pool's enumerable options by pg-pool: named here.
    for (const name of POOL_CONNECTION_SETTINGS) {
      const value = options[name];
      if (value === undefined || value === null) continue;
      if (typeof value === 'function') return null;
      connection[name] = name === 'ssl' && typeof value === 'object' ? { ...value, key: (value as { key?: unknown }).key } : value;
    }
    try {
      structuredClone(connection);
    } catch {
      return null;
    }
    return { pg: pgModulePath(), connection, sql: RANGE_SQL(CHAIN_EXPR) };
  }

  /**
   * Walks chains in order, in batches, recomputing every hash, then holds them against every signed checkpoint
   * (README, Trail checkpoints): the legacy chain (hash versions 1 and 2, seq order, written before migration
   * 1765800000000) and then, without `agencyId`, the platform's chain and every agency's; with `agencyId`, that
   * agency's chain only (besides the legacy chain, which holds its older records). `upToSeq` verifies a snapshot:
   * the records with seq up to it (a prefix of each chain); checkpoints beyond it are left out.
   *
   * A version-3 chain is checked as ranges of `batchSize` positions (chain-range.ts), in `threads` worker threads
   * when it has more than two ranges (default: the cores, at most 4; 0 checks them in this thread). Each worker reads
   * its ranges over a connection of its own (the data source's settings) and checks their rows as they arrive, two
   * ranges at a time so that PostgreSQL writes one while the other is hashed; when the workers cannot connect, this
   * thread reads the ranges and hands them the rows. Each range is checked on its own; here, in chain order, its
   * first record's link to the head reached so far, and a range that is not plainly intact (or whose worker failed)
   * is walked again with verifyChainSegment, which names the problem — the result is the same with threads or without.
   */
  async verify(
    options: {
      agencyId?: string;
      upToSeq?: string;
      batchSize?: number;
      threads?: number;
      onProgress?: (checked: number) => void | Promise<void>;
    } = {},
  ): Promise<TrailVerification> {
    const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
    const threads = options.threads ?? RangeCheckers.defaultThreads();
    const upToSeq = options.upToSeq ?? null;
    const agencies = (await this.dataSource.query(
      options.agencyId === undefined ? 'SELECT id, name FROM agency ORDER BY name, id' : 'SELECT id, name FROM agency WHERE id = $1',
      options.agencyId === undefined ? [] : [options.agencyId],
    )) as { id: string; name: string }[];
    const chains: { kind: TrailChainVerification['kind']; agencyId: string | null; agencyName: string | null; name: string }[] = [
      { kind: 'legacy', agencyId: null, agencyName: null, name: 'legacy' },
      ...(options.agencyId === undefined ? [{ kind: 'platform' as const, agencyId: null, agencyName: null, name: 'platform' }] : []),
      ...(options.agencyId !== undefined && agencies.length === 0 ? [{ id: options.agencyId, name: '' }] : agencies).map((a) => ({
        kind: 'agency' as const,
        agencyId: a.id,
        agencyName: a.name || null,
        name: a.id,
      })),
    ];
    // The members must still be generated from the bodies before a body that hashes can vouch for them; if they are
    // not, every range is walked over its members and its bodies (and the table's change is the first problem named).
    const schemaProblem = trailBodyProblem(
      (await this.dataSource.query(TRAIL_BODY_CATALOG_SQL, [Object.keys(TRAIL_BODY_COLUMNS)])) as { name: string; expression: string | null }[],
    );
    const trustBodies = schemaProblem === null;
    const inScope = new Set(chains.map((c) => c.name));
    const checkpoints = await CheckpointCheck.load(this.config ?? null, (chain) => inScope.has(chain));
    const outcomes = new Map<string, ChainOutcome>();
    const results: TrailChainVerification[] = [];
    let total = 0;
    let newest: { seq: bigint; hash: string } | null = null;
    let agencyHeadHash: string | null = null;
    // Opened for the first chain long enough to be worth them, closed at the end.
    let checkers: Promise<RangeCheckers | null> | null = null;
    try {
      for (const chain of chains) {
        const legacy = chain.kind === 'legacy';
        let limit: string | null = upToSeq;
        if (!legacy && upToSeq !== null) {
          const [row] = (await this.dataSource.query(
            `SELECT r.chain_seq::text AS chain_seq FROM activity_record r
             WHERE ${CHAIN_EXPR} = $1::uuid AND r.chain_seq IS NOT NULL AND r.seq <= $2::bigint ORDER BY ${CHAIN_EXPR} DESC, r.chain_seq DESC LIMIT 1`,
            [chainKey(chain.agencyId), upToSeq],
          )) as { chain_seq: string }[];
          limit = row?.chain_seq ?? '0';
        }
        let checkpoint: ChainCheckpoint = { headHash: GENESIS_HASH, lastSeq: '0', count: 0 };
        let broken: { seq: string; problem: string } | null = null;
        let lastGlobalSeq: bigint | null = null;
        /** The general walk over full rows (the legacy chain; a range of a chain that is not plainly intact). */
        const walk = (rows: ChainRow[]): void => {
          const records = rows.map(toChained);
          // A version-3 record walked in the legacy chain (or the reverse) is not where its version says it belongs.
          const misplaced = rows.findIndex((r) => (r.hash_version >= 3) === legacy);
          const outcome = verifyChainSegment(sha256Hex, checkpoint, misplaced < 0 ? records : records.slice(0, misplaced));
          // Only records that verified can vouch for a checkpoint or record one: the first `verified` of the batch. Of
          // those, a record whose members hash but whose stored body is not the text its hash covers (the same meaning
          // written otherwise, or members no longer generated from it) is where the chain breaks: the body is what an
          // auditor hashes on their own.
          let verified = outcome.checkpoint.count - checkpoint.count;
          const unhashed = rows.findIndex((r, i) => i < verified && sha256Hex(r.previous_hash + r.body) !== r.hash);
          if (unhashed >= 0) verified = unhashed;
          for (let i = 0; i < verified; i++) {
            const record = records[i];
            checkpoints.sawRecord(chain.name, record.seq, record.hash, record.action === TRAIL_CHECKPOINT_ACTION ? record.after : undefined, rows[i].seq);
          }
          if (verified > 0) lastGlobalSeq = BigInt(rows[verified - 1].seq);
          if (unhashed >= 0) {
            const record = records[unhashed];
            checkpoint = unhashed === 0 ? checkpoint : { headHash: records[unhashed - 1].hash, lastSeq: records[unhashed - 1].seq, count: checkpoint.count + unhashed };
            broken = { seq: record.seq, problem: `record #${record.seq} was altered: its stored text is not the text its hash covers` };
            return;
          }
          checkpoint = outcome.checkpoint;
          if (!outcome.ok) {
            broken = outcome.broken;
          } else if (misplaced >= 0) {
            const record = records[misplaced];
            broken = { seq: record.seq, problem: `record #${record.seq} was altered: its hash version ${rows[misplaced].hash_version} does not belong in this chain` };
          }
        };
        if (legacy) {
          // Keyset batches by seq, the next one asked for as soon as one arrives.
          const read = (after: string): Promise<ChainRow[]> =>
            this.dataSource.query(
              `SELECT ${CHAIN_COLUMNS} FROM activity_record r
               WHERE r.chain_seq IS NULL AND r.seq > $1 AND ($2::bigint IS NULL OR r.seq <= $2::bigint) ORDER BY r.seq ASC LIMIT $3`,
              [after, limit, batchSize],
            ) as Promise<ChainRow[]>;
          let next: Promise<ChainRow[]> | null = read('0');
          while (next !== null) {
            const rows: ChainRow[] = await next;
            next = rows.length === batchSize ? read(rows[rows.length - 1].seq) : null;
            if (rows.length > 0) walk(rows);
            if (broken !== null || rows.length === 0) {
              await next?.catch(() => undefined);
              break;
            }
            await options.onProgress?.(total + checkpoint.count);
          }
        } else {
          // A chain holds positions 1..head without gaps, so its ranges are (k·size, (k+1)·size] up to the head as it
          // stands now (or the snapshot's). Several are read and checked at once; they are taken in order.
          const end = BigInt(limit ?? (await this.chainHead(chain.agencyId)).chainSeq);
          const size = BigInt(batchSize);
          if (trustBodies && checkers === null && threads > 0 && end > 2n * size) checkers = RangeCheckers.open(threads, this.rangeReading());
          const pool = checkers === null ? null : await checkers;
          const watched = checkpoints.watchedPositions(chain.name);
          const readRows = (start: string, upTo: string): Promise<ChainRow[]> =>
            this.dataSource.query(
              `SELECT ${CHAIN_COLUMNS} FROM activity_record r
               WHERE ${CHAIN_EXPR} = $3::uuid AND r.chain_seq IS NOT NULL AND r.chain_seq > $1 AND r.chain_seq <= $2 ORDER BY ${CHAIN_EXPR}, r.chain_seq ASC`,
              [start, upTo, chainKey(chain.agencyId)],
            ) as Promise<ChainRow[]>;
          const key = chainKey(chain.agencyId);
          /**
           * A range read here (no worker reads it): through the data source's pg pool as arrays (no object per row);
           * without one, TypeORM's rows, RANGE_SQL's columns by name in RangeRow's order.
           */
          const pgPool = (this.dataSource.driver as unknown as { master?: RowArrayPool }).master;
          const readRange = async (start: string, upTo: string): Promise<RangeRow[]> =>
            typeof pgPool?.query === 'function'
              ? (await pgPool.query({ text: RANGE_SQL(CHAIN_EXPR), values: [start, upTo, key], rowMode: 'array' })).rows
              : ((await this.dataSource.query(RANGE_SQL(CHAIN_EXPR), [start, upTo, key])) as Record<string, string | null>[]).map((r) => Object.values(r) as RangeRow);
          const check = async (start: string, upTo: string): Promise<RangeResult | null> => {
            if (!trustBodies) return null;
            const job: RangeJob = { chain: key, start, upTo, watched, checkpointAction: TRAIL_CHECKPOINT_ACTION };
            let rows: RangeRow[] | null = null;
            if (pool !== null) {
              try {
                // The worker reads the range over its own connection; if workers cannot read, this thread reads for them.
                if (pool.reads) return await pool.check(job);
                rows = await readRange(start, upTo);
                return await pool.check({ ...job, rows });
              } catch {
                // The worker failed: this thread checks the range.
              }
            }
            try {
              return checkRangeHere({ ...job, rows: rows ?? (await readRange(start, upTo)) });
            } catch {
              return null;
            }
          };
          const inFlight: { start: string; upTo: string; result: Promise<RangeResult | null> }[] = [];
          // With workers: as many ranges as they hold at once (two each: one checked while the next is read), and one more.
          const depth = pool === null ? READ_AHEAD : threads * 2 + 1;
          let nextStart = 0n;
          const fill = (): void => {
            while (inFlight.length < depth && nextStart < end) {
              const upTo = nextStart + size < end ? nextStart + size : end;
              const range = { start: nextStart.toString(), upTo: upTo.toString() };
              inFlight.push({ ...range, result: check(range.start, range.upTo).catch(() => null) });
              nextStart = upTo;
            }
          };
          fill();
          while (inFlight.length > 0) {
            const range = inFlight.shift() as (typeof inFlight)[number];
            fill();
            const result = await range.result;
            if (result !== null && result.ok && (result.count === 0 || (range.start === checkpoint.lastSeq && result.firstPreviousHash === checkpoint.headHash))) {
              for (const [seq, hash, after, globalSeq] of result.seen) {
                checkpoints.sawRecord(chain.name, seq, hash, after ?? undefined, globalSeq);
              }
              if (result.count > 0) {
                checkpoint = { headHash: result.lastHash as string, lastSeq: result.lastSeq, count: checkpoint.count + result.count };
                lastGlobalSeq = BigInt(result.lastGlobalSeq as string);
              }
            } else {
              // Not plainly intact, or not joined to what came before: the general walk says where and why.
              walk(await readRows(range.start, range.upTo));
            }
            if (broken !== null) {
              await Promise.allSettled(inFlight.map((r) => r.result));
              break;
            }
            await options.onProgress?.(total + checkpoint.count);
          }
        }
        total += checkpoint.count;
        outcomes.set(chain.name, { intactUpToSeq: checkpoint.lastSeq, broken: broken !== null, limit });
        if (lastGlobalSeq !== null && (newest === null || lastGlobalSeq > newest.seq)) newest = { seq: lastGlobalSeq, hash: checkpoint.headHash };
        if (chain.kind === 'agency' && options.agencyId !== undefined && checkpoint.count > 0) agencyHeadHash = checkpoint.headHash;
        const label = legacy ? null : chain.kind === 'platform' ? 'platform chain' : `chain of agency ${chain.agencyName ?? chain.agencyId ?? ''}`;
        const problem = broken as { seq: string; problem: string } | null;
        results.push({
          kind: chain.kind,
          agencyId: chain.agencyId,
          agencyName: chain.agencyName,
          intact: problem === null,
          count: checkpoint.count,
          headSeq: checkpoint.lastSeq,
          headHash: checkpoint.headHash,
          brokenAtSeq: problem?.seq ?? null,
          problem: problem === null ? null : label === null ? problem.problem : `${label}: ${problem.problem}`,
        });
      }
    } finally {
      await (await checkers)?.close();
    }
    const report = checkpoints.judge(outcomes);
    const first = report.first;
    const firstBroken = results.find((r) => !r.intact) ?? null;
    return {
      intact: schemaProblem === null && firstBroken === null && report.problems.length === 0,
      count: total,
      headHash: agencyHeadHash ?? newest?.hash ?? GENESIS_HASH,
      brokenAtSeq: firstBroken?.brokenAtSeq ?? first?.seq ?? null,
      problem: schemaProblem ?? firstBroken?.problem ?? first?.message ?? null,
      verifiedAt: new Date().toISOString(),
      chains: results,
      checkpoints: report.summary,
    };
  }
}
