import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CURRENCY_EXPONENT, type CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../i18n/catalog';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * A money input: decimal text in `currency` (validated by `moneyValidator` of
 * money-input.ts, turned into minor units with `moneyInputToMinor`), the
 * currency code beside it, and the same hint and errors everywhere.
 */
@Component({
  selector: 'mz-money-field',
  imports: [MatFormFieldModule, MatInputModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
      <mat-label>{{ labelKey() | t }}</mat-label>
      <input
        matInput
        inputmode="decimal"
        autocomplete="off"
        dir="ltr"
        [formControl]="control()"
        [required]="required()"
        [attr.data-testid]="testId()"
      />
      <span matTextSuffix class="currency">&nbsp;{{ currency() }}</span>
      @if (hintKey(); as hint) {
        <mat-hint>{{ hint | t }}</mat-hint>
      }
      @if (control().hasError('server')) {
        <mat-error>{{ control().getError('server') }}</mat-error>
      } @else if (control().hasError('required')) {
        <mat-error>{{ 'officer.form.required' | t }}</mat-error>
      } @else if (control().hasError('amount')) {
        <mat-error>{{
          'officer.form.amountInvalid' | t: { decimals: decimals() }
        }}</mat-error>
      } @else if (control().hasError('positive')) {
        <mat-error>{{ 'officer.form.amountPositive' | t }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    .currency {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MoneyFieldComponent {
  readonly control = input.required<FormControl<string>>();
  readonly currency = input.required<CurrencyCode>();
  readonly labelKey = input.required<TranslationKey>();
  readonly testId = input.required<string>();
  readonly hintKey = input<TranslationKey | null>('officer.form.amountHint');
  readonly required = input(true);

  protected decimals(): number {
    return CURRENCY_EXPONENT[this.currency()];
  }
}
