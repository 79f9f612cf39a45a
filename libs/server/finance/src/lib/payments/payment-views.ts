import { EntityManager } from 'typeorm';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { PaymentState, PaymentView, PersonRef, Role, ScreeningBlockView, can } from '@mizan/contracts';
import { CurrencyCode, approvalCheck, parseRate, payerCheck } from '@mizan/domain';
import { screeningBlocks } from '@mizan/server/screening';

/** A payment row with everything its view needs (grant, organization, tranche, people). */
export interface PaymentRow {
  id: string;
  agency_id: string;
  program_id: string;
  grant_id: string;
  tranche_id: string;
  grant_number: string;
  organization_id: string;
  organization_name: string;
  tranche_seq: number;
  amount_minor: string;
  currency: CurrencyCode;
  state: PaymentState;
  required_approvals: number;
  three_people: boolean;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  request_note: string | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  second_approved_by: string | null;
  second_approved_by_name: string | null;
  second_approved_at: Date | null;
  bank_file_id: string | null;
  paid_by: string | null;
  paid_by_name: string | null;
  paid_at: Date | null;
  value_date: string | null;
  bank_reference: string | null;
  debited_minor: string | null;
  transfer_currency: CurrencyCode | null;
  transfer_minor: string | null;
  rate: string | null;
  rate_source: string | null;
  fees_minor: string | null;
  close_reason: string | null;
  received_minor: string | null;
  received_currency: CurrencyCode | null;
  receipt_confirmed_at: Date | null;
  receipt_note: string | null;
  payee_name: string;
  payee_iban: string;
  payee_bic: string | null;
  grant_starts_on: string;
  grant_state: string;
}

export const PAYMENT_SELECT = `
  SELECT p.id, p.agency_id, p.program_id, p.grant_id, p.tranche_id, g.grant_number, g.organization_id, o.legal_name AS organization_name,
         t.seq AS tranche_seq, p.amount_minor::text AS amount_minor, p.currency, p.state, p.required_approvals, p.three_people,
         p.requested_by, ru.display_name AS requested_by_name, p.requested_at, p.request_note,
         p.approved_by, au.display_name AS approved_by_name, p.approved_at,
         p.second_approved_by, su.display_name AS second_approved_by_name, p.second_approved_at,
         p.bank_file_id, p.paid_by, pu.display_name AS paid_by_name, p.paid_at, p.value_date::text AS value_date, p.bank_reference,
         p.debited_minor::text AS debited_minor, p.transfer_currency, p.transfer_minor::text AS transfer_minor, p.rate::text AS rate,
         p.rate_source, p.fees_minor::text AS fees_minor, p.close_reason, p.received_minor::text AS received_minor, p.received_currency,
         p.receipt_confirmed_at, p.receipt_note, g.payee_name, g.payee_iban, g.payee_bic, g.starts_on::text AS grant_starts_on, g.state AS grant_state
    FROM payment p
    JOIN grant_award g ON g.id = p.grant_id
    JOIN organization o ON o.id = g.organization_id
    JOIN tranche t ON t.id = p.tranche_id
    JOIN app_user ru ON ru.id = p.requested_by
    LEFT JOIN app_user au ON au.id = p.approved_by
    LEFT JOIN app_user su ON su.id = p.second_approved_by
    LEFT JOIN app_user pu ON pu.id = p.paid_by`;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const person = (id: string | null, name: string | null): PersonRef | null => (id ? { id, name: name ?? '' } : null);

/** Who is looking: their id and roles (what they may do is computed from both). */
/** The signed-in user as the payment views see them; `grantee` hides every desk action. */
export function viewerOf(auth: AuthenticatedRequestContext, grantee = false): Viewer {
  return { userId: auth.user.id, roles: auth.user.roles(), grantee };
}

export interface Viewer {
  userId: string;
  roles: readonly Role[];
  /** Grantees see their payments without any desk action. */
  grantee?: boolean;
}

/**
 * The actions the viewer may take on the payment now, and, when an action of
 * their role is not offered, why (the first segregation-of-duties reason).
 */
export function paymentActions(row: PaymentRow, viewer: Viewer): Pick<PaymentView, 'actions' | 'blockedBy'> {
  const actions: PaymentView['actions'] = [];
  let blockedBy: string | null = null;
  if (viewer.grantee) return { actions, blockedBy };
  const open = row.state === 'requested' || row.state === 'approved';
  if (row.state === 'requested' && can(viewer.roles, 'payment.approve')) {
    const check = approvalCheck({ requestedBy: row.requested_by, approvedBy: row.approved_by, secondApprovedBy: row.second_approved_by, requiredApprovals: row.required_approvals }, viewer.userId);
    if (check.ok) actions.push('approve');
    else blockedBy = check.code;
  }
  if ((open || row.state === 'sent_to_bank') && can(viewer.roles, 'payment.approve')) actions.push('reject');
  if (open && (row.requested_by === viewer.userId || can(viewer.roles, 'payment.request'))) actions.push('cancel');
  if (row.state === 'sent_to_bank' && can(viewer.roles, 'payment.execute')) {
    const check = payerCheck({ requestedBy: row.requested_by, approvedBy: row.approved_by, secondApprovedBy: row.second_approved_by }, viewer.userId, row.three_people);
    if (check.ok) actions.push('pay');
    else blockedBy ??= check.code;
  }
  return { actions, blockedBy };
}

/** What arrived minus what was sent in that currency (the transfer amount, or the payment amount in the grant currency). */
export function receiptDifference(row: Pick<PaymentRow, 'received_minor' | 'received_currency' | 'transfer_currency' | 'transfer_minor' | 'currency' | 'amount_minor'>): bigint | null {
  if (row.received_minor === null || row.received_currency === null) return null;
  if (row.received_currency === row.transfer_currency && row.transfer_minor !== null) return BigInt(row.received_minor) - BigInt(row.transfer_minor);
  if (row.received_currency === row.currency) return BigInt(row.received_minor) - BigInt(row.amount_minor);
  return null;
}

/** Payments whose grant's sanctions screening matters now: those still to be approved or sent to the bank. */
export function screeningMatters(row: Pick<PaymentRow, 'state'>): boolean {
  return row.state === 'requested' || row.state === 'approved';
}

/** The screening block of each row's grant (issue 13), for staff views; grantees never see it. */
export async function screeningBlocksOf(manager: EntityManager, rows: readonly PaymentRow[], viewer: Viewer): Promise<Map<string, ScreeningBlockView | null>> {
  if (viewer.grantee) return new Map();
  return screeningBlocks(manager, [...new Set(rows.filter(screeningMatters).map((r) => r.grant_id))]);
}

/** `block`: the grant's screening block (issue 13); it takes away 'approve' and is shown to staff only. */
export function toPaymentView(row: PaymentRow, viewer: Viewer, block: ScreeningBlockView | null = null): PaymentView {
  const difference = receiptDifference(row);
  const screeningBlock = !viewer.grantee && screeningMatters(row) ? block : null;
  const { actions, blockedBy } = paymentActions(row, viewer);
  return {
    id: row.id,
    grantId: row.grant_id,
    grantNumber: row.grant_number,
    organizationName: row.organization_name,
    trancheSeq: Number(row.tranche_seq),
    amountMinor: row.amount_minor,
    currency: row.currency,
    state: row.state,
    requiredApprovals: Number(row.required_approvals),
    threePeople: row.three_people,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    requestedAt: new Date(row.requested_at).toISOString(),
    requestNote: row.request_note,
    approvedBy: person(row.approved_by, row.approved_by_name),
    approvedAt: iso(row.approved_at),
    secondApprovedBy: person(row.second_approved_by, row.second_approved_by_name),
    secondApprovedAt: iso(row.second_approved_at),
    bankFileId: row.bank_file_id,
    paidBy: person(row.paid_by, row.paid_by_name),
    paidAt: iso(row.paid_at),
    valueDate: row.value_date,
    bankReference: row.bank_reference,
    debitedMinor: row.debited_minor,
    transferCurrency: row.transfer_currency,
    transferMinor: row.transfer_minor,
    rate: row.rate === null ? null : parseRate(row.rate).text,
    rateSource: row.rate_source,
    feesMinor: row.fees_minor,
    closeReason: row.close_reason,
    receivedMinor: row.received_minor,
    receivedCurrency: row.received_currency,
    receiptConfirmedAt: iso(row.receipt_confirmed_at),
    receiptNote: row.receipt_note,
    receiptDifferenceMinor: difference === null ? null : difference.toString(),
    payeeName: row.payee_name,
    payeeIban: row.payee_iban,
    payeeBic: row.payee_bic,
    actions: screeningBlock ? actions.filter((a) => a !== 'approve') : actions,
    blockedBy,
    screeningBlock,
  };
}

/** Every payment of a grant, for the grant's page (the grants api can call this). */
export async function paymentsOfGrant(manager: EntityManager, grantId: string, viewer: Viewer): Promise<PaymentView[]> {
  const rows = (await manager.query(`${PAYMENT_SELECT} WHERE p.grant_id = $1 ORDER BY t.seq, p.requested_at`, [grantId])) as PaymentRow[];
  const blocks = await screeningBlocksOf(manager, rows, viewer);
  return rows.map((r) => toPaymentView(r, viewer, blocks.get(r.grant_id) ?? null));
}
