import { CurrencyCode, formatDecimal } from '../money/money';
import { DOCUMENT_KINDS } from './eligibility';
import { isTimeZone, zonedLocalToInstant } from './call-time';

/**
 * What an officer may set on a call, checked before anything is saved. Each
 * problem names the field it belongs to (dotted path, as the api reports it),
 * so the form can show it next to that field.
 */
export interface CallRuleViolation {
  field: string;
  message: string;
}

export const RUBRIC_WEIGHT_TOTAL = 100;
/** Scores 0 to 5, one description each. */
export const RUBRIC_SCALE_LENGTH = 6;
export const BASIS_POINTS_MAX = 10_000;

export interface RubricDraft {
  criteria: readonly { id: string; title: string; description: string; weight: number }[];
  scale: readonly string[];
}

export interface CallRulesDraft {
  timeZone: string;
  opensAtLocal: string;
  closesAtLocal: string;
  envelopeMinor: string;
  maxGrantMinor: string;
  minCofundingBp: number;
  adminCapBp: number;
  hostCountries: readonly string[];
  minOrganizationAgeMonths: number;
  requiredDocuments: readonly string[];
  rubric: RubricDraft;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const MINOR_UNITS = /^\d{1,18}$/;
const COUNTRY = /^[A-Z]{2}$/;

export function rubricViolations(rubric: RubricDraft): CallRuleViolation[] {
  const out: CallRuleViolation[] = [];
  if (rubric.criteria.length === 0) out.push({ field: 'rubric.criteria', message: 'The rubric needs at least one criterion' });
  const seen = new Set<string>();
  let allWhole = true;
  rubric.criteria.forEach((c, i) => {
    const id = c.id.trim();
    if (id === '') out.push({ field: `rubric.criteria.${i}.id`, message: 'Each criterion needs an id' });
    else if (seen.has(id)) out.push({ field: `rubric.criteria.${i}.id`, message: `The criterion id "${id}" is used twice` });
    seen.add(id);
    if (!Number.isInteger(c.weight) || c.weight < 0 || c.weight > RUBRIC_WEIGHT_TOTAL) {
      allWhole = false;
      out.push({ field: `rubric.criteria.${i}.weight`, message: `A weight is a whole percent from 0 to ${RUBRIC_WEIGHT_TOTAL}; got ${c.weight}` });
    }
  });
  // Only a sum of whole numbers is worth reporting: a fractional one would just repeat the error above.
  if (allWhole && rubric.criteria.length > 0) {
    const sum = rubric.criteria.reduce((total, c) => total + c.weight, 0);
    if (sum !== RUBRIC_WEIGHT_TOTAL) {
      out.push({ field: 'rubric.criteria', message: `The weights must sum to exactly ${RUBRIC_WEIGHT_TOTAL}; they sum to ${sum}` });
    }
  }
  if (rubric.scale.length !== RUBRIC_SCALE_LENGTH) {
    out.push({ field: 'rubric.scale', message: `The scale needs exactly ${RUBRIC_SCALE_LENGTH} descriptions (scores 0 to 5); got ${rubric.scale.length}` });
  }
  rubric.scale.forEach((s, i) => {
    if (s.trim() === '') out.push({ field: `rubric.scale.${i}`, message: `Describe what a score of ${i} means` });
  });
  return out;
}

/** The open and close instants of a call, or why they cannot be worked out. */
export function callWindow(
  timeZone: string,
  opensAtLocal: string,
  closesAtLocal: string,
): { ok: true; opensAt: Date; closesAt: Date } | { ok: false; violations: CallRuleViolation[] } {
  const violations: CallRuleViolation[] = [];
  const zoneOk = isTimeZone(timeZone) && timeZone.trim() !== '';
  if (!zoneOk) violations.push({ field: 'timeZone', message: `"${timeZone}" is not a time zone name such as Europe/Stockholm` });
  const parse = (field: 'opensAtLocal' | 'closesAtLocal', text: string): Date | null => {
    if (!LOCAL_DATE_TIME.test(text) || !isCalendarDate(text.slice(0, 10)) || !isClockTime(text.slice(11))) {
      violations.push({ field, message: `"${text}" is not a local date and time like 2027-03-31T17:00` });
      return null;
    }
    return zoneOk ? zonedLocalToInstant(text, timeZone) : null;
  };
  const opensAt = parse('opensAtLocal', opensAtLocal);
  const closesAt = parse('closesAtLocal', closesAtLocal);
  if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime()) {
    violations.push({ field: 'closesAtLocal', message: 'The call must close after it opens' });
  }
  if (violations.length > 0 || !opensAt || !closesAt) return { ok: false, violations };
  return { ok: true, opensAt, closesAt };
}

/** Everything about a call's rules that can be judged without the database. */
export function callRulesViolations(draft: CallRulesDraft): CallRuleViolation[] {
  const out: CallRuleViolation[] = [];
  const window = callWindow(draft.timeZone, draft.opensAtLocal, draft.closesAtLocal);
  if (!window.ok) out.push(...window.violations);

  const envelope = MINOR_UNITS.test(draft.envelopeMinor) ? BigInt(draft.envelopeMinor) : null;
  const maxGrant = MINOR_UNITS.test(draft.maxGrantMinor) ? BigInt(draft.maxGrantMinor) : null;
  if (envelope === null || envelope <= 0n) out.push({ field: 'envelopeMinor', message: 'The envelope is a positive whole number of minor units' });
  if (maxGrant === null || maxGrant <= 0n) out.push({ field: 'maxGrantMinor', message: 'The maximum grant is a positive whole number of minor units' });
  if (envelope !== null && maxGrant !== null && envelope > 0n && maxGrant > envelope) {
    out.push({ field: 'maxGrantMinor', message: 'The maximum grant cannot be more than the call’s envelope' });
  }
  for (const field of ['minCofundingBp', 'adminCapBp'] as const) {
    const bp = draft[field];
    if (!Number.isInteger(bp) || bp < 0 || bp > BASIS_POINTS_MAX) {
      out.push({ field, message: `A share is in basis points, a whole number from 0 to ${BASIS_POINTS_MAX} (100 % = 10000)` });
    }
  }
  if (!Number.isInteger(draft.minOrganizationAgeMonths) || draft.minOrganizationAgeMonths < 0) {
    out.push({ field: 'minOrganizationAgeMonths', message: 'The minimum age is a whole number of months, 0 or more' });
  }
  draft.hostCountries.forEach((c, i) => {
    if (!COUNTRY.test(c)) out.push({ field: `hostCountries.${i}`, message: `"${c}" is not a two-letter ISO country code such as SE` });
  });
  if (new Set(draft.hostCountries).size !== draft.hostCountries.length) out.push({ field: 'hostCountries', message: 'A country is listed twice' });
  draft.requiredDocuments.forEach((k, i) => {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(k)) {
      out.push({ field: `requiredDocuments.${i}`, message: `"${k}" is not a document kind; use one of ${DOCUMENT_KINDS.join(', ')}` });
    }
  });
  if (new Set(draft.requiredDocuments).size !== draft.requiredDocuments.length) out.push({ field: 'requiredDocuments', message: 'A document kind is listed twice' });
  out.push(...rubricViolations(draft.rubric));
  return out;
}

/**
 * The calls of a program share its budget: a call's envelope may use only what
 * the program's other calls have not already claimed.
 */
export function envelopeViolation(
  envelopeMinor: bigint,
  programBudgetMinor: bigint,
  otherEnvelopesMinor: bigint,
  currency: CurrencyCode,
): CallRuleViolation | null {
  const available = programBudgetMinor - otherEnvelopesMinor;
  if (envelopeMinor <= available) return null;
  const money = (minor: bigint) => `${formatDecimal(minor, currency)} ${currency}`;
  return {
    field: 'envelopeMinor',
    message: `The envelope of ${money(envelopeMinor)} is more than the program has left: ${money(available > 0n ? available : 0n)} of its ${money(programBudgetMinor)} budget`,
  };
}

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isClockTime(hhmm: string): boolean {
  const [h, m] = hhmm.split(':').map(Number);
  return h >= 0 && h <= 23 && m >= 0 && m <= 59;
}

/** "2027-02-30" is not a date; the database would refuse it with a 500, so it is caught here. */
export function isIsoCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDate(text);
}
