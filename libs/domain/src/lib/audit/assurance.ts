import { RISK_RATINGS, type RiskRating } from '../finance/risk-policy';

/**
 * Assurance per grant (issue 12, docs/audit.md): how many monitoring visits,
 * spot checks and audits a grant's risk rating asks for in twelve months, and
 * where it falls short. Pure: the service counts what the grant had.
 *
 * The table follows the UN Harmonized Approach to Cash Transfers (HACT), where
 * the assurance plan rises with the partner's risk rating (programmatic visits,
 * spot checks, scheduled audits), and this agency's risk policy
 * (risk-policy.ts: low → desk review, moderate → a visit a year, significant →
 * a visit before each tranche, high → third-party monitoring too):
 *
 *   rating       visits  spot checks  audits   (per 12 months)
 *   low             1         0          0
 *   moderate        1         1          0
 *   significant     2         1          1
 *   high            4         2          1
 *
 * A grant without a rating is treated as high risk (HACT: a partner not
 * assessed is treated as high risk until it is).
 */
export const ASSURANCE_KINDS_DOMAIN = ['visit', 'spot_check', 'audit'] as const;
export type AssuranceActivity = (typeof ASSURANCE_KINDS_DOMAIN)[number];
export type AssuranceCounts = Readonly<Record<AssuranceActivity, number>>;

export const ASSURANCE_REQUIREMENTS: Readonly<Record<RiskRating, AssuranceCounts>> = {
  low: { visit: 1, spot_check: 0, audit: 0 },
  moderate: { visit: 1, spot_check: 1, audit: 0 },
  significant: { visit: 2, spot_check: 1, audit: 1 },
  high: { visit: 4, spot_check: 2, audit: 1 },
};

/** The window assurance is counted over, in days (twelve months). */
export const ASSURANCE_WINDOW_DAYS = 365;

/** What a rating requires in twelve months (no rating: as high). */
export function assuranceRequired(rating: RiskRating | null | undefined): AssuranceCounts {
  const known = rating && (RISK_RATINGS as readonly string[]).includes(rating) ? rating : 'high';
  return ASSURANCE_REQUIREMENTS[known];
}

/** The kinds where what the grant had is below what its rating requires, in the order visit, spot check, audit. */
export function assuranceShort(had: AssuranceCounts, required: AssuranceCounts): AssuranceActivity[] {
  return ASSURANCE_KINDS_DOMAIN.filter((kind) => had[kind] < required[kind]);
}

export interface AssuranceAssessment {
  required: AssuranceCounts;
  short: AssuranceActivity[];
}

/** Required and short together, for one grant. */
export function assessAssurance(rating: RiskRating | null | undefined, had: AssuranceCounts): AssuranceAssessment {
  const required = assuranceRequired(rating);
  return { required, short: assuranceShort(had, required) };
}
