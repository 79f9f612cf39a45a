import { AUDIT_ENGAGEMENT_STATES, canMoveEngagement } from './engagement-states';
import { engagementActions, engagementReference, engagementReferenceNumber, engagementTransitionsFor, mayMoveEngagement } from './engagement-roles';

describe('who may move an audit engagement', () => {
  it('lets planners start fieldwork and close the follow-up, and nothing else forward', () => {
    expect(mayMoveEngagement('planner', 'planned', 'fieldwork')).toBe(true);
    expect(mayMoveEngagement('planner', 'final', 'closed')).toBe(true);
    expect(mayMoveEngagement('planner', 'fieldwork', 'draft_report')).toBe(false);
    expect(mayMoveEngagement('planner', 'management_comments', 'final')).toBe(false);
  });

  it('lets auditors drive the reporting, not start or close', () => {
    expect(mayMoveEngagement('auditor', 'fieldwork', 'draft_report')).toBe(true);
    expect(mayMoveEngagement('auditor', 'draft_report', 'management_comments')).toBe(true);
    expect(mayMoveEngagement('auditor', 'management_comments', 'final')).toBe(true);
    expect(mayMoveEngagement('auditor', 'planned', 'fieldwork')).toBe(false);
    expect(mayMoveEngagement('auditor', 'final', 'closed')).toBe(false);
  });

  it('lets both step back, and nobody skip or leave final or closed backwards', () => {
    for (const role of ['planner', 'auditor'] as const) {
      expect(mayMoveEngagement(role, 'draft_report', 'fieldwork')).toBe(true);
      expect(mayMoveEngagement(role, 'management_comments', 'draft_report')).toBe(true);
      expect(mayMoveEngagement(role, 'planned', 'final')).toBe(false);
      expect(mayMoveEngagement(role, 'final', 'management_comments')).toBe(false);
      expect(engagementTransitionsFor(role, 'closed')).toEqual([]);
    }
  });

  it('every step the state machine allows is allowed to someone, and nothing more', () => {
    for (const from of AUDIT_ENGAGEMENT_STATES) {
      for (const to of AUDIT_ENGAGEMENT_STATES) {
        const anyone = mayMoveEngagement('planner', from, to) || mayMoveEngagement('auditor', from, to);
        expect(`${from}>${to}:${anyone}`).toBe(`${from}>${to}:${canMoveEngagement(from, to)}`);
      }
    }
  });
});

describe('what each side may do', () => {
  it('planners edit while planned or in fieldwork, manage auditors until closed', () => {
    expect(engagementActions('planner', 'planned')).toEqual(['edit', 'manage_auditors', 'transition:fieldwork']);
    expect(engagementActions('planner', 'draft_report')).toEqual(['manage_auditors', 'respond', 'transition:fieldwork']);
    expect(engagementActions('planner', 'final')).toEqual(['manage_auditors', 'respond', 'transition:closed']);
    expect(engagementActions('planner', 'closed')).toEqual([]);
  });

  it('auditors draw while planned, test in fieldwork and draft, report from fieldwork on', () => {
    expect(engagementActions('auditor', 'planned')).toEqual(['draw_sample']);
    expect(engagementActions('auditor', 'fieldwork')).toEqual(['test', 'raise_finding', 'report', 'transition:draft_report']);
    expect(engagementActions('auditor', 'management_comments')).toEqual(['respond', 'report', 'final_report', 'transition:final', 'transition:draft_report']);
    expect(engagementActions('auditor', 'closed')).toEqual([]);
  });
});

describe('engagement references', () => {
  it('pads to three digits and reads them back for the same year only', () => {
    expect(engagementReference(2026, 1)).toBe('AUD-2026-001');
    expect(engagementReference(2026, 1234)).toBe('AUD-2026-1234');
    expect(engagementReferenceNumber('AUD-2026-017', 2026)).toBe(17);
    expect(engagementReferenceNumber('AUD-2025-017', 2026)).toBeNull();
    expect(engagementReferenceNumber('X-2026-017', 2026)).toBeNull();
  });
});
