import type { Role } from './roles';

/**
 * Permission names shared by the api guard and the web navigation.
 * A route is denied unless it names one of these (or is explicitly public)
 * and the caller holds it through one of their roles.
 */
export const PERMISSIONS = [
  'session.own',
  'trail.read',
  'trail.verify',
  'trail.export',
  'user.read',
  'user.manage',
  // Intake (issue 3)
  'program.manage',
  'call.browse',
  'organization.own',
  'application.own',
  'application.partner',
  'screening.manage',
  'due_diligence.review',
  // Review and decision (issue 4)
  'review.assign',
  'review.own',
  'decision.make',
  'outbox.read',
  // Grants and disbursement (issue 9)
  'grant.manage',
  'grant.read',
  'grant.own',
  'grant.partner',
  'payment.request',
  'payment.approve',
  'payment.execute',
  'fx.manage',
  'ledger.read',
  'finance.settings',
  // Monitoring (issue 11): officers set security levels and the policy, assign monitors, record visits;
  // a monitor sees and records visits on the grants assigned to them only.
  'monitoring.manage',
  'monitoring.visit',
  // Reporting: red flags (issue 11)
  'red_flag.manage',
  // Audit (issue 12): officers and admins plan engagements; auditors conduct the ones they are named on, within their scope.
  'audit.plan',
  'audit.conduct',
  // Sanctions screening (issue 13): officers and admins import lists, work the queue of potential matches, check names.
  'sanctions.screen',
  // Transparency (issue 16): officers and admins set the agency's IATI identity, preview and publish programs.
  'transparency.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  applicant: ['session.own', 'call.browse', 'organization.own', 'application.own', 'grant.own'],
  partner: ['session.own', 'application.partner', 'grant.partner'],
  officer: [
    'session.own',
    'program.manage',
    'screening.manage',
    'due_diligence.review',
    'review.assign',
    'decision.make',
    'outbox.read',
    'grant.manage',
    'grant.read',
    'payment.request',
    'ledger.read',
    'monitoring.manage',
    'red_flag.manage',
    'audit.plan',
    'sanctions.screen',
    'transparency.manage',
  ],
  reviewer: ['session.own', 'review.own'],
  finance: ['session.own', 'grant.read', 'payment.approve', 'payment.execute', 'fx.manage', 'ledger.read', 'finance.settings'],
  // Auditors hold no agency-wide grant or ledger read: everything they read outside the trail goes through
  // `audit.conduct` and the scope of their open engagements (libs/server/identity audit-scope.ts).
  auditor: ['session.own', 'trail.read', 'trail.verify', 'trail.export', 'audit.conduct'],
  admin: ['session.own', 'trail.read', 'trail.verify', 'user.read', 'user.manage', 'outbox.read', 'audit.plan', 'sanctions.screen', 'transparency.manage'],
  monitor: ['session.own', 'monitoring.visit'],
};

/** Own properties only: a role string like "constructor" that slipped past the types grants nothing. */
function grantsOf(role: Role): readonly Permission[] {
  return Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role] : [];
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    for (const permission of grantsOf(role)) granted.add(permission);
  }
  return PERMISSIONS.filter((p) => granted.has(p));
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => grantsOf(role).includes(permission));
}
