import fc from 'fast-check';
import { DEFAULT_RISK_POLICY } from './risk-policy';
import { largestRemainder, proposeBudgetLines, proposeTranches, validateBudgetLines, validateTranchePlan } from './tranche-plan';

const PERIOD = { startsOn: '2026-01-01', endsOn: '2026-12-31' };

describe('validateTranchePlan', () => {
  it('accepts a plan that fits', () => {
    const plan = [
      { seq: 1, plannedOn: '2026-01-15', amountMinor: 400n },
      { seq: 2, plannedOn: '2026-06-01', amountMinor: 600n },
    ];
    expect(validateTranchePlan(plan, 1000n, PERIOD, DEFAULT_RISK_POLICY.moderate)).toEqual([]);
  });

  it('refuses an empty plan', () => {
    expect(validateTranchePlan([], 1000n, PERIOD, DEFAULT_RISK_POLICY.low)).toEqual([{ code: 'TRANCHES_EMPTY', params: {} }]);
  });

  it('names every problem with its tranche', () => {
    const plan = [
      { seq: 1, plannedOn: '2025-12-31', amountMinor: 700n },
      { seq: 3, plannedOn: '2026-13-01', amountMinor: 0n },
      { seq: 3, plannedOn: '2026-03-01', amountMinor: 200n },
      { seq: 4, plannedOn: '2026-02-01', amountMinor: 50n },
      { seq: 5, plannedOn: '2027-01-01', amountMinor: 49n },
    ];
    expect(validateTranchePlan(plan, 1000n, PERIOD, DEFAULT_RISK_POLICY.moderate)).toEqual([
      { code: 'TRANCHE_DATE_OUTSIDE_PERIOD', params: { seq: 1, plannedOn: '2025-12-31', startsOn: '2026-01-01', endsOn: '2026-12-31' } },
      { code: 'TRANCHE_SEQ_INVALID', params: { index: 1, seq: 3, expected: 2 } },
      { code: 'TRANCHE_AMOUNT_NOT_POSITIVE', params: { seq: 3, amountMinor: '0' } },
      { code: 'TRANCHE_DATE_INVALID', params: { seq: 3 } },
      { code: 'TRANCHE_DATES_NOT_ASCENDING', params: { seq: 4, plannedOn: '2026-02-01', previousOn: '2026-03-01' } },
      { code: 'TRANCHE_DATE_OUTSIDE_PERIOD', params: { seq: 5, plannedOn: '2027-01-01', startsOn: '2026-01-01', endsOn: '2026-12-31' } },
      { code: 'TRANCHE_SUM_MISMATCH', params: { sumMinor: '999', grantMinor: '1000', differenceMinor: '-1' } },
      { code: 'TRANCHE_SHARE_TOO_HIGH', params: { seq: 1, sharePercent: '70', maxPercent: '60' } },
    ]);
  });

  it('two tranches on the same day are not ascending', () => {
    const plan = [
      { seq: 1, plannedOn: '2026-01-01', amountMinor: 500n },
      { seq: 2, plannedOn: '2026-01-01', amountMinor: 500n },
    ];
    expect(validateTranchePlan(plan, 1000n, PERIOD, DEFAULT_RISK_POLICY.low).map((p) => p.code)).toEqual(['TRANCHE_DATES_NOT_ASCENDING']);
  });

  it('applies the policy minimum count', () => {
    const plan = [{ seq: 1, plannedOn: '2026-01-01', amountMinor: 1000n }];
    expect(validateTranchePlan(plan, 1000n, PERIOD, DEFAULT_RISK_POLICY.moderate).map((p) => p.code)).toEqual(['TRANCHE_COUNT_TOO_LOW', 'TRANCHE_SHARE_TOO_HIGH']);
  });
});

describe('largestRemainder', () => {
  it('splits exactly, remainders to the largest fractions', () => {
    expect(largestRemainder(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(largestRemainder(10n, [1n, 2n, 3n])).toEqual([2n, 3n, 5n]); // 1.67 2 … → floors 1,3,5 + 1 to the largest remainder (0.67)
    expect(largestRemainder(0n, [5n, 5n])).toEqual([0n, 0n]);
    expect(largestRemainder(7n, [0n, 0n])).toEqual([4n, 3n]);
    expect(largestRemainder(7n, [])).toEqual([]);
  });

  it('property: sums exactly and each share is within one unit of its exact value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }), (total, weights) => {
        const shares = largestRemainder(total, weights);
        expect(shares.reduce((s, x) => s + x, 0n)).toBe(total);
        const sumW = weights.reduce((s, w) => s + w, 0n);
        if (sumW > 0n) {
          shares.forEach((s, i) => {
            const floor = (total * weights[i]) / sumW;
            expect(s === floor || s === floor + 1n).toBe(true);
          });
        }
      }),
    );
  });
});

describe('proposeTranches', () => {
  it('equal amounts, first on the start, evenly spaced', () => {
    expect(proposeTranches(1000n, 3, PERIOD)).toEqual([
      { seq: 1, plannedOn: '2026-01-01', amountMinor: 334n },
      { seq: 2, plannedOn: '2026-05-02', amountMinor: 333n },
      { seq: 3, plannedOn: '2026-08-31', amountMinor: 333n },
    ]);
  });

  it('property: a proposal passes validation for its own count', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1_000_000n, max: 10n ** 14n }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 8, max: 1500 }), (amount, count, days) => {
        const period = { startsOn: '2026-03-01', endsOn: new Date(Date.UTC(2026, 2, 1 + days)).toISOString().slice(0, 10) };
        const policy = { ...DEFAULT_RISK_POLICY.low, minTranches: count, maxTrancheShareBp: Math.ceil(10_000 / count) + 1 };
        expect(validateTranchePlan(proposeTranches(amount, count, period), amount, period, policy)).toEqual([]);
      }),
    );
  });

  it('refuses a count below one', () => {
    expect(() => proposeTranches(1n, 0, PERIOD)).toThrow(RangeError);
  });
});

describe('budget lines', () => {
  const application = [
    { id: 'a', category: 'personnel', amountMinor: '600000' },
    { id: 'b', category: 'travel', amountMinor: '300000' },
    { id: 'c', category: 'admin', amountMinor: '100001' },
  ];

  it('proposes a proportional cut that sums exactly, keeping the other fields', () => {
    const proposed = proposeBudgetLines(application, 750_000n);
    expect(proposed).toEqual([
      { id: 'a', category: 'personnel', amountMinor: 449_999n },
      { id: 'b', category: 'travel', amountMinor: 225_000n },
      { id: 'c', category: 'admin', amountMinor: 75_001n },
    ]);
    expect(validateBudgetLines(proposed, 750_000n)).toEqual([]);
  });

  it('validates sum and sign', () => {
    expect(validateBudgetLines([], 1n)).toEqual([{ code: 'BUDGET_LINES_EMPTY', params: {} }]);
    expect(
      validateBudgetLines(
        [
          { id: 'x', amountMinor: -5n },
          { amountMinor: 10n },
        ],
        6n,
      ),
    ).toEqual([
      { code: 'BUDGET_LINE_NEGATIVE', params: { index: 0, id: 'x', amountMinor: '-5' } },
      { code: 'BUDGET_SUM_MISMATCH', params: { sumMinor: '5', approvedMinor: '6', differenceMinor: '-1' } },
    ]);
  });

  it('property: proposals always validate', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }), fc.bigInt({ min: 0n, max: 10n ** 13n }), (amounts, approved) => {
        const lines = amounts.map((a, i) => ({ id: String(i), amountMinor: a }));
        expect(validateBudgetLines(proposeBudgetLines(lines, approved), approved)).toEqual([]);
      }),
    );
  });
});
