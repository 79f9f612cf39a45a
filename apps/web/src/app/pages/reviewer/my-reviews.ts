import type { MyReviewItem } from '@mizan/contracts';
import type { AssignmentStatus, Recommendation } from '@mizan/domain';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { Tone } from '../../core/ui/tone-badge.component';

/** How the reviewer's list is cut: what still needs them, what is done, what was taken off them. */
export const REVIEW_GROUPS = ['todo', 'submitted', 'withdrawn'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export type ReviewFilter = 'all' | ReviewGroup;
export const REVIEW_FILTERS: readonly ReviewFilter[] = [
  'all',
  ...REVIEW_GROUPS,
];

export function reviewGroupOf(status: AssignmentStatus): ReviewGroup {
  switch (status) {
    case 'submitted':
      return 'submitted';
    case 'conflict':
    case 'reassigned':
    case 'closed':
      return 'withdrawn';
    default:
      return 'todo';
  }
}

export type GroupedReviews = Readonly<Record<ReviewGroup, MyReviewItem[]>>;

/** Keeps the api's order (due date first) inside each group. */
export function groupReviews(items: readonly MyReviewItem[]): GroupedReviews {
  const groups: Record<ReviewGroup, MyReviewItem[]> = {
    todo: [],
    submitted: [],
    withdrawn: [],
  };
  for (const item of items) groups[reviewGroupOf(item.status)].push(item);
  return groups;
}

export interface ReviewProgress {
  submitted: number;
  /** Live assignments: withdrawn ones no longer count. */
  total: number;
  /** 0–100, for a progress bar. */
  percent: number;
  overdue: number;
}

export function reviewProgress(
  items: readonly MyReviewItem[],
  today: string,
): ReviewProgress {
  const live = items.filter((i) => reviewGroupOf(i.status) !== 'withdrawn');
  const submitted = live.filter((i) => i.status === 'submitted').length;
  return {
    submitted,
    total: live.length,
    percent:
      live.length === 0 ? 0 : Math.round((submitted / live.length) * 100),
    overdue: live.filter((i) => dueState(i, today) === 'overdue').length,
  };
}

export type DueState = 'none' | 'upcoming' | 'today' | 'overdue';

/** Only work still to do can be late; `today` is "YYYY-MM-DD" in the reviewer's zone. */
export function dueState(
  item: Pick<MyReviewItem, 'status' | 'dueOn'>,
  today: string,
): DueState {
  if (!item.dueOn || reviewGroupOf(item.status) !== 'todo') return 'none';
  const due = item.dueOn.slice(0, 10);
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return 'upcoming';
}

export function filterReviews(
  grouped: GroupedReviews,
  filter: ReviewFilter,
): { group: ReviewGroup; items: MyReviewItem[] }[] {
  return REVIEW_GROUPS.filter((g) => filter === 'all' || filter === g)
    .map((group) => ({ group, items: grouped[group] }))
    .filter((section) => filter !== 'all' || section.items.length > 0);
}

/** Where the list opens: the work still to do when there is any. */
export function initialFilter(grouped: GroupedReviews): ReviewFilter {
  return grouped.todo.length > 0 ? 'todo' : 'all';
}

const STATUS_TONES: Readonly<Record<AssignmentStatus, Tone>> = {
  assigned: 'warn',
  declared: 'info',
  in_progress: 'info',
  submitted: 'good',
  conflict: 'neutral',
  reassigned: 'neutral',
  closed: 'neutral',
};

export function statusTone(status: AssignmentStatus): Tone {
  return STATUS_TONES[status] ?? 'neutral';
}

export function statusKey(status: AssignmentStatus): TranslationKey {
  return `reviewer.status.${status}`;
}

export function groupKey(group: ReviewFilter): TranslationKey {
  return `reviewer.group.${group}`;
}

export function groupEmptyKey(group: ReviewGroup): TranslationKey {
  return `reviewer.groupEmpty.${group}`;
}

export function recommendationKey(
  recommendation: Recommendation,
): TranslationKey {
  return `reviewer.recommendation.${recommendation}`;
}

/** The card's call to action, by where the reviewer stands. */
export function actionKey(status: AssignmentStatus): TranslationKey {
  switch (status) {
    case 'assigned':
      return 'reviewer.action.declare';
    case 'declared':
      return 'reviewer.action.start';
    case 'in_progress':
      return 'reviewer.action.continue';
    default:
      return 'reviewer.action.view';
  }
}

/** A weighted score (0–5, two decimals) in the reader's digits: "3.45", "٣٫٤٥". */
export function formatScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(score);
}
