import { CURRENCY_EXPONENT, CurrencyCode, MoneyError } from '../money/money';
import { addDaysIso, daysBetweenIso, isIsoDate } from './problem';

/**
 * Exchange rates as exact decimals (docs/DESIGN.md, "Money"). A rate r means
 * 1 base = r quote. It is kept as an integer and a scale (10.92 = 1092 / 10^2)
 * so conversion is bigint arithmetic: a JS float cannot hold 10.92 exactly, and
 * a grant paid in many tranches must add up to the minor unit.
 */
export interface Rate {
  /** The canonical decimal text: no leading or trailing zeros ("10.92", "1300", "0.000769230769"). */
  text: string;
  units: bigint;
  scale: number;
}

/** The database column is numeric(28,12): 16 integer digits, 12 decimals. */
export const RATE_MAX_DECIMALS = 12;
export const RATE_MAX_INTEGER_DIGITS = 16;
/** A payment's rate is the latest published on or before its value date, at most this old. */
export const RATE_MAX_AGE_DAYS = 7;

export const RATE_PROBLEMS = ['RATE_NOT_A_NUMBER', 'RATE_ZERO', 'RATE_NEGATIVE', 'RATE_TOO_MANY_DECIMALS', 'RATE_TOO_MANY_DIGITS'] as const;
export type RateProblemCode = (typeof RATE_PROBLEMS)[number];

export const ECB_CSV_PROBLEMS = ['ECB_CSV_EMPTY', 'ECB_CSV_BAD_HEADER', 'ECB_CSV_BAD_DATE', 'ECB_CSV_BAD_RATE', 'ECB_CSV_TOO_MANY_CELLS', 'ECB_CSV_DUPLICATE_DATE'] as const;
export type EcbCsvProblemCode = (typeof ECB_CSV_PROBLEMS)[number];

/**
 * A rate or rate file the finance team cannot use. It is a MoneyError (so
 * existing handlers treat it as bad money input) with a code and params the
 * server turns into a 400 and the web translates.
 */
export class FxError extends MoneyError {
  constructor(
    readonly code: RateProblemCode | EcbCsvProblemCode,
    readonly params: Readonly<Record<string, string | number>>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'FxError';
  }
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** n / d rounded half to even (banker's rounding); d must be positive. Symmetric for negative n. */
export function divRoundHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new MoneyError('divisor must be positive');
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  const twiceRemainder = (abs % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** Builds the canonical rate from units / 10^scale, dropping trailing zeros, and checks its bounds. */
function makeRate(units: bigint, scale: number): Rate {
  let u = units;
  let s = scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s -= 1;
  }
  if (u === 0n) throw new FxError('RATE_ZERO', { rate: '0' });
  if (u < 0n) throw new FxError('RATE_NEGATIVE', { rate: formatUnits(u, s) });
  const text = formatUnits(u, s);
  if (s > RATE_MAX_DECIMALS) throw new FxError('RATE_TOO_MANY_DECIMALS', { rate: text, maxDecimals: RATE_MAX_DECIMALS });
  const integerDigits = (u / pow10(s)).toString().length;
  if (integerDigits > RATE_MAX_INTEGER_DIGITS) throw new FxError('RATE_TOO_MANY_DIGITS', { rate: text, maxDigits: RATE_MAX_INTEGER_DIGITS });
  return { text, units: u, scale: s };
}

function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * "10.92" → { units: 1092n, scale: 2 }. Refuses what is not a plain decimal
 * (no exponent, no grouping, no comma: a comma is a thousands separator in one
 * locale and a decimal mark in another), zero, negatives, more than 12
 * decimals and more than 16 integer digits. "10.920000000000" from the
 * database parses to the same rate as "10.92".
 */
export function parseRate(text: string): Rate {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  // The length cap keeps BigInt away from megabytes of digits; a real rate has at most 29 characters (+ zeros).
  const match = trimmed.length <= 100 ? /^(-)?(\d+)(?:\.(\d+))?$/.exec(trimmed) : null;
  if (!match) throw new FxError('RATE_NOT_A_NUMBER', { rate: String(text).slice(0, 40) });
  const [, sign, whole, fraction = ''] = match;
  // Leading and trailing zeros are not precision: strip them before counting digits.
  const significantWhole = whole.replace(/^0+/, '');
  const significantFraction = fraction.replace(/0+$/, '');
  const shown = trimmed.slice(0, 40);
  if (BigInt(whole + significantFraction) === 0n) throw new FxError('RATE_ZERO', { rate: shown });
  if (sign === '-') throw new FxError('RATE_NEGATIVE', { rate: shown });
  if (significantWhole.length > RATE_MAX_INTEGER_DIGITS) throw new FxError('RATE_TOO_MANY_DIGITS', { rate: shown, maxDigits: RATE_MAX_INTEGER_DIGITS });
  if (significantFraction.length > RATE_MAX_DECIMALS) throw new FxError('RATE_TOO_MANY_DECIMALS', { rate: shown, maxDecimals: RATE_MAX_DECIMALS });
  const units = BigInt(whole + significantFraction);
  return makeRate(units, significantFraction.length);
}

/** The canonical decimal text of a rate ("10.92"). */
export function formatRate(rate: Rate): string {
  return formatUnits(rate.units, rate.scale);
}

/** True when two rates are the same number, whatever their text. */
export function ratesEqual(a: Rate, b: Rate): boolean {
  return a.units * pow10(b.scale) === b.units * pow10(a.scale);
}

/**
 * Converts minor units of `from` into minor units of `to` at `rate` (1 from =
 * rate to): round(amount × r × 10^(exp(to) − exp(from))), half to even, exact.
 * Half-even so that many conversions do not drift one way (SEK 2 decimals,
 * IQD 3 decimals).
 */
export function convertMinor(amountMinor: bigint, from: CurrencyCode, to: CurrencyCode, rate: Rate): bigint {
  const expFrom = CURRENCY_EXPONENT[from];
  const expTo = CURRENCY_EXPONENT[to];
  return divRoundHalfEven(amountMinor * rate.units * pow10(expTo), pow10(rate.scale + expFrom));
}

/**
 * Converts minor units of `from` into minor units of `to` at a rate quoted the
 * other way round (1 to = rate from), without rounding the inverse first:
 * round(amount ÷ r × 10^(exp(to) − exp(from))), half to even, exact. An IQD
 * amount at the rate a SEK tranche was received at (1 SEK = 125 IQD) is
 * convertMinorInverse(iqd, 'IQD', 'SEK', 125).
 */
export function convertMinorInverse(amountMinor: bigint, from: CurrencyCode, to: CurrencyCode, rate: Rate): bigint {
  const expFrom = CURRENCY_EXPONENT[from];
  const expTo = CURRENCY_EXPONENT[to];
  return divRoundHalfEven(amountMinor * pow10(rate.scale + expTo), rate.units * pow10(expFrom));
}

/**
 * The rate from → to from two rates the ECB publishes (EUR → from, EUR → to):
 * (EUR→to) / (EUR→from), to 12 decimals half-even. Throws RATE_ZERO when the
 * true rate is below 0.0000000000005 (it would round to nothing).
 */
export function crossRate(eurToFrom: Rate, eurToTo: Rate): Rate {
  const numerator = eurToTo.units * pow10(eurToFrom.scale + RATE_MAX_DECIMALS);
  const denominator = eurToFrom.units * pow10(eurToTo.scale);
  return makeRate(divRoundHalfEven(numerator, denominator), RATE_MAX_DECIMALS);
}

/** 1 / rate, to 12 decimals half-even (USD→IQD 1300 gives IQD→USD 0.000769230769). */
export function invertRate(rate: Rate): Rate {
  return makeRate(divRoundHalfEven(pow10(rate.scale + RATE_MAX_DECIMALS), rate.units), RATE_MAX_DECIMALS);
}

export interface EcbRate {
  /** ISO date (YYYY-MM-DD) of the ECB reference rate. */
  date: string;
  /** The quote currency: 1 EUR = rate quote. Any ISO code the ECB publishes, not only ours. */
  quote: CurrencyCode | string;
  /** The canonical decimal text (parseRate(rate).text). */
  rate: string;
}

function splitCells(line: string): string[] {
  const cells = line.split(',').map((c) => c.trim());
  // The ECB ends every line with a comma.
  if (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/**
 * Parses the ECB's eurofxref-hist.csv: a header `Date,USD,JPY,...` and one row
 * per business day, one column per currency (units per 1 EUR), "N/A" (or an
 * empty cell) where the currency was not quoted that day — those are skipped,
 * never read as zero. Errors name the row (1-based line of the file) and the
 * column (its currency) so finance can find the cell.
 */
export function parseEcbCsv(text: string): EcbRate[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new FxError('ECB_CSV_EMPTY', {});
  const header = splitCells(lines[headerIndex]);
  if (header[0] !== 'Date' || header.length < 2) throw new FxError('ECB_CSV_BAD_HEADER', { row: headerIndex + 1, column: header[0] ?? '' });
  const quotes = header.slice(1);
  quotes.forEach((q, i) => {
    if (!/^[A-Z]{3}$/.test(q)) throw new FxError('ECB_CSV_BAD_HEADER', { row: headerIndex + 1, column: i + 2, value: q.slice(0, 20) });
  });
  const result: EcbRate[] = [];
  const seenDates = new Set<string>();
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const row = i + 1;
    const cells = splitCells(lines[i]);
    const date = cells[0];
    if (!isIsoDate(date)) throw new FxError('ECB_CSV_BAD_DATE', { row, column: 'Date', value: date.slice(0, 20) });
    if (seenDates.has(date)) throw new FxError('ECB_CSV_DUPLICATE_DATE', { row, column: 'Date', value: date });
    seenDates.add(date);
    if (cells.length - 1 > quotes.length) throw new FxError('ECB_CSV_TOO_MANY_CELLS', { row, cells: cells.length, columns: header.length });
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === '' || cell === 'N/A') continue;
      let rate: Rate;
      try {
        rate = parseRate(cell);
      } catch (e) {
        const problem = e instanceof FxError ? e.code : 'RATE_NOT_A_NUMBER';
        throw new FxError('ECB_CSV_BAD_RATE', { row, column: quotes[c - 1], value: cell.slice(0, 40), problem });
      }
      result.push({ date, quote: quotes[c - 1], rate: rate.text });
    }
  }
  return result;
}

export interface DatedRate {
  date: string;
  rate: Rate;
}

export type RateLookup =
  | { ok: true; date: string; rate: Rate; ageDays: number }
  | { ok: false; code: 'RATE_NOT_FOUND' | 'RATE_TOO_OLD'; params: { valueDate: string; latestDate: string | null; maxAgeDays: number } };

/**
 * The rate for a value date: the latest published on or before it, at most
 * `maxAgeDays` old (weekends and holidays have no row; a rate older than a
 * week means the import stopped, and finance must record the bank's rate).
 * `ageDays` > 0 tells the UI to say which day's rate it used.
 */
export function rateForValueDate(rates: readonly DatedRate[], valueDate: string, maxAgeDays = RATE_MAX_AGE_DAYS): RateLookup {
  let best: DatedRate | null = null;
  for (const r of rates) {
    if (r.date <= valueDate && (best === null || r.date > best.date)) best = r;
  }
  if (best === null) return { ok: false, code: 'RATE_NOT_FOUND', params: { valueDate, latestDate: null, maxAgeDays } };
  const ageDays = daysBetweenIso(best.date, valueDate);
  if (best.date < addDaysIso(valueDate, -maxAgeDays)) return { ok: false, code: 'RATE_TOO_OLD', params: { valueDate, latestDate: best.date, maxAgeDays } };
  return { ok: true, date: best.date, rate: best.rate, ageDays };
}
