import type { Routes } from '@angular/router';
import { ApplicationPageComponent } from '../applications/application-page.component';
import { ApplicationsPageComponent } from '../applications/applications-page.component';
import { ComparePageComponent } from '../applications/compare-page.component';

/** The partner's read-only view of the applications naming their partner organization. */
export default [
  {
    path: '',
    component: ApplicationsPageComponent,
    title: 'applicant.apps.partnerTitle',
    data: { mode: 'partner' },
  },
  {
    path: ':id',
    component: ApplicationPageComponent,
    title: 'applicant.apps.pageTitle',
    data: { mode: 'partner' },
  },
  {
    path: ':id/compare',
    component: ComparePageComponent,
    title: 'applicant.compare.title',
    data: { mode: 'partner' },
  },
] satisfies Routes;
