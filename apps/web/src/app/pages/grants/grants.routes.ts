import type { Routes } from '@angular/router';
import { GrantPageComponent } from './grant-page.component';
import { GrantsListComponent } from './grants-list.component';

export default [
  { path: '', component: GrantsListComponent, title: 'grants.list.title' },
  { path: ':grantId', component: GrantPageComponent, title: 'grants.page.title' },
] satisfies Routes;
