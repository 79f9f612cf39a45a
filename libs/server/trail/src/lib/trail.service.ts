import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CURRENT_HASH_VERSION,
  ChainCheckpoint,
  ChainedRecord,
  GENESIS_HASH,
  HashVersion,
  chainHash,
  verifyChainSegment,
} from '@mizan/domain';
import type { ActivityRecordView, TrailAction, TrailEntityType, TrailFilterSet, TrailPage, TrailVerification } from '@mizan/contracts';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { ActivityRecord } from './activity-record.entity';
import { CheckpointCheck, TRAIL_CHECKPOINT_ACTION } from './checkpoints/checkpoint-check';
import { sha256Hex } from './sha256';
import { TrailPageQuery, listTrailPage } from './trail-filters';

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
 * Every writer takes this transaction-scoped advisory lock before reading the
 * head, so concurrent transactions append one after another and the chain
 * never forks. The lock is released at commit or rollback.
 */
export const TRAIL_LOCK_KEY = 7_331_001;

/** JSON round trip: what PostgreSQL's jsonb will give back (dates as strings, no undefined). */
function asStored(value: unknown): object | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify({ v: value })) as { v: object }).v;
}

/**
 * A timestamptz as text at the precision PostgreSQL stores it (microseconds),
 * in UTC: what hash version 2 covers. Text in, same text out: '…T18:08:15.123456Z'
 * cast to timestamptz and formatted with this gives back the same characters.
 */
const storedTime = (sql: string): string => `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface ChainRow {
  seq: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  agency_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  previous_hash: string;
  hash: string;
  hash_version: number;
}

/** Read for verification: the time as stored, not as a JavaScript Date (which would drop the microseconds). */
const CHAIN_COLUMNS = `r.seq::text AS seq, ${storedTime('r.occurred_at')} AS occurred_at, r.actor_id, r.actor_label, r.agency_id, r.action,
  r.entity_type, r.entity_id, r.before, r.after, r.reason, r.previous_hash, r.hash, r.hash_version`;

function toChained(row: ChainRow): ChainedRecord {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at,
    hashVersion: row.hash_version as HashVersion,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    agencyId: row.agency_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    reason: row.reason,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

const toJsonb = (value: object | null): string | null => (value === null ? null : JSON.stringify(value));

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
    await manager.query('SELECT pg_advisory_xact_lock($1)', [TRAIL_LOCK_KEY]);
    // The time comes from PostgreSQL as the text it will store, so the hash (version 2) covers every stored digit.
    const [state] = (await manager.query(
      `SELECT h.seq::text AS seq, h.hash, ${storedTime('clock_timestamp()')} AS now
       FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT r.seq, r.hash FROM activity_record r ORDER BY r.seq DESC LIMIT 1) h ON true`,
    )) as { seq: string | null; hash: string | null; now: string }[];
    const previousHash = state.hash ?? GENESIS_HASH;
    const seq = (BigInt(state.seq ?? '0') + 1n).toString();
    const content = {
      seq,
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
    const hash = chainHash(sha256Hex, previousHash, content);
    await manager.query(
      `INSERT INTO activity_record (seq, occurred_at, agency_id, actor_id, actor_label, action, entity_type, entity_id, before, after, reason, previous_hash, hash, hash_version)
       VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14)`,
      [seq, state.now, content.agencyId, content.actorId, content.actorLabel, content.action, content.entityType, content.entityId,
        toJsonb(content.before), toJsonb(content.after), content.reason, previousHash, hash, CURRENT_HASH_VERSION],
    );
    return manager.create(ActivityRecord, { ...content, occurredAt: new Date(state.now), previousHash, hash });
  }

  /**
   * Takes the append lock in the caller's transaction and returns the head:
   * nothing can be appended until that transaction ends (the checkpoint writer
   * signs the head it read and records it before anyone moves it).
   */
  async lockedHead(manager: EntityManager): Promise<{ seq: string; hash: string; action: string | null }> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('TrailService.lockedHead must run inside a transaction');
    await manager.query('SELECT pg_advisory_xact_lock($1)', [TRAIL_LOCK_KEY]);
    const rows = (await manager.query('SELECT r.seq::text AS seq, r.hash, r.action FROM activity_record r ORDER BY r.seq DESC LIMIT 1')) as {
      seq: string;
      hash: string;
      action: string;
    }[];
    return rows[0] ?? { seq: '0', hash: GENESIS_HASH, action: null };
  }

  /** Runs `work` in a new transaction and appends its trail entries in that same transaction. */
  async record<T>(work: (manager: EntityManager) => Promise<{ result: T; entries: TrailEntry[] }>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const { result, entries } = await work(manager);
      for (const entry of entries) await this.append(manager, entry);
      return result;
    });
  }

  /** A keyset page of the agency's records, newest first, filtered (see listTrailPage). */
  list(agencyId: string, filters: TrailFilterSet, page: TrailPageQuery = {}): Promise<TrailPage> {
    return listTrailPage(this.dataSource, agencyId, filters, page, toView);
  }

  async head(manager: EntityManager = this.dataSource.manager): Promise<{ seq: string; hash: string }> {
    const rows = (await manager.query('SELECT r.seq::text AS seq, r.hash FROM activity_record r ORDER BY r.seq DESC LIMIT 1')) as {
      seq: string;
      hash: string;
    }[];
    return rows[0] ?? { seq: '0', hash: GENESIS_HASH };
  }

  /**
   * Walks the whole chain in seq order, in batches, recomputing every hash,
   * then holds it against every signed checkpoint (README, Trail checkpoints).
   * `upToSeq` verifies a prefix (used by exports, which cover a snapshot);
   * checkpoints beyond it are left out.
   */
  async verify(options: { upToSeq?: string; batchSize?: number; onProgress?: (checked: number) => void | Promise<void> } = {}): Promise<TrailVerification> {
    const batchSize = options.batchSize ?? 2000;
    const checkpoints = await CheckpointCheck.load(this.config ?? null, options.upToSeq);
    let checkpoint: ChainCheckpoint = { headHash: GENESIS_HASH, lastSeq: '0', count: 0 };
    let broken: { seq: string; problem: string } | null = null;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT ${CHAIN_COLUMNS} FROM activity_record r
         WHERE r.seq > $1 AND ($2::bigint IS NULL OR r.seq <= $2::bigint) ORDER BY r.seq ASC LIMIT $3`,
        [checkpoint.lastSeq, options.upToSeq ?? null, batchSize],
      )) as ChainRow[];
      if (rows.length === 0) break;
      const records = rows.map(toChained);
      const outcome = verifyChainSegment(sha256Hex, checkpoint, records);
      // Only records that verified can vouch for a checkpoint or record one.
      const verifiedUpTo = BigInt(outcome.checkpoint.lastSeq);
      for (const record of records) {
        if (BigInt(record.seq) > verifiedUpTo) break;
        checkpoints.sawRecord(record.seq, record.hash, record.action === TRAIL_CHECKPOINT_ACTION ? record.after : undefined);
      }
      checkpoint = outcome.checkpoint;
      if (!outcome.ok) {
        broken = outcome.broken;
        break;
      }
      await options.onProgress?.(checkpoint.count);
      if (rows.length < batchSize) break;
    }
    const report = checkpoints.judge({ intactUpToSeq: checkpoint.lastSeq, broken: broken !== null });
    const first = report.first;
    return {
      intact: broken === null && report.problems.length === 0,
      count: checkpoint.count,
      headHash: checkpoint.headHash,
      brokenAtSeq: broken?.seq ?? first?.seq ?? null,
      problem: broken?.problem ?? first?.message ?? null,
      verifiedAt: new Date().toISOString(),
      checkpoints: report.summary,
    };
  }
}
