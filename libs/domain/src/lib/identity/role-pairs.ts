/**
 * Segregation of duties between roles (docs/DESIGN.md, "Who uses it"; docs/finance.md, "Segregation of
 * duties"): some roles must never meet in one person, others may only with a reason on the trail. The
 * per-action rules stay where they are — the requester of a payment never approves it (finance/segregation),
 * an officer who is a member of the applying organization does not decide on it, a reviewer is never put on
 * an application of their own organization, of its partners or of a competing applicant of the call — this
 * table is what an administrator is told (and held to) when giving roles.
 *
 * Roles are the names of `ROLES` in @mizan/contracts (the domain does not depend on it).
 */
export type RolePairRule = 'refused' | 'reason';

export interface RolePair {
  /** The two roles, in alphabetical order. */
  roles: readonly [string, string];
  /** `refused`: never in one person. `reason`: allowed, with a reason on the activity trail. */
  rule: RolePairRule;
  /** The pair's name in error params and on the trail: "auditor+finance". */
  id: string;
}

function pair(a: string, b: string, rule: RolePairRule): RolePair {
  const roles = [a, b].sort() as [string, string];
  return { roles, rule, id: `${roles[0]}+${roles[1]}` };
}

export const ROLE_PAIRS: readonly RolePair[] = [
  // The auditor checks what these roles do; nobody audits their own work.
  pair('finance', 'auditor', 'refused'),
  pair('officer', 'auditor', 'refused'),
  pair('reviewer', 'auditor', 'refused'),
  // The admin gives roles, the auditor's too, and the auditor checks those changes.
  pair('admin', 'auditor', 'reason'),
  // An officer requests payments that finance approves: the payment's own rule still stops one person doing both.
  pair('officer', 'finance', 'reason'),
  // An officer decides on what reviewers score.
  pair('officer', 'reviewer', 'reason'),
  // A third-party monitor checks the grantee's work and reports to the officer: independent of both sides
  // (docs/monitoring.md), so never also an officer, finance, auditor, applicant or partner.
  pair('monitor', 'officer', 'refused'),
  pair('monitor', 'finance', 'refused'),
  pair('monitor', 'auditor', 'refused'),
  pair('monitor', 'applicant', 'refused'),
  pair('monitor', 'partner', 'refused'),
];

export interface RolePairCheck {
  /** Pairs the roles hold that are never allowed. */
  refused: RolePair[];
  /** Pairs that need a reason and that the user did not hold before (one held before was accepted then). */
  needReason: RolePair[];
}

/** The conflicting pairs among `roles`; `before` is what the user held until now (empty for a new user). */
export function checkRolePairs(roles: readonly string[], before: readonly string[] = []): RolePairCheck {
  const now = new Set(roles);
  const had = new Set(before);
  const holds = (set: Set<string>, p: RolePair) => set.has(p.roles[0]) && set.has(p.roles[1]);
  const present = ROLE_PAIRS.filter((p) => holds(now, p));
  return {
    refused: present.filter((p) => p.rule === 'refused'),
    needReason: present.filter((p) => p.rule === 'reason' && !holds(had, p)),
  };
}
