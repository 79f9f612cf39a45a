import type { DataSource } from 'typeorm';
import type { ChainedRecord, HashVersion } from '@mizan/domain';

/**
 * A timestamptz as text at the precision PostgreSQL stores it (microseconds),
 * in UTC: what hash version 2 covers. Text in, same text out: '…T18:08:15.123456Z'
 * cast to timestamptz and formatted with this gives back the same characters.
 */
export const storedTime = (sql: string): string => `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A trail record as read for verification, every member as stored (CHAIN_COLUMNS). */
export interface ChainRow {
  seq: string;
  chain_seq: string | null;
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
  /** The text the hash covers after the previous hash; the members above are generated from it. */
  body: string;
}

/** Read for verification: the time as stored, not as a JavaScript Date (which would drop the microseconds). */
export const CHAIN_COLUMNS = `r.seq::text AS seq, r.chain_seq::text AS chain_seq, ${storedTime('r.occurred_at')} AS occurred_at, r.actor_id, r.actor_label, r.agency_id, r.action,
  r.entity_type, r.entity_id, r.before, r.after, r.reason, r.previous_hash, r.hash, r.hash_version, r.body`;

/** As hashed: version 3 hashes the record's position in its chain as `seq`. */
export function toChained(row: ChainRow): ChainedRecord {
  return {
    seq: row.chain_seq ?? row.seq,
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

/**
 * Up to `limit` records of the whole trail (every chain) with a deployment-wide seq after `afterSeq`, in seq order,
 * as verification reads them: what the trail-verify benchmark hashes for its raw baseline.
 */
export function readTrailRows(dataSource: DataSource, afterSeq: string, limit: number): Promise<ChainRow[]> {
  return dataSource.query(`SELECT ${CHAIN_COLUMNS} FROM activity_record r WHERE r.seq > $1 ORDER BY r.seq ASC LIMIT $2`, [afterSeq, limit]) as Promise<ChainRow[]>;
}
