import type {
  CashForecastMonth,
  CashForecastView,
  TrialBalanceRow,
  TrialBalanceView,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';

/** One currency's part of a trial balance, with its totals and whether they agree. */
export interface TrialBalanceGroup {
  currency: CurrencyCode;
  rows: TrialBalanceRow[];
  debitMinor: string;
  creditMinor: string;
  /** Total debits equal total credits. */
  balanced: boolean;
}

/**
 * Groups a trial balance by currency. The totals are the api's; they are
 * summed again here from the rows, and a disagreement shows as unbalanced.
 */
export function trialBalanceGroups(view: TrialBalanceView): TrialBalanceGroup[] {
  const currencies = [
    ...new Set([
      ...view.totals.map((t) => t.currency),
      ...view.rows.map((r) => r.currency),
    ]),
  ];
  return currencies.map((currency) => {
    const rows = view.rows.filter((r) => r.currency === currency);
    const debit = rows.reduce((s, r) => s + BigInt(r.debitMinor), 0n);
    const credit = rows.reduce((s, r) => s + BigInt(r.creditMinor), 0n);
    const total = view.totals.find((t) => t.currency === currency);
    const debitMinor = total?.debitMinor ?? debit.toString();
    const creditMinor = total?.creditMinor ?? credit.toString();
    return {
      currency,
      rows,
      debitMinor,
      creditMinor,
      balanced:
        debitMinor === creditMinor &&
        debit.toString() === debitMinor &&
        credit.toString() === creditMinor,
    };
  });
}

export interface ForecastSeries {
  currency: CurrencyCode;
  months: CashForecastMonth[];
  /** The largest amount of any bar, for the scale (at least 1). */
  maxMinor: bigint;
}

/** The cash forecast per currency, months in order. */
export function forecastSeries(view: CashForecastView): ForecastSeries[] {
  const byCurrency = new Map<CurrencyCode, CashForecastMonth[]>();
  for (const m of view.months) {
    byCurrency.set(m.currency, [...(byCurrency.get(m.currency) ?? []), m]);
  }
  return [...byCurrency.entries()].map(([currency, months]) => {
    const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
    let max = 1n;
    for (const m of sorted) {
      for (const v of [m.plannedMinor, m.requestedMinor, m.paidMinor]) {
        const n = BigInt(v);
        if (n > max) max = n;
      }
    }
    return { currency, months: sorted, maxMinor: max };
  });
}

/** A bar's height in the chart's units: exact ratio in bigint, then a number of pixels. */
export function barHeight(valueMinor: string, maxMinor: bigint, fullHeight: number): number {
  const v = BigInt(valueMinor);
  if (v <= 0n) return 0;
  const scaled = (v * BigInt(fullHeight) * 1000n) / maxMinor;
  return Math.max(1, Number(scaled) / 1000);
}
