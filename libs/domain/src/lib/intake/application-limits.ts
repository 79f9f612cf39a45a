import { type CurrencyCode, formatDecimal } from '../money/money';

/**
 * Every limit of an application's content, in one place: the api's request
 * validation and the web editor's form validators both read these, so the
 * browser never lets through what the server refuses (nor the reverse).
 * Generous for real proposals, small enough that one autosave stays well under
 * the 1 MB request limit and one version row stays readable.
 */
export const APPLICATION_LIMITS = {
  /** Ids of list items (outcomes, budget lines…), chosen by the client. */
  idLength: 100,
  /** Titles, names, indicator baselines and targets, a co-funding source. */
  shortText: 300,
  /** An indicator's unit. */
  unitText: 100,
  /** Descriptions, means of verification, mitigations. */
  mediumText: 2_000,
  /** The summary and the monitoring plan. */
  longText: 20_000,
  /** A project runs at most ten years. */
  durationMonths: 120,
  yearMin: 2000,
  yearMax: 2100,
  partners: 20,
  outcomes: 20,
  outputsPerOutcome: 30,
  indicatorsPerOutput: 30,
  activities: 100,
  governoratesPerActivity: 18,
  budgetLines: 500,
  cofundingSources: 50,
  risks: 50,
} as const;

/**
 * The largest amount of one budget line or co-funding source, in minor units:
 * 15 digits, so 500 lines still sum far inside 2^63 (and inside what
 * `budgetTotals` reads). In SEK that is 9,999,999,999,999.99.
 */
export const LINE_AMOUNT_MAX_MINOR = 999_999_999_999_999n;

/** The same limit as decimal text of the currency, for messages: "9999999999999.99" SEK. */
export function lineAmountMaxDecimal(currency: CurrencyCode): string {
  return formatDecimal(LINE_AMOUNT_MAX_MINOR, currency);
}

export type LineAmountProblem = 'negative' | 'too_large';

/** Why `minor` cannot be the amount of a budget line or co-funding source, or null when it can. */
export function lineAmountProblem(minor: bigint): LineAmountProblem | null {
  if (minor < 0n) return 'negative';
  if (minor > LINE_AMOUNT_MAX_MINOR) return 'too_large';
  return null;
}

/** True for a line amount as it travels: digits only, within LINE_AMOUNT_MAX_MINOR. */
export function isLineAmountMinor(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,15}$/.test(value) && lineAmountProblem(BigInt(value)) === null;
}

