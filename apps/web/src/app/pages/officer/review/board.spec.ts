import type { BoardRowView } from '@mizan/contracts';
import {
  DEFAULT_BOARD_FILTER,
  boardFilterFromParams,
  boardFilterParams,
  boardItems,
  boardQuery,
  formatScore,
  fundingLinePosition,
  isolate,
  orderedReviewers,
  parseThreshold,
} from './board';

function row(overrides: Partial<BoardRowView>): BoardRowView {
  return {
    applicationId: 'a',
    title: 'T',
    organizationName: 'O',
    receiptNumber: 'MZ-1',
    submittedAt: '2027-01-01T10:00:00.000Z',
    state: 'in_review',
    requestedMinor: '100',
    reviewers: [],
    submittedReviews: 0,
    meanScore: null,
    spread: null,
    disagreement: false,
    rank: null,
    cumulativeRequestedMinor: null,
    aboveFundingLine: false,
    ...overrides,
  };
}

const above = (rank: number) =>
  row({ applicationId: `r${rank}`, rank, aboveFundingLine: true });
const below = (rank: number) =>
  row({ applicationId: `r${rank}`, rank, aboveFundingLine: false });
const unranked = (id: string) => row({ applicationId: id });

describe('fundingLinePosition', () => {
  it('falls after the last application above the line, in rank order', () => {
    expect(
      fundingLinePosition(
        [above(1), above(2), below(3), unranked('x')],
        'rank',
        'asc',
      ),
    ).toBe(2);
  });

  it('is drawn at the top when not even the best ranked application fits', () => {
    expect(fundingLinePosition([below(1), below(2)], 'rank', 'asc')).toBe(0);
  });

  it('falls after the last ranked row when everything ranked fits, before the unranked ones', () => {
    expect(
      fundingLinePosition([above(1), above(2), unranked('x')], 'rank', 'asc'),
    ).toBe(2);
  });

  it('is drawn before the first application above when the weakest come first', () => {
    expect(
      fundingLinePosition(
        [below(4), below(3), above(2), above(1), unranked('x')],
        'rank',
        'desc',
      ),
    ).toBe(2);
    expect(fundingLinePosition([below(2), below(1)], 'rank', 'desc')).toBe(2);
    expect(fundingLinePosition([above(2), above(1)], 'rank', 'desc')).toBe(0);
  });

  it('on a page of the board, is drawn only where it falls (beside the last above or first below)', () => {
    // Ranks 1–2 above; a page of ranks 3–4 starts right below the line: drawn at its top.
    expect(fundingLinePosition([below(3), below(4)], 'rank', 'asc', 2)).toBe(0);
    // A later page (ranks 5–6): no line.
    expect(fundingLinePosition([below(5), below(6)], 'rank', 'asc', 2)).toBeNull();
    // A page wholly above the line, not its end: no line; the page ending on the last above: after it.
    expect(fundingLinePosition([above(1), above(2)], 'rank', 'asc', 3)).toBeNull();
    expect(fundingLinePosition([above(2), above(3)], 'rank', 'asc', 3)).toBe(2);
    // Weakest first: before the first above row (rank 2 of 2 above), not on pages of the below ones.
    expect(fundingLinePosition([below(3), above(2)], 'rank', 'desc', 2)).toBe(1);
    expect(fundingLinePosition([below(5), below(4)], 'rank', 'desc', 2)).toBeNull();
  });

  it('is not drawn in any other order, nor when nothing is ranked yet', () => {
    expect(
      fundingLinePosition([above(1), below(2)], 'score', 'desc'),
    ).toBeNull();
    expect(
      fundingLinePosition([above(1), below(2)], 'requested', 'asc'),
    ).toBeNull();
    expect(
      fundingLinePosition([unranked('x'), unranked('y')], 'rank', 'asc'),
    ).toBeNull();
    expect(fundingLinePosition([], 'rank', 'asc')).toBeNull();
  });
});

describe('boardItems', () => {
  it('puts the line between the rows, keeping each row its index', () => {
    const rows = [above(1), below(2)];
    const items = boardItems(rows, 1);
    expect(
      items.map((i) => (i.kind === 'line' ? 'line' : i.row.applicationId)),
    ).toEqual(['r1', 'line', 'r2']);
    expect(items[2]).toEqual({ kind: 'row', row: rows[1], index: 1 });
  });

  it('can put the line first or last, or leave it out', () => {
    expect(boardItems([below(1)], 0)[0].kind).toBe('line');
    expect(boardItems([above(1)], 1)[1].kind).toBe('line');
    expect(boardItems([above(1)], null).every((i) => i.kind === 'row')).toBe(
      true,
    );
    expect(boardItems([above(1)], 5).length).toBe(1);
  });
});

describe('board filter', () => {
  it('reads the query string and refuses what it does not know', () => {
    expect(boardFilterFromParams({})).toEqual(DEFAULT_BOARD_FILTER);
    expect(
      boardFilterFromParams({
        sort: 'score',
        disagreement: 'true',
        line: 'below',
        state: 'in_review',
      }),
    ).toEqual({
      sort: 'score',
      direction: 'desc',
      disagreement: true,
      line: 'below',
      state: 'in_review',
    });
    expect(
      boardFilterFromParams({
        sort: 'nonsense',
        dir: 'up',
        line: 'middle',
        state: 'draft',
      }),
    ).toEqual(DEFAULT_BOARD_FILTER);
    expect(
      boardFilterFromParams({ sort: 'title', dir: 'desc' }).direction,
    ).toBe('desc');
  });

  it('writes only what differs from the default back to the query string', () => {
    expect(boardFilterParams(DEFAULT_BOARD_FILTER)).toEqual({
      sort: null,
      dir: null,
      disagreement: null,
      line: null,
      state: null,
    });
    const filter = {
      ...DEFAULT_BOARD_FILTER,
      sort: 'spread' as const,
      direction: 'asc' as const,
      disagreement: true,
    };
    expect(boardFilterParams(filter)).toEqual({
      sort: 'spread',
      dir: 'asc',
      disagreement: 'true',
      line: null,
      state: null,
    });
    expect(
      boardFilterFromParams({
        sort: 'spread',
        dir: 'asc',
        disagreement: 'true',
      }),
    ).toEqual(filter);
  });

  it('becomes the api query', () => {
    expect(boardQuery(DEFAULT_BOARD_FILTER)).toEqual({
      sort: 'rank',
      direction: 'asc',
    });
    expect(
      boardQuery({
        sort: 'score',
        direction: 'desc',
        disagreement: true,
        line: 'above',
        state: 'approved',
      }),
    ).toEqual({
      sort: 'score',
      direction: 'desc',
      disagreement: 'true',
      line: 'above',
      state: 'approved',
    });
  });
});

describe('scores and thresholds', () => {
  it('shows scores with two decimals in the locale', () => {
    expect(formatScore(3.5, 'en-GB')).toBe('3.50');
    expect(formatScore(3.5, 'sv-SE')).toBe('3,50');
    expect(formatScore(null, 'en-GB')).toBe('—');
  });

  it('accepts a threshold from 0 to 5 with at most two decimals', () => {
    expect(parseThreshold('1.5')).toBe(1.5);
    expect(parseThreshold(' 0 ')).toBe(0);
    expect(parseThreshold('5')).toBe(5);
    expect(parseThreshold('1,25')).toBe(1.25);
    expect(parseThreshold('١٫٥')).toBe(1.5);
    expect(parseThreshold('5.01')).toBeNull();
    expect(parseThreshold('1.234')).toBeNull();
    expect(parseThreshold('-1')).toBeNull();
    expect(parseThreshold('')).toBeNull();
    expect(parseThreshold('abc')).toBeNull();
  });

  it('lists submitted reviews first, otherwise in assignment order', () => {
    const r = (name: string, status: 'assigned' | 'submitted') => ({
      assignmentId: name,
      reviewerId: name,
      reviewerName: name,
      status,
      weightedScore: null,
      recommendation: null,
    });
    expect(
      orderedReviewers([
        r('a', 'assigned'),
        r('b', 'submitted'),
        r('c', 'assigned'),
      ]).map((x) => x.reviewerName),
    ).toEqual(['b', 'a', 'c']);
  });
});

describe('isolate', () => {
  it('wraps text in first-strong isolates', () => {
    expect(isolate('SEK 1.00')).toBe('\u2068SEK 1.00\u2069');
  });
});
