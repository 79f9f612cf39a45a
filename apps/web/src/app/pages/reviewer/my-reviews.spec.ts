import type { MyReviewItem } from '@mizan/contracts';
import {
  actionKey,
  dueState,
  filterReviews,
  formatScore,
  groupReviews,
  initialFilter,
  reviewGroupOf,
  reviewProgress,
  statusTone,
} from './my-reviews';

function item(overrides: Partial<MyReviewItem>): MyReviewItem {
  return {
    assignmentId: 'a',
    status: 'assigned',
    applicationId: 'app',
    applicationTitle: 'Clean water',
    receiptNumber: 'MZ-1',
    organizationName: 'Org',
    partnerNames: [],
    callId: 'c',
    callTitle: 'Call',
    dueOn: null,
    assignedAt: '2027-01-01T10:00:00.000Z',
    submittedAt: null,
    ...overrides,
  };
}

const TODAY = '2027-05-10';

describe('my reviews', () => {
  it('puts assigned, declared and drafts under "to do", conflicts and reassignments under "withdrawn"', () => {
    expect(reviewGroupOf('assigned')).toBe('todo');
    expect(reviewGroupOf('declared')).toBe('todo');
    expect(reviewGroupOf('in_progress')).toBe('todo');
    expect(reviewGroupOf('submitted')).toBe('submitted');
    expect(reviewGroupOf('conflict')).toBe('withdrawn');
    expect(reviewGroupOf('reassigned')).toBe('withdrawn');
  });

  it('groups keeping the api order inside each group', () => {
    const grouped = groupReviews([
      item({ assignmentId: '1', status: 'in_progress' }),
      item({ assignmentId: '2', status: 'submitted' }),
      item({ assignmentId: '3', status: 'assigned' }),
      item({ assignmentId: '4', status: 'conflict' }),
    ]);
    expect(grouped.todo.map((i) => i.assignmentId)).toEqual(['1', '3']);
    expect(grouped.submitted.map((i) => i.assignmentId)).toEqual(['2']);
    expect(grouped.withdrawn.map((i) => i.assignmentId)).toEqual(['4']);
  });

  it('counts progress over live assignments only: "3 of 5 submitted"', () => {
    const items = [
      item({ status: 'submitted' }),
      item({ status: 'submitted' }),
      item({ status: 'submitted' }),
      item({ status: 'declared', dueOn: '2027-05-09' }),
      item({ status: 'assigned', dueOn: '2027-05-10' }),
      item({ status: 'conflict', dueOn: '2027-01-01' }),
    ];
    expect(reviewProgress(items, TODAY)).toEqual({
      submitted: 3,
      total: 5,
      percent: 60,
      overdue: 1,
    });
    expect(reviewProgress([], TODAY)).toEqual({
      submitted: 0,
      total: 0,
      percent: 0,
      overdue: 0,
    });
  });

  it('marks only unfinished work as overdue or due today', () => {
    expect(dueState(item({ dueOn: '2027-05-09' }), TODAY)).toBe('overdue');
    expect(dueState(item({ dueOn: '2027-05-10' }), TODAY)).toBe('today');
    expect(dueState(item({ dueOn: '2027-05-11' }), TODAY)).toBe('upcoming');
    expect(dueState(item({ dueOn: null }), TODAY)).toBe('none');
    expect(
      dueState(item({ status: 'submitted', dueOn: '2027-05-01' }), TODAY),
    ).toBe('none');
    expect(
      dueState(item({ status: 'conflict', dueOn: '2027-05-01' }), TODAY),
    ).toBe('none');
  });

  it('shows every non-empty group for "all", and the chosen group even when empty', () => {
    const grouped = groupReviews([item({ status: 'submitted' })]);
    expect(filterReviews(grouped, 'all').map((s) => s.group)).toEqual([
      'submitted',
    ]);
    expect(filterReviews(grouped, 'todo')).toEqual([
      { group: 'todo', items: [] },
    ]);
  });

  it('opens on the work still to do, or on everything when there is none', () => {
    expect(initialFilter(groupReviews([item({ status: 'declared' })]))).toBe(
      'todo',
    );
    expect(initialFilter(groupReviews([item({ status: 'submitted' })]))).toBe(
      'all',
    );
  });

  it('names the next step on each card, and never draws a status by colour alone', () => {
    expect(actionKey('assigned')).toBe('reviewer.action.declare');
    expect(actionKey('declared')).toBe('reviewer.action.start');
    expect(actionKey('in_progress')).toBe('reviewer.action.continue');
    expect(actionKey('submitted')).toBe('reviewer.action.view');
    expect(statusTone('submitted')).toBe('good');
    expect(statusTone('assigned')).toBe('warn');
  });

  it('writes a weighted score with two decimals in the reader’s digits', () => {
    expect(formatScore(3.4, 'en-GB')).toBe('3.40');
    expect(formatScore(3.45, 'ar-u-nu-arab')).toBe('٣٫٤٥');
    expect(formatScore(5, 'sv-SE')).toBe('5,00');
  });
});
