/**
 * Segregation of duties on payments (docs/DESIGN.md, "Money"; issue 9): the
 * person who asks for money is never the one who approves it, a second
 * approver (above the agency's threshold) is a third person, and the person who
 * records it paid is neither the requester nor — when the agency keeps the
 * three-people rule, the default — an approver. The checks are on user ids, so
 * a user holding both the officer and the finance role is still caught. The
 * database's CHECK constraints hold the same rules.
 */
export const SOD_CODES = ['SOD_REQUESTER_CANNOT_APPROVE', 'SOD_ALREADY_APPROVED', 'SOD_PAYER_IS_APPROVER', 'SOD_PAYER_IS_REQUESTER'] as const;
export type SodCode = (typeof SOD_CODES)[number];

export type SodResult = { ok: true } | { ok: false; code: SodCode; params: Readonly<Record<string, string>> };

export interface PaymentPeople {
  requestedBy: string;
  approvedBy: string | null;
  secondApprovedBy: string | null;
  /** 1, or 2 above the agency's threshold (see requiredApprovals). */
  requiredApprovals: number;
}

const OK: SodResult = { ok: true };

/**
 * How many finance approvals a payment needs: 2 when the amount is above the
 * agency's threshold (finance_settings.second_approval_threshold_minor, in the
 * payment's currency), else 1. A threshold of 0 means every payment needs two.
 */
export function requiredApprovals(amountMinor: bigint, thresholdMinor: bigint): 1 | 2 {
  return amountMinor > thresholdMinor ? 2 : 1;
}

/** May `userId` give the payment's next approval? (Whether one is still needed is the payment state machine.) */
export function approvalCheck(payment: PaymentPeople, userId: string): SodResult {
  if (userId === payment.requestedBy) return { ok: false, code: 'SOD_REQUESTER_CANNOT_APPROVE', params: {} };
  if (userId === payment.approvedBy || userId === payment.secondApprovedBy) return { ok: false, code: 'SOD_ALREADY_APPROVED', params: {} };
  return OK;
}

/** May `userId` record the payment as paid? With threePeople the payer is none of requester and approvers. */
export function payerCheck(payment: Omit<PaymentPeople, 'requiredApprovals'>, userId: string, threePeople: boolean): SodResult {
  if (userId === payment.requestedBy) return { ok: false, code: 'SOD_PAYER_IS_REQUESTER', params: {} };
  if (threePeople && (userId === payment.approvedBy || userId === payment.secondApprovedBy)) return { ok: false, code: 'SOD_PAYER_IS_APPROVER', params: {} };
  return OK;
}
