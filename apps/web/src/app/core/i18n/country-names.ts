import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

/**
 * A country's name in the reader's language from its ISO 3166 code (`SE` → "Sweden", "Sverige", "السويد"),
 * by the browser's Intl.DisplayNames; the code itself when the browser cannot name it.
 */
export function countryName(code: string, locale: string): string {
  const trimmed = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(trimmed)) return code;
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(trimmed) ?? code;
  } catch {
    return code;
  }
}

/** Country codes (a list, or the api's "SE, GB") as names, joined the way the locale lists things. */
export function countryNames(codes: string | readonly string[], locale: string): string {
  const list = (typeof codes === 'string' ? codes.split(',') : codes).map((c) => c.trim()).filter((c) => c !== '');
  return new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(list.map((c) => countryName(c, locale)));
}

/** `{{ org.hostlandCountry | country }}`, `{{ program.countries | country }}`: impure like `t`, so it follows a language change. */
@Pipe({ name: 'country', pure: false })
export class CountryPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(codes: string | readonly string[]): string {
    return countryNames(codes, this.i18n.locale());
  }
}
