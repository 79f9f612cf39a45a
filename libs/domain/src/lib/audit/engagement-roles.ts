import { type AuditEngagementState, canMoveEngagement, engagementNextStates, fieldworkOpen, responsesOpen } from './engagement-states';

/**
 * Who may do what on an engagement (issue 12, docs/audit.md). Pure; the words
 * are `EngagementAction` of @mizan/contracts (which is this type).
 *
 * Transitions:
 *  - planners (officers, admins: `audit.plan`) start fieldwork (planned → fieldwork)
 *    and close the follow-up (final → closed);
 *  - the engagement's auditors (`audit.conduct`) drive the reporting:
 *    fieldwork → draft_report → management_comments → final;
 *  - both may step back (draft_report → fieldwork, management_comments → draft_report).
 * The facts each step needs (a drawn sample, a final report, every action checked)
 * are checked by the service.
 */
export type EngagementActorRole = 'planner' | 'auditor';

const FORWARD_BY: Readonly<Record<string, EngagementActorRole>> = {
  'planned>fieldwork': 'planner',
  'fieldwork>draft_report': 'auditor',
  'draft_report>management_comments': 'auditor',
  'management_comments>final': 'auditor',
  'final>closed': 'planner',
};

const BACK = new Set(['draft_report>fieldwork', 'management_comments>draft_report']);

/** Whether `role` may move the engagement from `from` to `to` (the step itself must be allowed). */
export function mayMoveEngagement(role: EngagementActorRole, from: AuditEngagementState, to: AuditEngagementState): boolean {
  if (!canMoveEngagement(from, to)) return false;
  const key = `${from}>${to}`;
  return BACK.has(key) || FORWARD_BY[key] === role;
}

/** The states `role` may move the engagement to from `state`. */
export function engagementTransitionsFor(role: EngagementActorRole, state: AuditEngagementState): AuditEngagementState[] {
  return engagementNextStates(state).filter((to) => mayMoveEngagement(role, state, to));
}

export type EngagementActionId =
  | 'edit'
  | 'manage_auditors'
  | 'draw_sample'
  | 'test'
  | 'raise_finding'
  | 'respond'
  | 'report'
  | 'final_report'
  | `transition:${AuditEngagementState}`;

/**
 * What the caller may do given their role and the engagement's state:
 *  - planners: edit the plan (planned, fieldwork), manage the auditors (not closed),
 *    answer findings as management (while responses are open), their transitions;
 *  - auditors: draw the sample (planned), test items and raise findings (fieldwork,
 *    draft report), answer responses (while open), build draft reports (fieldwork to final)
 *    and the final report (management comments, final), their transitions.
 */
export function engagementActions(role: EngagementActorRole, state: AuditEngagementState): EngagementActionId[] {
  const actions: EngagementActionId[] = [];
  if (role === 'planner') {
    if (state === 'planned' || state === 'fieldwork') actions.push('edit');
    if (state !== 'closed') actions.push('manage_auditors');
    if (responsesOpen(state)) actions.push('respond');
  } else {
    if (state === 'planned') actions.push('draw_sample');
    if (fieldworkOpen(state)) actions.push('test', 'raise_finding');
    if (responsesOpen(state)) actions.push('respond');
    if (state !== 'planned' && state !== 'closed') actions.push('report');
    if (state === 'management_comments' || state === 'final') actions.push('final_report');
  }
  for (const to of engagementTransitionsFor(role, state)) actions.push(`transition:${to}`);
  return actions;
}

/** The reference of the n-th engagement of a year: AUD-2026-001 (at least three digits). */
export function engagementReference(year: number, n: number): string {
  return `AUD-${year}-${String(n).padStart(3, '0')}`;
}

/** The number in a reference of that year, or null (AUD-2026-017 → 17). */
export function engagementReferenceNumber(reference: string, year: number): number | null {
  const match = /^AUD-(\d{4})-(\d{3,})$/.exec(reference);
  return match && Number(match[1]) === year ? Number(match[2]) : null;
}
