import type { WritableSignal } from '@angular/core';
import type {
  BackgroundState,
  FieldError,
  ConditionCheckView,
  FindingPriority,
  GrantState,
  Modality,
  PaymentState,
  ReleaseConditionKind,
  ReportDueState,
  ReportKind,
  RiskRating,
  TrancheState,
} from '@mizan/contracts';
import { BUDGET_CATEGORIES, type BudgetCategory } from '@mizan/domain';
import { errorMessage, type WebError } from '../../core/api/api-error';
import type { TranslationKey } from '../../core/i18n/catalog';
import { isCatalogKey } from '../../core/i18n/dictionaries';
import type { FormProblem } from '../../core/ui/form-problem.component';
import type { I18nService } from '../../core/i18n/i18n.service';
import type { Tone } from '../../core/ui/tone-badge.component';

/*
 * Labels and tones of the finance codes (grant, tranche, payment and job states,
 * risk ratings, modalities, release conditions), shared by the grants pages and
 * the finance desk so a state reads the same everywhere.
 */

export type StateKind = 'grant' | 'tranche' | 'payment' | 'job' | 'report';
export type AnyFinanceState =
  | GrantState
  | TrancheState
  | PaymentState
  | BackgroundState
  | ReportDueState;

const TONES: Record<StateKind, Record<string, Tone>> = {
  grant: {
    draft: 'neutral',
    awaiting_signature: 'warn',
    awaiting_countersignature: 'warn',
    active: 'good',
    suspended: 'bad',
    closed: 'info',
    cancelled: 'neutral',
  },
  tranche: { planned: 'neutral', requested: 'warn', paid: 'good', cancelled: 'neutral' },
  payment: {
    requested: 'warn',
    approved: 'info',
    sent_to_bank: 'info',
    paid: 'good',
    rejected: 'bad',
    cancelled: 'neutral',
  },
  job: { queued: 'neutral', running: 'info', done: 'good', failed: 'bad' },
  report: { due: 'warn', submitted: 'info', accepted: 'good', cancelled: 'neutral' },
};

export function stateTone(kind: StateKind, state: string): Tone {
  return TONES[kind][state] ?? 'neutral';
}

function known(key: string): key is TranslationKey {
  return isCatalogKey(key);
}

/** `fin.state.grant.active` → "Active"; an unknown state shows its code. */
export function stateLabel(i18n: I18nService, kind: StateKind, state: string): string {
  const key = `fin.state.${kind}.${state}`;
  return known(key) ? i18n.t(key) : state;
}

export function ratingKey(rating: RiskRating): TranslationKey {
  return `fin.rating.${rating}`;
}

export function modalityKey(modality: Modality): TranslationKey {
  return `fin.modality.${modality}`;
}

export function priorityKey(priority: FindingPriority): TranslationKey {
  return `fin.priority.${priority}`;
}

export function reportKindKey(kind: ReportKind): TranslationKey {
  return `fin.reportKind.${kind}`;
}

/**
 * A grant budget line's category as the reader reads it. Lines carried over from the application hold its category
 * codes (personnel, monitoring_evaluation…), which are translated; an officer's own words are shown as typed.
 */
export function budgetCategoryText(category: string, t: (key: TranslationKey) => string): string {
  return (BUDGET_CATEGORIES as readonly string[]).includes(category) ? t(`applicant.category.${category as BudgetCategory}`) : category;
}

/** "Category · description" of a budget line, or its id when the line is not known. */
export function budgetLineText(
  lines: readonly { id: string; category: string; description: string }[] | undefined,
  id: string,
  t: (key: TranslationKey) => string,
): string {
  const line = lines?.find((b) => b.id === id);
  return line ? `${budgetCategoryText(line.category, t)} · ${line.description}` : id;
}

export function conditionKindKey(kind: ReleaseConditionKind): TranslationKey {
  return `fin.condition.${kind}`;
}

/** A monitoring code ('desk_review' …) in words, or the officer's own text. */
export function monitoringLabel(i18n: I18nService, monitoring: string | null): string {
  if (!monitoring) return '';
  const key = `fin.monitoring.${monitoring}`;
  return known(key) ? i18n.t(key) : monitoring;
}

/**
 * The reason of a condition's outcome, in words. The api writes a code with
 * params — the grants api `condition.dd_valid` `{ until }`,
 * `condition.accounted_too_little` `{ accountedBp, minBp }` …, the domain
 * `CONDITION_DD_EXPIRED` `{ expiresOn }` — both are known here
 * (`fin.reason.<code without "condition.">`). Dates are formatted for the
 * language, basis points become percentages (`minBp` → `{min}`). A met
 * condition without a known code reads "Holds"; an unknown failing code
 * "does not hold yet (code)", never a bare code alone.
 */
export function conditionReason(
  i18n: I18nService,
  condition: Pick<ConditionCheckView, 'ok' | 'reasonCode' | 'reasonParams' | 'tickedAt'>,
): string {
  const code = (condition.reasonCode ?? '').replace(/^condition\./, '');
  const params = condition.reasonParams ?? {};
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) shown[name] = i18n.formatDate(value);
    else if (name.endsWith('Bp') && typeof value === 'number') shown[name.slice(0, -2)] = i18n.formatNumber(value / 100);
    // A percentage the domain wrote as exact text ("37.01"): digits of the language shown (٣٧٫٠١ in Arabic).
    else if (name.endsWith('Percent') && typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) shown[name] = i18n.formatNumber(Number(value));
    else shown[name] = value;
  }
  let key = `fin.reason.${code}`;
  if (code === 'dd_valid' && shown['until'] !== undefined) key = 'fin.reason.dd_valid_until';
  if (code !== '' && code !== 'unknown' && known(key)) {
    return i18n.t(key, shown);
  }
  if (condition.ok) {
    return condition.tickedAt
      ? i18n.t('fin.reason.metTicked', { on: i18n.formatDate(condition.tickedAt) })
      : i18n.t('fin.reason.met');
  }
  return i18n.t('fin.reason.fallbackFail', { code: condition.reasonCode ?? '' });
}

/** An api error in words: a finance error code has its own sentence (`fin.error.<CODE>`), the rest the common ones. */
export function financeProblem(error: WebError): FormProblem {
  const key = `fin.error.${error.code}`;
  if (known(key)) return { key, params: { message: error.message } };
  return errorMessage(error);
}

/**
 * The api's field errors for a form: `content.budgetLines[1].amountMinor`
 * becomes the control path `content.budgetLines.1.amountMinor`, and a message
 * that starts with a rule's code (`TRANCHE_SUM_MISMATCH: …`) becomes that
 * rule's sentence in the user's language (`fin.problem.<CODE>`), the api's
 * words otherwise.
 */
export function localizeFieldErrors(i18n: I18nService, fields: readonly FieldError[]): FieldError[] {
  return fields.map((f) => {
    const field = f.field.replace(/\[(\d+)\]/g, '.$1');
    const match = /^([A-Z][A-Z0-9_]+):\s/.exec(f.message);
    const key = match ? `fin.problem.${match[1]}` : '';
    return { ...f, field, message: match && known(key) ? i18n.t(key) : f.message };
  });
}

/**
 * The `onError` of a grants/finance FormSubmission: field errors (in words when
 * `i18n` is given) go on their controls, anything else becomes the finance
 * sentence for the code in the dialog's problem banner.
 */
export function financeFailure(
  problem: WritableSignal<FormProblem | null>,
  i18n?: I18nService,
): (error: WebError) => boolean {
  return (error) => {
    if (i18n) error.fields = localizeFieldErrors(i18n, error.fields);
    if (error.fields.length > 0) return false;
    problem.set(financeProblem(error));
    return true;
  };
}
