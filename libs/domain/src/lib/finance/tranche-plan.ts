import { FinanceProblem, addDaysIso, daysBetweenIso, isIsoDate, financeProblem } from './problem';
import { RiskPolicyEntry, trancheProblemsForPolicy } from './risk-policy';

/**
 * The grant's money plan: tranches (when and how much is paid) and budget
 * lines (what it is spent on). Both must add up exactly, to the minor unit, to
 * the amount granted: the ledger commits that amount, and a plan that does not
 * add up is a plan the grantee cannot account against.
 */
export interface GrantPeriod {
  startsOn: string;
  endsOn: string;
}

export interface TranchePlanItem {
  seq: number;
  /** ISO date. */
  plannedOn: string;
  amountMinor: bigint;
}

/**
 * Every problem of a tranche plan, as codes with params: seq 1..n in order,
 * positive amounts, the sum equal to the grant, dates valid, inside the grant
 * period and strictly ascending, and the policy's count and maximum share.
 */
export function validateTranchePlan(tranches: readonly TranchePlanItem[], grantAmountMinor: bigint, period: GrantPeriod, policy: RiskPolicyEntry): FinanceProblem[] {
  const problems: FinanceProblem[] = [];
  if (tranches.length === 0) return [financeProblem('TRANCHES_EMPTY')];
  let previous: string | null = null;
  tranches.forEach((t, i) => {
    if (t.seq !== i + 1) problems.push(financeProblem('TRANCHE_SEQ_INVALID', { index: i, seq: t.seq, expected: i + 1 }));
    if (t.amountMinor <= 0n) problems.push(financeProblem('TRANCHE_AMOUNT_NOT_POSITIVE', { seq: t.seq, amountMinor: t.amountMinor.toString() }));
    if (!isIsoDate(t.plannedOn)) {
      problems.push(financeProblem('TRANCHE_DATE_INVALID', { seq: t.seq }));
      return;
    }
    if (t.plannedOn < period.startsOn || t.plannedOn > period.endsOn) {
      problems.push(financeProblem('TRANCHE_DATE_OUTSIDE_PERIOD', { seq: t.seq, plannedOn: t.plannedOn, startsOn: period.startsOn, endsOn: period.endsOn }));
    }
    if (previous !== null && t.plannedOn <= previous) problems.push(financeProblem('TRANCHE_DATES_NOT_ASCENDING', { seq: t.seq, plannedOn: t.plannedOn, previousOn: previous }));
    previous = t.plannedOn;
  });
  const sum = tranches.reduce((total, t) => total + t.amountMinor, 0n);
  if (sum !== grantAmountMinor) {
    problems.push(financeProblem('TRANCHE_SUM_MISMATCH', { sumMinor: sum.toString(), grantMinor: grantAmountMinor.toString(), differenceMinor: (sum - grantAmountMinor).toString() }));
  }
  problems.push(...trancheProblemsForPolicy(tranches, grantAmountMinor, policy));
  return problems;
}

/** Splits `total` over `weights` in proportion, exactly: floor shares, then the units left to the largest remainders (earlier first on ties). */
export function largestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) return [];
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const sumWeights = weights.reduce((s, w) => s + w, 0n);
  const effective = sumWeights === 0n ? weights.map(() => 1n) : weights;
  const denominator = sumWeights === 0n ? BigInt(weights.length) : sumWeights;
  const shares = effective.map((w) => (total * w) / denominator);
  const remainders = effective.map((w, i) => ({ i, r: (total * w) % denominator }));
  let left = total - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((a, b) => (a.r > b.r ? -1 : a.r < b.r ? 1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return shares;
}

/**
 * Equal tranches over the period: the first on the start date, the others
 * evenly spaced; the units that do not divide evenly go to the first tranches
 * (advances front-load by a minor unit at most).
 */
export function proposeTranches(amountMinor: bigint, count: number, period: GrantPeriod): TranchePlanItem[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  const amounts = largestRemainder(amountMinor, Array.from({ length: count }, () => 1n));
  const days = Math.max(0, daysBetweenIso(period.startsOn, period.endsOn));
  return amounts.map((a, i) => ({ seq: i + 1, plannedOn: addDaysIso(period.startsOn, Math.floor((i * days) / count)), amountMinor: a }));
}

export interface BudgetAmount {
  amountMinor: bigint;
}

/** The budget lines must sum exactly to the amount approved; none negative; at least one. */
export function validateBudgetLines(lines: readonly (BudgetAmount & { id?: string })[], approvedMinor: bigint): FinanceProblem[] {
  if (lines.length === 0) return [financeProblem('BUDGET_LINES_EMPTY')];
  const problems: FinanceProblem[] = [];
  lines.forEach((l, i) => {
    if (l.amountMinor < 0n) problems.push(financeProblem('BUDGET_LINE_NEGATIVE', { index: i, id: l.id ?? null, amountMinor: l.amountMinor.toString() }));
  });
  const sum = lines.reduce((s, l) => s + l.amountMinor, 0n);
  if (sum !== approvedMinor) {
    problems.push(financeProblem('BUDGET_SUM_MISMATCH', { sumMinor: sum.toString(), approvedMinor: approvedMinor.toString(), differenceMinor: (sum - approvedMinor).toString() }));
  }
  return problems;
}

/**
 * The application's budget lines cut (or raised) in proportion to the amount
 * approved, by largest remainder so the lines sum exactly to it. Lines keep
 * every other field; amounts may come as decimal strings (as applications hold
 * them) and come back as bigint. The officer adjusts from there.
 */
export function proposeBudgetLines<T extends { amountMinor: bigint | string }>(applicationLines: readonly T[], approvedMinor: bigint): (Omit<T, 'amountMinor'> & { amountMinor: bigint })[] {
  const weights = applicationLines.map((l) => {
    const v = typeof l.amountMinor === 'bigint' ? l.amountMinor : /^\d{1,18}$/.test(l.amountMinor) ? BigInt(l.amountMinor) : 0n;
    return v < 0n ? 0n : v;
  });
  const amounts = largestRemainder(approvedMinor, weights);
  return applicationLines.map((l, i) => ({ ...l, amountMinor: amounts[i] }));
}
