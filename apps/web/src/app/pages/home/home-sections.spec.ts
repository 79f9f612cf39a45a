import { ROLES } from '@mizan/contracts';
import { HOME_SECTIONS, homeSectionsFor } from './home-sections';

describe('home sections', () => {
  it('gives a user with several roles one section per role, in the order of the roles table', () => {
    expect(
      homeSectionsFor(['admin', 'applicant', 'auditor']).map((s) => s.role),
    ).toEqual(['applicant', 'auditor', 'admin']);
  });

  it('links every capability that exists to its page; the rest is marked as coming', () => {
    const pages = (role: (typeof ROLES)[number]) =>
      HOME_SECTIONS[role].cards.map((c) => c.page ?? null);
    expect(pages('applicant')).toEqual(['openCalls', 'myApplications', null]);
    expect(pages('partner')).toEqual(['partnerApplications', null]);
    expect(pages('officer')).toEqual(['programs', 'screening', 'reviewDesk', null, null]);
    expect(pages('reviewer')).toEqual(['myReviews']);
    expect(pages('finance')).toEqual(['payments']);
    expect(pages('auditor')).toEqual(['trail', null]);
    expect(pages('admin')).toEqual(['users', 'trail']);
    expect(pages('monitor')).toEqual(['monitorGrants']);
  });

  it('uses the icon of the page a card opens', () => {
    for (const role of ROLES) {
      for (const card of HOME_SECTIONS[role].cards) {
        if (card.page) expect(card.icon).not.toBe('schedule');
        else expect(card.icon).toBe('schedule');
      }
    }
  });
});
