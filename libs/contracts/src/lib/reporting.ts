import type { CurrencyCode } from '@mizan/domain';
import type { PersonRef } from './finance';

/**
 * Reporting and verification (issue 11). A report belongs to one item of a
 * grant's reporting schedule (grant_report_due): financial expenditure lines
 * and a narrative part, filed by the grantee (partners add lines and
 * receipts), submitted and verified as a whole. Amounts are decimal strings of
 * minor units with their currency; rates exact decimal strings
 * (1 line currency = rate grant currency); dates ISO `YYYY-MM-DD`.
 *
 * The shared words live here; each area adds its own file
 * (reporting-verification.ts, monitoring.ts, red-flags.ts, uploads.ts).
 */

export type ReportState = 'draft' | 'submitted' | 'returned' | 'accepted';
export type ExpenditureLineState = 'draft' | 'submitted' | 'accepted' | 'questioned' | 'ineligible';
export type PaymentMethod = 'bank' | 'cash';
/** same_currency: no conversion; tranche: the rate at which the tranche was received (the default); reference: the ECB cross rate of the date; bank / other: typed, with a note naming the source. */
export type RateSource = 'same_currency' | 'tranche' | 'reference' | 'bank' | 'other';
export type LineMessageKind = 'question' | 'answer' | 'note';
export type ReportFilePurpose = 'receipt' | 'evidence' | 'visit';
export type RedFlagState = 'open' | 'cleared' | 'escalated';
export type RedFlagRunReason = 'report_submitted' | 'settings_changed' | 'manual' | 'monitoring';
export type RedFlagRunState = 'queued' | 'running' | 'done' | 'failed';

export type SecurityLevel = 'accessible' | 'restricted' | 'no_access';
export type MonitoringKind = 'on_site' | 'remote' | 'third_party';
export type MonitoringOutcome = 'satisfactory' | 'concerns' | 'serious';

/** Per security level: the monitoring a grant there needs, and how often (days between visits). */
export type MonitoringPolicy = Record<SecurityLevel, { kind: MonitoringKind; everyDays: number }>;

export interface VisitChecklistItem {
  /** A fixed checklist item id (see monitoring.ts), e.g. "activities_seen". */
  id: string;
  answer: 'yes' | 'no' | 'not_applicable';
  note: string;
}

/** Progress on one logframe indicator for the report's period. */
export interface IndicatorProgress {
  /** The indicator's id in the grant's logframe (from the application). */
  indicatorId: string;
  /** Actual value reached in the period, as typed (decimal text). */
  actual: string;
  comment: string;
}

export interface NarrativeContent {
  activities: string;
  indicators: IndicatorProgress[];
}

export const ReportingPaths = {
  /** GET: the reporting schedule of a grant with each report's state (grantee, partner, officer, monitor of the grant). */
  schedule: (grantId: string) => `grants/${grantId}/reporting`,
  /** GET (officer): every report due in the agency, with who is late. */
  overdue: 'reporting/overdue',
  /** POST: open the report for a schedule item (grantee); GET: the report. */
  reportForDue: (grantId: string, dueId: string) => `grants/${grantId}/reporting/${dueId}/report`,
  report: (reportId: string) => `reports/${reportId}`,
  /** GET lines (paged); POST a line (grantee or partner; client id makes it idempotent). */
  lines: (reportId: string) => `reports/${reportId}/lines`,
  /** PUT (If-Match row version) / DELETE a draft or questioned line. */
  line: (reportId: string, lineId: string) => `reports/${reportId}/lines/${lineId}`,
  /** GET: budget vs actual per budget line, with the agreement's tolerance. */
  budgetVsActual: (reportId: string) => `reports/${reportId}/budget-vs-actual`,
  /** GET: the XLSX template (grant's budget lines on a second sheet). */
  template: (reportId: string) => `reports/${reportId}/template.xlsx`,
  /** POST multipart: import lines from the template; all rows valid or nothing saved. */
  importLines: (reportId: string) => `reports/${reportId}/lines/import`,
  /** PUT: the narrative part (activities, indicator progress). */
  narrative: (reportId: string) => `reports/${reportId}/narrative`,
  /** POST (grantee): submit or resubmit. */
  submit: (reportId: string) => `reports/${reportId}/submit`,
  /** GET thread / POST a message on a line (officer question, grantee answer). */
  lineMessages: (reportId: string, lineId: string) => `reports/${reportId}/lines/${lineId}/messages`,
  /** GET: files of the report (receipts of every line, evidence). */
  files: (reportId: string) => `reports/${reportId}/files`,
  fileDownload: (reportId: string, fileId: string) => `reports/${reportId}/files/${fileId}/download`,
  /** DELETE: remove a file while its line or report is still editable. */
  file: (reportId: string, fileId: string) => `reports/${reportId}/files/${fileId}`,
} as const;

export interface ReportFileView {
  id: string;
  purpose: ReportFilePurpose;
  lineId: string | null;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  /** From the file's metadata (EXIF), when it had any. */
  capturedAt: string | null;
  latitude: number | null;
  longitude: number | null;
  uploadedBy: PersonRef;
  createdAt: string;
}

export interface ExpenditureLineInput {
  /** Chosen by the client (uuid v4), kept with lines typed offline: sending the same line twice stores it once. */
  clientId?: string;
  spentOn: string;
  budgetLineId: string;
  supplier: string;
  description: string;
  amountMinor: string;
  currency: CurrencyCode;
  /** Omitted: the tranche rate (or none for the grant currency). */
  rate?: string;
  rateSource?: Exclude<RateSource, 'same_currency'>;
  rateNote?: string;
  paymentMethod: PaymentMethod;
}

export interface ExpenditureLineView extends Omit<ExpenditureLineInput, 'clientId' | 'rate' | 'rateSource' | 'rateNote'> {
  id: string;
  seq: number;
  clientId: string | null;
  rate: string | null;
  rateSource: RateSource;
  rateNote: string | null;
  grantAmountMinor: string;
  grantCurrency: CurrencyCode;
  state: ExpenditureLineState;
  ineligibleMinor: string;
  ineligibleReason: string | null;
  receipts: ReportFileView[];
  /** Messages in the line's thread, and whether the last one is an unanswered question. */
  messageCount: number;
  awaitingAnswer: boolean;
  /** Open red flags naming this line. */
  openFlagCount: number;
  createdBy: PersonRef;
  rowVersion: number;
}

export interface ReportSummaryView {
  id: string;
  grantId: string;
  grantNumber: string;
  grantTitle: string;
  organizationName: string;
  reportDueId: string;
  periodFrom: string;
  periodTo: string;
  dueOn: string;
  state: ReportState;
  lineCount: number;
  /** Sum of the lines in grant currency. */
  claimedMinor: string;
  currency: CurrencyCode;
  submittedAt: string | null;
  acceptedAt: string | null;
}

export interface ReportView extends ReportSummaryView {
  narrative: NarrativeContent;
  returnReason: string | null;
  acceptNote: string | null;
  /** Currencies a line may be in: the grant currency and those the agency's rates cover. */
  allowedCurrencies: CurrencyCode[];
  /** The default rate per allowed currency (the rate at which the last tranche was received), when known. */
  trancheRates: Array<{ currency: CurrencyCode; rate: string; receivedOn: string }>;
  budgetLines: Array<{ id: string; category: string; description: string; approvedMinor: string }>;
  /** What the caller may do now. */
  can: { editLines: boolean; submit: boolean; verify: boolean; accept: boolean };
  rowVersion: number;
  /** The indicators of the grant's logframe (from the application), for the narrative part. */
  indicators?: Array<{ id: string; name: string; unit: string; baseline: string; target: string }>;
}

export interface BudgetVsActualRow {
  budgetLineId: string;
  category: string;
  description: string;
  approvedMinor: string;
  /** Spent before this report (accepted lines) and in it. */
  previousMinor: string;
  thisReportMinor: string;
  /** (previous + this) − approved; positive = over. */
  varianceMinor: string;
  /** Over the approved amount by more than the agreement's tolerance. */
  overTolerance: boolean;
}

export interface BudgetVsActualView {
  currency: CurrencyCode;
  toleranceBp: number;
  rows: BudgetVsActualRow[];
}

export interface ReportDueView {
  id: string;
  kind: 'interim' | 'final';
  periodFrom: string;
  periodTo: string;
  dueOn: string;
  /** due | submitted | accepted | cancelled, and overdue when due and past its date. */
  state: 'due' | 'submitted' | 'accepted' | 'cancelled';
  overdue: boolean;
  daysLate: number;
  report: { id: string; state: ReportState } | null;
}

export interface LineMessageView {
  id: string;
  kind: LineMessageKind;
  body: string;
  author: PersonRef;
  createdAt: string;
}

export interface LineImportProblem {
  /** 1-based row in the sheet, and the column letter and header. */
  row: number;
  column: string;
  header: string;
  code: string;
  params?: Record<string, string>;
}
