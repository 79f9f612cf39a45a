import type {
  AbstractControl,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import type { CallRulesInput, RubricCriterionInput } from '@mizan/contracts';
import {
  RUBRIC_SCALE_LENGTH,
  RUBRIC_WEIGHT_TOTAL,
  type CurrencyCode,
  type DocumentKind,
} from '@mizan/domain';
import { bpToPercentInput, minorToInput, percentToBp } from '../shared/money';
import { moneyInputToMinor } from '../../../core/ui/money-input';
import { DEFAULT_CALL_TIME_ZONE } from '../shared/zones';

/** One rubric row as the form holds it: the weight may be empty while typing. */
export interface CriterionFormValue {
  id: string;
  title: string;
  description: string;
  weight: number | null;
}

/** The call form's value: money as decimal text, shares as percent text. */
export interface CallFormValue {
  title: string;
  description: string;
  timeZone: string;
  opensAtLocal: string;
  closesAtLocal: string;
  envelopeMinor: string;
  maxGrantMinor: string;
  minCofundingBp: string;
  adminCapBp: string;
  hostCountries: string[];
  requirePartner: boolean;
  minOrganizationAgeMonths: number | null;
  requiredDocuments: DocumentKind[];
  rubric: { criteria: CriterionFormValue[]; scale: string[] };
}

export function weightSum(
  criteria: readonly Pick<CriterionFormValue, 'weight'>[],
): number {
  return criteria.reduce(
    (sum, c) =>
      sum + (typeof c.weight === 'number' && Number.isFinite(c.weight) ? c.weight : 0),
    0,
  );
}

/** On the criteria array: the weights must add up to exactly 100. */
export const weightsSumTo100: ValidatorFn = (
  control: AbstractControl,
): ValidationErrors | null => {
  const criteria = (control.value ?? []) as CriterionFormValue[];
  if (criteria.length === 0) return { noCriteria: true };
  const sum = weightSum(criteria);
  return sum === RUBRIC_WEIGHT_TOTAL ? null : { weightSum: { sum } };
};

/** A fresh criterion id that none of `existing` uses: "c1", "c2", … */
export function nextCriterionId(existing: readonly { id: string }[]): string {
  const used = new Set(existing.map((c) => c.id));
  let n = existing.length + 1;
  while (used.has(`c${n}`)) n++;
  return `c${n}`;
}

/** The starting point of a new call: opens tomorrow 09:00, closes in two months at 17:00. */
export function newCallValue(
  scale: readonly string[],
  now: Date = new Date(),
): CallFormValue {
  const day = (offsetDays: number, time: string): string => {
    const d = new Date(now.getTime() + offsetDays * 86_400_000);
    const y = d.getFullYear();
    const m = String(d.getMonth() + 1).padStart(2, '0');
    const dd = String(d.getDate()).padStart(2, '0');
    return `${y}-${m}-${dd}T${time}`;
  };
  return {
    title: '',
    description: '',
    timeZone: DEFAULT_CALL_TIME_ZONE,
    opensAtLocal: day(1, '09:00'),
    closesAtLocal: day(61, '17:00'),
    envelopeMinor: '',
    maxGrantMinor: '',
    minCofundingBp: '10',
    adminCapBp: '7',
    hostCountries: ['SE'],
    requirePartner: true,
    minOrganizationAgeMonths: 12,
    requiredDocuments: ['statutes', 'board_list', 'annual_report'],
    rubric: {
      criteria: [
        { id: 'c1', title: '', description: '', weight: null },
      ],
      scale: [...scale].slice(0, RUBRIC_SCALE_LENGTH),
    },
  };
}

/** A call's rules as the form shows them (for edits and corrections). */
export function callFormValueOf(
  rules: CallRulesInput,
  currency: CurrencyCode,
): CallFormValue {
  return {
    title: rules.title,
    description: rules.description,
    timeZone: rules.timeZone,
    opensAtLocal: rules.opensAtLocal,
    closesAtLocal: rules.closesAtLocal,
    envelopeMinor: minorToInput(rules.envelopeMinor, currency),
    maxGrantMinor: minorToInput(rules.maxGrantMinor, currency),
    minCofundingBp: bpToPercentInput(rules.minCofundingBp),
    adminCapBp: bpToPercentInput(rules.adminCapBp),
    hostCountries: [...rules.hostCountries],
    requirePartner: rules.requirePartner,
    minOrganizationAgeMonths: rules.minOrganizationAgeMonths,
    requiredDocuments: [...rules.requiredDocuments],
    rubric: {
      criteria: rules.rubric.criteria.map((c) => ({ ...c })),
      scale: padScale(rules.rubric.scale),
    },
  };
}

function padScale(scale: readonly string[]): string[] {
  const out = [...scale].slice(0, RUBRIC_SCALE_LENGTH);
  while (out.length < RUBRIC_SCALE_LENGTH) out.push('');
  return out;
}

/**
 * What the api receives. The form's validators have checked the text already;
 * anything still unreadable is sent as-is (or as -1) so the api names the field.
 */
export function toCallRules(
  value: CallFormValue,
  currency: CurrencyCode,
): CallRulesInput {
  const money = (text: string) => moneyInputToMinor(text, currency) ?? text.trim();
  const bp = (text: string) => percentToBp(text) ?? -1;
  const criteria: RubricCriterionInput[] = value.rubric.criteria.map((c) => ({
    id: c.id,
    title: c.title.trim(),
    description: c.description.trim(),
    weight: c.weight ?? 0,
  }));
  return {
    title: value.title.trim(),
    description: value.description.trim(),
    timeZone: value.timeZone,
    opensAtLocal: value.opensAtLocal,
    closesAtLocal: value.closesAtLocal,
    envelopeMinor: money(value.envelopeMinor),
    maxGrantMinor: money(value.maxGrantMinor),
    minCofundingBp: bp(value.minCofundingBp),
    adminCapBp: bp(value.adminCapBp),
    hostCountries: [...value.hostCountries],
    requirePartner: value.requirePartner,
    minOrganizationAgeMonths: value.minOrganizationAgeMonths ?? 0,
    requiredDocuments: [...value.requiredDocuments],
    rubric: {
      criteria,
      scale: value.rubric.scale.map((s) => s.trim()),
    },
  };
}

/** On the group: the call must close after it opens (both local times in the same zone). */
export const closesAfterOpens: ValidatorFn = (
  group: AbstractControl,
): ValidationErrors | null => {
  const opens = group.get('opensAtLocal')?.value as string | undefined;
  const closes = group.get('closesAtLocal')?.value as string | undefined;
  return opens && closes && closes <= opens ? { closesBeforeOpens: true } : null;
};

/** ISO 3166 alpha-2, upper case. */
export function normalizeCountry(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : null;
}
