import type {
  AmountGroupView,
  CallReviewerView,
  ScoreBinView,
} from '@mizan/contracts';

/*
 * Scaling for the review desk's charts: plain HTML bars whose length is a
 * share of the largest value shown. Amounts are minor units as strings; the
 * share is computed in bigint so a large envelope loses nothing on the way.
 */

/** `value` as a percentage of `max`, one decimal; a value above zero never draws as nothing. */
const ZERO = BigInt(0);
const THOUSAND = BigInt(1000);

export function shareOf(value: bigint | number, max: bigint | number): number {
  const v = BigInt(value);
  const m = BigInt(max);
  if (v <= ZERO || m <= ZERO) return 0;
  if (v >= m) return 100;
  const tenths = Number((v * THOUSAND) / m);
  return Math.max(1, tenths / 10);
}

export interface HistogramBar {
  from: number;
  to: number;
  applications: number;
  reviews: number;
  applicationsPct: number;
  reviewsPct: number;
}

export interface Histogram {
  bars: HistogramBar[];
  /** The largest count in any bin, for the axis. */
  max: number;
  applications: number;
  reviews: number;
}

/** Both series share one scale so their heights compare. */
export function histogram(bins: readonly ScoreBinView[]): Histogram {
  const max = Math.max(0, ...bins.flatMap((b) => [b.applications, b.reviews]));
  return {
    bars: bins.map((b) => ({
      ...b,
      applicationsPct: shareOf(b.applications, max),
      reviewsPct: shareOf(b.reviews, max),
    })),
    max,
    applications: bins.reduce((n, b) => n + b.applications, 0),
    reviews: bins.reduce((n, b) => n + b.reviews, 0),
  };
}

export interface AmountBar extends AmountGroupView {
  requestedPct: number;
  approvedPct: number;
}

/** Requested and approved per group, on one scale: the largest amount of either. */
export function amountBars(groups: readonly AmountGroupView[]): AmountBar[] {
  const max = groups.reduce((m, g) => {
    const r = BigInt(g.requestedMinor);
    const a = BigInt(g.approvedMinor);
    return [m, r, a].reduce((x, y) => (y > x ? y : x));
  }, ZERO);
  return groups.map((g) => ({
    ...g,
    requestedPct: shareOf(BigInt(g.requestedMinor), max),
    approvedPct: shareOf(BigInt(g.approvedMinor), max),
  }));
}

export const LOAD_PARTS = [
  'submitted',
  'inProgress',
  'declared',
  'assigned',
  'conflicts',
] as const;
export type LoadPart = (typeof LOAD_PARTS)[number];

export interface LoadSegment {
  part: LoadPart;
  count: number;
  pct: number;
}

export interface ReviewerLoad {
  reviewer: CallReviewerView;
  segments: LoadSegment[];
  /** Everything ever assigned in the call: live load plus declared conflicts. */
  total: number;
  /** Share of the live load already submitted, whole percent. */
  donePct: number;
}

/**
 * Each reviewer's work as a stacked bar: done first, then in progress, then
 * what waits, and conflicts (no longer theirs) at the end. One scale for all
 * reviewers, so the longest bar is the heaviest load.
 */
export function reviewerLoads(
  reviewers: readonly CallReviewerView[],
): ReviewerLoad[] {
  const totalOf = (r: CallReviewerView) => r.load + r.conflicts;
  const max = Math.max(0, ...reviewers.map(totalOf));
  return reviewers.map((reviewer) => ({
    reviewer,
    total: totalOf(reviewer),
    donePct:
      reviewer.load === 0
        ? 0
        : Math.round((reviewer.submitted / reviewer.load) * 100),
    segments: LOAD_PARTS.map((part) => ({
      part,
      count: reviewer[part],
      pct: max === 0 ? 0 : (reviewer[part] / max) * 100,
    })).filter((s) => s.count > 0),
  }));
}

/** Loads shown lightest first, so the next reviewer to pick is at the top; ties by name. */
export function byLoad<T extends { load: number; name: string }>(
  reviewers: readonly T[],
): T[] {
  return [...reviewers].sort(
    (a, b) => a.load - b.load || a.name.localeCompare(b.name),
  );
}
