import { ROLES, type Role } from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { IconName } from '../../core/icons/icons';
import { navEntry, type PageId } from '../../core/nav/nav';

/** A capability of a role: either a page that exists now, or one still being built. */
export interface HomeCard {
  id: string;
  titleKey: TranslationKey;
  bodyKey: TranslationKey;
  icon: IconName;
  /** The page that does this today; absent while the capability is still coming. */
  page?: PageId;
}

export interface HomeSection {
  role: Role;
  summaryKey: TranslationKey;
  cards: readonly HomeCard[];
}

const soon = (
  id:
    | 'programs'
    | 'applications'
    | 'reviews'
    | 'payments'
    | 'reports'
    | 'engagements',
  bodyKey: TranslationKey,
): HomeCard => ({ id, titleKey: `home.card.${id}`, bodyKey, icon: 'schedule' });

type CardId =
  | 'programs'
  | 'applications'
  | 'reviews'
  | 'payments'
  | 'reports'
  | 'engagements'
  | 'trail'
  | 'users'
  | 'visits'
  | 'expertProfile'
  | 'expertRequests';

const live = (id: CardId, page: PageId, bodyKey: TranslationKey): HomeCard => ({
  id,
  titleKey: `home.card.${id}`,
  bodyKey,
  icon: navEntry(page).icon,
  page,
});

/** What each role of DESIGN.md does in Mizan, in the words of the roles table. */
export const HOME_SECTIONS: Readonly<Record<Role, HomeSection>> = {
  applicant: {
    role: 'applicant',
    summaryKey: 'home.summary.applicant',
    cards: [
      live('programs', 'openCalls', 'home.body.programs.applicant'),
      live('applications', 'myApplications', 'home.body.applications.applicant'),
      soon('reports', 'home.body.reports.applicant'),
    ],
  },
  partner: {
    role: 'partner',
    summaryKey: 'home.summary.partner',
    cards: [
      live('applications', 'partnerApplications', 'home.body.applications.partner'),
      soon('reports', 'home.body.reports.partner'),
    ],
  },
  officer: {
    role: 'officer',
    summaryKey: 'home.summary.officer',
    cards: [
      live('programs', 'programs', 'home.body.programs.officer'),
      live('applications', 'screening', 'home.body.applications.officer'),
      live('reviews', 'reviewDesk', 'home.body.reviews.officer'),
      soon('reports', 'home.body.reports.officer'),
      soon('payments', 'home.body.payments.officer'),
    ],
  },
  reviewer: {
    role: 'reviewer',
    summaryKey: 'home.summary.reviewer',
    cards: [live('reviews', 'myReviews', 'home.body.reviews.reviewer')],
  },
  finance: {
    role: 'finance',
    summaryKey: 'home.summary.finance',
    cards: [live('payments', 'payments', 'home.body.payments.finance')],
  },
  auditor: {
    role: 'auditor',
    summaryKey: 'home.summary.auditor',
    cards: [
      live('trail', 'trail', 'home.body.trail.auditor'),
      soon('engagements', 'home.body.engagements.auditor'),
    ],
  },
  admin: {
    role: 'admin',
    summaryKey: 'home.summary.admin',
    cards: [
      live('users', 'users', 'home.body.users.admin'),
      live('trail', 'trail', 'home.body.trail.admin'),
    ],
  },
  monitor: {
    role: 'monitor',
    summaryKey: 'home.summary.monitor',
    cards: [live('visits', 'monitorGrants', 'home.body.visits.monitor')],
  },
  expert: {
    role: 'expert',
    summaryKey: 'home.summary.expert',
    cards: [
      live('expertProfile', 'expertProfile', 'home.body.expertProfile.expert'),
      live('expertRequests', 'expertRequests', 'home.body.expertRequests.expert'),
    ],
  },
};

/** One section per role the user holds, in the order of the roles table. */
export function homeSectionsFor(roles: readonly Role[]): HomeSection[] {
  return ROLES.filter((role) => roles.includes(role)).map(
    (role) => HOME_SECTIONS[role],
  );
}
