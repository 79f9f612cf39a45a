import { MatPaginatorIntl } from '@angular/material/paginator';
import type { Routes } from '@angular/router';
import { I18nPaginatorIntl } from '../../core/i18n/i18n-paginator-intl';
import { TrailPageComponent } from './trail-page.component';

export default [
  {
    path: '',
    component: TrailPageComponent,
    title: 'trail.title',
    // Provided here so the paginator and its dependencies stay out of the initial bundle.
    providers: [{ provide: MatPaginatorIntl, useExisting: I18nPaginatorIntl }],
  },
] satisfies Routes;
