import type { Routes } from '@angular/router';
import { MonitoringPageComponent } from './monitoring-page.component';

/** `officer/monitoring`: security levels, the policy, overdue monitoring. */
export default [{ path: '', component: MonitoringPageComponent, title: 'monitoring.page.title' }] satisfies Routes;
