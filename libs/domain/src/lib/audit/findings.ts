import type { AuditEngagementState } from './engagement-states';

/**
 * Audit findings (issue 12, docs/audit.md): the rules that do not need the database.
 * Amounts are integer minor units given as decimal text; the action follows
 * open → completed (a note; high priority also a file) → checked (a second person).
 */
export type AuditFindingPriority = 'high' | 'medium' | 'low';
export type AuditFindingActionState = 'open' | 'completed' | 'checked';

/** At most 15 digits: below 2^53, so every amount survives JSON readers that use doubles. */
export const FINDING_AMOUNT_MAX_DIGITS = 15;

export type FindingAmountProblem = 'AMOUNT_NOT_WHOLE_MINOR_UNITS' | 'AMOUNT_TOO_LARGE' | 'INELIGIBLE_ABOVE_AFFECTED';

export interface FindingAmountIssue {
  field: 'affectedMinor' | 'ineligibleMinor';
  code: FindingAmountProblem;
}

/** A whole, non-negative number of minor units as decimal digits, or the problem with it. */
export function parseFindingAmount(value: unknown): bigint | Exclude<FindingAmountProblem, 'INELIGIBLE_ABOVE_AFFECTED'> {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return 'AMOUNT_NOT_WHOLE_MINOR_UNITS';
  const trimmed = value.replace(/^0+(?=\d)/, '');
  if (trimmed.length > FINDING_AMOUNT_MAX_DIGITS) return 'AMOUNT_TOO_LARGE';
  return BigInt(trimmed);
}

/** The affected and ineligible amounts checked together: each whole and bounded, ineligible ≤ affected. */
export function checkFindingAmounts(affected: unknown, ineligible: unknown): { affected: bigint; ineligible: bigint } | FindingAmountIssue[] {
  const a = parseFindingAmount(affected);
  const i = parseFindingAmount(ineligible);
  const issues: FindingAmountIssue[] = [];
  if (typeof a !== 'bigint') issues.push({ field: 'affectedMinor', code: a });
  if (typeof i !== 'bigint') issues.push({ field: 'ineligibleMinor', code: i });
  if (typeof a === 'bigint' && typeof i === 'bigint' && i > a) issues.push({ field: 'ineligibleMinor', code: 'INELIGIBLE_ABOVE_AFFECTED' });
  return issues.length > 0 || typeof a !== 'bigint' || typeof i !== 'bigint' ? issues : { affected: a, ineligible: i };
}

/** The grantee sees the findings once the draft report is out (not while the auditor is still at work). */
export function findingVisibleToGrantee(state: AuditEngagementState): boolean {
  return state === 'draft_report' || state === 'management_comments' || state === 'final' || state === 'closed';
}

/** A high finding blocks the grant's next tranche from the moment it is raised until its action is checked. */
export function findingBlocksTranche(priority: AuditFindingPriority, actionState: AuditFindingActionState): boolean {
  return priority === 'high' && actionState !== 'checked';
}

/** Completing the agreed action: a note always; for high priority also an attachment. */
export function completionProblem(priority: AuditFindingPriority, note: string, hasFile: boolean): 'NOTE_REQUIRED' | 'ATTACHMENT_REQUIRED' | null {
  if (note.trim().length === 0) return 'NOTE_REQUIRED';
  if (priority === 'high' && !hasFile) return 'ATTACHMENT_REQUIRED';
  return null;
}

/** Checking needs a second person: anyone but the one who completed the action. */
export function checkerIsSecondPerson(completedBy: string | null, checkerId: string): boolean {
  return completedBy !== null && completedBy !== checkerId;
}
