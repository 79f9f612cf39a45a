import { ReviewerPair, balancedAssignment } from './reviewer-assignment';

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

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const spreadOf = (loads: { load: number }[]) => (loads.length === 0 ? 0 : Math.max(...loads.map((l) => l.load)) - Math.min(...loads.map((l) => l.load)));

interface Case {
  apps: string[];
  reviewers: string[];
  perApplication: number;
  exclusions: ReviewerPair[];
  existing: ReviewerPair[];
}

function randomCase(rnd: () => number, maxApps: number, maxReviewers: number): Case {
  const apps = ids('app', int(rnd, 1, maxApps));
  const reviewers = ids('rev', int(rnd, 1, maxReviewers));
  const exclusions: ReviewerPair[] = [];
  const existing: ReviewerPair[] = [];
  const exclusionRate = rnd() * 0.4;
  for (const a of apps) {
    for (const r of reviewers) {
      const x = rnd();
      if (x < exclusionRate) exclusions.push({ applicationId: a, reviewerId: r });
      else if (x < exclusionRate + 0.05) existing.push({ applicationId: a, reviewerId: r });
    }
  }
  return { apps, reviewers, perApplication: int(rnd, 1, 3), exclusions, existing };
}

/** Every way to give each application its reviewers (small cases only): the best max − min load any assignment can reach. */
function bestPossibleSpread(c: Case): number {
  const excluded = new Set(c.exclusions.map((p) => `${p.applicationId}|${p.reviewerId}`));
  const base = new Map(c.reviewers.map((r) => [r, 0]));
  const has = new Map(c.apps.map((a) => [a, new Set<string>()]));
  for (const p of c.existing) {
    base.set(p.reviewerId, (base.get(p.reviewerId) ?? 0) + 1);
    has.get(p.applicationId)?.add(p.reviewerId);
  }
  const choicesPerApp = c.apps.map((a) => {
    const free = c.reviewers.filter((r) => !excluded.has(`${a}|${r}`) && !has.get(a)?.has(r));
    const need = Math.min(free.length, Math.max(0, c.perApplication - (has.get(a)?.size ?? 0)));
    return subsets(free, need);
  });
  let best = Infinity;
  const load = new Map(base);
  const walk = (i: number) => {
    if (i === choicesPerApp.length) {
      const values = [...load.values()];
      best = Math.min(best, Math.max(...values) - Math.min(...values));
      return;
    }
    for (const subset of choicesPerApp[i]) {
      for (const r of subset) load.set(r, (load.get(r) ?? 0) + 1);
      walk(i + 1);
      for (const r of subset) load.set(r, (load.get(r) ?? 0) - 1);
    }
  };
  walk(0);
  return best;
}

function subsets<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, k - 1).map((s) => [first, ...s]), ...subsets(rest, k)];
}

describe('balanced reviewer assignment', () => {
  it('gives every application two distinct reviewers with loads within one of each other', () => {
    const result = balancedAssignment(ids('app', 5), ids('rev', 4), { perApplication: 2, exclusions: [] });
    expect(result.shortfalls).toEqual([]);
    expect(result.assignments).toHaveLength(10);
    expect(result.loads.map((l) => l.load).sort()).toEqual([2, 2, 3, 3]);
    for (const a of ids('app', 5)) expect(new Set(result.assignments.filter((p) => p.applicationId === a).map((p) => p.reviewerId)).size).toBe(2);
  });

  it('never assigns an excluded reviewer and reports an application that cannot get enough reviewers', () => {
    const exclusions = [
      { applicationId: 'app0', reviewerId: 'rev0' },
      { applicationId: 'app0', reviewerId: 'rev1' },
      { applicationId: 'app1', reviewerId: 'rev2' },
    ];
    const result = balancedAssignment(['app0', 'app1'], ['rev0', 'rev1', 'rev2'], { perApplication: 2, exclusions });
    expect(result.assignments).toEqual([
      { applicationId: 'app0', reviewerId: 'rev2' },
      { applicationId: 'app1', reviewerId: 'rev0' },
      { applicationId: 'app1', reviewerId: 'rev1' },
    ]);
    expect(result.shortfalls).toEqual([{ applicationId: 'app0', missing: 1 }]);
  });

  it('tops up to N counting the reviewers an application already has, and counts their load', () => {
    const existing = [
      { applicationId: 'app0', reviewerId: 'rev0' },
      { applicationId: 'app1', reviewerId: 'rev0' },
    ];
    const result = balancedAssignment(['app0', 'app1', 'app2'], ['rev0', 'rev1', 'rev2'], { perApplication: 2, exclusions: [], existing });
    expect(result.assignments.filter((p) => p.applicationId !== 'app2').every((p) => p.reviewerId !== 'rev0')).toBe(true);
    expect(result.assignments).toHaveLength(4);
    expect(result.loads).toEqual([
      { reviewerId: 'rev0', load: 2 },
      { reviewerId: 'rev1', load: 2 },
      { reviewerId: 'rev2', load: 2 },
    ]);
  });

  it('evens out what filling one application at a time leaves uneven', () => {
    // Filled in turn, app0 takes rev0 and rev2, then app1 takes rev1 and rev0: rev0 carries 2 and rev3 none.
    const exclusions = [
      { applicationId: 'app0', reviewerId: 'rev1' },
      { applicationId: 'app1', reviewerId: 'rev3' },
    ];
    const result = balancedAssignment(ids('app', 2), ids('rev', 4), { perApplication: 2, exclusions });
    expect(result.loads.map((l) => l.load)).toEqual([1, 1, 1, 1]);
    expect(result.assignments).toEqual([
      { applicationId: 'app0', reviewerId: 'rev2' },
      { applicationId: 'app0', reviewerId: 'rev3' },
      { applicationId: 'app1', reviewerId: 'rev0' },
      { applicationId: 'app1', reviewerId: 'rev1' },
    ]);
  });

  it('is deterministic and refuses a non-positive N', () => {
    const c = randomCase(prng(42), 12, 6);
    const a = balancedAssignment(c.apps, c.reviewers, c);
    const b = balancedAssignment(c.apps, c.reviewers, c);
    expect(a).toEqual(b);
    expect(() => balancedAssignment(['a'], ['r'], { perApplication: 0, exclusions: [] })).toThrow(RangeError);
  });

  it('property: never an excluded reviewer, never the same reviewer twice on one application, and as many as possible up to N', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const rnd = prng(seed);
      const c = randomCase(rnd, 30, 10);
      const result = balancedAssignment(c.apps, c.reviewers, c);
      const excluded = new Set(c.exclusions.map((p) => `${p.applicationId}|${p.reviewerId}`));
      for (const p of result.assignments) expect(excluded.has(`${p.applicationId}|${p.reviewerId}`)).toBe(false);
      for (const a of c.apps) {
        const before = c.existing.filter((p) => p.applicationId === a).map((p) => p.reviewerId);
        const added = result.assignments.filter((p) => p.applicationId === a).map((p) => p.reviewerId);
        const all = [...before, ...added];
        expect(new Set(all).size).toBe(all.length);
        const free = c.reviewers.filter((r) => !excluded.has(`${a}|${r}`) && !before.includes(r)).length;
        const need = Math.max(0, c.perApplication - before.length);
        expect(added.length).toBe(Math.min(need, free));
        const missing = result.shortfalls.find((s) => s.applicationId === a)?.missing ?? 0;
        expect(missing).toBe(need - added.length);
      }
      // Loads reported are the existing plus the new ones.
      for (const { reviewerId, load } of result.loads) {
        expect(load).toBe(c.existing.filter((p) => p.reviewerId === reviewerId).length + result.assignments.filter((p) => p.reviewerId === reviewerId).length);
      }
    }
  });

  it('property: without exclusions or earlier assignments, max load − min load ≤ 1', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const rnd = prng(seed * 13);
      const apps = ids('app', int(rnd, 1, 40));
      const reviewers = ids('rev', int(rnd, 1, 12));
      const perApplication = int(rnd, 1, 3);
      const result = balancedAssignment(apps, reviewers, { perApplication, exclusions: [] });
      expect(spreadOf(result.loads)).toBeLessThanOrEqual(1);
    }
  });

  it('property: the loads are as even as any assignment could make them (checked against every possible assignment of small cases)', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const rnd = prng(seed * 101);
      const c = randomCase(rnd, 4, 4);
      const result = balancedAssignment(c.apps, c.reviewers, c);
      expect(spreadOf(result.loads)).toBe(bestPossibleSpread(c));
    }
  });
});
