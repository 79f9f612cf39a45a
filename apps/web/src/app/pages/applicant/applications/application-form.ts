import {
  FormArray,
  FormControl,
  FormGroup,
  Validators,
  type AbstractControl,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import {
  APPLICATION_LIMITS as LIMITS,
  lineAmountProblem,
  type ApplicationContent,
  type BudgetCategory,
  type CurrencyCode,
  type RiskArea,
  type RiskLevel,
} from '@mizan/domain';
import { newId } from '../shared/ids';
import { minorToInput, normalizeDigits, parseAmount } from '../shared/money';

/**
 * The application editor's form mirrors ApplicationContent path for path, so an
 * api field error such as `content.budgetLines.0.amountMinor` lands on
 * `form.get('budgetLines.0.amountMinor')`. The one difference: amount controls
 * hold the decimal text the user typed ("12 500.50"), turned into minor units
 * only when the content is built.
 */

const text = (value = '', ...validators: ValidatorFn[]) =>
  new FormControl(value, { nonNullable: true, validators });

/* The limits are the domain's (APPLICATION_LIMITS), the same the api validates with. */
export const SHORT_TEXT = LIMITS.shortText;
export const MEDIUM_TEXT = LIMITS.mediumText;
export const LONG_TEXT = LIMITS.longText;
export const MAX_DURATION = LIMITS.durationMonths;

export type IndicatorForm = FormGroup<{
  id: FormControl<string>;
  name: FormControl<string>;
  unit: FormControl<string>;
  baseline: FormControl<string>;
  target: FormControl<string>;
  meansOfVerification: FormControl<string>;
}>;
export type OutputForm = FormGroup<{
  id: FormControl<string>;
  title: FormControl<string>;
  indicators: FormArray<IndicatorForm>;
}>;
export type OutcomeForm = FormGroup<{
  id: FormControl<string>;
  title: FormControl<string>;
  outputs: FormArray<OutputForm>;
}>;
export type ActivityForm = FormGroup<{
  id: FormControl<string>;
  title: FormControl<string>;
  governorates: FormControl<string[]>;
  months: FormControl<number[]>;
}>;
export type BudgetLineForm = FormGroup<{
  id: FormControl<string>;
  category: FormControl<BudgetCategory>;
  year: FormControl<number>;
  description: FormControl<string>;
  /** Decimal text in the call currency. */
  amountMinor: FormControl<string>;
}>;
export type CofundingForm = FormGroup<{
  id: FormControl<string>;
  source: FormControl<string>;
  /** Decimal text in the call currency. */
  amountMinor: FormControl<string>;
  confirmed: FormControl<boolean>;
}>;
export type RiskForm = FormGroup<{
  id: FormControl<string>;
  area: FormControl<RiskArea>;
  description: FormControl<string>;
  likelihood: FormControl<RiskLevel>;
  impact: FormControl<RiskLevel>;
  mitigation: FormControl<string>;
}>;
export type ApplicationForm = FormGroup<{
  title: FormControl<string>;
  partnerIds: FormControl<string[]>;
  summary: FormControl<string>;
  durationMonths: FormControl<number>;
  outcomes: FormArray<OutcomeForm>;
  activities: FormArray<ActivityForm>;
  budgetLines: FormArray<BudgetLineForm>;
  cofunding: FormArray<CofundingForm>;
  risks: FormArray<RiskForm>;
  monitoringPlan: FormControl<string>;
}>;

/** What the form holds: ApplicationContent with amounts as typed decimal text. */
export type ApplicationDraft = ApplicationContent;

/**
 * Error `amount: 'invalid' | 'decimals' | 'negative' | 'too_large'` when the text is not an amount of
 * `currency` that a budget line or co-funding source may hold (the domain's `lineAmountProblem`, as on the api).
 */
export function amountValidator(currency: CurrencyCode): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = String(control.value ?? '');
    const parsed = parseAmount(value, currency);
    if (!parsed.ok) {
      if (parsed.problem === 'empty') return { required: true };
      // More whole digits than any amount may have reads as "too large", not as "not an amount".
      const digits = normalizeDigits(value).replace(/[\s\u00a0,]/g, '');
      return { amount: /^\d{16,}(\.\d*)?$/.test(digits) ? 'too_large' : parsed.problem };
    }
    const problem = lineAmountProblem(parsed.minor);
    return problem ? { amount: problem } : null;
  };
}

export function indicatorForm(
  value: Partial<
    ApplicationContent['outcomes'][0]['outputs'][0]['indicators'][0]
  > = {},
): IndicatorForm {
  return new FormGroup({
    id: text(value.id ?? newId()),
    name: text(value.name ?? '', Validators.maxLength(SHORT_TEXT)),
    unit: text(value.unit ?? '', Validators.maxLength(LIMITS.unitText)),
    baseline: text(value.baseline ?? '', Validators.maxLength(SHORT_TEXT)),
    target: text(value.target ?? '', Validators.maxLength(SHORT_TEXT)),
    meansOfVerification: text(
      value.meansOfVerification ?? '',
      Validators.maxLength(MEDIUM_TEXT),
    ),
  });
}

export function outputForm(
  value: Partial<ApplicationContent['outcomes'][0]['outputs'][0]> = {},
): OutputForm {
  return new FormGroup({
    id: text(value.id ?? newId()),
    title: text(value.title ?? '', Validators.maxLength(SHORT_TEXT)),
    indicators: new FormArray(
      (value.indicators ?? []).map((i) => indicatorForm(i)),
      Validators.maxLength(LIMITS.indicatorsPerOutput),
    ),
  });
}

export function outcomeForm(
  value: Partial<ApplicationContent['outcomes'][0]> = {},
): OutcomeForm {
  return new FormGroup({
    id: text(value.id ?? newId()),
    title: text(value.title ?? '', Validators.maxLength(SHORT_TEXT)),
    outputs: new FormArray(
      (value.outputs ?? []).map((o) => outputForm(o)),
      Validators.maxLength(LIMITS.outputsPerOutcome),
    ),
  });
}

export function activityForm(
  value: Partial<ApplicationContent['activities'][0]> = {},
): ActivityForm {
  return new FormGroup({
    id: text(value.id ?? newId()),
    title: text(value.title ?? '', Validators.maxLength(SHORT_TEXT)),
    governorates: new FormControl<string[]>([...(value.governorates ?? [])], {
      nonNullable: true,
      validators: Validators.maxLength(LIMITS.governoratesPerActivity),
    }),
    months: new FormControl<number[]>([...(value.months ?? [])], {
      nonNullable: true,
    }),
  });
}

export function budgetLineForm(
  currency: CurrencyCode,
  value: Partial<ApplicationContent['budgetLines'][0]> = {},
  defaultYear = new Date().getFullYear(),
): BudgetLineForm {
  return new FormGroup({
    id: text(value.id ?? newId()),
    category: new FormControl<BudgetCategory>(value.category ?? 'activities', {
      nonNullable: true,
    }),
    year: new FormControl<number>(value.year ?? defaultYear, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(LIMITS.yearMin),
        Validators.max(LIMITS.yearMax),
      ],
    }),
    description: text(
      value.description ?? '',
      Validators.maxLength(MEDIUM_TEXT),
    ),
    amountMinor: text(value.amountMinor ?? '', amountValidator(currency)),
  });
}

export function cofundingForm(
  currency: CurrencyCode,
  value: Partial<ApplicationContent['cofunding'][0]> = {},
): CofundingForm {
  return new FormGroup({
    id: text(value.id ?? newId()),
    source: text(value.source ?? '', Validators.maxLength(SHORT_TEXT)),
    amountMinor: text(value.amountMinor ?? '', amountValidator(currency)),
    confirmed: new FormControl(value.confirmed ?? false, {
      nonNullable: true,
    }),
  });
}

export function riskForm(
  value: Partial<ApplicationContent['risks'][0]> = {},
): RiskForm {
  return new FormGroup({
    id: text(value.id ?? newId()),
    area: new FormControl<RiskArea>(value.area ?? 'security', {
      nonNullable: true,
    }),
    description: text(
      value.description ?? '',
      Validators.maxLength(MEDIUM_TEXT),
    ),
    likelihood: new FormControl<RiskLevel>(value.likelihood ?? 'medium', {
      nonNullable: true,
    }),
    impact: new FormControl<RiskLevel>(value.impact ?? 'medium', {
      nonNullable: true,
    }),
    mitigation: text(value.mitigation ?? '', Validators.maxLength(MEDIUM_TEXT)),
  });
}

/** Saved content → the editor's draft: amounts as decimal text. */
export function contentToDraft(
  content: ApplicationContent,
  currency: CurrencyCode,
): ApplicationDraft {
  return {
    ...content,
    budgetLines: content.budgetLines.map((l) => ({
      ...l,
      amountMinor: minorToInput(l.amountMinor, currency),
    })),
    cofunding: content.cofunding.map((c) => ({
      ...c,
      amountMinor: minorToInput(c.amountMinor, currency),
    })),
  };
}

export function buildApplicationForm(
  draft: ApplicationDraft,
  currency: CurrencyCode,
): ApplicationForm {
  return new FormGroup({
    title: text(
      draft.title,
      Validators.required,
      Validators.maxLength(SHORT_TEXT),
    ),
    partnerIds: new FormControl<string[]>([...draft.partnerIds], {
      nonNullable: true,
      validators: Validators.maxLength(LIMITS.partners),
    }),
    summary: text(draft.summary, Validators.maxLength(LONG_TEXT)),
    durationMonths: new FormControl<number>(draft.durationMonths, {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.min(1),
        Validators.max(MAX_DURATION),
        Validators.pattern(/^\d+$/),
      ],
    }),
    outcomes: new FormArray(
      draft.outcomes.map((o) => outcomeForm(o)),
      Validators.maxLength(LIMITS.outcomes),
    ),
    activities: new FormArray(
      draft.activities.map((a) => activityForm(a)),
      Validators.maxLength(LIMITS.activities),
    ),
    budgetLines: new FormArray(
      draft.budgetLines.map((l) => budgetLineForm(currency, l)),
      Validators.maxLength(LIMITS.budgetLines),
    ),
    cofunding: new FormArray(
      draft.cofunding.map((c) => cofundingForm(currency, c)),
      Validators.maxLength(LIMITS.cofundingSources),
    ),
    risks: new FormArray(
      draft.risks.map((r) => riskForm(r)),
      Validators.maxLength(LIMITS.risks),
    ),
    monitoringPlan: text(draft.monitoringPlan, Validators.maxLength(LONG_TEXT)),
  });
}

/** Replaces the whole form's value, rebuilding the arrays to the draft's shape. */
export function resetApplicationForm(
  form: ApplicationForm,
  draft: ApplicationDraft,
  currency: CurrencyCode,
): void {
  const fresh = buildApplicationForm(draft, currency);
  const c = form.controls;
  const f = fresh.controls;
  c.outcomes.clear({ emitEvent: false });
  f.outcomes.controls.forEach((g) => c.outcomes.push(g, { emitEvent: false }));
  c.activities.clear({ emitEvent: false });
  f.activities.controls.forEach((g) =>
    c.activities.push(g, { emitEvent: false }),
  );
  c.budgetLines.clear({ emitEvent: false });
  f.budgetLines.controls.forEach((g) =>
    c.budgetLines.push(g, { emitEvent: false }),
  );
  c.cofunding.clear({ emitEvent: false });
  f.cofunding.controls.forEach((g) =>
    c.cofunding.push(g, { emitEvent: false }),
  );
  c.risks.clear({ emitEvent: false });
  f.risks.controls.forEach((g) => c.risks.push(g, { emitEvent: false }));
  form.patchValue(
    {
      title: draft.title,
      partnerIds: [...draft.partnerIds],
      summary: draft.summary,
      durationMonths: draft.durationMonths,
      monitoringPlan: draft.monitoringPlan,
    },
    { emitEvent: false },
  );
  form.updateValueAndValidity({ emitEvent: false });
}

/** The content to save: amounts converted to minor units; unparseable ones count as "0" and are reported. */
export function draftToContent(
  draft: ApplicationDraft,
  currency: CurrencyCode,
): { content: ApplicationContent; badAmounts: number } {
  let badAmounts = 0;
  const minor = (textValue: string): string => {
    const parsed = parseAmount(textValue, currency);
    if (parsed.ok) return parsed.minor.toString();
    badAmounts++;
    return '0';
  };
  const duration = Number(draft.durationMonths);
  const content: ApplicationContent = {
    title: draft.title,
    partnerIds: [...draft.partnerIds],
    summary: draft.summary,
    durationMonths: Number.isInteger(duration) ? duration : 0,
    outcomes: draft.outcomes.map((o) => ({
      id: o.id,
      title: o.title,
      outputs: o.outputs.map((out) => ({
        id: out.id,
        title: out.title,
        indicators: out.indicators.map((i) => ({ ...i })),
      })),
    })),
    activities: draft.activities.map((a) => ({
      id: a.id,
      title: a.title,
      governorates: [...a.governorates],
      months: [...a.months].sort((x, y) => x - y),
    })),
    budgetLines: draft.budgetLines.map((l) => ({
      id: l.id,
      category: l.category,
      year: Number(l.year),
      description: l.description,
      amountMinor: minor(l.amountMinor),
    })),
    cofunding: draft.cofunding.map((c) => ({
      id: c.id,
      source: c.source,
      amountMinor: minor(c.amountMinor),
      confirmed: c.confirmed,
    })),
    risks: draft.risks.map((r) => ({ ...r })),
    monitoringPlan: draft.monitoringPlan,
  };
  return { content, badAmounts };
}

/** Steps of the editor, in order. */
export const EDITOR_STEPS = [
  'partners',
  'summary',
  'logframe',
  'activities',
  'budget',
  'risks',
  'monitoring',
  'attachments',
  'review',
] as const;
export type EditorStep = (typeof EDITOR_STEPS)[number];

/** The step where an api field (`content.budgetLines.0.amountMinor`) or a call rule (`admin_cost_cap`) is fixed. */
export function stepOfField(field: string): EditorStep {
  const path = field.startsWith('content.')
    ? field.slice('content.'.length)
    : field;
  const head = path.split('.')[0];
  switch (head) {
    case 'partnerIds':
    case 'partner_required':
      return 'partners';
    case 'title':
    case 'summary':
    case 'durationMonths':
      return 'summary';
    case 'outcomes':
    case 'logframe_complete':
      return 'logframe';
    case 'activities':
    case 'activities_located':
      return 'activities';
    case 'budgetLines':
    case 'cofunding':
    case 'requested_amount':
    case 'max_grant':
    case 'cofunding_share':
    case 'admin_cost_cap':
      return 'budget';
    case 'risks':
      return 'risks';
    case 'monitoringPlan':
      return 'monitoring';
    default:
      return 'review';
  }
}

/** Drops months beyond a shortened project from every activity; true when something changed. */
export function clampActivityMonths(
  form: ApplicationForm,
  duration: number,
): boolean {
  let changed = false;
  for (const activity of form.controls.activities.controls) {
    const months = activity.controls.months.value;
    const kept = months.filter((m) => m >= 1 && m <= duration);
    if (kept.length !== months.length) {
      activity.controls.months.setValue(kept);
      changed = true;
    }
  }
  return changed;
}
