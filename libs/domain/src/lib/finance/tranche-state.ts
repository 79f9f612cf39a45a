import { TransitionError } from './transition-error';

/**
 * A tranche of a grant: planned → requested (a payment request) → paid.
 * When its payment is rejected or cancelled it goes back to planned (to be
 * requested again); an amendment can cancel a planned tranche. A paid tranche
 * is history.
 */
export const TRANCHE_STATES = ['planned', 'requested', 'paid', 'cancelled'] as const;
export type TrancheState = (typeof TRANCHE_STATES)[number];

export const TRANCHE_ACTIONS = ['request', 'pay', 'release', 'cancel'] as const;
export type TrancheAction = (typeof TRANCHE_ACTIONS)[number];

const TRANCHE_TRANSITIONS: Readonly<Record<TrancheAction, { from: readonly TrancheState[]; to: TrancheState }>> = {
  request: { from: ['planned'], to: 'requested' },
  pay: { from: ['requested'], to: 'paid' },
  // The payment was rejected (by finance or returned by the bank) or cancelled.
  release: { from: ['requested'], to: 'planned' },
  // Only by amendment, and only before any payment was asked for.
  cancel: { from: ['planned'], to: 'cancelled' },
};

export function isTrancheState(value: unknown): value is TrancheState {
  return typeof value === 'string' && (TRANCHE_STATES as readonly string[]).includes(value);
}

export function trancheAllowedActions(from: TrancheState): TrancheAction[] {
  return TRANCHE_ACTIONS.filter((a) => TRANCHE_TRANSITIONS[a].from.includes(from));
}

export function canTrancheTransition(from: TrancheState, action: TrancheAction): boolean {
  return TRANCHE_TRANSITIONS[action].from.includes(from);
}

/** The state after `action`, or a TransitionError (TRANCHE_TRANSITION_NOT_ALLOWED) naming the allowed actions. */
export function nextTrancheState(from: TrancheState, action: TrancheAction): TrancheState {
  if (!canTrancheTransition(from, action)) throw new TransitionError('TRANCHE_TRANSITION_NOT_ALLOWED', from, action, trancheAllowedActions(from));
  return TRANCHE_TRANSITIONS[action].to;
}
