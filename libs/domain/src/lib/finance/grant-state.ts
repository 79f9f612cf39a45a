import { TransitionError } from './transition-error';

/**
 * The grant agreement's life (DESIGN.md, "The life of a grant", step 6):
 * the officer drafts it and sends it for signature, the grantee's signatory
 * signs, an officer countersigns and the grant is active; it can be suspended
 * and resumed, and closed. Before it is active it can be cancelled. Only a
 * draft's content is edited in place; an active grant changes by amendment
 * (a new grant_version), so what was signed never changes under anyone.
 */
export const GRANT_STATES = ['draft', 'awaiting_signature', 'awaiting_countersignature', 'active', 'suspended', 'closed', 'cancelled'] as const;
export type GrantState = (typeof GRANT_STATES)[number];

export const GRANT_ACTIONS = ['send_for_signature', 'recall', 'sign', 'countersign', 'suspend', 'resume', 'close', 'cancel'] as const;
export type GrantAction = (typeof GRANT_ACTIONS)[number];

/** Who takes an action: an officer of the agency or the grantee's signatory. */
export const GRANT_ACTOR: Readonly<Record<GrantAction, 'officer' | 'grantee'>> = {
  send_for_signature: 'officer',
  recall: 'officer',
  sign: 'grantee',
  countersign: 'officer',
  suspend: 'officer',
  resume: 'officer',
  close: 'officer',
  cancel: 'officer',
};

const GRANT_TRANSITIONS: Readonly<Record<GrantAction, { from: readonly GrantState[]; to: GrantState }>> = {
  send_for_signature: { from: ['draft'], to: 'awaiting_signature' },
  // Taking back an agreement nobody has signed yet, to correct it: no signature is lost.
  recall: { from: ['awaiting_signature'], to: 'draft' },
  sign: { from: ['awaiting_signature'], to: 'awaiting_countersignature' },
  countersign: { from: ['awaiting_countersignature'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  close: { from: ['active'], to: 'closed' },
  cancel: { from: ['draft', 'awaiting_signature', 'awaiting_countersignature'], to: 'cancelled' },
};

export function isGrantState(value: unknown): value is GrantState {
  return typeof value === 'string' && (GRANT_STATES as readonly string[]).includes(value);
}

export function isGrantAction(value: unknown): value is GrantAction {
  return typeof value === 'string' && (GRANT_ACTIONS as readonly string[]).includes(value);
}

export function grantAllowedActions(from: GrantState): GrantAction[] {
  return GRANT_ACTIONS.filter((a) => GRANT_TRANSITIONS[a].from.includes(from));
}

export function canGrantTransition(from: GrantState, action: GrantAction): boolean {
  return GRANT_TRANSITIONS[action].from.includes(from);
}

/** The state after `action`, or a TransitionError (GRANT_TRANSITION_NOT_ALLOWED) naming the allowed actions. */
export function nextGrantState(from: GrantState, action: GrantAction): GrantState {
  if (!canGrantTransition(from, action)) throw new TransitionError('GRANT_TRANSITION_NOT_ALLOWED', from, action, grantAllowedActions(from));
  return GRANT_TRANSITIONS[action].to;
}

/** Only a draft's content (amount, period, tranches, budget, conditions) is edited in place. */
export function isGrantEditable(state: GrantState): boolean {
  return state === 'draft';
}

/** Amendments (a new version, re-signed) are for active grants. */
export function canAmendGrant(state: GrantState): boolean {
  return state === 'active';
}

/** Payments can be requested only while the grant is active (a suspended grant holds its payments). */
export function canRequestPayment(state: GrantState): boolean {
  return state === 'active';
}

/** Ends: no action leads out of them. */
export function isGrantFinal(state: GrantState): boolean {
  return grantAllowedActions(state).length === 0;
}
