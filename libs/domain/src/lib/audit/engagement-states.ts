/**
 * The audit engagement's life (issue 12, docs/audit.md):
 * planned → fieldwork → draft_report → management_comments → final → closed ("follow-up closed").
 * One step forward at a time, each with a reason on the trail; a step back is allowed only
 * from the report stages to the one before (a draft sent back for more fieldwork, comments
 * reopened), never out of final or closed. Pure: the services check the facts each step needs.
 */
export const AUDIT_ENGAGEMENT_STATES = ['planned', 'fieldwork', 'draft_report', 'management_comments', 'final', 'closed'] as const;
export type AuditEngagementState = (typeof AUDIT_ENGAGEMENT_STATES)[number];

const FORWARD: Readonly<Record<AuditEngagementState, AuditEngagementState | null>> = {
  planned: 'fieldwork',
  fieldwork: 'draft_report',
  draft_report: 'management_comments',
  management_comments: 'final',
  final: 'closed',
  closed: null,
};

const BACK: Readonly<Record<AuditEngagementState, AuditEngagementState | null>> = {
  planned: null,
  fieldwork: null,
  draft_report: 'fieldwork',
  management_comments: 'draft_report',
  final: null,
  closed: null,
};

export function isAuditEngagementState(value: unknown): value is AuditEngagementState {
  return typeof value === 'string' && (AUDIT_ENGAGEMENT_STATES as readonly string[]).includes(value);
}

/** The states the engagement may move to from `from`. */
export function engagementNextStates(from: AuditEngagementState): AuditEngagementState[] {
  return [FORWARD[from], BACK[from]].filter((s): s is AuditEngagementState => s !== null);
}

export function canMoveEngagement(from: AuditEngagementState, to: AuditEngagementState): boolean {
  return engagementNextStates(from).includes(to);
}

/** Whether the sample may still be (re)drawn: only while planned; fieldwork freezes it. */
export function sampleIsFrozen(state: AuditEngagementState): boolean {
  return state !== 'planned';
}

/** Whether items may be tested and findings raised or edited by the auditor. */
export function fieldworkOpen(state: AuditEngagementState): boolean {
  return state === 'fieldwork' || state === 'draft_report';
}

/** Whether management may still respond to findings. */
export function responsesOpen(state: AuditEngagementState): boolean {
  return state === 'draft_report' || state === 'management_comments' || state === 'final';
}
