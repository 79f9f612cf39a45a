import type { TrialBalanceView } from '@mizan/contracts';
import { barHeight, forecastSeries, trialBalanceGroups } from './ledger-view';

const row = (code: string, currency: 'SEK' | 'USD', debit: string, credit: string) => ({
  accountId: `${code}-${currency}`,
  code,
  scopeType: 'program' as const,
  scopeId: 'p1',
  scopeLabel: 'Program',
  currency,
  debitMinor: debit,
  creditMinor: credit,
  balanceMinor: (BigInt(debit) - BigInt(credit)).toString(),
});

describe('trialBalanceGroups', () => {
  it('groups by currency and says when debits equal credits', () => {
    const view: TrialBalanceView = {
      programId: 'p1',
      programName: 'P',
      asOf: '2026-12-04',
      rows: [row('appropriation', 'SEK', '0', '500'), row('program_budget', 'SEK', '500', '0'), row('bank_fees', 'USD', '3', '0')],
      totals: [
        { currency: 'SEK', debitMinor: '500', creditMinor: '500' },
        { currency: 'USD', debitMinor: '3', creditMinor: '0' },
      ],
    };
    const groups = trialBalanceGroups(view);
    expect(groups.map((g) => [g.currency, g.rows.length, g.balanced])).toEqual([
      ['SEK', 2, true],
      ['USD', 1, false],
    ]);
  });

  it('does not trust totals that disagree with the rows', () => {
    const view: TrialBalanceView = {
      programId: 'p1',
      programName: 'P',
      asOf: '2026-12-04',
      rows: [row('program_budget', 'SEK', '400', '0'), row('appropriation', 'SEK', '0', '500')],
      totals: [{ currency: 'SEK', debitMinor: '500', creditMinor: '500' }],
    };
    expect(trialBalanceGroups(view)[0].balanced).toBe(false);
  });
});

describe('forecastSeries and barHeight', () => {
  it('orders months per currency and scales bars to the largest amount', () => {
    const series = forecastSeries({
      programId: 'p1',
      months: [
        { month: '2027-02', currency: 'SEK', plannedMinor: '100', requestedMinor: '0', paidMinor: '0' },
        { month: '2027-01', currency: 'SEK', plannedMinor: '400', requestedMinor: '200', paidMinor: '200' },
      ],
    });
    expect(series[0].months.map((m) => m.month)).toEqual(['2027-01', '2027-02']);
    expect(series[0].maxMinor).toBe(400n);
    expect(barHeight('400', 400n, 200)).toBe(200);
    expect(barHeight('100', 400n, 200)).toBe(50);
    expect(barHeight('0', 400n, 200)).toBe(0);
    expect(barHeight('1', 10n ** 15n, 200)).toBe(1);
  });
});
