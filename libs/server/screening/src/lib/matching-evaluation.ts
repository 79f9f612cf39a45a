import { ListEntry, PartyNameKind, ScreeningIndex, screenName } from '@mizan/domain';

/**
 * The matcher's evaluation (issue 13): recall over name variants of list entries and the false-positive rate over
 * names that must not match, at a threshold. The set is data/sanctions/evaluation-set.json; the spec
 * matching-evaluation.spec.ts asserts the figures, `npm run bench:screening` prints them.
 */
export interface EvaluationSet {
  variants: { name: string; kind: PartyNameKind; expected: string }[];
  mustNotMatch: { name: string; kind: PartyNameKind; note?: string }[];
}

export interface EvaluationMiss {
  name: string;
  expected: string;
  /** The expected entry's score when it was a candidate below the threshold, else null. */
  expectedScore: number | null;
  /** The best candidate at any score (reference and score), when there was one. */
  best: { reference: string; score: number } | null;
}

export interface EvaluationFalsePositive {
  name: string;
  reference: string;
  score: number;
  explanation: string;
}

export interface EvaluationResult {
  threshold: number;
  variants: number;
  found: number;
  /** found / variants */
  recall: number;
  mustNotMatch: number;
  falsePositives: number;
  /** falsePositives / mustNotMatch */
  falsePositiveRate: number;
  misses: EvaluationMiss[];
  falsePositiveNames: EvaluationFalsePositive[];
}

export function evaluateMatcher(index: ScreeningIndex, set: EvaluationSet, threshold: number, explain: (c: ReturnType<typeof screenName>[number]) => string = () => ''): EvaluationResult {
  const misses: EvaluationMiss[] = [];
  let found = 0;
  for (const v of set.variants) {
    const candidates = screenName(index, v.name, v.kind, { minScore: 0, limit: 50 });
    const hit = candidates.find((c) => c.reference === v.expected);
    if (hit && hit.score >= threshold) found++;
    else misses.push({ name: v.name, expected: v.expected, expectedScore: hit?.score ?? null, best: candidates[0] ? { reference: candidates[0].reference, score: candidates[0].score } : null });
  }
  const falsePositiveNames: EvaluationFalsePositive[] = [];
  for (const n of set.mustNotMatch) {
    const [top] = screenName(index, n.name, n.kind, { minScore: threshold, limit: 1 });
    if (top) falsePositiveNames.push({ name: n.name, reference: top.reference, score: top.score, explanation: explain(top) });
  }
  return {
    threshold,
    variants: set.variants.length,
    found,
    recall: set.variants.length ? found / set.variants.length : 0,
    mustNotMatch: set.mustNotMatch.length,
    falsePositives: falsePositiveNames.length,
    falsePositiveRate: set.mustNotMatch.length ? falsePositiveNames.length / set.mustNotMatch.length : 0,
    misses,
    falsePositiveNames,
  };
}

/** The entries' references, for checking that every expected reference of a set exists in the list. */
export function unknownReferences(entries: readonly ListEntry[], set: EvaluationSet): string[] {
  const known = new Set(entries.map((e) => e.reference));
  return [...new Set(set.variants.map((v) => v.expected).filter((r) => !known.has(r)))];
}
