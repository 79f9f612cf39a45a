import type { FieldProblem } from '@mizan/contracts';
import type { ApplicationContent, BudgetTotals } from '@mizan/domain';
import { instantToZonedLocal } from '@mizan/domain';
import type { BudgetTotalsView } from '@mizan/contracts';
import type { GrantCall } from '../entities/grant-call.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** "MZ-2027-001042": the year of submission in the call's zone, then the receipt sequence. */
export function receiptNumberOf(year: string, sequence: string): string {
  return `MZ-${year}-${sequence.padStart(6, '0')}`;
}

function localText(instant: Date, zone: string): string {
  return instantToZonedLocal(instant, zone).replace('T', ' ');
}

/**
 * Why the call does not take this application now, or null when it is open.
 * Named in the call's own zone, because that is how the deadline was published.
 */
export function closedReason(call: Pick<GrantCall, 'status' | 'opensAt' | 'closesAt' | 'timeZone'>, now: Date): string | null {
  if (call.status !== 'published') return 'The call is not published';
  if (now.getTime() < new Date(call.opensAt).getTime()) {
    return `The call is not yet open: it opens at ${localText(new Date(call.opensAt), call.timeZone)} (${call.timeZone})`;
  }
  if (now.getTime() >= new Date(call.closesAt).getTime()) {
    return `The call closed at ${localText(new Date(call.closesAt), call.timeZone)} (${call.timeZone}); the deadline has passed`;
  }
  return null;
}

export function totalsView(totals: BudgetTotals): BudgetTotalsView {
  return {
    totalBudgetMinor: totals.totalBudgetMinor.toString(),
    cofundingMinor: totals.cofundingMinor.toString(),
    requestedMinor: totals.requestedMinor.toString(),
    adminMinor: totals.adminMinor.toString(),
    adminShareBp: totals.adminShareBp,
    cofundingShareBp: totals.cofundingShareBp,
  };
}

/** What is frozen with a version: the view's totals plus the breakdowns, all as strings (jsonb has no bigint). */
export function frozenTotals(totals: BudgetTotals): BudgetTotalsView & { byCategory: Record<string, string>; byYear: Record<string, string> } {
  const strings = (record: Record<string, bigint>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.toString()]));
  return { ...totalsView(totals), byCategory: strings(totals.byCategory), byYear: strings(totals.byYear) };
}

export interface ContentReferences {
  /** Codes of the governorate reference table. */
  governorateCodes: ReadonlySet<string>;
  /** Partner organizations registered by the application's organization. */
  partnerIds: ReadonlySet<string>;
}

/**
 * The checks of an application's content that a request DTO cannot make
 * alone: references to reference data and to the organization's partners,
 * months inside the project, ids unique within their list. Each error names
 * the field's path as the web addresses it.
 */
export function contentFieldErrors(content: ApplicationContent, refs: ContentReferences): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const strangers = content.partnerIds.filter((id) => !refs.partnerIds.has(id));
  if (strangers.length > 0) {
    errors.push({ field: 'content.partnerIds', message: `not a partner organization of this organization: ${strangers.join(', ')}` });
  }
  if (new Set(content.partnerIds).size !== content.partnerIds.length) {
    errors.push({ field: 'content.partnerIds', message: 'names the same partner twice' });
  }
  content.activities.forEach((activity, i) => {
    const unknown = activity.governorates.filter((code) => !refs.governorateCodes.has(code));
    if (unknown.length > 0) {
      errors.push({ field: `content.activities.${i}.governorates`, message: `unknown governorate code: ${unknown.join(', ')}` });
    }
    const outside = activity.months.filter((m) => m < 1 || m > content.durationMonths);
    if (outside.length > 0) {
      errors.push({
        field: `content.activities.${i}.months`,
        message: `months must lie between 1 and the project duration of ${content.durationMonths}: ${outside.join(', ')}`,
      });
    }
  });
  const uniqueIds = (items: readonly { id: string }[], field: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) errors.push({ field: `${field}.${i}.id`, message: `id "${item.id}" is used twice` });
      seen.add(item.id);
    });
  };
  uniqueIds(content.outcomes, 'content.outcomes');
  content.outcomes.forEach((o, i) => {
    uniqueIds(o.outputs, `content.outcomes.${i}.outputs`);
    o.outputs.forEach((out, j) => uniqueIds(out.indicators, `content.outcomes.${i}.outputs.${j}.indicators`));
  });
  uniqueIds(content.activities, 'content.activities');
  uniqueIds(content.budgetLines, 'content.budgetLines');
  uniqueIds(content.cofunding, 'content.cofunding');
  uniqueIds(content.risks, 'content.risks');
  return errors;
}
