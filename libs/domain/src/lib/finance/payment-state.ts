import { TransitionError } from './transition-error';

/**
 * A payment: requested → approved (by one finance approver, or two when the
 * amount is above the agency's threshold — it stays requested until the
 * second approval) → sent_to_bank (in a bank file) → paid. Before it is sent
 * finance can reject it and the requester (or an officer) can cancel it. Once
 * in a bank file it can no longer be cancelled: it is paid, or the bank
 * returns it ('bank_return' → rejected, with the bank's reason). The grantee
 * confirms receipt of a paid payment (no state change). Paid, rejected and
 * cancelled are final (the database's guard trigger agrees).
 */
export const PAYMENT_STATES = ['requested', 'approved', 'sent_to_bank', 'paid', 'rejected', 'cancelled'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const PAYMENT_ACTIONS = ['approve', 'send_to_bank', 'record_paid', 'reject', 'cancel', 'bank_return', 'confirm_receipt'] as const;
export type PaymentAction = (typeof PAYMENT_ACTIONS)[number];

/** Who takes an action. Which person may take it is segregation.ts. */
export const PAYMENT_ACTOR: Readonly<Record<PaymentAction, 'finance' | 'requester' | 'grantee'>> = {
  approve: 'finance',
  send_to_bank: 'finance',
  record_paid: 'finance',
  reject: 'finance',
  cancel: 'requester',
  bank_return: 'finance',
  confirm_receipt: 'grantee',
};

const PAYMENT_TRANSITIONS: Readonly<Record<PaymentAction, { from: readonly PaymentState[]; to: PaymentState }>> = {
  approve: { from: ['requested'], to: 'approved' },
  send_to_bank: { from: ['approved'], to: 'sent_to_bank' },
  record_paid: { from: ['sent_to_bank'], to: 'paid' },
  reject: { from: ['requested', 'approved'], to: 'rejected' },
  cancel: { from: ['requested', 'approved'], to: 'cancelled' },
  bank_return: { from: ['sent_to_bank'], to: 'rejected' },
  confirm_receipt: { from: ['paid'], to: 'paid' },
};

export function isPaymentState(value: unknown): value is PaymentState {
  return typeof value === 'string' && (PAYMENT_STATES as readonly string[]).includes(value);
}

export function paymentAllowedActions(from: PaymentState): PaymentAction[] {
  return PAYMENT_ACTIONS.filter((a) => PAYMENT_TRANSITIONS[a].from.includes(from));
}

export function canPaymentTransition(from: PaymentState, action: PaymentAction): boolean {
  return PAYMENT_TRANSITIONS[action].from.includes(from);
}

/**
 * The state after `action`, or a TransitionError (PAYMENT_TRANSITION_NOT_ALLOWED).
 * For 'approve', pass the approvals the payment has after this one and how many
 * it needs: a first of two approvals leaves it requested.
 */
export function nextPaymentState(from: PaymentState, action: PaymentAction, approvals?: { given: number; required: number }): PaymentState {
  if (!canPaymentTransition(from, action)) throw new TransitionError('PAYMENT_TRANSITION_NOT_ALLOWED', from, action, paymentAllowedActions(from));
  if (action === 'approve' && approvals && approvals.given < approvals.required) return 'requested';
  return PAYMENT_TRANSITIONS[action].to;
}

/** Whether the payment still holds money in payment_requested (so rejecting or cancelling it must release it). */
export function holdsRequestedMoney(state: PaymentState): boolean {
  return state === 'requested' || state === 'approved' || state === 'sent_to_bank';
}

export function isPaymentFinal(state: PaymentState): boolean {
  return state === 'paid' || state === 'rejected' || state === 'cancelled';
}
