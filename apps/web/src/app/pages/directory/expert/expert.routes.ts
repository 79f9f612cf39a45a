import type { Routes } from '@angular/router';

/** The expert's own pages (issue 15): the profile (with their data: download, erasure) and the requests. */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'profile' },
  { path: 'profile', loadComponent: () => import('./expert-profile.page').then((m) => m.ExpertProfilePage), title: 'directory.profile.title' },
  { path: 'requests', loadComponent: () => import('./expert-requests.page').then((m) => m.ExpertRequestsPage), title: 'directory.requests.title' },
] satisfies Routes;
