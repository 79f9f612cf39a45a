import { SamplingProblem } from './sample-size';

/**
 * Reproducible audit sampling (issue 12, docs/audit.md). Pure: the same seed on the
 * same frozen population (in `seq` order) gives the same sample, forever. Therefore the
 * generator and every use of it are fixed here and must never change meaning:
 *
 *  - PRNG: mulberry32 (Tommy Ettinger, public domain) over a uint32 state seeded with the
 *    seed; each step returns a uint32. Never Math.random.
 *  - A uniform integer below a bound: rejection sampling over whole uint32 words (no modulo
 *    bias); a bigint bound uses ceil(bits/32) words, most significant first.
 *  - Simple random sampling without replacement: a partial Fisher–Yates shuffle of the
 *    positions 0..N−1 (step i swaps position i with i + uniform(N − i)); the first n
 *    positions, in the order drawn, are the sample.
 *  - Monetary-unit sampling: systematic selection with probability proportional to size.
 *    Interval J = V ÷ n (exact fraction), random start s ∈ [0, J) drawn as s·n = uniform(V)
 *    (so everything stays in integers scaled by n); the i-th selection point is
 *    (s·n + i·V) ÷ n, i = 0..n−1, and the item whose cumulative range of monetary units
 *    contains it is selected. An item hit twice is selected once. An item of amount ≥ J
 *    spans ≥ one interval and is always selected.
 */

/** mulberry32: a 32-bit state, a uint32 per step. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const TWO_32 = 0x1_0000_0000;

/** A uniform integer in [0, bound), 1 ≤ bound ≤ 2^32, by rejection (no modulo bias). */
export function uniformBelow(next: () => number, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > TWO_32) throw new RangeError(`bound out of range: ${bound}`);
  const limit = TWO_32 - (TWO_32 % bound);
  for (;;) {
    const r = next();
    if (r < limit) return r % bound;
  }
}

/** A uniform bigint in [0, bound), bound ≥ 1, from whole uint32 words, by rejection. */
export function uniformBigBelow(next: () => number, bound: bigint): bigint {
  if (bound < 1n) throw new RangeError('bound must be at least 1');
  let words = 1;
  while (1n << BigInt(32 * words) < bound) words++;
  const range = 1n << BigInt(32 * words);
  const limit = range - (range % bound);
  for (;;) {
    let r = 0n;
    for (let w = 0; w < words; w++) r = (r << 32n) | BigInt(next());
    if (r < limit) return r % bound;
  }
}

/** The seed as stored: decimal text of a uint32. Refuses anything else. */
export function parseSeed(text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffff_ffff) {
    throw new SamplingProblem('seed_invalid', 'seed', 'the seed is a whole number from 0 to 4294967295', { seed: text });
  }
  return Number(text);
}

/**
 * Simple random sampling without replacement: `n` distinct positions of 0..populationCount−1
 * in the order drawn. n = 0 gives none; n > populationCount is refused.
 */
export function simpleRandomSample(seed: number, populationCount: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new SamplingProblem('sample_size_invalid', 'sampleSize', 'the sample size is a whole number', { sampleSize: String(n) });
  if (n > populationCount) {
    throw new SamplingProblem('sample_too_large', 'sampleSize', 'the sample is larger than the population', { sampleSize: String(n), populationCount: String(populationCount) });
  }
  const next = mulberry32(seed);
  const positions = Array.from({ length: populationCount }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = i + uniformBelow(next, populationCount - i);
    const swap = positions[i];
    positions[i] = positions[j];
    positions[j] = swap;
    out.push(positions[i]);
  }
  return out;
}

/**
 * Monetary-unit sampling (systematic PPS) over amounts in population order: the distinct
 * positions selected, in the order of the selection points (= population order). Every
 * amount must be > 0.
 */
export function monetaryUnitSample(seed: number, amounts: readonly bigint[], n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new SamplingProblem('sample_size_invalid', 'sampleSize', 'the sample size is at least 1', { sampleSize: String(n) });
  if (amounts.length === 0) throw new SamplingProblem('population_empty', 'population', 'the population is empty');
  let total = 0n;
  for (const a of amounts) {
    if (a <= 0n) throw new RangeError('every amount must be above zero');
    total += a;
  }
  const N = BigInt(n);
  const next = mulberry32(seed);
  const startScaled = uniformBigBelow(next, total); // s·n, s ∈ [0, V/n)
  const out: number[] = [];
  let item = 0;
  let upperScaled = amounts[0] * N; // cumulative end of the current item, × n
  for (let i = 0n; i < N; i++) {
    const point = startScaled + i * total; // the selection point × n
    while (point >= upperScaled) {
      item++;
      upperScaled += amounts[item] * N;
    }
    if (out[out.length - 1] !== item) out.push(item);
  }
  return out;
}

export interface SamplingItem {
  /** Position in the frozen population (seq order). */
  amountMinor: bigint;
  openFlag: boolean;
}

export type DrawReason = 'random' | 'monetary_unit' | 'open_red_flag' | 'above_value';

export interface DrawnItem {
  /** Index into the population array (seq order). */
  position: number;
  reasons: DrawReason[];
}

/**
 * The whole draw: the statistical selection (simple random or monetary unit) in the order
 * drawn, then the risk-based additions (open red flag, at or above a value) in population
 * order; an item chosen for several reasons appears once with all of them.
 */
export function drawSample(input: {
  seed: number;
  method: 'simple_random' | 'monetary_unit';
  items: readonly SamplingItem[];
  sampleSize: number;
  includeOpenRedFlags: boolean;
  includeAboveMinor: bigint | null;
}): DrawnItem[] {
  if (input.items.length === 0) throw new SamplingProblem('population_empty', 'population', 'the population is empty');
  const picks =
    input.method === 'simple_random'
      ? simpleRandomSample(input.seed, input.items.length, input.sampleSize)
      : monetaryUnitSample(
          input.seed,
          input.items.map((i) => i.amountMinor),
          input.sampleSize,
        );
  const reason: DrawReason = input.method === 'simple_random' ? 'random' : 'monetary_unit';
  const byPosition = new Map<number, DrawnItem>();
  const out: DrawnItem[] = [];
  const add = (position: number, why: DrawReason): void => {
    const found = byPosition.get(position);
    if (found) {
      if (!found.reasons.includes(why)) found.reasons.push(why);
      return;
    }
    const drawn = { position, reasons: [why] };
    byPosition.set(position, drawn);
    out.push(drawn);
  };
  for (const p of picks) add(p, reason);
  input.items.forEach((item, position) => {
    if (input.includeOpenRedFlags && item.openFlag) add(position, 'open_red_flag');
    if (input.includeAboveMinor !== null && item.amountMinor >= input.includeAboveMinor) add(position, 'above_value');
  });
  return out;
}
