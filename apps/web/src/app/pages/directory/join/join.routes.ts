import type { Routes } from '@angular/router';

/** Public (issue 15): a diaspora professional registers as an expert; the mailed link verifies the address. */
export default [
  { path: '', loadComponent: () => import('./join.page').then((m) => m.JoinPage), title: 'directory.join.title' },
  { path: 'verify', loadComponent: () => import('./join-verify.page').then((m) => m.JoinVerifyPage), title: 'directory.verify.title' },
] satisfies Routes;
