/** The roles of DESIGN.md (and `monitor`, a third-party monitoring firm's user, issue 11; `expert`, a diaspora professional of the directory who registers themself, issue 15). Stored as text in `user_role.role`: never rename one. */
export const ROLES = ['applicant', 'partner', 'officer', 'reviewer', 'finance', 'auditor', 'admin', 'monitor', 'expert'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Staff roles belong to the agency; the others are the agency's grantees and experts. */
export const STAFF_ROLES: readonly Role[] = ['officer', 'finance', 'auditor', 'admin'];
