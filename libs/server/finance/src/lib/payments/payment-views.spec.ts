import { PaymentRow, paymentActions, receiptDifference } from './payment-views';

const base = {
  state: 'requested',
  requested_by: 'officer',
  approved_by: null,
  second_approved_by: null,
  required_approvals: 1,
  three_people: true,
} as unknown as PaymentRow;

const row = (overrides: Partial<PaymentRow>): PaymentRow => ({ ...base, ...overrides });
const finance = (userId: string) => ({ userId, roles: ['finance'] as const });

describe('the desk actions of a payment, per viewer', () => {
  it('the requester holding officer and finance roles may cancel, not approve, and is told why', () => {
    expect(paymentActions(row({}), { userId: 'officer', roles: ['officer', 'finance'] })).toEqual({ actions: ['reject', 'cancel'], blockedBy: 'SOD_REQUESTER_CANNOT_APPROVE' });
  });

  it('another finance user may approve or reject; an officer may cancel; an auditor nothing', () => {
    expect(paymentActions(row({}), finance('a'))).toEqual({ actions: ['approve', 'reject'], blockedBy: null });
    expect(paymentActions(row({}), { userId: 'o2', roles: ['officer'] })).toEqual({ actions: ['cancel'], blockedBy: null });
    expect(paymentActions(row({}), { userId: 'x', roles: ['auditor'] })).toEqual({ actions: [], blockedBy: null });
  });

  it('the first of two approvers sees why they cannot approve again; a second finance user can', () => {
    const half = row({ required_approvals: 2, approved_by: 'a' });
    expect(paymentActions(half, finance('a'))).toEqual({ actions: ['reject'], blockedBy: 'SOD_ALREADY_APPROVED' });
    expect(paymentActions(half, finance('b')).actions).toContain('approve');
  });

  it('in the bank: an approver may not pay with three people, may with two; anyone else in finance may', () => {
    const sent = row({ state: 'sent_to_bank', approved_by: 'a' });
    expect(paymentActions(sent, finance('a'))).toEqual({ actions: ['reject'], blockedBy: 'SOD_PAYER_IS_APPROVER' });
    expect(paymentActions({ ...sent, three_people: false }, finance('a')).actions).toEqual(['reject', 'pay']);
    expect(paymentActions(sent, finance('c')).actions).toEqual(['reject', 'pay']);
  });

  it('paid, rejected and cancelled payments offer nothing; grantees are offered nothing on the desk', () => {
    for (const state of ['paid', 'rejected', 'cancelled'] as const) expect(paymentActions(row({ state }), finance('a')).actions).toEqual([]);
    expect(paymentActions(row({}), { userId: 'g', roles: ['applicant'], grantee: true })).toEqual({ actions: [], blockedBy: null });
  });
});

describe('receipt difference', () => {
  const paid = { currency: 'SEK', amount_minor: '5000000', transfer_currency: 'USD', transfer_minor: '515230' } as const;
  it('in the transfer currency: received − sent', () => {
    expect(receiptDifference({ ...paid, received_minor: '513230', received_currency: 'USD' })).toBe(-2000n);
  });
  it('in the grant currency: received − the payment amount', () => {
    expect(receiptDifference({ ...paid, received_minor: '5000100', received_currency: 'SEK' })).toBe(100n);
  });
  it('nothing confirmed: no difference', () => {
    expect(receiptDifference({ ...paid, received_minor: null, received_currency: null })).toBeNull();
  });
});
