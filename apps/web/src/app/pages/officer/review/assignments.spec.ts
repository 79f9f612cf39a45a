import type { AssignmentView, CallReviewerView } from '@mizan/contracts';
import type { AssignmentStatus } from '@mizan/domain';
import {
  mayRemove,
  reassignSources,
  reviewerChoices,
  splitAssignments,
} from './assignments';

function assignment(
  reviewerId: string,
  status: AssignmentStatus,
): AssignmentView {
  return {
    id: `${reviewerId}-${status}`,
    applicationId: 'app',
    callId: 'call',
    reviewerId,
    reviewerName: reviewerId.toUpperCase(),
    reviewerEmail: `${reviewerId}@example.org`,
    status,
    assignedAt: '2027-01-01T10:00:00.000Z',
    dueOn: null,
    conflictStatement: status === 'conflict' ? 'My cousin runs it' : null,
    conflictDeclaredAt: null,
    submittedAt: null,
    weightedScore: null,
  };
}

function reviewer(reviewerId: string, load: number): CallReviewerView {
  return {
    reviewerId,
    name: reviewerId.toUpperCase(),
    email: `${reviewerId}@example.org`,
    load,
    assigned: load,
    declared: 0,
    inProgress: 0,
    submitted: 0,
    conflicts: 0,
  };
}

const history = [
  assignment('a', 'submitted'),
  assignment('b', 'conflict'),
  assignment('c', 'in_progress'),
  assignment('d', 'reassigned'),
  assignment('e', 'assigned'),
];

describe('splitAssignments', () => {
  it('keeps live reviewers apart from the history', () => {
    const { live, history: past } = splitAssignments(history);
    expect(live.map((a) => a.reviewerId)).toEqual(['a', 'c', 'e']);
    expect(past.map((a) => a.reviewerId)).toEqual(['b', 'd']);
  });

  it('never lets a submitted review be removed', () => {
    expect(history.filter(mayRemove).map((a) => a.reviewerId)).toEqual([
      'c',
      'e',
    ]);
  });
});

describe('reassignSources', () => {
  it('offers reviewers who have not submitted and conflicts without their reviewer back', () => {
    expect(
      reassignSources(history).map((s) => [s.reviewerId, s.status]),
    ).toEqual([
      ['b', 'conflict'],
      ['c', 'in_progress'],
      ['e', 'assigned'],
    ]);
  });

  it('offers each reviewer once', () => {
    const twice = [
      assignment('x', 'reassigned'),
      assignment('x', 'assigned'),
      assignment('y', 'conflict'),
      assignment('y', 'conflict'),
    ];
    expect(reassignSources(twice).map((s) => s.reviewerId)).toEqual(['x', 'y']);
  });
});

describe('reviewerChoices', () => {
  it('lists the lightest first and marks who cannot be chosen', () => {
    const choices = reviewerChoices(
      [reviewer('a', 3), reviewer('b', 0), reviewer('f', 1), reviewer('g', 1)],
      history,
    );
    expect(choices.map((c) => [c.reviewer.reviewerId, c.blocked])).toEqual([
      ['b', 'conflict'],
      ['f', null],
      ['g', null],
      ['a', 'onIt'],
    ]);
  });

  it('can leave one reviewer out (the one being replaced)', () => {
    expect(
      reviewerChoices([reviewer('a', 0), reviewer('f', 0)], [], 'a').map(
        (c) => c.reviewer.reviewerId,
      ),
    ).toEqual(['f']);
  });
});
