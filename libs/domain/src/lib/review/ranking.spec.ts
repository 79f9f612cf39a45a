import { fundingLine, rankApplications } from './ranking';

/** mulberry32: a small seeded generator, so every random case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

interface Item {
  id: string;
  meanHundredths: number | null;
  submittedAt: string | null;
  receiptNumber: string | null;
  requestedMinor: bigint;
}

const at = (minute: number) => new Date(Date.UTC(2027, 2, 1, 9, minute)).toISOString();
const receipt = (n: number) => `MZ-2027-${String(n).padStart(6, '0')}`;

function randomItems(rnd: () => number): Item[] {
  // Few distinct scores and times, so ties are common.
  return Array.from({ length: int(rnd, 0, 25) }, (_, i) => ({
    id: `a${i}`,
    meanHundredths: rnd() < 0.1 ? null : int(rnd, 0, 5) * 50,
    submittedAt: at(int(rnd, 0, 4)),
    receiptNumber: receipt(int(rnd, 1, 6)),
    requestedMinor: BigInt(int(rnd, 0, 1_000_000)) * 100n,
  }));
}

describe('ranking', () => {
  it('ranks by mean score, then by earlier submission, then by receipt; unscored last', () => {
    const items: Item[] = [
      { id: 'late', meanHundredths: 390, submittedAt: at(30), receiptNumber: receipt(3), requestedMinor: 1n },
      { id: 'unscored', meanHundredths: null, submittedAt: at(1), receiptNumber: receipt(1), requestedMinor: 1n },
      { id: 'early', meanHundredths: 390, submittedAt: at(10), receiptNumber: receipt(2), requestedMinor: 1n },
      { id: 'best', meanHundredths: 412, submittedAt: at(50), receiptNumber: receipt(9), requestedMinor: 1n },
      { id: 'same-time-higher-receipt', meanHundredths: 390, submittedAt: at(10), receiptNumber: receipt(5), requestedMinor: 1n },
      { id: 'low', meanHundredths: 120, submittedAt: at(0), receiptNumber: receipt(0), requestedMinor: 1n },
    ];
    expect(rankApplications(items).map((i) => i.id)).toEqual(['best', 'early', 'same-time-higher-receipt', 'late', 'low', 'unscored']);
  });

  it('property: the order is by score, ties by submission time; equal keys keep their input order (stable); nothing is lost', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const rnd = prng(seed);
      const items = randomItems(rnd);
      const ranked = rankApplications(items);
      expect([...ranked].map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
      for (let k = 1; k < ranked.length; k += 1) {
        const a = ranked[k - 1];
        const b = ranked[k];
        const sa = a.meanHundredths ?? -1;
        const sb = b.meanHundredths ?? -1;
        expect(sa).toBeGreaterThanOrEqual(sb);
        if (sa === sb) {
          expect(a.submittedAt as string <= (b.submittedAt as string)).toBe(true);
          if (a.submittedAt === b.submittedAt) {
            expect(a.receiptNumber as string <= (b.receiptNumber as string)).toBe(true);
            if (a.receiptNumber === b.receiptNumber) expect(items.indexOf(a)).toBeLessThan(items.indexOf(b));
          }
        }
      }
      // Ranking a shuffled copy gives the same order up to fully equal keys.
      const keyOf = (i: Item) => `${i.meanHundredths}|${i.submittedAt}|${i.receiptNumber}`;
      const shuffled = [...items].sort(() => rnd() - 0.5);
      expect(rankApplications(shuffled).map(keyOf)).toEqual(ranked.map(keyOf));
      // Ranking twice changes nothing.
      expect(rankApplications(ranked)).toEqual(ranked);
    }
  });
});

describe('funding line', () => {
  const item = (id: string, requested: bigint) => ({ id, requestedMinor: requested });

  it('admits applications while the cumulative request stays within the envelope, and draws a strict line at the first that does not fit', () => {
    const line = fundingLine([item('a', 400n), item('b', 300n), item('c', 400n), item('d', 100n)], 1000n);
    expect(line.positions.map((p) => [p.item.id, p.cumulativeMinor, p.aboveLine])).toEqual([
      ['a', 400n, true],
      ['b', 700n, true],
      ['c', 1100n, false],
      // d would fit in what is left (300), but the line is strict: it stays below.
      ['d', 1200n, false],
    ]);
    expect(line).toMatchObject({ aboveCount: 2, fundedMinor: 700n, remainingMinor: 300n });
  });

  it('an application asking exactly what is left is above the line; an empty ranking funds nothing', () => {
    expect(fundingLine([item('a', 600n), item('b', 400n)], 1000n).aboveCount).toBe(2);
    expect(fundingLine([], 1000n)).toEqual({ positions: [], aboveCount: 0, fundedMinor: 0n, remainingMinor: 1000n });
    expect(fundingLine([item('a', 1n)], 0n).aboveCount).toBe(0);
  });

  it('works with amounts far beyond the safe integer range', () => {
    const big = 9_000_000_000_000_000_000n;
    const line = fundingLine([item('a', big - 1n), item('b', 1n), item('c', 1n)], big);
    expect(line.positions.map((p) => p.aboveLine)).toEqual([true, true, false]);
    expect(line.fundedMinor).toBe(big);
  });

  it('property: never exceeds the envelope, admits a prefix of the ranking, and stops only at one that would not fit', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const rnd = prng(seed * 31);
      const ranked = rankApplications(randomItems(rnd));
      const envelope = BigInt(int(rnd, 0, 5_000_000)) * 100n;
      const line = fundingLine(ranked, envelope);
      const above = line.positions.filter((p) => p.aboveLine);
      const sum = above.reduce((s, p) => s + p.item.requestedMinor, 0n);
      expect(sum).toBe(line.fundedMinor);
      expect(sum <= envelope).toBe(true);
      expect(line.remainingMinor).toBe(envelope - sum);
      // Above the line is exactly the first aboveCount applications.
      expect(line.positions.map((p) => p.aboveLine)).toEqual(ranked.map((_, i) => i < line.aboveCount));
      // The first below the line really would not have fitted.
      const first = line.positions[line.aboveCount];
      if (first) expect(sum + first.item.requestedMinor > envelope).toBe(true);
      // Running sums are the prefix sums of the requests.
      let running = 0n;
      line.positions.forEach((p) => {
        running += p.item.requestedMinor;
        expect(p.cumulativeMinor).toBe(running);
      });
    }
  });
});
