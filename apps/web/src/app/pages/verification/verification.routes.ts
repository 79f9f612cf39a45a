import type { Routes } from '@angular/router';
import { VerifyReportPageComponent } from './verify-report-page.component';

/** `officer/reports/:reportId/verify` (the reports list at `officer/reports` is the reports area's). */
export default [{ path: '', component: VerifyReportPageComponent, title: 'verification.page.docTitle' }] satisfies Routes;
