import type { CallView } from '@mizan/contracts';

/**
 * Where a call stands for the review desk: closed calls are the ones being
 * reviewed (or about to be); open calls may already have screened
 * applications that can get reviewers. Drafts and calls not yet open have
 * nothing to review and are left out.
 */
export type ReviewPhase = 'closed' | 'open';

export interface ReviewCallItem {
  call: CallView;
  phase: ReviewPhase;
}

export function reviewPhase(call: CallView, now: Date): ReviewPhase | null {
  if (call.status !== 'published') return null;
  const opens = Date.parse(call.opensAt);
  const closes = Date.parse(call.closesAt);
  if (Number.isFinite(opens) && opens > now.getTime()) return null;
  return Number.isFinite(closes) && closes <= now.getTime() ? 'closed' : 'open';
}

/**
 * Most relevant first: closed calls, the most recently closed first (their
 * review is the live work), then open calls, the soonest to close first.
 * Ties keep a stable order by title.
 */
export function reviewCalls(
  calls: readonly CallView[],
  now: Date,
): ReviewCallItem[] {
  const items = calls.flatMap((call) => {
    const phase = reviewPhase(call, now);
    return phase ? [{ call, phase }] : [];
  });
  const rank = (phase: ReviewPhase) => (phase === 'closed' ? 0 : 1);
  return items.sort((a, b) => {
    if (a.phase !== b.phase) return rank(a.phase) - rank(b.phase);
    const ca = Date.parse(a.call.closesAt);
    const cb = Date.parse(b.call.closesAt);
    const byClose = a.phase === 'closed' ? cb - ca : ca - cb;
    return byClose || a.call.title.localeCompare(b.call.title);
  });
}
