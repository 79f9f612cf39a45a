import { FinanceProblem, isIsoDate, financeProblem } from './problem';
import { RiskPolicyEntry, bpToPercentText } from './risk-policy';

/**
 * What must hold before a tranche is paid (stored on tranche.conditions). Most
 * are computed from facts Mizan holds — the countersigned agreement, the
 * accepted report on the previous tranche, how much of the money already
 * disbursed is accounted for, the partner's due diligence, open high-priority
 * audit findings — so nobody can tick them by hand; 'custom' conditions (from
 * the funding decision) are ticked by an officer.
 */
export const CONDITION_KINDS = ['agreement_countersigned', 'previous_report_accepted', 'earlier_tranches_accounted', 'due_diligence_valid', 'no_open_high_finding', 'custom'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export interface ReleaseCondition {
  /** Stable within the tranche: the kind for the computed ones, chosen for custom ones. */
  id: string;
  kind: ConditionKind;
  /** earlier_tranches_accounted: { minBp }; custom: { label }. */
  params: { minBp?: number; label?: string };
}

export interface ReleaseFacts {
  agreementCountersignedAt: string | null;
  /** When the report on the previous tranche was accepted; null when not (or for tranche 1). */
  previousReportAcceptedAt: string | null;
  /** (verified + refunded) / disbursed of the earlier tranches, basis points; null when nothing was disbursed yet. */
  accountedBp: number | null;
  /** organization.dd_status */
  ddStatus: string;
  /** organization.dd_expires_on (ISO date), null = no expiry. */
  ddExpiresOn: string | null;
  openHighFindings: number;
  /** Active high red flags (issue 11) still open or escalated; they block like an open high finding. */
  openHighFlags?: readonly string[];
  /** Potential sanctions matches (issue 13) of a party to the grant still open or waiting for a second officer. */
  sanctionsUnresolved?: number;
  /** Sanctions matches of a party to the grant confirmed by two officers: no money may move. */
  sanctionsConfirmed?: number;
  /** Ids of the custom conditions an officer ticked. */
  customTicks: readonly string[];
}

export interface ConditionResult {
  id: string;
  kind: ConditionKind;
  ok: boolean;
  /** Null when met; else why not, as a code the web translates. */
  reasonCode: string | null;
  reasonParams: Readonly<Record<string, string | number>>;
}

export const CUSTOM_LABEL_MAX = 300;

export function isConditionKind(value: unknown): value is ConditionKind {
  return typeof value === 'string' && (CONDITION_KINDS as readonly string[]).includes(value);
}

/**
 * The conditions a tranche gets by default: always the countersigned
 * agreement, valid due diligence and no open high finding; from the second
 * tranche on, the accepted report on the previous one and, when the policy asks
 * for it, the share of earlier tranches accounted for.
 */
export function defaultConditions(seq: number, policy: RiskPolicyEntry): ReleaseCondition[] {
  const conditions: ReleaseCondition[] = [{ id: 'agreement_countersigned', kind: 'agreement_countersigned', params: {} }];
  if (seq > 1) {
    conditions.push({ id: 'previous_report_accepted', kind: 'previous_report_accepted', params: {} });
    if (policy.minAccountedBeforeNextBp > 0) conditions.push({ id: 'earlier_tranches_accounted', kind: 'earlier_tranches_accounted', params: { minBp: policy.minAccountedBeforeNextBp } });
  }
  conditions.push({ id: 'due_diligence_valid', kind: 'due_diligence_valid', params: {} });
  conditions.push({ id: 'no_open_high_finding', kind: 'no_open_high_finding', params: {} });
  return conditions;
}

/** Problems of a list of conditions an officer edited: unique ids, known kinds, a label for custom ones, minBp 0..10 000. */
export function validateConditions(conditions: readonly ReleaseCondition[]): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  const ids = new Set<string>();
  conditions.forEach((c, index) => {
    if (typeof c.id !== 'string' || !/^[a-z0-9_-]{1,64}$/i.test(c.id)) problems.push(financeProblem('CONDITION_ID_INVALID', { index }));
    else if (ids.has(c.id)) problems.push(financeProblem('CONDITION_ID_DUPLICATE', { index, id: c.id }));
    else ids.add(c.id);
    if (!isConditionKind(c.kind)) {
      problems.push(financeProblem('CONDITION_KIND_INVALID', { index }));
      return;
    }
    if (c.kind === 'custom') {
      const label = c.params?.label?.trim() ?? '';
      if (label === '') problems.push(financeProblem('CONDITION_LABEL_REQUIRED', { index }));
      else if (label.length > CUSTOM_LABEL_MAX) problems.push(financeProblem('CONDITION_LABEL_TOO_LONG', { index, max: CUSTOM_LABEL_MAX }));
    }
    if (c.kind === 'earlier_tranches_accounted') {
      const minBp = c.params?.minBp;
      if (!Number.isInteger(minBp) || (minBp as number) < 0 || (minBp as number) > 10_000) problems.push(financeProblem('CONDITION_MIN_INVALID', { index }));
    }
  });
  return problems;
}

function evaluate(c: ReleaseCondition, facts: ReleaseFacts, today: string): Pick<ConditionResult, 'ok' | 'reasonCode' | 'reasonParams'> {
  const met = { ok: true, reasonCode: null, reasonParams: {} };
  const notMet = (reasonCode: string, reasonParams: Record<string, string | number> = {}) => ({ ok: false, reasonCode, reasonParams });
  switch (c.kind) {
    case 'agreement_countersigned':
      return facts.agreementCountersignedAt ? met : notMet('CONDITION_AGREEMENT_NOT_COUNTERSIGNED');
    case 'previous_report_accepted':
      return facts.previousReportAcceptedAt ? met : notMet('CONDITION_PREVIOUS_REPORT_NOT_ACCEPTED');
    case 'earlier_tranches_accounted': {
      const minBp = c.params.minBp ?? 0;
      if (facts.accountedBp === null) return minBp === 0 ? met : notMet('CONDITION_ACCOUNTED_UNKNOWN', { minPercent: bpToPercentText(minBp) });
      return facts.accountedBp >= minBp ? met : notMet('CONDITION_ACCOUNTED_TOO_LOW', { accountedPercent: bpToPercentText(facts.accountedBp), minPercent: bpToPercentText(minBp) });
    }
    case 'due_diligence_valid':
      if (facts.ddStatus !== 'cleared') return notMet('CONDITION_DD_NOT_CLEARED', { status: facts.ddStatus });
      // Valid through its expiry date.
      if (facts.ddExpiresOn !== null && facts.ddExpiresOn < today) return notMet('CONDITION_DD_EXPIRED', { expiresOn: facts.ddExpiresOn });
      // Issue 13: a party on a sanctions list (confirmed), or possibly on one (unresolved), is not duly diligenced.
      if (facts.sanctionsConfirmed) return notMet('CONDITION_SANCTIONS_CONFIRMED', { count: facts.sanctionsConfirmed });
      if (facts.sanctionsUnresolved) return notMet('CONDITION_SANCTIONS_UNRESOLVED', { count: facts.sanctionsUnresolved });
      return met;
    case 'no_open_high_finding':
      if (facts.openHighFindings > 0) return notMet('CONDITION_OPEN_HIGH_FINDINGS', { count: facts.openHighFindings });
      if (facts.openHighFlags?.length) return notMet('CONDITION_OPEN_HIGH_FLAGS', { count: facts.openHighFlags.length, flags: facts.openHighFlags.join(',') });
      return met;
    case 'custom':
      return facts.customTicks.includes(c.id) ? met : notMet('CONDITION_CUSTOM_NOT_TICKED', { label: c.params.label ?? '' });
  }
}

/** Each condition, met or not and why, on `today` (ISO date, the agency's day). */
export function evaluateConditions(conditions: readonly ReleaseCondition[], facts: ReleaseFacts, today: string): ConditionResult[] {
  if (!isIsoDate(today)) throw new RangeError(`today must be an ISO date, not ${today}`);
  return conditions.map((c) => ({ id: c.id, kind: c.kind, ...evaluate(c, facts, today) }));
}

/** A tranche can be requested only when every condition holds (an empty list holds). */
export function allConditionsMet(results: readonly ConditionResult[]): boolean {
  return results.every((r) => r.ok);
}
