import type { RubricInput } from '@mizan/contracts';
import { weightedScore } from '@mizan/domain';
import {
  comparisonRows,
  draftFromView,
  draftToRequest,
  missingForSubmit,
  needsComment,
  peerNumber,
  reviewSpread,
  scorePercent,
  scorePreview,
  SCORE_VALUES,
  type ReviewDraft,
} from './review-form';

const rubric: RubricInput = {
  criteria: [
    { id: 'relevance', title: 'Relevance', description: '', weight: 50 },
    { id: 'feasibility', title: 'Feasibility', description: '', weight: 30 },
    { id: 'budget', title: 'Budget', description: '', weight: 20 },
  ],
  scale: ['None', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'],
};

function draft(overrides: Partial<ReviewDraft> = {}): ReviewDraft {
  return {
    scores: [
      { score: 4, comment: '' },
      { score: 3, comment: '' },
      { score: 2, comment: '' },
    ],
    recommendation: 'fund',
    overallComment: 'Solid',
    ...overrides,
  };
}

describe('review form', () => {
  it('offers the scores 0 to 5', () => {
    expect(SCORE_VALUES).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lays the saved scores over the rubric, in the rubric’s order', () => {
    const d = draftFromView(rubric, {
      scores: [
        { criterionId: 'budget', score: 5, comment: 'Clear' },
        { criterionId: 'retired', score: 1, comment: 'old criterion' },
      ],
      recommendation: null,
      overallComment: '',
    });
    expect(d.scores).toEqual([
      { score: null, comment: '' },
      { score: null, comment: '' },
      { score: 5, comment: 'Clear' },
    ]);
  });

  it('sends scored criteria and comments written before their score in a draft save', () => {
    const body = draftToRequest(
      rubric,
      draft({
        scores: [
          { score: null, comment: 'thinking' },
          { score: 0, comment: 'missing' },
          { score: 3, comment: '' },
        ],
        recommendation: null,
      }),
    );
    expect(body).toEqual({
      scores: [
        { criterionId: 'relevance', score: null, comment: 'thinking' },
        { criterionId: 'feasibility', score: 0, comment: 'missing' },
        { criterionId: 'budget', score: 3, comment: '' },
      ],
      recommendation: null,
      overallComment: 'Solid',
    });
  });

  it('lists what stops a submission, as the api checks it', () => {
    expect(missingForSubmit(rubric, draft())).toEqual([]);
    expect(
      missingForSubmit(
        rubric,
        draft({
          scores: [
            { score: null, comment: '' },
            { score: 5, comment: ' ' },
            { score: 1, comment: 'Weak costing' },
          ],
          recommendation: null,
          overallComment: '   ',
        }),
      ),
    ).toEqual([
      { kind: 'score', index: 0 },
      { kind: 'comment', index: 1, score: 5 },
      { kind: 'recommendation' },
      { kind: 'overallComment' },
    ]);
  });

  it('asks for a comment on extreme scores only (0, 1, 5)', () => {
    expect([0, 1, 2, 3, 4, 5].map(needsComment)).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(needsComment(null)).toBe(false);
  });

  it('previews the weighted score with the domain’s own function once complete', () => {
    const d = draft();
    const preview = scorePreview(rubric, d);
    const expected = weightedScore(
      rubric.criteria,
      draftToRequest(rubric, d).scores,
    );
    expect(preview).toEqual({
      scored: 3,
      total: 3,
      score: expected,
      lowest: expected,
      highest: expected,
    });
    expect(expected).toBe(3.3);
  });

  it('shows where an incomplete review can still end up', () => {
    const preview = scorePreview(
      rubric,
      draft({
        scores: [
          { score: 4, comment: '' },
          { score: null, comment: '' },
          { score: null, comment: '' },
        ],
      }),
    );
    expect(preview).toEqual({
      scored: 1,
      total: 3,
      score: null,
      lowest: 2,
      highest: 4.5,
    });
  });

  it('gives no preview for a rubric whose weights do not add up to 100', () => {
    const broken: RubricInput = {
      ...rubric,
      criteria: [{ id: 'x', title: 'X', description: '', weight: 40 }],
    };
    expect(
      scorePreview(broken, draft({ scores: [{ score: 3, comment: '' }] })),
    ).toBeNull();
  });

  it('numbers peers from their label, falling back to their position', () => {
    expect(peerNumber('Reviewer 2', 0)).toBe(2);
    expect(peerNumber('Anonymous', 2)).toBe(3);
  });

  it('puts my scores and each peer’s side by side per criterion', () => {
    const rows = comparisonRows(
      rubric,
      [{ criterionId: 'relevance', score: 4, comment: '' }],
      [
        { scores: [{ criterionId: 'budget', score: 2, comment: 'x' }] },
        { scores: [{ criterionId: 'relevance', score: 5, comment: 'y' }] },
      ],
    );
    expect(
      rows.map((r) => [
        r.criterion.id,
        r.mine?.score ?? null,
        r.peers.map((p) => p?.score ?? null),
      ]),
    ).toEqual([
      ['relevance', 4, [null, 5]],
      ['feasibility', null, [null, null]],
      ['budget', null, [2, null]],
    ]);
  });

  it('measures how far the submitted weighted scores lie apart', () => {
    expect(reviewSpread(3.45, [])).toBeNull();
    expect(reviewSpread(3.45, [2.1, 4])).toBe(1.9);
    expect(reviewSpread(3, [3])).toBe(0);
  });

  it('sizes score bars within the 0–5 scale', () => {
    expect(scorePercent(0)).toBe(0);
    expect(scorePercent(2.5)).toBe(50);
    expect(scorePercent(5)).toBe(100);
  });
});
