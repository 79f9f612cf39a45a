import type { ScreeningQueueItem, ScreeningQueueSort, ScreeningQueueSummary } from '@mizan/contracts';
import {
  ACTION_ACTOR,
  allowedActions,
  type ApplicationAction,
  type ApplicationState,
} from '@mizan/domain';
import { ddStanding, eligibilityCount } from '../shared/status';

/** The states of the screening desk, in the order work moves through them. */
export const QUEUE_STATES = [
  'submitted',
  'resubmitted',
  'screening',
  'returned',
  'eligible',
  'ineligible',
] as const satisfies readonly ApplicationState[];
export type QueueState = (typeof QUEUE_STATES)[number];

export type QueueFilter = QueueState | 'all';

export function isQueueState(value: unknown): value is QueueState {
  return (QUEUE_STATES as readonly unknown[]).includes(value);
}

export interface QueueSummary {
  total: number;
  byState: { state: QueueState; count: number }[];
  passing: number;
  failing: number;
  ddProblems: number;
}

/** The api's counts (GET …/screening/summary) as the chart draws them: every desk state, in work order. */
export function queueSummaryOf(summary: ScreeningQueueSummary): QueueSummary {
  return {
    total: summary.total,
    byState: QUEUE_STATES.map((state) => ({
      state,
      count: summary.byState.find((s) => s.state === state)?.count ?? 0,
    })),
    passing: summary.passing,
    failing: summary.failing,
    ddProblems: summary.ddProblems,
  };
}

/** The columns the api sorts by (each a keyset over an index); the others are not sortable. */
export const SERVER_SORTS: Partial<Record<QueueColumn, ScreeningQueueSort>> = {
  receipt: 'receipt',
  organization: 'organization',
  title: 'title',
  requested: 'requested',
  submitted: 'submitted',
};

/** What the chart above the queue shows: how many in each state, how many pass every rule. */
export function summarizeQueue(items: readonly ScreeningQueueItem[]): QueueSummary {
  const byState = QUEUE_STATES.map((state) => ({
    state,
    count: items.filter((i) => i.state === state).length,
  }));
  const failing = items.filter((i) => eligibilityCount(i.eligibility).failed > 0).length;
  const ddProblems = items.filter((i) => {
    const standing = ddStanding(i.dueDiligence);
    return standing === 'expired' || standing === 'rejected';
  }).length;
  return {
    total: items.length,
    byState,
    passing: items.length - failing,
    failing,
    ddProblems,
  };
}

export type QueueColumn =
  | 'receipt'
  | 'organization'
  | 'title'
  | 'requested'
  | 'submitted'
  | 'state'
  | 'eligibility'
  | 'dueDiligence'
  | 'governorates';

const DD_ORDER = ['expired', 'rejected', 'pending', 'conditional', 'cleared'];

/** The value a column sorts by; money compares as whole minor units. */
export function sortKey(item: ScreeningQueueItem, column: QueueColumn): string | number | bigint {
  switch (column) {
    case 'receipt':
      return item.receiptNumber ?? '';
    case 'organization':
      return item.organizationName.toLocaleLowerCase();
    case 'title':
      return item.title.toLocaleLowerCase();
    case 'requested':
      return /^\d+$/.test(item.requestedMinor) ? BigInt(item.requestedMinor) : 0n;
    case 'submitted':
      return item.submittedAt ?? '';
    case 'state':
      return QUEUE_STATES.indexOf(item.state as QueueState);
    case 'eligibility':
      return eligibilityCount(item.eligibility).failed;
    case 'dueDiligence':
      return DD_ORDER.indexOf(ddStanding(item.dueDiligence));
    case 'governorates':
      return [...item.partnerGovernorates].sort().join(',');
  }
}

export function isQueueColumn(value: string): value is QueueColumn {
  return [
    'receipt',
    'organization',
    'title',
    'requested',
    'submitted',
    'state',
    'eligibility',
    'dueDiligence',
    'governorates',
  ].includes(value);
}

/** Filtered by state and sorted by a column; ties keep the api's order. */
export function queueRows(
  items: readonly ScreeningQueueItem[],
  filter: QueueFilter,
  column: string,
  direction: 'asc' | 'desc' | '',
): ScreeningQueueItem[] {
  const filtered = filter === 'all' ? [...items] : items.filter((i) => i.state === filter);
  if (direction === '' || !isQueueColumn(column)) return filtered;
  const sign = direction === 'asc' ? 1 : -1;
  return filtered
    .map((item, index) => ({ item, index, key: sortKey(item, column) }))
    .sort((a, b) => {
      if (a.key < b.key) return -sign;
      if (a.key > b.key) return sign;
      return a.index - b.index;
    })
    .map((entry) => entry.item);
}

/** The screening actions an officer may take on an application in `state`. */
export function officerActions(state: ApplicationState): ApplicationAction[] {
  return allowedActions(state).filter((a) => ACTION_ACTOR[a] === 'officer');
}
