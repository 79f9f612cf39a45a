import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import {
  type FormArray,
  type FormControl,
  type FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { type MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { type CallView, ErrorCode, type ProgramView } from '@mizan/contracts';
import {
  DOCUMENT_KINDS,
  RUBRIC_WEIGHT_TOTAL,
  zonedLocalToInstant,
  type CurrencyCode,
  type DocumentKind,
} from '@mizan/domain';
import { type Observable, catchError, forkJoin, map, of, switchMap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { documentKindKey } from '../shared/labels';
import { percentValidator } from '../shared/money';
import { moneyValidator } from '../../../core/ui/money-input';
import { CALL_TIME_ZONES, formatLocal } from '../shared/zones';
import {
  type CallFormValue,
  type CriterionFormValue,
  callFormValueOf,
  closesAfterOpens,
  newCallValue,
  nextCriterionId,
  normalizeCountry,
  toCallRules,
  weightSum,
  weightsSumTo100,
} from './call-form';
import { ProgramsApiService } from './programs-api.service';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

export type CallFormMode = 'create' | 'edit' | 'correct';

export const DEFAULT_SCALE_KEYS: readonly TranslationKey[] = [
  'officer.rubric.scale0',
  'officer.rubric.scale1',
  'officer.rubric.scale2',
  'officer.rubric.scale3',
  'officer.rubric.scale4',
  'officer.rubric.scale5',
];

type CriterionGroup = FormGroup<{
  id: FormControl<string>;
  title: FormControl<string>;
  description: FormControl<string>;
  weight: FormControl<number | null>;
}>;

const wholeNumber = Validators.pattern(/^\d+$/);

@Component({
  selector: 'mz-call-form-page',
  imports: [
    WesternDigitsDirective,
    FieldErrorDirective,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-form-page.component.html',
  styleUrls: ['../shared/officer-page.scss', './call-form-page.component.scss'],
})
export class CallFormPageComponent {
  private readonly api = inject(ProgramsApiService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);

  /** Route parameters and data. */
  readonly programId = input.required<string>();
  readonly callId = input<string>();
  readonly mode = input<CallFormMode>('create');

  /** The common zones, plus the call's own when it was set to another (through the api). */
  protected readonly zones = computed<readonly string[]>(() => {
    const own = this.call()?.timeZone;
    return own && !(CALL_TIME_ZONES as readonly string[]).includes(own)
      ? [...CALL_TIME_ZONES, own]
      : CALL_TIME_ZONES;
  });
  protected readonly documentKinds = DOCUMENT_KINDS;
  protected readonly separators = [ENTER, COMMA] as const;
  protected readonly weightTotal = RUBRIC_WEIGHT_TOTAL;
  protected readonly docKey = (kind: DocumentKind): TranslationKey =>
    documentKindKey(kind) ?? 'officer.doc.other';

  protected readonly program = signal<ProgramView | null>(null);
  protected readonly call = signal<CallView | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadErrorText = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  /** A 409 on edit: the call has submissions now, so only a correction may change it. */
  protected readonly needsCorrection = signal(false);
  protected readonly countryProblem = signal(false);
  protected readonly submission = new FormSubmission<CallView>();

  protected readonly criteria: FormArray<CriterionGroup> = this.fb.array<CriterionGroup>(
    [],
    { validators: weightsSumTo100 },
  );
  protected readonly scale = this.fb.array<FormControl<string>>([]);

  protected readonly form = this.fb.group(
    {
      title: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(200)]],
      description: ['', [Validators.maxLength(20_000)]],
      timeZone: ['Europe/Stockholm', [Validators.required]],
      opensAtLocal: ['', [Validators.required]],
      closesAtLocal: ['', [Validators.required]],
      envelopeMinor: ['', [Validators.required, moneyValidator(() => this.currency())]],
      maxGrantMinor: ['', [Validators.required, moneyValidator(() => this.currency())]],
      minCofundingBp: ['', [Validators.required, percentValidator]],
      adminCapBp: ['', [Validators.required, percentValidator]],
      hostCountries: [[] as string[]],
      requirePartner: [true],
      minOrganizationAgeMonths: this.fb.control<number | null>(0, [
        Validators.required,
        Validators.min(0),
        wholeNumber,
      ]),
      requiredDocuments: [[] as DocumentKind[]],
      rubric: this.fb.group({ criteria: this.criteria, scale: this.scale }),
      reason: [''],
    },
    { validators: closesAfterOpens },
  );

  /** Re-read on every change of the form, so the gauge and previews follow typing. */
  private readonly formVersion = signal(0);
  protected readonly sum = computed(() => {
    this.formVersion();
    return weightSum(this.criteria.getRawValue());
  });
  protected readonly gauge = computed(() =>
    Math.min(100, Math.max(0, this.sum())),
  );
  protected readonly windowPreview = computed(() => {
    this.formVersion();
    const v = this.form.getRawValue();
    return {
      opens: this.previewLocal(v.opensAtLocal, v.timeZone),
      closes: this.previewLocal(v.closesAtLocal, v.timeZone),
    };
  });

  protected readonly titleKey = computed<TranslationKey>(() => {
    switch (this.mode()) {
      case 'edit':
        return 'officer.callForm.editTitle';
      case 'correct':
        return 'officer.callForm.correctTitle';
      default:
        return 'officer.callForm.newTitle';
    }
  });

  constructor() {
    this.form.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.formVersion.update((n) => n + 1));
    this.form.controls.reason.disable();

    const request = computed(() => ({
      programId: this.programId(),
      callId: this.callId(),
      mode: this.mode(),
    }));
    toObservable(request)
      .pipe(
        switchMap(({ programId, callId }) =>
          forkJoin({
            program: this.api.getProgram(programId),
            call: callId
              ? this.api.getCall(callId)
              : (of(null) as Observable<CallView | null>),
          }).pipe(
            map((data) => ({ data, error: null })),
            catchError((error: unknown) =>
              of({ data: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ data, error }) => {
        this.loading.set(false);
        if (!data) {
          this.loadError.set(error);
          return;
        }
        this.program.set(data.program);
        this.call.set(data.call);
        this.fill(
          data.call
            ? callFormValueOf(data.call, data.call.currency)
            : newCallValue(DEFAULT_SCALE_KEYS.map((k) => this.i18n.t(k))),
        );
        if (this.mode() === 'correct') {
          this.form.controls.reason.enable();
          this.form.controls.reason.setValidators([
            Validators.required,
            Validators.pattern(/\S.*\S.*\S/s),
            Validators.maxLength(2000),
          ]);
        }
      });
  }

  protected currency(): CurrencyCode {
    return this.call()?.currency ?? this.program()?.currency ?? 'SEK';
  }

  private fill(value: CallFormValue): void {
    this.criteria.clear({ emitEvent: false });
    for (const c of value.rubric.criteria) {
      this.criteria.push(this.criterionGroup(c), { emitEvent: false });
    }
    this.scale.clear({ emitEvent: false });
    for (const text of value.rubric.scale) {
      this.scale.push(this.fb.control(text, [Validators.required, Validators.maxLength(500)]), {
        emitEvent: false,
      });
    }
    this.form.patchValue(value);
    // Amount validators read the currency, known only now.
    this.form.controls.envelopeMinor.updateValueAndValidity();
    this.form.controls.maxGrantMinor.updateValueAndValidity();
  }

  private criterionGroup(c: CriterionFormValue): CriterionGroup {
    return this.fb.group({
      id: this.fb.control(c.id),
      title: this.fb.control(c.title, [Validators.required, Validators.maxLength(200)]),
      description: this.fb.control(c.description, [Validators.maxLength(2000)]),
      weight: this.fb.control<number | null>(c.weight, [
        Validators.required,
        Validators.min(0),
        Validators.max(100),
        wholeNumber,
      ]),
    });
  }

  protected addCriterion(): void {
    const id = nextCriterionId(this.criteria.getRawValue());
    this.criteria.push(
      this.criterionGroup({ id, title: '', description: '', weight: null }),
    );
    this.criteria.markAsDirty();
    // Focus the new row's title, so keyboard users land where they type next.
    const index = this.criteria.length - 1;
    setTimeout(() =>
      this.document.getElementById(`criterion-title-${index}`)?.focus(),
    );
  }

  protected removeCriterion(index: number): void {
    this.criteria.removeAt(index);
    this.criteria.markAsDirty();
    this.criteria.markAsTouched();
  }

  protected addCountry(event: MatChipInputEvent): void {
    const text = event.value.trim();
    if (text === '') return;
    const code = normalizeCountry(text);
    if (!code) {
      this.countryProblem.set(true);
      return;
    }
    this.countryProblem.set(false);
    const list = this.form.controls.hostCountries.value;
    if (!list.includes(code)) this.form.controls.hostCountries.setValue([...list, code]);
    event.chipInput.clear();
  }

  protected removeCountry(code: string): void {
    this.form.controls.hostCountries.setValue(
      this.form.controls.hostCountries.value.filter((c) => c !== code),
    );
  }

  protected hasDocument(kind: DocumentKind): boolean {
    this.formVersion();
    return this.form.controls.requiredDocuments.value.includes(kind);
  }

  protected toggleDocument(kind: DocumentKind, checked: boolean): void {
    const list = this.form.controls.requiredDocuments.value.filter((k) => k !== kind);
    this.form.controls.requiredDocuments.setValue(
      checked ? DOCUMENT_KINDS.filter((k) => k === kind || list.includes(k)) : list,
    );
  }

  protected showSumError(): boolean {
    this.formVersion();
    return (
      this.criteria.invalid &&
      (this.criteria.hasError('weightSum') || this.criteria.hasError('noCriteria')) &&
      (this.criteria.dirty || this.criteria.touched)
    );
  }

  private previewLocal(local: string, zone: string): string | null {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
    try {
      return formatLocal(zonedLocalToInstant(local, zone).toISOString(), this.i18n.locale());
    } catch {
      return null;
    }
  }

  protected cancelLink(): string[] {
    const callId = this.callId();
    return callId
      ? ['/officer/programs', this.programId(), 'calls', callId]
      : ['/officer/programs', this.programId()];
  }

  protected save(): void {
    const mode = this.mode();
    const value = this.form.getRawValue();
    const rules = toCallRules(value, this.currency());
    const callId = this.callId();
    this.needsCorrection.set(false);
    this.submission.run(
      this.form,
      () => {
        if (mode === 'create') return this.api.createCall(this.programId(), rules);
        if (!callId) throw new Error('No call to change');
        return mode === 'edit'
          ? this.api.updateCall(callId, rules)
          : this.api.correctCall(callId, { ...rules, reason: value.reason.trim() });
      },
      (saved) => {
        this.notifier.notify(
          this.i18n.t(
            mode === 'create'
              ? 'officer.callForm.created'
              : mode === 'edit'
                ? 'officer.callForm.saved'
                : 'officer.callForm.corrected',
            { version: saved.version },
          ),
        );
        void this.router.navigate([
          '/officer/programs',
          saved.programId,
          'calls',
          saved.id,
        ]);
      },
      (error) => {
        if (mode === 'edit' && error.status === 409 && error.code === ErrorCode.Conflict) {
          this.needsCorrection.set(true);
          return true;
        }
        return false;
      },
      () => this.focusFirstInvalid(),
    );
    if (this.form.invalid) this.focusFirstInvalid();
  }

  private focusFirstInvalid(): void {
    setTimeout(() => {
      const first =
        this.document.querySelector<HTMLElement>(
          'mz-call-form-page :is(input, textarea, mat-select, mat-chip-grid).ng-invalid',
        ) ?? this.document.getElementById('rubric-sum-error');
      first?.focus();
    });
  }
}
