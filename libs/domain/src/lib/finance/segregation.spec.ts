import { approvalCheck, payerCheck, requiredApprovals } from './segregation';

const fresh = { requestedBy: 'officer', approvedBy: null, secondApprovedBy: null, requiredApprovals: 2 };

describe('requiredApprovals', () => {
  it('needs two above the threshold, one at or below it', () => {
    expect(requiredApprovals(10_000_001n, 10_000_000n)).toBe(2);
    expect(requiredApprovals(10_000_000n, 10_000_000n)).toBe(1);
    expect(requiredApprovals(1n, 10_000_000n)).toBe(1);
    expect(requiredApprovals(1n, 0n)).toBe(2);
  });
});

describe('approvalCheck', () => {
  it('the requester cannot approve, whatever roles they hold', () => {
    expect(approvalCheck(fresh, 'officer')).toEqual({ ok: false, code: 'SOD_REQUESTER_CANNOT_APPROVE', params: {} });
  });

  it('someone else can give the first approval', () => {
    expect(approvalCheck(fresh, 'finance1')).toEqual({ ok: true });
  });

  it('the second approver is a third person', () => {
    const once = { ...fresh, approvedBy: 'finance1' };
    expect(approvalCheck(once, 'finance1')).toEqual({ ok: false, code: 'SOD_ALREADY_APPROVED', params: {} });
    expect(approvalCheck(once, 'officer')).toMatchObject({ ok: false, code: 'SOD_REQUESTER_CANNOT_APPROVE' });
    expect(approvalCheck(once, 'finance2')).toEqual({ ok: true });
    expect(approvalCheck({ ...once, secondApprovedBy: 'finance2' }, 'finance2')).toMatchObject({ ok: false, code: 'SOD_ALREADY_APPROVED' });
  });
});

describe('payerCheck', () => {
  const approved = { requestedBy: 'officer', approvedBy: 'finance1', secondApprovedBy: 'finance2' };

  it('the requester never pays', () => {
    expect(payerCheck(approved, 'officer', true)).toMatchObject({ ok: false, code: 'SOD_PAYER_IS_REQUESTER' });
    expect(payerCheck(approved, 'officer', false)).toMatchObject({ ok: false, code: 'SOD_PAYER_IS_REQUESTER' });
  });

  it('with three people, neither approver pays', () => {
    expect(payerCheck(approved, 'finance1', true)).toMatchObject({ ok: false, code: 'SOD_PAYER_IS_APPROVER' });
    expect(payerCheck(approved, 'finance2', true)).toMatchObject({ ok: false, code: 'SOD_PAYER_IS_APPROVER' });
    expect(payerCheck(approved, 'finance3', true)).toEqual({ ok: true });
  });

  it('without the three-people rule an approver may pay', () => {
    expect(payerCheck(approved, 'finance1', false)).toEqual({ ok: true });
    expect(payerCheck({ ...approved, secondApprovedBy: null }, 'finance1', false)).toEqual({ ok: true });
  });
});
