import { COMMA, ENTER } from '@angular/cdk/keycodes';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ReactiveFormsModule,
  type AbstractControl,
  type FormGroupDirective,
  type NgForm,
} from '@angular/forms';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatButtonModule } from '@angular/material/button';
import { Subscription, merge } from 'rxjs';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { CountryPipe } from '../../../core/i18n/country-names';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { hostlandCountryOptions } from '../shared/countries';
import {
  syncHolderExplanation,
  type IbanError,
  type OrganizationForm,
} from './organization-form';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';

/** Shows an error as soon as the field has been typed in, not only after leaving it. */
class LiveErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(
    control: AbstractControl | null,
    form: FormGroupDirective | NgForm | null,
  ): boolean {
    return !!(
      control?.invalid &&
      (control.dirty || control.touched || form?.submitted)
    );
  }
}

export const EXPERTISE_SUGGESTIONS = [
  'education',
  'health',
  'water',
  'livelihoods',
  'women',
  'youth',
  'agriculture',
  'civilSociety',
] as const;

/**
 * The organization's own data, for registering and for editing: legal name and
 * registration, hostland country, contact, bank account with a live IBAN check,
 * and the account holder (an explanation becomes required when it differs from
 * the legal name).
 */
@Component({
  selector: 'mz-organization-form',
  imports: [
    FieldErrorDirective,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    CountryPipe, TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organization-form.component.html',
  styleUrl: './organization-form.component.scss',
})
export class OrganizationFormComponent {
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  readonly form = input.required<OrganizationForm>();
  /** Prefix of the test ids and element ids, so two forms never clash. */
  readonly idPrefix = input('org');

  protected readonly separatorKeys = [ENTER, COMMA] as const;
  protected readonly liveErrors = new LiveErrorStateMatcher();
  protected readonly countries = computed(() =>
    hostlandCountryOptions(this.i18n.locale()),
  );
  protected readonly needsExplanation = signal(false);
  protected readonly ibanOk = signal(false);
  protected readonly suggestions = EXPERTISE_SUGGESTIONS;

  constructor() {
    let watching: Subscription | null = null;
    effect(() => {
      const form = this.form();
      watching?.unsubscribe();
      const c = form.controls;
      const update = () => {
        this.needsExplanation.set(syncHolderExplanation(form));
        this.ibanOk.set(c.iban.value.trim() !== '' && c.iban.valid);
      };
      update();
      watching = merge(
        c.legalName.valueChanges,
        c.accountHolder.valueChanges,
        c.iban.valueChanges,
        c.iban.statusChanges,
      )
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe(update);
    });
  }

  protected ibanProblem(): IbanError | null {
    return (
      (this.form().controls.iban.getError('iban') as IbanError | null) ?? null
    );
  }

  protected ibanKey(problem: IbanError): TranslationKey {
    return `applicant.org.iban.${problem.problem}`;
  }

  protected addExpertise(event: MatChipInputEvent): void {
    const value = event.value.trim();
    if (value) this.addTheme(value);
    event.chipInput.clear();
  }

  protected addTheme(value: string): void {
    const control = this.form().controls.thematicExpertise;
    if (control.value.includes(value)) return;
    control.setValue([...control.value, value]);
    control.markAsDirty();
  }

  protected removeExpertise(value: string): void {
    const control = this.form().controls.thematicExpertise;
    control.setValue(control.value.filter((v) => v !== value));
    control.markAsDirty();
  }

  protected suggestionText(
    key: (typeof EXPERTISE_SUGGESTIONS)[number],
  ): string {
    return this.i18n.t(`applicant.org.theme.${key}`);
  }

  protected unusedSuggestions(): string[] {
    const used = this.form().controls.thematicExpertise.value;
    return this.suggestions
      .map((s) => this.suggestionText(s))
      .filter((s) => !used.includes(s));
  }
}
