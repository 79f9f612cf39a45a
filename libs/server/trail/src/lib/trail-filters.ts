import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ErrorCode, type ActivityRecordView, type TrailFilterSet, type TrailPage } from '@mizan/contracts';
import { KeysetColumn, MizanException, keysetTimestampSql, namedKeysetCondition, readKeysetPage } from '@mizan/server/core';
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
  const { from, to } = trailBounds(filters);
  if (filters.actor && UUID.test(filters.actor)) qb.andWhere('r.actor_id = :actorId', { actorId: filters.actor.toLowerCase() });
  else if (filters.actor) qb.andWhere('r.actor_label ILIKE :actor', { actor: `%${escapeLike(filters.actor)}%` });
  if (filters.action) qb.andWhere('r.action = :action', { action: filters.action });
  if (filters.entityType) qb.andWhere('r.entity_type = :entityType', { entityType: filters.entityType });
  if (filters.entityId) qb.andWhere('r.entity_id = :entityId', { entityId: filters.entityId });
  if (from) qb.andWhere('r.occurred_at >= :from', { from });
  if (to) qb.andWhere('r.occurred_at <= :to', { to });
  return qb;
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

/**
 * A keyset page of the agency's records, newest first (seq DESC; by stored time then seq when a date window is
 * given), with the filters (applyTrailFilters): a deep page seeks like the first one, the count stops at
 * KEYSET_COUNT_CAP, and the display names are looked up for the page's records only.
 */
export async function listTrailPage(
  dataSource: DataSource,
  agencyId: string,
  filters: TrailFilterSet,
  page: TrailPageQuery,
  toView: (row: ActivityRecord) => ActivityRecordView,
): Promise<TrailPage> {
  const base = () => applyTrailFilters(dataSource.getRepository(ActivityRecord).createQueryBuilder('r').where('r.agency_id = :agencyId', { agencyId }), filters);
  const byTime = Boolean(filters.from || filters.to);
  const direction = page.before !== undefined ? 'ASC' : 'DESC';
  const result = await readKeysetPage<ActivityRecord & { cursorAt?: string }, ActivityRecordView>({
    columns: byTime ? TRAIL_WINDOW_ORDER : TRAIL_LIST_ORDER,
    query: page,
    firstParam: 1,
    select: async (condition, _order, limit, params) => {
      const keyset = namedKeysetCondition(condition, params, 1);
      // The page's seqs first, from the filter's index alone (an index-only scan), then their rows. Asked for whole
      // rows in seq order, the planner walks the primary key from the newest record and filters, expecting a common
      // action to be among the newest: when it is not, that read half a million records at scale 10.
      const seqs = base().select('r.seq').andWhere(keyset.sql, keyset.params);
      if (byTime) seqs.orderBy('r.occurred_at', direction).addOrderBy('r.seq', direction);
      else seqs.orderBy('r.seq', direction);
      seqs.limit(limit);
      const page = dataSource
        .getRepository(ActivityRecord)
        .createQueryBuilder('p')
        .where(`p.seq IN (${seqs.getQuery()})`)
        .setParameters(seqs.getParameters());
      if (!byTime) return page.orderBy('p.seq', direction).getMany();
      // The cursor carries the stored time to the microsecond (a Date keeps milliseconds).
      const { entities, raw } = await page
        .addSelect(keysetTimestampSql('p.occurred_at'), 'cursor_at')
        .orderBy('p.occurred_at', direction)
        .addOrderBy('p.seq', direction)
        .getRawAndEntities<{ cursor_at: string }>();
      return entities.map((entity, i) => Object.assign(entity, { cursorAt: raw[i].cursor_at }));
    },
    keyOf: (row) => (byTime ? [row.cursorAt ?? null, String(row.seq)] : [String(row.seq)]),
    toItem: toView,
    count: async (cap) => {
      const [sql, params] = base().select('1').limit(cap + 1).getQueryAndParameters();
      const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) capped`, params)) as { n: number }[];
      return row.n;
    },
  });
  const names = await trailDisplayNames(dataSource.manager, agencyId, result.items);
  return { ...result, names };
}
