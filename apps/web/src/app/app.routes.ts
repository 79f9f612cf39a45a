import type { Route } from '@angular/router';
import { DIRECTORY_VERIFY_WEB_PATH } from '@mizan/contracts';
import { authGuard, guestGuard, permissionGuard } from './core/auth/auth.guard';
import { messagesGuard } from './core/i18n/i18n.service';
import { PAGE_ACCESS } from './core/nav/nav';
import { PRELOAD } from './core/nav/preload-after-sign-in';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    canActivate: [guestGuard],
    loadChildren: () => import('./pages/sign-in/sign-in.routes'),
  },
  {
    // Public: the invitation token is the credential.
    path: 'accept-invitation',
    canActivate: [messagesGuard],
    loadChildren: () =>
      import('./pages/accept-invitation/accept-invitation.routes'),
  },
  {
    // Public (issue 15): a diaspora professional registers as an expert…
    path: 'join',
    canActivate: [messagesGuard],
    loadChildren: () => import('./pages/directory/join/join.routes'),
  },
  {
    // …and the mailed link (DIRECTORY_VERIFY_WEB_PATH) verifies the address; before the shell's `directory` pages.
    path: DIRECTORY_VERIFY_WEB_PATH,
    canActivate: [messagesGuard],
    title: 'directory.verify.title',
    loadComponent: () => import('./pages/directory/join/join-verify.page').then((m) => m.JoinVerifyPage),
  },
  {
    // Public: what an agency funds (issue 16), for anyone, no sign-in.
    path: 'transparency',
    canActivate: [messagesGuard],
    loadChildren: () => import('./pages/transparency/public/public.routes'),
  },
  {
    path: '',
    canActivate: [authGuard, messagesGuard],
    data: { [PRELOAD]: true },
    loadComponent: () =>
      import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'home' },
      {
        path: 'home',
        canActivate: [permissionGuard(PAGE_ACCESS.home)],
        data: { [PRELOAD]: true },
        loadChildren: () => import('./pages/home/home.routes'),
      },
      {
        path: 'trail',
        canActivate: [permissionGuard(PAGE_ACCESS.trail)],
        loadChildren: () => import('./pages/trail/trail.routes'),
      },
      {
        path: 'admin/users',
        canActivate: [permissionGuard(PAGE_ACCESS.users)],
        loadChildren: () => import('./pages/users/users.routes'),
      },
      {
        path: 'my-organizations',
        canActivate: [permissionGuard(PAGE_ACCESS.myOrganizations)],
        loadChildren: () =>
          import('./pages/applicant/organizations/organizations.routes'),
      },
      {
        path: 'open-calls',
        canActivate: [permissionGuard(PAGE_ACCESS.openCalls)],
        loadChildren: () => import('./pages/applicant/calls/open-calls.routes'),
      },
      {
        path: 'my-applications',
        canActivate: [permissionGuard(PAGE_ACCESS.myApplications)],
        loadChildren: () =>
          import('./pages/applicant/applications/my-applications.routes'),
      },
      {
        path: 'partner/applications',
        canActivate: [permissionGuard(PAGE_ACCESS.partnerApplications)],
        loadChildren: () =>
          import('./pages/applicant/partner/partner-applications.routes'),
      },
      {
        path: 'partner/organization',
        canActivate: [permissionGuard(PAGE_ACCESS.partnerOrganization)],
        loadChildren: () =>
          import('./pages/applicant/partner/partner-organization.routes'),
      },
      {
        path: 'officer/programs',
        canActivate: [permissionGuard(PAGE_ACCESS.programs)],
        loadChildren: () => import('./pages/officer/programs/programs.routes'),
      },
      // An application's and an organization's page open to auditors too (read-only, in scope); the desks do not.
      {
        path: 'officer/screening/applications/:applicationId',
        canActivate: [permissionGuard(PAGE_ACCESS.applicationPage)],
        title: 'officer.application.title',
        loadComponent: () => import('./pages/officer/screening/application-page.component').then((m) => m.ApplicationPageComponent),
      },
      {
        path: 'officer/screening/applications/:applicationId/compare',
        canActivate: [permissionGuard(PAGE_ACCESS.applicationPage)],
        title: 'officer.compare.title',
        loadComponent: () => import('./pages/officer/screening/compare-page.component').then((m) => m.ComparePageComponent),
      },
      {
        path: 'officer/organizations/:organizationId',
        canActivate: [permissionGuard(PAGE_ACCESS.organizationPage)],
        title: 'officer.org.title',
        loadComponent: () => import('./pages/officer/organizations/organization-page.component').then((m) => m.OrganizationPageComponent),
      },
      {
        path: 'officer/screening',
        canActivate: [permissionGuard(PAGE_ACCESS.screening)],
        loadChildren: () =>
          import('./pages/officer/screening/screening.routes'),
      },
      {
        path: 'officer/organizations',
        canActivate: [permissionGuard(PAGE_ACCESS.organizations)],
        loadChildren: () =>
          import('./pages/officer/organizations/organizations.routes'),
      },
      {
        path: 'officer/review',
        canActivate: [permissionGuard(PAGE_ACCESS.reviewDesk)],
        loadChildren: () => import('./pages/officer/review/review.routes'),
      },
      {
        path: 'officer/reports/:reportId/verify',
        canActivate: [permissionGuard(PAGE_ACCESS.verifyReport)],
        loadChildren: () => import('./pages/verification/verification.routes'),
      },
      {
        path: 'officer/grants',
        canActivate: [permissionGuard(PAGE_ACCESS.grants)],
        loadChildren: () => import('./pages/grants/grants.routes'),
      },
      {
        path: 'officer/reports',
        canActivate: [permissionGuard(PAGE_ACCESS.officerReports)],
        loadChildren: () =>
          import('./pages/officer/reports/officer-reports.routes'),
      },
      {
        path: 'officer/monitoring',
        canActivate: [permissionGuard(PAGE_ACCESS.monitoring)],
        loadChildren: () => import('./pages/monitoring/monitoring.routes'),
      },
      {
        path: 'monitor/grants',
        canActivate: [permissionGuard(PAGE_ACCESS.monitorGrants)],
        loadChildren: () => import('./pages/monitoring/monitor.routes'),
      },
      {
        path: 'officer/red-flags',
        canActivate: [permissionGuard(PAGE_ACCESS.redFlags)],
        loadChildren: () => import('./pages/officer/red-flags/red-flags.routes'),
      },
      {
        path: 'audit',
        canActivate: [permissionGuard(PAGE_ACCESS.audit)],
        loadChildren: () => import('./pages/audit/audit.routes'),
      },
      {
        path: 'sanctions',
        canActivate: [permissionGuard(PAGE_ACCESS.sanctions)],
        loadChildren: () => import('./pages/sanctions/sanctions.routes'),
      },
      {
        path: 'expert',
        canActivate: [permissionGuard(PAGE_ACCESS.expertProfile)],
        loadChildren: () => import('./pages/directory/expert/expert.routes'),
      },
      {
        path: 'directory',
        canActivate: [permissionGuard([...PAGE_ACCESS.directoryNeeds, ...PAGE_ACCESS.directorySearch, ...PAGE_ACCESS.directoryMap, ...PAGE_ACCESS.directorySuggestions])],
        loadChildren: () => import('./pages/directory/directory.routes'),
      },
      {
        path: 'my-findings',
        canActivate: [permissionGuard(PAGE_ACCESS.myFindings)],
        loadChildren: () => import('./pages/audit/my-findings/my-findings.routes'),
      },
      {
        path: 'my-grants',
        canActivate: [permissionGuard(PAGE_ACCESS.myGrants)],
        loadChildren: () =>
          import('./pages/applicant/grants/my-grants.routes'),
      },
      {
        path: 'reviews',
        canActivate: [permissionGuard(PAGE_ACCESS.myReviews)],
        loadChildren: () => import('./pages/reviewer/reviewer.routes'),
      },
      {
        path: 'notifications',
        canActivate: [permissionGuard(PAGE_ACCESS.notifications)],
        loadChildren: () =>
          import('./pages/notifications/notifications.routes'),
      },
      {
        path: 'outbox',
        canActivate: [permissionGuard(PAGE_ACCESS.outbox)],
        loadChildren: () => import('./pages/outbox/outbox.routes'),
      },
      // Finance (issue 9)
      {
        path: 'finance/payments',
        canActivate: [permissionGuard(PAGE_ACCESS.payments)],
        loadChildren: () => import('./pages/finance/payments/payments.routes'),
      },
      {
        path: 'finance/exchange-rates',
        canActivate: [permissionGuard(PAGE_ACCESS.exchangeRates)],
        loadChildren: () => import('./pages/finance/rates/rates.routes'),
      },
      {
        path: 'finance/ledger',
        canActivate: [permissionGuard(PAGE_ACCESS.ledger)],
        loadChildren: () => import('./pages/finance/ledger/ledger.routes'),
      },
      {
        path: 'finance/settings',
        canActivate: [permissionGuard(PAGE_ACCESS.financeSettings)],
        loadChildren: () => import('./pages/finance/settings/settings.routes'),
      },
      // Transparency (issue 16)
      {
        path: 'officer/transparency',
        canActivate: [permissionGuard(PAGE_ACCESS.transparency)],
        loadChildren: () => import('./pages/transparency/transparency.routes'),
      },
      {
        // Every signed-in user: their own sign-in security.
        path: 'account',
        loadChildren: () => import('./pages/account/account.routes'),
      },
      {
        path: 'not-allowed',
        loadChildren: () => import('./pages/not-allowed/not-allowed.routes'),
      },
      {
        path: '**',
        loadChildren: () => import('./pages/not-found/not-found.routes'),
      },
    ],
  },
];
