import { signal } from '@angular/core';
import type { PartialDictionary, TranslationKey } from './catalog';

type Language = 'en' | 'ar' | 'sv';

/**
 * The languages' messages, each a chunk of its own (lang-<code>.ts): the first download carries none, and the
 * app loads the active language before it starts (I18nService.ready, an app initializer), another one when the
 * user switches to it. The loaded ones are kept here, module-wide, so a switch back is immediate.
 */
const loaded = signal<Readonly<Partial<Record<Language, PartialDictionary>>>>({});
const pending = new Map<Language, Promise<PartialDictionary>>();

const IMPORTS: Readonly<Record<Language, () => Promise<{ dictionary: PartialDictionary }>>> = {
  en: () => import('./lang-en'),
  ar: () => import('./lang-ar'),
  sv: () => import('./lang-sv'),
};

/** The dictionaries loaded so far (a signal: a template that translates follows a language arriving). */
export function loadedDictionaries(): Readonly<Partial<Record<Language, PartialDictionary>>> {
  return loaded();
}

/** Loads a language's messages once; a failed download is tried again on the next call. */
export function loadDictionary(lang: Language): Promise<PartialDictionary> {
  const done = loaded()[lang];
  if (done) return Promise.resolve(done);
  let load = pending.get(lang);
  if (!load) {
    load = IMPORTS[lang]().then(
      ({ dictionary }) => {
        pending.delete(lang);
        loaded.update((all) => ({ ...all, [lang]: dictionary }));
        return dictionary;
      },
      (error: unknown) => {
        pending.delete(lang);
        throw error;
      },
    );
    pending.set(lang, load);
  }
  return load;
}

/** Makes dictionaries available without a download: unit specs (test-setup.ts) give all three at once. */
export function provideDictionaries(dictionaries: Readonly<Partial<Record<Language, PartialDictionary>>>): void {
  loaded.update((all) => ({ ...all, ...dictionaries }));
}

/** Whether `key` is a catalog key: every language has every key (catalog.spec.ts), so any loaded one answers. */
export function isCatalogKey(key: string): key is TranslationKey {
  return Object.values(loaded()).some((dictionary) => dictionary !== undefined && Object.prototype.hasOwnProperty.call(dictionary, key));
}
