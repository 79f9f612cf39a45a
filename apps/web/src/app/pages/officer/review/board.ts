import {
  BOARD_SORTS,
  type BoardQuery,
  type BoardReviewerView,
  type BoardRowView,
  type BoardSort,
} from '@mizan/contracts';
import type { ApplicationState, AssignmentStatus } from '@mizan/domain';
import type { IconName } from '../../../core/icons/icons';

/** The states an application can have on the board (every one past screening). */
export const BOARD_STATES = [
  'eligible',
  'in_review',
  'approved',
  'rejected',
  'reserve',
] as const satisfies readonly ApplicationState[];
export type BoardState = (typeof BOARD_STATES)[number];

export type SortDirection = 'asc' | 'desc';

/** What the officer has chosen to see on the board; kept in the page's query string. */
export interface BoardFilter {
  sort: BoardSort;
  direction: SortDirection;
  disagreement: boolean;
  line: 'above' | 'below' | null;
  state: BoardState | null;
}

export const DEFAULT_BOARD_FILTER: BoardFilter = {
  sort: 'rank',
  direction: 'asc',
  disagreement: false,
  line: null,
  state: null,
};

/** The direction the api uses for a sort when none is given. */
export function defaultDirection(sort: BoardSort): SortDirection {
  return sort === 'rank' || sort === 'title' || sort === 'submitted'
    ? 'asc'
    : 'desc';
}

/** Query-string values (possibly hand-edited) → a valid filter; anything unknown falls back to the default. */
export function boardFilterFromParams(params: {
  sort?: string | null;
  dir?: string | null;
  disagreement?: string | null;
  line?: string | null;
  state?: string | null;
}): BoardFilter {
  const sort = (BOARD_SORTS as readonly string[]).includes(params.sort ?? '')
    ? (params.sort as BoardSort)
    : DEFAULT_BOARD_FILTER.sort;
  const direction =
    params.dir === 'asc' || params.dir === 'desc'
      ? params.dir
      : defaultDirection(sort);
  return {
    sort,
    direction,
    disagreement: params.disagreement === 'true',
    line:
      params.line === 'above' || params.line === 'below' ? params.line : null,
    state: (BOARD_STATES as readonly string[]).includes(params.state ?? '')
      ? (params.state as BoardState)
      : null,
  };
}

/** A filter → the page's query parameters; defaults are null so they leave the URL. */
export function boardFilterParams(
  filter: BoardFilter,
): Record<string, string | null> {
  const sortIsDefault = filter.sort === DEFAULT_BOARD_FILTER.sort;
  return {
    sort: sortIsDefault ? null : filter.sort,
    dir:
      filter.direction === defaultDirection(filter.sort)
        ? null
        : filter.direction,
    disagreement: filter.disagreement ? 'true' : null,
    line: filter.line,
    state: filter.state,
  };
}

/** A filter → the api's board query (the XLSX export takes the same). */
export function boardQuery(filter: BoardFilter): BoardQuery {
  const query: BoardQuery = { sort: filter.sort, direction: filter.direction };
  if (filter.disagreement) query.disagreement = 'true';
  if (filter.line) query.line = filter.line;
  if (filter.state) query.state = filter.state;
  return query;
}

export function isFiltered(filter: BoardFilter): boolean {
  return filter.disagreement || filter.line !== null || filter.state !== null;
}

/**
 * Where the funding line is drawn: the index of the row it goes before
 * (rows.length: after the last row), or null when it cannot be drawn.
 *
 * The api's line is strict: ranked applications above it come first in rank
 * order, then every other ranked one; unranked rows always come last. So the
 * line is a single boundary only while the board is in rank order. Ascending,
 * it falls after the last row above; descending (weakest first), before the
 * first row above. No ranked row: nothing to draw.
 */
export function fundingLinePosition(
  rows: readonly Pick<BoardRowView, 'rank' | 'aboveFundingLine'>[],
  sort: BoardSort,
  direction: SortDirection,
  aboveCount?: number,
): number | null {
  if (sort !== 'rank') return null;
  const ranked = rows.filter((r) => r.rank !== null).length;
  if (ranked === 0) return null;
  const boundary = rows
    .slice(0, ranked)
    .findIndex((r) =>
      direction === 'asc' ? !r.aboveFundingLine : r.aboveFundingLine,
    );
  const position = boundary === -1 ? ranked : boundary;
  if (aboveCount === undefined) return position;
  // One page of the board (keyset pages): the line is drawn only on the page where it falls, beside the
  // application ranked last above it (aboveCount) or first below it (aboveCount + 1).
  const after = rows[position - 1]?.rank ?? null;
  const before = position < ranked ? rows[position].rank : null;
  const edge = direction === 'asc' ? [aboveCount, aboveCount + 1] : [aboveCount + 1, aboveCount];
  return after === edge[0] || before === edge[1] ? position : null;
}

export type BoardItem =
  | { kind: 'row'; row: BoardRowView; index: number }
  | { kind: 'line' };

/** The rows with the funding line put in at `position`: what the table draws. */
export function boardItems(
  rows: readonly BoardRowView[],
  position: number | null,
): BoardItem[] {
  const items: BoardItem[] = rows.map((row, index) => ({
    kind: 'row',
    row,
    index,
  }));
  if (position !== null && position >= 0 && position <= rows.length) {
    items.splice(position, 0, { kind: 'line' });
  }
  return items;
}

/** How an assignment's status is drawn: an icon beside the text, never colour alone. */
export function assignmentIcon(status: AssignmentStatus): IconName {
  switch (status) {
    case 'submitted':
      return 'check_circle';
    case 'in_progress':
      return 'edit';
    case 'declared':
      return 'verified';
    case 'conflict':
      return 'block';
    case 'reassigned':
      return 'swap_horiz';
    case 'closed':
      return 'lock';
    default:
      return 'schedule';
  }
}

export function assignmentTone(
  status: AssignmentStatus,
): 'good' | 'warn' | 'bad' | 'info' | 'neutral' {
  switch (status) {
    case 'submitted':
      return 'good';
    case 'conflict':
      return 'bad';
    case 'in_progress':
    case 'declared':
      return 'info';
    default:
      return 'neutral';
  }
}

/** Submitted reviews first, then the rest in the order they were assigned. */
export function orderedReviewers(
  reviewers: readonly BoardReviewerView[],
): BoardReviewerView[] {
  return reviewers
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        Number(b.r.status === 'submitted') -
          Number(a.r.status === 'submitted') || a.i - b.i,
    )
    .map((x) => x.r);
}

/**
 * Wraps text put into a translated sentence (an amount, a name) in Unicode
 * isolates, so "SEK 400,000.00." keeps its full stop at the end in Arabic.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** "1.50" style: scores are exact hundredths, shown with two decimals in the locale. */
export function formatScore(score: number | null, locale: string): string {
  if (score === null) return '—';
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(score);
}

/**
 * Threshold text typed by an officer → points with at most two decimals from
 * 0 to 5, or null. A decimal comma and Arabic-Indic digits are read too.
 */
export function parseThreshold(text: string): number | null {
  const trimmed = text
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[,\u066B]/, '.');
  if (!/^\d(\.\d{1,2})?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 0 && value <= 5 ? value : null;
}
