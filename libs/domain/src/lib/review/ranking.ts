/**
 * Ranking and the funding line of a call (DESIGN.md, step 4).
 */

export interface RankCandidate {
  /** Mean weighted score in hundredths (345 = 3.45); null while no review is submitted. */
  meanHundredths: number | null;
  /** ISO instant of submission; earlier wins a tie. */
  submittedAt: string | null;
  /** Receipt number (MZ-2027-000123): issued in order, so it settles what the clock cannot. */
  receiptNumber: string | null;
}

function compareNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function instantOf(text: string | null): number | null {
  if (text === null) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}

/**
 * Highest mean first. Ties — on the mean as shown, to the hundredth — go to
 * the application submitted first, then to the lower receipt number; what is
 * still equal keeps its input order (the sort is stable). Applications
 * without a score come last, in the same tie order.
 */
export function rankApplications<T extends RankCandidate>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((x, y) => {
      const a = x.item;
      const b = y.item;
      if (a.meanHundredths !== b.meanHundredths) {
        if (a.meanHundredths === null) return 1;
        if (b.meanHundredths === null) return -1;
        return b.meanHundredths - a.meanHundredths;
      }
      const ta = instantOf(a.submittedAt);
      const tb = instantOf(b.submittedAt);
      if (ta !== tb) {
        if (ta === null) return 1;
        if (tb === null) return -1;
        return ta - tb;
      }
      return compareNullableText(a.receiptNumber, b.receiptNumber) || x.index - y.index;
    })
    .map((entry) => entry.item);
}

export interface FundingLineItem {
  requestedMinor: bigint;
}

export interface FundingLinePosition<T> {
  item: T;
  /** Requested amounts of this and every application ranked above it. */
  cumulativeMinor: bigint;
  aboveLine: boolean;
}

export interface FundingLine<T> {
  positions: FundingLinePosition<T>[];
  /** How many applications are above the line (they are the first ones). */
  aboveCount: number;
  /** Their requested amounts together: never more than the envelope. */
  fundedMinor: bigint;
  remainingMinor: bigint;
}

/**
 * Walks the ranking adding requested amounts; an application is above the
 * line only while the running sum stays within the envelope. The line is
 * STRICT: it is drawn at the first application that does not fit, and every
 * application below it stays below, even a smaller one that would fit in
 * what is left. Skipping down the list would fund a weaker proposal ahead of
 * a stronger one that merely asked for more; what is left of the envelope is
 * shown instead, for the officers to decide (a reduced grant, the reserve list).
 */
export function fundingLine<T extends FundingLineItem>(ranked: readonly T[], envelopeMinor: bigint): FundingLine<T> {
  if (envelopeMinor < 0n) throw new RangeError('An envelope cannot be negative');
  let cumulative = 0n;
  let open = true;
  let fundedMinor = 0n;
  let aboveCount = 0;
  const positions = ranked.map((item) => {
    if (item.requestedMinor < 0n) throw new RangeError('A requested amount cannot be negative');
    cumulative += item.requestedMinor;
    const aboveLine = open && cumulative <= envelopeMinor;
    if (aboveLine) {
      fundedMinor = cumulative;
      aboveCount += 1;
    } else {
      open = false;
    }
    return { item, cumulativeMinor: cumulative, aboveLine };
  });
  return { positions, aboveCount, fundedMinor, remainingMinor: envelopeMinor - fundedMinor };
}
