import { rubricViolations } from '../intake/call-rules';
import {
  CriterionScore,
  WeightedCriterion,
  commentRequired,
  isDisagreement,
  meanScore,
  meanScoreHundredths,
  scoreViolations,
  spread,
  spreadHundredths,
  weightedScore,
  weightedScoreHundredths,
} from './scoring';

/** mulberry32: a small seeded generator, so every random case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

/** Random whole-percent weights summing to 100 over 1–8 criteria. */
function randomRubric(rnd: () => number): WeightedCriterion[] {
  const n = int(rnd, 1, 8);
  const cuts = Array.from({ length: n - 1 }, () => int(rnd, 0, 100)).sort((a, b) => a - b);
  const bounds = [0, ...cuts, 100];
  return Array.from({ length: n }, (_, i) => ({ id: `c${i}`, weight: bounds[i + 1] - bounds[i] }));
}

const RUBRIC: WeightedCriterion[] = [
  { id: 'relevance', weight: 40 },
  { id: 'feasibility', weight: 35 },
  { id: 'partnership', weight: 25 },
];

describe('weighted score', () => {
  it('is Σ weight × score / 100, exact to the hundredth', () => {
    const scores: CriterionScore[] = [
      { criterionId: 'relevance', score: 4 },
      { criterionId: 'feasibility', score: 3 },
      { criterionId: 'partnership', score: 5 },
    ];
    // 40·4 + 35·3 + 25·5 = 160 + 105 + 125 = 390
    expect(weightedScoreHundredths(RUBRIC, scores)).toBe(390);
    expect(weightedScore(RUBRIC, scores)).toBe(3.9);
    expect(weightedScore(RUBRIC, [{ criterionId: 'relevance', score: 1 }, { criterionId: 'feasibility', score: 2 }, { criterionId: 'partnership', score: 2 }])).toBe(1.6);
    expect(weightedScore([{ id: 'a', weight: 33 }, { id: 'b', weight: 67 }], [{ criterionId: 'a', score: 1 }, { criterionId: 'b', score: 2 }])).toBe(1.67);
  });

  it('refuses an incomplete review, a score out of range, and a rubric whose weights do not sum to 100', () => {
    expect(() => weightedScore(RUBRIC, [{ criterionId: 'relevance', score: 4 }])).toThrow(/feasibility.*not scored/);
    expect(() => weightedScore(RUBRIC, RUBRIC.map((c) => ({ criterionId: c.id, score: 6 })))).toThrow(/whole number from 0 to 5/);
    expect(() => weightedScore(RUBRIC, RUBRIC.map((c) => ({ criterionId: c.id, score: 2.5 })))).toThrow(/whole number/);
    expect(() => weightedScore([{ id: 'a', weight: 60 }], [{ criterionId: 'a', score: 3 }])).toThrow(/sum to 60/);
  });

  it('property: for random valid rubrics (weights sum to 100) and scores, it lies in 0–5, is a whole number of hundredths and matches the exact rational', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const rnd = prng(seed);
      const rubric = randomRubric(rnd);
      expect(rubricViolations({ criteria: rubric.map((c) => ({ ...c, title: c.id, description: '' })), scale: ['0', '1', '2', '3', '4', '5'] })).toEqual([]);
      const scores = rubric.map((c) => ({ criterionId: c.id, score: int(rnd, 0, 5) }));
      const h = weightedScoreHundredths(rubric, scores);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(500);
      // The same sum in bigint: no floating point can have crept in.
      const exact = rubric.reduce((sum, c, i) => sum + BigInt(c.weight) * BigInt(scores[i].score), 0n);
      expect(BigInt(h)).toBe(exact);
      expect(weightedScore(rubric, scores).toFixed(2)).toBe(`${exact / 100n}.${String(exact % 100n).padStart(2, '0')}`);
      // All scores equal to s give exactly s: the weights sum to 100.
      const s = int(rnd, 0, 5);
      expect(weightedScore(rubric, rubric.map((c) => ({ criterionId: c.id, score: s })))).toBe(s);
      // Order of the scores does not matter.
      expect(weightedScoreHundredths(rubric, [...scores].reverse())).toBe(h);
    }
  });
});

describe('mean and spread', () => {
  it('rounds the mean half up to the hundredth, with integers only', () => {
    expect(meanScoreHundredths([])).toBeNull();
    expect(meanScoreHundredths([345, 346])).toBe(346); // 345.5 → 346
    expect(meanScoreHundredths([100, 100, 101])).toBe(100); // 100.33 → 100
    expect(meanScoreHundredths([100, 101, 101])).toBe(101); // 100.67 → 101
    expect(meanScore([3.9, 2.8])).toBe(3.35);
    expect(meanScore([4.45, 4.5])).toBe(4.48); // 4.475 → 4.48, where a float mean would say 4.47
  });

  it('spread is max − min; one score spreads 0, none has no spread', () => {
    expect(spreadHundredths([])).toBeNull();
    expect(spread([3.9])).toBe(0);
    expect(spread([3.9, 2.25, 4.1])).toBe(1.85);
  });

  it('flags disagreement only when the spread exceeds the threshold', () => {
    expect(isDisagreement(1.5, 1.5)).toBe(false);
    expect(isDisagreement(1.51, 1.5)).toBe(true);
    expect(isDisagreement(null, 0)).toBe(false);
    expect(isDisagreement(0, 0)).toBe(false);
    expect(isDisagreement(0.01, 0)).toBe(true);
  });

  it('property: the mean lies between min and max and within half a hundredth of the exact mean; the spread is never negative', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const rnd = prng(seed * 7919);
      const xs = Array.from({ length: int(rnd, 1, 6) }, () => int(rnd, 0, 500));
      const mean = meanScoreHundredths(xs) as number;
      expect(mean).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(mean).toBeLessThanOrEqual(Math.max(...xs));
      const sum = xs.reduce((a, b) => a + b, 0);
      // |mean·n − sum| ≤ n/2, and exactly n/2 only when rounding up.
      expect(Math.abs(mean * xs.length - sum) * 2).toBeLessThanOrEqual(xs.length);
      expect(spreadHundredths(xs)).toBe(Math.max(...xs) - Math.min(...xs));
      const threshold = int(rnd, 0, 500);
      expect(isDisagreement((spreadHundredths(xs) as number) / 100, threshold / 100)).toBe((spreadHundredths(xs) as number) > threshold);
    }
  });
});

describe('score validation', () => {
  it('lets a draft be partial but refuses unknown, doubled and out-of-range scores, naming the field', () => {
    expect(scoreViolations(RUBRIC, [{ criterionId: 'relevance', score: 3 }], { final: false })).toEqual([]);
    expect(
      scoreViolations(
        RUBRIC,
        [
          { criterionId: 'nope', score: 3 },
          { criterionId: 'relevance', score: 3 },
          { criterionId: 'relevance', score: 7 },
        ],
        { final: false },
      ),
    ).toEqual([
      { field: 'scores.0.criterionId', message: '"nope" is not a criterion of this call\'s rubric' },
      { field: 'scores.2.criterionId', message: 'The criterion "relevance" is scored twice' },
      { field: 'scores.2.score', message: 'A score is a whole number from 0 to 5; got 7' },
    ]);
  });

  it('lets a draft keep a comment whose score is not chosen yet, but not a submission', () => {
    const draft = [
      { criterionId: 'relevance', score: null, comment: 'Strong needs analysis; score after the budget' },
      { criterionId: 'feasibility', score: 3, comment: '' },
    ];
    expect(scoreViolations(RUBRIC, draft, { final: false })).toEqual([]);
    expect(scoreViolations(RUBRIC, [...draft, { criterionId: 'relevance', score: 4 }], { final: false })).toEqual([
      { field: 'scores.2.criterionId', message: 'The criterion "relevance" is scored twice' },
    ]);
    expect(scoreViolations(RUBRIC, [...draft, { criterionId: 'partnership', score: 2 }], { final: true })).toEqual([
      { field: 'scores.0.score', message: 'The criterion "relevance" is not scored yet' },
    ]);
    expect(() => weightedScoreHundredths(RUBRIC, [...draft, { criterionId: 'partnership', score: 2 }])).toThrow('The criterion "relevance" is not scored');
  });

  it('at submission needs every criterion and a comment on every score of 0, 1 or 5', () => {
    expect([0, 1, 2, 3, 4, 5].filter(commentRequired)).toEqual([0, 1, 5]);
    const violations = scoreViolations(
      RUBRIC,
      [
        { criterionId: 'relevance', score: 5, comment: ' ' },
        { criterionId: 'feasibility', score: 1, comment: 'Budget does not add up' },
      ],
      { final: true },
    );
    expect(violations).toEqual([
      { field: 'scores.0.comment', message: 'A score of 5 needs a comment saying why' },
      { field: 'scores', message: 'The criterion "partnership" is not scored yet' },
    ]);
  });
});
