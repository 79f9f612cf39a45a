import type { Routes } from '@angular/router';
import { ApplicationPageComponent } from './application-page.component';
import { ApplicationsPageComponent } from './applications-page.component';
import { ComparePageComponent } from './compare-page.component';
import { ApplicationEditorComponent } from './editor/application-editor.component';

export default [
  {
    path: '',
    component: ApplicationsPageComponent,
    title: 'applicant.apps.title',
    data: { mode: 'applicant' },
  },
  {
    path: ':id',
    component: ApplicationPageComponent,
    title: 'applicant.apps.pageTitle',
    data: { mode: 'applicant' },
  },
  {
    path: ':id/edit',
    component: ApplicationEditorComponent,
    title: 'applicant.editor.title',
  },
  {
    path: ':id/compare',
    component: ComparePageComponent,
    title: 'applicant.compare.title',
    data: { mode: 'applicant' },
  },
] satisfies Routes;
