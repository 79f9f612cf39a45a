/**
 * Projection of misstatement for monetary-unit sampling (issue 12, docs/audit.md):
 * each sampled item with a misstatement projects it onto the population.
 *  - An item whose book value is at or above the sampling interval was certain to be
 *    picked: its misstatement counts as it is (no projection).
 *  - Any other item stands for one whole interval: its tainting (misstatement ÷ book
 *    value) times the interval.
 * The projected misstatement is the sum, in minor units, rounded half up per item.
 * Pure integer arithmetic (bigint): no float ever touches money.
 */
export interface MisstatementItem {
  /** The item's book value (minor units, > 0). */
  bookMinor: bigint;
  /** What the auditor found wrong in it (minor units, 0 … bookMinor). */
  misstatementMinor: bigint;
}

export interface MisstatementProjection {
  /** Sum of the misstatements found (minor units). */
  knownMinor: bigint;
  /** The projection onto the population (minor units). */
  projectedMinor: bigint;
  /** Items with a misstatement. */
  itemsWithMisstatement: number;
  /** How each item contributed, in the order given. */
  contributions: { bookMinor: bigint; misstatementMinor: bigint; taintingPpm: bigint; projectedMinor: bigint; topStratum: boolean }[];
}

/** a ÷ b rounded half up, for a ≥ 0 and b > 0. */
function divRound(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

export function projectMisstatement(items: readonly MisstatementItem[], intervalMinor: bigint): MisstatementProjection {
  if (intervalMinor <= 0n) throw new RangeError('the sampling interval must be positive');
  let knownMinor = 0n;
  let projectedMinor = 0n;
  let itemsWithMisstatement = 0;
  const contributions: MisstatementProjection['contributions'] = [];
  for (const item of items) {
    if (item.bookMinor <= 0n) throw new RangeError('a sampled item has a positive book value');
    const found = item.misstatementMinor < 0n ? 0n : item.misstatementMinor > item.bookMinor ? item.bookMinor : item.misstatementMinor;
    const topStratum = item.bookMinor >= intervalMinor;
    const projected = found === 0n ? 0n : topStratum ? found : divRound(found * intervalMinor, item.bookMinor);
    if (found > 0n) itemsWithMisstatement += 1;
    knownMinor += found;
    projectedMinor += projected;
    contributions.push({ bookMinor: item.bookMinor, misstatementMinor: found, taintingPpm: divRound(found * 1_000_000n, item.bookMinor), projectedMinor: projected, topStratum });
  }
  return { knownMinor, projectedMinor, itemsWithMisstatement, contributions };
}

/** Coverage of the population by the sample, in basis points (1/100 of a percent), rounded down. */
export function coverageBasisPoints(sampleMinor: bigint, populationMinor: bigint): number {
  if (populationMinor <= 0n) return 0;
  return Number((sampleMinor * 10_000n) / populationMinor);
}
