import type { TrailFilterSet, TrailQuery } from '@mizan/contracts';
import type { KeysetRequest } from '../../core/ui/keyset-paginator.component';

export interface TrailFilters {
  actor: string;
  /** An exact action code, '' for any. */
  action: string;
  entityType: string;
  entityId: string;
  /** `yyyy-mm-dd` from a date input, in the user's own time zone. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: TrailFilters = {
  actor: '',
  action: '',
  entityType: '',
  entityId: '',
  from: '',
  to: '',
};

function localDay(value: string, endOfDay: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
  ];
  const date = endOfDay
    ? new Date(year, month, day, 23, 59, 59, 999)
    : new Date(year, month, day, 0, 0, 0, 0);
  return date.toISOString();
}

/**
 * The api query for the filters a user typed. Dates are whole days in the user's
 * time zone, sent as exact instants so the server does not have to guess the zone.
 */
export function toTrailQuery(
  filters: TrailFilters,
  page: KeysetRequest,
): TrailQuery {
  const query: TrailQuery = { ...toFilterSet(filters), pageSize: page.pageSize };
  if (page.after) query.after = page.after;
  else if (page.before) query.before = page.before;
  return query;
}

/** The filters as the api takes them — for the list and for an export, which applies the same. */
export function toFilterSet(filters: TrailFilters): TrailFilterSet {
  const query: TrailFilterSet = {};
  const actor = filters.actor.trim();
  const action = filters.action.trim();
  const entityType = filters.entityType.trim();
  const entityId = filters.entityId.trim();
  if (actor) query.actor = actor;
  if (action) query.action = action;
  if (entityType) query.entityType = entityType;
  if (entityId) query.entityId = entityId;
  const from = localDay(filters.from, false);
  const to = localDay(filters.to, true);
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

export function shortHash(hash: string, length = 12): string {
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

export function formatBytes(bytes: number, locale: string): string {
  const units = [
    ['byte', 1],
    ['kilobyte', 1024],
    ['megabyte', 1024 * 1024],
  ] as const;
  const [unit, size] =
    [...units].reverse().find(([, s]) => bytes >= s) ?? units[0];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(bytes / size);
}
