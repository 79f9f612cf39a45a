import type { Routes } from '@angular/router';
import { MyFindingsPage } from './my-findings.page';

/** `my-findings`: the audit findings on the caller's grants (members and partners). */
export default [{ path: '', component: MyFindingsPage, title: 'audit.myFindings.title' }] satisfies Routes;
