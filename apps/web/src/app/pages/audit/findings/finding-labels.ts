import type {
  AuditCheckAnswer,
  AuditCheckId,
  AuditFindingView,
  EngagementView,
  FindingActionState,
  FindingCategory,
  FindingPriority,
  ResponseKind,
  ResponseSide,
  SampleReason,
  SampleResult,
  SamplingMethod,
} from '@mizan/contracts';
import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { ActivatedRoute } from '@angular/router';
import { CURRENCY_EXPONENT, type CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { moneyInputToMinor } from '../../../core/ui/money-input';
import type { Tone } from '../../../core/ui/tone-badge.component';

/** Translation keys of the fieldwork words (typed, and found by the catalog's unused-key check). */
export const checkKey = (id: AuditCheckId): TranslationKey => `audit.check.${id}`;
export const answerKey = (answer: AuditCheckAnswer): TranslationKey => `audit.check.answer.${answer}`;
export const resultKey = (result: SampleResult): TranslationKey => `audit.result.${result}`;
export const reasonKey = (reason: SampleReason): TranslationKey => `audit.reason.${reason}`;
export const methodKey = (method: SamplingMethod): TranslationKey => `audit.method.${method}`;
export const categoryKey = (category: FindingCategory): TranslationKey => `audit.category.${category}`;
export const priorityKey = (priority: FindingPriority): TranslationKey => `audit.priority.${priority}`;
export const actionStateKey = (state: FindingActionState): TranslationKey => `audit.action.${state}`;
export const sideKey = (side: ResponseSide): TranslationKey => `audit.response.side.${side}`;
export const responseKindKey = (kind: ResponseKind): TranslationKey => `audit.response.kind.${kind}`;

export function resultTone(result: SampleResult): Tone {
  return result === 'pass' ? 'good' : result === 'exception' ? 'bad' : 'neutral';
}

export function priorityTone(priority: FindingPriority): Tone {
  return priority === 'high' ? 'bad' : priority === 'medium' ? 'warn' : 'info';
}

export function actionStateTone(state: FindingActionState): Tone {
  return state === 'checked' ? 'good' : state === 'completed' ? 'info' : 'warn';
}

/** A 32-bit unsigned seed as decimal text, from the browser's cryptographic generator. */
export function randomSeed(): string {
  const value = new Uint32Array(1);
  crypto.getRandomValues(value);
  return String(value[0]);
}

/** Decimal text of an integer 0 … 2³² − 1. */
export function isSeed(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) <= 4_294_967_295;
}

/**
 * A finding's title in the reader's language: a title from the list is translated (the api keeps its English
 * words as the default title), a free title is shown as written.
 */
export function findingTitle(finding: Pick<AuditFindingView, 'category' | 'title'>, t: (key: TranslationKey) => string): string {
  return finding.category && !ownTitle(finding) ? t(categoryKey(finding.category)) : finding.title;
}

/** The title the api stores for a finding raised from the list without a title of its own: "ineligible_expenditure" → "Ineligible expenditure". */
export function defaultCategoryTitle(category: FindingCategory): string {
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether the auditor wrote the title (free, or over the category's): shown as written, not replaced by the category's translation. */
export function ownTitle(finding: Pick<AuditFindingView, 'category' | 'title'>): boolean {
  return finding.category === null || (finding.title.trim() !== '' && finding.title !== defaultCategoryTitle(finding.category));
}

/** Money text that may be zero (an amount affected by a process finding can be nil). */
export function amountOrZero(currency: () => CurrencyCode): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (text === '') return null;
    return moneyInputToMinor(text, currency()) === null ? { amount: { decimals: CURRENCY_EXPONENT[currency()] } } : null;
  };
}

/** The engagement id of a tab page: its own `:id`, or its parent's (the workspace). */
export function engagementIdOf(route: ActivatedRoute): string | null {
  return route.snapshot.paramMap.get('id') ?? route.parent?.snapshot.paramMap.get('id') ?? null;
}

/** The currency the engagement's amounts are typed in: its population's, else the findings'. */
export function engagementCurrency(engagement: EngagementView | null, findings: readonly AuditFindingView[] = []): CurrencyCode {
  return engagement?.currency ?? engagement?.sampling?.size?.currency ?? findings[0]?.currency ?? 'USD';
}

/** Sets or clears one error of a control (a rule of the form as a whole), keeping its other errors. */
export function toggleError(control: AbstractControl, name: string, on: boolean): void {
  if (on === control.hasError(name)) return;
  const rest = Object.fromEntries(Object.entries(control.errors ?? {}).filter(([key]) => key !== name));
  control.setErrors(on ? { ...rest, [name]: true } : Object.keys(rest).length ? rest : null);
}
