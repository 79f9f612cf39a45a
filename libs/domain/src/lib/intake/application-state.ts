/**
 * The application's life (DESIGN.md, "The life of a grant", steps 3–5): intake,
 * then review and the funding decision; every transition goes through here.
 */
export const APPLICATION_STATES = ['draft', 'submitted', 'screening', 'eligible', 'ineligible', 'returned', 'resubmitted', 'withdrawn', 'in_review', 'approved', 'rejected', 'reserve'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = ['submit', 'start_screening', 'mark_eligible', 'mark_ineligible', 'return_for_clarification', 'resubmit', 'withdraw', 'start_review', 'approve', 'reject', 'reserve'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/**
 * Who may take an action: the organization's members, or the agency's officers.
 * 'system' actions are never offered to anyone: Mizan takes them as the
 * consequence of another act (the first reviewer assigned starts the review).
 */
export const ACTION_ACTOR: Record<ApplicationAction, 'applicant' | 'officer' | 'system'> = {
  submit: 'applicant',
  resubmit: 'applicant',
  withdraw: 'applicant',
  start_screening: 'officer',
  mark_eligible: 'officer',
  mark_ineligible: 'officer',
  return_for_clarification: 'officer',
  start_review: 'system',
  approve: 'officer',
  reject: 'officer',
  reserve: 'officer',
};

const TRANSITIONS: Record<ApplicationAction, { from: readonly ApplicationState[]; to: ApplicationState }> = {
  submit: { from: ['draft'], to: 'submitted' },
  start_screening: { from: ['submitted', 'resubmitted'], to: 'screening' },
  mark_eligible: { from: ['submitted', 'resubmitted', 'screening'], to: 'eligible' },
  mark_ineligible: { from: ['submitted', 'resubmitted', 'screening'], to: 'ineligible' },
  return_for_clarification: { from: ['submitted', 'resubmitted', 'screening'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'resubmitted' },
  // Until the decision: during review too (its open reviews, and a proposal waiting for a second officer, end with it).
  withdraw: { from: ['draft', 'submitted', 'screening', 'returned', 'resubmitted', 'eligible', 'in_review'], to: 'withdrawn' },
  // Taken when the first reviewer is assigned, never on its own: assigning is what starts the review.
  start_review: { from: ['eligible'], to: 'in_review' },
  // Funding decisions: taken only when the decision is final — at proposal when no second officer is needed, else at confirmation.
  approve: { from: ['in_review', 'reserve'], to: 'approved' },
  reject: { from: ['in_review', 'reserve'], to: 'rejected' },
  reserve: { from: ['in_review'], to: 'reserve' },
};

export type TransitionResult = { ok: true; to: ApplicationState } | { ok: false; reason: string };

export function transition(from: ApplicationState, action: ApplicationAction): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) {
    return { ok: false, reason: `cannot ${action.replace(/_/g, ' ')} an application that is ${from}` };
  }
  return { ok: true, to: rule.to };
}

export function allowedActions(from: ApplicationState): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(from));
}

/** States in which the applicant may edit the working copy. */
export function isEditable(state: ApplicationState): boolean {
  return state === 'draft' || state === 'returned';
}

/** Actions that need a written reason on the trail. */
export function needsReason(action: ApplicationAction): boolean {
  return (
    action === 'mark_ineligible' || action === 'return_for_clarification' || action === 'withdraw' || action === 'approve' || action === 'reject' || action === 'reserve'
  );
}
