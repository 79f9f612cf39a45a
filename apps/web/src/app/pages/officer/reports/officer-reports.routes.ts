import type { Routes } from '@angular/router';
import { OfficerReportsComponent } from './officer-reports.component';

/** The officer's reports. The verification page (`:reportId/verify`) is the verification area's; it may be added here. */
export default [{ path: '', component: OfficerReportsComponent, title: 'verification.list.title' }] satisfies Routes;
