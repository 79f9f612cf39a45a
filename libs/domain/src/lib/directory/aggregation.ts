/**
 * The privacy rule of the directory's map and charts (issue 15): no published group counts fewer than
 * `minCell` people (5). Groups below are merged into `other`; when `other` itself stays below, the smallest
 * published group joins it; when nothing reaches the threshold, everything is suppressed.
 */
export const AGGREGATE_OTHER = 'other';

export interface AggregateCell {
  key: string;
  count: number;
}

export interface AggregateResult {
  cells: AggregateCell[];
  /** 0 when everyone is in a published cell; null when some people were suppressed (their number is not published). */
  suppressed: 0 | null;
  total: number;
}

export function aggregateWithThreshold(groups: readonly AggregateCell[], minCell = 5): AggregateResult {
  const merged = new Map<string, number>();
  for (const g of groups) {
    if (!Number.isSafeInteger(g.count) || g.count <= 0) continue;
    merged.set(g.key, (merged.get(g.key) ?? 0) + g.count);
  }
  let other = merged.get(AGGREGATE_OTHER) ?? 0;
  merged.delete(AGGREGATE_OTHER);
  const big: AggregateCell[] = [];
  for (const [key, count] of merged) {
    if (count >= minCell) big.push({ key, count });
    else other += count;
  }
  big.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let suppressed: 0 | null = 0;
  if (other > 0 && other < minCell) {
    const smallest = big.pop();
    if (smallest) other += smallest.count;
    else {
      other = 0;
      suppressed = null;
    }
  }
  const cells = other > 0 ? [...big, { key: AGGREGATE_OTHER, count: other }] : big;
  return { cells, suppressed, total: cells.reduce((sum, c) => sum + c.count, 0) };
}
