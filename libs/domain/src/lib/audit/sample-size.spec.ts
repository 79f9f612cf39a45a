import fc from 'fast-check';
import { MUS_CONFIDENCE_LEVELS, musSampleSize, projectMisstatement } from './sample-size';

describe('MUS sample size', () => {
  it('is ceil(V × R ÷ (TM − EM × E)) with the AICPA factors', () => {
    // 300,000 at 95 %, TM 15,000, EM 6,000: 300000 × 3.00 ÷ (15000 − 6000 × 1.6) = 900000 ÷ 5400 = 166.67 → 167
    const size = musSampleSize({ populationValueMinor: 300_000n, populationCount: 1000, confidencePct: 95, materialityMinor: 15_000n, expectedMisstatementMinor: 6_000n });
    expect(size).toMatchObject({ sampleSize: 167, reliabilityFactor: 3, expansionFactor: 1.6, intervalMinor: 1796n });
    expect(size.formula).toBe('n = ceil(V × R ÷ (TM − EM × E)) = ceil(300000 × 3.00 ÷ (15000 − 6000 × 1.60)) = 167');
    expect(size.params).toMatchObject({ V: '300000', R: '3.00', TM: '15000', EM: '6000', E: '1.60', n: 167 });
    // No expected misstatement, 90 %: 1,000,000 × 2.31 ÷ 50,000 = 46.2 → 47
    expect(musSampleSize({ populationValueMinor: 1_000_000n, populationCount: 500, confidencePct: 90, materialityMinor: 50_000n }).sampleSize).toBe(47);
  });

  it('grows with confidence (monotonic), for any population and materiality', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1000n, max: 10n ** 15n }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 30 }), (value, perMille, emPct) => {
        const tm = (value * BigInt(perMille)) / 1000n || 1n;
        const em = (tm * BigInt(emPct)) / 100n;
        const sizes = MUS_CONFIDENCE_LEVELS.map((c) => musSampleSize({ populationValueMinor: value, populationCount: 1, confidencePct: c, materialityMinor: tm, expectedMisstatementMinor: em }).sampleSize);
        for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1]);
      }),
    );
  });

  it('refuses confidence 0, 100, outside or untabulated; materiality ≤ 0 or above the population; EM too large; an empty population', () => {
    const base = { populationValueMinor: 100_000n, populationCount: 10, confidencePct: 95, materialityMinor: 5_000n };
    for (const confidencePct of [0, 100, -5, 150, Number.NaN]) expect(() => musSampleSize({ ...base, confidencePct })).toThrow(expect.objectContaining({ code: 'confidence_out_of_range', field: 'confidencePct' }));
    expect(() => musSampleSize({ ...base, confidencePct: 92 })).toThrow(expect.objectContaining({ code: 'confidence_not_tabulated', params: expect.objectContaining({ allowed: '80, 85, 90, 95, 99' }) }));
    expect(() => musSampleSize({ ...base, materialityMinor: 0n })).toThrow(expect.objectContaining({ code: 'materiality_not_positive' }));
    expect(() => musSampleSize({ ...base, materialityMinor: 100_001n })).toThrow(
      expect.objectContaining({ code: 'materiality_above_population', params: { materialityMinor: '100001', populationValueMinor: '100000' } }),
    );
    expect(() => musSampleSize({ ...base, expectedMisstatementMinor: 3_125n })).toThrow(expect.objectContaining({ code: 'expected_misstatement_invalid' }));
    expect(() => musSampleSize({ ...base, expectedMisstatementMinor: -1n })).toThrow(expect.objectContaining({ code: 'expected_misstatement_invalid' }));
    expect(() => musSampleSize({ ...base, populationValueMinor: 0n, populationCount: 0 })).toThrow(expect.objectContaining({ code: 'population_empty' }));
  });
});

describe('projection of misstatement', () => {
  it('projects tainting × interval below the interval and takes the actual misstatement at or above it', () => {
    // V = 300,000, n = 181 → J = 1657.46; the textbook example: 400→320 (t .20), 500→0 (t 1.00), 3,000→2,500 (top stratum).
    const p = projectMisstatement({
      populationValueMinor: 300_000n,
      sampleSize: 181,
      confidencePct: 95,
      exceptions: [
        { bookMinor: 400n, misstatementMinor: 80n },
        { bookMinor: 500n, misstatementMinor: 500n },
        { bookMinor: 3_000n, misstatementMinor: 500n },
      ],
    });
    expect(p.intervalMinor).toBe(1657n);
    expect(p.lines.map((l) => [l.tainting, l.topStratum, l.projectedMinor])).toEqual([
      [0.2, false, 331n], // 0.2 × 1657.46 = 331.49
      [1, false, 1657n], // 1657.46
      [0.166666, true, 500n],
    ]);
    expect(p.projectedMinor).toBe(2488n);
    expect(p.basicPrecisionMinor).toBe(4972n); // 3.00 × 1657.46
    // UML = 4972 + 1657 × (4.75 − 3.00) + 331 × (6.30 − 4.75) + 500 = 4972 + 2900 + 513 + 500
    expect(p.upperLimitMinor).toBe(8885n);
  });

  it('is zero without exceptions, and leaves the limit out when the confidence has no table', () => {
    expect(projectMisstatement({ populationValueMinor: 10_000n, sampleSize: 10, exceptions: [] })).toMatchObject({ projectedMinor: 0n, upperLimitMinor: null, basicPrecisionMinor: null });
    expect(projectMisstatement({ populationValueMinor: 10_000n, sampleSize: 10, confidencePct: 99, exceptions: [{ bookMinor: 10n, misstatementMinor: 5n }] }).upperLimitMinor).toBeNull();
    expect(projectMisstatement({ populationValueMinor: 10_000n, sampleSize: 10, confidencePct: 99, exceptions: [] }).upperLimitMinor).toBe(4610n);
  });

  it('never projects less than the actual misstatement of an item below the interval', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1000n, max: 10n ** 12n }), fc.integer({ min: 1, max: 500 }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 100 }), (value, n, book, pct) => {
        const misstatement = (book * BigInt(pct)) / 100n;
        const line = projectMisstatement({ populationValueMinor: value, sampleSize: n, exceptions: [{ bookMinor: book, misstatementMinor: misstatement }] }).lines[0];
        expect(line.projectedMinor).toBeGreaterThanOrEqual(line.topStratum ? misstatement : misstatement - 1n);
      }),
    );
  });
});
