import { AUDIT_ENGAGEMENT_STATES, canMoveEngagement, engagementNextStates, isAuditEngagementState, sampleIsFrozen } from './engagement-states';

describe('audit engagement states', () => {
  it('moves forward one step at a time, planned to closed', () => {
    const path = ['planned', 'fieldwork', 'draft_report', 'management_comments', 'final', 'closed'] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(canMoveEngagement(path[i], path[i + 1])).toBe(true);
    expect(canMoveEngagement('planned', 'draft_report')).toBe(false);
    expect(canMoveEngagement('fieldwork', 'final')).toBe(false);
  });

  it('steps back only from the report stages, never out of final or closed', () => {
    expect(canMoveEngagement('draft_report', 'fieldwork')).toBe(true);
    expect(canMoveEngagement('management_comments', 'draft_report')).toBe(true);
    expect(canMoveEngagement('fieldwork', 'planned')).toBe(false);
    expect(engagementNextStates('final')).toEqual(['closed']);
    expect(engagementNextStates('closed')).toEqual([]);
  });

  it('never moves to the state it is in', () => {
    for (const s of AUDIT_ENGAGEMENT_STATES) expect(canMoveEngagement(s, s)).toBe(false);
  });

  it('freezes the sample from fieldwork on', () => {
    expect(sampleIsFrozen('planned')).toBe(false);
    for (const s of AUDIT_ENGAGEMENT_STATES.slice(1)) expect(sampleIsFrozen(s)).toBe(true);
  });

  it('knows its states', () => {
    expect(isAuditEngagementState('fieldwork')).toBe(true);
    expect(isAuditEngagementState('constructor')).toBe(false);
    expect(isAuditEngagementState(3)).toBe(false);
  });
});
