import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ErrorCode, type ActivityRecordView, type TrailFilterSet, type TrailPage } from '@mizan/contracts';
import { KeysetColumn, MizanException, cappedCountSql, keysetTimestampSql, readKeysetPage } from '@mizan/server/core';
import { ActivityRecord } from './activity-record.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FILTER_FIELDS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

function parseBound(value: string, field: 'from' | 'to'): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T${field === 'from' ? '00:00:00.000' : '23:59:59.999'}Z` : value);
  if (Number.isNaN(date.getTime())) {
    throw new MizanException(ErrorCode.ValidationFailed, `Invalid ${field}`, [{ field, message: `${field} is not a valid date` }]);
  }
  return date;
}

/**
 * The filters as the trail page, the api and the PDF export apply them: trimmed, empty ones left out, dates checked
 * (400 VALIDATION_FAILED for a date that is not one, or `from` after `to`). What an export stores and prints.
 */
export function normalizeTrailFilters(input: TrailFilterSet | undefined): TrailFilterSet {
  const out: TrailFilterSet = {};
  for (const field of FILTER_FIELDS) {
    const value = input?.[field];
    if (typeof value === 'string' && value.trim() !== '') out[field] = value.trim();
  }
  const { from, to } = trailBounds(out);
  if (from && to && from > to) {
    throw new MizanException(ErrorCode.ValidationFailed, 'from must not be after to', [{ field: 'from', message: 'must not be after to' }]);
  }
  return out;
}

export function trailBounds(filters: TrailFilterSet): { from?: Date; to?: Date } {
  return {
    from: filters.from ? parseBound(filters.from, 'from') : undefined,
    to: filters.to ? parseBound(filters.to, 'to') : undefined,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Adds the filters to a query over `activity_record r` (already limited to one agency). Indexes serving each with
 * the list's order (seq DESC): agency alone ix_activity_record_agency_seq, action ix_activity_record_agency_action,
 * entity type / id ix_activity_record_agency_entity_type / _entity_id, an actor given by id
 * ix_activity_record_agency_actor, dates ix_activity_record_agency_occurred_seq (migration 1765860000000). An actor given
 * as text (part of the label) walks the agency's records newest first until the page is full.
 */
export function applyTrailFilters(qb: SelectQueryBuilder<ActivityRecord>, filters: TrailFilterSet): SelectQueryBuilder<ActivityRecord> {
  for (const c of trailConditions(filters)) qb.andWhere(c.sql.replace('?', `:${c.name}`), { [c.name]: c.value });
  return qb;
}

/** The filters as conditions over `activity_record r`, each with one value (`?`): one list for the query builder and raw SQL. */
function trailConditions(filters: TrailFilterSet): { sql: string; name: string; value: unknown }[] {
  const { from, to } = trailBounds(filters);
  const out: { sql: string; name: string; value: unknown }[] = [];
  if (filters.actor && UUID.test(filters.actor)) out.push({ sql: 'r.actor_id = ?', name: 'actorId', value: filters.actor.toLowerCase() });
  else if (filters.actor) out.push({ sql: 'r.actor_label ILIKE ?', name: 'actor', value: `%${escapeLike(filters.actor)}%` });
  if (filters.action) out.push({ sql: 'r.action = ?', name: 'action', value: filters.action });
  if (filters.entityType) out.push({ sql: 'r.entity_type = ?', name: 'entityType', value: filters.entityType });
  if (filters.entityId) out.push({ sql: 'r.entity_id = ?', name: 'entityId', value: filters.entityId });
  if (from) out.push({ sql: 'r.occurred_at >= ?', name: 'from', value: from });
  if (to) out.push({ sql: 'r.occurred_at <= ?', name: 'to', value: to });
  return out;
}

/** `r.agency_id = $1` and the filters over `activity_record r` as raw SQL with positional parameters from $1. */
function trailWhere(agencyId: string, filters: TrailFilterSet): { where: string; params: unknown[] } {
  const params: unknown[] = [agencyId];
  const parts = ['r.agency_id = $1'];
  for (const c of trailConditions(filters)) {
    params.push(c.value);
    parts.push(c.sql.replace('?', `$${params.length}`));
  }
  return { where: parts.join(' AND '), params };
}

function collectIds(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 6 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into, depth + 1);
  } else if (typeof value === 'object') {
    for (const item of Object.values(value as Record<string, unknown>)) collectIds(item, into, depth + 1);
  }
}

/**
 * Display names of the users the records name — their actors, user entities and any user id in before / after —
 * limited to the reader's agency (an id of another agency's user, or of something that is not a user, stays an id).
 * Only for readers of the trail (`trail.read`: auditor, admin), who see the same names in the users list and on
 * the records' actor labels.
 */
export async function trailDisplayNames(manager: EntityManager, agencyId: string, records: readonly ActivityRecordView[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const r of records) {
    if (r.actorId) ids.add(r.actorId.toLowerCase());
    if (r.entityType === 'user') collectIds(r.entityId, ids);
    collectIds(r.before, ids);
    collectIds(r.after, ids);
  }
  if (ids.size === 0) return {};
  const rows = (await manager.query(`SELECT u.id::text AS id, u.display_name FROM app_user u WHERE u.agency_id = $1 AND u.id = ANY($2::uuid[])`, [
    agencyId,
    [...ids],
  ])) as { id: string; display_name: string }[];
  return Object.fromEntries(rows.map((row) => [row.id, row.display_name]));
}

/** The trail list's order: newest first. */
const TRAIL_LIST_ORDER: KeysetColumn[] = [{ sql: 'r.seq', direction: 'desc', type: 'bigint' }];

/**
 * The order of a list with a date window (`from` / `to`): newest first by the stored time, then seq
 * (ix_activity_record_agency_occurred_seq, migration 1765860000000). Within an agency's chain records are appended
 * under the chain's lock and stamped inside it, so this is the seq order; it lets the page seek to the window's end
 * instead of walking every newer record of the agency (a window a year back: hundreds of thousands of rows).
 */
const TRAIL_WINDOW_ORDER: KeysetColumn[] = [
  { sql: 'r.occurred_at', direction: 'desc', type: 'timestamptz' },
  { sql: 'r.seq', direction: 'desc', type: 'bigint' },
];

/** `?after=` / `?before=` / `?pageSize=` of the trail list. */
export interface TrailPageQuery {
  after?: string;
  before?: string;
  pageSize?: number;
}

/** A record of the list as the page's query returns it. */
interface TrailListRow {
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: object | null;
  after: object | null;
  reason: string | null;
  previous_hash: string;
  hash: string;
  /** The stored time to the microsecond, for the cursor of a list with a date window (a Date keeps milliseconds). */
  cursor_at?: string;
}

function listRowView(row: TrailListRow): ActivityRecordView {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
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
 * A keyset page of the agency's records, newest first (seq DESC; by stored time then seq when a date window is
 * given), with the filters (trailConditions): a deep page seeks like the first one, the count stops at
 * KEYSET_COUNT_CAP, and the display names are looked up for the page's records only. Plain SQL and plain rows: the
 * list is the auditor's most read page, and building entities through the query builder was a third of its cost.
 */
export async function listTrailPage(dataSource: DataSource, agencyId: string, filters: TrailFilterSet, page: TrailPageQuery): Promise<TrailPage> {
  const { where, params } = trailWhere(agencyId, filters);
  const byTime = Boolean(filters.from || filters.to);
  const result = await readKeysetPage<TrailListRow, ActivityRecordView>({
    columns: byTime ? TRAIL_WINDOW_ORDER : TRAIL_LIST_ORDER,
    query: page,
    firstParam: params.length + 1,
    select: async (condition, order, limit, extra) => {
      // The page's seqs first, from the filter's index alone (an index-only scan), then their rows. Asked for whole
      // rows in seq order, the planner walks the primary key from the newest record and filters, expecting a common
      // action to be among the newest: when it is not, that read half a million records at scale 10.
      const sql = `SELECT p.seq::text AS seq, p.occurred_at, p.actor_id, p.actor_label, p.action, p.entity_type, p.entity_id, p.before, p.after,
                          p.reason, p.previous_hash, p.hash${byTime ? `, ${keysetTimestampSql('p.occurred_at')} AS cursor_at` : ''}
                     FROM activity_record p
                    WHERE p.seq IN (SELECT r.seq FROM activity_record r WHERE ${where} AND ${condition} ORDER BY ${order} LIMIT ${limit})
                    ORDER BY ${order.replace(/\br\./g, 'p.')}`;
      return (await dataSource.query(sql, [...params, ...extra])) as TrailListRow[];
    },
    keyOf: (row) => (byTime ? [row.cursor_at ?? null, row.seq] : [row.seq]),
    toItem: listRowView,
    count: async (cap) => {
      const [row] = (await dataSource.query(cappedCountSql(`FROM activity_record r WHERE ${where}`, cap), params)) as { n: number }[];
      return row.n;
    },
  });
  const names = await trailDisplayNames(dataSource.manager, agencyId, result.items);
  return { ...result, names };
}
