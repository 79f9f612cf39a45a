import type { PaymentState, PaymentView } from '@mizan/contracts';
import type { TranslationKey } from '../../../core/i18n/catalog';
import type { Tone } from '../../../core/ui/tone-badge.component';

/** The desk's tabs, in order, and the payment states each shows. */
export const DESK_TABS = [
  { id: 'toApprove', states: ['requested'] },
  { id: 'toExecute', states: ['approved'] },
  { id: 'sent', states: ['sent_to_bank'] },
  { id: 'paid', states: ['paid'] },
  { id: 'closed', states: ['rejected', 'cancelled'] },
] as const satisfies readonly { id: string; states: readonly PaymentState[] }[];

export type DeskTab = (typeof DESK_TABS)[number]['id'];

export function deskTabKey(tab: DeskTab): TranslationKey {
  return `finance.desk.tab.${tab}`;
}

export function paymentStateKey(state: PaymentState): TranslationKey {
  return `finance.payment.state.${state}`;
}

export function paymentStateTone(state: PaymentState): Tone {
  switch (state) {
    case 'paid':
      return 'good';
    case 'approved':
    case 'sent_to_bank':
      return 'info';
    case 'rejected':
    case 'cancelled':
      return 'bad';
    default:
      return 'warn';
  }
}

const BLOCKED_KEYS: Readonly<Record<string, TranslationKey>> = {
  SOD_REQUESTER_CANNOT_APPROVE: 'finance.blocked.requesterCannotApprove',
  SOD_ALREADY_APPROVED: 'finance.blocked.alreadyApproved',
  SOD_PAYER_IS_APPROVER: 'finance.blocked.payerIsApprover',
  SOD_PAYER_IS_REQUESTER: 'finance.blocked.payerIsRequester',
  SECOND_APPROVAL_REQUIRED: 'finance.blocked.secondApproval',
  AWAITING_SECOND_APPROVAL: 'finance.blocked.secondApproval',
  IN_BANK_FILE: 'finance.blocked.inBankFile',
  FORBIDDEN: 'finance.blocked.notYourRole',
};

/** Why the signed-in user cannot act on a payment, in words; null when nothing blocks them. */
export function blockedKey(code: string | null): TranslationKey | null {
  if (!code) return null;
  return BLOCKED_KEYS[code] ?? 'finance.blocked.other';
}

/** Above the threshold, with one approval so far: a second finance officer must approve. */
export function awaitsSecondApproval(p: PaymentView): boolean {
  return (
    p.state === 'requested' &&
    p.requiredApprovals > 1 &&
    p.approvedBy !== null &&
    p.secondApprovedBy === null
  );
}

/** How many of the required approvals a payment has. */
export function approvalCount(p: PaymentView): number {
  return (p.approvedBy ? 1 : 0) + (p.secondApprovedBy ? 1 : 0);
}

export const ACCOUNT_CODES = [
  'appropriation',
  'program_budget',
  'call_envelope',
  'grant_committed',
  'payment_requested',
  'advance_with_grantee',
  'verified_expenditure',
  'ineligible',
  'refund_receivable',
  'refunded',
  'fx_difference',
  'bank_fees',
] as const;

export type AccountCodeName = (typeof ACCOUNT_CODES)[number];

/** A ledger account's name; an unknown code is shown as it is. */
export function accountKey(code: string): TranslationKey | null {
  return (ACCOUNT_CODES as readonly string[]).includes(code)
    ? (`finance.account.${code as AccountCodeName}` as TranslationKey)
    : null;
}

/** An IBAN in groups of four, as it is printed on paper (for the eye; the copy keeps it whole). */
export function groupIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}


/** Why a payment waits for sanctions screening (issue 13): the error's own sentence, with its count and names. */
export interface ScreeningBlockMessage {
  key: TranslationKey;
  params: { count: number; names: string };
}

export function screeningBlockMessage(
  p: Pick<PaymentView, 'screeningBlock'>,
): ScreeningBlockMessage | null {
  const block = p.screeningBlock;
  if (!block) return null;
  return {
    key: `errors.code.${block.code}`,
    params: { count: block.count, names: block.names },
  };
}

/**
 * Approve is offered when the server offers it; while screening blocks a
 * requested payment it stays on the page for an approver, disabled, under the
 * sentence saying why.
 */
export function approveState(
  p: Pick<PaymentView, 'actions' | 'screeningBlock' | 'state'>,
  mayApprove: boolean,
): 'enabled' | 'disabled' | 'hidden' {
  if (p.state === 'requested' && p.screeningBlock && mayApprove) return 'disabled';
  return p.actions.includes('approve') ? 'enabled' : 'hidden';
}
