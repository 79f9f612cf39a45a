import type { Routes } from '@angular/router';
import { NotificationsPageComponent } from './notifications-page.component';

export default [
  {
    path: '',
    component: NotificationsPageComponent,
    title: 'notifications.title',
  },
] satisfies Routes;
