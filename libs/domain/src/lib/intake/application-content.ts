/**
 * What an applicant writes in an application. Amounts are decimal strings of
 * minor units in the call's currency (see money.ts), so JSON never carries a float.
 */
export const BUDGET_CATEGORIES = ['personnel', 'travel', 'activities', 'equipment', 'admin', 'monitoring_evaluation', 'other'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export const RISK_AREAS = ['security', 'fiduciary', 'safeguarding'] as const;
export type RiskArea = (typeof RISK_AREAS)[number];
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface Indicator {
  id: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  meansOfVerification: string;
}

export interface Output {
  id: string;
  title: string;
  indicators: Indicator[];
}

export interface Outcome {
  id: string;
  title: string;
  outputs: Output[];
}

export interface Activity {
  id: string;
  title: string;
  /** Codes from the governorate reference list, e.g. "IQ-BA" (Basra). */
  governorates: string[];
  /** Months of the project, 1-based: [1, 2, 3]. */
  months: number[];
}

export interface BudgetLine {
  id: string;
  category: BudgetCategory;
  year: number;
  description: string;
  amountMinor: string;
}

export interface CofundingSource {
  id: string;
  source: string;
  amountMinor: string;
  confirmed: boolean;
}

export interface Risk {
  id: string;
  area: RiskArea;
  description: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigation: string;
}

export interface ApplicationContent {
  title: string;
  partnerIds: string[];
  summary: string;
  outcomes: Outcome[];
  activities: Activity[];
  budgetLines: BudgetLine[];
  cofunding: CofundingSource[];
  risks: Risk[];
  monitoringPlan: string;
  durationMonths: number;
}

export function emptyApplicationContent(title = ''): ApplicationContent {
  return { title, partnerIds: [], summary: '', outcomes: [], activities: [], budgetLines: [], cofunding: [], risks: [], monitoringPlan: '', durationMonths: 12 };
}

export interface BudgetTotals {
  /** All budget lines. */
  totalBudgetMinor: bigint;
  cofundingMinor: bigint;
  /** What the applicant asks of the agency: total budget − co-funding. */
  requestedMinor: bigint;
  adminMinor: bigint;
  /** admin lines / total budget, basis points. */
  adminShareBp: number;
  /** co-funding / total budget, basis points. */
  cofundingShareBp: number;
  byCategory: Record<BudgetCategory, bigint>;
  byYear: Record<string, bigint>;
}

function minor(text: string): bigint {
  return /^\d{1,15}$/.test(text) ? BigInt(text) : 0n;
}

export function budgetTotals(content: Pick<ApplicationContent, 'budgetLines' | 'cofunding'>): BudgetTotals {
  const byCategory = Object.fromEntries(BUDGET_CATEGORIES.map((c) => [c, 0n])) as Record<BudgetCategory, bigint>;
  const byYear: Record<string, bigint> = {};
  let total = 0n;
  for (const line of content.budgetLines) {
    const amount = minor(line.amountMinor);
    total += amount;
    byCategory[line.category] = (byCategory[line.category] ?? 0n) + amount;
    byYear[String(line.year)] = (byYear[String(line.year)] ?? 0n) + amount;
  }
  const cofunding = content.cofunding.reduce((sum, c) => sum + minor(c.amountMinor), 0n);
  const requested = total > cofunding ? total - cofunding : 0n;
  const share = (part: bigint) => (total === 0n ? 0 : Number((part * 10_000n) / total));
  return {
    totalBudgetMinor: total,
    cofundingMinor: cofunding,
    requestedMinor: requested,
    adminMinor: byCategory.admin,
    adminShareBp: share(byCategory.admin),
    cofundingShareBp: share(cofunding),
    byCategory,
    byYear,
  };
}
