import {
  PAYMENT_ACTIONS,
  PAYMENT_STATES,
  canPaymentTransition,
  holdsRequestedMoney,
  isPaymentFinal,
  isPaymentState,
  nextPaymentState,
  paymentAllowedActions,
} from './payment-state';
import { TransitionError } from './transition-error';

describe('payment state machine', () => {
  it('the exact transition table', () => {
    const table = Object.fromEntries(PAYMENT_STATES.map((s) => [s, Object.fromEntries(paymentAllowedActions(s).map((a) => [a, nextPaymentState(s, a)]))]));
    expect(table).toEqual({
      requested: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
      approved: { send_to_bank: 'sent_to_bank', reject: 'rejected', cancel: 'cancelled' },
      sent_to_bank: { record_paid: 'paid', bank_return: 'rejected' },
      paid: { confirm_receipt: 'paid' },
      rejected: {},
      cancelled: {},
    });
  });

  it('a first of two approvals leaves the payment requested; the second approves it', () => {
    expect(nextPaymentState('requested', 'approve', { given: 1, required: 2 })).toBe('requested');
    expect(nextPaymentState('requested', 'approve', { given: 2, required: 2 })).toBe('approved');
    expect(nextPaymentState('requested', 'approve', { given: 1, required: 1 })).toBe('approved');
  });

  it('a payment in a bank file cannot be cancelled, only paid or returned by the bank', () => {
    expect(canPaymentTransition('sent_to_bank', 'cancel')).toBe(false);
    expect(canPaymentTransition('sent_to_bank', 'reject')).toBe(false);
    expect(nextPaymentState('sent_to_bank', 'bank_return')).toBe('rejected');
  });

  it('refuses the rest with PAYMENT_TRANSITION_NOT_ALLOWED and the allowed actions', () => {
    for (const s of PAYMENT_STATES) {
      for (const a of PAYMENT_ACTIONS) {
        if (canPaymentTransition(s, a)) continue;
        let error: unknown = null;
        try {
          nextPaymentState(s, a, { given: 2, required: 2 });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(TransitionError);
        expect((error as TransitionError).code).toBe('PAYMENT_TRANSITION_NOT_ALLOWED');
        expect((error as TransitionError).params).toEqual({ from: s, action: a, allowed: paymentAllowedActions(s) });
      }
    }
  });

  it('final states and money held', () => {
    expect(PAYMENT_STATES.filter(isPaymentFinal)).toEqual(['paid', 'rejected', 'cancelled']);
    expect(PAYMENT_STATES.filter(holdsRequestedMoney)).toEqual(['requested', 'approved', 'sent_to_bank']);
    expect(isPaymentState('sent_to_bank')).toBe(true);
    expect(isPaymentState('sent')).toBe(false);
  });
});
