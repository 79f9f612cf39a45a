import type { Routes } from '@angular/router';
import { PublicTransparencyPage } from './public-transparency.page';

export default [
  { path: ':agency', component: PublicTransparencyPage, title: 'transparency.public.title' },
] satisfies Routes;
