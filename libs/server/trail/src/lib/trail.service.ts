import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ChainCheckpoint,
  ChainedRecord,
  GENESIS_HASH,
  chainHash,
  verifyChainSegment,
} from '@mizan/domain';
import type { ActivityRecordView, Page, TrailVerification } from '@mizan/contracts';
import { ActivityRecord } from './activity-record.entity';
import { sha256Hex } from './sha256';

/** Who did it: a signed-in user, or Mizan itself (seeding, jobs). */
export interface TrailActor {
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: TrailActor = { id: null, label: 'system' };

export interface TrailEntry {
  actor: TrailActor;
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface TrailFilter {
  actor?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/**
 * Every writer takes this transaction-scoped advisory lock before reading the
 * head, so concurrent transactions append one after another and the chain
 * never forks. The lock is released at commit or rollback.
 */
const TRAIL_LOCK_KEY = 7_331_001;

/** JSON round trip: what PostgreSQL's jsonb will give back (dates as strings, no undefined). */
function asStored(value: unknown): object | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify({ v: value })) as { v: object }).v;
}

function toChained(row: ActivityRecord): ChainedRecord {
  return {
    seq: String(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    agencyId: row.agencyId,
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const head = (await manager.query('SELECT r.seq::text AS seq, r.hash FROM activity_record r ORDER BY r.seq DESC LIMIT 1')) as {
      seq: string;
      hash: string;
    }[];
    const previousHash = head[0]?.hash ?? GENESIS_HASH;
    const seq = (BigInt(head[0]?.seq ?? '0') + 1n).toString();
    const occurredAt = new Date();
    const content = {
      seq,
      occurredAt: occurredAt.toISOString(),
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
    const record = manager.create(ActivityRecord, {
      ...content,
      occurredAt,
      previousHash,
      hash: chainHash(sha256Hex, previousHash, content),
    });
    await manager.insert(ActivityRecord, record);
    return record;
  }

  /** Runs `work` in a new transaction and appends its trail entries in that same transaction. */
  async record<T>(work: (manager: EntityManager) => Promise<{ result: T; entries: TrailEntry[] }>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const { result, entries } = await work(manager);
      for (const entry of entries) await this.append(manager, entry);
      return result;
    });
  }

  async list(agencyId: string, filter: TrailFilter): Promise<Page<ActivityRecordView>> {
    const qb = this.dataSource
      .getRepository(ActivityRecord)
      .createQueryBuilder('r')
      .where('r.agency_id = :agencyId', { agencyId });
    if (filter.actor) qb.andWhere('r.actor_label ILIKE :actor', { actor: `%${escapeLike(filter.actor)}%` });
    if (filter.entityType) qb.andWhere('r.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('r.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.from) qb.andWhere('r.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('r.occurred_at <= :to', { to: filter.to });
    const [rows, total] = await qb
      .orderBy('r.seq', 'DESC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: rows.map(toView), page: filter.page, pageSize: filter.pageSize, total };
  }

  async head(manager: EntityManager = this.dataSource.manager): Promise<{ seq: string; hash: string }> {
    const rows = (await manager.query('SELECT r.seq::text AS seq, r.hash FROM activity_record r ORDER BY r.seq DESC LIMIT 1')) as {
      seq: string;
      hash: string;
    }[];
    return rows[0] ?? { seq: '0', hash: GENESIS_HASH };
  }

  /**
   * Walks the whole chain in seq order, in batches, recomputing every hash.
   * `upToSeq` verifies a prefix (used by exports, which cover a snapshot).
   */
  async verify(options: { upToSeq?: string; batchSize?: number; onProgress?: (checked: number) => void | Promise<void> } = {}): Promise<TrailVerification> {
    const batchSize = options.batchSize ?? 2000;
    let checkpoint: ChainCheckpoint = { headHash: GENESIS_HASH, lastSeq: '0', count: 0 };
    const repo = this.dataSource.getRepository(ActivityRecord);
    for (;;) {
      const qb = repo.createQueryBuilder('r').where('r.seq > :after', { after: checkpoint.lastSeq });
      if (options.upToSeq) qb.andWhere('r.seq <= :upTo', { upTo: options.upToSeq });
      const rows = await qb.orderBy('r.seq', 'ASC').take(batchSize).getMany();
      if (rows.length === 0) break;
      const outcome = verifyChainSegment(sha256Hex, checkpoint, rows.map(toChained));
      if (!outcome.ok) {
        return {
          intact: false,
          count: outcome.checkpoint.count,
          headHash: outcome.checkpoint.headHash,
          brokenAtSeq: outcome.broken.seq,
          problem: outcome.broken.problem,
          verifiedAt: new Date().toISOString(),
        };
      }
      checkpoint = outcome.checkpoint;
      await options.onProgress?.(checkpoint.count);
      if (rows.length < batchSize) break;
    }
    return {
      intact: true,
      count: checkpoint.count,
      headHash: checkpoint.headHash,
      brokenAtSeq: null,
      problem: null,
      verifiedAt: new Date().toISOString(),
    };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
