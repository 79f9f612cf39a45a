import { RUBRIC_WEIGHT_TOTAL } from '../intake/call-rules';

/**
 * Review scores (DESIGN.md, step 4). Each criterion is scored 0–5 (whole
 * numbers); weights are whole percent summing to 100, so a weighted score is
 * Σ weight × score / 100 — an exact number of hundredths from 0 to 500.
 * Everything here works in those integer hundredths; a score becomes a
 * two-decimal number only at the edge (hundredths / 100), which is exact to
 * print and to compare.
 */
export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
export const SCORE_HUNDREDTHS_MAX = SCORE_MAX * 100;

export const RECOMMENDATIONS = ['fund', 'fund_with_changes', 'reserve', 'do_not_fund'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const REVIEW_TEXT_MAX = 4000;

export interface WeightedCriterion {
  id: string;
  weight: number;
}

export interface CriterionScore {
  criterionId: string;
  /** Null only in a draft: the comment was written before the score was chosen. */
  score: number | null;
  comment?: string;
}

export interface ScoreViolation {
  field: string;
  message: string;
}

export class ScoringError extends Error {}

export function isRecommendation(value: unknown): value is Recommendation {
  return typeof value === 'string' && (RECOMMENDATIONS as readonly string[]).includes(value);
}

export function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= SCORE_MIN && value <= SCORE_MAX;
}

/**
 * A comment is required where a score is extreme: 0 and 1 (the criterion is
 * missed or poor) and 5 (excellent) are what committees argue about, so the
 * reviewer must say why. Middle scores may stand alone.
 */
export function commentRequired(score: number): boolean {
  return score <= 1 || score === SCORE_MAX;
}

/**
 * What is wrong with a set of scores against a rubric. A draft may be
 * partial, and may hold a comment whose score is not chosen yet (score null);
 * a final (submitted) set must score every criterion and explain every
 * extreme score. Fields are `scores.<index>.<prop>` of the request.
 */
export function scoreViolations(
  criteria: readonly WeightedCriterion[],
  scores: readonly CriterionScore[],
  options: { final: boolean },
): ScoreViolation[] {
  const out: ScoreViolation[] = [];
  const known = new Set(criteria.map((c) => c.id));
  const listed = new Set<string>();
  scores.forEach((s, i) => {
    if (!known.has(s.criterionId)) {
      out.push({ field: `scores.${i}.criterionId`, message: `"${s.criterionId}" is not a criterion of this call's rubric` });
    } else if (listed.has(s.criterionId)) {
      out.push({ field: `scores.${i}.criterionId`, message: `The criterion "${s.criterionId}" is scored twice` });
    }
    listed.add(s.criterionId);
    if (s.score === null) {
      if (options.final) out.push({ field: `scores.${i}.score`, message: `The criterion "${s.criterionId}" is not scored yet` });
    } else if (!isScore(s.score)) {
      out.push({ field: `scores.${i}.score`, message: `A score is a whole number from ${SCORE_MIN} to ${SCORE_MAX}; got ${s.score}` });
    }
    if ((s.comment ?? '').length > REVIEW_TEXT_MAX) out.push({ field: `scores.${i}.comment`, message: `A comment has at most ${REVIEW_TEXT_MAX} characters` });
    if (options.final && isScore(s.score) && commentRequired(s.score) && (s.comment ?? '').trim() === '') {
      out.push({ field: `scores.${i}.comment`, message: `A score of ${s.score} needs a comment saying why` });
    }
  });
  if (options.final) {
    for (const c of criteria) {
      if (!listed.has(c.id)) out.push({ field: 'scores', message: `The criterion "${c.id}" is not scored yet` });
    }
  }
  return out;
}

/**
 * Σ weight × score over the rubric, in hundredths of a point (0–500). Throws
 * when a criterion is missing or a score is not a whole 0–5: a weighted score
 * of an incomplete review would be a wrong number, not a smaller one.
 */
export function weightedScoreHundredths(criteria: readonly WeightedCriterion[], scores: readonly CriterionScore[]): number {
  const weightSum = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weightSum !== RUBRIC_WEIGHT_TOTAL || criteria.some((c) => !Number.isInteger(c.weight) || c.weight < 0)) {
    throw new ScoringError(`The rubric's weights must be whole percent summing to ${RUBRIC_WEIGHT_TOTAL}; they sum to ${weightSum}`);
  }
  const byId = new Map(scores.map((s) => [s.criterionId, s.score]));
  let total = 0;
  for (const c of criteria) {
    const score = byId.get(c.id);
    if (score === undefined || score === null) throw new ScoringError(`The criterion "${c.id}" is not scored`);
    if (!isScore(score)) throw new ScoringError(`The score of "${c.id}" must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}; got ${score}`);
    total += c.weight * score;
  }
  return total;
}

/** The weighted score as a number with two decimals (3.45), exact: hundredths / 100. */
export function weightedScore(criteria: readonly WeightedCriterion[], scores: readonly CriterionScore[]): number {
  return fromHundredths(weightedScoreHundredths(criteria, scores));
}

export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

/** 3.45 → 345; refuses what is not a whole number of hundredths (a float that drifted). */
export function toHundredths(score: number): number {
  const hundredths = Math.round(score * 100);
  if (!Number.isFinite(score) || Math.abs(hundredths - score * 100) > 1e-6) throw new ScoringError(`${score} is not a score with at most two decimals`);
  return hundredths;
}

/**
 * The mean of reviewers' weighted scores (in hundredths), rounded half up to
 * a whole hundredth: what the board shows and ranks by. Null without scores.
 */
export function meanScoreHundredths(hundredths: readonly number[]): number | null {
  if (hundredths.length === 0) return null;
  const sum = hundredths.reduce((total, h) => total + h, 0);
  // Integers throughout: round(sum / n) half up = floor((2·sum + n) / 2n).
  return Math.floor((2 * sum + hundredths.length) / (2 * hundredths.length));
}

/** The mean of weighted scores given as two-decimal numbers (3.45, 2.8): two decimals back. */
export function meanScore(scores: readonly number[]): number | null {
  const mean = meanScoreHundredths(scores.map(toHundredths));
  return mean === null ? null : fromHundredths(mean);
}

/** Highest minus lowest weighted score, in hundredths; null without scores, 0 for one. */
export function spreadHundredths(hundredths: readonly number[]): number | null {
  if (hundredths.length === 0) return null;
  return Math.max(...hundredths) - Math.min(...hundredths);
}

export function spread(scores: readonly number[]): number | null {
  const s = spreadHundredths(scores.map(toHundredths));
  return s === null ? null : fromHundredths(s);
}

/**
 * Reviewers disagree when their spread EXCEEDS the call's threshold (both in
 * points of the 0–5 weighted scale): a spread exactly at the threshold is
 * still agreement. No spread (fewer than one score) is no disagreement.
 */
export function isDisagreement(spreadPoints: number | null, thresholdPoints: number): boolean {
  if (spreadPoints === null) return false;
  return toHundredths(spreadPoints) > toHundredths(thresholdPoints);
}
