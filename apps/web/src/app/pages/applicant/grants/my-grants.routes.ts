import type { Routes } from '@angular/router';
import { MyGrantPageComponent } from './my-grant-page.component';
import { MyGrantsPageComponent } from './my-grants-page.component';
import { ReportPageComponent } from './reporting/report-page.component';

export default [
  { path: '', component: MyGrantsPageComponent, title: 'mygrants.title' },
  { path: ':grantId', component: MyGrantPageComponent, title: 'mygrants.page.title' },
  { path: ':grantId/reports/:reportId', component: ReportPageComponent, title: 'reporting.report.pageTitle' },
] satisfies Routes;
