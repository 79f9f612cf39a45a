import type { Routes } from '@angular/router';
import { OutboxPageComponent } from './outbox-page.component';

export default [
  { path: '', component: OutboxPageComponent, title: 'outbox.title' },
] satisfies Routes;
