import type { Routes } from '@angular/router';

/**
 * `sanctions` (issue 13): the queue of potential matches (default), one match, the lists and their imports,
 * a name check and the agency's settings.
 */
export default [
  { path: '', loadComponent: () => import('./queue/sanctions-queue.page').then((m) => m.SanctionsQueuePage), title: 'sanctions.page.title' },
  { path: 'lists', loadComponent: () => import('./lists/sanctions-lists.page').then((m) => m.SanctionsListsPage), title: 'sanctions.lists.title' },
  { path: 'check', loadComponent: () => import('./check/sanctions-check.page').then((m) => m.SanctionsCheckPage), title: 'sanctions.check.title' },
  { path: 'settings', loadComponent: () => import('./settings/sanctions-settings.page').then((m) => m.SanctionsSettingsPage), title: 'sanctions.settings.title' },
  { path: 'matches/:id', loadComponent: () => import('./match/sanctions-match.page').then((m) => m.SanctionsMatchPage), title: 'sanctions.page.title' },
] satisfies Routes;
