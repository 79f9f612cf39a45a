import type { CallReviewerView } from '@mizan/contracts';
import {
  amountBars,
  byLoad,
  histogram,
  reviewerLoads,
  shareOf,
} from './charts';

describe('shareOf', () => {
  it('is a share of the largest value with one decimal', () => {
    expect(shareOf(50, 200)).toBe(25);
    expect(shareOf(1, 3)).toBe(33.3);
    expect(shareOf(200, 200)).toBe(100);
  });

  it('never draws a value above zero as nothing, and zero as nothing', () => {
    expect(shareOf(1, 100000)).toBe(1);
    expect(shareOf(0, 100)).toBe(0);
    expect(shareOf(5, 0)).toBe(0);
  });

  it('keeps precision for amounts beyond the float range', () => {
    expect(
      shareOf(BigInt('450000000000000000001'), BigInt('900000000000000000002')),
    ).toBe(50);
  });
});

describe('histogram', () => {
  it('puts applications and reviews on one scale', () => {
    const h = histogram([
      { from: 0, to: 0.5, applications: 0, reviews: 0 },
      { from: 3, to: 3.5, applications: 2, reviews: 4 },
      { from: 4.5, to: 5, applications: 1, reviews: 1 },
    ]);
    expect(h.max).toBe(4);
    expect(h.applications).toBe(3);
    expect(h.reviews).toBe(5);
    expect(h.bars[1]).toMatchObject({ applicationsPct: 50, reviewsPct: 100 });
    expect(h.bars[0]).toMatchObject({ applicationsPct: 0, reviewsPct: 0 });
  });

  it('copes with no bins and no scores', () => {
    expect(histogram([]).max).toBe(0);
    expect(
      histogram([{ from: 0, to: 0.5, applications: 0, reviews: 0 }]).bars[0]
        .reviewsPct,
    ).toBe(0);
  });
});

describe('amountBars', () => {
  it('scales requested and approved by the largest amount of either', () => {
    const bars = amountBars([
      {
        key: 'health',
        label: 'Health',
        applications: 2,
        requestedMinor: '400000',
        approvedMinor: '100000',
      },
      {
        key: 'media',
        label: 'Media',
        applications: 1,
        requestedMinor: '200000',
        approvedMinor: '0',
      },
    ]);
    expect(bars.map((b) => [b.requestedPct, b.approvedPct])).toEqual([
      [100, 25],
      [50, 0],
    ]);
  });

  it('draws nothing when nothing is requested', () => {
    expect(
      amountBars([
        {
          key: 'x',
          label: 'X',
          applications: 0,
          requestedMinor: '0',
          approvedMinor: '0',
        },
      ])[0].requestedPct,
    ).toBe(0);
  });
});

function reviewer(overrides: Partial<CallReviewerView>): CallReviewerView {
  return {
    reviewerId: 'r',
    name: 'R',
    email: 'r@example.org',
    load: 0,
    assigned: 0,
    declared: 0,
    inProgress: 0,
    submitted: 0,
    conflicts: 0,
    ...overrides,
  };
}

describe('reviewerLoads', () => {
  it('stacks each reviewer’s work on one scale, conflicts last, empty parts left out', () => {
    const loads = reviewerLoads([
      reviewer({
        reviewerId: 'a',
        load: 3,
        assigned: 1,
        submitted: 2,
        conflicts: 1,
      }),
      reviewer({ reviewerId: 'b', load: 2, inProgress: 2 }),
      reviewer({ reviewerId: 'c' }),
    ]);
    expect(loads[0].segments).toEqual([
      { part: 'submitted', count: 2, pct: 50 },
      { part: 'assigned', count: 1, pct: 25 },
      { part: 'conflicts', count: 1, pct: 25 },
    ]);
    expect(loads[0].total).toBe(4);
    expect(loads[0].donePct).toBe(67);
    expect(loads[1].segments).toEqual([
      { part: 'inProgress', count: 2, pct: 50 },
    ]);
    expect(loads[2]).toMatchObject({ segments: [], total: 0, donePct: 0 });
  });

  it('orders reviewers lightest first', () => {
    const list = [
      reviewer({ name: 'B', load: 2 }),
      reviewer({ name: 'C', load: 1 }),
      reviewer({ name: 'A', load: 2 }),
    ];
    expect(byLoad(list).map((r) => r.name)).toEqual(['C', 'A', 'B']);
  });
});
