import type { RedFlagView } from '@mizan/contracts';
import { RED_FLAG_CODES } from '@mizan/domain';
import en from '../../../../i18n/en/flags.json';
import { countBars } from './red-flag-list.component';
import { flagWhy, verifyLink } from './flag-text';

const flag = (code: RedFlagView['code'], params: Record<string, unknown>): Pick<RedFlagView, 'code' | 'params'> => ({ code, params });

describe('red-flag texts', () => {
  it('has a why-sentence and a name for every rule, and every sentence gets each of its placeholders', () => {
    for (const code of RED_FLAG_CODES) {
      const why = flagWhy(flag(code, {}), 'en-GB', (k) => k);
      expect(why.key).toBe(`flags.why.${code}`);
      const sentence = (en as Record<string, string>)[why.key];
      expect(sentence).toBeDefined();
      expect((en as Record<string, string>)[`flags.code.${code}`]).toBeDefined();
      const placeholders = [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(placeholders.filter((p) => !(p in why.params))).toEqual([]);
    }
  });

  it('formats amounts with their currency, basis points as percent, and the monitoring kind translated', () => {
    const split = flagWhy(flag('SPLIT_PURCHASE', { supplier: 'split co', count: 3, totalMinor: '600000', thresholdMinor: '500000', currency: 'USD', firstDate: '2026-03-01', lastDate: '2026-03-03', windowDays: 7 }), 'en-GB', (k) => k);
    expect(split.params).toMatchObject({ count: 3, total: 'US$6,000.00', threshold: 'US$5,000.00', windowDays: 7 });
    const fx = flagWhy(flag('FX_DEVIATION', { rate: '12.5', referenceRate: '10', date: '2026-03-01', deviationBp: 2500, thresholdBp: 300 }), 'en-GB', (k) => k);
    expect(fx.params).toMatchObject({ deviation: '25%', threshold: '3%', reference: '10' });
    const monitoring = flagWhy(flag('MONITORING_OVERDUE', { requiredKind: 'remote', dueOn: '2026-01-01', overdueDays: 40, lastVisitOn: '' }), 'en-GB', (k) => `kind:${k}`);
    expect(monitoring.params).toMatchObject({ kind: 'kind:remote', days: 40, lastVisit: '—' });
  });

  it('links a line to the verification page of its report', () => {
    expect(verifyLink('r/1')).toBe('/officer/reports/r%2F1/verify');
  });
});

describe('countBars', () => {
  it('one bar per rule that has flags, in rule order, widths relative to the largest', () => {
    const bars = countBars({ byCode: { CASH_ABOVE_THRESHOLD: { medium: 2 }, DUPLICATE_RECEIPT: { high: 3, low: 1 } }, bySeverity: {}, byState: {} });
    expect(bars.map((b) => [b.code, b.total])).toEqual([
      ['DUPLICATE_RECEIPT', 4],
      ['CASH_ABOVE_THRESHOLD', 2],
    ]);
    expect(bars[0].parts).toEqual([
      { severity: 'high', count: 3, percent: 75 },
      { severity: 'medium', count: 0, percent: 0 },
      { severity: 'low', count: 1, percent: 25 },
    ]);
    expect(bars[1].parts[1].percent).toBe(50);
    expect(countBars({ byCode: {}, bySeverity: {}, byState: {} })).toEqual([]);
  });
});
