import { Pipe, PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from './catalog';
import { I18nService, type TranslationParams } from './i18n.service';

/**
 * `{{ 'nav.home' | t }}`. Impure so it re-reads the language signal on every check;
 * the lookup is a property read, and the signal read marks OnPush views for refresh.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
