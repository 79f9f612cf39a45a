/**
 * A state change that the entity's state machine does not allow. Carries a
 * code (GRANT_/TRANCHE_/PAYMENT_TRANSITION_NOT_ALLOWED, the server maps it to
 * 409) and the params the web needs to explain it: the state, the action
 * tried and the actions that would have been allowed.
 */
export type TransitionErrorCode = 'GRANT_TRANSITION_NOT_ALLOWED' | 'TRANCHE_TRANSITION_NOT_ALLOWED' | 'PAYMENT_TRANSITION_NOT_ALLOWED';

export class TransitionError extends Error {
  readonly params: { from: string; action: string; allowed: string[] };

  constructor(
    readonly code: TransitionErrorCode,
    from: string,
    action: string,
    allowed: readonly string[],
  ) {
    super(`${code}: cannot ${action} from ${from} (allowed: ${allowed.join(', ') || 'none'})`);
    this.name = 'TransitionError';
    this.params = { from, action, allowed: [...allowed] };
  }
}
