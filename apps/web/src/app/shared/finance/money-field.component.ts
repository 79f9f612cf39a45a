import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CURRENCY_EXPONENT, type CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../../core/i18n/dictionaries/en';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * A money input: decimal text in the given currency (validate it with
 * `amountValidator` from pages/officer/shared/money, convert with `inputToMinor`),
 * the currency code as suffix, left-to-right digits also in Arabic, and the
 * errors (wrong decimals, zero, the api's own message) in words.
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
        type="text"
        inputmode="decimal"
        dir="ltr"
        autocomplete="off"
        [formControl]="control()"
        [required]="required()"
        [attr.data-testid]="testId()"
      />
      <span matTextSuffix>&nbsp;{{ currency() }}</span>
      @if (control().hasError('server')) {
        <mat-error>{{ control().getError('server') }}</mat-error>
      } @else if (control().hasError('required')) {
        <mat-error>{{ 'fin.money.required' | t }}</mat-error>
      } @else if (control().hasError('positive')) {
        <mat-error>{{ 'fin.money.positive' | t }}</mat-error>
      } @else if (control().invalid) {
        <mat-error>{{
          'fin.money.invalid' | t: { decimals: decimals(), currency: currency() }
        }}</mat-error>
      }
    </mat-form-field>
  `,
})
export class MoneyFieldComponent {
  readonly control = input.required<FormControl<string>>();
  readonly currency = input.required<CurrencyCode>();
  readonly labelKey = input.required<TranslationKey>();
  readonly testId = input.required<string>();
  readonly required = input(true);
  protected decimals(): number {
    return CURRENCY_EXPONENT[this.currency()];
  }
}
