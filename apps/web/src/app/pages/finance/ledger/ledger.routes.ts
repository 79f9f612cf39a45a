import type { Routes } from '@angular/router';
import { LedgerPageComponent } from './ledger-page.component';

export default [
  { path: '', component: LedgerPageComponent, title: 'finance.ledger.title' },
] satisfies Routes;
