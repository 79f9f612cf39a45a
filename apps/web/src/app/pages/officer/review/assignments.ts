import type { AssignmentView, CallReviewerView } from '@mizan/contracts';
import type { AssignmentStatus } from '@mizan/domain';

const LIVE: readonly AssignmentStatus[] = [
  'assigned',
  'declared',
  'in_progress',
  'submitted',
];
/** What an officer may take a reviewer off (a submitted review stays with the application). */
const REPLACEABLE: readonly AssignmentStatus[] = [
  'assigned',
  'declared',
  'in_progress',
];

export function isLive(a: Pick<AssignmentView, 'status'>): boolean {
  return LIVE.includes(a.status);
}

/** Live assignments first (in the order they were made), then the history: conflicts and removals. */
export function splitAssignments(assignments: readonly AssignmentView[]): {
  live: AssignmentView[];
  history: AssignmentView[];
} {
  return {
    live: assignments.filter(isLive),
    history: assignments.filter((a) => !isLive(a)),
  };
}

export function mayRemove(a: Pick<AssignmentView, 'status'>): boolean {
  return REPLACEABLE.includes(a.status);
}

export interface ReassignSource {
  reviewerId: string;
  reviewerName: string;
  status: AssignmentStatus;
}

/**
 * Whom a reassignment may replace: a live reviewer who has not submitted, or
 * one who declared a conflict and is not back on the application. The history
 * does not say whether a conflict was already replaced, so it stays offered;
 * the api keeps the rules.
 */
export function reassignSources(
  assignments: readonly AssignmentView[],
): ReassignSource[] {
  const liveReviewers = new Set(
    assignments.filter(isLive).map((a) => a.reviewerId),
  );
  const seen = new Set<string>();
  const sources: ReassignSource[] = [];
  for (const a of assignments) {
    const eligible =
      REPLACEABLE.includes(a.status) ||
      (a.status === 'conflict' && !liveReviewers.has(a.reviewerId));
    if (!eligible || seen.has(a.reviewerId)) continue;
    seen.add(a.reviewerId);
    sources.push({
      reviewerId: a.reviewerId,
      reviewerName: a.reviewerName,
      status: a.status,
    });
  }
  return sources;
}

export interface ReviewerChoice {
  reviewer: CallReviewerView;
  /** Why the reviewer cannot be chosen here; null when they can. */
  blocked: 'onIt' | 'conflict' | null;
}

/**
 * The call's reviewers for assigning to one application, lightest load first.
 * Those already on it or who declared a conflict on it are shown but not
 * offered; membership of the applying organizations is only known to the api,
 * which refuses such a choice with its own message.
 */
export function reviewerChoices(
  reviewers: readonly CallReviewerView[],
  assignments: readonly AssignmentView[],
  except: string | null = null,
): ReviewerChoice[] {
  const onIt = new Set(assignments.filter(isLive).map((a) => a.reviewerId));
  const conflicted = new Set(
    assignments.filter((a) => a.status === 'conflict').map((a) => a.reviewerId),
  );
  return [...reviewers]
    .filter((r) => r.reviewerId !== except)
    .sort((a, b) => a.load - b.load || a.name.localeCompare(b.name))
    .map((reviewer) => ({
      reviewer,
      blocked: onIt.has(reviewer.reviewerId)
        ? 'onIt'
        : conflicted.has(reviewer.reviewerId)
          ? 'conflict'
          : null,
    }));
}
