import {
  CAPACITY_QUESTIONS,
  DEFAULT_RISK_POLICY,
  FinanceProblem,
  RISK_RATINGS,
  RiskPolicy,
  RiskPolicyEntry,
  RiskPolicyOverrides,
  addDaysIso,
  checkAgainstPolicy,
  defaultConditions as domainDefaultConditions,
  evaluateConditions as domainEvaluateConditions,
  isIsoDate,
  mergePolicy,
  proposeBudgetLines as domainProposeBudgetLines,
  proposeReportingSchedule as domainProposeReportingSchedule,
  proposeTranches as domainProposeTranches,
  validateBudgetLines,
  validateCapacityAnswers,
  validateConditions,
  validatePolicyOverrides,
  validateReportingSchedule,
  validateTranchePlan,
  type ConditionResult,
  type ReleaseCondition,
  type ReleaseFacts,
} from '@mizan/domain';
import type {
  CapacityAnswer,
  GrantBudgetLine,
  GrantContent,
  ReleaseConditionRecord,
  ReleaseConditionSpec,
  ReportingScheduleItem,
  RiskRating,
  TranchePlanItem,
} from '@mizan/contracts';

/*
 * The grants service's side of the domain's grant rules (libs/domain/src/lib/finance):
 * converts between the wire shapes (amounts as strings, conditions with ticks)
 * and the domain's (bigint, params objects), and names each domain problem
 * with the field it is about, so a 4xx says where the problem is.
 */

export interface ContentProblem {
  field: string;
  code: string;
  message: string;
}

/** The agency's policy: finance_settings.risk_policy over the defaults; overrides that fail validation are ignored (the settings screen refuses them). */
export function agencyPolicy(overrides: unknown): RiskPolicy {
  if (overrides === null || overrides === undefined) return DEFAULT_RISK_POLICY;
  return validatePolicyOverrides(overrides).length === 0 ? mergePolicy(DEFAULT_RISK_POLICY, overrides as RiskPolicyOverrides) : DEFAULT_RISK_POLICY;
}

export function ratingRank(rating: RiskRating): number {
  return RISK_RATINGS.indexOf(rating);
}

/** The contract's answer list as the domain's record; duplicates and unknown ids are problems. */
export function answersRecord(answers: readonly CapacityAnswer[]): { record: Record<string, number>; problems: ContentProblem[] } {
  const record: Record<string, number> = {};
  const problems: ContentProblem[] = [];
  answers.forEach((a, i) => {
    if (Object.hasOwn(record, a.questionId)) problems.push({ field: `answers[${i}].questionId`, code: 'CAPACITY_ANSWER_DUPLICATE', message: `"${a.questionId}" is answered twice` });
    record[a.questionId] = a.score;
  });
  for (const p of validateCapacityAnswers(record)) {
    const question = String(p.params['question'] ?? '');
    problems.push({ field: 'answers', code: p.code, message: `${p.code}${question ? `: ${question}` : ''}` });
  }
  return { record, problems };
}

export const CAPACITY_QUESTION_IDS: readonly string[] = CAPACITY_QUESTIONS.map((q) => q.id);

// --- Dates and proposals ------------------------------------------------------------------------------

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
  return { startsOn, endsOn: addDaysIso(addMonths(startsOn, months), -1) };
}

export function proposeBudgetLines(lines: readonly GrantBudgetLine[], approvedMinor: bigint): GrantBudgetLine[] {
  if (lines.length === 0) return [{ id: 'total', category: 'other', description: 'Approved amount', amountMinor: approvedMinor.toString() }];
  return domainProposeBudgetLines(lines, approvedMinor).map((l) => ({ ...l, amountMinor: l.amountMinor.toString() }));
}

const toSpec = (c: ReleaseCondition): ReleaseConditionSpec => {
  const params: Record<string, string | number> = {};
  if (c.params.minBp !== undefined) params['minBp'] = c.params.minBp;
  if (c.params.label !== undefined) params['label'] = c.params.label;
  return Object.keys(params).length > 0 ? { id: c.id, kind: c.kind, params } : { id: c.id, kind: c.kind };
};

const toDomain = (c: ReleaseConditionSpec): ReleaseCondition => ({
  id: c.id,
  kind: c.kind,
  params: {
    ...(c.params?.['minBp'] !== undefined ? { minBp: Number(c.params['minBp']) } : {}),
    ...(c.params?.['label'] !== undefined ? { label: String(c.params['label']) } : {}),
  },
});

export function proposeTranches(amountMinor: bigint, count: number, period: { startsOn: string; endsOn: string }, policy: RiskPolicyEntry): TranchePlanItem[] {
  return domainProposeTranches(amountMinor, count, period).map((t) => ({
    seq: t.seq,
    plannedOn: t.plannedOn,
    amountMinor: t.amountMinor.toString(),
    conditions: domainDefaultConditions(t.seq, policy).map(toSpec),
  }));
}

export function proposeReportingSchedule(period: { startsOn: string; endsOn: string }, tranches: readonly TranchePlanItem[]): ReportingScheduleItem[] {
  return domainProposeReportingSchedule(period, tranches).map((r) => ({ kind: r.kind, periodFrom: r.periodFrom, periodTo: r.periodTo, dueOn: r.dueOn }));
}

// --- Validation ------------------------------------------------------------------------------------------

/** Before the risk rating: only the sums, dates and schedule hold (any count and share). */
const UNRATED: RiskPolicyEntry = { minTranches: 1, maxTrancheShareBp: 10_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'desk_review', minAccountedBeforeNextBp: 0 };

function describe(p: FinanceProblem): string {
  const params = Object.entries(p.params)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`)
    .join(', ');
  return params ? `${p.code} (${params})` : p.code;
}

function fieldOfTranche(p: FinanceProblem): string {
  const seq = p.params['seq'];
  if (typeof seq === 'number') return `content.tranches[${seq - 1}]${p.code.includes('AMOUNT') || p.code.includes('SHARE') ? '.amountMinor' : p.code.includes('DATE') ? '.plannedOn' : ''}`;
  if (typeof p.params['index'] === 'number') return `content.tranches[${p.params['index']}]`;
  return 'content.tranches';
}

/**
 * Everything a grant's content must satisfy (the domain's rules): budget
 * lines sum exactly to the grant's amount; the tranche plan sums to it, is
 * inside the period and ascending, and meets the rating's policy (count, largest
 * share, modality); a reporting schedule inside the period with one final
 * report; release conditions well formed.
 */
export function validateContent(content: GrantContent, amountMinor: bigint, policy: RiskPolicyEntry | null): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const push = (field: string, p: FinanceProblem) => problems.push({ field, code: p.code, message: describe(p) });
  const period = { startsOn: content.startsOn, endsOn: content.endsOn };
  if (!isIsoDate(period.startsOn) || !isIsoDate(period.endsOn) || period.endsOn < period.startsOn) {
    problems.push({ field: 'content.endsOn', code: 'PERIOD_INVALID', message: `PERIOD_INVALID (${period.startsOn} – ${period.endsOn})` });
    return problems;
  }
  for (const p of validateBudgetLines(
    content.budgetLines.map((l) => ({ id: l.id, amountMinor: BigInt(l.amountMinor) })),
    amountMinor,
  )) {
    push(typeof p.params['index'] === 'number' ? `content.budgetLines[${p.params['index']}].amountMinor` : 'content.budgetLines', p);
  }
  const ids = new Set<string>();
  content.budgetLines.forEach((l, i) => {
    if (ids.has(l.id)) problems.push({ field: `content.budgetLines[${i}].id`, code: 'BUDGET_LINE_DUPLICATE_ID', message: `BUDGET_LINE_DUPLICATE_ID (id=${l.id})` });
    ids.add(l.id);
  });
  const effective = policy ?? UNRATED;
  for (const p of validateTranchePlan(
    content.tranches.map((t) => ({ seq: t.seq, plannedOn: t.plannedOn, amountMinor: BigInt(t.amountMinor) })),
    amountMinor,
    period,
    effective,
  )) {
    push(fieldOfTranche(p), p);
  }
  content.tranches.forEach((t, i) => {
    for (const p of validateConditions(t.conditions.map(toDomain))) push(`content.tranches[${i}].conditions`, p);
    if (i === 0) {
      for (const c of t.conditions.filter((x) => x.kind === 'previous_report_accepted' || x.kind === 'earlier_tranches_accounted')) {
        problems.push({ field: `content.tranches[0].conditions`, code: 'CONDITION_NOT_FOR_FIRST_TRANCHE', message: `CONDITION_NOT_FOR_FIRST_TRANCHE (kind=${c.kind}): the first tranche has no earlier one` });
      }
    }
  });
  for (const p of validateReportingSchedule(content.reportingSchedule, period)) {
    push(typeof p.params['index'] === 'number' ? `content.reportingSchedule[${p.params['index']}]` : 'content.reportingSchedule', p);
  }
  if (policy) {
    // Count and shares were checked with the plan above; here the modality.
    for (const p of checkAgainstPolicy({ amountMinor, modality: content.modality, tranches: [] }, policy).filter((x) => x.code === 'MODALITY_NOT_ALLOWED')) push('content.modality', p);
  }
  return problems;
}

/** A change of the budget between lines (sum of increases ÷ total, bp). */
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

// --- Release conditions --------------------------------------------------------------------------------

export type ConditionFacts = Omit<ReleaseFacts, 'customTicks'>;

/** The domain's evaluation of stored conditions; a custom condition holds once ticked. A met condition's reason is 'CONDITION_MET'. */
export function evaluateConditions(conditions: readonly ReleaseConditionRecord[], facts: ConditionFacts, today: string): Array<Omit<ConditionResult, 'reasonCode'> & { reasonCode: string }> {
  const customTicks = conditions.filter((c) => c.kind === 'custom' && c.tickedAt).map((c) => c.id);
  return domainEvaluateConditions(conditions.map(toDomain), { ...facts, customTicks }, today).map((r) => ({ ...r, reasonCode: r.reasonCode ?? 'CONDITION_MET' }));
}

export { allConditionsMet } from '@mizan/domain';

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
