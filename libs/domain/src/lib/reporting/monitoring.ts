import { addDaysIso, daysBetweenIso, isIsoDate } from '../finance/problem';

/**
 * Monitoring by security level (issue 11, docs/monitoring.md). Pure: from a
 * governorate's level history, the agency's monitoring policy and a grant's
 * visits to the monitoring the grant needs and whether it is overdue.
 *
 * The words match `SecurityLevel`, `MonitoringKind`, `MonitoringOutcome` and
 * `MonitoringPolicy` of @mizan/contracts (the domain does not depend on it).
 */

export const SECURITY_LEVELS = ['accessible', 'restricted', 'no_access'] as const;
export type MonitoringSecurityLevel = (typeof SECURITY_LEVELS)[number];

export const MONITORING_KINDS = ['on_site', 'remote', 'third_party'] as const;
export type MonitoringVisitKind = (typeof MONITORING_KINDS)[number];

export const MONITORING_OUTCOMES = ['satisfactory', 'concerns', 'serious'] as const;
export type MonitoringVisitOutcome = (typeof MONITORING_OUTCOMES)[number];

export interface MonitoringRequirement {
  kind: MonitoringVisitKind;
  /** Days allowed between two qualifying visits (and from the grant's start to the first). */
  everyDays: number;
}

export type MonitoringPolicyRules = Record<MonitoringSecurityLevel, MonitoringRequirement>;

/** The default: an on-site visit every 180 days where staff can go, remote verification every 90 where access is restricted, a third-party monitor every 90 where there is none. */
export const DEFAULT_MONITORING_POLICY: MonitoringPolicyRules = {
  accessible: { kind: 'on_site', everyDays: 180 },
  restricted: { kind: 'remote', everyDays: 90 },
  no_access: { kind: 'third_party', everyDays: 90 },
};

/** The bounds of `everyDays` in a policy: at least a week, at most two years. */
export const MONITORING_EVERY_DAYS_MIN = 7;
export const MONITORING_EVERY_DAYS_MAX = 730;

/**
 * How strong each kind of monitoring is: a visit qualifies when it is the
 * required kind or a stronger one. An on-site visit by agency staff sees the
 * most; a third-party monitor is on site too, but not the agency's own eyes;
 * remote verification (video call notes, geotagged photos) sees the least.
 * So on_site ≥ third_party ≥ remote.
 */
export const MONITORING_STRENGTH: Readonly<Record<MonitoringVisitKind, number>> = { on_site: 3, third_party: 2, remote: 1 };

export function visitQualifies(visitKind: MonitoringVisitKind, required: MonitoringVisitKind): boolean {
  return MONITORING_STRENGTH[visitKind] >= MONITORING_STRENGTH[required];
}

export function isSecurityLevel(value: unknown): value is MonitoringSecurityLevel {
  return typeof value === 'string' && (SECURITY_LEVELS as readonly string[]).includes(value);
}

export function isMonitoringKind(value: unknown): value is MonitoringVisitKind {
  return typeof value === 'string' && (MONITORING_KINDS as readonly string[]).includes(value);
}

/**
 * A stored policy (JSON) made whole: levels missing or malformed fall back to
 * the default, so a half-written setting never leaves a grant without a rule.
 */
export function effectiveMonitoringPolicy(stored: unknown): MonitoringPolicyRules {
  const out = { ...DEFAULT_MONITORING_POLICY };
  if (typeof stored !== 'object' || stored === null) return out;
  for (const level of SECURITY_LEVELS) {
    const rule = (stored as Record<string, unknown>)[level];
    if (monitoringRuleProblem(rule) === null) out[level] = { ...(rule as MonitoringRequirement) };
  }
  return out;
}

/** Why a policy entry is not valid (`kind` or `everyDays`), or null. */
export function monitoringRuleProblem(rule: unknown): 'kind' | 'everyDays' | 'missing' | null {
  if (typeof rule !== 'object' || rule === null) return 'missing';
  const { kind, everyDays } = rule as Record<string, unknown>;
  if (!isMonitoringKind(kind)) return 'kind';
  if (typeof everyDays !== 'number' || !Number.isInteger(everyDays) || everyDays < MONITORING_EVERY_DAYS_MIN || everyDays > MONITORING_EVERY_DAYS_MAX) {
    return 'everyDays';
  }
  return null;
}

export function requiredMonitoring(level: MonitoringSecurityLevel, policy: MonitoringPolicyRules = DEFAULT_MONITORING_POLICY): MonitoringRequirement {
  return policy[level];
}

/** One row of a governorate's level history. `setAt` is an ISO timestamp (when it was recorded). */
export interface SecurityLevelEntry {
  level: MonitoringSecurityLevel;
  /** ISO date from which the level holds. */
  effectiveOn: string;
  setAt: string;
}

/**
 * The entry in force on `date`: the latest `effectiveOn` ≤ date; two entries
 * for the same day are decided by the later `setAt` (the correction wins).
 * Null when none is in force yet (the caller's fallback level applies).
 */
export function securityEntryOn<T extends SecurityLevelEntry>(history: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const entry of history) {
    if (entry.effectiveOn > date) continue;
    if (
      best === null ||
      entry.effectiveOn > best.effectiveOn ||
      (entry.effectiveOn === best.effectiveOn && Date.parse(entry.setAt) > Date.parse(best.setAt))
    ) {
      best = entry;
    }
  }
  return best;
}

/** The level on `date` from the history, or `fallback` (the governorate's reference level) before any entry. */
export function securityLevelOn(history: readonly SecurityLevelEntry[], date: string, fallback: MonitoringSecurityLevel = 'accessible'): MonitoringSecurityLevel {
  return securityEntryOn(history, date)?.level ?? fallback;
}

export interface MonitoringVisitFact {
  kind: MonitoringVisitKind;
  /** ISO date. */
  visitedOn: string;
}

export interface MonitoringStatusInput {
  /** The grant's governorate's level today. */
  level: MonitoringSecurityLevel;
  policy?: MonitoringPolicyRules;
  /** ISO date the grant started (its first day); the first visit is due `everyDays` after it. */
  grantStartOn: string;
  visits: readonly MonitoringVisitFact[];
  /** ISO date. */
  today: string;
}

export interface MonitoringStatus {
  level: MonitoringSecurityLevel;
  requiredKind: MonitoringVisitKind;
  everyDays: number;
  /** The latest visit (on or before today) of the required kind or stronger. */
  lastQualifyingVisitOn: string | null;
  lastQualifyingVisitKind: MonitoringVisitKind | null;
  /** The last qualifying visit (or the grant's start) + everyDays. */
  nextDueOn: string;
  /** Today is after nextDueOn. */
  overdue: boolean;
  /** Days past nextDueOn (0 when not overdue). */
  daysOverdue: number;
}

/** A grant's monitoring status. Visits of a weaker kind than required, or dated after today, do not count. */
export function monitoringStatus(input: MonitoringStatusInput): MonitoringStatus {
  const requirement = requiredMonitoring(input.level, input.policy ?? DEFAULT_MONITORING_POLICY);
  let last: MonitoringVisitFact | null = null;
  for (const visit of input.visits) {
    if (visit.visitedOn > input.today || !visitQualifies(visit.kind, requirement.kind)) continue;
    if (last === null || visit.visitedOn > last.visitedOn || (visit.visitedOn === last.visitedOn && MONITORING_STRENGTH[visit.kind] > MONITORING_STRENGTH[last.kind])) {
      last = visit;
    }
  }
  const from = last && last.visitedOn > input.grantStartOn ? last.visitedOn : input.grantStartOn;
  const nextDueOn = addDaysIso(from, requirement.everyDays);
  const late = daysBetweenIso(nextDueOn, input.today);
  return {
    level: input.level,
    requiredKind: requirement.kind,
    everyDays: requirement.everyDays,
    lastQualifyingVisitOn: last?.visitedOn ?? null,
    lastQualifyingVisitKind: last?.kind ?? null,
    nextDueOn,
    overdue: late > 0,
    daysOverdue: Math.max(0, late),
  };
}

/** The fixed checklist of a monitoring visit (ids; the web translates `monitoring.checklist.<id>`). */
export const VISIT_CHECKLIST_ITEMS = [
  'activities_seen',
  'beneficiaries_met',
  'staff_interviewed',
  'assets_verified',
  'records_reviewed',
  'receipts_match',
  'visibility_displayed',
  'safeguarding_in_place',
  'complaints_channel',
  'security_respected',
] as const;
export type VisitChecklistItemId = (typeof VISIT_CHECKLIST_ITEMS)[number];
export const VISIT_CHECKLIST_ANSWERS = ['yes', 'no', 'not_applicable'] as const;

export interface VisitChecklistAnswer {
  id: string;
  answer: string;
  note: string;
}

export type VisitInputProblem =
  | { code: 'unknownChecklistItem'; item: string }
  | { code: 'duplicateChecklistItem'; item: string }
  | { code: 'badChecklistAnswer'; item: string }
  | { code: 'visitInFuture'; visitedOn: string; today: string }
  | { code: 'visitBeforeGrantStart'; visitedOn: string; grantStartOn: string }
  | { code: 'badDate'; visitedOn: string };

/** The first problem of a visit's date and checklist, or null. Items may be left out; each given item once. */
export function visitInputProblem(input: { visitedOn: string; today: string; grantStartOn: string; checklist: readonly VisitChecklistAnswer[] }): VisitInputProblem | null {
  if (!isIsoDate(input.visitedOn)) return { code: 'badDate', visitedOn: input.visitedOn };
  if (input.visitedOn > input.today) return { code: 'visitInFuture', visitedOn: input.visitedOn, today: input.today };
  if (input.visitedOn < input.grantStartOn) return { code: 'visitBeforeGrantStart', visitedOn: input.visitedOn, grantStartOn: input.grantStartOn };
  const seen = new Set<string>();
  for (const item of input.checklist) {
    if (!(VISIT_CHECKLIST_ITEMS as readonly string[]).includes(item.id)) return { code: 'unknownChecklistItem', item: item.id };
    if (seen.has(item.id)) return { code: 'duplicateChecklistItem', item: item.id };
    seen.add(item.id);
    if (!(VISIT_CHECKLIST_ANSWERS as readonly string[]).includes(item.answer)) return { code: 'badChecklistAnswer', item: item.id };
  }
  return null;
}
