import type { Routes } from '@angular/router';

/**
 * `audit`: engagements (officers plan, auditors work). The workspace `audit/:id` holds the tabs as child routes; the
 * fieldwork tabs (`sample`, `findings`) live in their own folders and read the engagement id from this route's `id`.
 */
export default [
  { path: '', loadComponent: () => import('./engagements/engagements.page').then((m) => m.AuditEngagementsPage), title: 'audit.page.title' },
  { path: 'plan', loadComponent: () => import('./plan/plan-engagement.page').then((m) => m.AuditPlanPage), title: 'audit.plan.title' },
  { path: 'assurance', loadComponent: () => import('./assurance/assurance.page').then((m) => m.AuditAssurancePage), title: 'audit.assurance.title' },
  {
    path: ':id',
    loadComponent: () => import('./workspace/engagement-workspace.page').then((m) => m.AuditEngagementWorkspacePage),
    title: 'audit.workspace.title',
    children: [
      { path: '', loadComponent: () => import('./workspace/engagement-overview.page').then((m) => m.AuditEngagementOverviewPage), title: 'audit.workspace.title' },
      { path: 'sample', loadComponent: () => import('./sample/audit-sample.page').then((m) => m.AuditSamplePage), title: 'audit.sample.title' },
      { path: 'findings', loadComponent: () => import('./findings/audit-findings.page').then((m) => m.AuditFindingsPage), title: 'audit.findings.title' },
      { path: 'reconciliation', loadComponent: () => import('./reconciliation/audit-reconciliation.page').then((m) => m.AuditReconciliationPage), title: 'audit.recon.title' },
      { path: 'reports', loadComponent: () => import('./reports/audit-reports.page').then((m) => m.AuditReportsPage), title: 'audit.reports.title' },
    ],
  },
] satisfies Routes;
