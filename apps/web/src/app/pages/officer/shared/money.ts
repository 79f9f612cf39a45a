import type { ValidatorFn } from '@angular/forms';
import {
  CURRENCY_EXPONENT,
  formatBasisPoints,
  formatDecimal,
  MoneyError,
  percentToBasisPoints,
  type CurrencyCode,
} from '@mizan/domain';

/*
 * Money on the officer's desk: entered as decimal text (read by core/ui/money-input,
 * the same for every desk), sent as a string of minor units, shown formatted for the locale. No float on the way: the
 * formatter is given the exact decimal string, which Intl formats digit for digit.
 */

/** "500000000" SEK minor → "SEK 5,000,000.00" (en-GB); the text itself when it is not minor units. */
export function formatMoney(
  amountMinor: string,
  currency: CurrencyCode,
  locale: string,
): string {
  if (!/^-?\d{1,18}$/.test(amountMinor)) return amountMinor;
  const decimal = formatDecimal(BigInt(amountMinor), currency);
  const exponent = CURRENCY_EXPONENT[currency];
  const defaults = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
  }).resolvedOptions();
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: Math.min(
      defaults.minimumFractionDigits ?? exponent,
      exponent,
    ),
    maximumFractionDigits: exponent,
  });
  // Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(decimal as unknown as number);
}

/** The decimal text an officer would type for an amount: "500000000" SEK → "5000000.00". */
export function minorToInput(amountMinor: string, currency: CurrencyCode): string {
  return /^\d{1,18}$/.test(amountMinor)
    ? formatDecimal(BigInt(amountMinor), currency)
    : '';
}

/** "7.5" → 750 basis points, or null when it is not a percentage with at most two decimals up to 100. */
export function percentToBp(text: string): number | null {
  try {
    return percentToBasisPoints(text);
  } catch (error) {
    if (error instanceof MoneyError) return null;
    throw error;
  }
}

/** 750 → "7.5", the text to put back in a percent field. */
export function bpToPercentInput(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** 750 → "7.5 %" formatted for the locale. */
export function formatPercent(bp: number, locale: string): string {
  if (!Number.isInteger(bp)) return formatBasisPoints(bp);
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(bp / 10_000);
}

export const percentValidator: ValidatorFn = (control) => {
  const text = String(control.value ?? '').trim();
  if (text === '') return null;
  return percentToBp(text) === null ? { percent: true } : null;
};
