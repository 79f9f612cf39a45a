/** The demo users the seed script creates; one per role, all with the same password. */
export const DEMO_PASSWORD = 'mizan-demo-2026';

export const DEMO_ROLES = [
  'applicant',
  'partner',
  'officer',
  'reviewer',
  'finance',
  'auditor',
  'admin',
] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export function demoEmail(role: DemoRole): string {
  return `${role}@demo.mizan.local`;
}

export const NAV_IDS = [
  'nav-home',
  'nav-trail',
  'nav-users',
  'nav-myOrganizations',
  'nav-openCalls',
  'nav-myApplications',
  'nav-partnerApplications',
  'nav-partnerOrganization',
] as const;
export type NavId = (typeof NAV_IDS)[number];

/** What each role may open, as DESIGN.md and the permission table say. */
export const EXPECTED_NAV: Readonly<Record<DemoRole, readonly NavId[]>> = {
  applicant: [
    'nav-home',
    'nav-myOrganizations',
    'nav-openCalls',
    'nav-myApplications',
  ],
  partner: ['nav-home', 'nav-partnerApplications', 'nav-partnerOrganization'],
  officer: ['nav-home'],
  reviewer: ['nav-home'],
  finance: ['nav-home'],
  auditor: ['nav-home', 'nav-trail'],
  admin: ['nav-home', 'nav-trail', 'nav-users'],
};
