import type { Permission } from '@mizan/contracts';
import type { TranslationKey } from '../i18n/dictionaries/en';
import type { IconName } from '../icons/icons';

/**
 * Who may open each page: a page is open to a session holding any of its permissions.
 * Route guards and the side navigation both read this, so they cannot disagree.
 */
export const PAGE_ACCESS = {
  home: ['session.own'],
  trail: ['trail.read'],
  users: ['user.read', 'user.manage'],
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
