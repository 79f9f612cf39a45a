import { AUDIT_ENGAGEMENT_STATES } from '@mizan/domain';
import type { AuditEngagementState, CurrencyCode, EngagementActionId } from '@mizan/domain';
import type { FindingPriority, PersonRef } from './finance';
import type { Page } from './trail';

/**
 * Audit (issue 12, docs/audit.md): engagements planned by officers (`audit.plan`) and
 * carried out by the auditors named on them (`audit.conduct`, only within the
 * engagement's scope and only until it closes); findings answered by the grantee
 * (`grant.own` / `grant.partner` on the finding's grant) and by officers.
 * Amounts are integer minor units as decimal strings; dates ISO `YYYY-MM-DD`.
 * Errors name the problem by code (ErrorCode.Audit*), with params.
 */

export const ENGAGEMENT_KINDS = ['spot_check', 'financial_audit', 'special_audit'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

export const ENGAGEMENT_SCOPES = ['program', 'call', 'grants', 'organization'] as const;
export type EngagementScopeKind = (typeof ENGAGEMENT_SCOPES)[number];

/** planned → fieldwork → draft_report → management_comments → final → closed ("follow-up closed"): the domain's states. */
export const ENGAGEMENT_STATES = AUDIT_ENGAGEMENT_STATES;
export type EngagementState = AuditEngagementState;

export const POPULATION_KINDS = ['payments', 'expenditure_lines'] as const;
export type PopulationKind = (typeof POPULATION_KINDS)[number];

export const SAMPLING_METHODS = ['simple_random', 'monetary_unit'] as const;
export type SamplingMethod = (typeof SAMPLING_METHODS)[number];

/** Why an item is in the sample. */
export const SAMPLE_REASONS = ['random', 'monetary_unit', 'open_red_flag', 'above_value'] as const;
export type SampleReason = (typeof SAMPLE_REASONS)[number];

export const SAMPLE_RESULTS = ['untested', 'pass', 'exception'] as const;
export type SampleResult = (typeof SAMPLE_RESULTS)[number];

/** The test checklist of a sampled item (ids; the web translates `audit.check.<id>`). */
export const AUDIT_CHECKS = [
  'receipt_present',
  'receipt_legible',
  'amount_matches',
  'date_in_period',
  'eligible_cost',
  'budget_line_right',
  'paid_to_named_supplier',
  'approved_by_right_people',
] as const;
export type AuditCheckId = (typeof AUDIT_CHECKS)[number];
export type AuditCheckAnswer = 'yes' | 'no' | 'not_applicable';

export interface AuditCheckRecord {
  id: AuditCheckId;
  answer: AuditCheckAnswer;
}

/** Finding titles from a list, modelled on UNICEF's spot-check finding categories (the web translates `audit.category.<id>`); or free (`category` null). */
export const FINDING_CATEGORIES = [
  'no_supporting_documents',
  'ineligible_expenditure',
  'cut_off_error',
  'segregation_of_duties',
  'insufficient_approval',
  'procurement_not_followed',
  'cash_management',
  'bank_reconciliation',
  'budget_overspend',
  'asset_management',
  'payroll',
  'reporting_inaccurate',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** The grant findings' priorities (finance.ts `FindingPriority`), most severe first. */
export const FINDING_PRIORITIES: readonly FindingPriority[] = ['high', 'medium', 'low'];

/** open → completed (note; for high priority an attachment) → checked (a second person). */
export const FINDING_ACTION_STATES = ['open', 'completed', 'checked'] as const;
export type FindingActionState = (typeof FINDING_ACTION_STATES)[number];

export const RESPONSE_SIDES = ['grantee', 'officer', 'auditor'] as const;
export type ResponseSide = (typeof RESPONSE_SIDES)[number];
/** A management response (grantee, officer); the auditor's answer: accepted, or a comment. */
export const RESPONSE_KINDS = ['response', 'accepted', 'comment'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const AUDIT_OPINIONS = ['unqualified', 'qualified', 'adverse', 'disclaimer'] as const;
export type AuditOpinion = (typeof AUDIT_OPINIONS)[number];

export const AUDIT_REPORT_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type AuditReportState = (typeof AUDIT_REPORT_STATES)[number];

/** What a grant's risk rating requires and what it has had (officer: "assurance"). */
export const ASSURANCE_KINDS = ['visit', 'spot_check', 'audit'] as const;
export type AssuranceKind = (typeof ASSURANCE_KINDS)[number];

export const AuditPaths = {
  /** GET (audit.plan: the agency's; audit.conduct: the caller's) paged, `?state=`; POST (audit.plan): plan one. */
  engagements: 'audit/engagements',
  /** GET: one engagement (workspace header, counts, allowed actions); PATCH (audit.plan, while planned or in fieldwork): plan details. */
  engagement: (id: string) => `audit/engagements/${id}`,
  /** POST { to, reason }: move along planned → fieldwork → draft_report → management_comments → final → closed. */
  transition: (id: string) => `audit/engagements/${id}/transitions`,
  /** POST (audit.plan) { userId, lead? }: put an auditor on the engagement. */
  auditors: (id: string) => `audit/engagements/${id}/auditors`,
  /** POST (audit.plan) { reason }: take an auditor off (row kept). */
  auditorRemoval: (id: string, userId: string) => `audit/engagements/${id}/auditors/${userId}/remove`,
  /** GET (audit.plan): users of the agency holding the role auditor. */
  auditorCandidates: 'audit/auditors',
  /** GET: the grants the engagement's scope covers today (with their risk rating). */
  scopeGrants: (id: string) => `audit/engagements/${id}/grants`,
  /** GET: the population (frozen rows once drawn; before, a live preview with count and value), paged. */
  population: (id: string) => `audit/engagements/${id}/population`,
  /** GET: sample-size calculator (`?method=&confidencePct=&materialityMinor=&expectedMisstatementMinor=&sampleSize=`) — formula and parameters, nothing saved. */
  sampleSize: (id: string) => `audit/engagements/${id}/sample-size`,
  /** GET: the sample (items with test results), paged; POST: draw it (freezes the population), replace a draw while in planned. */
  sample: (id: string) => `audit/engagements/${id}/sample`,
  /** GET / PUT { checks, result, notes, rowVersion }: test one sampled item. */
  sampleItem: (id: string, itemId: string) => `audit/engagements/${id}/sample/${itemId}`,
  /** GET: working papers of the engagement; POST multipart (field `file`, optional `sampleItemId` / `findingId`). */
  workingPapers: (id: string) => `audit/engagements/${id}/working-papers`,
  /** GET: download a working paper. */
  workingPaper: (id: string, paperId: string) => `audit/engagements/${id}/working-papers/${paperId}`,
  /** GET: the working papers as XLSX (sheets: sample, tests, findings). */
  workbook: (id: string) => `audit/engagements/${id}/working-papers.xlsx`,
  /** GET: the findings; POST (auditor): raise one. */
  findings: (id: string) => `audit/engagements/${id}/findings`,
  /** GET: one finding with its responses; PATCH (auditor, before final): edit. */
  finding: (id: string, findingId: string) => `audit/engagements/${id}/findings/${findingId}`,
  /** POST { kind, body }: a management response (grantee, officer) or the auditor's accept / comment. */
  findingResponses: (id: string, findingId: string) => `audit/engagements/${id}/findings/${findingId}/responses`,
  /** POST (officer) { reason }: confirm the ineligible amount as a refund receivable on the ledger. */
  findingRefund: (id: string, findingId: string) => `audit/engagements/${id}/findings/${findingId}/refund`,
  /** POST multipart (grantee or officer) { note, file? }: the agreed action is done (high priority: file required). */
  findingCompletion: (id: string, findingId: string) => `audit/engagements/${id}/findings/${findingId}/completion`,
  /** POST { note }: a second person (not the completer) checks the completed action. */
  findingCheck: (id: string, findingId: string) => `audit/engagements/${id}/findings/${findingId}/check`,
  /** GET: download a finding's completion attachment. */
  findingCompletionFile: (id: string, findingId: string) => `audit/engagements/${id}/findings/${findingId}/completion/file`,
  /** GET: the ledger reconciliation of the scope, with every difference listed. */
  reconciliation: (id: string) => `audit/engagements/${id}/reconciliation`,
  /** GET: the reports (versions); POST { final, opinion?, conclusion?, supersedeReason? }: build one (same snapshot → the same report). */
  reports: (id: string) => `audit/engagements/${id}/reports`,
  /** GET: one report with progress. */
  report: (id: string, reportId: string) => `audit/engagements/${id}/reports/${reportId}`,
  /** GET: the PDF. */
  reportFile: (id: string, reportId: string) => `audit/engagements/${id}/reports/${reportId}/file`,
  /** GET (audit.plan): per grant, assurance had (visits, spot checks, audits) against what its risk rating requires. */
  assurance: 'audit/assurance',
  /** GET (grantee): the audit findings on the caller's grants, with what they can do. */
  myFindings: 'audit/my-findings',
  /** GET: the findings on one grant (officer, auditor in scope, grantee). */
  grantFindings: (grantId: string) => `grants/${grantId}/audit-findings`,
} as const;

export interface EngagementMilestones {
  fieldworkFrom?: string | null;
  fieldworkTo?: string | null;
  draftReportDue?: string | null;
  managementCommentsDue?: string | null;
  finalReportDue?: string | null;
}

export interface PlanEngagementRequest {
  kind: EngagementKind;
  title: string;
  scopeKind: EngagementScopeKind;
  /** Program, call or organization id; for `grants`, null and `grantIds` set. */
  scopeId?: string | null;
  grantIds?: string[];
  periodFrom: string;
  periodTo: string;
  firmName: string;
  /** Users holding the auditor role; the first is the lead unless `leadAuditorId` says otherwise. */
  auditorIds: string[];
  leadAuditorId?: string | null;
  milestones?: EngagementMilestones;
  populationKind: PopulationKind;
}

export interface UpdateEngagementRequest {
  title?: string;
  periodFrom?: string;
  periodTo?: string;
  firmName?: string;
  milestones?: EngagementMilestones;
  populationKind?: PopulationKind;
  rowVersion: number;
}

export interface TransitionEngagementRequest {
  to: EngagementState;
  reason: string;
  rowVersion: number;
}

export interface EngagementAuditorView {
  user: PersonRef;
  lead: boolean;
  addedAt: string;
  removedAt: string | null;
}

export interface EngagementScopeView {
  kind: EngagementScopeKind;
  /** Program, call or organization; null for chosen grants. */
  id: string | null;
  /** Its name (program / call title, organization legal name); for chosen grants "n grants". */
  name: string;
  grantIds: string[];
}

export interface SamplingParameters {
  method: SamplingMethod;
  /** Seed of the pseudo-random generator (decimal text of a 32-bit unsigned integer). */
  seed: string;
  /** Confidence level in percent, e.g. 95 (exclusive 0..100). */
  confidencePct: number;
  /** Monetary-unit sampling: tolerable misstatement (materiality), minor units. */
  materialityMinor?: string | null;
  /** Monetary-unit sampling: expected misstatement, minor units (default 0). */
  expectedMisstatementMinor?: string | null;
  /** Simple random: the sample size asked; monetary unit: computed (and shown), may be overridden upward. */
  sampleSize?: number | null;
  /** Risk-based additions: every item with an open red flag. */
  includeOpenRedFlags: boolean;
  /** Risk-based additions: every item at or above this amount (minor units). */
  includeAboveMinor?: string | null;
}

export interface SampleSizeView {
  method: SamplingMethod;
  populationCount: number;
  populationValueMinor: string;
  currency: CurrencyCode | null;
  sampleSize: number;
  /** Monetary unit: the sampling interval (population value ÷ sample size), minor units. */
  intervalMinor: string | null;
  /** Monetary unit: the reliability (confidence) factor used. */
  reliabilityFactor: number | null;
  expansionFactor: number | null;
  /** The formula in words with its numbers, e.g. "n = ceil(V × R ÷ (TM − EM × E))". */
  formula: string;
  params: Record<string, string | number>;
}

export interface EngagementCounts {
  populationCount: number;
  populationValueMinor: string;
  sampleCount: number;
  sampleValueMinor: string;
  tested: number;
  exceptions: number;
  findings: number;
  findingsOpenHigh: number;
}

export interface EngagementSummaryView {
  id: string;
  reference: string;
  kind: EngagementKind;
  title: string;
  state: EngagementState;
  scope: EngagementScopeView;
  periodFrom: string;
  periodTo: string;
  firmName: string;
  leadAuditor: PersonRef | null;
  createdAt: string;
}

/** What the caller may do next on an engagement: the domain's actions (engagementActions). */
export type EngagementAction = EngagementActionId;

export interface EngagementView extends EngagementSummaryView {
  milestones: EngagementMilestones;
  auditors: EngagementAuditorView[];
  populationKind: PopulationKind;
  currency: CurrencyCode | null;
  sampling: (SamplingParameters & { size: SampleSizeView | null }) | null;
  populationFrozenAt: string | null;
  sampleDrawnAt: string | null;
  sampleFrozenAt: string | null;
  opinion: AuditOpinion | null;
  conclusion: string | null;
  counts: EngagementCounts;
  /** The transitions (state, reason, who, when), oldest first, from the trail. */
  history: Array<{ from: EngagementState | null; to: EngagementState; reason: string | null; by: PersonRef | null; at: string }>;
  createdBy: PersonRef;
  closedAt: string | null;
  rowVersion: number;
  actions: EngagementAction[];
}

export interface PopulationItemView {
  seq: number;
  itemKind: 'payment' | 'expenditure_line';
  sourceId: string;
  grantId: string;
  grantNumber: string;
  amountMinor: string;
  currency: CurrencyCode;
  bookedOn: string;
  label: string;
  openRedFlag: boolean;
  /** Set when the item is in the sample. */
  sampleItemId: string | null;
}

/** GET population: the frozen rows once drawn; before, a live preview of what a draw would freeze. */
export interface PopulationView extends Page<PopulationItemView> {
  frozen: boolean;
  frozenAt: string | null;
  populationKind: PopulationKind;
  /** Count and value of the whole population (not only the page); value only when it has one currency. */
  count: number;
  valueMinor: string | null;
  currency: CurrencyCode | null;
  currencies: CurrencyCode[];
}

/** GET / POST sample: the sampled items (paged, in pick order) with the draw's parameters and seed. */
export interface SampleView extends Page<SampleItemView> {
  sampling: (SamplingParameters & { size: SampleSizeView | null; draw: number }) | null;
  drawnAt: string | null;
  /** True from fieldwork on: the sample cannot be drawn again. */
  frozen: boolean;
  populationCount: number;
  populationValueMinor: string | null;
  currency: CurrencyCode | null;
}

/** A working paper is at most this large (bytes). */
export const WORKING_PAPER_MAX_BYTES = 20 * 1024 * 1024;

export interface DrawSampleRequest extends Omit<SamplingParameters, 'seed'> {
  /** The auditor's seed (decimal uint32); left out, the server draws one (crypto) and shows it. */
  seed?: string | null;
  /** Replacing a draw (allowed only while planned) needs a reason on the trail. */
  reason?: string | null;
}

export interface SampleItemView {
  id: string;
  pickOrder: number;
  reasons: SampleReason[];
  population: PopulationItemView;
  result: SampleResult;
  checks: AuditCheckRecord[];
  notes: string;
  testedBy: PersonRef | null;
  testedAt: string | null;
  workingPaperCount: number;
  findingIds: string[];
  rowVersion: number;
  /** What the item is, for the tester: supplier, budget line, receipt file id / payment reference. */
  detail: Record<string, string | null>;
}

export interface TestSampleItemRequest {
  checks: AuditCheckRecord[];
  result: Exclude<SampleResult, 'untested'>;
  notes: string;
  rowVersion: number;
}

export interface WorkingPaperView {
  id: string;
  fileName: string;
  sizeBytes: string;
  sha256: string;
  sampleItemId: string | null;
  findingId: string | null;
  uploadedBy: PersonRef;
  uploadedAt: string;
}

export interface RaiseAuditFindingRequest {
  grantId: string;
  /** Must be an item of this engagement's sample (AUDIT_ITEM_NOT_IN_SAMPLE otherwise). */
  sampleItemId?: string | null;
  category?: FindingCategory | null;
  /** Required when category is null; otherwise defaults to the category's title. */
  title?: string | null;
  description: string;
  priority: FindingPriority;
  affectedMinor: string;
  /** The part found ineligible: becomes a refund receivable once an officer confirms. */
  ineligibleMinor: string;
  recommendation: string;
  action: string;
  actionOwner: string;
  actionDueOn?: string | null;
}

export type UpdateAuditFindingRequest = Partial<Omit<RaiseAuditFindingRequest, 'grantId' | 'sampleItemId'>> & { rowVersion: number };

export interface FindingResponseView {
  id: string;
  side: ResponseSide;
  kind: ResponseKind;
  body: string;
  author: PersonRef;
  createdAt: string;
}

export interface FindingResponseRequest {
  kind: ResponseKind;
  body: string;
}

/** The largest completion attachment of a finding's action (a PDF, PNG or JPEG). */
export const FINDING_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface ConfirmFindingRefundRequest {
  reason: string;
}

export interface CheckFindingActionRequest {
  note?: string | null;
}

export type AuditFindingAction = 'edit' | 'respond' | 'accept' | 'comment' | 'confirm_refund' | 'complete' | 'check';

export interface AuditFindingView {
  id: string;
  engagementId: string;
  engagementReference: string;
  number: number;
  grantId: string;
  grantNumber: string;
  grantTitle: string;
  sampleItemId: string | null;
  category: FindingCategory | null;
  title: string;
  description: string;
  priority: FindingPriority;
  affectedMinor: string;
  ineligibleMinor: string;
  currency: CurrencyCode;
  recommendation: string;
  action: string;
  actionOwner: string;
  actionDueOn: string | null;
  actionState: FindingActionState;
  completionNote: string | null;
  completionFile: { name: string; sizeBytes: string } | null;
  completedBy: PersonRef | null;
  completedAt: string | null;
  checkedBy: PersonRef | null;
  checkedAt: string | null;
  refund: { state: 'none' | 'pending' | 'confirmed'; journalEntryId: string | null; confirmedBy: PersonRef | null; confirmedAt: string | null };
  /** True while it blocks the grant's next tranche (high and its action not yet checked). */
  blocksTranche: boolean;
  responses: FindingResponseView[];
  raisedBy: PersonRef;
  raisedAt: string;
  rowVersion: number;
  actions: AuditFindingAction[];
}

/** One line of the ledger reconciliation: what two sources say, and their difference. */
export interface ReconciliationLine {
  /** payments_ledger_vs_bank | expenditure_ledger_vs_lines | refunds_due_vs_received */
  check: 'payments_ledger_vs_bank' | 'expenditure_ledger_vs_lines' | 'refunds_due_vs_received';
  grantId: string;
  grantNumber: string;
  currency: CurrencyCode;
  leftMinor: string;
  rightMinor: string;
  differenceMinor: string;
}

export interface ReconciliationDifference {
  check: ReconciliationLine['check'];
  grantId: string;
  grantNumber: string;
  /** What is off, as a code the web translates (`audit.difference.<code>`) with params. */
  code: string;
  params: Record<string, string>;
  /** The posting, payment, line or refund the difference is about. */
  entityType: string;
  entityId: string | null;
  amountMinor: string;
  currency: CurrencyCode;
}

export interface ReconciliationView {
  engagementId: string;
  asOf: string;
  lines: ReconciliationLine[];
  differences: ReconciliationDifference[];
  balanced: boolean;
}

export interface RequestAuditReportRequest {
  final: boolean;
  /** Audits: the opinion (required for a final report); spot checks: a conclusion instead. */
  opinion?: AuditOpinion | null;
  conclusion?: string | null;
  /** Required when a final report exists: the new version supersedes it. */
  supersedeReason?: string | null;
}

export interface AuditReportView {
  id: string;
  engagementId: string;
  version: number;
  final: boolean;
  state: AuditReportState;
  progress: number;
  total: number;
  sha256: string | null;
  snapshotSha256: string;
  sizeBytes: string | null;
  trailHeadSeq: string | null;
  trailHeadHash: string | null;
  trailVerified: boolean | null;
  supersedesId: string | null;
  supersedeReason: string | null;
  supersededById: string | null;
  requestedBy: PersonRef;
  requestedAt: string;
  finishedAt: string | null;
  /** A code (`audit.report_error.<code>`) when failed. */
  error: string | null;
}

export interface AssuranceRow {
  grantId: string;
  grantNumber: string;
  title: string;
  organizationName: string;
  riskRating: 'low' | 'moderate' | 'significant' | 'high' | null;
  /** Per kind: had (in the last 12 months) and required by the risk rating. */
  had: Record<AssuranceKind, number>;
  required: Record<AssuranceKind, number>;
  /** Kinds where had < required. */
  short: AssuranceKind[];
  lastAssuranceOn: string | null;
}

export interface AssuranceView {
  rows: AssuranceRow[];
  total: number;
  shortCount: number;
}

/** `tools/mizan verify-report <file.pdf>`: what the check found. */
export interface VerifyReportResult {
  sha256: string;
  issued: boolean;
  reportId: string | null;
  engagementId: string | null;
  engagementReference: string | null;
  version: number | null;
  final: boolean | null;
  trailRecordSeq: string | null;
  superseded: boolean | null;
}

/* --- Engagements (issue 12, engagements part): queries and small requests --- */

/** GET engagements: paged, optionally one state. */
export interface EngagementListQuery {
  page?: number;
  pageSize?: number;
  state?: EngagementState;
}

/** POST auditors(id): put a user holding the auditor role on the engagement. */
export interface AddAuditorRequest {
  userId: string;
  /** Make them the lead (the previous lead stays on the engagement). */
  lead?: boolean;
}

/** POST auditorRemoval(id, userId): why the auditor comes off (on the trail). */
export interface RemoveAuditorRequest {
  reason: string;
}

/** GET auditorCandidates: a user of the agency holding the auditor role. */
export interface AuditorCandidateView {
  id: string;
  name: string;
  email: string;
  /** Engagements not closed they are on. */
  openEngagements: number;
}

/** GET scopeGrants(id): one grant in the engagement's scope today. */
export interface ScopeGrantView {
  id: string;
  grantNumber: string;
  title: string;
  organizationId: string;
  organizationName: string;
  riskRating: 'low' | 'moderate' | 'significant' | 'high' | null;
  state: string;
  currency: CurrencyCode;
  amountMinor: string;
}

/** GET assurance: paged; `short=true` only the grants short of what their rating requires. */
export interface AssuranceQuery {
  page?: number;
  pageSize?: number;
  short?: boolean;
}
