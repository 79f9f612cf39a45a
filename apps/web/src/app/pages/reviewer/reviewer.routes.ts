import type { Routes } from '@angular/router';
import { MyReviewsPageComponent } from './my-reviews-page.component';
import { ReviewPageComponent } from './review-page.component';

export default [
  {
    path: '',
    component: MyReviewsPageComponent,
    title: 'reviewer.list.title',
  },
  {
    path: ':assignmentId',
    component: ReviewPageComponent,
    title: 'reviewer.page.title',
  },
] satisfies Routes;
