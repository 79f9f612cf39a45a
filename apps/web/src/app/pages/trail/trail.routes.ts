import type { Routes } from '@angular/router';
import { TrailPageComponent } from './trail-page.component';

export default [
  {
    path: '',
    component: TrailPageComponent,
    title: 'trail.title',
  },
] satisfies Routes;
