import { DEFAULT_RED_FLAG_SETTINGS, evaluateRedFlags, sniffFileType } from '@mizan/domain';
import {
  DEMO_REPORTING_BUDGET,
  DEMO_REPORTING_TRANCHES,
  PLANTED_FLAG,
  demoGrantStart,
  demoRedFlagInput,
  demoReportPeriods,
  demoReportingLines,
  demoTrancheValueDates,
} from './demo-reporting-lines';

const sum = (xs: readonly { grantAmountMinor: string }[]) => xs.reduce((s, l) => s + BigInt(l.grantAmountMinor), 0n);

describe.each(['2026-12-05', '2027-03-31', '2028-02-29', '2027-01-01'])('the reporting demo seeded on %s', (today) => {
  const startsOn = demoGrantStart(today);
  const lines = demoReportingLines(startsOn);
  const [period1, period2] = demoReportPeriods(startsOn);
  const r1 = lines.filter((l) => l.report === 1);
  const r2 = lines.filter((l) => l.report === 2);
  const flags = evaluateRedFlags(demoRedFlagInput(startsOn));

  it('files 16 lines in the first report and 40 in the second, each inside its period and before the seed day', () => {
    expect(r1).toHaveLength(16);
    expect(r2).toHaveLength(40);
    for (const l of r1) expect([l.key, l.spentOn >= period1.periodFrom && l.spentOn <= period1.periodTo]).toEqual([l.key, true]);
    for (const l of r2) expect([l.key, l.spentOn >= period2.periodFrom && l.spentOn <= period2.periodTo]).toEqual([l.key, true]);
    expect(period2.periodTo < today).toBe(true);
    expect(new Set(lines.map((l) => l.clientId)).size).toBe(lines.length);
    for (const l of lines) expect(l.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('attaches a real PDF or PNG receipt to every line, the same bytes only on the two lines of the planted duplicate', () => {
    for (const l of lines) expect(sniffFileType(l.receipt.bytes)?.contentType).toBe(l.receipt.contentType);
    const dup = lines.filter((l) => l.problem === 'duplicate_receipt');
    expect(dup).toHaveLength(2);
    expect(dup[0].receipt.bytes.equals(dup[1].receipt.bytes)).toBe(true);
    expect(new Set(lines.map((l) => l.receipt.sha256)).size).toBe(lines.length - 1);
  });

  it('spends enough of tranche 1 in the first report for tranche 2 (70 % accounted after the ineligible part)', () => {
    const t1 = DEMO_REPORTING_TRANCHES[0].amountMinor;
    const accepted = sum(r1) - r1.reduce((s, l) => s + BigInt(l.ineligible?.amountMinor ?? '0'), 0n);
    expect(sum(r1) <= t1).toBe(true);
    expect(accepted * 10n >= t1 * 7n + t1 / 20n).toBe(true);
    const ineligible = r1.filter((l) => l.ineligible);
    expect(ineligible).toHaveLength(1);
    expect(ineligible[0].ineligible?.amountMinor).toBe(ineligible[0].grantAmountMinor);
    const [, t2] = demoTrancheValueDates(startsOn);
    expect(t2.valueDate > period1.periodTo && t2.valueDate < period2.periodTo).toBe(true);
  });

  it('raises exactly the four planted flags, each on its planted lines', () => {
    const byCode = new Map(flags.map((f) => [f.code, f]));
    expect(flags.map((f) => f.code).sort()).toEqual(Object.values(PLANTED_FLAG).sort());
    for (const [problem, code] of Object.entries(PLANTED_FLAG)) {
      const planted = lines.filter((l) => l.problem === problem).map((l) => l.key);
      expect(planted.length).toBeGreaterThan(0);
      expect(byCode.get(code)?.lineIds).toEqual(expect.arrayContaining(planted));
    }
    expect(byCode.get('DUPLICATE_RECEIPT')?.severity).toBe('high');
    // Tranche 1 was mostly spent by the first report; the rent ran ahead of tranche 2.
    expect(byCode.get('BEFORE_FUNDS')?.lineIds).toEqual(['r2-rent-advance']);
    expect(byCode.get('SPLIT_PURCHASE')?.lineIds).toEqual(['r2-furniture-1', 'r2-furniture-2', 'r2-furniture-3']);
    expect(BigInt(byCode.get('SPLIT_PURCHASE')?.params['totalMinor'] as string) > DEFAULT_RED_FLAG_SETTINGS.procurementThresholdMinor.SEK).toBe(true);
    const travel = byCode.get('OVER_BUDGET_LINE');
    expect(travel?.params['budgetLineId']).toBe('b3');
    expect(Number(travel?.params['overBp'])).toBeGreaterThan(DEFAULT_RED_FLAG_SETTINGS.budgetToleranceBp);
  });

  it('raises nothing high on a clean line, and every other budget line stays within its approved amount', () => {
    const planted = new Set(lines.filter((l) => l.problem).map((l) => l.key));
    for (const f of flags.filter((x) => x.severity === 'high')) expect(f.lineIds.filter((id) => !planted.has(id))).toEqual([]);
    for (const b of DEMO_REPORTING_BUDGET.filter((x) => x.id !== 'b3'))
      expect([b.id, sum(lines.filter((l) => l.budgetLineId === b.id)) <= BigInt(b.amountMinor)]).toEqual([b.id, true]);
    // Without the planted lines the engine finds nothing at all.
    const input = demoRedFlagInput(startsOn);
    expect(
      evaluateRedFlags({
        ...input,
        lines: input.lines.filter((l) => !planted.has(l.id)),
      }),
    ).toEqual([]);
  });
});
