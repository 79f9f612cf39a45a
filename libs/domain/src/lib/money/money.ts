/**
 * Money as integer minor units (bigint) with its ISO 4217 currency. No
 * floating point anywhere: amounts cross the wire as decimal strings of minor
 * units ("1250000" SEK minor = 12,500.00 SEK).
 */
export const CURRENCY_EXPONENT = { SEK: 2, EUR: 2, GBP: 2, USD: 2, IQD: 3 } as const;
export type CurrencyCode = keyof typeof CURRENCY_EXPONENT;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENT) as CurrencyCode[];

export interface Money {
  amountMinor: bigint;
  currency: CurrencyCode;
}

export class MoneyError extends Error {}

export function isCurrency(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.hasOwn(CURRENCY_EXPONENT, value);
}

/** "1234" → 1234n; refuses anything but an optional minus and digits. */
export function parseMinor(text: string): bigint {
  if (!/^-?\d{1,18}$/.test(text)) throw new MoneyError(`"${text}" is not a whole number of minor units`);
  return BigInt(text);
}

/** "12500.5" in SEK → 1250050n; refuses more decimals than the currency has. */
export function parseDecimal(text: string, currency: CurrencyCode): bigint {
  const exponent = CURRENCY_EXPONENT[currency];
  const match = /^(-)?(\d{1,15})(?:\.(\d+))?$/.exec(text.trim().replace(/[\s\u00a0,](?=\d{3}\b)/g, ''));
  if (!match) throw new MoneyError(`"${text}" is not an amount`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) throw new MoneyError(`${currency} has ${exponent} decimals; "${text}" has ${fraction.length}`);
  const minor = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  return sign ? -minor : minor;
}

/** 1250050n SEK → "12500.50" (no grouping; the UI formats for the locale). */
export function formatDecimal(amountMinor: bigint, currency: CurrencyCode): string {
  const exponent = CURRENCY_EXPONENT[currency];
  const negative = amountMinor < 0n;
  const abs = negative ? -amountMinor : amountMinor;
  const digits = abs.toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent ? `.${fraction}` : ''}`;
}

export function sumMinor(amounts: readonly bigint[]): bigint {
  return amounts.reduce((total, a) => total + a, 0n);
}

/** part / whole in basis points (1 % = 100 bp), rounded down; 0 when whole is 0. */
export function shareBasisPoints(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 10_000n) / whole);
}

/** "7.5" (%) → 750 bp, exact. */
export function percentToBasisPoints(text: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new MoneyError(`"${text}" is not a percentage with at most two decimals`);
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (bp > 10_000) throw new MoneyError(`"${text}" is more than 100 %`);
  return bp;
}

export function formatBasisPoints(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole} %` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')} %`;
}
