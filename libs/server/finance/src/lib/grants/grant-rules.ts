import { addDaysIso as addDays, isIsoDate } from '@mizan/domain';
import type {
  CapacityAnswer,
  GrantBudgetLine,
  GrantContent,
  Modality,
  ReleaseConditionKind,
  ReleaseConditionRecord,
  ReleaseConditionSpec,
  ReportingScheduleItem,
  RiskRating,
  TranchePlanItem,
} from '@mizan/contracts';

/*
 * The grant rules the grants service applies: risk policy, proposals of budget
 * lines, tranches and reporting schedule, validation of a grant's content and
 * evaluation of release conditions. Pure (no I/O); every problem carries a
 * stable code so the api can name it.
 *
 * TODO(issue 9, lead): the domain helper writes the same functions in
 * libs/domain/src/lib/finance (branch i9-domain), which had no commits while
 * this was written. When both are merged, replace this file's bodies with
 * re-exports from @mizan/domain (the names and shapes follow the "Domain API"
 * of the shared brief).
 */

export type Monitoring = 'desk_review' | 'annual_visit' | 'visits_each_tranche' | 'third_party_monitoring';
export const MONITORING_LEVELS: readonly Monitoring[] = ['desk_review', 'annual_visit', 'visits_each_tranche', 'third_party_monitoring'];
export const RISK_RATINGS: readonly RiskRating[] = ['low', 'moderate', 'significant', 'high'];
export const MODALITIES: readonly Modality[] = ['advance', 'reimbursement', 'direct_payment'];
export const CONDITION_KINDS: readonly ReleaseConditionKind[] = [
  'agreement_countersigned',
  'previous_report_accepted',
  'earlier_tranches_accounted',
  'due_diligence_valid',
  'no_open_high_finding',
  'custom',
];

export interface RiskPolicyEntry {
  minTranches: number;
  /** The largest share one tranche may have of the grant, basis points. */
  maxTrancheShareBp: number;
  allowedModalities: Modality[];
  monitoring: Monitoring;
  /** Share of the earlier tranches that must be accounted for before the next is released, basis points. */
  minAccountedBeforeNextBp: number;
}
export type RiskPolicy = Record<RiskRating, RiskPolicyEntry>;

/**
 * Defaults per rating. Where they come from: UNDP's HACT framework (micro-
 * assessment of an implementing partner → low / moderate / significant / high
 * risk, with cash transfer modality and assurance activities scaled to the
 * rating: direct payment or reimbursement for high risk, more spot checks),
 * and Sida's and the EU's partner-risk practice (high-risk partners receive
 * smaller, more frequent tranches, the next only once most of the previous
 * one is accounted for, with third-party monitoring where staff cannot go).
 * An agency replaces any of these in finance_settings.risk_policy; an officer
 * may only tighten them for one grant. See docs/finance.md, "Grants".
 */
export const DEFAULT_RISK_POLICY: RiskPolicy = {
  low: { minTranches: 1, maxTrancheShareBp: 10_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'desk_review', minAccountedBeforeNextBp: 0 },
  moderate: { minTranches: 2, maxTrancheShareBp: 6_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'annual_visit', minAccountedBeforeNextBp: 7_000 },
  significant: { minTranches: 3, maxTrancheShareBp: 4_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'visits_each_tranche', minAccountedBeforeNextBp: 7_000 },
  high: { minTranches: 4, maxTrancheShareBp: 2_500, allowedModalities: ['reimbursement', 'direct_payment'], monitoring: 'third_party_monitoring', minAccountedBeforeNextBp: 8_000 },
};

export interface ContentProblem {
  field: string;
  code: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBp = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000;

/**
 * An agency's own defaults over the built-in ones (finance_settings.risk_policy:
 * `{ "high": { "minTranches": 5 }, … }`). Unknown or malformed keys are ignored
 * (the settings screen validates them when they are written).
 */
export function mergePolicy(defaults: RiskPolicy, overrides: unknown): RiskPolicy {
  const merged: RiskPolicy = structuredClone(defaults);
  if (!isRecord(overrides)) return merged;
  for (const rating of RISK_RATINGS) {
    const o = overrides[rating];
    if (!isRecord(o)) continue;
    const entry = merged[rating];
    if (Number.isInteger(o['minTranches']) && (o['minTranches'] as number) >= 1 && (o['minTranches'] as number) <= 24) entry.minTranches = o['minTranches'] as number;
    if (isBp(o['maxTrancheShareBp']) && (o['maxTrancheShareBp'] as number) > 0) entry.maxTrancheShareBp = o['maxTrancheShareBp'] as number;
    if (isBp(o['minAccountedBeforeNextBp'])) entry.minAccountedBeforeNextBp = o['minAccountedBeforeNextBp'] as number;
    if (typeof o['monitoring'] === 'string' && (MONITORING_LEVELS as readonly string[]).includes(o['monitoring'])) entry.monitoring = o['monitoring'] as Monitoring;
    const modalities = o['allowedModalities'];
    if (Array.isArray(modalities)) {
      const valid = modalities.filter((m): m is Modality => (MODALITIES as readonly unknown[]).includes(m));
      if (valid.length > 0) entry.allowedModalities = [...new Set(valid)];
    }
  }
  return merged;
}

// --- Capacity assessment ------------------------------------------------------------------------

/** A short HACT-style micro-assessment: each answered 0 (none) … 3 (strong). */
export const CAPACITY_QUESTIONS = [
  'financial_management',
  'internal_control',
  'procurement',
  'reporting',
  'staff_capacity',
  'previous_grants',
  'audited_accounts',
  'monitoring_in_fragile_areas',
] as const;
export type CapacityQuestion = (typeof CAPACITY_QUESTIONS)[number];

export function checkAnswers(answers: readonly CapacityAnswer[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (!(CAPACITY_QUESTIONS as readonly string[]).includes(a.questionId)) {
      problems.push({ field: `answers[${i}].questionId`, code: 'UNKNOWN_QUESTION', message: `"${a.questionId}" is not a capacity question (${CAPACITY_QUESTIONS.join(', ')})` });
    } else if (seen.has(a.questionId)) {
      problems.push({ field: `answers[${i}].questionId`, code: 'DUPLICATE_ANSWER', message: `"${a.questionId}" is answered twice` });
    }
    seen.add(a.questionId);
  });
  for (const q of CAPACITY_QUESTIONS) {
    if (!seen.has(q)) problems.push({ field: 'answers', code: 'MISSING_ANSWER', message: `"${q}" is not answered` });
  }
  return problems;
}

export function ratingRank(rating: RiskRating): number {
  return RISK_RATINGS.indexOf(rating);
}

/**
 * Score (0–24) → rating: ≥ 20 low, ≥ 14 moderate, ≥ 8 significant, else high.
 * A due-diligence status other than cleared, or a clearance expired on `today`,
 * raises the rating to at least significant.
 */
export function ratingFromAssessment(answers: readonly CapacityAnswer[], dd: { status: string; expiresOn: string | null }, today: string): RiskRating {
  const score = answers.reduce((s, a) => s + Math.max(0, Math.min(3, a.score)), 0);
  let rating: RiskRating = score >= 20 ? 'low' : score >= 14 ? 'moderate' : score >= 8 ? 'significant' : 'high';
  const ddValid = dd.status === 'cleared' && (dd.expiresOn === null || dd.expiresOn >= today);
  if (!ddValid && ratingRank(rating) < ratingRank('significant')) rating = 'significant';
  return rating;
}

// --- Dates ----------------------------------------------------------------------------------------

export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

/** The default period: from the first day of next month, for the application's duration. */
export function proposePeriod(today: string, durationMonths: number): { startsOn: string; endsOn: string } {
  const [y, m] = today.split('-').map(Number);
  const startsOn = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const months = Math.max(1, Math.min(120, Math.trunc(durationMonths) || 12));
  return { startsOn, endsOn: addDays(addMonths(startsOn, months), -1) };
}

// --- Proposals ------------------------------------------------------------------------------------

/**
 * The application's lines cut proportionally to the approved amount, the
 * remainder (largest remainder method) going to the lines with the largest
 * fractional parts, so the lines sum to the approved amount exactly.
 */
export function proposeBudgetLines(lines: readonly GrantBudgetLine[], approvedMinor: bigint): GrantBudgetLine[] {
  const amounts = lines.map((l) => BigInt(l.amountMinor));
  const total = amounts.reduce((s, a) => s + a, 0n);
  if (lines.length === 0 || total <= 0n) {
    return [{ id: 'total', category: 'other', description: 'Approved amount', amountMinor: approvedMinor.toString() }];
  }
  if (total === approvedMinor) return lines.map((l) => ({ ...l }));
  const shares = amounts.map((a) => ({ floor: (a * approvedMinor) / total, rest: (a * approvedMinor) % total }));
  let left = approvedMinor - shares.reduce((s, x) => s + x.floor, 0n);
  const order = shares.map((s, i) => ({ i, rest: s.rest })).sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  const result = shares.map((s) => s.floor);
  for (const { i } of order) {
    if (left === 0n) break;
    result[i] += 1n;
    left -= 1n;
  }
  return lines.map((l, i) => ({ ...l, amountMinor: result[i].toString() }));
}

export function defaultConditions(seq: number, policy: RiskPolicyEntry): ReleaseConditionSpec[] {
  const conditions: ReleaseConditionSpec[] = [{ id: 'c1', kind: 'agreement_countersigned' }];
  if (seq > 1) {
    conditions.push({ id: `c${conditions.length + 1}`, kind: 'previous_report_accepted' });
    if (policy.minAccountedBeforeNextBp > 0) conditions.push({ id: `c${conditions.length + 1}`, kind: 'earlier_tranches_accounted', params: { minBp: policy.minAccountedBeforeNextBp } });
  }
  conditions.push({ id: `c${conditions.length + 1}`, kind: 'due_diligence_valid' });
  conditions.push({ id: `c${conditions.length + 1}`, kind: 'no_open_high_finding' });
  return conditions;
}

/** `count` tranches as equal as possible (the first takes the remainder), spread evenly over the period. */
export function proposeTranches(amountMinor: bigint, count: number, period: { startsOn: string; endsOn: string }, policy: RiskPolicyEntry): TranchePlanItem[] {
  const n = BigInt(count);
  const base = amountMinor / n;
  const first = amountMinor - base * (n - 1n);
  const days = Math.round((Date.parse(period.endsOn) - Date.parse(period.startsOn)) / 86_400_000);
  return Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    plannedOn: addDays(period.startsOn, Math.floor((days * i) / count)),
    amountMinor: (i === 0 ? first : base).toString(),
    conditions: defaultConditions(i + 1, policy),
  }));
}

/** An interim report covering each tranche except the last (due 30 days after), and a final report 60 days after the end. */
export function proposeReportingSchedule(period: { startsOn: string; endsOn: string }, tranches: readonly TranchePlanItem[]): ReportingScheduleItem[] {
  const sorted = [...tranches].sort((a, b) => a.seq - b.seq);
  const items: ReportingScheduleItem[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const from = i === 0 ? period.startsOn : sorted[i].plannedOn;
    const to = addDays(sorted[i + 1].plannedOn, -1);
    if (to < from) continue;
    items.push({ kind: 'interim', periodFrom: from, periodTo: to, dueOn: addDays(to, 30) });
  }
  items.push({ kind: 'final', periodFrom: period.startsOn, periodTo: period.endsOn, dueOn: addDays(period.endsOn, 60) });
  return items;
}

// --- Validation -----------------------------------------------------------------------------------

const DIGITS = /^\d{1,18}$/;

/**
 * Everything a grant's content must satisfy: budget lines sum exactly to the
 * grant's amount, the tranche plan sums to it too and satisfies the risk
 * policy (count, largest share), dates inside the period and in order, a
 * reporting schedule inside the period with one final report.
 */
export function validateContent(content: GrantContent, amountMinor: bigint, policy: RiskPolicyEntry | null): ContentProblem[] {
  const p: ContentProblem[] = [];
  const period = { startsOn: content.startsOn, endsOn: content.endsOn };
  const periodOk = isIsoDate(period.startsOn) && isIsoDate(period.endsOn) && period.endsOn >= period.startsOn;
  if (!periodOk) p.push({ field: 'content.endsOn', code: 'PERIOD_INVALID', message: `The period ${period.startsOn} – ${period.endsOn} is not a valid range of dates` });

  // Budget lines.
  if (content.budgetLines.length === 0) p.push({ field: 'content.budgetLines', code: 'BUDGET_LINES_EMPTY', message: 'The grant needs at least one budget line' });
  const lineIds = new Set<string>();
  let linesSum = 0n;
  let linesOk = true;
  content.budgetLines.forEach((line, i) => {
    if (!DIGITS.test(line.amountMinor)) {
      linesOk = false;
      p.push({ field: `content.budgetLines[${i}].amountMinor`, code: 'AMOUNT_NOT_MINOR_UNITS', message: `"${line.amountMinor}" is not a whole, non-negative number of minor units` });
      return;
    }
    if (lineIds.has(line.id)) p.push({ field: `content.budgetLines[${i}].id`, code: 'BUDGET_LINE_DUPLICATE_ID', message: `Budget line id "${line.id}" is used twice` });
    lineIds.add(line.id);
    linesSum += BigInt(line.amountMinor);
  });
  if (linesOk && content.budgetLines.length > 0 && linesSum !== amountMinor) {
    p.push({ field: 'content.budgetLines', code: 'BUDGET_LINES_SUM_MISMATCH', message: `The budget lines sum to ${linesSum} minor units; the grant is ${amountMinor}` });
  }

  // Tranches.
  const tranches = content.tranches;
  if (tranches.length === 0) p.push({ field: 'content.tranches', code: 'TRANCHES_EMPTY', message: 'The grant needs at least one tranche' });
  if (policy && tranches.length > 0 && tranches.length < policy.minTranches) {
    p.push({ field: 'content.tranches', code: 'TRANCHE_COUNT_BELOW_POLICY', message: `The risk rating asks for at least ${policy.minTranches} tranches; the plan has ${tranches.length}` });
  }
  let tranchesSum = 0n;
  let tranchesOk = true;
  tranches.forEach((t, i) => {
    if (t.seq !== i + 1) p.push({ field: `content.tranches[${i}].seq`, code: 'TRANCHE_SEQ_INVALID', message: `Tranche ${i + 1} is numbered ${t.seq}: tranches are numbered 1, 2, 3… in order` });
    if (!DIGITS.test(t.amountMinor) || BigInt(t.amountMinor) === 0n) {
      tranchesOk = false;
      p.push({ field: `content.tranches[${i}].amountMinor`, code: 'TRANCHE_AMOUNT_NOT_POSITIVE', message: `Tranche ${i + 1}'s amount "${t.amountMinor}" must be a positive whole number of minor units` });
      return;
    }
    const amount = BigInt(t.amountMinor);
    tranchesSum += amount;
    if (policy && amountMinor > 0n && amount * 10_000n > BigInt(policy.maxTrancheShareBp) * amountMinor) {
      p.push({
        field: `content.tranches[${i}].amountMinor`,
        code: 'TRANCHE_SHARE_ABOVE_POLICY',
        message: `Tranche ${i + 1} is ${Number((amount * 10_000n) / amountMinor) / 100} % of the grant; the risk rating allows at most ${policy.maxTrancheShareBp / 100} %`,
      });
    }
    if (!isIsoDate(t.plannedOn)) {
      p.push({ field: `content.tranches[${i}].plannedOn`, code: 'DATE_INVALID', message: `"${t.plannedOn}" is not a date` });
    } else {
      if (periodOk && (t.plannedOn < period.startsOn || t.plannedOn > period.endsOn)) {
        p.push({ field: `content.tranches[${i}].plannedOn`, code: 'TRANCHE_DATE_OUTSIDE_PERIOD', message: `Tranche ${i + 1} is planned on ${t.plannedOn}, outside the grant period ${period.startsOn} – ${period.endsOn}` });
      }
      if (i > 0 && isIsoDate(tranches[i - 1].plannedOn) && t.plannedOn < tranches[i - 1].plannedOn) {
        p.push({ field: `content.tranches[${i}].plannedOn`, code: 'TRANCHE_DATES_NOT_ASCENDING', message: `Tranche ${i + 1} is planned before tranche ${i}` });
      }
    }
    const ids = new Set<string>();
    t.conditions.forEach((c, j) => {
      if (ids.has(c.id)) p.push({ field: `content.tranches[${i}].conditions[${j}].id`, code: 'CONDITION_DUPLICATE_ID', message: `Condition id "${c.id}" is used twice in tranche ${i + 1}` });
      ids.add(c.id);
      if (c.kind === 'custom' && !(typeof c.params?.['label'] === 'string' && c.params['label'].trim())) {
        p.push({ field: `content.tranches[${i}].conditions[${j}].params.label`, code: 'CONDITION_LABEL_MISSING', message: 'A custom condition needs a label' });
      }
      if (c.kind === 'earlier_tranches_accounted' && !isBp(c.params?.['minBp'])) {
        p.push({ field: `content.tranches[${i}].conditions[${j}].params.minBp`, code: 'CONDITION_MIN_BP_INVALID', message: 'minBp must be a whole number of basis points from 0 to 10000' });
      }
    });
  });
  if (tranchesOk && tranches.length > 0 && tranchesSum !== amountMinor) {
    p.push({ field: 'content.tranches', code: 'TRANCHE_SUM_MISMATCH', message: `The tranches sum to ${tranchesSum} minor units; the grant is ${amountMinor}` });
  }

  // Reporting schedule.
  const finals = content.reportingSchedule.filter((r) => r.kind === 'final').length;
  if (finals !== 1) p.push({ field: 'content.reportingSchedule', code: 'FINAL_REPORT_COUNT', message: `The schedule needs exactly one final report; it has ${finals}` });
  content.reportingSchedule.forEach((r, i) => {
    if (!isIsoDate(r.periodFrom) || !isIsoDate(r.periodTo) || !isIsoDate(r.dueOn) || r.periodTo < r.periodFrom) {
      p.push({ field: `content.reportingSchedule[${i}]`, code: 'REPORT_DATES_INVALID', message: `Report ${i + 1}'s dates are not a valid range` });
      return;
    }
    if (periodOk && (r.periodFrom < period.startsOn || r.periodTo > period.endsOn)) {
      p.push({ field: `content.reportingSchedule[${i}].periodTo`, code: 'REPORT_PERIOD_OUTSIDE_GRANT', message: `Report ${i + 1} covers ${r.periodFrom} – ${r.periodTo}, outside the grant period` });
    }
    if (r.dueOn < r.periodTo) p.push({ field: `content.reportingSchedule[${i}].dueOn`, code: 'REPORT_DUE_BEFORE_PERIOD_END', message: `Report ${i + 1} is due before the end of the period it covers` });
  });

  if (policy && !policy.allowedModalities.includes(content.modality)) {
    p.push({ field: 'content.modality', code: 'MODALITY_NOT_ALLOWED', message: `The risk rating allows ${policy.allowedModalities.join(', ')}; not ${content.modality}` });
  }
  return p;
}

/** A change of the budget between lines larger than the tolerance (sum of increases ÷ total, bp). */
export function reallocationBp(before: readonly GrantBudgetLine[], after: readonly GrantBudgetLine[], totalMinor: bigint): number {
  const old = new Map(before.map((l) => [l.id, BigInt(l.amountMinor)]));
  let increases = 0n;
  for (const line of after) {
    const was = old.get(line.id) ?? 0n;
    const now = BigInt(line.amountMinor);
    if (now > was) increases += now - was;
  }
  return totalMinor > 0n ? Number((increases * 10_000n) / totalMinor) : 0;
}

// --- Release conditions ------------------------------------------------------------------------------

export interface ConditionFacts {
  agreementCountersignedAt: string | null;
  /** null for the first tranche (there is no previous report). */
  previousReportAcceptedAt: string | null;
  isFirstTranche: boolean;
  /** Accounted share of the earlier tranches, bp; null when nothing was disbursed yet. */
  accountedBp: number | null;
  ddStatus: string;
  ddExpiresOn: string | null;
  openHighFindings: number;
}

export interface ConditionResult {
  id: string;
  kind: ReleaseConditionKind;
  ok: boolean;
  reasonCode: string;
  reasonParams: Record<string, string | number>;
}

export function evaluateConditions(conditions: readonly ReleaseConditionRecord[], facts: ConditionFacts, today: string): ConditionResult[] {
  return conditions.map((c) => {
    const r = (ok: boolean, reasonCode: string, reasonParams: Record<string, string | number> = {}): ConditionResult => ({ id: c.id, kind: c.kind, ok, reasonCode, reasonParams });
    switch (c.kind) {
      case 'agreement_countersigned':
        return facts.agreementCountersignedAt ? r(true, 'condition.countersigned', { on: facts.agreementCountersignedAt.slice(0, 10) }) : r(false, 'condition.not_countersigned');
      case 'previous_report_accepted':
        if (facts.isFirstTranche) return r(true, 'condition.no_previous_tranche');
        return facts.previousReportAcceptedAt ? r(true, 'condition.report_accepted', { on: facts.previousReportAcceptedAt.slice(0, 10) }) : r(false, 'condition.report_not_accepted');
      case 'earlier_tranches_accounted': {
        const minBp = Number(c.params?.['minBp'] ?? 0);
        if (facts.isFirstTranche) return r(true, 'condition.no_previous_tranche');
        if (facts.accountedBp === null) return r(minBp === 0, 'condition.nothing_disbursed', { minBp });
        return r(facts.accountedBp >= minBp, facts.accountedBp >= minBp ? 'condition.accounted_enough' : 'condition.accounted_too_little', { accountedBp: facts.accountedBp, minBp });
      }
      case 'due_diligence_valid':
        if (facts.ddStatus !== 'cleared') return r(false, 'condition.dd_not_cleared', { status: facts.ddStatus });
        if (facts.ddExpiresOn !== null && facts.ddExpiresOn < today) return r(false, 'condition.dd_expired', { on: facts.ddExpiresOn });
        return r(true, 'condition.dd_valid', facts.ddExpiresOn ? { until: facts.ddExpiresOn } : {});
      case 'no_open_high_finding':
        return facts.openHighFindings === 0 ? r(true, 'condition.no_high_finding') : r(false, 'condition.open_high_findings', { count: facts.openHighFindings });
      case 'custom':
        return c.tickedAt ? r(true, 'condition.ticked', { on: c.tickedAt.slice(0, 10) }) : r(false, 'condition.not_ticked', { label: String(c.params?.['label'] ?? '') });
      default:
        return r(false, 'condition.unknown');
    }
  });
}

export function allConditionsMet(results: readonly ConditionResult[]): boolean {
  return results.every((r) => r.ok);
}

/** What changed between two versions, for the grantee: path + before + after. */
export function contentChanges(before: GrantContent, after: GrantContent): Array<{ path: string; before: unknown; after: unknown }> {
  const changes: Array<{ path: string; before: unknown; after: unknown }> = [];
  for (const key of ['startsOn', 'endsOn', 'purpose', 'specialConditions', 'modality', 'reallocationToleranceBp'] as const) {
    if (before[key] !== after[key]) changes.push({ path: key, before: before[key], after: after[key] });
  }
  const lines = (ls: readonly GrantBudgetLine[]) => new Map(ls.map((l) => [l.id, l]));
  const b = lines(before.budgetLines);
  const a = lines(after.budgetLines);
  for (const [id, line] of a) {
    const old = b.get(id);
    if (!old) changes.push({ path: `budgetLines.${id}`, before: null, after: line });
    else if (old.amountMinor !== line.amountMinor || old.description !== line.description || old.category !== line.category) {
      changes.push({ path: `budgetLines.${id}`, before: old, after: line });
    }
  }
  for (const [id, line] of b) if (!a.has(id)) changes.push({ path: `budgetLines.${id}`, before: line, after: null });
  const count = Math.max(before.tranches.length, after.tranches.length);
  for (let i = 0; i < count; i++) {
    const o = before.tranches[i] ?? null;
    const n = after.tranches[i] ?? null;
    if (JSON.stringify(o) !== JSON.stringify(n)) changes.push({ path: `tranches.${i + 1}`, before: o, after: n });
  }
  if (JSON.stringify(before.reportingSchedule) !== JSON.stringify(after.reportingSchedule)) {
    changes.push({ path: 'reportingSchedule', before: before.reportingSchedule, after: after.reportingSchedule });
  }
  return changes;
}
