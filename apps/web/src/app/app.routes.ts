import type { Route } from '@angular/router';
import { authGuard, guestGuard, permissionGuard } from './core/auth/auth.guard';
import { PAGE_ACCESS } from './core/nav/nav';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    canActivate: [guestGuard],
    loadChildren: () => import('./pages/sign-in/sign-in.routes'),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () =>
      import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'home' },
      {
        path: 'home',
        canActivate: [permissionGuard(PAGE_ACCESS.home)],
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
