import { ROLES } from '@mizan/contracts';
import { HOME_SECTIONS, homeSectionsFor } from './home-sections';

describe('home sections', () => {
  it('gives a user with several roles one section per role, in the order of the roles table', () => {
    expect(
      homeSectionsFor(['admin', 'applicant', 'auditor']).map((s) => s.role),
    ).toEqual(['applicant', 'auditor', 'admin']);
  });

  it('links only to pages that exist; everything else is marked as coming', () => {
    const linked = ROLES.flatMap((role) =>
      HOME_SECTIONS[role].cards.filter((c) => c.page),
    );
    expect(new Set(linked.map((c) => c.page))).toEqual(
      new Set(['trail', 'users']),
    );
    expect(
      HOME_SECTIONS.auditor.cards.find((c) => c.id === 'trail')?.page,
    ).toBe('trail');
    expect(HOME_SECTIONS.admin.cards.map((c) => c.page)).toEqual([
      'users',
      'trail',
    ]);
    for (const role of [
      'applicant',
      'partner',
      'officer',
      'reviewer',
      'finance',
    ] as const) {
      expect(HOME_SECTIONS[role].cards.every((c) => c.page === undefined)).toBe(
        true,
      );
    }
  });
});
