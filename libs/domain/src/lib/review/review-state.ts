/**
 * A reviewer's assignment to one application:
 * - assigned → declared (no conflict of interest) → in_progress (a draft saved) → submitted
 * - declared → submitted directly, when all is scored in one go
 * - assigned → conflict (a conflict declared): the reviewer is off the application
 * - assigned, declared or in_progress → reassigned (by an officer)
 * - assigned, declared or in_progress → closed (the application was decided or
 *   withdrawn: the review is no longer needed)
 *
 * Conflict, reassigned and closed are ends: the row stays as history and the
 * reviewer no longer works on the application. A submitted review is final.
 */
export const ASSIGNMENT_STATUSES = ['assigned', 'declared', 'in_progress', 'submitted', 'conflict', 'reassigned', 'closed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_ACTIONS = ['declare_no_conflict', 'declare_conflict', 'save_draft', 'submit', 'reassign', 'close'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** Who takes an action: the assigned reviewer, an officer of the agency, or Mizan as the consequence of another act. */
export const ASSIGNMENT_ACTOR: Record<AssignmentAction, 'reviewer' | 'officer' | 'system'> = {
  declare_no_conflict: 'reviewer',
  declare_conflict: 'reviewer',
  save_draft: 'reviewer',
  submit: 'reviewer',
  reassign: 'officer',
  close: 'system',
};

const ASSIGNMENT_TRANSITIONS: Record<AssignmentAction, { from: readonly AssignmentStatus[]; to: AssignmentStatus }> = {
  declare_no_conflict: { from: ['assigned'], to: 'declared' },
  declare_conflict: { from: ['assigned'], to: 'conflict' },
  save_draft: { from: ['declared', 'in_progress'], to: 'in_progress' },
  submit: { from: ['declared', 'in_progress'], to: 'submitted' },
  // A submitted review is evidence: it is never taken away from the application.
  reassign: { from: ['assigned', 'declared', 'in_progress'], to: 'reassigned' },
  // The application was decided or withdrawn: whatever review is still open ends (a submitted one stays as it is).
  close: { from: ['assigned', 'declared', 'in_progress'], to: 'closed' },
};

export type AssignmentTransition = { ok: true; to: AssignmentStatus } | { ok: false; reason: string };

export function assignmentTransition(from: AssignmentStatus, action: AssignmentAction): AssignmentTransition {
  const rule = ASSIGNMENT_TRANSITIONS[action];
  if (!rule.from.includes(from)) {
    return { ok: false, reason: `cannot ${action.replace(/_/g, ' ')} an assignment that is ${from.replace(/_/g, ' ')}` };
  }
  return { ok: true, to: rule.to };
}

export function assignmentAllowedActions(from: AssignmentStatus): AssignmentAction[] {
  return ASSIGNMENT_ACTIONS.filter((a) => ASSIGNMENT_TRANSITIONS[a].from.includes(from));
}

/** Assignments that still ask something of their reviewer (a declaration, a draft, a submission). */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['assigned', 'declared', 'in_progress'];

/** Live assignments count towards load and hold the one-per-reviewer-and-application slot. */
export function isLiveAssignment(status: AssignmentStatus): boolean {
  return status !== 'conflict' && status !== 'reassigned' && status !== 'closed';
}

/** The reviewer may open the application only after declaring no conflict, and until removed. */
export function mayReadApplication(status: AssignmentStatus): boolean {
  return status === 'declared' || status === 'in_progress' || status === 'submitted';
}

export function isAssignmentStatus(value: unknown): value is AssignmentStatus {
  return typeof value === 'string' && (ASSIGNMENT_STATUSES as readonly string[]).includes(value);
}
