import {
  GRANT_ACTIONS,
  GRANT_ACTOR,
  GRANT_STATES,
  GrantAction,
  GrantState,
  canAmendGrant,
  canGrantTransition,
  canRequestPayment,
  grantAllowedActions,
  isGrantAction,
  isGrantEditable,
  isGrantFinal,
  isGrantState,
  nextGrantState,
} from './grant-state';
import { TransitionError } from './transition-error';

describe('grant state machine', () => {
  it('follows the agreement: draft → awaiting signature → awaiting countersignature → active → closed', () => {
    let s: GrantState = 'draft';
    for (const a of ['send_for_signature', 'sign', 'countersign', 'suspend', 'resume', 'close'] as GrantAction[]) s = nextGrantState(s, a);
    expect(s).toBe('closed');
  });

  it('the exact transition table', () => {
    const table = Object.fromEntries(GRANT_STATES.map((s) => [s, Object.fromEntries(grantAllowedActions(s).map((a) => [a, nextGrantState(s, a)]))]));
    expect(table).toEqual({
      draft: { send_for_signature: 'awaiting_signature', cancel: 'cancelled' },
      awaiting_signature: { recall: 'draft', sign: 'awaiting_countersignature', cancel: 'cancelled' },
      awaiting_countersignature: { countersign: 'active', cancel: 'cancelled' },
      active: { suspend: 'suspended', close: 'closed' },
      suspended: { resume: 'active' },
      closed: {},
      cancelled: {},
    });
  });

  it('refuses everything else with a typed error naming the allowed actions', () => {
    for (const s of GRANT_STATES) {
      for (const a of GRANT_ACTIONS) {
        if (canGrantTransition(s, a)) continue;
        try {
          nextGrantState(s, a);
          throw new Error(`expected ${a} from ${s} to be refused`);
        } catch (e) {
          expect(e).toBeInstanceOf(TransitionError);
          const err = e as TransitionError;
          expect(err.code).toBe('GRANT_TRANSITION_NOT_ALLOWED');
          expect(err.params).toEqual({ from: s, action: a, allowed: grantAllowedActions(s) });
        }
      }
    }
  });

  it('an active grant cannot be cancelled, only closed; a grantee cannot countersign', () => {
    expect(canGrantTransition('active', 'cancel')).toBe(false);
    expect(GRANT_ACTOR.sign).toBe('grantee');
    expect(GRANT_ACTOR.countersign).toBe('officer');
  });

  it('edits only in draft, amendments and payment requests only when active', () => {
    expect(GRANT_STATES.filter(isGrantEditable)).toEqual(['draft']);
    expect(GRANT_STATES.filter(canAmendGrant)).toEqual(['active']);
    expect(GRANT_STATES.filter(canRequestPayment)).toEqual(['active']);
    expect(GRANT_STATES.filter(isGrantFinal)).toEqual(['closed', 'cancelled']);
  });

  it('guards', () => {
    expect(isGrantState('active')).toBe(true);
    expect(isGrantState('paid')).toBe(false);
    expect(isGrantAction('sign')).toBe(true);
    expect(isGrantAction(3)).toBe(false);
  });
});
