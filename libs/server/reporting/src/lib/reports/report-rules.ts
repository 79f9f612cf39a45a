import type { BudgetVsActualRow, ExpenditureLineInput, PaymentMethod, RateSource, ReportState, ExpenditureLineState } from '@mizan/contracts';
import { CurrencyCode, FxError, Rate, convertMinor, findUnstorableCharacter, isCurrency, isIsoDate, parseRate } from '@mizan/domain';

/** Bounds of a line's text (the global text safety refuses unstorable characters and direction controls on top). */
export const SUPPLIER_MAX = 200;
export const DESCRIPTION_MAX = 1000;
export const RATE_NOTE_MAX = 300;
export const ACTIVITIES_MAX = 20_000;
export const INDICATOR_ACTUAL_MAX = 40;
export const INDICATOR_COMMENT_MAX = 2000;
/** Money in minor units as JavaScript can still add it exactly (same bound as IsMinorUnits). */
export const AMOUNT_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** One problem of a line's input, naming the field (of ExpenditureLineInput) and a stable code. */
export interface LineProblem {
  field: keyof ExpenditureLineInput;
  code: string;
  message: string;
  params?: Record<string, string>;
}

/** What checking a line needs to know about its grant. */
export interface LineContext {
  grantCurrency: CurrencyCode;
  budgetLineIds: ReadonlySet<string>;
  allowedCurrencies: readonly CurrencyCode[];
  /** The latest date that is today somewhere (`latestTodayIso`): a line cannot be dated after it. */
  today: string;
}

/** A line whose fields passed every check, with its rate still to be decided (given, or to be looked up). */
export interface CheckedLine {
  spentOn: string;
  budgetLineId: string;
  supplier: string;
  description: string;
  amountMinor: bigint;
  currency: CurrencyCode;
  paymentMethod: PaymentMethod;
  /** The typed rate, when one was given for a foreign currency. */
  rate: Rate | null;
  rateSource: Exclude<RateSource, 'same_currency'> | null;
  rateNote: string | null;
}

const RATE_SOURCES: readonly string[] = ['tranche', 'reference', 'bank', 'other'];

function textProblem(field: LineProblem['field'], value: unknown, max: number, required: boolean): LineProblem | null {
  if (typeof value !== 'string') return required || value !== undefined ? { field, code: 'REQUIRED', message: `${field} is required` } : null;
  const trimmed = value.trim();
  if (required && trimmed === '') return { field, code: 'REQUIRED', message: `${field} is required` };
  if (trimmed.length > max) return { field, code: 'TOO_LONG', message: `${field}: at most ${max} characters`, params: { max: String(max) } };
  const bad = findUnstorableCharacter(trimmed);
  if (bad) return { field, code: 'INVALID_CHARACTER', message: `${field} contains a character that cannot be stored` };
  return null;
}

/**
 * Checks one line's fields against the grant (budget, currencies, dates).
 * Returns the problems (all of them, each naming its field) or the checked line.
 */
export function checkLine(input: Partial<Record<keyof ExpenditureLineInput, unknown>>, ctx: LineContext): { ok: true; line: CheckedLine } | { ok: false; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const push = (p: LineProblem | null): void => {
    if (p) problems.push(p);
  };
  // Date
  const spentOn = input.spentOn;
  if (typeof spentOn !== 'string' || !isIsoDate(spentOn)) push({ field: 'spentOn', code: 'DATE_INVALID', message: 'spentOn must be a calendar date like 2026-03-31' });
  else if (spentOn > ctx.today) push({ field: 'spentOn', code: 'DATE_IN_FUTURE', message: `spentOn ${spentOn} is in the future`, params: { spentOn } });
  // Budget line
  const budgetLineId = typeof input.budgetLineId === 'string' ? input.budgetLineId.trim() : '';
  if (!budgetLineId) push({ field: 'budgetLineId', code: 'REQUIRED', message: 'budgetLineId is required' });
  else if (!ctx.budgetLineIds.has(budgetLineId))
    push({ field: 'budgetLineId', code: 'BUDGET_LINE_UNKNOWN', message: `budget line ${budgetLineId.slice(0, 60)} is not in the grant's budget`, params: { budgetLineId: budgetLineId.slice(0, 60) } });
  push(textProblem('supplier', input.supplier, SUPPLIER_MAX, true));
  push(textProblem('description', input.description ?? '', DESCRIPTION_MAX, false));
  // Amount
  let amountMinor = 0n;
  const amountText = typeof input.amountMinor === 'string' ? input.amountMinor : typeof input.amountMinor === 'number' && Number.isSafeInteger(input.amountMinor) ? String(input.amountMinor) : '';
  if (!/^\d{1,16}$/.test(amountText)) push({ field: 'amountMinor', code: 'AMOUNT_INVALID', message: 'amountMinor must be a whole number of minor units' });
  else {
    amountMinor = BigInt(amountText);
    if (amountMinor <= 0n) push({ field: 'amountMinor', code: 'AMOUNT_NOT_POSITIVE', message: 'amountMinor must be more than 0' });
    else if (amountMinor > AMOUNT_MAX) push({ field: 'amountMinor', code: 'AMOUNT_TOO_LARGE', message: `amountMinor: at most ${AMOUNT_MAX}`, params: { max: AMOUNT_MAX.toString() } });
  }
  // Currency
  const currency = typeof input.currency === 'string' ? input.currency.trim().toUpperCase() : '';
  let currencyOk = false;
  if (!isCurrency(currency)) push({ field: 'currency', code: 'CURRENCY_UNKNOWN', message: `unknown currency ${currency.slice(0, 10)}`, params: { currency: currency.slice(0, 10) } });
  else if (!ctx.allowedCurrencies.includes(currency))
    push({
      field: 'currency',
      code: 'CURRENCY_NOT_ALLOWED',
      message: `the grant does not allow amounts in ${currency} (allowed: ${ctx.allowedCurrencies.join(', ')})`,
      params: { currency, allowed: ctx.allowedCurrencies.join(', ') },
    });
  else currencyOk = true;
  // Method
  const paymentMethod = input.paymentMethod;
  if (paymentMethod !== 'bank' && paymentMethod !== 'cash') push({ field: 'paymentMethod', code: 'METHOD_INVALID', message: 'paymentMethod must be bank or cash' });
  // Rate
  let rate: Rate | null = null;
  let rateSource: CheckedLine['rateSource'] = null;
  const rateNote = typeof input.rateNote === 'string' && input.rateNote.trim() !== '' ? input.rateNote.trim() : null;
  push(textProblem('rateNote', input.rateNote ?? undefined, RATE_NOTE_MAX, false));
  if (input.rateSource !== undefined && input.rateSource !== null && input.rateSource !== '') {
    if (typeof input.rateSource !== 'string' || !RATE_SOURCES.includes(input.rateSource))
      push({ field: 'rateSource', code: 'RATE_SOURCE_INVALID', message: `rateSource must be one of ${RATE_SOURCES.join(', ')}` });
    else rateSource = input.rateSource as CheckedLine['rateSource'];
  }
  const rateGiven = input.rate !== undefined && input.rate !== null && input.rate !== '';
  if (currencyOk && currency === ctx.grantCurrency) {
    if (rateGiven) {
      let one = false;
      try {
        one = parseRate(String(input.rate)).text === '1';
      } catch {
        one = false;
      }
      if (!one) push({ field: 'rate', code: 'RATE_NOT_ONE', message: `the line is in the grant currency ${currency}: no rate (or 1)` });
    }
    rateSource = null;
  } else if (rateGiven) {
    try {
      rate = parseRate(String(input.rate));
    } catch (error) {
      const code = error instanceof FxError ? error.code : 'RATE_NOT_A_NUMBER';
      push({ field: 'rate', code, message: `rate: ${code}` });
    }
    if (!rateSource) push({ field: 'rateSource', code: 'RATE_SOURCE_REQUIRED', message: 'say where the rate comes from (bank, other, tranche or reference)' });
    else if (rateSource === 'other' && !rateNote) push({ field: 'rateNote', code: 'RATE_NOTE_REQUIRED', message: 'a rate from another source needs a note naming it' });
  } else if (rateSource === 'bank' || rateSource === 'other') {
    push({ field: 'rate', code: 'RATE_MISSING', message: `rateSource ${rateSource} needs the rate` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    line: {
      spentOn: spentOn as string,
      budgetLineId,
      supplier: (input.supplier as string).trim(),
      description: typeof input.description === 'string' ? input.description.trim() : '',
      amountMinor,
      currency: currency as CurrencyCode,
      paymentMethod: paymentMethod as PaymentMethod,
      rate,
      rateSource: currency === ctx.grantCurrency ? null : rateSource,
      rateNote: currency === ctx.grantCurrency ? null : rateNote,
    },
  };
}

/** The grant-currency amount of a line at its rate (half-even, exact: see convertMinor). */
export function grantAmount(line: Pick<CheckedLine, 'amountMinor' | 'currency'>, grantCurrency: CurrencyCode, rate: Rate | null): bigint {
  if (line.currency === grantCurrency || rate === null) return line.amountMinor;
  return convertMinor(line.amountMinor, line.currency, grantCurrency, rate);
}

/** Lines can be added, changed and removed while the report is a draft or was returned. */
export function reportEditable(state: ReportState): boolean {
  return state === 'draft' || state === 'returned';
}

/**
 * Whether a line may be changed: any draft line of an editable report; on a
 * returned report also its submitted and questioned lines; while the report is
 * submitted only a questioned line (the grantee corrects what was asked about).
 */
export function lineEditable(report: ReportState, line: ExpenditureLineState): boolean {
  if (report === 'draft') return line === 'draft';
  if (report === 'returned') return line === 'draft' || line === 'submitted' || line === 'questioned';
  if (report === 'submitted') return line === 'questioned';
  return false;
}

/** A line may be removed only while the report is editable (draft or returned), and never once verified. */
export function lineRemovable(report: ReportState, line: ExpenditureLineState): boolean {
  return reportEditable(report) && (line === 'draft' || line === 'submitted' || line === 'questioned');
}

export interface BudgetLineRef {
  id: string;
  category: string;
  description: string;
  amountMinor: string;
}

/**
 * Budget vs actual per budget line: approved, spent in earlier accepted
 * reports, spent in this one; over tolerance when (previous + this) exceeds
 * approved by more than toleranceBp of approved. Lines on a budget line the
 * current version no longer has get a row with nothing approved.
 */
export function budgetVsActual(
  budget: readonly BudgetLineRef[],
  previous: ReadonlyMap<string, bigint>,
  current: ReadonlyMap<string, bigint>,
  toleranceBp: number,
): BudgetVsActualRow[] {
  const rows: BudgetVsActualRow[] = [];
  const row = (id: string, category: string, description: string, approved: bigint): BudgetVsActualRow => {
    const prev = previous.get(id) ?? 0n;
    const cur = current.get(id) ?? 0n;
    const variance = prev + cur - approved;
    const allowedOver = (approved * BigInt(Math.max(0, Math.trunc(toleranceBp)))) / 10_000n;
    return {
      budgetLineId: id,
      category,
      description,
      approvedMinor: approved.toString(),
      previousMinor: prev.toString(),
      thisReportMinor: cur.toString(),
      varianceMinor: variance.toString(),
      overTolerance: variance > allowedOver,
    };
  };
  const known = new Set<string>();
  for (const b of budget) {
    known.add(b.id);
    rows.push(row(b.id, b.category, b.description, BigInt(b.amountMinor)));
  }
  const extra = [...new Set([...previous.keys(), ...current.keys()])].filter((id) => !known.has(id)).sort();
  for (const id of extra) rows.push(row(id, '', '', 0n));
  return rows;
}
