import type { Routes } from '@angular/router';
import { FinanceSettingsPageComponent } from './finance-settings-page.component';

export default [
  { path: '', component: FinanceSettingsPageComponent, title: 'finance.settings.title' },
] satisfies Routes;
