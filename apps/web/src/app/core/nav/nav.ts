import type { Permission } from '@mizan/contracts';
import type { TranslationKey } from '../i18n/catalog';
import type { IconName } from '../icons/icons';

/**
 * Who may open each page: a page is open to a session holding any of its permissions.
 * Route guards and the side navigation both read this, so they cannot disagree.
 */
export const PAGE_ACCESS = {
  home: ['session.own'],
  trail: ['trail.read'],
  users: ['user.read', 'user.manage'],
  // Intake, applicant and partner side
  myOrganizations: ['organization.own'],
  openCalls: ['call.browse'],
  myApplications: ['application.own'],
  partnerApplications: ['application.partner'],
  partnerOrganization: ['application.partner'],
  // Intake, officer's desk
  programs: ['program.manage'],
  screening: ['screening.manage'],
  organizations: ['due_diligence.review'],
  // One application's or organization's page (not the desks' lists): also an auditor, read-only, within their
  // open engagements' scope (the server answers 404 outside it) — issue 12.
  applicationPage: ['screening.manage', 'audit.conduct'],
  organizationPage: ['due_diligence.review', 'audit.conduct'],
  // Review and decision
  myReviews: ['review.own'],
  reviewDesk: ['review.assign', 'decision.make'],
  // Finance (issue 9)
  payments: ['payment.approve', 'payment.execute'],
  exchangeRates: ['fx.manage'],
  ledger: ['ledger.read'],
  financeSettings: ['finance.settings'],
  notifications: ['session.own'],
  outbox: ['outbox.read'],
  // Grants (issue 9)
  // Auditors (audit.conduct) read the grants of their open engagements' scope, read-only (issue 12).
  grants: ['grant.manage', 'grant.read', 'audit.conduct'],
  myGrants: ['grant.own', 'grant.partner'],
  // Reporting and verification (issue 11)
  // Auditors read a report, its lines, receipts and threads (read-only, in scope; issue 12).
  verifyReport: ['grant.manage', 'audit.conduct'],
  // Reports (issue 11): the officer's list of reports to verify and reports that are late
  officerReports: ['grant.manage'],
  // Monitoring (issue 11)
  monitoring: ['monitoring.manage'],
  monitorGrants: ['monitoring.visit'],
  // Red flags (issue 11)
  redFlags: ['red_flag.manage'],
  // Audit (issue 12): officers plan engagements, auditors work in the ones they are on; grantees answer findings.
  audit: ['audit.plan', 'audit.conduct'],
  myFindings: ['grant.own', 'grant.partner'],
  // Sanctions screening (issue 13): lists, the queue of potential matches, name checks, settings.
  sanctions: ['sanctions.screen'],
  // Directory (issue 15): the expert's own profile and requests; needs (hosts post theirs, officers see all and run
  // the matching); the search (officers; hosts see the profiles visible to hosts); the map and charts (officers).
  expertProfile: ['directory.own'],
  expertRequests: ['directory.own'],
  directoryNeeds: ['directory.host', 'directory.manage'],
  directoryPostNeed: ['directory.host'],
  directorySearch: ['directory.manage', 'directory.host'],
  directoryMap: ['directory.manage'],
  // Transparency (issue 16): the agency's IATI identity, each program's publication, preview and publishing.
  transparency: ['transparency.manage'],
  // Registrations held after a potential sanctions match (officers release or refuse them); the free-text skills
  // experts typed, for the taxonomy (officers and admins).
  directoryHeld: ['directory.manage'],
  directorySuggestions: ['directory.taxonomy'],
} as const satisfies Record<string, readonly Permission[]>;

export type PageId = keyof typeof PAGE_ACCESS;

export interface NavEntry {
  id: PageId;
  path: string;
  labelKey: TranslationKey;
  icon: IconName;
  anyOf: readonly Permission[];
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  {
    id: 'home',
    path: '/home',
    labelKey: 'nav.home',
    icon: 'home',
    anyOf: PAGE_ACCESS.home,
  },
  {
    id: 'trail',
    path: '/trail',
    labelKey: 'nav.trail',
    icon: 'history',
    anyOf: PAGE_ACCESS.trail,
  },
  {
    id: 'users',
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: 'group',
    anyOf: PAGE_ACCESS.users,
  },
  {
    id: 'myOrganizations',
    path: '/my-organizations',
    labelKey: 'nav.myOrganizations',
    icon: 'business',
    anyOf: PAGE_ACCESS.myOrganizations,
  },
  {
    id: 'openCalls',
    path: '/open-calls',
    labelKey: 'nav.openCalls',
    icon: 'event',
    anyOf: PAGE_ACCESS.openCalls,
  },
  {
    id: 'myApplications',
    path: '/my-applications',
    labelKey: 'nav.myApplications',
    icon: 'assignment',
    anyOf: PAGE_ACCESS.myApplications,
  },
  {
    id: 'partnerApplications',
    path: '/partner/applications',
    labelKey: 'nav.partnerApplications',
    icon: 'assignment',
    anyOf: PAGE_ACCESS.partnerApplications,
  },
  {
    id: 'partnerOrganization',
    path: '/partner/organization',
    labelKey: 'nav.partnerOrganization',
    icon: 'public',
    anyOf: PAGE_ACCESS.partnerOrganization,
  },
  {
    id: 'programs',
    path: '/officer/programs',
    labelKey: 'nav.programs',
    icon: 'folder',
    anyOf: PAGE_ACCESS.programs,
  },
  {
    id: 'screening',
    path: '/officer/screening',
    labelKey: 'nav.screening',
    icon: 'fact_check',
    anyOf: PAGE_ACCESS.screening,
  },
  {
    id: 'organizations',
    path: '/officer/organizations',
    labelKey: 'nav.organizations',
    icon: 'business',
    anyOf: PAGE_ACCESS.organizations,
  },
  {
    id: 'reviewDesk',
    path: '/officer/review',
    labelKey: 'nav.review',
    icon: 'leaderboard',
    anyOf: PAGE_ACCESS.reviewDesk,
  },
  {
    id: 'grants',
    path: '/officer/grants',
    labelKey: 'nav.grants',
    icon: 'description',
    anyOf: PAGE_ACCESS.grants,
  },
  {
    id: 'officerReports',
    path: '/officer/reports',
    labelKey: 'nav.officerReports',
    icon: 'fact_check',
    anyOf: PAGE_ACCESS.officerReports,
  },
  {
    id: 'redFlags',
    path: '/officer/red-flags',
    labelKey: 'flags.nav',
    icon: 'flag',
    anyOf: PAGE_ACCESS.redFlags,
  },
  {
    id: 'myGrants',
    path: '/my-grants',
    labelKey: 'nav.myGrants',
    icon: 'description',
    anyOf: PAGE_ACCESS.myGrants,
  },
  {
    id: 'myFindings',
    path: '/my-findings',
    labelKey: 'audit.nav.myFindings',
    icon: 'fact_check',
    anyOf: PAGE_ACCESS.myFindings,
  },
  {
    id: 'monitoring',
    path: '/officer/monitoring',
    labelKey: 'monitoring.nav.officer',
    icon: 'public',
    anyOf: PAGE_ACCESS.monitoring,
  },
  {
    id: 'audit',
    path: '/audit',
    labelKey: 'audit.nav.engagements',
    icon: 'verified',
    anyOf: PAGE_ACCESS.audit,
  },
  {
    id: 'sanctions',
    path: '/sanctions',
    labelKey: 'sanctions.nav.title',
    icon: 'policy',
    anyOf: PAGE_ACCESS.sanctions,
  },
  {
    id: 'expertProfile',
    path: '/expert/profile',
    labelKey: 'directory.nav.profile',
    icon: 'badge',
    anyOf: PAGE_ACCESS.expertProfile,
  },
  {
    id: 'expertRequests',
    path: '/expert/requests',
    labelKey: 'directory.nav.requests',
    icon: 'handshake',
    anyOf: PAGE_ACCESS.expertRequests,
  },
  {
    id: 'directoryNeeds',
    path: '/directory/needs',
    labelKey: 'directory.nav.needs',
    icon: 'handshake',
    anyOf: PAGE_ACCESS.directoryNeeds,
  },
  {
    id: 'directorySearch',
    path: '/directory/search',
    labelKey: 'directory.nav.search',
    icon: 'travel_explore',
    anyOf: PAGE_ACCESS.directorySearch,
  },
  {
    id: 'directoryMap',
    path: '/directory/map',
    labelKey: 'directory.nav.map',
    icon: 'map',
    anyOf: PAGE_ACCESS.directoryMap,
  },
  {
    id: 'directoryHeld',
    path: '/directory/held',
    labelKey: 'directory.nav.held',
    icon: 'policy',
    anyOf: PAGE_ACCESS.directoryHeld,
  },
  {
    id: 'directorySuggestions',
    path: '/directory/suggestions',
    labelKey: 'directory.nav.suggestions',
    icon: 'bar_chart',
    anyOf: PAGE_ACCESS.directorySuggestions,
  },
  {
    id: 'transparency',
    path: '/officer/transparency',
    labelKey: 'transparency.nav',
    icon: 'language',
    anyOf: PAGE_ACCESS.transparency,
  },
  {
    id: 'monitorGrants',
    path: '/monitor/grants',
    labelKey: 'monitoring.nav.monitor',
    icon: 'visibility',
    anyOf: PAGE_ACCESS.monitorGrants,
  },
  {
    id: 'myReviews',
    path: '/reviews',
    labelKey: 'nav.myReviews',
    icon: 'rate_review',
    anyOf: PAGE_ACCESS.myReviews,
  },
  {
    id: 'payments',
    path: '/finance/payments',
    labelKey: 'nav.payments',
    icon: 'send',
    anyOf: PAGE_ACCESS.payments,
  },
  {
    id: 'exchangeRates',
    path: '/finance/exchange-rates',
    labelKey: 'nav.exchangeRates',
    icon: 'swap_horiz',
    anyOf: PAGE_ACCESS.exchangeRates,
  },
  {
    id: 'ledger',
    path: '/finance/ledger',
    labelKey: 'nav.ledger',
    icon: 'grid_on',
    anyOf: PAGE_ACCESS.ledger,
  },
  {
    id: 'financeSettings',
    path: '/finance/settings',
    labelKey: 'nav.financeSettings',
    icon: 'lock',
    anyOf: PAGE_ACCESS.financeSettings,
  },
  {
    id: 'notifications',
    path: '/notifications',
    labelKey: 'nav.notifications',
    icon: 'notifications',
    anyOf: PAGE_ACCESS.notifications,
  },
  {
    id: 'outbox',
    path: '/outbox',
    labelKey: 'nav.outbox',
    icon: 'mail',
    anyOf: PAGE_ACCESS.outbox,
  },
];

export function holdsAny(
  held: readonly Permission[],
  anyOf: readonly Permission[],
): boolean {
  return anyOf.some((permission) => held.includes(permission));
}

/** The navigation entries a session with `held` permissions may use, in menu order. */
export function visibleNav(
  held: readonly Permission[],
  entries: readonly NavEntry[] = NAV_ENTRIES,
): NavEntry[] {
  return entries.filter((entry) => holdsAny(held, entry.anyOf));
}

export function navEntry(id: PageId): NavEntry {
  const entry = NAV_ENTRIES.find((e) => e.id === id);
  if (!entry) throw new Error(`No navigation entry ${id}`);
  return entry;
}
