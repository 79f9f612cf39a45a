import { ROLES, type Role } from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { IconName } from '../../core/icons/icons';
import { navEntry, type PageId } from '../../core/nav/nav';

/** A capability of a role and the page that does it. */
export interface HomeCard {
  id: CardId;
  titleKey: TranslationKey;
  bodyKey: TranslationKey;
  icon: IconName;
  page: PageId;
}

export interface HomeSection {
  role: Role;
  summaryKey: TranslationKey;
  cards: readonly HomeCard[];
}

type CardId =
  | 'programs'
  | 'organizations'
  | 'applications'
  | 'grants'
  | 'myGrants'
  | 'findings'
  | 'needs'
  | 'reviews'
  | 'reports'
  | 'monitoring'
  | 'redFlags'
  | 'sanctions'
  | 'transparency'
  | 'payments'
  | 'rates'
  | 'ledger'
  | 'financeSettings'
  | 'engagements'
  | 'trail'
  | 'users'
  | 'visits'
  | 'expertProfile'
  | 'expertRequests';

const card = (id: CardId, page: PageId, bodyKey: TranslationKey): HomeCard => ({
  id,
  titleKey: `home.card.${id}`,
  bodyKey,
  icon: navEntry(page).icon,
  page,
});

/**
 * What each role of DESIGN.md does in Mizan, in the words of the roles table, each card opening the page that does
 * it. The spec holds this to the navigation: every page a role reaches from the menu has its card here.
 */
export const HOME_SECTIONS: Readonly<Record<Role, HomeSection>> = {
  applicant: {
    role: 'applicant',
    summaryKey: 'home.summary.applicant',
    cards: [
      card('programs', 'openCalls', 'home.body.programs.applicant'),
      card('organizations', 'myOrganizations', 'home.body.organizations.applicant'),
      card('applications', 'myApplications', 'home.body.applications.applicant'),
      card('myGrants', 'myGrants', 'home.body.grants.applicant'),
      card('findings', 'myFindings', 'home.body.findings.grantee'),
      card('needs', 'directoryNeeds', 'home.body.needs.host'),
    ],
  },
  partner: {
    role: 'partner',
    summaryKey: 'home.summary.partner',
    cards: [
      card('applications', 'partnerApplications', 'home.body.applications.partner'),
      card('organizations', 'partnerOrganization', 'home.body.organizations.partner'),
      card('myGrants', 'myGrants', 'home.body.grants.partner'),
      card('findings', 'myFindings', 'home.body.findings.grantee'),
      card('needs', 'directoryNeeds', 'home.body.needs.host'),
    ],
  },
  officer: {
    role: 'officer',
    summaryKey: 'home.summary.officer',
    cards: [
      card('programs', 'programs', 'home.body.programs.officer'),
      card('applications', 'screening', 'home.body.applications.officer'),
      card('organizations', 'organizations', 'home.body.organizations.officer'),
      card('reviews', 'reviewDesk', 'home.body.reviews.officer'),
      card('grants', 'grants', 'home.body.grants.officer'),
      card('reports', 'officerReports', 'home.body.reports.officer'),
      card('monitoring', 'monitoring', 'home.body.monitoring.officer'),
      card('redFlags', 'redFlags', 'home.body.redFlags.officer'),
      card('engagements', 'audit', 'home.body.engagements.officer'),
      card('sanctions', 'sanctions', 'home.body.sanctions.officer'),
      card('needs', 'directoryNeeds', 'home.body.needs.officer'),
      card('ledger', 'ledger', 'home.body.ledger.officer'),
      card('transparency', 'transparency', 'home.body.transparency.officer'),
    ],
  },
  reviewer: {
    role: 'reviewer',
    summaryKey: 'home.summary.reviewer',
    cards: [card('reviews', 'myReviews', 'home.body.reviews.reviewer')],
  },
  finance: {
    role: 'finance',
    summaryKey: 'home.summary.finance',
    cards: [
      card('payments', 'payments', 'home.body.payments.finance'),
      card('grants', 'grants', 'home.body.grants.finance'),
      card('rates', 'exchangeRates', 'home.body.rates.finance'),
      card('ledger', 'ledger', 'home.body.ledger.finance'),
      card('financeSettings', 'financeSettings', 'home.body.financeSettings.finance'),
    ],
  },
  auditor: {
    role: 'auditor',
    summaryKey: 'home.summary.auditor',
    cards: [
      card('engagements', 'audit', 'home.body.engagements.auditor'),
      card('grants', 'grants', 'home.body.grants.auditor'),
      card('trail', 'trail', 'home.body.trail.auditor'),
    ],
  },
  admin: {
    role: 'admin',
    summaryKey: 'home.summary.admin',
    cards: [
      card('users', 'users', 'home.body.users.admin'),
      card('trail', 'trail', 'home.body.trail.admin'),
      card('engagements', 'audit', 'home.body.engagements.admin'),
      card('sanctions', 'sanctions', 'home.body.sanctions.admin'),
      card('transparency', 'transparency', 'home.body.transparency.admin'),
    ],
  },
  monitor: {
    role: 'monitor',
    summaryKey: 'home.summary.monitor',
    cards: [card('visits', 'monitorGrants', 'home.body.visits.monitor')],
  },
  expert: {
    role: 'expert',
    summaryKey: 'home.summary.expert',
    cards: [
      card('expertProfile', 'expertProfile', 'home.body.expertProfile.expert'),
      card('expertRequests', 'expertRequests', 'home.body.expertRequests.expert'),
    ],
  },
};

/** One section per role the user holds, in the order of the roles table. */
export function homeSectionsFor(roles: readonly Role[]): HomeSection[] {
  return ROLES.filter((role) => roles.includes(role)).map(
    (role) => HOME_SECTIONS[role],
  );
}
