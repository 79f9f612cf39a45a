import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from './catalog';
import { I18nService, type TranslationParams } from './i18n.service';

/**
 * `{{ 'finance.desk.count' | tp: { count: n } }}`: the same as `t` (every message is ICU,
 * plurals included); kept as a name that says "this message counts something".
 */
@Pipe({ name: 'tp', pure: false })
export class TranslatePluralPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}

/** The same for code: a plural sentence for an announcement or an aria-label. */
export function translatePlural(
  i18n: I18nService,
  key: TranslationKey,
  params: TranslationParams,
): string {
  return i18n.t(key, params);
}
