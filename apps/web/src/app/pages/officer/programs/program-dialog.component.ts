import { COMMA, ENTER } from '@angular/cdk/keycodes';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import {
  MatAutocompleteModule,
  type MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { type MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { ProgramView } from '@mizan/contracts';
import { CURRENCIES, type CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { normalizeCountry } from './call-form';
import { FormSubmission } from '../../../core/ui/form-submission';
import { moneyInputToMinor, moneyValidator } from '../../../core/ui/money-input';
import { ProgramsApiService } from './programs-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';

export const THEME_SUGGESTIONS: readonly TranslationKey[] = [
  'officer.theme.womensRights',
  'officer.theme.humanRights',
  'officer.theme.electionTraining',
  'officer.theme.journalism',
  'officer.theme.health',
  'officer.theme.mentalHealth',
  'officer.theme.culturalHeritage',
];

function endNotBeforeStart(group: AbstractControl): ValidationErrors | null {
  const start = group.get('periodStart')?.value as string | undefined;
  const end = group.get('periodEnd')?.value as string | undefined;
  return start && end && end < start ? { endBeforeStart: true } : null;
}

const nonEmptyList = (control: AbstractControl): ValidationErrors | null =>
  Array.isArray(control.value) && control.value.length > 0
    ? null
    : { required: true };

@Component({
  selector: 'mz-program-dialog',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    MatAutocompleteModule,
    MatButtonModule,
    MatChipsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-dialog.component.html',
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 8px 16px;
    }
  `,
})
export class ProgramDialogComponent {
  private readonly api = inject(ProgramsApiService);
  private readonly i18n = inject(I18nService);
  private readonly dialogRef =
    inject<MatDialogRef<ProgramDialogComponent, ProgramView>>(MatDialogRef);

  protected readonly currencies = CURRENCIES;
  protected readonly separators = [ENTER, COMMA] as const;
  protected readonly submission = new FormSubmission<ProgramView>();
  protected readonly countryProblem = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
      countries: [['IQ'] as string[], [nonEmptyList]],
      themes: [[] as string[]],
      budgetMinor: ['', [Validators.required, moneyValidator(() => this.currency())]],
      currency: ['SEK' as CurrencyCode, [Validators.required]],
      periodStart: ['', [Validators.required]],
      periodEnd: ['', [Validators.required]],
    },
    { validators: endNotBeforeStart },
  );

  private readonly currencyValue = toSignal(
    this.form.controls.currency.valueChanges,
    { initialValue: this.form.controls.currency.value },
  );
  protected readonly themeText = signal('');
  protected readonly suggestions = computed(() => {
    const typed = this.themeText().trim().toLowerCase();
    const chosen = new Set(this.form.controls.themes.value);
    return THEME_SUGGESTIONS.map((key) => this.i18n.t(key)).filter(
      (label) =>
        !chosen.has(label) && (typed === '' || label.toLowerCase().includes(typed)),
    );
  });

  constructor() {
    // A different currency changes how many decimals the budget may have.
    this.form.controls.currency.valueChanges.subscribe(() =>
      this.form.controls.budgetMinor.updateValueAndValidity(),
    );
  }

  protected currency(): CurrencyCode {
    return this.currencyValue?.() ?? 'SEK';
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
    const list = this.form.controls.countries.value;
    if (!list.includes(code)) this.form.controls.countries.setValue([...list, code]);
    event.chipInput.clear();
  }

  protected removeCountry(code: string): void {
    this.form.controls.countries.setValue(
      this.form.controls.countries.value.filter((c) => c !== code),
    );
    this.form.controls.countries.markAsTouched();
  }

  protected addTheme(event: MatChipInputEvent): void {
    this.pushTheme(event.value);
    event.chipInput.clear();
    this.themeText.set('');
  }

  protected pickTheme(event: MatAutocompleteSelectedEvent, input: HTMLInputElement): void {
    this.pushTheme(String(event.option.value));
    input.value = '';
    this.themeText.set('');
  }

  protected removeTheme(theme: string): void {
    this.form.controls.themes.setValue(
      this.form.controls.themes.value.filter((t) => t !== theme),
    );
  }

  private pushTheme(text: string): void {
    const theme = text.trim();
    if (theme === '') return;
    const list = this.form.controls.themes.value;
    if (!list.includes(theme)) this.form.controls.themes.setValue([...list, theme]);
  }

  protected save(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.createProgram({
          name: v.name.trim(),
          countries: v.countries,
          themes: v.themes,
          budgetMinor: moneyInputToMinor(v.budgetMinor, v.currency) ?? v.budgetMinor,
          currency: v.currency,
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
        }),
      (created) => this.dialogRef.close(created),
    );
  }
}
