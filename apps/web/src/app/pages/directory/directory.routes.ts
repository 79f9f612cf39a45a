import type { Routes } from '@angular/router';
import { permissionGuard } from '../../core/auth/auth.guard';
import { PAGE_ACCESS } from '../../core/nav/nav';

/**
 * `directory` (issue 15), behind sign-in: needs (hosts post theirs, officers see all and run the matching), one
 * need, the search (officers and hosts), the map and charts and the held registrations (officers), and the skills
 * experts typed that the taxonomy lacks (officers and admins).
 */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'needs' },
  {
    path: 'needs',
    canActivate: [permissionGuard(PAGE_ACCESS.directoryNeeds)],
    loadComponent: () => import('./needs/needs.page').then((m) => m.NeedsPage),
    title: 'directory.needs.title',
  },
  {
    path: 'needs/new',
    canActivate: [permissionGuard(PAGE_ACCESS.directoryPostNeed)],
    loadComponent: () => import('./needs/need-form.page').then((m) => m.NeedFormPage),
    title: 'directory.needForm.title',
  },
  {
    path: 'needs/:needId',
    canActivate: [permissionGuard(PAGE_ACCESS.directoryNeeds)],
    loadComponent: () => import('./needs/need.page').then((m) => m.NeedPage),
    title: 'directory.need.title',
  },
  {
    path: 'search',
    canActivate: [permissionGuard(PAGE_ACCESS.directorySearch)],
    loadComponent: () => import('./search/directory-search.page').then((m) => m.DirectorySearchPage),
    title: 'directory.search.title',
  },
  {
    path: 'map',
    canActivate: [permissionGuard(PAGE_ACCESS.directoryMap)],
    loadComponent: () => import('./map/directory-map.page').then((m) => m.DirectoryMapPage),
    title: 'directory.map.title',
  },
  {
    path: 'held',
    canActivate: [permissionGuard(PAGE_ACCESS.directoryHeld)],
    loadComponent: () => import('./admin/held.page').then((m) => m.HeldPage),
    title: 'directory.held.title',
  },
  {
    path: 'suggestions',
    canActivate: [permissionGuard(PAGE_ACCESS.directorySuggestions)],
    loadComponent: () => import('./admin/skill-suggestions.page').then((m) => m.SkillSuggestionsPage),
    title: 'directory.suggestions.title',
  },
] satisfies Routes;
