import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

/**
 * `{{ version | digits }}`: a whole number shown on its own (a version, a sequence number, a year) in the
 * locale's digits and without grouping, so an Arabic page does not mix Latin digits with the Arabic-Indic
 * ones of its dates and amounts. Impure like `t`, so it follows a language change.
 */
@Pipe({ name: 'digits', pure: false })
export class DigitsPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: number | string | null | undefined): string {
    if (value === null || value === undefined || value === '') return '';
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) return String(value);
    return new Intl.NumberFormat(this.i18n.locale(), { useGrouping: false, maximumFractionDigits: 20 }).format(number);
  }
}
