/**
 * Which reviewers review which applications (DESIGN.md, step 4): every
 * application gets N distinct reviewers, never one who is excluded from it
 * (a declared conflict, a member of the applying organization or of one of
 * its partners), with the reviewers' loads as even as the exclusions allow.
 */

export interface ReviewerPair {
  applicationId: string;
  reviewerId: string;
}

export interface BalancedAssignmentOptions {
  /** Distinct reviewers each application should have, counting those it already has. */
  perApplication: number;
  /** Pairs that must never be assigned. */
  exclusions: readonly ReviewerPair[];
  /**
   * Live assignments made earlier: they count towards each reviewer's load
   * and towards the application's N, and are never moved.
   */
  existing?: readonly ReviewerPair[];
}

export interface BalancedAssignment {
  /** New pairs only, in application order then reviewer order. */
  assignments: ReviewerPair[];
  /** Applications that could not get N reviewers: too few reviewers are free of conflicts. */
  shortfalls: { applicationId: string; missing: number }[];
  /** Each reviewer's load afterwards (existing + new), in reviewer order. */
  loads: { reviewerId: string; load: number }[];
}

const key = (applicationId: string, reviewerId: string) => `${applicationId}\u0000${reviewerId}`;

/**
 * Deterministic: the same input gives the same output (ties go to the
 * reviewer listed first, applications are filled most-constrained first).
 *
 * 1. Greedy: each application, fewest possible reviewers first, takes the
 *    least-loaded reviewers it may have.
 * 2. Balancing: while some reviewer carries at least two more than another
 *    reviewer reachable from them, shift one new assignment along a chain
 *    (h gives application a1 to r1, r1 gives a2 to r2, …, until one with the
 *    lower load takes one). Each shift lowers Σ load², so this ends; when it
 *    ends no chain can even the loads further, which is exactly when no
 *    assignment has a smaller max − min load (so max − min ≤ 1 whenever any
 *    assignment achieves it).
 */
export function balancedAssignment(
  applicationIds: readonly string[],
  reviewerIds: readonly string[],
  options: BalancedAssignmentOptions,
): BalancedAssignment {
  const { perApplication } = options;
  if (!Number.isInteger(perApplication) || perApplication < 1) throw new RangeError('perApplication must be a whole number of at least 1');
  const apps = [...new Set(applicationIds)];
  const reviewers = [...new Set(reviewerIds)];
  const order = new Map(reviewers.map((r, i) => [r, i]));
  const excluded = new Set(options.exclusions.map((p) => key(p.applicationId, p.reviewerId)));

  const load = new Map<string, number>(reviewers.map((r) => [r, 0]));
  /** Reviewers on each application: existing and new. */
  const on = new Map<string, Set<string>>(apps.map((a) => [a, new Set<string>()]));
  for (const p of options.existing ?? []) {
    if (load.has(p.reviewerId)) load.set(p.reviewerId, (load.get(p.reviewerId) ?? 0) + 1);
    on.get(p.applicationId)?.add(p.reviewerId);
  }
  /** New assignments per reviewer: only these may move while balancing. */
  const movable = new Map<string, Set<string>>(reviewers.map((r) => [r, new Set<string>()]));

  const allowed = (a: string, r: string) => !excluded.has(key(a, r)) && !(on.get(a)?.has(r) ?? false);
  const candidatesOf = (a: string) => reviewers.filter((r) => allowed(a, r));

  const fillOrder = apps
    .map((a, index) => ({ a, index, free: candidatesOf(a).length }))
    .sort((x, y) => x.free - y.free || x.index - y.index)
    .map((x) => x.a);
  const shortfalls = new Map<string, number>();
  for (const a of fillOrder) {
    const need = Math.max(0, perApplication - (on.get(a)?.size ?? 0));
    const picked = candidatesOf(a)
      .sort((x, y) => (load.get(x) ?? 0) - (load.get(y) ?? 0) || (order.get(x) ?? 0) - (order.get(y) ?? 0))
      .slice(0, need);
    for (const r of picked) {
      on.get(a)?.add(r);
      movable.get(r)?.add(a);
      load.set(r, (load.get(r) ?? 0) + 1);
    }
    if (picked.length < need) shortfalls.set(a, need - picked.length);
  }

  for (;;) {
    const chain = findEvenerChain(reviewers, load, movable, allowed);
    if (!chain) break;
    for (const step of chain) {
      movable.get(step.from)?.delete(step.applicationId);
      on.get(step.applicationId)?.delete(step.from);
      movable.get(step.to)?.add(step.applicationId);
      on.get(step.applicationId)?.add(step.to);
    }
    const first = chain[0].from;
    const last = chain[chain.length - 1].to;
    load.set(first, (load.get(first) ?? 0) - 1);
    load.set(last, (load.get(last) ?? 0) + 1);
  }

  const assignments: ReviewerPair[] = [];
  for (const a of apps) {
    for (const r of reviewers) if (movable.get(r)?.has(a)) assignments.push({ applicationId: a, reviewerId: r });
  }
  return {
    assignments,
    shortfalls: apps.filter((a) => shortfalls.has(a)).map((a) => ({ applicationId: a, missing: shortfalls.get(a) ?? 0 })),
    loads: reviewers.map((r) => ({ reviewerId: r, load: load.get(r) ?? 0 })),
  };
}

interface ChainStep {
  from: string;
  to: string;
  applicationId: string;
}

/**
 * A chain from a most-loaded reviewer to one with at least two less, found
 * breadth-first (shortest chain; reviewers and applications in input order).
 * Steps are taken from the highest-loaded reviewers first.
 */
function findEvenerChain(
  reviewers: readonly string[],
  load: ReadonlyMap<string, number>,
  movable: ReadonlyMap<string, ReadonlySet<string>>,
  allowed: (applicationId: string, reviewerId: string) => boolean,
): ChainStep[] | null {
  const byLoad = [...reviewers].sort((x, y) => (load.get(y) ?? 0) - (load.get(x) ?? 0));
  for (const start of byLoad) {
    const startLoad = load.get(start) ?? 0;
    if ((movable.get(start)?.size ?? 0) === 0) continue;
    const cameFrom = new Map<string, ChainStep>();
    const queue = [start];
    const seen = new Set([start]);
    while (queue.length > 0) {
      const x = queue.shift() as string;
      for (const a of movable.get(x) ?? []) {
        for (const y of reviewers) {
          if (seen.has(y) || !allowed(a, y)) continue;
          seen.add(y);
          cameFrom.set(y, { from: x, to: y, applicationId: a });
          if ((load.get(y) ?? 0) <= startLoad - 2) {
            const chain: ChainStep[] = [];
            for (let at = y; at !== start; ) {
              const step = cameFrom.get(at) as ChainStep;
              chain.unshift(step);
              at = step.from;
            }
            return chain;
          }
          queue.push(y);
        }
      }
    }
  }
  return null;
}
