import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from '../../core/i18n/dictionaries/en';
import {
  I18nService,
  type TranslationParams,
} from '../../core/i18n/i18n.service';

/*
 * ICU plural messages on top of the flat dictionaries:
 * `{count, plural, =0 {No grants} one {# grant} other {# grants}}`.
 * Arabic has six plural categories (zero, one, two, few, many, other); the
 * branch is picked with Intl.PluralRules of the language's locale, an exact
 * `=n` branch first, and `#` becomes the count formatted for that locale.
 */

/** Finds the end of a `{…}` group that starts at `open` (balanced braces). */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function branches(body: string): Map<string, string> {
  const found = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const match = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!match) break;
    const open = i + match[0].length - 1;
    const close = closingBrace(body, open);
    if (close < 0) break;
    found.set(match[1], body.slice(open + 1, close));
    i = close + 1;
  }
  return found;
}

/** Resolves every `{name, plural, …}` in `text` with the numbers in `params`. */
export function formatPlurals(
  text: string,
  params: TranslationParams | undefined,
  locale: string,
): string {
  const head = /\{(\w+),\s*plural,/g;
  let out = '';
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = head.exec(text)) !== null) {
    const start = match.index;
    const end = closingBrace(text, start);
    if (end < 0) break;
    const name = match[1];
    const value = Number(params?.[name]);
    const options = branches(text.slice(start + match[0].length, end));
    let chosen = options.get('other') ?? '';
    if (Number.isFinite(value)) {
      const category = new Intl.PluralRules(locale).select(value);
      chosen =
        options.get(`=${value}`) ?? options.get(category) ?? chosen;
      chosen = chosen.replace(
        /#/g,
        new Intl.NumberFormat(locale).format(value),
      );
    }
    out += text.slice(last, start) + formatPlurals(chosen, params, locale);
    last = end + 1;
    head.lastIndex = end + 1;
  }
  return out + text.slice(last);
}

/** Translates `key` and resolves its plural forms for the current language. */
export function translatePlural(
  i18n: I18nService,
  key: TranslationKey,
  params?: TranslationParams,
): string {
  return formatPlurals(i18n.t(key, params), params, i18n.locale());
}

/** `{{ 'grants.list.count' | tp: { count: n } }}`: `t` with ICU plurals. */
@Pipe({ name: 'tp', pure: false })
export class TranslatePluralPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return translatePlural(this.i18n, key, params);
  }
}
