import { ROLES, ROLE_PERMISSIONS } from '@mizan/contracts';
import { NAV_ENTRIES, PAGE_ACCESS, holdsAny, type PageId } from '../../core/nav/nav';
import { HOME_SECTIONS, homeSectionsFor } from './home-sections';

/**
 * Menu pages a home needs no card for: the home itself, the bell's page, the copy of sent mail (support), and the
 * directory's search, map and registers, which sit next to its needs in the menu.
 */
const NO_CARD: readonly PageId[] = ['home', 'notifications', 'outbox', 'directorySearch', 'directoryMap', 'directoryHeld', 'directorySuggestions'];

describe('home sections', () => {
  it('gives a user with several roles one section per role, in the order of the roles table', () => {
    expect(
      homeSectionsFor(['admin', 'applicant', 'auditor']).map((s) => s.role),
    ).toEqual(['applicant', 'auditor', 'admin']);
  });

  it('opens from every card a page the role may open', () => {
    for (const role of ROLES) {
      for (const card of HOME_SECTIONS[role].cards) {
        expect({ role, page: card.page, open: holdsAny(ROLE_PERMISSIONS[role], PAGE_ACCESS[card.page]) }).toEqual({ role, page: card.page, open: true });
      }
    }
  });

  it('has a card for every page the role reaches from the menu, so the home never says less than the menu', () => {
    const missing = ROLES.flatMap((role) => {
      const carded = HOME_SECTIONS[role].cards.map((c) => c.page);
      return NAV_ENTRIES.filter((e) => holdsAny(ROLE_PERMISSIONS[role], e.anyOf) && !NO_CARD.includes(e.id) && !carded.includes(e.id)).map((e) => `${role}: ${e.id}`);
    });
    expect(missing).toEqual([]);
  });

  it('shows each page once per role, with the icon of its menu entry', () => {
    for (const role of ROLES) {
      const pages = HOME_SECTIONS[role].cards.map((c) => c.page);
      expect(new Set(pages).size).toBe(pages.length);
      for (const card of HOME_SECTIONS[role].cards) {
        expect(card.icon).toBe(NAV_ENTRIES.find((e) => e.id === card.page)?.icon);
      }
    }
  });
});
