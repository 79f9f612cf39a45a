import type { Routes } from '@angular/router';
import { RedFlagSettingsComponent } from './red-flag-settings.component';
import { RedFlagsPageComponent } from './red-flags-page.component';

export default [
  { path: '', component: RedFlagsPageComponent, title: 'flags.page.title' },
  { path: 'settings', component: RedFlagSettingsComponent, title: 'flags.settings.title' },
  { path: 'grants/:grantId', component: RedFlagsPageComponent, title: 'flags.grantPage.title' },
] satisfies Routes;
