import type { Routes } from '@angular/router';

/** `audit`: engagements (officers plan, auditors work). The workspace `audit/:id` has child tabs; `sample` and `findings` live in their own folders. */
export default [
  { path: '', loadComponent: () => import('./sample/audit-sample.page').then((m) => m.AuditSamplePage), title: 'audit.page.title' },
  { path: ':id/sample', loadComponent: () => import('./sample/audit-sample.page').then((m) => m.AuditSamplePage), title: 'audit.sample.title' },
  { path: ':id/findings', loadComponent: () => import('./findings/audit-findings.page').then((m) => m.AuditFindingsPage), title: 'audit.findings.title' },
] satisfies Routes;
