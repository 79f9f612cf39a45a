import { MatPaginatorIntl } from '@angular/material/paginator';
import type { Routes } from '@angular/router';
import { I18nPaginatorIntl } from '../../../core/i18n/i18n-paginator-intl';
import { RatesPageComponent } from './rates-page.component';

export default [
  {
    path: '',
    component: RatesPageComponent,
    title: 'finance.rates.title',
    providers: [{ provide: MatPaginatorIntl, useExisting: I18nPaginatorIntl }],
  },
] satisfies Routes;
