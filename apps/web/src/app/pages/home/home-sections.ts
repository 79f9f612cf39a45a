import { ROLES, type Role } from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/dictionaries/en';
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

const live = (page: 'trail' | 'users', bodyKey: TranslationKey): HomeCard => ({
  id: page,
  titleKey: `home.card.${page}`,
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
      soon('programs', 'home.body.programs.applicant'),
      soon('applications', 'home.body.applications.applicant'),
      soon('reports', 'home.body.reports.applicant'),
    ],
  },
  partner: {
    role: 'partner',
    summaryKey: 'home.summary.partner',
    cards: [soon('reports', 'home.body.reports.partner')],
  },
  officer: {
    role: 'officer',
    summaryKey: 'home.summary.officer',
    cards: [
      soon('programs', 'home.body.programs.officer'),
      soon('applications', 'home.body.applications.officer'),
      soon('reports', 'home.body.reports.officer'),
      soon('payments', 'home.body.payments.officer'),
    ],
  },
  reviewer: {
    role: 'reviewer',
    summaryKey: 'home.summary.reviewer',
    cards: [soon('reviews', 'home.body.reviews.reviewer')],
  },
  finance: {
    role: 'finance',
    summaryKey: 'home.summary.finance',
    cards: [soon('payments', 'home.body.payments.finance')],
  },
  auditor: {
    role: 'auditor',
    summaryKey: 'home.summary.auditor',
    cards: [
      live('trail', 'home.body.trail.auditor'),
      soon('engagements', 'home.body.engagements.auditor'),
    ],
  },
  admin: {
    role: 'admin',
    summaryKey: 'home.summary.admin',
    cards: [
      live('users', 'home.body.users.admin'),
      live('trail', 'home.body.trail.admin'),
    ],
  },
};

/** One section per role the user holds, in the order of the roles table. */
export function homeSectionsFor(roles: readonly Role[]): HomeSection[] {
  return ROLES.filter((role) => roles.includes(role)).map(
    (role) => HOME_SECTIONS[role],
  );
}
