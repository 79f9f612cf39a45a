import { CURRENCY_EXPONENT, type CurrencyCode } from '@mizan/domain';

/*
 * Exchange rates in the finance forms: exact decimal text (never a float), as the
 * api takes them (`1 base = rate quote`, at most 12 decimals, at most 16 integer
 * digits, more than zero). The conversion here only proposes the amount sent in
 * the form (the api books the real one); same rule as the domain's convertMinor:
 * round half to even, in bigint arithmetic.
 */

export interface ParsedRate {
  units: bigint;
  scale: number;
}

const RATE = /^(\d{1,16})(?:\.(\d{1,12}))?$/;

/** "10.9525" → { units: 109525n, scale: 4 }, or null when it is not a rate the api takes. */
export function parseRateText(text: string): ParsedRate | null {
  const match = RATE.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  const units = BigInt(match[1] + fraction);
  if (units === 0n) return null;
  return { units, scale: fraction.length };
}

/** Divides with round-half-even; `denominator` > 0. */
function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const r = n % denominator;
  if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** amount (minor units of `from`) × rate, in minor units of `to`, half-even. */
export function convertWithRate(
  amountMinor: bigint,
  from: CurrencyCode,
  to: CurrencyCode,
  rate: ParsedRate,
): bigint {
  const shift = CURRENCY_EXPONENT[to] - CURRENCY_EXPONENT[from];
  let numerator = amountMinor * rate.units;
  let denominator = 10n ** BigInt(rate.scale);
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return divideHalfEven(numerator, denominator);
}
