import type { Routes } from '@angular/router';
import { NotAllowedComponent } from './not-allowed.component';

export default [
  { path: '', component: NotAllowedComponent, title: 'notAllowed.title' },
] satisfies Routes;
