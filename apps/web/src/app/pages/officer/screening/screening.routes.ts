import type { Routes } from '@angular/router';
import { ApplicationPageComponent } from './application-page.component';
import { ComparePageComponent } from './compare-page.component';
import { ScreeningPageComponent } from './screening-page.component';

export default [
  {
    path: '',
    component: ScreeningPageComponent,
    title: 'officer.screening.title',
  },
  {
    path: 'applications/:applicationId',
    component: ApplicationPageComponent,
    title: 'officer.application.title',
  },
  {
    path: 'applications/:applicationId/compare',
    component: ComparePageComponent,
    title: 'officer.compare.title',
  },
] satisfies Routes;
