import type { PaymentView } from '@mizan/contracts';
import { totalsByCurrency } from '../payments/bank-file-dialog.component';
import {
  approvalCount,
  approveState,
  awaitsSecondApproval,
  blockedKey,
  groupIban,
  paymentStateTone,
  screeningBlockMessage,
} from './finance-labels';

function payment(patch: Partial<PaymentView>): PaymentView {
  return {
    id: 'p1',
    grantId: 'g1',
    grantNumber: 'G-2026-001',
    organizationName: 'Org',
    trancheSeq: 1,
    amountMinor: '40000000',
    currency: 'SEK',
    state: 'requested',
    requiredApprovals: 2,
    threePeople: true,
    requestedBy: { id: 'u1', name: 'Rana' },
    requestedAt: '2026-12-04T10:00:00Z',
    requestNote: null,
    approvedBy: null,
    approvedAt: null,
    secondApprovedBy: null,
    secondApprovedAt: null,
    bankFileId: null,
    paidBy: null,
    paidAt: null,
    valueDate: null,
    bankReference: null,
    debitedMinor: null,
    transferCurrency: null,
    transferMinor: null,
    rate: null,
    rateSource: null,
    feesMinor: null,
    closeReason: null,
    receivedMinor: null,
    receivedCurrency: null,
    receiptConfirmedAt: null,
    receiptNote: null,
    receiptDifferenceMinor: null,
    payeeName: 'Org',
    payeeIban: 'SE4550000000058398257466',
    payeeBic: null,
    actions: [],
    blockedBy: null,
    screeningBlock: null,
    ...patch,
  };
}

describe('finance labels', () => {
  it('explains each segregation-of-duties code, and names an unknown one', () => {
    expect(blockedKey('SOD_REQUESTER_CANNOT_APPROVE')).toBe('finance.blocked.requesterCannotApprove');
    expect(blockedKey('SOD_ALREADY_APPROVED')).toBe('finance.blocked.alreadyApproved');
    expect(blockedKey('SOD_PAYER_IS_APPROVER')).toBe('finance.blocked.payerIsApprover');
    expect(blockedKey('SOD_PAYER_IS_REQUESTER')).toBe('finance.blocked.payerIsRequester');
    expect(blockedKey('SOMETHING_NEW')).toBe('finance.blocked.other');
    expect(blockedKey(null)).toBeNull();
  });

  it('knows when a second approval is awaited', () => {
    const once = payment({ approvedBy: { id: 'a', name: 'A' } });
    expect(awaitsSecondApproval(once)).toBe(true);
    expect(approvalCount(once)).toBe(1);
    expect(awaitsSecondApproval(payment({}))).toBe(false);
    expect(awaitsSecondApproval(payment({ requiredApprovals: 1, approvedBy: { id: 'a', name: 'A' } }))).toBe(false);
    expect(approvalCount(payment({ approvedBy: { id: 'a', name: 'A' }, secondApprovedBy: { id: 'b', name: 'B' } }))).toBe(2);
  });

  it('draws states and IBANs for the eye', () => {
    expect(paymentStateTone('paid')).toBe('good');
    expect(paymentStateTone('rejected')).toBe('bad');
    expect(paymentStateTone('requested')).toBe('warn');
    expect(groupIban('SE4550000000058398257466')).toBe('SE45 5000 0000 0583 9825 7466');
  });

  it('sums a bank file per currency in minor units', () => {
    expect(
      totalsByCurrency([
        payment({ id: 'a', amountMinor: '40000000' }),
        payment({ id: 'b', amountMinor: '123' }),
        payment({ id: 'c', amountMinor: '5000', currency: 'USD' }),
      ]),
    ).toEqual([
      { currency: 'SEK', minor: '40000123', count: 2 },
      { currency: 'USD', minor: '5000', count: 1 },
    ]);
  });

  it('a screening block says why with the error sentence and disables Approve for an approver', () => {
    expect(screeningBlockMessage(payment({}))).toBeNull();
    const blocked = payment({
      actions: ['reject', 'cancel'],
      screeningBlock: { code: 'SCREENING_MATCH_CONFIRMED', count: 1, names: 'Al-Duri Construction' },
    });
    expect(screeningBlockMessage(blocked)).toEqual({
      key: 'errors.code.SCREENING_MATCH_CONFIRMED',
      params: { count: 1, names: 'Al-Duri Construction' },
    });
    expect(approveState(blocked, true)).toBe('disabled');
    expect(approveState(blocked, false)).toBe('hidden');
    expect(approveState(payment({ actions: ['approve', 'reject'] }), true)).toBe('enabled');
    expect(approveState(payment({ actions: ['reject'] }), true)).toBe('hidden');
    // Once approved, the block stops the bank file, not an approval.
    expect(approveState({ ...blocked, state: 'approved' }, true)).toBe('hidden');
  });
});
