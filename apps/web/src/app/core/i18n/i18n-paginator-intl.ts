import { Injectable, effect, inject } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { I18nService } from './i18n.service';

@Injectable({ providedIn: 'root' })
export class I18nPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(I18nService);

  constructor() {
    super();
    effect(() => {
      const t = this.i18n.t.bind(this.i18n);
      this.itemsPerPageLabel = t('paginator.itemsPerPage');
      this.nextPageLabel = t('paginator.next');
      this.previousPageLabel = t('paginator.previous');
      this.firstPageLabel = t('paginator.first');
      this.lastPageLabel = t('paginator.last');
      this.getRangeLabel = (
        page: number,
        pageSize: number,
        length: number,
      ): string => {
        if (length === 0 || pageSize === 0)
          return this.i18n.t('paginator.empty', { length });
        const start = page * pageSize + 1;
        const end = Math.min(length, (page + 1) * pageSize);
        return this.i18n.t('paginator.range', { start, end, length });
      };
      this.changes.next();
    });
  }
}
