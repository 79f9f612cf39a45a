import { ACTION_ACTOR, transition } from '../intake/application-state';
import { ASSIGNMENT_ACTIONS, ASSIGNMENT_STATUSES, OPEN_ASSIGNMENT_STATUSES, assignmentAllowedActions, assignmentTransition, isLiveAssignment, mayReadApplication } from './review-state';

describe('review assignment states', () => {
  it('goes assigned → declared → in progress → submitted', () => {
    expect(assignmentTransition('assigned', 'declare_no_conflict')).toEqual({ ok: true, to: 'declared' });
    expect(assignmentTransition('declared', 'save_draft')).toEqual({ ok: true, to: 'in_progress' });
    expect(assignmentTransition('in_progress', 'save_draft')).toEqual({ ok: true, to: 'in_progress' });
    expect(assignmentTransition('in_progress', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(assignmentTransition('declared', 'submit')).toEqual({ ok: true, to: 'submitted' });
  });

  it('a conflict is declared only before opening; scoring needs a declaration first', () => {
    expect(assignmentTransition('assigned', 'declare_conflict')).toEqual({ ok: true, to: 'conflict' });
    expect(assignmentTransition('declared', 'declare_conflict')).toEqual({ ok: false, reason: 'cannot declare conflict an assignment that is declared' });
    expect(assignmentTransition('assigned', 'save_draft').ok).toBe(false);
    expect(assignmentTransition('assigned', 'submit').ok).toBe(false);
  });

  it('a submitted review is final and cannot be reassigned; conflict and reassigned are ends', () => {
    expect(assignmentAllowedActions('submitted')).toEqual([]);
    expect(assignmentAllowedActions('conflict')).toEqual([]);
    expect(assignmentAllowedActions('reassigned')).toEqual([]);
    expect(assignmentTransition('submitted', 'reassign').ok).toBe(false);
    for (const from of ['assigned', 'declared', 'in_progress'] as const) expect(assignmentTransition(from, 'reassign')).toEqual({ ok: true, to: 'reassigned' });
  });

  it('a decided or withdrawn application closes the open reviews only: a submitted one stays, and closed is an end', () => {
    for (const from of OPEN_ASSIGNMENT_STATUSES) expect(assignmentTransition(from, 'close')).toEqual({ ok: true, to: 'closed' });
    expect(assignmentTransition('submitted', 'close').ok).toBe(false);
    expect(assignmentTransition('conflict', 'close').ok).toBe(false);
    expect(assignmentAllowedActions('closed')).toEqual([]);
    expect(isLiveAssignment('closed')).toBe(false);
    expect(mayReadApplication('closed')).toBe(false);
    expect(ASSIGNMENT_STATUSES.filter((s) => assignmentAllowedActions(s).includes('close'))).toEqual([...OPEN_ASSIGNMENT_STATUSES]);
  });

  it('every transition leads to a known status, and only live ones hold the slot; only declared ones open the application', () => {
    for (const from of ASSIGNMENT_STATUSES) {
      for (const action of ASSIGNMENT_ACTIONS) {
        const result = assignmentTransition(from, action);
        if (result.ok) expect(ASSIGNMENT_STATUSES).toContain(result.to);
      }
    }
    expect(ASSIGNMENT_STATUSES.filter(isLiveAssignment)).toEqual(['assigned', 'declared', 'in_progress', 'submitted']);
    expect(ASSIGNMENT_STATUSES.filter(mayReadApplication)).toEqual(['declared', 'in_progress', 'submitted']);
  });

  it('the application goes into review from eligible only', () => {
    expect(transition('eligible', 'start_review')).toEqual({ ok: true, to: 'in_review' });
    expect(transition('submitted', 'start_review').ok).toBe(false);
    expect(transition('in_review', 'start_review').ok).toBe(false);
    // Never offered as a button: assigning the first reviewer is what takes it.
    expect(ACTION_ACTOR.start_review).toBe('system');
  });
});
