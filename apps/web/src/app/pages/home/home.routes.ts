import type { Routes } from '@angular/router';
import { HomeComponent } from './home.component';

export default [
  { path: '', component: HomeComponent, title: 'nav.home' },
] satisfies Routes;
