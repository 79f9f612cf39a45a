import fc from 'fast-check';
import { addDaysIso, daysBetweenIso } from '../finance/problem';
import {
  DEFAULT_MONITORING_POLICY,
  MONITORING_KINDS,
  MonitoringVisitKind,
  SECURITY_LEVELS,
  SecurityLevelEntry,
  VISIT_CHECKLIST_ITEMS,
  effectiveMonitoringPolicy,
  monitoringRuleProblem,
  monitoringStatus,
  requiredMonitoring,
  securityEntryOn,
  securityLevelOn,
  visitInputProblem,
  visitQualifies,
} from './monitoring';

const entry = (level: SecurityLevelEntry['level'], effectiveOn: string, setAt = `${effectiveOn}T10:00:00.000Z`): SecurityLevelEntry => ({ level, effectiveOn, setAt });

const isoDay = fc.integer({ min: 0, max: 3000 }).map((n) => addDaysIso('2024-01-01', n));
const kind = fc.constantFrom(...MONITORING_KINDS);
const level = fc.constantFrom(...SECURITY_LEVELS);

describe('security level from its history', () => {
  it('is the fallback before any entry', () => {
    expect(securityLevelOn([], '2026-01-01')).toBe('accessible');
    expect(securityLevelOn([], '2026-01-01', 'restricted')).toBe('restricted');
    expect(securityLevelOn([entry('no_access', '2026-02-01')], '2026-01-31', 'restricted')).toBe('restricted');
  });

  it('is the latest entry effective on or before the date', () => {
    const history = [entry('restricted', '2026-01-01'), entry('no_access', '2026-03-01'), entry('accessible', '2026-02-01')];
    expect(securityLevelOn(history, '2026-01-15')).toBe('restricted');
    expect(securityLevelOn(history, '2026-02-01')).toBe('accessible');
    expect(securityLevelOn(history, '2026-02-28')).toBe('accessible');
    expect(securityLevelOn(history, '2026-03-01')).toBe('no_access');
    expect(securityLevelOn(history, '2030-01-01')).toBe('no_access');
  });

  it('decides two entries of the same day by the later set time', () => {
    const history = [entry('no_access', '2026-01-01', '2026-01-01T12:00:00Z'), entry('restricted', '2026-01-01', '2026-01-01T09:00:00Z')];
    expect(securityLevelOn(history, '2026-01-01')).toBe('no_access');
    expect(securityEntryOn([...history].reverse(), '2026-01-01')?.setAt).toBe('2026-01-01T12:00:00Z');
  });

  it('does not depend on the order of the history (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ level, effectiveOn: isoDay, setAt: fc.integer({ min: 0, max: 1e6 }).map((s) => new Date(1.7e12 + s * 1000).toISOString()) })), isoDay, (history, date) => {
        const forward = securityEntryOn(history, date);
        const backward = securityEntryOn([...history].reverse(), date);
        expect(backward?.effectiveOn).toBe(forward?.effectiveOn);
        expect(backward?.setAt).toBe(forward?.setAt);
        if (forward) {
          expect(forward.effectiveOn <= date).toBe(true);
          for (const other of history) if (other.effectiveOn <= date) expect(other.effectiveOn <= forward.effectiveOn).toBe(true);
        } else {
          expect(history.every((h) => h.effectiveOn > date)).toBe(true);
        }
      }),
    );
  });
});

describe('monitoring policy', () => {
  it('defaults to on-site every 180 days, remote every 90, third party every 90', () => {
    expect(requiredMonitoring('accessible')).toEqual({ kind: 'on_site', everyDays: 180 });
    expect(requiredMonitoring('restricted')).toEqual({ kind: 'remote', everyDays: 90 });
    expect(requiredMonitoring('no_access')).toEqual({ kind: 'third_party', everyDays: 90 });
  });

  it('fills missing or malformed levels of a stored policy with the default', () => {
    expect(effectiveMonitoringPolicy(null)).toEqual(DEFAULT_MONITORING_POLICY);
    expect(effectiveMonitoringPolicy({ restricted: { kind: 'on_site', everyDays: 30 }, no_access: { kind: 'drone', everyDays: 30 } })).toEqual({
      ...DEFAULT_MONITORING_POLICY,
      restricted: { kind: 'on_site', everyDays: 30 },
    });
  });

  it('names what is wrong with a rule', () => {
    expect(monitoringRuleProblem({ kind: 'remote', everyDays: 30 })).toBeNull();
    expect(monitoringRuleProblem(undefined)).toBe('missing');
    expect(monitoringRuleProblem({ kind: 'drone', everyDays: 30 })).toBe('kind');
    expect(monitoringRuleProblem({ kind: 'remote', everyDays: 0 })).toBe('everyDays');
    expect(monitoringRuleProblem({ kind: 'remote', everyDays: 30.5 })).toBe('everyDays');
    expect(monitoringRuleProblem({ kind: 'remote', everyDays: 10_000 })).toBe('everyDays');
  });
});

describe('what qualifies', () => {
  it('ranks on_site ≥ third_party ≥ remote', () => {
    expect(visitQualifies('on_site', 'on_site')).toBe(true);
    expect(visitQualifies('on_site', 'third_party')).toBe(true);
    expect(visitQualifies('on_site', 'remote')).toBe(true);
    expect(visitQualifies('third_party', 'on_site')).toBe(false);
    expect(visitQualifies('third_party', 'third_party')).toBe(true);
    expect(visitQualifies('third_party', 'remote')).toBe(true);
    expect(visitQualifies('remote', 'on_site')).toBe(false);
    expect(visitQualifies('remote', 'third_party')).toBe(false);
    expect(visitQualifies('remote', 'remote')).toBe(true);
  });

  it('every kind qualifies for itself (property)', () => {
    fc.assert(fc.property(kind, (k) => visitQualifies(k, k)));
  });
});

describe('a grant’s monitoring status', () => {
  const base = { level: 'accessible' as const, grantStartOn: '2026-01-01', visits: [] as { kind: MonitoringVisitKind; visitedOn: string }[] };

  it('counts the first visit from the grant start', () => {
    expect(monitoringStatus({ ...base, today: '2026-06-30' })).toEqual({
      level: 'accessible',
      requiredKind: 'on_site',
      everyDays: 180,
      lastQualifyingVisitOn: null,
      lastQualifyingVisitKind: null,
      nextDueOn: '2026-06-30',
      overdue: false,
      daysOverdue: 0,
    });
    const late = monitoringStatus({ ...base, today: '2026-07-10' });
    expect(late.overdue).toBe(true);
    expect(late.daysOverdue).toBe(10);
  });

  it('counts from the last qualifying visit and ignores weaker ones', () => {
    const status = monitoringStatus({
      ...base,
      today: '2026-09-01',
      visits: [
        { kind: 'on_site', visitedOn: '2026-03-01' },
        { kind: 'remote', visitedOn: '2026-08-01' },
      ],
    });
    expect(status.lastQualifyingVisitOn).toBe('2026-03-01');
    expect(status.nextDueOn).toBe('2026-08-28');
    expect(status.overdue).toBe(true);
    expect(status.daysOverdue).toBe(4);
  });

  it('accepts a stronger visit than required', () => {
    const status = monitoringStatus({ ...base, level: 'no_access', today: '2026-05-01', visits: [{ kind: 'on_site', visitedOn: '2026-04-01' }] });
    expect(status.requiredKind).toBe('third_party');
    expect(status.lastQualifyingVisitKind).toBe('on_site');
    expect(status.nextDueOn).toBe('2026-06-30');
    expect(status.overdue).toBe(false);
  });

  it('does not count a visit dated after today', () => {
    const status = monitoringStatus({ ...base, level: 'restricted', today: '2026-05-01', visits: [{ kind: 'remote', visitedOn: '2026-06-01' }] });
    expect(status.lastQualifyingVisitOn).toBeNull();
    expect(status.overdue).toBe(true);
  });

  it('follows the agency policy', () => {
    const policy = { ...DEFAULT_MONITORING_POLICY, accessible: { kind: 'remote' as const, everyDays: 30 } };
    const status = monitoringStatus({ ...base, policy, today: '2026-02-15', visits: [{ kind: 'remote', visitedOn: '2026-01-20' }] });
    expect(status).toMatchObject({ requiredKind: 'remote', everyDays: 30, nextDueOn: '2026-02-19', overdue: false });
  });

  it('is overdue exactly when today is after the next due date, by that many days (property)', () => {
    fc.assert(
      fc.property(level, isoDay, fc.array(fc.record({ kind, visitedOn: isoDay }), { maxLength: 8 }), isoDay, (lvl, start, visits, today) => {
        const status = monitoringStatus({ level: lvl, grantStartOn: start, visits, today });
        const required = DEFAULT_MONITORING_POLICY[lvl];
        expect(status.requiredKind).toBe(required.kind);
        expect(status.overdue).toBe(today > status.nextDueOn);
        expect(status.daysOverdue).toBe(Math.max(0, daysBetweenIso(status.nextDueOn, today)));
        const qualifying = visits.filter((v) => v.visitedOn <= today && visitQualifies(v.kind, required.kind)).map((v) => v.visitedOn);
        const last = qualifying.sort().at(-1) ?? null;
        expect(status.lastQualifyingVisitOn).toBe(last);
        const from = last && last > start ? last : start;
        expect(status.nextDueOn).toBe(addDaysIso(from, required.everyDays));
      }),
    );
  });

  it('a new qualifying visit today is never overdue (property)', () => {
    fc.assert(
      fc.property(level, isoDay, fc.integer({ min: 0, max: 2000 }), (lvl, start, after) => {
        const today = addDaysIso(start, after);
        const status = monitoringStatus({ level: lvl, grantStartOn: start, visits: [{ kind: 'on_site', visitedOn: today }], today });
        expect(status.overdue).toBe(false);
        expect(status.daysOverdue).toBe(0);
      }),
    );
  });
});

describe('visit input', () => {
  const ok = { visitedOn: '2026-03-01', today: '2026-03-10', grantStartOn: '2026-01-01', checklist: [] };

  it('accepts a visit with known checklist items', () => {
    expect(visitInputProblem({ ...ok, checklist: VISIT_CHECKLIST_ITEMS.map((id) => ({ id, answer: 'yes', note: '' })) })).toBeNull();
  });

  it('names each problem', () => {
    expect(visitInputProblem({ ...ok, visitedOn: '2026-03-11' })).toEqual({ code: 'visitInFuture', visitedOn: '2026-03-11', today: '2026-03-10' });
    expect(visitInputProblem({ ...ok, visitedOn: '2025-12-31' })).toEqual({ code: 'visitBeforeGrantStart', visitedOn: '2025-12-31', grantStartOn: '2026-01-01' });
    expect(visitInputProblem({ ...ok, visitedOn: '2026-02-30' })).toEqual({ code: 'badDate', visitedOn: '2026-02-30' });
    expect(visitInputProblem({ ...ok, checklist: [{ id: 'vibes_good', answer: 'yes', note: '' }] })).toEqual({ code: 'unknownChecklistItem', item: 'vibes_good' });
    expect(visitInputProblem({ ...ok, checklist: [{ id: 'activities_seen', answer: 'yes', note: '' }, { id: 'activities_seen', answer: 'no', note: '' }] })).toEqual({
      code: 'duplicateChecklistItem',
      item: 'activities_seen',
    });
    expect(visitInputProblem({ ...ok, checklist: [{ id: 'activities_seen', answer: 'maybe', note: '' }] })).toEqual({ code: 'badChecklistAnswer', item: 'activities_seen' });
  });
});
