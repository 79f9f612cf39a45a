import { permissionsOf, ROLES, type Role } from '@mizan/contracts';
import { NAV_ENTRIES, PAGE_ACCESS, visibleNav } from './nav';

const navFor = (...roles: Role[]): string[] =>
  visibleNav(permissionsOf(roles)).map((e) => e.id);

describe('visibleNav', () => {
  it.each<[Role, string[]]>([
    ['applicant', ['home', 'myOrganizations', 'openCalls', 'myApplications', 'myGrants', 'myFindings', 'directoryNeeds', 'directorySearch', 'notifications']],
    ['partner', ['home', 'partnerApplications', 'partnerOrganization', 'myGrants', 'myFindings', 'directoryNeeds', 'directorySearch', 'notifications']],
    [
      'officer',
      ['home', 'programs', 'screening', 'organizations', 'reviewDesk', 'grants', 'officerReports', 'redFlags', 'monitoring', 'audit', 'sanctions', 'directoryNeeds', 'directorySearch', 'directoryMap', 'directoryHeld', 'directorySuggestions', 'transparency', 'ledger', 'notifications', 'outbox'],
    ],
    ['reviewer', ['home', 'myReviews', 'notifications']],
    ['finance', ['home', 'grants', 'payments', 'exchangeRates', 'ledger', 'financeSettings', 'notifications']],
    ['auditor', ['home', 'trail', 'grants', 'audit', 'notifications']],
    ['admin', ['home', 'trail', 'users', 'audit', 'sanctions', 'directorySuggestions', 'transparency', 'notifications', 'outbox']],
    ['monitor', ['home', 'monitorGrants', 'notifications']],
    ['expert', ['home', 'expertProfile', 'expertRequests', 'notifications']],
  ])('shows a %s only the pages their permissions open', (role, expected) => {
    expect(navFor(role)).toEqual(expected);
  });

  it('unites the pages of several roles, in menu order and without duplicates', () => {
    expect(navFor('admin', 'auditor', 'applicant')).toEqual([
      'home',
      'trail',
      'users',
      'myOrganizations',
      'openCalls',
      'myApplications',
      'grants',
      'myGrants',
      'myFindings',
      'audit',
      'sanctions',
      'directoryNeeds',
      'directorySearch',
      'directorySuggestions',
      'transparency',
      'notifications',
      'outbox',
    ]);
  });

  it('shows nothing without permissions', () => {
    expect(visibleNav([])).toEqual([]);
  });

  it('opens the users page to read-only holders of user.read', () => {
    expect(visibleNav(['session.own', 'user.read']).map((e) => e.id)).toEqual([
      'home',
      'users',
      'notifications',
    ]);
  });

  it('gives every role at least a home page', () => {
    for (const role of ROLES) expect(navFor(role)).toContain('home');
  });

  it('uses the same permissions as the route guards', () => {
    for (const entry of NAV_ENTRIES)
      expect(entry.anyOf).toBe(PAGE_ACCESS[entry.id]);
  });
});
