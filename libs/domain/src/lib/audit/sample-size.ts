/**
 * Monetary-unit sampling (MUS) arithmetic (issue 12, docs/audit.md): the sample size
 * from confidence, tolerable misstatement (materiality) and expected misstatement, and
 * the projection of the misstatements found. Pure; money is bigint minor units, the
 * factors are exact hundredths (never a float in a money sum).
 *
 * Sources of the factors (AICPA Audit Guide "Audit Sampling", the monetary-unit
 * sampling tables; documented in Stewart, "Technical Notes on the AICPA Audit Guide
 * Audit Sampling", 2012, which explains how the guide's tables are computed):
 *  - reliability (confidence) factors = Poisson upper limits for k misstatements at
 *    the risk of incorrect acceptance 1 − confidence ("PPS confidence factors for sample
 *    evaluation", AICPA; the 80–95 % columns below as reproduced in auditing textbooks);
 *  - expansion factors for expected misstatement (AICPA guide, MUS sample-size table):
 *    risk 1 % → 1.9, 5 % → 1.6, 10 % → 1.5, 15 % → 1.4, 20 % → 1.3.
 * Only the listed confidence levels are accepted; anything else is refused (no
 * interpolation: an auditor must be able to find the factor in the guide).
 */

/** Confidence levels (percent) the factors are tabulated for. */
export const MUS_CONFIDENCE_LEVELS = [80, 85, 90, 95, 99] as const;
export type MusConfidence = (typeof MUS_CONFIDENCE_LEVELS)[number];

/** Reliability factors in hundredths for 0, 1, 2… overstatement misstatements, per confidence. 99 %: only 0 misstatements tabulated here. */
export const MUS_RELIABILITY_FACTORS: Readonly<Record<MusConfidence, readonly number[]>> = {
  80: [161, 300, 428, 552, 673, 791, 908, 1024, 1138, 1252, 1366],
  85: [190, 338, 473, 602, 727, 850, 971, 1090, 1208, 1325, 1442],
  90: [231, 389, 533, 669, 800, 928, 1054, 1178, 1300, 1421, 1541],
  95: [300, 475, 630, 776, 916, 1052, 1185, 1315, 1444, 1571, 1697],
  99: [461],
};

/** Expansion factors for expected misstatement, in hundredths, per confidence. */
export const MUS_EXPANSION_FACTORS: Readonly<Record<MusConfidence, number>> = { 80: 130, 85: 140, 90: 150, 95: 160, 99: 190 };

/** What is wrong with sampling parameters: a stable code, the field it is about, and params for the message. */
export class SamplingProblem extends Error {
  constructor(
    readonly code:
      | 'confidence_out_of_range'
      | 'confidence_not_tabulated'
      | 'materiality_not_positive'
      | 'materiality_above_population'
      | 'expected_misstatement_invalid'
      | 'sample_size_invalid'
      | 'sample_too_large'
      | 'sample_below_computed'
      | 'population_empty'
      | 'seed_invalid',
    readonly field: string,
    message: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SamplingProblem';
  }
}

export function isMusConfidence(value: number): value is MusConfidence {
  return (MUS_CONFIDENCE_LEVELS as readonly number[]).includes(value);
}

/** Confidence must lie strictly between 0 and 100 percent (any method). */
export function assertConfidence(confidencePct: number): void {
  if (!Number.isFinite(confidencePct) || confidencePct <= 0 || confidencePct >= 100) {
    throw new SamplingProblem('confidence_out_of_range', 'confidencePct', 'confidence must be above 0 % and below 100 %', { confidencePct: String(confidencePct) });
  }
}

function fixed2(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export interface MusSampleSizeInput {
  populationValueMinor: bigint;
  populationCount: number;
  confidencePct: number;
  materialityMinor: bigint;
  expectedMisstatementMinor?: bigint;
}

export interface MusSampleSize {
  sampleSize: number;
  /** V ÷ n rounded down to a minor unit (the exact interval is the fraction V/n). */
  intervalMinor: bigint;
  reliabilityFactor: number;
  expansionFactor: number;
  /** The formula with its numbers. */
  formula: string;
  params: Record<string, string | number>;
}

/**
 * n = ceil(V × R ÷ (TM − EM × E)): V the population value, R the reliability factor for
 * zero misstatements at the confidence, TM the tolerable misstatement (materiality), EM the
 * expected misstatement, E the expansion factor. Refuses (SamplingProblem) confidence 0,
 * 100 or untabulated, materiality ≤ 0 or above the population value, EM < 0 or so large
 * that TM − EM × E ≤ 0, and an empty population. Never more than the population count is
 * checked by the caller (a size above it means: test everything, AUDIT_SAMPLE_TOO_LARGE).
 */
export function musSampleSize(input: MusSampleSizeInput): MusSampleSize {
  assertConfidence(input.confidencePct);
  if (!isMusConfidence(input.confidencePct)) {
    throw new SamplingProblem('confidence_not_tabulated', 'confidencePct', `monetary-unit sampling takes a confidence of ${MUS_CONFIDENCE_LEVELS.join(', ')} %`, {
      confidencePct: String(input.confidencePct),
      allowed: MUS_CONFIDENCE_LEVELS.join(', '),
    });
  }
  if (input.populationCount <= 0 || input.populationValueMinor <= 0n) throw new SamplingProblem('population_empty', 'population', 'the population is empty');
  const tm = input.materialityMinor;
  const em = input.expectedMisstatementMinor ?? 0n;
  if (tm <= 0n) throw new SamplingProblem('materiality_not_positive', 'materialityMinor', 'materiality must be more than zero', { materialityMinor: tm.toString() });
  if (tm > input.populationValueMinor) {
    throw new SamplingProblem('materiality_above_population', 'materialityMinor', 'materiality is larger than the population value', {
      materialityMinor: tm.toString(),
      populationValueMinor: input.populationValueMinor.toString(),
    });
  }
  const r = MUS_RELIABILITY_FACTORS[input.confidencePct][0];
  const e = MUS_EXPANSION_FACTORS[input.confidencePct];
  // n = ceil(V·(r/100) / (TM − EM·e/100)) = ceil(V·r / (100·TM − EM·e))
  const denominator = 100n * tm - em * BigInt(e);
  if (em < 0n || denominator <= 0n) {
    throw new SamplingProblem('expected_misstatement_invalid', 'expectedMisstatementMinor', 'expected misstatement must be at least zero and, times the expansion factor, below materiality', {
      expectedMisstatementMinor: em.toString(),
      materialityMinor: tm.toString(),
      expansionFactor: fixed2(e),
    });
  }
  const numerator = input.populationValueMinor * BigInt(r);
  const n = (numerator + denominator - 1n) / denominator;
  const sampleSize = Number(n > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : n);
  const V = input.populationValueMinor.toString();
  return {
    sampleSize,
    intervalMinor: input.populationValueMinor / (n === 0n ? 1n : n),
    reliabilityFactor: r / 100,
    expansionFactor: e / 100,
    formula: `n = ceil(V × R ÷ (TM − EM × E)) = ceil(${V} × ${fixed2(r)} ÷ (${tm} − ${em} × ${fixed2(e)})) = ${n}`,
    params: { V, R: fixed2(r), TM: tm.toString(), EM: em.toString(), E: fixed2(e), confidencePct: input.confidencePct, n: sampleSize },
  };
}

/** Round half away from zero of a ÷ b (b > 0). */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

export interface MusException {
  /** The item's recorded (book) amount, minor units, > 0. */
  bookMinor: bigint;
  /** Book minus audited amount (positive: overstatement), minor units. */
  misstatementMinor: bigint;
}

export interface ProjectedMisstatementLine extends MusException {
  /** misstatement ÷ book (for display; not used in money sums). */
  tainting: number;
  /** Book amount at or above the interval: the misstatement itself, not projected. */
  topStratum: boolean;
  /** Top stratum: the misstatement; otherwise tainting × interval, rounded half away from zero. */
  projectedMinor: bigint;
}

export interface MisstatementProjection {
  intervalMinor: bigint;
  lines: ProjectedMisstatementLine[];
  /** Σ projected misstatement (top stratum actual + lower stratum tainting × interval). */
  projectedMinor: bigint;
  /** R(0) × interval, when the confidence is tabulated. */
  basicPrecisionMinor: bigint | null;
  /**
   * Upper misstatement limit (overstatements): basic precision + Σ over lower-stratum
   * overstatements ranked by tainting (largest first) of projected × (R(k) − R(k−1)) +
   * top-stratum misstatements. Null when the confidence is not given or its table has too
   * few rows for the number of misstatements. Understatements are left out of the limit.
   */
  upperLimitMinor: bigint | null;
}

/**
 * Projects the misstatements found in a monetary-unit sample onto the population (AICPA
 * guide): for each exception the tainting t = misstatement ÷ book; an item whose book value
 * is at or above the interval J = V ÷ n (exactly: book × n ≥ V) contributes its actual
 * misstatement; every other one t × J. The sum is the projected misstatement.
 */
export function projectMisstatement(input: {
  populationValueMinor: bigint;
  sampleSize: number;
  exceptions: readonly MusException[];
  confidencePct?: number | null;
}): MisstatementProjection {
  const V = input.populationValueMinor;
  const n = BigInt(input.sampleSize);
  if (n <= 0n || V <= 0n) throw new SamplingProblem('sample_size_invalid', 'sampleSize', 'projection needs a sample size and a population value above zero');
  const lines: ProjectedMisstatementLine[] = input.exceptions.map((x) => {
    if (x.bookMinor <= 0n) throw new SamplingProblem('sample_size_invalid', 'bookMinor', 'a sampled item has a book value above zero');
    const topStratum = x.bookMinor * n >= V;
    // t × J = (m / b) × (V / n) = m·V / (b·n)
    const projectedMinor = topStratum ? x.misstatementMinor : divRound(x.misstatementMinor * V, x.bookMinor * n);
    return { ...x, tainting: Number((x.misstatementMinor * 1_000_000n) / x.bookMinor) / 1_000_000, topStratum, projectedMinor };
  });
  const projectedMinor = lines.reduce((s, l) => s + l.projectedMinor, 0n);
  const confidence = input.confidencePct ?? null;
  let basicPrecisionMinor: bigint | null = null;
  let upperLimitMinor: bigint | null = null;
  if (confidence !== null && isMusConfidence(confidence)) {
    const factors = MUS_RELIABILITY_FACTORS[confidence];
    basicPrecisionMinor = divRound(V * BigInt(factors[0]), 100n * n);
    const lower = lines.filter((l) => !l.topStratum && l.misstatementMinor > 0n).sort((a, b) => (a.misstatementMinor * b.bookMinor > b.misstatementMinor * a.bookMinor ? -1 : 1));
    if (lower.length < factors.length) {
      let total = basicPrecisionMinor;
      lower.forEach((l, i) => {
        total += divRound(l.projectedMinor * BigInt(factors[i + 1] - factors[i]), 100n);
      });
      for (const l of lines) if (l.topStratum && l.misstatementMinor > 0n) total += l.misstatementMinor;
      upperLimitMinor = total;
    }
  }
  return { intervalMinor: V / n, lines, projectedMinor, basicPrecisionMinor, upperLimitMinor };
}
