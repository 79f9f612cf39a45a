import type { Routes } from '@angular/router';
import { OrganizationPageComponent } from './organization-page.component';
import { OrganizationsPageComponent } from './organizations-page.component';
import { RegisterOrganizationComponent } from './register-organization.component';

export default [
  {
    path: '',
    component: OrganizationsPageComponent,
    title: 'applicant.orgs.title',
  },
  {
    path: 'new',
    component: RegisterOrganizationComponent,
    title: 'applicant.register.title',
  },
  {
    path: ':id',
    component: OrganizationPageComponent,
    title: 'applicant.org.title',
  },
] satisfies Routes;
