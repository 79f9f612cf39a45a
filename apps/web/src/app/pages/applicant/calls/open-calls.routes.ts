import type { Routes } from '@angular/router';
import { OpenCallsPageComponent } from './open-calls-page.component';

export default [
  {
    path: '',
    component: OpenCallsPageComponent,
    title: 'applicant.calls.title',
  },
] satisfies Routes;
