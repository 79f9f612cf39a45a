import { TRANCHE_ACTIONS, TRANCHE_STATES, canTrancheTransition, isTrancheState, nextTrancheState, trancheAllowedActions } from './tranche-state';
import { TransitionError } from './transition-error';

describe('tranche state machine', () => {
  it('the exact transition table', () => {
    const table = Object.fromEntries(TRANCHE_STATES.map((s) => [s, Object.fromEntries(trancheAllowedActions(s).map((a) => [a, nextTrancheState(s, a)]))]));
    expect(table).toEqual({
      planned: { request: 'requested', cancel: 'cancelled' },
      requested: { pay: 'paid', release: 'planned' },
      paid: {},
      cancelled: {},
    });
  });

  it('refuses the rest with TRANCHE_TRANSITION_NOT_ALLOWED', () => {
    let refused = 0;
    for (const s of TRANCHE_STATES) {
      for (const a of TRANCHE_ACTIONS) {
        if (canTrancheTransition(s, a)) continue;
        refused++;
        expect(() => nextTrancheState(s, a)).toThrow(TransitionError);
        try {
          nextTrancheState(s, a);
        } catch (e) {
          expect((e as TransitionError).code).toBe('TRANCHE_TRANSITION_NOT_ALLOWED');
          expect((e as TransitionError).params.allowed).toEqual(trancheAllowedActions(s));
        }
      }
    }
    expect(refused).toBe(12);
  });

  it('a requested tranche cannot be cancelled; a paid one cannot go back', () => {
    expect(canTrancheTransition('requested', 'cancel')).toBe(false);
    expect(canTrancheTransition('paid', 'release')).toBe(false);
    expect(isTrancheState('paid')).toBe(true);
    expect(isTrancheState('approved')).toBe(false);
  });
});
