import type { ApplicationContent, ApplicationState, AssignmentStatus, CurrencyCode, Recommendation } from '@mizan/domain';
import type { BudgetTotalsView, RubricInput } from './intake';
import type { KeysetPage } from './trail';

/**
 * Review API types (issue 4): reviewer assignment, conflict-of-interest
 * declarations, scoring, the review board with its funding line, and chart
 * data. Amounts are decimal strings of minor units; scores are numbers with
 * at most two decimals on the 0–5 weighted scale (computed in exact hundredths).
 */
export const ReviewPaths = {
  calls: 'calls',
  applications: 'applications',
  /** GET: the signed-in reviewer's assignments. */
  reviews: 'reviews',
  bulkAssign: (callId: string) => `calls/${callId}/assignments/bulk`,
  callReviewers: (callId: string) => `calls/${callId}/reviewers`,
  /** GET (history) and POST (assign one). */
  applicationAssignments: (applicationId: string) => `applications/${applicationId}/assignments`,
  reassign: (applicationId: string) => `applications/${applicationId}/assignments/reassign`,
  /** DELETE: take a reviewer off (body: reason). */
  assignment: (applicationId: string, assignmentId: string) => `applications/${applicationId}/assignments/${assignmentId}`,
  board: (callId: string) => `calls/${callId}/board`,
  boardXlsx: (callId: string) => `calls/${callId}/board.xlsx`,
  boardCharts: (callId: string) => `calls/${callId}/board/charts`,
  /** PUT: the spread above which reviewers are flagged as disagreeing. */
  disagreementThreshold: (callId: string) => `calls/${callId}/disagreement-threshold`,
  review: (assignmentId: string) => `reviews/${assignmentId}`,
  declaration: (assignmentId: string) => `reviews/${assignmentId}/declaration`,
  reviewApplication: (assignmentId: string) => `reviews/${assignmentId}/application`,
  scores: (assignmentId: string) => `reviews/${assignmentId}/scores`,
  submitReview: (assignmentId: string) => `reviews/${assignmentId}/submit`,
  peers: (assignmentId: string) => `reviews/${assignmentId}/peers`,
} as const;

/* ── Officer: assignments ─────────────────────────────────────────────── */

export interface BulkAssignRequest {
  /** Reviewers each application should have (counting live ones it already has). 1–5. */
  perApplication: number;
  /** Only these applications of the call; default every eligible or in-review one. */
  applicationIds?: string[];
  /** ISO date the reviews are due, shown to reviewers. */
  dueOn?: string | null;
}

export interface AssignmentView {
  id: string;
  applicationId: string;
  callId: string;
  reviewerId: string;
  reviewerName: string;
  reviewerEmail: string;
  status: AssignmentStatus;
  assignedAt: string;
  dueOn: string | null;
  /** Only when a conflict was declared. */
  conflictStatement: string | null;
  conflictDeclaredAt: string | null;
  submittedAt: string | null;
  /** The submitted weighted score; null until submitted. */
  weightedScore: number | null;
}

export interface BulkAssignResult {
  assignments: AssignmentView[];
  /** Applications that could not get `perApplication` reviewers: too few free of conflicts. */
  shortfalls: { applicationId: string; title: string; missing: number }[];
  /** Applications moved from eligible to in_review by this request. */
  startedReview: string[];
  /** Every reviewer's live assignments in the call afterwards. */
  loads: { reviewerId: string; reviewerName: string; load: number }[];
}

export interface AssignReviewerRequest {
  reviewerId: string;
  dueOn?: string | null;
}

export interface ReassignRequest {
  fromReviewerId: string;
  toReviewerId: string;
  reason: string;
}

export interface UnassignRequest {
  reason: string;
}

/** A reviewer's load and progress in one call. */
export interface CallReviewerView {
  reviewerId: string;
  name: string;
  email: string;
  /** Live assignments (assigned + declared + in progress + submitted). */
  load: number;
  assigned: number;
  declared: number;
  inProgress: number;
  submitted: number;
  conflicts: number;
}

/* ── Reviewer ──────────────────────────────────────────────────────────── */

export interface MyReviewItem {
  assignmentId: string;
  status: AssignmentStatus;
  applicationId: string;
  applicationTitle: string;
  receiptNumber: string | null;
  organizationName: string;
  /** Named so a conflict of interest can be recognised before opening. */
  partnerNames: string[];
  callId: string;
  callTitle: string;
  dueOn: string | null;
  assignedAt: string;
  submittedAt: string | null;
}

export interface DeclarationRequest {
  hasConflict: boolean;
  /** Required when hasConflict: what the conflict is. */
  statement?: string | null;
}

export interface ScoreInput {
  criterionId: string;
  /**
   * Whole number 0–5. Null only in a draft, for a comment written before its
   * score: a submitted review scores every criterion.
   */
  score: number | null;
  comment: string;
}

export interface SaveScoresRequest {
  scores: ScoreInput[];
  recommendation: Recommendation | null;
  overallComment: string;
  /** The version this draft was edited from (optimistic check: 409 when stale). */
  version: number;
}

export interface SubmitReviewRequest {
  version: number;
}

export interface ReviewView {
  assignmentId: string;
  status: AssignmentStatus;
  version: number;
  applicationId: string;
  applicationTitle: string;
  organizationName: string;
  callId: string;
  callTitle: string;
  dueOn: string | null;
  scores: ScoreInput[];
  recommendation: Recommendation | null;
  overallComment: string;
  /** Only once submitted. */
  weightedScore: number | null;
  submittedAt: string | null;
  /** True when the reviewer may open the application (declared no conflict). */
  mayRead: boolean;
}

/** What a reviewer reads: the last submitted version, frozen, and the rubric to score against. */
export interface ReviewApplicationView {
  assignmentId: string;
  applicationId: string;
  title: string;
  organizationName: string;
  partners: { name: string; governorateCode: string }[];
  callId: string;
  callTitle: string;
  currency: CurrencyCode;
  requestedMinor: string;
  versionNumber: number;
  receiptNumber: string;
  submittedAt: string;
  contentSha256: string;
  content: ApplicationContent;
  totals: BudgetTotalsView;
  rubric: RubricInput;
}

export interface PeerReviewView {
  /** "Reviewer 1", "Reviewer 2": peers stay anonymous to each other. */
  label: string;
  scores: ScoreInput[];
  recommendation: Recommendation;
  overallComment: string;
  weightedScore: number;
  submittedAt: string;
}

export interface PeerReviewsView {
  mine: { weightedScore: number; recommendation: Recommendation };
  /** Submitted reviews of the other reviewers; unsubmitted ones are never shown. */
  peers: PeerReviewView[];
  /** Other live reviewers who have not submitted yet. */
  pendingCount: number;
}

/* ── Officer: the review board ─────────────────────────────────────────── */

export const BOARD_SORTS = ['rank', 'score', 'spread', 'requested', 'submitted', 'title'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export interface BoardQuery {
  sort?: BoardSort;
  after?: string;
  before?: string;
  pageSize?: number;
  direction?: 'asc' | 'desc';
  /** Only rows whose reviewers disagree. */
  disagreement?: 'true' | 'false';
  /** Only rows above or below the funding line. */
  line?: 'above' | 'below';
  state?: ApplicationState;
  /** Only this application's row (its rank and funding line as on the whole board). */
  applicationId?: string;
}

export interface BoardReviewerView {
  assignmentId: string;
  reviewerId: string;
  reviewerName: string;
  status: AssignmentStatus;
  /** Only when submitted. */
  weightedScore: number | null;
  recommendation: Recommendation | null;
}

export interface BoardRowView {
  applicationId: string;
  title: string;
  organizationName: string;
  receiptNumber: string | null;
  submittedAt: string | null;
  state: ApplicationState;
  requestedMinor: string;
  reviewers: BoardReviewerView[];
  submittedReviews: number;
  /** Mean of the submitted weighted scores, rounded half up to the hundredth; null before any. */
  meanScore: number | null;
  /** Highest − lowest submitted weighted score; null before any. */
  spread: number | null;
  disagreement: boolean;
  /** 1 = best; null until a review is submitted, or when rejected (out of the competition). */
  rank: number | null;
  /** Requested amounts of this and every ranked application above it; null when unranked. */
  cumulativeRequestedMinor: string | null;
  aboveFundingLine: boolean;
}

/** What the board says about the whole call, above its rows. */
export interface BoardHeaderView {
  callId: string;
  callTitle: string;
  currency: CurrencyCode;
  envelopeMinor: string;
  /** In points of the 0–5 weighted scale. */
  disagreementThreshold: number;
  /** Applications above the line, their requests together (never more than the envelope), and what is left. */
  fundingLine: { aboveCount: number; fundedMinor: string; remainingMinor: string };
}

/**
 * One keyset page of the board (issue 14). Rank, cumulative request and the funding line of each
 * row are worked out over the whole call's ranking, so they read the same on every page.
 */
export interface BoardView extends BoardHeaderView, KeysetPage<BoardRowView> {}

/** The whole board at once: what the spreadsheet export writes. */
export interface BoardExportView extends BoardHeaderView {
  rows: BoardRowView[];
}

export interface SetDisagreementThresholdRequest {
  /** Points of the 0–5 weighted scale, at most two decimals (default of a new call: 1.50). */
  threshold: number;
  /** Why: recorded on the activity trail. */
  reason: string;
}

export interface ScoreBinView {
  /** Lower bound, inclusive; the last bin includes 5.00. */
  from: number;
  to: number;
  /** Applications whose mean score falls here. */
  applications: number;
  /** Submitted reviews whose weighted score falls here. */
  reviews: number;
}

export interface AmountGroupView {
  key: string;
  label: string;
  applications: number;
  requestedMinor: string;
  approvedMinor: string;
}

export interface BoardChartsView {
  callId: string;
  currency: CurrencyCode;
  scoreDistribution: ScoreBinView[];
  /**
   * An application counts fully in every theme and governorate it belongs to,
   * so groups may overlap: their sums can exceed the call's total.
   */
  byTheme: AmountGroupView[];
  byGovernorate: AmountGroupView[];
  totals: { applications: number; requestedMinor: string; approvedMinor: string };
}
