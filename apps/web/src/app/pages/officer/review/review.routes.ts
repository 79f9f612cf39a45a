import type { Routes } from '@angular/router';
import { ReviewApplicationPageComponent } from './review-application-page.component';
import { ReviewCallsPageComponent } from './review-calls-page.component';
import { ReviewDeskPageComponent } from './review-desk-page.component';

export default [
  { path: '', component: ReviewCallsPageComponent, title: 'board.calls.title' },
  {
    path: ':callId',
    component: ReviewDeskPageComponent,
    title: 'board.desk.title',
  },
  {
    path: ':callId/applications/:applicationId',
    component: ReviewApplicationPageComponent,
    title: 'board.app.title',
  },
] satisfies Routes;
