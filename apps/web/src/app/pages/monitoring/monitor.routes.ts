import type { Routes } from '@angular/router';
import { MonitorGrantPageComponent } from './monitor-grant-page.component';
import { MonitorGrantsComponent } from './monitor-grants.component';

/** `monitor/grants`: the monitor's assigned grants and one grant's visits. */
export default [
  { path: '', component: MonitorGrantsComponent, title: 'monitoring.mine.title' },
  { path: ':id', component: MonitorGrantPageComponent, title: 'monitoring.grant.title' },
] satisfies Routes;
