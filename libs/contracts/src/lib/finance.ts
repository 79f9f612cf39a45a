import type { ScreeningBlockView } from './screening';
import type { CurrencyCode } from '@mizan/domain';
import type { ActivityRecordView, KeysetPage } from './trail';

/**
 * Grants, tranches, payments, exchange rates and the ledger (issue 9).
 * Amounts are decimal strings of minor units with their currency beside them;
 * dates are ISO `YYYY-MM-DD`, instants ISO strings; rates exact decimal strings.
 * Every money-moving POST accepts an `Idempotency-Key` header.
 */

export type GrantState = 'draft' | 'awaiting_signature' | 'awaiting_countersignature' | 'active' | 'suspended' | 'closed' | 'cancelled';
export type TrancheState = 'planned' | 'requested' | 'paid' | 'cancelled';
export type PaymentState = 'requested' | 'approved' | 'sent_to_bank' | 'paid' | 'rejected' | 'cancelled';
export type RiskRating = 'low' | 'moderate' | 'significant' | 'high';
export type Modality = 'advance' | 'reimbursement' | 'direct_payment';
export type GrantVersionKind = 'initial' | 'draft_edit' | 'amendment';
export type ReportKind = 'interim' | 'final';
export type ReportDueState = 'due' | 'submitted' | 'accepted' | 'cancelled';
export type FindingPriority = 'low' | 'medium' | 'high';
export type BackgroundState = 'queued' | 'running' | 'done' | 'failed';
export type ReleaseConditionKind =
  | 'agreement_countersigned'
  | 'previous_report_accepted'
  | 'earlier_tranches_accounted'
  | 'due_diligence_valid'
  | 'no_open_high_finding'
  | 'custom';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export const GrantPaths = {
  grants: 'grants',
  /** GET: confirmed approvals of the agency that have no grant yet. */
  grantable: 'grants/grantable',
  /** POST: a draft grant from a confirmed approval (a proposal of budget lines, tranches and schedule comes back, editable). */
  fromDecision: (decisionId: string) => `decisions/${decisionId}/grant`,
  grant: (grantId: string) => `grants/${grantId}`,
  /** PUT: edit the draft (budget lines, tranches, reporting schedule, period, conditions). */
  draft: (grantId: string) => `grants/${grantId}/draft`,
  /** PUT: capacity assessment answers → rating, modality, monitoring (only tighter than the defaults). */
  risk: (grantId: string) => `grants/${grantId}/risk`,
  /** POST: draft → awaiting_signature (names the signatory). */
  send: (grantId: string) => `grants/${grantId}/send-for-signature`,
  sign: (grantId: string) => `grants/${grantId}/sign`,
  countersign: (grantId: string) => `grants/${grantId}/countersign`,
  cancel: (grantId: string) => `grants/${grantId}/cancel`,
  amendments: (grantId: string) => `grants/${grantId}/amendments`,
  versions: (grantId: string) => `grants/${grantId}/versions`,
  version: (grantId: string, version: number) => `grants/${grantId}/versions/${version}`,
  /** POST: queue the agreement PDF; GET: the latest builds with progress. */
  agreement: (grantId: string) => `grants/${grantId}/agreement`,
  agreementDownload: (grantId: string, documentId: string) => `grants/${grantId}/agreement/${documentId}/download`,
  tranche: (grantId: string, trancheId: string) => `grants/${grantId}/tranches/${trancheId}`,
  /** PUT one condition's tick (custom conditions) with a note; the condition is named in the body (its id is not a UUID). */
  trancheCondition: (grantId: string, trancheId: string) => `grants/${grantId}/tranches/${trancheId}/conditions`,
  /** POST: the officer records by hand that the report covering this tranche was accepted (until the reporting issue). */
  trancheReportAccepted: (grantId: string, trancheId: string) => `grants/${grantId}/tranches/${trancheId}/report-accepted`,
  /** POST (Idempotency-Key): request the release of a tranche: creates its payment request. */
  trancheRelease: (grantId: string, trancheId: string) => `grants/${grantId}/tranches/${trancheId}/release`,
  findings: (grantId: string) => `grants/${grantId}/findings`,
  closeFinding: (grantId: string, findingId: string) => `grants/${grantId}/findings/${findingId}/close`,
  /** Grantee side. */
  myGrants: 'my/grants',
  myGrant: (grantId: string) => `my/grants/${grantId}`,
  /** issue 9 grants: the versions and what changed, for the grantee. */
  myGrantVersions: (grantId: string) => `my/grants/${grantId}/versions`,
  confirmReceipt: (paymentId: string) => `my/payments/${paymentId}/receipt`,
} as const;

export const FinancePaths = {
  payments: 'payments',
  payment: (paymentId: string) => `payments/${paymentId}`,
  approve: (paymentId: string) => `payments/${paymentId}/approve`,
  reject: (paymentId: string) => `payments/${paymentId}/reject`,
  cancel: (paymentId: string) => `payments/${paymentId}/cancel`,
  /** POST (Idempotency-Key): record paid. */
  paid: (paymentId: string) => `payments/${paymentId}/paid`,
  /** GET: the rate finance would get for a value date (for the form). */
  suggestedRate: 'exchange-rates/suggest',
  bankFiles: 'bank-files',
  bankFile: (bankFileId: string) => `bank-files/${bankFileId}`,
  bankFileDownload: (bankFileId: string) => `bank-files/${bankFileId}/download`,
  /** POST (finance, re-authenticated): release a bank file whose build failed; its payments go back to approved. */
  bankFileRelease: (bankFileId: string) => `bank-files/${bankFileId}/release`,
  rates: 'exchange-rates',
  /** POST multipart: a central bank's CSV (ECB eurofxref-hist format). */
  ratesImport: 'exchange-rates/import',
  settings: 'finance/settings',
  trialBalance: (programId: string) => `ledger/programs/${programId}/trial-balance`,
  trialBalanceXlsx: (programId: string) => `ledger/programs/${programId}/trial-balance.xlsx`,
  grantStatement: (grantId: string) => `ledger/grants/${grantId}/statement`,
  grantStatementXlsx: (grantId: string) => `ledger/grants/${grantId}/statement.xlsx`,
  cashForecast: (programId: string) => `ledger/programs/${programId}/cash-forecast`,
  cashForecastXlsx: (programId: string) => `ledger/programs/${programId}/cash-forecast.xlsx`,
  entry: (entryId: string) => `ledger/entries/${entryId}`,
  /** POST: reverse an entry (finance, with a reason). */
  reverseEntry: (entryId: string) => `ledger/entries/${entryId}/reverse`,
  programs: 'ledger/programs',
} as const;

// --- Grant content (what a version holds) ------------------------------------------------------

export interface GrantBudgetLine {
  /** Stable id, carried over from the application's line when there was one. */
  id: string;
  category: string;
  description: string;
  amountMinor: string;
}

export interface TranchePlanItem {
  seq: number;
  plannedOn: string;
  amountMinor: string;
  conditions: ReleaseConditionSpec[];
}

export interface ReleaseConditionSpec {
  /** Stable within the tranche, e.g. "c1". */
  id: string;
  kind: ReleaseConditionKind;
  /** earlier_tranches_accounted: { minBp: number }; custom: { label: string }. */
  params?: Record<string, string | number>;
}

/** A condition as stored on the tranche, with a custom condition's tick. */
export interface ReleaseConditionRecord extends ReleaseConditionSpec {
  tickedBy?: string | null;
  tickedAt?: string | null;
  note?: string | null;
}

export interface ReportingScheduleItem {
  kind: ReportKind;
  periodFrom: string;
  periodTo: string;
  dueOn: string;
}

export interface GrantContent {
  startsOn: string;
  endsOn: string;
  purpose: string;
  budgetLines: GrantBudgetLine[];
  tranches: TranchePlanItem[];
  reportingSchedule: ReportingScheduleItem[];
  /** The decision's conditions, as the agreement's special conditions (editable by the officer). */
  specialConditions: string;
  modality: Modality;
  /** Tolerance for reallocating between budget lines without an amendment, basis points (1000 = 10 %). */
  reallocationToleranceBp: number;
}

// --- Requests -----------------------------------------------------------------------------------

export interface CreateGrantRequest {
  grantNumber?: string;
}

export interface UpdateGrantDraftRequest {
  content: GrantContent;
  /** Optimistic concurrency: the row version the officer edited. */
  rowVersion: number;
}

export interface CapacityAnswer {
  questionId: string;
  /** 0 (none) … 3 (strong). */
  score: number;
  note?: string;
}

export interface SetRiskRequest {
  answers: CapacityAnswer[];
  /** Optional: the officer may only tighten (a higher rating than the assessment gives). */
  rating?: RiskRating;
  modality: Modality;
  monitoring: string;
  reason: string;
}

export interface SendForSignatureRequest {
  /** A member of the organization named by it as signatory. */
  signatoryUserId: string;
}

export interface SignAgreementRequest {
  /** The signatory types their full name; the password is re-entered through re-authentication. */
  typedName: string;
  version: number;
}

export interface CountersignRequest {
  version: number;
}

export interface AmendGrantRequest {
  content: GrantContent;
  reason: string;
}

/** issue 9 grants: filters of the officer's grant list (paged). */
export interface GrantListQuery {
  state?: GrantState;
  programId?: string;
  page?: number;
  pageSize?: number;
}

/** issue 9 grants: cancel a grant that is not active yet. */
export interface CancelGrantRequest {
  reason: string;
}

/** issue 9 grants: close a finding. */
export interface CloseFindingRequest {
  reason: string;
}

/**
 * issue 9 grants: the officer records by hand that the report covering this
 * (paid) tranche was accepted, and how much of the tranche it accounts for
 * (until the reporting issue does both).
 */
export interface ReportAcceptedRequest {
  note: string;
  accountedMinor: string;
}

export interface TickConditionRequest {
  /** The condition's id within the tranche, e.g. "c3". */
  conditionId: string;
  ticked: boolean;
  note: string;
}

export interface ReleaseTrancheRequest {
  note?: string;
}

export interface RaiseFindingRequest {
  priority: FindingPriority;
  title: string;
  description?: string;
}

export interface ConfirmReceiptRequest {
  receivedMinor: string;
  receivedCurrency: CurrencyCode;
  note?: string;
}

export interface RecordPaidRequest {
  valueDate: string;
  bankReference: string;
  /** Debited from the agency's account, in the payment's (program) currency. */
  debitedMinor: string;
  transferCurrency: CurrencyCode;
  transferMinor: string;
  /** 1 payment currency = rate transfer currency. Omitted: the published rate of the value date. */
  rate?: string;
  rateSource?: string;
  feesMinor: string;
}

/**
 * Reject a payment (finance). For a payment already sent to the bank (a "bank
 * return"), bankReturnReference is required: the bank's reference of the
 * returned transfer; the return is refused before the bank file's execution
 * date and must be recorded by a finance user who did not create the bank file
 * (nor, with three people, approve the payment). Re-authentication required.
 */
export interface RejectPaymentRequest {
  reason: string;
  /** Required when the payment is sent_to_bank; ignored otherwise (max 140 characters). */
  bankReturnReference?: string;
}

/** Release a bank file whose build failed: its payments go back to approved (re-authentication required). */
export interface ReleaseBankFileRequest {
  reason: string;
}

export interface CreateBankFileRequest {
  executionDate: string;
  paymentIds: string[];
}

export interface CreateExchangeRateRequest {
  rateDate: string;
  base: CurrencyCode;
  quote: CurrencyCode;
  rate: string;
  source: string;
}

export interface FinanceSettingsView {
  secondApprovalThresholdMinor: string;
  threePeople: boolean;
  /** The debtor of the agency's bank files (pain.001): account holder, IBAN, BIC. Null until finance sets them. */
  agencyName: string | null;
  agencyIban: string | null;
  agencyBic: string | null;
}

export interface UpdateFinanceSettingsRequest extends FinanceSettingsView {
  reason: string;
}

// --- Views --------------------------------------------------------------------------------------

export interface PersonRef {
  id: string;
  name: string;
}

export interface ConditionCheckView {
  id: string;
  kind: ReleaseConditionKind;
  label: string | null;
  ok: boolean;
  /** Translatable reason of the outcome, e.g. 'condition.dd_expired' with { on: '2026-10-01' }. */
  reasonCode: string;
  reasonParams: Record<string, string | number>;
  tickedBy: PersonRef | null;
  tickedAt: string | null;
  note: string | null;
}

export interface TrancheView {
  id: string;
  seq: number;
  plannedOn: string;
  amountMinor: string;
  currency: CurrencyCode;
  state: TrancheState;
  conditions: ConditionCheckView[];
  requestable: boolean;
  reportAcceptedAt: string | null;
  reportAcceptanceNote: string | null;
  /** issue 9 grants: recorded with the manual acceptance, how much of this tranche the accepted report accounts for. */
  reportAccountedMinor: string | null;
  paymentId: string | null;
  paymentState: PaymentState | null;
}

export interface GrantSummaryView {
  id: string;
  grantNumber: string;
  title: string;
  organizationName: string;
  state: GrantState;
  currency: CurrencyCode;
  amountMinor: string;
  paidMinor: string;
  startsOn: string;
  endsOn: string;
  riskRating: RiskRating | null;
  nextTrancheOn: string | null;
}

export interface GrantFindingView {
  id: string;
  priority: FindingPriority;
  title: string;
  description: string;
  state: 'open' | 'closed';
  raisedBy: PersonRef;
  raisedAt: string;
  closedAt: string | null;
  closeReason: string | null;
}

export interface AgreementBuildView {
  id: string;
  version: number;
  state: BackgroundState;
  progress: number;
  sha256: string | null;
  requestedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface PaymentView {
  id: string;
  grantId: string;
  grantNumber: string;
  organizationName: string;
  trancheSeq: number;
  amountMinor: string;
  currency: CurrencyCode;
  state: PaymentState;
  requiredApprovals: number;
  threePeople: boolean;
  requestedBy: PersonRef;
  requestedAt: string;
  requestNote: string | null;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
  secondApprovedBy: PersonRef | null;
  secondApprovedAt: string | null;
  bankFileId: string | null;
  paidBy: PersonRef | null;
  paidAt: string | null;
  valueDate: string | null;
  bankReference: string | null;
  debitedMinor: string | null;
  transferCurrency: CurrencyCode | null;
  transferMinor: string | null;
  rate: string | null;
  rateSource: string | null;
  feesMinor: string | null;
  closeReason: string | null;
  receivedMinor: string | null;
  receivedCurrency: CurrencyCode | null;
  receiptConfirmedAt: string | null;
  receiptNote: string | null;
  /** received − sent in the currency the grantee confirmed in: the transfer amount in the transfer currency, or the payment amount in the grant currency. */
  receiptDifferenceMinor: string | null;
  payeeName: string;
  payeeIban: string;
  payeeBic: string | null;
  /** What the signed-in user may do now (server-computed from state and segregation of duties). */
  actions: Array<'approve' | 'reject' | 'cancel' | 'pay'>;
  /** Why an action is not offered, e.g. 'SOD_REQUESTER_CANNOT_APPROVE'. */
  blockedBy: string | null;
  /**
   * Issue 13: a party to the grant has an unresolved or confirmed sanctions match, so the payment
   * cannot be approved nor sent to the bank (requested or approved payments, staff only; null otherwise).
   */
  screeningBlock: ScreeningBlockView | null;
}

export interface GrantView extends GrantSummaryView {
  programId: string;
  callId: string;
  applicationId: string;
  decisionId: string;
  organizationId: string;
  currentVersion: number;
  rowVersion: number;
  content: GrantContent;
  riskAssessment: { answers: CapacityAnswer[]; assessedRating: RiskRating; reason: string } | null;
  modality: Modality;
  monitoring: string | null;
  payeeName: string;
  payeeIban: string;
  payeeBic: string | null;
  signatory: PersonRef | null;
  signedBy: PersonRef | null;
  signedName: string | null;
  signedAt: string | null;
  countersignedBy: PersonRef | null;
  countersignedAt: string | null;
  tranches: TrancheView[];
  reportsDue: Array<ReportingScheduleItem & { id: string; state: ReportDueState }>;
  findings: GrantFindingView[];
  payments: PaymentView[];
  agreements: AgreementBuildView[];
  /** What the signed-in user may do now. */
  actions: string[];
}

export interface GrantVersionView {
  version: number;
  kind: GrantVersionKind;
  reason: string;
  createdBy: PersonRef;
  createdAt: string;
  content: GrantContent;
  /** Differences from the previous version, for the grantee: path + before + after (money as minor strings). */
  changes: Array<{ path: string; before: unknown; after: unknown }>;
}

export interface GrantableDecisionView {
  decisionId: string;
  applicationId: string;
  applicationTitle: string;
  organizationName: string;
  callTitle: string;
  amountMinor: string;
  currency: CurrencyCode;
  confirmedAt: string;
}

export interface BankFileView {
  id: string;
  messageId: string;
  executionDate: string;
  state: BackgroundState;
  paymentCount: number;
  controlSumMinor: string;
  currency: CurrencyCode;
  sha256: string | null;
  createdBy: PersonRef;
  createdAt: string;
  error: string | null;
}

export interface ExchangeRateView {
  id: string;
  rateDate: string;
  base: CurrencyCode;
  quote: CurrencyCode;
  rate: string;
  source: string;
  createdAt: string;
}

export interface RateImportResult {
  imported: number;
  skipped: number;
  from: string | null;
  to: string | null;
}

export interface SuggestedRateView {
  base: CurrencyCode;
  quote: CurrencyCode;
  valueDate: string;
  rate: string | null;
  rateDate: string | null;
  source: string | null;
  /** How it was found: a direct rate, its inverse, or a cross rate through EUR. */
  method: 'direct' | 'inverse' | 'cross_eur' | null;
}

export interface TrialBalanceRow {
  accountId: string;
  code: string;
  scopeType: 'agency' | 'program' | 'call' | 'grant';
  scopeId: string;
  scopeLabel: string;
  currency: CurrencyCode;
  debitMinor: string;
  creditMinor: string;
  balanceMinor: string;
}

export interface TrialBalanceView {
  programId: string;
  programName: string;
  asOf: string;
  rows: TrialBalanceRow[];
  /** Per currency: total debits = total credits. */
  totals: Array<{ currency: CurrencyCode; debitMinor: string; creditMinor: string }>;
}

export interface StatementLine {
  entryId: string;
  seq: string;
  effectiveOn: string;
  kind: string;
  description: string;
  account: string;
  debitMinor: string;
  creditMinor: string;
  balanceMinor: string;
  trailSeq: string;
  paymentId: string | null;
}

export interface GrantStatementView {
  grantId: string;
  grantNumber: string;
  currency: CurrencyCode;
  /** The account the running balance follows; all grant accounts are listed. */
  lines: StatementLine[];
  balances: Array<{ code: string; balanceMinor: string }>;
}

/**
 * GET ledger/grants/:id/statement: a keyset page of the statement's lines in posting order (entry seq, posting),
 * each with its account's running balance after it (exact on any page), and the accounts' closing balances.
 * The spreadsheet (statement.xlsx) has every line.
 */
export interface GrantStatementPage extends KeysetPage<StatementLine> {
  grantId: string;
  grantNumber: string;
  currency: CurrencyCode;
  balances: Array<{ code: string; balanceMinor: string }>;
}

export interface CashForecastMonth {
  month: string;
  currency: CurrencyCode;
  plannedMinor: string;
  requestedMinor: string;
  paidMinor: string;
}

export interface CashForecastView {
  programId: string;
  months: CashForecastMonth[];
}

export interface LedgerProgramView {
  id: string;
  name: string;
  currency: CurrencyCode;
  budgetMinor: string;
}

// issue 9 ledger: entry detail and reversal

export interface LedgerPostingView {
  postingId: string;
  accountId: string;
  code: string;
  scopeType: 'agency' | 'program' | 'call' | 'grant';
  scopeId: string;
  scopeLabel: string;
  currency: CurrencyCode;
  /** Signed minor units: debit > 0, credit < 0. */
  amountMinor: string;
}

export interface LedgerEntryView {
  id: string;
  seq: string;
  kind: string;
  description: string;
  effectiveOn: string;
  programId: string | null;
  grantId: string | null;
  paymentId: string | null;
  /** Set on a reversal: the entry it undoes. */
  reversesEntryId: string | null;
  /** Set when a later entry reverses this one. */
  reversedByEntryId: string | null;
  details: unknown;
  createdAt: string;
  createdBy: string | null;
  postings: LedgerPostingView[];
  /** The trail record written in the same transaction, which the entry names. */
  trail: ActivityRecordView;
}

/** POST ledger/entries/:id/reverse (finance, re-authenticated, Idempotency-Key honoured). */
export interface ReverseEntryRequest {
  /** Why the entry is wrong; kept on the trail and in the reversal's description. */
  reason: string;
}
