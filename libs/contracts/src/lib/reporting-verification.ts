import type { CurrencyCode } from '@mizan/domain';
import type { ExpenditureLineState, LineMessageView, ReportState } from './reporting';

/**
 * The officer's verification of a submitted report (issue 11, verification
 * helper): line-by-line decisions posted to the ledger, the line threads,
 * accepting or returning the report, and refunds (repayment or offset against
 * a tranche not yet requested). Amounts are decimal strings of minor units in
 * the grant currency. See docs/verification.md.
 */
export const VerificationPaths = {
  /** POST (officer): accept, question or find (partly) ineligible one submitted line. */
  verifyLine: (reportId: string, lineId: string) => `reports/${reportId}/lines/${lineId}/verify`,
  /** GET (officer): how far verification of a report is (counts per state, open lines). */
  progress: (reportId: string) => `reports/${reportId}/verification`,
  /** POST (officer): accept the report as a whole (every line accepted or ineligible). */
  acceptReport: (reportId: string) => `reports/${reportId}/accept`,
  /** POST (officer): return the report to the grantee with a reason. */
  returnReport: (reportId: string) => `reports/${reportId}/return`,
  /** GET: the grant's refund position (officer, finance, auditor of the agency). */
  refunds: (grantId: string) => `grants/${grantId}/refunds`,
  /** POST (finance, Idempotency-Key): a repayment received from the grantee. */
  refundRepayments: (grantId: string) => `grants/${grantId}/refunds/repayments`,
  /** POST (officer, Idempotency-Key): offset the refund against a tranche not yet requested (paid net). */
  refundOffsets: (grantId: string) => `grants/${grantId}/refunds/offsets`,
} as const;

export type LineDecision = 'accept' | 'question' | 'ineligible';
export const LINE_DECISIONS: readonly LineDecision[] = ['accept', 'question', 'ineligible'];

export interface VerifyLineRequest {
  decision: LineDecision;
  /** The line's row version as read: a line changed since is 409 STALE_REPORT. */
  rowVersion: number;
  /** ineligible: the grant-currency minor units refused (0 < x ≤ the line's grant amount); the rest is accepted. */
  ineligibleMinor?: string;
  /** ineligible: why (required). */
  reason?: string;
  /** question: the question, posted to the line's thread (required). */
  question?: string;
}

/** A line after a decision. */
export interface VerifiedLineView {
  id: string;
  reportId: string;
  seq: number;
  state: ExpenditureLineState;
  grantAmountMinor: string;
  ineligibleMinor: string;
  ineligibleReason: string | null;
  currency: CurrencyCode;
  verifiedAt: string | null;
  /** The ledger entry of the decision (accept / ineligible). */
  journalEntryId: string | null;
  /** What went to each account: verified expenditure, refund receivable, exchange difference (+ loss, − gain), advance consumed. */
  posted: { verifiedMinor: string; refundReceivableMinor: string; fxDifferenceMinor: string; advanceMinor: string } | null;
  rowVersion: number;
}

export interface PostLineMessageRequest {
  body: string;
}

export type LineMessageResult = LineMessageView;

export interface VerificationProgressView {
  reportId: string;
  grantId: string;
  state: ReportState;
  currency: CurrencyCode;
  /** Non-removed lines. */
  total: number;
  /** Accepted or ineligible. */
  verified: number;
  byState: Record<ExpenditureLineState, number>;
  /** Lines still open (submitted, questioned, draft), by seq, at most 50. */
  openLineSeqs: number[];
  acceptedMinor: string;
  ineligibleMinor: string;
  canAccept: boolean;
  canReturn: boolean;
  rowVersion: number;
}

export interface AcceptReportRequest {
  rowVersion: number;
  note?: string;
}

export interface ReturnReportRequest {
  rowVersion: number;
  reason: string;
}

export interface ReportDecisionView {
  reportId: string;
  state: ReportState;
  /** accept: the tranche whose report acceptance was recorded (the next tranche's 'previous_report_accepted' now holds), if any. */
  tranche: { id: string; seq: number; accountedMinor: string } | null;
  rowVersion: number;
}

export type RefundSettlementKind = 'repaid' | 'offset';

export interface RefundSettlementView {
  id: string;
  kind: RefundSettlementKind;
  amountMinor: string;
  /** repaid: the day the money arrived; offset: the day it was recorded. */
  settledOn: string;
  reference: string | null;
  trancheId: string | null;
  trancheSeq: number | null;
  note: string;
  journalEntryId: string;
  recordedBy: { id: string; name: string };
  recordedAt: string;
}

export interface RefundPositionView {
  grantId: string;
  currency: CurrencyCode;
  /** Everything found ineligible and booked to refund_receivable (ledger). */
  ineligibleMinor: string;
  repaidMinor: string;
  offsetMinor: string;
  /** Outstanding: the refund_receivable balance of the ledger. */
  outstandingMinor: string;
  settlements: RefundSettlementView[];
  /** Tranches an offset can go against (planned, not yet requested), with what is already offset. */
  offsetTranches: Array<{ id: string; seq: number; plannedOn: string; amountMinor: string; offsetMinor: string; netMinor: string }>;
  can: { repay: boolean; offset: boolean };
}

export interface RecordRepaymentRequest {
  amountMinor: string;
  /** YYYY-MM-DD, not in the future. */
  receivedOn: string;
  /** The bank reference of the incoming transfer. */
  reference: string;
  note?: string;
}

export interface OffsetRefundRequest {
  trancheId: string;
  amountMinor: string;
  /** Why the refund is offset rather than repaid (required, on the trail). */
  reason: string;
}
