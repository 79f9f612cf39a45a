import { coverageBasisPoints, projectMisstatement } from './misstatement';

describe('projectMisstatement (monetary-unit sampling)', () => {
  it('projects a small item’s tainting over one whole interval', () => {
    // 25 % tainted (250 of 1,000) with an interval of 10,000 projects 2,500.
    const p = projectMisstatement([{ bookMinor: 1_000n, misstatementMinor: 250n }], 10_000n);
    expect(p).toMatchObject({ knownMinor: 250n, projectedMinor: 2_500n, itemsWithMisstatement: 1 });
    expect(p.contributions[0]).toMatchObject({ taintingPpm: 250_000n, topStratum: false });
  });

  it('counts an item at or above the interval as found, without projection', () => {
    const p = projectMisstatement([{ bookMinor: 20_000n, misstatementMinor: 3_000n }, { bookMinor: 10_000n, misstatementMinor: 10n }], 10_000n);
    expect(p.projectedMinor).toBe(3_010n);
    expect(p.contributions.map((c) => c.topStratum)).toEqual([true, true]);
  });

  it('adds nothing for clean items, rounds half up per item and caps a misstatement at the book value', () => {
    const p = projectMisstatement(
      [
        { bookMinor: 3n, misstatementMinor: 1n },
        { bookMinor: 500n, misstatementMinor: 0n },
        { bookMinor: 100n, misstatementMinor: 900n },
      ],
      10n,
    );
    // 1/3 × 10 = 3.33 → 3; capped 100/100 × 10 = 10 … but 100 ≥ 10 is top stratum: 100.
    expect(p.projectedMinor).toBe(103n);
    expect(p.knownMinor).toBe(101n);
    expect(p.itemsWithMisstatement).toBe(2);
  });

  it('a projection is never below what was found and is linear in the interval for small items', () => {
    for (let seed = 1; seed < 200; seed++) {
      const book = BigInt(1 + ((seed * 7919) % 5000));
      const found = BigInt((seed * 104729) % Number(book + 1n));
      const interval = BigInt(5001 + ((seed * 31) % 20000));
      const p = projectMisstatement([{ bookMinor: book, misstatementMinor: found }], interval);
      expect(p.projectedMinor >= p.knownMinor).toBe(true);
      const double = projectMisstatement([{ bookMinor: book, misstatementMinor: found }], interval * 2n);
      expect(double.projectedMinor - 2n * p.projectedMinor <= 1n && 2n * p.projectedMinor - double.projectedMinor <= 1n).toBe(true);
    }
  });

  it('refuses a non-positive interval or book value', () => {
    expect(() => projectMisstatement([], 0n)).toThrow(RangeError);
    expect(() => projectMisstatement([{ bookMinor: 0n, misstatementMinor: 0n }], 10n)).toThrow(RangeError);
  });
});

describe('coverageBasisPoints', () => {
  it('is the share of the population value in the sample, in basis points', () => {
    expect(coverageBasisPoints(2_500n, 10_000n)).toBe(2_500);
    expect(coverageBasisPoints(1n, 3n)).toBe(3_333);
    expect(coverageBasisPoints(5n, 0n)).toBe(0);
  });
});
