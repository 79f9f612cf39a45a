import {
  CURRENCY_EXPONENT,
  MoneyError,
  formatBasisPoints,
  formatDecimal,
  parseDecimal,
  type CurrencyCode,
} from '@mizan/domain';

/**
 * Money in the browser: amounts travel and are summed as minor units (bigint or
 * strings of digits); people see them formatted for their locale and type them
 * as decimal text. No float is ever made from an amount.
 */

const ARABIC_INDIC = /[\u0660-\u0669]/g;
const EXTENDED_ARABIC_INDIC = /[\u06f0-\u06f9]/g;

/** Western digits for Arabic-Indic ones, "." for the Arabic decimal separator, no Arabic thousands separator. */
export function normalizeDigits(text: string): string {
  return text
    .replace(ARABIC_INDIC, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(EXTENDED_ARABIC_INDIC, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, '');
}

export type AmountParse =
  | { ok: true; minor: bigint }
  | { ok: false; problem: 'empty' | 'invalid' | 'decimals' | 'negative' };

/**
 * What the user typed in an amount field → minor units of `currency`.
 * Accepts "12500", "12 500.50", "12,500.5", "12500,50" (decimal comma) and Arabic-Indic digits.
 */
export function parseAmount(raw: string, currency: CurrencyCode): AmountParse {
  let text = normalizeDigits(raw).trim();
  if (text === '') return { ok: false, problem: 'empty' };
  // A single comma followed by fewer (or more) than three digits is a decimal comma, as Swedes write it.
  const decimalComma = /^(\d[\d\s\u00a0]*),(\d+)$/.exec(text);
  if (decimalComma && decimalComma[2].length !== 3 && !text.includes('.')) {
    text = `${decimalComma[1]}.${decimalComma[2]}`;
  }
  try {
    const minor = parseDecimal(text, currency);
    if (minor < 0n) return { ok: false, problem: 'negative' };
    return { ok: true, minor };
  } catch (error) {
    if (error instanceof MoneyError && /decimals/.test(error.message)) {
      return { ok: false, problem: 'decimals' };
    }
    return { ok: false, problem: 'invalid' };
  }
}

/** Minor units → the text put back in an input: "12500.50", or "12500" when there are no cents. */
export function minorToInput(
  minor: string | bigint,
  currency: CurrencyCode,
): string {
  const value = typeof minor === 'bigint' ? minor : toBigInt(minor);
  return formatDecimal(value, currency).replace(/\.0+$/, '');
}

/** A string of minor units as bigint; anything else counts as 0. */
export function toBigInt(minor: string): bigint {
  return /^-?\d{1,18}$/.test(minor) ? BigInt(minor) : 0n;
}

type DecimalFormat = (value: string) => string;

/**
 * "1250050" SEK in sv-SE → "12 500,50 kr". The decimal text goes to Intl as a
 * string, which formats it exactly (no conversion to a binary float).
 */
export function formatMoney(
  minor: string | bigint,
  currency: CurrencyCode,
  locale: string,
): string {
  const value = typeof minor === 'bigint' ? minor : toBigInt(minor);
  const exponent = CURRENCY_EXPONENT[currency];
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format as unknown as DecimalFormat;
  return format(formatDecimal(value, currency));
}

/** Basis points → "7 %", "12.5 %" in the locale's digits and percent sign. */
export function formatShare(bp: number, locale: string): string {
  if (!Number.isFinite(bp)) return formatBasisPoints(0);
  const percent = `${Math.trunc(bp / 100)}.${String(Math.abs(bp % 100)).padStart(2, '0')}`;
  const format = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format as unknown as DecimalFormat;
  // Intl's percent style multiplies by 100: hand it the fraction as exact decimal text.
  return format(shiftDecimal(percent, -2));
}

/** "12.50" shifted by -2 → "0.1250", exactly, on the text. */
function shiftDecimal(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = whole + fraction;
  let point = whole.length + places;
  let padded = digits;
  if (point <= 0) {
    padded = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  const result = `${padded.slice(0, point)}.${padded.slice(point) || '0'}`;
  return `${negative ? '-' : ''}${result}`;
}

/** part / whole in basis points, for bigint amounts; 0 when whole is 0. */
export function shareBp(part: bigint, whole: bigint): number {
  return whole <= 0n ? 0 : Number((part * 10_000n) / whole);
}
