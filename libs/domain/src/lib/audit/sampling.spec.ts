import fc from 'fast-check';
import { drawSample, monetaryUnitSample, mulberry32, parseSeed, simpleRandomSample, uniformBigBelow, uniformBelow } from './sampling';
import { SamplingProblem } from './sample-size';

const seedArb = fc.integer({ min: 0, max: 0xffff_ffff });
const amountsArb = fc.array(fc.bigInt({ min: 1n, max: 10_000_000_000n }), { minLength: 1, maxLength: 200 });

describe('audit sampling: the generator', () => {
  it('is mulberry32, pinned: the same seed gives these numbers forever', () => {
    const next = mulberry32(12345);
    expect([next(), next(), next(), next()]).toEqual([4207900869, 1317490944, 2079646450, 3513001552]);
    // A change here would silently change every recorded sample.
    expect(simpleRandomSample(42, 20, 5)).toEqual([16, 19, 8, 9, 14]);
    expect(monetaryUnitSample(42, [100n, 5000n, 20n, 300n, 7000n, 1n, 900n], 4)).toEqual([1, 4]);
  });

  it('draws uniform integers within their bounds', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 0xffff_ffff }), (seed, bound) => {
        const v = uniformBelow(mulberry32(seed), bound);
        return Number.isInteger(v) && v >= 0 && v < bound;
      }),
    );
    fc.assert(
      fc.property(seedArb, fc.bigInt({ min: 1n, max: 1n << 100n }), (seed, bound) => {
        const v = uniformBigBelow(mulberry32(seed), bound);
        return v >= 0n && v < bound;
      }),
    );
  });

  it('reads a seed only as a uint32 in decimal', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('4294967295')).toBe(4294967295);
    for (const bad of ['4294967296', '-1', '1.5', '', ' 7', '0x10', '12345678901']) expect(() => parseSeed(bad)).toThrow(SamplingProblem);
  });
});

describe('simple random sampling', () => {
  it('never repeats an item and stays within the population', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, count, share) => {
        const n = Math.floor(count * share);
        const sample = simpleRandomSample(seed, count, n);
        return sample.length === n && new Set(sample).size === n && sample.every((p) => Number.isInteger(p) && p >= 0 && p < count);
      }),
    );
  });

  it('gives the same sample for the same seed and population', () => {
    fc.assert(fc.property(seedArb, fc.integer({ min: 1, max: 300 }), (seed, count) => expect(simpleRandomSample(seed, count, Math.ceil(count / 3))).toEqual(simpleRandomSample(seed, count, Math.ceil(count / 3)))));
  });

  it('takes the whole population when n = N, and refuses n > N', () => {
    expect(simpleRandomSample(7, 10, 10).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => simpleRandomSample(7, 10, 11)).toThrow(expect.objectContaining({ code: 'sample_too_large', params: { sampleSize: '11', populationCount: '10' } }));
  });

  it('differs between seeds (not a constant)', () => {
    const samples = new Set(Array.from({ length: 20 }, (_, s) => simpleRandomSample(s, 1000, 10).join(',')));
    expect(samples.size).toBe(20);
  });
});

describe('monetary-unit sampling', () => {
  it('always selects every item at or above the interval, never an item twice', () => {
    fc.assert(
      fc.property(seedArb, amountsArb, fc.integer({ min: 1, max: 60 }), (seed, amounts, n) => {
        const total = amounts.reduce((s, a) => s + a, 0n);
        const sample = monetaryUnitSample(seed, amounts, n);
        const selected = new Set(sample);
        expect(selected.size).toBe(sample.length);
        expect(sample.length).toBeLessThanOrEqual(n);
        amounts.forEach((a, i) => {
          if (a * BigInt(n) >= total) expect(selected.has(i)).toBe(true);
        });
        expect([...sample].sort((a, b) => a - b)).toEqual(sample);
      }),
    );
  });

  it('gives the same sample for the same seed and population', () => {
    fc.assert(fc.property(seedArb, amountsArb, fc.integer({ min: 1, max: 40 }), (seed, amounts, n) => expect(monetaryUnitSample(seed, amounts, n)).toEqual(monetaryUnitSample(seed, amounts, n))));
  });

  it('selects with probability proportional to amount (a large item far more often than a small one)', () => {
    const amounts = [1n, 99n, ...Array.from({ length: 98 }, () => 100n)];
    let small = 0;
    let large = 0;
    for (let seed = 0; seed < 2000; seed++) {
      const s = new Set(monetaryUnitSample(seed, amounts, 5));
      if (s.has(0)) small++;
      if (s.has(1)) large++;
    }
    expect(large).toBeGreaterThan(small * 20);
  });
});

describe('the whole draw with risk-based additions', () => {
  it('adds every open-red-flag item and every item at or above the value, once, with all reasons', () => {
    fc.assert(
      fc.property(seedArb, fc.array(fc.record({ amountMinor: fc.bigInt({ min: 1n, max: 1_000_000n }), openFlag: fc.boolean() }), { minLength: 1, maxLength: 100 }), fc.bigInt({ min: 1n, max: 1_000_000n }), (seed, items, above) => {
        const drawn = drawSample({ seed, method: 'simple_random', items, sampleSize: Math.min(3, items.length), includeOpenRedFlags: true, includeAboveMinor: above });
        expect(new Set(drawn.map((d) => d.position)).size).toBe(drawn.length);
        items.forEach((item, position) => {
          const d = drawn.find((x) => x.position === position);
          if (item.openFlag) expect(d?.reasons).toContain('open_red_flag');
          if (item.amountMinor >= above) expect(d?.reasons).toContain('above_value');
        });
        expect(drawn.filter((d) => d.reasons.includes('random'))).toHaveLength(Math.min(3, items.length));
      }),
    );
  });

  it('refuses an empty population', () => {
    expect(() => drawSample({ seed: 1, method: 'monetary_unit', items: [], sampleSize: 3, includeOpenRedFlags: false, includeAboveMinor: null })).toThrow(expect.objectContaining({ code: 'population_empty' }));
  });
});

describe('sampling at scale', () => {
  it('draws 10,000 of 100,000 items in well under a second, by either method', () => {
    const amounts = Array.from({ length: 100_000 }, (_, i) => BigInt(1000 + ((i * 7919) % 1_000_000)));
    const started = Date.now();
    const random = simpleRandomSample(1, amounts.length, 10_000);
    const mus = monetaryUnitSample(1, amounts, 10_000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(new Set(random).size).toBe(10_000);
    expect(mus.length).toBeGreaterThan(9_000);
  });
});
