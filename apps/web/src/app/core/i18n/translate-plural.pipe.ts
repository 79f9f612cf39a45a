import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from './dictionaries/en';
import { I18nService, type TranslationParams } from './i18n.service';
import { formatPlurals } from './icu-plural';

/**
 * `{{ 'finance.desk.count' | tp: { count: n } }}`: like `t`, and resolves ICU
 * `{count, plural, …}` blocks for the current language's plural rules.
 */
@Pipe({ name: 'tp', pure: false })
export class TranslatePluralPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return formatPlurals(this.i18n.t(key, params), params, this.i18n.locale());
  }
}

/** The same for code: a plural sentence for an announcement or an aria-label. */
export function translatePlural(
  i18n: I18nService,
  key: TranslationKey,
  params: TranslationParams,
): string {
  return formatPlurals(i18n.t(key, params), params, i18n.locale());
}
