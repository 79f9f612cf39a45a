import type { Routes } from '@angular/router';
import { NotFoundComponent } from './not-found.component';

export default [
  { path: '', component: NotFoundComponent, title: 'notFound.title' },
] satisfies Routes;
