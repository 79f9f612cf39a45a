import { CURRENCIES, CurrencyCode } from '../money/money';
import { DEFAULT_RED_FLAG_SETTINGS, RedFlagSettings } from './red-flags';

/**
 * An agency's red-flag settings are stored as overrides of DEFAULT_RED_FLAG_SETTINGS (reporting_settings.red_flags,
 * JSON): only what the agency changed, bigint thresholds as decimal strings of minor units, per currency. Reading
 * merges them over the defaults; writing validates every key against its bounds and refuses unknown keys.
 */

type NumberKey = Exclude<keyof RedFlagSettings, 'cashThresholdMinor' | 'procurementThresholdMinor'>;
type MoneyKey = 'cashThresholdMinor' | 'procurementThresholdMinor';

/** Bounds (inclusive) of each numeric setting; `integer` when only whole numbers make sense. */
export const RED_FLAG_SETTING_BOUNDS: Readonly<Record<NumberKey, { min: number; max: number; integer: boolean }>> = {
  splitWindowDays: { min: 1, max: 90, integer: true },
  budgetToleranceBp: { min: 0, max: 10_000, integer: true },
  roundShareThresholdBp: { min: 1, max: 10_000, integer: true },
  roundMinLines: { min: 1, max: 100_000, integer: true },
  roundUnitMajor: { min: 1, max: 1_000_000, integer: true },
  benfordMinLines: { min: 50, max: 1_000_000, integer: true },
  benfordMadThreshold: { min: 0.001, max: 0.1, integer: false },
  fxDeviationBp: { min: 1, max: 10_000, integer: true },
  evidenceDateGapDays: { min: 1, max: 3650, integer: true },
  locationMarginKm: { min: 0, max: 1000, integer: true },
  monitoringOverdueHighDays: { min: 0, max: 3650, integer: true },
};

/** Money thresholds: 1 minor unit up to 10^15 (a million million major units of the smallest currency is absurd already). */
export const RED_FLAG_MONEY_MAX = 1_000_000_000_000_000n;

export const MONEY_SETTING_KEYS: readonly MoneyKey[] = ['cashThresholdMinor', 'procurementThresholdMinor'];
export const NUMBER_SETTING_KEYS = Object.keys(RED_FLAG_SETTING_BOUNDS) as NumberKey[];
export const RED_FLAG_SETTING_KEYS: readonly (keyof RedFlagSettings)[] = [...MONEY_SETTING_KEYS, ...NUMBER_SETTING_KEYS];

/** The JSON form (as stored and on the wire): money thresholds per currency as decimal strings. */
export type RedFlagOverrides = Partial<Record<NumberKey, number>> & Partial<Record<MoneyKey, Partial<Record<CurrencyCode, string>>>>;
export type RedFlagSettingsJson = Record<NumberKey, number> & Record<MoneyKey, Record<CurrencyCode, string>>;

export interface RedFlagSettingProblem {
  /** The path of the bad value, e.g. "splitWindowDays" or "cashThresholdMinor.USD". */
  field: string;
  code: 'UNKNOWN' | 'NOT_A_NUMBER' | 'NOT_AN_INTEGER' | 'OUT_OF_RANGE' | 'NOT_AN_OBJECT';
  min?: string;
  max?: string;
}

export type ParsedRedFlagOverrides = { ok: true; overrides: RedFlagOverrides } | { ok: false; problems: RedFlagSettingProblem[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates overrides (a PUT body or the stored JSON): known keys only, numbers within bounds, money as digit strings. */
export function parseRedFlagOverrides(raw: unknown): ParsedRedFlagOverrides {
  if (!isObject(raw)) return { ok: false, problems: [{ field: '', code: 'NOT_AN_OBJECT' }] };
  const problems: RedFlagSettingProblem[] = [];
  const overrides: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((MONEY_SETTING_KEYS as readonly string[]).includes(key)) {
      if (!isObject(value)) {
        problems.push({ field: key, code: 'NOT_AN_OBJECT' });
        continue;
      }
      const perCurrency: Record<string, string> = {};
      for (const [currency, amount] of Object.entries(value)) {
        const field = `${key}.${currency}`;
        if (!(CURRENCIES as readonly string[]).includes(currency)) problems.push({ field, code: 'UNKNOWN' });
        else if ((typeof amount !== 'string' && typeof amount !== 'number') || !/^\d{1,19}$/.test(String(amount))) problems.push({ field, code: 'NOT_AN_INTEGER' });
        else {
          const minor = BigInt(String(amount));
          if (minor < 1n || minor > RED_FLAG_MONEY_MAX) problems.push({ field, code: 'OUT_OF_RANGE', min: '1', max: RED_FLAG_MONEY_MAX.toString() });
          else perCurrency[currency] = minor.toString();
        }
      }
      overrides[key] = perCurrency;
    } else if (Object.hasOwn(RED_FLAG_SETTING_BOUNDS, key)) {
      const bounds = RED_FLAG_SETTING_BOUNDS[key as NumberKey];
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ field: key, code: 'NOT_A_NUMBER' });
      else if (bounds.integer && !Number.isInteger(value)) problems.push({ field: key, code: 'NOT_AN_INTEGER' });
      else if (value < bounds.min || value > bounds.max) problems.push({ field: key, code: 'OUT_OF_RANGE', min: String(bounds.min), max: String(bounds.max) });
      else overrides[key] = value;
    } else problems.push({ field: key, code: 'UNKNOWN' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, overrides: overrides as RedFlagOverrides };
}

/** The effective settings: the overrides that parse, over the defaults (a stored value that no longer parses is ignored, key by key). */
export function mergeRedFlagSettings(stored: unknown): RedFlagSettings {
  const merged: RedFlagSettings = {
    ...DEFAULT_RED_FLAG_SETTINGS,
    cashThresholdMinor: { ...DEFAULT_RED_FLAG_SETTINGS.cashThresholdMinor },
    procurementThresholdMinor: { ...DEFAULT_RED_FLAG_SETTINGS.procurementThresholdMinor },
  };
  if (!isObject(stored)) return merged;
  for (const [key, value] of Object.entries(stored)) {
    const parsed = parseRedFlagOverrides({ [key]: value });
    if (parsed.ok) apply(merged, parsed.overrides);
    else if ((MONEY_SETTING_KEYS as readonly string[]).includes(key) && isObject(value)) {
      for (const [currency, amount] of Object.entries(value)) {
        const one = parseRedFlagOverrides({ [key]: { [currency]: amount } });
        if (one.ok) apply(merged, one.overrides);
      }
    }
  }
  return merged;
}

function apply(target: RedFlagSettings, overrides: RedFlagOverrides): void {
  const t = target as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if ((MONEY_SETTING_KEYS as readonly string[]).includes(key)) {
      const map = t[key] as Record<string, bigint>;
      for (const [currency, amount] of Object.entries(value as Record<string, string>)) map[currency] = BigInt(amount);
    } else t[key] = value;
  }
}

/** Settings as JSON (money as decimal strings): what the api returns. */
export function redFlagSettingsToJson(settings: RedFlagSettings): RedFlagSettingsJson {
  const money = (m: Readonly<Record<CurrencyCode, bigint>>) => Object.fromEntries(CURRENCIES.map((c) => [c, m[c].toString()])) as Record<CurrencyCode, string>;
  const numbers = Object.fromEntries(NUMBER_SETTING_KEYS.map((k) => [k, settings[k]])) as Record<NumberKey, number>;
  return { ...numbers, cashThresholdMinor: money(settings.cashThresholdMinor), procurementThresholdMinor: money(settings.procurementThresholdMinor) };
}

/**
 * The overrides that give `settings`: only values that differ from the default. Storing these (not the full
 * settings) lets a later change of a default reach agencies that never touched it.
 */
export function redFlagOverridesOf(settings: RedFlagSettings): RedFlagOverrides {
  const out: Record<string, unknown> = {};
  for (const key of NUMBER_SETTING_KEYS) if (settings[key] !== DEFAULT_RED_FLAG_SETTINGS[key]) out[key] = settings[key];
  for (const key of MONEY_SETTING_KEYS) {
    const diff: Record<string, string> = {};
    for (const c of CURRENCIES) if (settings[key][c] !== DEFAULT_RED_FLAG_SETTINGS[key][c]) diff[c] = settings[key][c].toString();
    if (Object.keys(diff).length) out[key] = diff;
  }
  return out as RedFlagOverrides;
}
