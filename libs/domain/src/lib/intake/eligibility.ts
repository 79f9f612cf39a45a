import { CurrencyCode, formatBasisPoints, formatDecimal } from '../money/money';
import { ApplicationContent, budgetTotals } from './application-content';

export const DOCUMENT_KINDS = ['statutes', 'board_list', 'annual_report', 'accounts', 'registration_certificate', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The rules a call sets. Amounts in minor units of `currency`, shares in basis points. */
export interface CallRules {
  currency: CurrencyCode;
  maxGrantMinor: string;
  minCofundingBp: number;
  adminCapBp: number;
  hostlandCountries: string[];
  requirePartner: boolean;
  minOrganizationAgeMonths: number;
  requiredDocuments: DocumentKind[];
}

export interface EligibilityContext {
  organization: { hostlandCountry: string; foundedOn: string | null; documentKinds: DocumentKind[] };
  /** The partners the application names that really belong to the organization. */
  partnerCount: number;
  today: string;
}

export const ELIGIBILITY_RULES = [
  'requested_amount',
  'max_grant',
  'cofunding_share',
  'admin_cost_cap',
  'hostland_country',
  'partner_required',
  'organization_age',
  'required_documents',
  'logframe_complete',
  'activities_located',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface RuleResult {
  rule: EligibilityRule;
  passed: boolean;
  /** Plain English; the web shows its own translation keyed by `rule` with `params`. */
  message: string;
  params: Record<string, string>;
}

function monthsBetween(fromIso: string, toIso: string): number {
  const [fy, fm, fd] = fromIso.slice(0, 10).split('-').map(Number);
  const [ty, tm, td] = toIso.slice(0, 10).split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * The least amount by which the admin lines must fall for their share to be
 * within the cap. Lowering them lowers the total too, so it is more than
 * admin − cap × total: the smallest x with ⌊10000·(a − x) / (t − x)⌋ ≤ cap,
 * i.e. 10000·(a − x) < (cap + 1)·(t − x). Only called when the cap is exceeded.
 */
function adminReductionNeeded(adminMinor: bigint, totalMinor: bigint, capBp: number): bigint {
  const cap = BigInt(capBp);
  if (cap >= 9_999n) return adminMinor; // only everything-is-admin exceeds such a cap: all of it must go
  const least = (10_000n * adminMinor - (cap + 1n) * totalMinor) / (9_999n - cap) + 1n;
  return least < adminMinor ? least : adminMinor;
}

/** Every rule of the call, each passed or failed with its reason. The same function runs in the browser and on the server. */
export function checkEligibility(rules: CallRules, content: ApplicationContent, ctx: EligibilityContext): RuleResult[] {
  const totals = budgetTotals(content);
  const money = (minor: bigint) => `${formatDecimal(minor, rules.currency)} ${rules.currency}`;
  const maxGrant = BigInt(rules.maxGrantMinor);
  const results: RuleResult[] = [];
  const add = (rule: EligibilityRule, passed: boolean, message: string, params: Record<string, string> = {}) => results.push({ rule, passed, message, params });

  add('requested_amount', totals.requestedMinor > 0n, totals.requestedMinor > 0n ? `Requested ${money(totals.requestedMinor)}` : 'The budget asks for nothing yet: add budget lines', {
    requested: money(totals.requestedMinor),
  });
  add(
    'max_grant',
    totals.requestedMinor <= maxGrant,
    totals.requestedMinor <= maxGrant
      ? `Requested ${money(totals.requestedMinor)} is within the maximum grant of ${money(maxGrant)}`
      : `Requested ${money(totals.requestedMinor)} is more than the maximum grant of ${money(maxGrant)}`,
    { requested: money(totals.requestedMinor), max: money(maxGrant) },
  );
  const cofundingOk = totals.cofundingShareBp >= rules.minCofundingBp;
  add(
    'cofunding_share',
    cofundingOk,
    `Co-funding is ${formatBasisPoints(totals.cofundingShareBp)} of the budget; the call asks for at least ${formatBasisPoints(rules.minCofundingBp)}`,
    { share: formatBasisPoints(totals.cofundingShareBp), min: formatBasisPoints(rules.minCofundingBp) },
  );
  const adminOk = totals.adminShareBp <= rules.adminCapBp;
  add(
    'admin_cost_cap',
    adminOk,
    adminOk
      ? `Administrative costs are ${formatBasisPoints(totals.adminShareBp)} of the budget, within the cap of ${formatBasisPoints(rules.adminCapBp)}`
      : `Administrative costs are ${formatBasisPoints(totals.adminShareBp)} of the budget, above the cap of ${formatBasisPoints(rules.adminCapBp)}: lower them by at least ${money(adminReductionNeeded(totals.adminMinor, totals.totalBudgetMinor, rules.adminCapBp))}`,
    { share: formatBasisPoints(totals.adminShareBp), cap: formatBasisPoints(rules.adminCapBp) },
  );
  const countryOk = rules.hostlandCountries.length === 0 || rules.hostlandCountries.includes(ctx.organization.hostlandCountry);
  add(
    'hostland_country',
    countryOk,
    countryOk
      ? `The organization is registered in ${ctx.organization.hostlandCountry}`
      : `The call is open to organizations registered in ${rules.hostlandCountries.join(', ')}; this one is registered in ${ctx.organization.hostlandCountry}`,
    { country: ctx.organization.hostlandCountry, allowed: rules.hostlandCountries.join(', ') },
  );
  if (rules.requirePartner) {
    add('partner_required', ctx.partnerCount > 0, ctx.partnerCount > 0 ? `${ctx.partnerCount} partner organization(s) named` : 'The call requires at least one partner organization in the country of origin', {
      count: String(ctx.partnerCount),
    });
  }
  if (rules.minOrganizationAgeMonths > 0) {
    const age = ctx.organization.foundedOn ? monthsBetween(ctx.organization.foundedOn, ctx.today) : -1;
    const ok = age >= rules.minOrganizationAgeMonths;
    add(
      'organization_age',
      ok,
      age < 0 ? 'The organization has no founding date' : `The organization is ${age} months old; the call asks for at least ${rules.minOrganizationAgeMonths}`,
      { months: String(Math.max(age, 0)), min: String(rules.minOrganizationAgeMonths) },
    );
  }
  if (rules.requiredDocuments.length > 0) {
    const missing = rules.requiredDocuments.filter((k) => !ctx.organization.documentKinds.includes(k));
    add(
      'required_documents',
      missing.length === 0,
      missing.length === 0 ? 'All required due-diligence documents are on file' : `Missing due-diligence documents: ${missing.join(', ')}`,
      { missing: missing.join(', ') },
    );
  }
  const indicatorCount = content.outcomes.reduce((n, o) => n + o.outputs.reduce((m, out) => m + out.indicators.length, 0), 0);
  const logframeOk = content.outcomes.length > 0 && content.outcomes.every((o) => o.outputs.length > 0 && o.outputs.every((out) => out.indicators.length > 0));
  add('logframe_complete', logframeOk, logframeOk ? `Logframe with ${indicatorCount} indicator(s)` : 'Every outcome needs at least one output, and every output at least one indicator', {
    indicators: String(indicatorCount),
  });
  const unlocated = content.activities.filter((a) => a.governorates.length === 0).map((a) => a.title || a.id);
  const activitiesOk = content.activities.length > 0 && unlocated.length === 0;
  add(
    'activities_located',
    activitiesOk,
    content.activities.length === 0 ? 'Add at least one activity' : activitiesOk ? 'Every activity has a location' : `Activities without a governorate: ${unlocated.join(', ')}`,
    { missing: unlocated.join(', ') },
  );
  return results;
}

export function isEligible(results: readonly RuleResult[]): boolean {
  return results.every((r) => r.passed);
}
