import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { ErrorCode, SAMPLING_METHODS, type DrawSampleRequest, type SampleSizeView, type SamplingMethod } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { errorMessage, toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { MoneyFieldComponent } from '../../../core/ui/money-field.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { moneyInputToMinor, moneyValidator } from '../../../core/ui/money-input';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { FieldworkApiService, type SampleSizeQuery } from '../fieldwork-api.service';
import { amountOrZero, isSeed, methodKey, randomSeed, toggleError } from '../findings/finding-labels';

/** How long the calculator waits after the last keystroke before it asks the api. */
export const SIZE_DEBOUNCE_MS = 300;

/** A confidence level in percent, strictly between 0 and 100, at most two decimals. */
function confidenceValidator(control: AbstractControl): ValidationErrors | null {
  const text = String(control.value ?? '').trim().replace(',', '.');
  if (text === '') return null;
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(text)) return { confidence: true };
  const value = Number(text);
  return value > 0 && value < 100 ? null : { confidence: true };
}

function seedValidator(control: AbstractControl): ValidationErrors | null {
  const text = String(control.value ?? '').trim();
  return text === '' || isSeed(text) ? null : { seed: true };
}

/** A whole number of items, at least one. */
function sizeValidator(control: AbstractControl): ValidationErrors | null {
  const text = String(control.value ?? '').trim();
  if (text === '') return null;
  return /^\d{1,7}$/.test(text) && Number(text) >= 1 ? null : { integer: true };
}

/** The api's words for a problem that belongs to one field of the draw (codes without a field name). */
const CODE_FIELDS: Partial<Record<string, keyof DrawForm>> = {
  [ErrorCode.AuditMaterialityAbovePopulation]: 'materialityMinor',
  [ErrorCode.AuditSampleTooLarge]: 'sampleSize',
};
interface DrawForm {
  method: SamplingMethod;
  seed: string;
  confidencePct: string;
  materialityMinor: string;
  expectedMisstatementMinor: string;
  sampleSize: string;
  includeOpenRedFlags: boolean;
  includeAboveMinor: string;
  reason: string;
}

/**
 * Drawing the sample: method (simple random / monetary unit), the seed (random, shown, editable — the same seed on
 * the same frozen population gives the same sample), confidence, materiality and expected misstatement, the size,
 * and the risk-based additions. The size is calculated live by the api (`sampleSize`) with its formula and
 * parameters, nothing saved until "Draw".
 */
@Component({
  selector: 'mz-draw-form',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MoneyFieldComponent,
    MoneyTextComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="draw()" novalidate data-testid="draw-form">
      <fieldset class="group">
        <legend>{{ 'audit.sample.draw.method' | t }}</legend>
        <mat-radio-group formControlName="method" class="choices" data-testid="draw-method">
          @for (m of methods; track m) {
            <mat-radio-button [value]="m" [disabled]="m === 'monetary_unit' && !currency()" [attr.data-testid]="'draw-method-' + m">{{ methodKey(m) | t }}</mat-radio-button>
          }
        </mat-radio-group>
        @if (!currency()) {
          <p class="muted">{{ 'audit.sample.draw.mixedCurrency' | t }}</p>
        }
      </fieldset>

      <div class="grid">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.sample.draw.seed' | t }}</mat-label>
          <input matInput formControlName="seed" inputmode="numeric" dir="ltr" class="seed" data-testid="draw-seed" required />
          <button mat-icon-button matSuffix type="button" data-testid="draw-new-seed" [attr.aria-label]="'audit.sample.draw.newSeed' | t" (click)="newSeed()">
            <mat-icon svgIcon="refresh" />
          </button>
          <mat-hint>{{ 'audit.sample.draw.seedHint' | t }}</mat-hint>
          <mat-error [mzFieldError]="form.controls.seed" [messages]="{ required: 'audit.sample.draw.required', seed: 'audit.sample.draw.seedInvalid' }" />
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.sample.draw.confidence' | t }}</mat-label>
          <input matInput formControlName="confidencePct" inputmode="decimal" dir="ltr" data-testid="draw-confidence" required />
          <span matTextSuffix>&nbsp;%</span>
          <mat-error [mzFieldError]="form.controls.confidencePct" [messages]="{ required: 'audit.sample.draw.required', confidence: 'audit.sample.draw.confidenceInvalid' }" />
        </mat-form-field>
        @if (isMonetary() && currency(); as cur) {
          <mz-money-field [control]="form.controls.materialityMinor" [currency]="cur" labelKey="audit.sample.draw.materiality" testId="draw-materiality" hintKey="audit.sample.draw.materialityHint" />
          <mz-money-field
            [control]="form.controls.expectedMisstatementMinor"
            [currency]="cur"
            labelKey="audit.sample.draw.expected"
            testId="draw-expected"
            hintKey="audit.sample.draw.expectedHint"
            [required]="false"
          />
        }
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'audit.sample.draw.size' | t }}</mat-label>
          <input matInput formControlName="sampleSize" inputmode="numeric" dir="ltr" data-testid="draw-size" />
          <mat-hint>{{ (isMonetary() ? 'audit.sample.draw.sizeHintMus' : 'audit.sample.draw.sizeHintSrs') | t }}</mat-hint>
          <mat-error
            [mzFieldError]="form.controls.sampleSize"
            [messages]="{ required: 'audit.sample.draw.required', integer: 'audit.sample.draw.sizeInvalid', belowComputed: 'audit.sample.draw.sizeBelow' }"
          />
        </mat-form-field>
      </div>

      <section class="calc" aria-live="polite" data-testid="size-calc">
        <h3 class="sub-title">{{ 'audit.sample.calc.title' | t }}</h3>
        @if (calculating()) {
          <p class="muted">{{ 'audit.sample.calc.working' | t }}</p>
        } @else if (sizeProblem(); as p) {
          <p class="calc-problem" data-testid="size-calc-error">{{ p.key | t: p.params }}</p>
        } @else if (size(); as s) {
          <p class="calc-result" data-testid="size-calc-result">{{ 'audit.sample.calc.result' | t: { size: s.sampleSize, count: s.populationCount } }}</p>
          <p class="formula" dir="ltr" data-testid="size-calc-formula"><code>{{ s.formula }}</code></p>
          <dl class="params" data-testid="size-calc-params">
            <dt>{{ 'audit.sample.calc.population' | t }}</dt>
            <dd>{{ 'audit.sample.calc.items' | t: { count: s.populationCount } }} · <mz-money-text [minor]="s.populationValueMinor" [currency]="s.currency" /></dd>
            @if (s.intervalMinor !== null) {
              <dt>{{ 'audit.sample.calc.interval' | t }}</dt>
              <dd><mz-money-text [minor]="s.intervalMinor" [currency]="s.currency" /></dd>
            }
            @if (s.reliabilityFactor !== null) {
              <dt>{{ 'audit.sample.calc.reliability' | t }}</dt>
              <dd dir="ltr">{{ s.reliabilityFactor }}</dd>
            }
            @if (s.expansionFactor !== null) {
              <dt>{{ 'audit.sample.calc.expansion' | t }}</dt>
              <dd dir="ltr">{{ s.expansionFactor }}</dd>
            }
            @for (p of params(); track p.name) {
              <dt dir="ltr"><code>{{ p.name }}</code></dt>
              <dd dir="ltr">{{ p.value }}</dd>
            }
          </dl>
        } @else {
          <p class="muted" data-testid="size-calc-waiting">{{ 'audit.sample.calc.waiting' | t }}</p>
        }
      </section>

      <fieldset class="group">
        <legend>{{ 'audit.sample.draw.additions' | t }}</legend>
        <mat-checkbox formControlName="includeOpenRedFlags" data-testid="draw-red-flags">{{ 'audit.sample.draw.redFlags' | t }}</mat-checkbox>
        @if (currency(); as cur) {
          <mz-money-field
            [control]="form.controls.includeAboveMinor"
            [currency]="cur"
            labelKey="audit.sample.draw.above"
            testId="draw-above"
            hintKey="audit.sample.draw.aboveHint"
            [required]="false"
          />
        }
      </fieldset>

      @if (redraw()) {
        <mz-reason-field [control]="form.controls.reason" testId="draw-reason" hintKey="audit.sample.draw.reasonHint" />
      }

      <mz-form-problem [problem]="submission.problem()" testId="draw-error" />
      <div class="actions">
        <button mat-flat-button type="submit" data-testid="draw-submit" [disabled]="submission.busy()">
          {{ (redraw() ? 'audit.sample.draw.redraw' : 'audit.sample.draw.submit') | t }}
        </button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .group {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 8px 12px 12px;
      margin: 0 0 16px;
      display: grid;
      gap: 8px;
    }
    legend {
      font: var(--mat-sys-label-large);
      padding-inline: 4px;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
      gap: 12px 16px;
      margin-block-end: 16px;
    }
    .seed {
      font-family: monospace;
      font-size: 1.1em;
    }
    .calc {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 8px 12px;
      margin-block-end: 16px;
      background: var(--mat-sys-surface-container-low);
    }
    .sub-title {
      margin: 0 0 4px;
      font: var(--mat-sys-title-small);
    }
    .calc-result {
      font: var(--mat-sys-title-medium);
      margin: 0 0 4px;
    }
    .formula {
      margin: 0 0 8px;
      overflow-wrap: anywhere;
      text-align: start;
    }
    .calc-problem {
      color: var(--mat-sys-error);
      margin: 0;
    }
    .params {
      display: grid;
      grid-template-columns: fit-content(50%) minmax(0, 1fr);
      gap: 2px 12px;
      margin: 0;
    }
    .params dt {
      color: var(--mat-sys-on-surface-variant);
    }
    .params dd {
      margin: 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-block-start: 8px;
    }
  `,
})
export class DrawFormComponent {
  protected readonly methodKey = methodKey;
  protected readonly methods = SAMPLING_METHODS;
  private readonly api = inject(FieldworkApiService);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly engagementId = input.required<string>();
  /** The population's one currency; null when it mixes currencies (no monetary-unit sampling then). */
  readonly currency = input<CurrencyCode | null>(null);
  /** Replacing a draw (allowed while planned): a reason is needed. */
  readonly redraw = input(false);
  /** The sample was drawn: the page reads the engagement and the sample again. */
  readonly drawn = output<void>();

  protected readonly submission = new FormSubmission<unknown>();
  protected readonly size = signal<SampleSizeView | null>(null);
  protected readonly sizeProblem = signal<FormProblem | null>(null);
  protected readonly calculating = signal(false);
  protected readonly params = computed(() => Object.entries(this.size()?.params ?? {}).map(([name, value]) => ({ name, value: String(value) })));

  private readonly moneyCurrency = (): CurrencyCode => this.currency() ?? 'USD';

  protected readonly form = this.fb.group({
    method: ['monetary_unit' as SamplingMethod, [Validators.required]],
    seed: [randomSeed(), [Validators.required, seedValidator]],
    confidencePct: ['95', [Validators.required, confidenceValidator]],
    materialityMinor: ['', [moneyValidator(this.moneyCurrency)]],
    expectedMisstatementMinor: ['', [amountOrZero(this.moneyCurrency)]],
    sampleSize: ['', [sizeValidator]],
    includeOpenRedFlags: [true],
    includeAboveMinor: ['', [moneyValidator(this.moneyCurrency)]],
    reason: ['', [Validators.maxLength(2000)]],
  });

  private readonly method = signal<SamplingMethod>('monetary_unit');
  protected readonly isMonetary = computed(() => this.method() === 'monetary_unit');

  constructor() {
    // A population in several currencies cannot be sampled by monetary unit: start with simple random.
    effect(() => {
      if (this.currency() === null) untracked(() => this.form.controls.method.setValue('simple_random'));
    });
    this.form.controls.method.valueChanges.pipe(startWith(this.form.controls.method.value), takeUntilDestroyed()).subscribe((method) => {
      this.method.set(method);
      this.applyMethod(method);
    });
    this.form.valueChanges
      .pipe(
        startWith(null),
        debounceTime(SIZE_DEBOUNCE_MS),
        map(() => this.sizeQuery()),
        switchMap((query) => {
          if (!query) {
            this.calculating.set(false);
            return of({ view: null, problem: null });
          }
          this.calculating.set(true);
          return this.api.sampleSize(this.engagementId(), query).pipe(
            map((view) => ({ view, problem: null })),
            catchError((error: unknown) => of({ view: null, problem: this.calcProblem(toWebError(error)) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ view, problem }) => {
        this.calculating.set(false);
        this.size.set(view);
        this.sizeProblem.set(problem);
        this.checkOverride();
      });
  }

  /** Simple random needs the size; monetary unit needs materiality (and computes the size). */
  private applyMethod(method: SamplingMethod): void {
    const { materialityMinor, sampleSize } = this.form.controls;
    if (method === 'monetary_unit') {
      materialityMinor.setValidators([Validators.required, moneyValidator(this.moneyCurrency)]);
      sampleSize.setValidators([sizeValidator]);
    } else {
      materialityMinor.setValidators([moneyValidator(this.moneyCurrency)]);
      sampleSize.setValidators([Validators.required, sizeValidator]);
    }
    materialityMinor.updateValueAndValidity({ emitEvent: false });
    sampleSize.updateValueAndValidity({ emitEvent: false });
  }

  /** The calculator's question, or null while what it needs is missing or not valid yet. */
  private sizeQuery(): SampleSizeQuery | null {
    const c = this.form.controls;
    if (c.confidencePct.invalid) return null;
    const confidence = Number(c.confidencePct.value.trim().replace(',', '.'));
    const currency = this.currency();
    if (c.method.value === 'monetary_unit') {
      if (!currency || c.materialityMinor.invalid || c.expectedMisstatementMinor.invalid) return null;
      const materiality = moneyInputToMinor(c.materialityMinor.value, currency);
      if (!materiality) return null;
      const expected = c.expectedMisstatementMinor.value.trim() ? moneyInputToMinor(c.expectedMisstatementMinor.value, currency) : null;
      return { method: 'monetary_unit', confidencePct: confidence, materialityMinor: materiality, expectedMisstatementMinor: expected };
    }
    if (c.sampleSize.value.trim() === '' || c.sampleSize.hasError('integer')) return null;
    return { method: 'simple_random', confidencePct: confidence, sampleSize: Number(c.sampleSize.value.trim()) };
  }

  /** A monetary-unit size may be raised above the computed one, never lowered. */
  private checkOverride(): void {
    const control = this.form.controls.sampleSize;
    const computedSize = this.size()?.sampleSize;
    const text = control.value.trim();
    const below = this.isMonetary() && computedSize !== undefined && /^\d+$/.test(text) && Number(text) < computedSize;
    if (below === control.hasError('belowComputed')) return;
    toggleError(control, 'belowComputed', below);
    control.markAsTouched();
  }

  /** The calculator's refusal in words; a problem with a field also goes on that field. */
  private calcProblem(error: WebError): FormProblem {
    for (const field of error.fields) {
      const name = field.field in this.form.controls ? (field.field as keyof DrawForm) : null;
      if (name) this.serverError(name, field.message);
    }
    const named = CODE_FIELDS[error.code];
    const problem = errorMessage(error);
    if (named) this.serverError(named, this.i18n.t(problem.key, problem.params));
    return problem;
  }

  private serverError(name: keyof DrawForm, message: string): void {
    const control = this.form.controls[name];
    control.setErrors({ ...(control.errors ?? {}), server: message });
    control.markAsTouched();
  }

  protected newSeed(): void {
    this.form.controls.seed.setValue(randomSeed());
  }

  protected draw(): void {
    const reason = this.form.controls.reason;
    reason.setValidators(this.redraw() ? [Validators.required, Validators.maxLength(2000)] : [Validators.maxLength(2000)]);
    reason.updateValueAndValidity({ emitEvent: false });
    this.checkOverride();
    const v = this.form.getRawValue();
    const currency = this.currency();
    const minor = (text: string): string | null => (text.trim() && currency ? (moneyInputToMinor(text, currency) ?? text.trim()) : null);
    const monetary = v.method === 'monetary_unit';
    const request: DrawSampleRequest = {
      method: v.method,
      seed: v.seed.trim(),
      confidencePct: Number(v.confidencePct.trim().replace(',', '.')),
      materialityMinor: monetary ? minor(v.materialityMinor) : null,
      expectedMisstatementMinor: monetary ? minor(v.expectedMisstatementMinor) : null,
      sampleSize: v.sampleSize.trim() ? Number(v.sampleSize.trim()) : null,
      includeOpenRedFlags: v.includeOpenRedFlags,
      includeAboveMinor: minor(v.includeAboveMinor),
      ...(this.redraw() ? { reason: v.reason.trim() } : {}),
    };
    this.submission.run(
      this.form,
      () => this.api.drawSample(this.engagementId(), request),
      () => this.drawn.emit(),
      (error) => {
        const named = CODE_FIELDS[error.code];
        if (!named || error.fields.length > 0) return false;
        const problem = errorMessage(error);
        this.serverError(named, this.i18n.t(problem.key, problem.params));
        this.submission.problem.set(problem);
        return true;
      },
    );
  }
}

