import type { Routes } from '@angular/router';
import { SecurityPageComponent } from './security-page.component';

export default [
  { path: 'security', component: SecurityPageComponent, title: 'security.title' },
] satisfies Routes;
