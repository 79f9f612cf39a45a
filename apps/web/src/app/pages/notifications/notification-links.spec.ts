import {
  excerpt,
  notificationTarget,
  reviewApplicationCommands,
  isUnread,
  splitByRead,
} from './notification-links';

const officer = { officer: true };
const applicant = { officer: false };

describe('notificationTarget', () => {
  it('sends an applicant from a decision to their application', () => {
    for (const kind of [
      'application.approved',
      'application.rejected',
      'application.reserve',
    ]) {
      expect(
        notificationTarget(
          { kind, entityType: 'application', entityId: 'a1' },
          applicant,
        ),
      ).toEqual({
        kind: 'route',
        commands: ['/my-applications', 'a1'],
      });
    }
  });

  it('sends an officer from a decision notification to the decision (resolved to its application)', () => {
    for (const kind of [
      'decision.awaiting_confirmation',
      'decision.confirmed',
      'decision.cancelled',
    ]) {
      expect(
        notificationTarget(
          { kind, entityType: 'funding_decision', entityId: 'd1' },
          officer,
        ),
      ).toEqual({
        kind: 'decision',
        decisionId: 'd1',
      });
    }
    expect(
      notificationTarget(
        {
          kind: 'decision.confirmed',
          entityType: 'funding_decision',
          entityId: 'd1',
        },
        applicant,
      ),
    ).toBeNull();
  });

  it('sends an officer from a declared conflict to the application on the review desk', () => {
    expect(
      notificationTarget(
        {
          kind: 'review.conflict_declared',
          entityType: 'application',
          entityId: 'a2',
        },
        officer,
      ),
    ).toEqual({ kind: 'officerApplication', applicationId: 'a2' });
  });

  it('sends a reviewer from an assignment to the review', () => {
    expect(
      notificationTarget(
        {
          kind: 'review.assigned',
          entityType: 'review_assignment',
          entityId: 'r1',
        },
        applicant,
      ),
    ).toEqual({ kind: 'route', commands: ['/reviews', 'r1'] });
  });

  it('leads nowhere without an entity, or for an entity it does not know', () => {
    expect(
      notificationTarget(
        { kind: 'x', entityType: null, entityId: null },
        officer,
      ),
    ).toBeNull();
    expect(
      notificationTarget(
        { kind: 'x', entityType: 'grant', entityId: 'g1' },
        officer,
      ),
    ).toBeNull();
  });

  it('builds the officer application page under its call', () => {
    expect(reviewApplicationCommands('c1', 'a1')).toEqual([
      '/officer/review',
      'c1',
      'applications',
      'a1',
    ]);
  });
});

describe('excerpt', () => {
  it('keeps short text, squeezing white space', () => {
    expect(excerpt('  One\n two  ')).toBe('One two');
  });
  it('cuts long text at a word with an ellipsis', () => {
    const text = 'word '.repeat(40);
    const cut = excerpt(text, 30);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(cut).toBe('word word word word word word…');
  });
});

describe('splitByRead', () => {
  it('puts unread first, keeping the order within each group', () => {
    const items = [
      { id: 1, readAt: 'x' },
      { id: 2, readAt: null },
      { id: 3, readAt: null },
      { id: 4, readAt: 'y' },
    ];
    const { unread, read } = splitByRead(items);
    expect(unread.map((i) => i.id)).toEqual([2, 3]);
    expect(read.map((i) => i.id)).toEqual([1, 4]);
  });

  it('a task someone already did is no longer unread, even if never opened', () => {
    const items = [
      { id: 1, readAt: null, resolvedAt: '2027-03-10T10:00:00Z' },
      { id: 2, readAt: null, resolvedAt: null },
    ];
    const { unread, read } = splitByRead(items);
    expect(unread.map((i) => i.id)).toEqual([2]);
    expect(read.map((i) => i.id)).toEqual([1]);
    expect(isUnread(items[0])).toBe(false);
  });
});
