import fc from 'fast-check';
import { addDaysIso } from '../finance/problem';
import {
  DEFAULT_RED_FLAG_SETTINGS,
  ExpenditureLineFacts,
  GrantFacts,
  RedFlagInput,
  RedFlagSettings,
  beforeFundsFlags,
  benfordFirstDigit,
  benfordFlags,
  cashThresholdFlags,
  distanceKm,
  duplicateLineFlags,
  duplicateReceiptFlags,
  evaluateRedFlags,
  evidenceFlags,
  fxDeviationFlags,
  isRoundAmount,
  normalizeSupplier,
  outsidePeriodFlags,
  overBudgetLineFlags,
  rateDeviationBp,
  roundAmountFlags,
  splitPurchaseFlags,
} from './red-flags';

const GRANT: GrantFacts = {
  id: 'g1',
  currency: 'USD',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  budgetLines: [
    { id: 'b1', approvedMinor: 100_000_000n },
    { id: 'b2', approvedMinor: '1000000' },
  ],
  tranchesReceived: [{ receivedOn: '2026-01-01', amountMinor: 1_000_000_000n }],
  area: { lat: 36.19, lon: 44.01, radiusKm: 60 },
};

function line(id: string, over: Partial<ExpenditureLineFacts> = {}): ExpenditureLineFacts {
  return {
    id,
    grantId: 'g1',
    reportId: 'r1',
    date: '2026-03-01',
    budgetLineId: 'b1',
    supplier: `Supplier ${id}`,
    amountMinor: 12_345n,
    currency: 'USD',
    grantAmountMinor: 12_345n,
    paymentMethod: 'bank',
    receiptSha256: [`hash-${id}`],
    ...over,
  };
}

function input(lines: ExpenditureLineFacts[], grants: GrantFacts[] = [GRANT]): RedFlagInput {
  return { grants, lines };
}

const SHA = 'a'.repeat(64);
const S = DEFAULT_RED_FLAG_SETTINGS;

describe('normalizeSupplier', () => {
  it('trims, case-folds, collapses spaces and strips punctuation and accents', () => {
    expect(normalizeSupplier('  Al-Noor   Trading Co. ')).toBe('al noor trading co');
    expect(normalizeSupplier('AL NOOR trading co')).toBe('al noor trading co');
    expect(normalizeSupplier('Café "Zagros", Ltd.')).toBe('cafe zagros ltd');
    expect(normalizeSupplier('شركة  النـــور')).toBe(normalizeSupplier('شركة النور'));
    expect(normalizeSupplier('...')).toBe('');
  });

  it('is idempotent and never has leading, trailing or double spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const n = normalizeSupplier(s);
        expect(normalizeSupplier(n)).toBe(n);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s\s/);
      }),
    );
  });
});

describe('duplicateReceiptFlags', () => {
  it('flags the same file on two lines, anywhere in the agency, once per file', () => {
    const lines = [line('l1', { receiptSha256: [SHA.toUpperCase()] }), line('l2', { grantId: 'g2', receiptSha256: [SHA, SHA] }), line('l3')];
    expect(duplicateReceiptFlags(lines)).toEqual([{ code: 'DUPLICATE_RECEIPT', severity: 'high', grantId: 'g1', lineIds: ['l1', 'l2'], params: { sha256: SHA, count: 2 } }]);
  });

  it('does not flag a file listed twice on one line', () => {
    expect(duplicateReceiptFlags([line('l1', { receiptSha256: [SHA, SHA] })])).toEqual([]);
  });
});

describe('duplicateLineFlags', () => {
  it('flags same normalized supplier, amount, currency and date', () => {
    const lines = [line('l1', { supplier: 'Al-Noor Co.' }), line('l2', { supplier: 'al noor co', grantId: 'g2' }), line('l3', { supplier: 'Al Noor', amountMinor: 1n })];
    expect(duplicateLineFlags(lines)).toEqual([
      { code: 'DUPLICATE_LINE', severity: 'medium', grantId: 'g1', lineIds: ['l1', 'l2'], params: { supplier: 'al noor co', amountMinor: '12345', currency: 'USD', date: '2026-03-01', count: 2 } },
    ]);
  });

  it('does not flag another date, amount or currency', () => {
    const lines = [line('l1', { supplier: 'X' }), line('l2', { supplier: 'X', date: '2026-03-02' }), line('l3', { supplier: 'X', amountMinor: '12346' }), line('l4', { supplier: 'X', currency: 'EUR' })];
    expect(duplicateLineFlags(lines)).toEqual([]);
  });
});

describe('splitPurchaseFlags', () => {
  // USD procurement threshold 5 000.00 = 500 000 minor.
  it('flags lines to one supplier within the window that together pass the threshold', () => {
    const lines = [
      line('l1', { supplier: 'Zagros', date: '2026-03-01', grantAmountMinor: 300_000n }),
      line('l2', { supplier: 'ZAGROS.', date: '2026-03-08', grantAmountMinor: 300_000n }),
      line('l3', { supplier: 'Zagros', date: '2026-03-20', grantAmountMinor: 300_000n }),
      line('l4', { supplier: 'Zagros', date: '2026-03-21', grantAmountMinor: 900_000n }),
    ];
    expect(splitPurchaseFlags(input(lines))).toEqual([
      {
        code: 'SPLIT_PURCHASE',
        severity: 'medium',
        grantId: 'g1',
        lineIds: ['l1', 'l2'],
        params: { supplier: 'zagros', count: 2, totalMinor: '600000', thresholdMinor: '500000', currency: 'USD', firstDate: '2026-03-01', lastDate: '2026-03-08', windowDays: 7 },
      },
    ]);
  });

  it('does not flag when the total stays at the threshold or the lines are a day too far apart', () => {
    expect(splitPurchaseFlags(input([line('l1', { supplier: 'Z', grantAmountMinor: 250_000n }), line('l2', { supplier: 'Z', grantAmountMinor: 250_000n })]))).toEqual([]);
    const apart = [line('l1', { supplier: 'Z', grantAmountMinor: 400_000n }), line('l2', { supplier: 'Z', date: '2026-03-09', grantAmountMinor: 400_000n })];
    expect(splitPurchaseFlags(input(apart))).toEqual([]);
  });

  it('merges a chain of overlapping windows into one flag', () => {
    const lines = ['2026-03-01', '2026-03-06', '2026-03-11', '2026-03-16'].map((date, i) => line(`l${i}`, { supplier: 'Z', date, grantAmountMinor: 260_000n }));
    const flags = splitPurchaseFlags(input(lines));
    expect(flags.map((f) => f.lineIds)).toEqual([['l0', 'l1', 'l2', 'l3']]);
  });

  it('property: k lines under the threshold summing above it within the window flag; spread beyond it they do not', () => {
    const threshold = S.procurementThresholdMinor.USD;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 7 }), fc.nat({ max: 300 }), (k, spanDays, startOffset) => {
        const each = threshold / BigInt(k) + 1n; // under the threshold (k ≥ 2), k of them above it
        const start = addDaysIso('2026-02-01', startOffset);
        const within = Array.from({ length: k }, (_, i) => line(`w${i}`, { supplier: 'Same', date: addDaysIso(start, Math.floor((spanDays * i) / (k - 1))), grantAmountMinor: each }));
        const flags = splitPurchaseFlags(input(within));
        expect(flags).toHaveLength(1);
        expect(flags[0].lineIds).toEqual(within.map((l) => l.id).sort());
        const spread = Array.from({ length: k }, (_, i) => line(`s${i}`, { supplier: 'Same', date: addDaysIso(start, i * (S.splitWindowDays + 1)), grantAmountMinor: each }));
        expect(splitPurchaseFlags(input(spread))).toEqual([]);
      }),
    );
  });
});

describe('outsidePeriodFlags and beforeFundsFlags', () => {
  it('flags lines dated outside the grant period', () => {
    const lines = [line('l1', { date: '2025-12-31' }), line('l2', { date: '2026-01-01' }), line('l3', { date: '2026-12-31' }), line('l4', { date: '2027-01-01' })];
    expect(outsidePeriodFlags(input(lines)).map((f) => [f.lineIds[0], f.params['date']])).toEqual([
      ['l1', '2025-12-31'],
      ['l4', '2027-01-01'],
    ]);
  });

  it('flags spending before the first tranche (high) and spending ahead of received funds (medium)', () => {
    const grant: GrantFacts = {
      ...GRANT,
      tranchesReceived: [
        { receivedOn: '2026-03-01', amountMinor: 1000n },
        { receivedOn: '2026-06-01', amountMinor: 1000n },
      ],
    };
    const lines = [
      line('l1', { date: '2026-02-01', grantAmountMinor: 100n }),
      line('l2', { date: '2026-03-01', grantAmountMinor: 800n }),
      line('l3', { date: '2026-04-01', grantAmountMinor: 200n }),
      line('l4', { date: '2026-04-01', grantAmountMinor: 1n }),
      line('l5', { date: '2026-06-01', grantAmountMinor: 1n }),
    ];
    expect(beforeFundsFlags(input(lines, [grant]))).toEqual([
      { code: 'BEFORE_FUNDS', severity: 'high', grantId: 'g1', lineIds: ['l1'], params: { date: '2026-02-01', spentToDateMinor: '100', receivedToDateMinor: '0', currency: 'USD' } },
      { code: 'BEFORE_FUNDS', severity: 'medium', grantId: 'g1', lineIds: ['l3', 'l4'], params: { date: '2026-04-01', spentToDateMinor: '1101', receivedToDateMinor: '1000', currency: 'USD' } },
    ]);
  });
});

describe('overBudgetLineFlags', () => {
  it('flags beyond the tolerance, high beyond twice it', () => {
    // b2 approved 10 000.00; 10 % tolerance → 11 000.00 allowed
    expect(overBudgetLineFlags(input([line('l1', { budgetLineId: 'b2', grantAmountMinor: 1_100_000n })]))).toEqual([]);
    expect(overBudgetLineFlags(input([line('l1', { budgetLineId: 'b2', grantAmountMinor: 1_100_001n })]))).toEqual([
      { code: 'OVER_BUDGET_LINE', severity: 'medium', grantId: 'g1', lineIds: ['l1'], params: { budgetLineId: 'b2', spentMinor: '1100001', approvedMinor: '1000000', currency: 'USD', overBp: 1000, toleranceBp: 1000 } },
    ]);
    const high = overBudgetLineFlags(input([line('l1', { budgetLineId: 'b2', grantAmountMinor: 700_000n }), line('l2', { budgetLineId: 'b2', grantAmountMinor: 600_000n })]));
    expect(high.map((f) => [f.severity, f.lineIds, f.params['overBp']])).toEqual([['high', ['l1', 'l2'], 3000]]);
  });
});

describe('cashThresholdFlags', () => {
  it('flags cash above the threshold only', () => {
    const lines = [line('l1', { paymentMethod: 'cash', grantAmountMinor: 100_000n }), line('l2', { paymentMethod: 'cash', grantAmountMinor: 100_001n }), line('l3', { grantAmountMinor: 900_000n })];
    expect(cashThresholdFlags(input(lines))).toEqual([
      { code: 'CASH_ABOVE_THRESHOLD', severity: 'medium', grantId: 'g1', lineIds: ['l2'], params: { amountMinor: '100001', thresholdMinor: '100000', currency: 'USD' } },
    ]);
  });
});

describe('roundAmountFlags', () => {
  it('knows round amounts per currency exponent', () => {
    expect(isRoundAmount(50_000n, 'USD', 100)).toBe(true);
    expect(isRoundAmount(50_001n, 'USD', 100)).toBe(false);
    expect(isRoundAmount(100_000n, 'IQD', 100)).toBe(true);
    expect(isRoundAmount(10_000n, 'IQD', 100)).toBe(false);
    expect(isRoundAmount(0n, 'USD', 100)).toBe(false);
  });

  it('flags a report with too many round amounts, once it is large enough', () => {
    const make = (n: number, round: number) => Array.from({ length: n }, (_, i) => line(`l${String(i).padStart(2, '0')}`, { amountMinor: i < round ? 20_000n : 12_345n }));
    expect(roundAmountFlags(make(19, 19))).toEqual([]);
    expect(roundAmountFlags(make(20, 8))).toEqual([]);
    const flags = roundAmountFlags(make(20, 9));
    expect(flags.map((f) => [f.code, f.severity, f.lineIds.length, f.params])).toEqual([['ROUND_AMOUNTS', 'low', 9, { reportId: 'r1', roundCount: 9, lineCount: 20, shareBp: 4500, thresholdBp: 4000, unitMajor: 100 }]]);
  });
});

describe('benford', () => {
  it('gives a MAD of 0 for a perfectly Benford set and names the band', () => {
    // 1000 amounts whose first digits follow log10(1 + 1/d) to the count: 301, 176, 125, 97, 79, 67, 58, 51, 46
    const counts = [301, 176, 125, 97, 79, 67, 58, 51, 46];
    const amounts = counts.flatMap((c, i) => Array.from({ length: c }, (_, j) => BigInt(i + 1) * 1000n + BigInt(j)));
    const result = benfordFirstDigit(amounts);
    expect(result.n).toBe(1000);
    expect(result.mad).toBeLessThan(0.001);
    expect(result.conformity).toBe('close');
  });

  it('flags a grant with uniform first digits once it has enough lines, with the statistic and threshold', () => {
    const lines = Array.from({ length: 1800 }, (_, i) => line(`l${i}`, { amountMinor: BigInt((i % 9) + 1) * 10_007n }));
    const flags = benfordFlags(lines);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ code: 'BENFORD_FIRST_DIGIT', grantId: 'g1', lineIds: [], params: { n: 1800, statistic: 'MAD', threshold: 0.015, conformity: 'nonconformity' } });
    expect(Number(flags[0].params['mad'])).toBeCloseTo(0.0598, 3);
    expect(benfordFlags(lines.slice(0, 999))).toEqual([]);
  });
});

describe('fxDeviationFlags', () => {
  it('measures deviation exactly in basis points', () => {
    expect(rateDeviationBp('1300', '1300.00')).toBe(0);
    expect(rateDeviationBp('1339', '1300')).toBe(300);
    expect(rateDeviationBp('0.097', '0.1')).toBe(300);
  });

  it('flags a rate beyond the deviation, high beyond three times it', () => {
    const lines = [
      line('l1', { rate: '1339', referenceRate: '1300' }),
      line('l2', { rate: '1340', referenceRate: '1300', rateSource: 'bank' }),
      line('l3', { rate: '1500', referenceRate: '1300' }),
      line('l4', { rate: '1500' }),
    ];
    expect(fxDeviationFlags(lines).map((f) => [f.lineIds[0], f.severity, f.params['deviationBp']])).toEqual([
      ['l2', 'medium', 307],
      ['l3', 'high', 1538],
    ]);
  });
});

describe('evidenceFlags', () => {
  it('computes great-circle distances', () => {
    expect(Math.round(distanceKm(36.19, 44.01, 33.31, 44.36))).toBe(322); // Erbil – Baghdad
  });

  it('flags evidence captured far from the expenditure date or outside the grant area', () => {
    const lines = [
      line('l1', { evidence: [{ capturedOn: '2026-03-31', lat: 36.2, lon: 44.0 }] }),
      line('l2', { evidence: [{ capturedOn: '2026-04-01' }, { capturedOn: '2026-03-02' }] }),
      line('l3', { evidence: [{ lat: 33.31, lon: 44.36 }] }),
    ];
    expect(evidenceFlags(input(lines))).toEqual([
      { code: 'EVIDENCE_DATE_GAP', severity: 'low', grantId: 'g1', lineIds: ['l2'], params: { date: '2026-03-01', gapDays: 31, thresholdDays: 30 } },
      { code: 'EVIDENCE_OUTSIDE_AREA', severity: 'medium', grantId: 'g1', lineIds: ['l3'], params: { distanceKm: 322, radiusKm: 60, marginKm: 25 } },
    ]);
  });
});

/** A clean report: distinct receipts, suppliers and amounts, inside the period, after the funds, bank, under every threshold. */
const cleanLines = fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 0, maxLength: 60 }).chain((seeds) =>
  fc.tuple(...seeds.map(() => fc.integer({ min: 0, max: 330 }))).map((days) =>
    seeds.map((seed, i) =>
      line(`l${seed}`, {
        supplier: `Supplier ${seed}`,
        date: addDaysIso('2026-01-02', days[i]),
        amountMinor: BigInt(1000 + seed),
        grantAmountMinor: BigInt(1000 + seed),
        receiptSha256: [`sha-${seed}`],
        reportId: `r${seed % 3}`,
      }),
    ),
  ),
);

describe('evaluateRedFlags', () => {
  it('property: a clean report raises nothing', () => {
    fc.assert(fc.property(cleanLines, (lines) => expect(evaluateRedFlags(input(lines))).toEqual([])));
  });

  it('property: duplicating a receipt hash raises exactly the duplicate-receipt flag naming both lines', () => {
    fc.assert(
      fc.property(
        cleanLines.filter((l) => l.length >= 2),
        fc.nat(),
        fc.nat(),
        (lines, a, b) => {
          const i = a % lines.length;
          const j = (i + 1 + (b % (lines.length - 1))) % lines.length;
          const changed = lines.map((l, k) => (k === j ? { ...l, receiptSha256: [...l.receiptSha256, lines[i].receiptSha256[0]] } : l));
          const flags = evaluateRedFlags(input(changed));
          expect(flags).toEqual([
            { code: 'DUPLICATE_RECEIPT', severity: 'high', grantId: 'g1', lineIds: [lines[i].id, lines[j].id].sort(), params: { sha256: lines[i].receiptSha256[0], count: 2 } },
          ]);
        },
      ),
    );
  });

  it('property: a copy of a line (supplier typed differently, own receipt) raises exactly the duplicate-line flag naming both', () => {
    fc.assert(
      fc.property(cleanLines.filter((l) => l.length >= 1), fc.nat(), (lines, a) => {
        const original = lines[a % lines.length];
        const copy = { ...original, id: 'copy', supplier: ` ${original.supplier.toUpperCase()}. `, receiptSha256: ['sha-copy'] };
        const flags = duplicateLineFlags([...lines, copy]);
        expect(flags.map((f) => [f.code, f.lineIds])).toEqual([['DUPLICATE_LINE', [original.id, 'copy'].sort()]]);
      }),
    );
  });

  it('property: the order of input lines does not change the flags', () => {
    const messy = fc.array(
      fc.record({
        supplier: fc.constantFrom('A', 'a.', 'B', 'C'),
        day: fc.integer({ min: -20, max: 380 }),
        amount: fc.constantFrom(10_000n, 20_000n, 150_000n, 260_000n, 499_999n, 700_000n),
        hash: fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5', 'h6'),
        cash: fc.boolean(),
        budget: fc.constantFrom('b1', 'b2'),
        rate: fc.constantFrom(undefined, '1300', '1400'),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(messy, fc.nat(), (rows, seed) => {
        const lines = rows.map((r, i) =>
          line(`l${String(i).padStart(3, '0')}`, {
            supplier: r.supplier,
            date: addDaysIso('2026-01-01', r.day),
            amountMinor: r.amount,
            grantAmountMinor: r.amount,
            receiptSha256: [r.hash],
            paymentMethod: r.cash ? 'cash' : 'bank',
            budgetLineId: r.budget,
            rate: r.rate,
            referenceRate: r.rate ? '1300' : undefined,
          }),
        );
        const shuffled = [...lines].sort((x, y) => ((x.id.charCodeAt(3) * 31 + seed) % 97) - ((y.id.charCodeAt(3) * 31 + seed) % 97) || (x.id < y.id ? 1 : -1));
        const settings: RedFlagSettings = { ...S, roundMinLines: 5, benfordMinLines: 5 };
        expect(evaluateRedFlags(input(shuffled), settings)).toEqual(evaluateRedFlags(input(lines), settings));
      }),
    );
  });

  it('evaluates 100 000 lines without quadratic work', () => {
    const grants: GrantFacts[] = Array.from({ length: 50 }, (_, g) => ({ ...GRANT, id: `g${g}` }));
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      line(`l${i}`, {
        grantId: `g${i % 50}`,
        reportId: `r${i % 400}`,
        supplier: `Supplier ${i % 2000}`,
        date: addDaysIso('2026-01-01', i % 365),
        amountMinor: BigInt(1000 + ((i * 7919) % 400_000)),
        grantAmountMinor: BigInt(1000 + ((i * 7919) % 400_000)),
        receiptSha256: [`sha-${i % 99_990}`],
        paymentMethod: i % 10 === 0 ? 'cash' : 'bank',
        budgetLineId: i % 2 ? 'b1' : 'b2',
      }),
    );
    const started = Date.now();
    const flags = evaluateRedFlags({ grants, lines });
    const elapsedMs = Date.now() - started;
    const byCode = flags.reduce<Record<string, number>>((m, f) => ({ ...m, [f.code]: (m[f.code] ?? 0) + 1 }), {});
    console.log(`evaluateRedFlags: 100000 lines, ${flags.length} flags ${JSON.stringify(byCode)}, ${elapsedMs} ms`);
    expect(flags.filter((f) => f.code === 'DUPLICATE_RECEIPT')).toHaveLength(10);
  });
});

describe('rule properties', () => {
  const day = fc.integer({ min: -400, max: 800 });

  it('property: a line is outside the period exactly when its date is before the start or after the end', () => {
    fc.assert(
      fc.property(day, (d) => {
        const date = addDaysIso('2026-01-01', d);
        const flagged = outsidePeriodFlags(input([line('l1', { date })])).length === 1;
        expect(flagged).toBe(date < GRANT.startsOn || date > GRANT.endsOn);
      }),
    );
  });

  it('property: nothing is before the funds when every line comes after a tranche covering all spending; everything is before no tranche', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ d: fc.integer({ min: 0, max: 300 }), a: fc.bigInt({ min: 1n, max: 10_000_000n }) }), { minLength: 1, maxLength: 30 }), (rows) => {
        const lines = rows.map((r, i) => line(`l${i}`, { date: addDaysIso('2026-02-01', r.d), grantAmountMinor: r.a }));
        const total = rows.reduce((s, r) => s + r.a, 0n);
        expect(beforeFundsFlags(input(lines, [{ ...GRANT, tranchesReceived: [{ receivedOn: '2026-02-01', amountMinor: total }] }]))).toEqual([]);
        const unfunded = beforeFundsFlags(input(lines, [{ ...GRANT, tranchesReceived: [] }]));
        expect(unfunded.flatMap((f) => f.lineIds).sort()).toEqual(lines.map((l) => l.id).sort());
        expect(unfunded.every((f) => f.severity === 'high')).toBe(true);
      }),
    );
  });

  it('property: a budget line is flagged exactly when spending exceeds approved × (1 + tolerance)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 500_000n }), { maxLength: 10 }), fc.integer({ min: 0, max: 5000 }), (amounts, toleranceBp) => {
        const lines = amounts.map((a, i) => line(`l${i}`, { budgetLineId: 'b2', grantAmountMinor: a }));
        const spent = amounts.reduce((s, a) => s + a, 0n);
        const flagged = overBudgetLineFlags(input(lines), { ...S, budgetToleranceBp: toleranceBp }).length === 1;
        expect(flagged).toBe(spent * 10_000n > 1_000_000n * BigInt(10_000 + toleranceBp));
      }),
    );
  });

  it('property: cash is flagged exactly above the threshold, bank never', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1_000_000n }), fc.boolean(), (amount, cash) => {
        const flags = cashThresholdFlags(input([line('l1', { grantAmountMinor: amount, paymentMethod: cash ? 'cash' : 'bank' })]));
        expect(flags.length === 1).toBe(cash && amount > S.cashThresholdMinor.USD);
      }),
    );
  });

  it('property: round-amount flags name exactly the round lines and only above the share', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 20, maxLength: 60 }), (isRound) => {
        const lines = isRound.map((r, i) => line(`l${String(i).padStart(2, '0')}`, { amountMinor: r ? BigInt(i + 1) * 10_000n : BigInt(i * 100 + 1) }));
        const roundIds = lines.filter((_, i) => isRound[i]).map((l) => l.id);
        const flags = roundAmountFlags(lines);
        const above = roundIds.length * 10_000 > S.roundShareThresholdBp * lines.length;
        expect(flags.map((f) => f.lineIds)).toEqual(above ? [roundIds] : []);
      }),
    );
  });

  it('property: Benford MAD is between 0 and 2/9, and scaling amounts by 10 does not change it', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 200 }), (amounts) => {
        const r = benfordFirstDigit(amounts);
        expect(r.n).toBe(amounts.length);
        expect(r.mad).toBeGreaterThanOrEqual(0);
        expect(r.mad).toBeLessThanOrEqual(2 / 9 + 1e-12);
        expect(benfordFirstDigit(amounts.map((a) => a * 10n)).mad).toBeCloseTo(r.mad, 12);
      }),
    );
  });

  it('property: FX deviation is zero at equality, exact in basis points, and flagged exactly beyond the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -2000, max: 2000 }), (refUnits, deltaBp) => {
        const reference = String(refUnits);
        expect(rateDeviationBp(reference, reference)).toBe(0);
        const rateUnits = BigInt(refUnits) * BigInt(10_000 + deltaBp);
        const rate = `${rateUnits / 10_000n}.${String(rateUnits % 10_000n).padStart(4, '0')}`;
        expect(rateDeviationBp(rate, reference)).toBe(Math.abs(deltaBp));
        expect(fxDeviationFlags([line('l1', { rate, referenceRate: reference })]).length === 1).toBe(Math.abs(deltaBp) > S.fxDeviationBp);
      }),
    );
  });

  it('property: evidence date gap is flagged exactly beyond the threshold, either side', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), (gap) => {
        const flags = evidenceFlags(input([line('l1', { evidence: [{ capturedOn: addDaysIso('2026-03-01', gap) }] })]));
        expect(flags.length === 1).toBe(Math.abs(gap) > S.evidenceDateGapDays);
      }),
    );
  });

  it('property: evidence at the grant centre is never outside the area', () => {
    fc.assert(
      fc.property(fc.double({ min: -80, max: 80, noNaN: true }), fc.double({ min: -179, max: 179, noNaN: true }), (lat, lon) => {
        expect(evidenceFlags(input([line('l1', { evidence: [{ lat, lon }] })], [{ ...GRANT, area: { lat, lon, radiusKm: 0 } }]))).toEqual([]);
      }),
    );
  });
});
