import type { CurrencyCode } from '@mizan/domain';
import type { LineImportProblem, ReportState } from './reporting';

/**
 * The officer's list of reports (issue 11, reports helper): every report due
 * in the agency that is due, overdue or submitted (awaiting verification),
 * with who is late. GET ReportingPaths.overdue.
 */
export interface ReportDueListItemView {
  reportDueId: string;
  grantId: string;
  grantNumber: string;
  grantTitle: string;
  organizationName: string;
  kind: 'interim' | 'final';
  periodFrom: string;
  periodTo: string;
  dueOn: string;
  state: 'due' | 'submitted';
  overdue: boolean;
  /** Days past the due date (0 when not late); a submitted report counts to its submission. */
  daysLate: number;
  report: { id: string; state: ReportState; submittedAt: string | null; lineCount: number; claimedMinor: string } | null;
  currency: CurrencyCode;
}

export type ReportDueListFilter = 'all' | 'submitted' | 'overdue' | 'due';

export interface ReportDueListQuery {
  filter?: ReportDueListFilter;
  /** days_late (default, most late first) or due_on (soonest first). */
  sort?: 'days_late' | 'due_on';
  after?: string;
  before?: string;
  pageSize?: number;
}

/** One indicator of the grant's logframe, for the narrative report (ReportView.indicators). */
export interface ReportIndicatorView {
  id: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
}

/** The problems of a refused XLSX import: `params.problems` of a 422 IMPORT_INVALID (an array, despite ApiErrorBody's string|number typing). */
export function importProblemsOf(params: Record<string, unknown> | undefined): LineImportProblem[] {
  const problems = params?.['problems'];
  return Array.isArray(problems) ? (problems as LineImportProblem[]) : [];
}

/** Result of POST ReportingPaths.importLines. */
export interface LineImportResult {
  imported: number;
}

/** The exact headers of the template's "Lines" sheet, in order (columns A–J). */
export const LINE_IMPORT_HEADERS = ['Date', 'Budget line', 'Supplier', 'Description', 'Amount', 'Currency', 'Rate', 'Rate source', 'Rate note', 'Payment method'] as const;
export const LINE_IMPORT_MAX_ROWS = 2000;
