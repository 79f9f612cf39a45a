import type { Routes } from '@angular/router';

/** Public (issue 15): a diaspora professional registers as an expert (the mailed link opens /directory/verify). */
export default [{ path: '', loadComponent: () => import('./join.page').then((m) => m.JoinPage), title: 'directory.join.title' }] satisfies Routes;
