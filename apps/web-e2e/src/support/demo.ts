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
  'monitor',
] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];
/** Every demo login: one per role, plus a second applicant, partner and officer and two more reviewers. */
export type DemoUser =
  | DemoRole
  | 'applicant2'
  | 'partner2'
  | 'officer2'
  | 'finance2'
  | 'reviewer2'
  | 'reviewer3';

/** Display names of the demo reviewers, as pickers show them. */
export const DEMO_REVIEWER_NAMES: Readonly<Record<'reviewer' | 'reviewer2' | 'reviewer3', string>> = {
  reviewer: 'Dr. Samir Yousif',
  reviewer2: 'Prof. Huda Kareem',
  reviewer3: 'Dr. Lars Holm',
};

export function demoEmail(user: DemoUser): string {
  return `${user}@demo.mizan.local`;
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
  'nav-reviewDesk',
  'nav-myReviews',
  'nav-grants',
  'nav-myGrants',
  'nav-monitoring',
  'nav-monitorGrants',
  'nav-notifications',
  'nav-outbox',
] as const;
export type NavId = (typeof NAV_IDS)[number];

/** What each role may open, as DESIGN.md and the permission table say. */
export const EXPECTED_NAV: Readonly<Record<DemoRole, readonly NavId[]>> = {
  applicant: [
    'nav-home',
    'nav-myOrganizations',
    'nav-openCalls',
    'nav-myApplications',
    'nav-myGrants',
    'nav-notifications',
  ],
  partner: [
    'nav-home',
    'nav-partnerApplications',
    'nav-partnerOrganization',
    'nav-myGrants',
    'nav-notifications',
  ],
  officer: ['nav-home', 'nav-reviewDesk', 'nav-grants', 'nav-monitoring', 'nav-notifications', 'nav-outbox'],
  reviewer: ['nav-home', 'nav-myReviews', 'nav-notifications'],
  finance: ['nav-home', 'nav-grants', 'nav-notifications'],
  auditor: ['nav-home', 'nav-trail', 'nav-grants', 'nav-notifications'],
  admin: ['nav-home', 'nav-trail', 'nav-users', 'nav-notifications', 'nav-outbox'],
  monitor: ['nav-home', 'nav-monitorGrants', 'nav-notifications'],
};
