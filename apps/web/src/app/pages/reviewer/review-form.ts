import type {
  PeerReviewView,
  RubricCriterionInput,
  RubricInput,
  ScoreInput,
  SaveScoresRequest,
  ReviewView,
} from '@mizan/contracts';
import {
  SCORE_MAX,
  SCORE_MIN,
  ScoringError,
  commentRequired,
  fromHundredths,
  isScore,
  spread,
  weightedScoreHundredths,
  type Recommendation,
} from '@mizan/domain';

/** The values a score control offers, lowest first. */
export const SCORE_VALUES: readonly number[] = Array.from(
  { length: SCORE_MAX - SCORE_MIN + 1 },
  (_, i) => SCORE_MIN + i,
);

/** One criterion as the reviewer is filling it in: not scored yet is null. */
export interface CriterionDraft {
  score: number | null;
  comment: string;
}

/** The scoring form's value; `scores` follows the rubric's order. */
export interface ReviewDraft {
  scores: CriterionDraft[];
  recommendation: Recommendation | null;
  overallComment: string;
}

export type SavedReview = Pick<
  ReviewView,
  'scores' | 'recommendation' | 'overallComment'
>;

/** The saved review laid over the rubric: criteria without a saved score start empty. */
export function draftFromView(
  rubric: RubricInput,
  view: SavedReview,
): ReviewDraft {
  const byId = new Map(view.scores.map((s) => [s.criterionId, s]));
  return {
    scores: rubric.criteria.map((c) => {
      const saved = byId.get(c.id);
      return saved
        ? { score: saved.score, comment: saved.comment }
        : { score: null, comment: '' };
    }),
    recommendation: view.recommendation,
    overallComment: view.overallComment,
  };
}

/**
 * What a draft save sends, in the rubric's order: every scored criterion, and
 * every comment written before its score (with score null, which a draft
 * keeps). Criteria with neither are left out.
 */
export function draftToRequest(
  rubric: RubricInput,
  draft: ReviewDraft,
): Omit<SaveScoresRequest, 'version'> {
  const scores: ScoreInput[] = [];
  rubric.criteria.forEach((c, i) => {
    const d = draft.scores[i];
    if (!d) return;
    if (d.score !== null && isScore(d.score)) {
      scores.push({ criterionId: c.id, score: d.score, comment: d.comment });
    } else if (d.comment.trim() !== '') {
      scores.push({ criterionId: c.id, score: null, comment: d.comment });
    }
  });
  return {
    scores,
    recommendation: draft.recommendation,
    overallComment: draft.overallComment,
  };
}

export type MissingPart =
  | { kind: 'score'; index: number }
  | { kind: 'comment'; index: number; score: number }
  | { kind: 'recommendation' }
  | { kind: 'overallComment' };

/**
 * What still stops a submission, in the order of the form: the api's rules
 * (every criterion scored, a comment on every extreme score, a recommendation
 * and an overall comment), checked before asking.
 */
export function missingForSubmit(
  rubric: RubricInput,
  draft: ReviewDraft,
): MissingPart[] {
  const out: MissingPart[] = [];
  rubric.criteria.forEach((_c, index) => {
    const d = draft.scores[index];
    if (!d || d.score === null) {
      out.push({ kind: 'score', index });
    } else if (commentRequired(d.score) && d.comment.trim() === '') {
      out.push({ kind: 'comment', index, score: d.score });
    }
  });
  if (!draft.recommendation) out.push({ kind: 'recommendation' });
  if (draft.overallComment.trim() === '') out.push({ kind: 'overallComment' });
  return out;
}

/** The domain's rule, for the hint under a score: why this one needs a comment. */
export function needsComment(score: number | null): boolean {
  return score !== null && commentRequired(score);
}

export interface ScorePreview {
  scored: number;
  total: number;
  /** The weighted score once every criterion is scored; null before. */
  score: number | null;
  /** While incomplete: where it can still end up (the rest all 0, or all 5). */
  lowest: number;
  highest: number;
}

/**
 * The live weighted score, computed by the domain's own function (the one the
 * api freezes at submission). Null when the rubric itself is not scorable.
 */
export function scorePreview(
  rubric: RubricInput,
  draft: ReviewDraft,
): ScorePreview | null {
  const criteria = rubric.criteria;
  const filled = (rest: number) =>
    criteria.map((c, i) => ({
      criterionId: c.id,
      score: draft.scores[i]?.score ?? rest,
    }));
  const scored = criteria.filter(
    (_c, i) => (draft.scores[i]?.score ?? null) !== null,
  ).length;
  try {
    const lowest = fromHundredths(
      weightedScoreHundredths(criteria, filled(SCORE_MIN)),
    );
    const highest = fromHundredths(
      weightedScoreHundredths(criteria, filled(SCORE_MAX)),
    );
    return {
      scored,
      total: criteria.length,
      score: scored === criteria.length ? lowest : null,
      lowest,
      highest,
    };
  } catch (error) {
    if (error instanceof ScoringError) return null;
    throw error;
  }
}

/** A weight (whole percent) in the reader's digits. */
export function formatWeight(weight: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent' }).format(
    weight / 100,
  );
}

/** "Reviewer 2" → 2; the api numbers peers in its own order, so the position is the fallback. */
export function peerNumber(label: string, index: number): number {
  const match = /(\d+)\s*$/.exec(label);
  return match ? Number(match[1]) : index + 1;
}

export interface ComparisonRow {
  index: number;
  criterion: RubricCriterionInput;
  mine: ScoreInput | null;
  peers: (ScoreInput | null)[];
}

/** One row per rubric criterion: my score and each peer's, side by side. */
export function comparisonRows(
  rubric: RubricInput,
  mine: readonly ScoreInput[],
  peers: readonly Pick<PeerReviewView, 'scores'>[],
): ComparisonRow[] {
  const find = (scores: readonly ScoreInput[], id: string) =>
    scores.find((s) => s.criterionId === id) ?? null;
  return rubric.criteria.map((criterion, index) => ({
    index,
    criterion,
    mine: find(mine, criterion.id),
    peers: peers.map((p) => find(p.scores, criterion.id)),
  }));
}

/** Highest minus lowest weighted score among the submitted reviews; null with no peer yet. */
export function reviewSpread(
  mine: number,
  peers: readonly number[],
): number | null {
  return peers.length === 0 ? null : spread([mine, ...peers]);
}

/** Width of a score bar, as a share of the scale's top. */
export function scorePercent(score: number): number {
  return Math.max(0, Math.min(100, (score / SCORE_MAX) * 100));
}
