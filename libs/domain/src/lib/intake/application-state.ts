/**
 * The application's life (DESIGN.md, "The life of a grant", steps 3–5). Later
 * issues add in_review and decided; every transition goes through here.
 */
export const APPLICATION_STATES = ['draft', 'submitted', 'screening', 'eligible', 'ineligible', 'returned', 'resubmitted', 'withdrawn'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_ACTIONS = ['submit', 'start_screening', 'mark_eligible', 'mark_ineligible', 'return_for_clarification', 'resubmit', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Who may take an action: the organization's members, or the agency's officers. */
export const ACTION_ACTOR: Record<ApplicationAction, 'applicant' | 'officer'> = {
  submit: 'applicant',
  resubmit: 'applicant',
  withdraw: 'applicant',
  start_screening: 'officer',
  mark_eligible: 'officer',
  mark_ineligible: 'officer',
  return_for_clarification: 'officer',
};

const TRANSITIONS: Record<ApplicationAction, { from: readonly ApplicationState[]; to: ApplicationState }> = {
  submit: { from: ['draft'], to: 'submitted' },
  start_screening: { from: ['submitted', 'resubmitted'], to: 'screening' },
  mark_eligible: { from: ['submitted', 'resubmitted', 'screening'], to: 'eligible' },
  mark_ineligible: { from: ['submitted', 'resubmitted', 'screening'], to: 'ineligible' },
  return_for_clarification: { from: ['submitted', 'resubmitted', 'screening'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'resubmitted' },
  withdraw: { from: ['draft', 'submitted', 'screening', 'returned', 'resubmitted', 'eligible'], to: 'withdrawn' },
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
  return action === 'mark_ineligible' || action === 'return_for_clarification' || action === 'withdraw';
}
