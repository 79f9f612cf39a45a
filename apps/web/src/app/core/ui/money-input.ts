import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { CURRENCY_EXPONENT, type CurrencyCode } from '@mizan/domain';
import { parseAmount } from '../../pages/applicant/shared/money';

/*
 * Money typed by anyone, in any of our languages: "12 500,50", "12,500.50" and
 * Arabic-Indic digits ("١٢٥٠٠٫٥") read exactly into minor units (no float).
 * Pair with <mz-money-field>, whose errors these are.
 */

/** Typed text → a string of minor units, or null when it is not an amount in `currency`. */
export function moneyInputToMinor(text: string, currency: CurrencyCode): string | null {
  const parsed = parseAmount(text, currency);
  return parsed.ok ? parsed.minor.toString() : null;
}

/** `{ amount: { decimals } }` for text that is not an amount, `{ positive: true }` for zero. */
export function moneyValidator(currency: () => CurrencyCode): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (text === '') return null;
    const minor = moneyInputToMinor(text, currency());
    if (minor === null) return { amount: { decimals: CURRENCY_EXPONENT[currency()] } };
    return minor === '0' ? { positive: true } : null;
  };
}
