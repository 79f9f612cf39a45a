import type { Routes } from '@angular/router';
import { OrganizationPageComponent } from './organization-page.component';
import { OrganizationsPageComponent } from './organizations-page.component';

export default [
  {
    path: '',
    component: OrganizationsPageComponent,
    title: 'officer.orgs.title',
  },
  {
    path: ':organizationId',
    component: OrganizationPageComponent,
    title: 'officer.org.title',
  },
] satisfies Routes;
