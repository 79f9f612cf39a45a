import { FinanceProblem, financeProblem } from './problem';

/**
 * How much a grantee is trusted with, by the risk of the partner.
 *
 * The four ratings and the idea that the rating sets the cash-transfer
 * modality, the number of instalments and the assurance activities come from
 * the UN Harmonized Approach to Cash Transfers (HACT: a micro-assessment rates
 * a partner low / moderate / significant / high risk), and the tranche sizes,
 * accounting threshold before the next tranche and the monitoring from EU
 * (PRAG: pre-financing in instalments, the next paid when a share of the
 * previous is spent) and Sida practice (disbursement in tranches against
 * reports). docs/finance.md sums this up. These are DEFAULTS: an agency sets
 * its own in finance settings (mergePolicy); an officer may only tighten them
 * for one grant (checkTightening).
 */
export const RISK_RATINGS = ['low', 'moderate', 'significant', 'high'] as const;
export type RiskRating = (typeof RISK_RATINGS)[number];

export const MODALITIES = ['advance', 'reimbursement', 'direct_payment'] as const;
export type Modality = (typeof MODALITIES)[number];

/** Ordered from the lightest to the heaviest. */
export const MONITORING_LEVELS = ['desk_review', 'annual_visit', 'visits_each_tranche', 'third_party_monitoring'] as const;
export type Monitoring = (typeof MONITORING_LEVELS)[number];

export interface RiskPolicyEntry {
  /** At least this many tranches. */
  minTranches: number;
  /** No tranche above this share of the grant (basis points, 10 000 = 100 %). */
  maxTrancheShareBp: number;
  allowedModalities: readonly Modality[];
  monitoring: Monitoring;
  /** Before the next tranche: this share of what was disbursed must be accounted for (verified + refunded), basis points. */
  minAccountedBeforeNextBp: number;
}

export type RiskPolicy = Readonly<Record<RiskRating, RiskPolicyEntry>>;

export const DEFAULT_RISK_POLICY: RiskPolicy = {
  // HACT low: advances in one instalment, desk review of the report.
  low: { minTranches: 1, maxTrancheShareBp: 10_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'desk_review', minAccountedBeforeNextBp: 0 },
  // Moderate: at least two instalments, none above 60 %, 70 % accounted before the next (EU pre-financing practice), a visit a year.
  moderate: { minTranches: 2, maxTrancheShareBp: 6_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'annual_visit', minAccountedBeforeNextBp: 7_000 },
  // Significant: three instalments of at most 40 %, a visit before each, 80 % accounted.
  significant: { minTranches: 3, maxTrancheShareBp: 4_000, allowedModalities: ['advance', 'reimbursement', 'direct_payment'], monitoring: 'visits_each_tranche', minAccountedBeforeNextBp: 8_000 },
  // HACT high: no advances — reimbursement or direct payment to suppliers; four tranches of at most 25 %; third-party monitoring where staff cannot go.
  high: { minTranches: 4, maxTrancheShareBp: 2_500, allowedModalities: ['reimbursement', 'direct_payment'], monitoring: 'third_party_monitoring', minAccountedBeforeNextBp: 8_000 },
};

export const MAX_TRANCHES = 24;

export function isRiskRating(value: unknown): value is RiskRating {
  return typeof value === 'string' && (RISK_RATINGS as readonly string[]).includes(value);
}

export function isModality(value: unknown): value is Modality {
  return typeof value === 'string' && (MODALITIES as readonly string[]).includes(value);
}

export function isMonitoring(value: unknown): value is Monitoring {
  return typeof value === 'string' && (MONITORING_LEVELS as readonly string[]).includes(value);
}

/** "2500" bp → "25", "6250" → "62.5" (params for the web, which adds the % sign for the locale). */
export function bpToPercentText(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

export type RiskPolicyOverrides = Partial<Record<RiskRating, Partial<RiskPolicyEntry>>>;

const isBp = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000;

/**
 * Problems in an agency's overrides (finance_settings.risk_policy), as codes:
 * unknown rating or field, values out of range, a policy that cannot be met
 * (minTranches × maxShare < 100 %), no modality.
 */
export function validatePolicyOverrides(input: unknown): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  if (input === null || input === undefined) return problems;
  if (typeof input !== 'object' || Array.isArray(input)) return [financeProblem('POLICY_NOT_AN_OBJECT')];
  for (const [rating, entry] of Object.entries(input as Record<string, unknown>)) {
    if (!isRiskRating(rating)) {
      problems.push(financeProblem('POLICY_UNKNOWN_RATING', { rating }));
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(financeProblem('POLICY_NOT_AN_OBJECT', { rating }));
      continue;
    }
    for (const [field, value] of Object.entries(entry as Record<string, unknown>)) {
      const bad = () => problems.push(financeProblem('POLICY_VALUE_INVALID', { rating, field }));
      switch (field) {
        case 'minTranches':
          if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_TRANCHES) bad();
          break;
        case 'maxTrancheShareBp':
          if (!isBp(value) || value === 0) bad();
          break;
        case 'minAccountedBeforeNextBp':
          if (!isBp(value)) bad();
          break;
        case 'monitoring':
          if (!isMonitoring(value)) bad();
          break;
        case 'allowedModalities':
          if (!Array.isArray(value) || value.length === 0 || !value.every(isModality) || new Set(value).size !== value.length) bad();
          break;
        default:
          problems.push(financeProblem('POLICY_UNKNOWN_FIELD', { rating, field }));
      }
    }
  }
  if (problems.length === 0) {
    const merged = mergePolicy(DEFAULT_RISK_POLICY, input as RiskPolicyOverrides);
    for (const rating of RISK_RATINGS) {
      const e = merged[rating];
      // More tranches than the minimum can always make up 100 %, unless the share is so small that it needs more than MAX_TRANCHES.
      if (Math.ceil(10_000 / e.maxTrancheShareBp) > MAX_TRANCHES) problems.push(financeProblem('POLICY_UNREACHABLE', { rating, maxPercent: bpToPercentText(e.maxTrancheShareBp), maxTranches: MAX_TRANCHES }));
    }
  }
  return problems;
}

/** The agency's policy: its overrides over the defaults, field by field (validate the overrides first). */
export function mergePolicy(defaults: RiskPolicy, overrides: RiskPolicyOverrides | null | undefined): RiskPolicy {
  const result = {} as Record<RiskRating, RiskPolicyEntry>;
  for (const rating of RISK_RATINGS) {
    const o = overrides?.[rating] ?? {};
    result[rating] = { ...defaults[rating], ...o, allowedModalities: [...(o.allowedModalities ?? defaults[rating].allowedModalities)] };
  }
  return result;
}

/**
 * An officer's policy for one grant may only be stricter than the agency's for
 * the grant's rating: more tranches, smaller shares, fewer modalities, heavier
 * monitoring, more accounted before the next tranche.
 */
export function checkTightening(base: RiskPolicyEntry, proposed: RiskPolicyEntry): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  if (proposed.minTranches < base.minTranches) problems.push(financeProblem('POLICY_LOOSER_MIN_TRANCHES', { minTranches: base.minTranches }));
  if (proposed.maxTrancheShareBp > base.maxTrancheShareBp) problems.push(financeProblem('POLICY_LOOSER_MAX_SHARE', { maxPercent: bpToPercentText(base.maxTrancheShareBp) }));
  const extra = proposed.allowedModalities.filter((m) => !base.allowedModalities.includes(m));
  if (extra.length > 0) problems.push(financeProblem('POLICY_LOOSER_MODALITIES', { modalities: extra, allowed: [...base.allowedModalities] }));
  if (MONITORING_LEVELS.indexOf(proposed.monitoring) < MONITORING_LEVELS.indexOf(base.monitoring)) problems.push(financeProblem('POLICY_LOOSER_MONITORING', { monitoring: base.monitoring }));
  if (proposed.minAccountedBeforeNextBp < base.minAccountedBeforeNextBp) problems.push(financeProblem('POLICY_LOOSER_ACCOUNTED', { minPercent: bpToPercentText(base.minAccountedBeforeNextBp) }));
  return problems;
}

export interface PlanForPolicy {
  amountMinor: bigint;
  modality: Modality;
  /** The grant's monitoring, when chosen (null: the policy's applies). */
  monitoring?: Monitoring | null;
  tranches: readonly { seq: number; amountMinor: bigint }[];
}

/** Count and share of the tranches against the policy (also part of validateTranchePlan). */
export function trancheProblemsForPolicy(tranches: readonly { seq: number; amountMinor: bigint }[], grantAmountMinor: bigint, policy: RiskPolicyEntry): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  if (tranches.length < policy.minTranches) problems.push(financeProblem('TRANCHE_COUNT_TOO_LOW', { count: tranches.length, minTranches: policy.minTranches }));
  if (grantAmountMinor > 0n) {
    for (const t of tranches) {
      // Exact: amount / grant > max / 10 000  ⇔  amount × 10 000 > max × grant.
      if (t.amountMinor * 10_000n > BigInt(policy.maxTrancheShareBp) * grantAmountMinor) {
        const shareBp = Number((t.amountMinor * 10_000n) / grantAmountMinor);
        problems.push(financeProblem('TRANCHE_SHARE_TOO_HIGH', { seq: t.seq, sharePercent: bpToPercentText(shareBp), maxPercent: bpToPercentText(policy.maxTrancheShareBp) }));
      }
    }
  }
  return problems;
}

/** Modality, monitoring, tranche count and shares against the policy for the grant's rating. */
export function checkAgainstPolicy(plan: PlanForPolicy, policy: RiskPolicyEntry): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  if (!policy.allowedModalities.includes(plan.modality)) problems.push(financeProblem('MODALITY_NOT_ALLOWED', { modality: plan.modality, allowed: [...policy.allowedModalities] }));
  if (plan.monitoring && MONITORING_LEVELS.indexOf(plan.monitoring) < MONITORING_LEVELS.indexOf(policy.monitoring)) {
    problems.push(financeProblem('MONITORING_TOO_LIGHT', { monitoring: plan.monitoring, required: policy.monitoring }));
  }
  problems.push(...trancheProblemsForPolicy(plan.tranches, plan.amountMinor, policy));
  return problems;
}

/** The partner capacity assessment (a short HACT-style micro-assessment): each question answered 0 (none) to 3 (strong). */
export const CAPACITY_QUESTIONS = [
  { id: 'financial_management', labelKey: 'capacity.financial_management' },
  { id: 'internal_control', labelKey: 'capacity.internal_control' },
  { id: 'procurement', labelKey: 'capacity.procurement' },
  { id: 'reporting', labelKey: 'capacity.reporting' },
  { id: 'staff', labelKey: 'capacity.staff' },
  { id: 'previous_grants', labelKey: 'capacity.previous_grants' },
  { id: 'audited_accounts', labelKey: 'capacity.audited_accounts' },
  { id: 'partner_monitoring', labelKey: 'capacity.partner_monitoring' },
] as const;
export type CapacityQuestionId = (typeof CAPACITY_QUESTIONS)[number]['id'];
export type CapacityAnswers = Readonly<Record<string, number>>;
export const CAPACITY_MAX_ANSWER = 3;
export const CAPACITY_MAX_SCORE = CAPACITY_QUESTIONS.length * CAPACITY_MAX_ANSWER;

/**
 * Score bands (share of the maximum score): ≥ 80 % low, ≥ 60 % moderate,
 * ≥ 35 % significant, below high. A zero on financial management or internal
 * control — HACT's critical areas — makes the rating at least significant.
 */
export const CAPACITY_BANDS: readonly { minScore: number; rating: RiskRating }[] = [
  { minScore: Math.ceil(CAPACITY_MAX_SCORE * 0.8), rating: 'low' },
  { minScore: Math.ceil(CAPACITY_MAX_SCORE * 0.6), rating: 'moderate' },
  { minScore: Math.ceil(CAPACITY_MAX_SCORE * 0.35), rating: 'significant' },
  { minScore: 0, rating: 'high' },
];

export type CapacityResult =
  | { ok: true; rating: RiskRating; score: number; maxScore: number; scoreRating: RiskRating; raisedBy: ('due_diligence' | 'critical_area')[] }
  | { ok: false; problems: FinanceProblem[] };

export function validateCapacityAnswers(answers: unknown): FinanceProblem[] {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return [financeProblem('CAPACITY_ANSWERS_INVALID')];
  const problems: FinanceProblem[] = [];
  const record = answers as Record<string, unknown>;
  for (const q of CAPACITY_QUESTIONS) {
    const a = record[q.id];
    if (a === undefined || a === null) problems.push(financeProblem('CAPACITY_ANSWER_MISSING', { question: q.id }));
    else if (!Number.isInteger(a) || (a as number) < 0 || (a as number) > CAPACITY_MAX_ANSWER) problems.push(financeProblem('CAPACITY_ANSWER_INVALID', { question: q.id, max: CAPACITY_MAX_ANSWER }));
  }
  for (const key of Object.keys(record)) {
    if (!CAPACITY_QUESTIONS.some((q) => q.id === key)) problems.push(financeProblem('CAPACITY_UNKNOWN_QUESTION', { question: key }));
  }
  return problems;
}

function atLeast(rating: RiskRating, floor: RiskRating): RiskRating {
  return RISK_RATINGS.indexOf(rating) >= RISK_RATINGS.indexOf(floor) ? rating : floor;
}

/**
 * The rating from the capacity answers and the organization's due diligence.
 * Due diligence that is not 'cleared', or cleared but expired on `today`,
 * raises the rating to at least significant: the agency does not know the
 * partner well enough to trust it more.
 */
export function ratingFromAssessment(answers: CapacityAnswers, ddStatus: string, ddExpiresOn: string | null = null, today: string | null = null): CapacityResult {
  const problems = validateCapacityAnswers(answers);
  if (problems.length > 0) return { ok: false, problems };
  const score = CAPACITY_QUESTIONS.reduce((sum, q) => sum + (answers[q.id] ?? 0), 0);
  const scoreRating = CAPACITY_BANDS.find((b) => score >= b.minScore)?.rating ?? 'high';
  let rating = scoreRating;
  const raisedBy: ('due_diligence' | 'critical_area')[] = [];
  if (answers['financial_management'] === 0 || answers['internal_control'] === 0) {
    const raised = atLeast(rating, 'significant');
    if (raised !== rating) raisedBy.push('critical_area');
    rating = raised;
  }
  const ddExpired = ddExpiresOn !== null && today !== null && ddExpiresOn < today;
  if (ddStatus !== 'cleared' || ddExpired) {
    const raised = atLeast(rating, 'significant');
    if (raised !== rating) raisedBy.push('due_diligence');
    rating = raised;
  }
  return { ok: true, rating, score, maxScore: CAPACITY_MAX_SCORE, scoreRating, raisedBy };
}
