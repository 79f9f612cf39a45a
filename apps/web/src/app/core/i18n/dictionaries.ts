import { signal } from '@angular/core';
import type { PartialDictionary, TranslationKey } from './catalog';

type Language = 'en' | 'ar' | 'sv';
/** `start`: the areas the sign-in page needs (core, security, errors); `all`: every area. */
export type DictionaryPart = 'start' | 'all';

/**
 * The languages' messages, each in two chunks of its own (lang-<code>.ts, lang-<code>-more.ts): the first download
 * carries none. The app loads the active language's `start` part before it starts (I18nService.ready, an app
 * initializer) and the rest once the first page is up or before a page behind sign-in opens (I18nService.complete);
 * another language when the user switches to it. The loaded ones are kept here, module-wide, merged per language.
 */
const loaded = signal<Readonly<Partial<Record<Language, PartialDictionary>>>>({});
const complete = new Set<Language>();
const pending = new Map<string, Promise<void>>();

type Chunk = Promise<{ dictionary: PartialDictionary }>;
const IMPORTS: Readonly<Record<Language, Readonly<Record<'start' | 'more', () => Chunk>>>> = {
  en: { start: () => import('./lang-en'), more: () => import('./lang-en-more') },
  ar: { start: () => import('./lang-ar'), more: () => import('./lang-ar-more') },
  sv: { start: () => import('./lang-sv'), more: () => import('./lang-sv-more') },
};

/** The dictionaries loaded so far (a signal: a template that translates follows messages arriving). */
export function loadedDictionaries(): Readonly<Partial<Record<Language, PartialDictionary>>> {
  return loaded();
}

export function isLoaded(lang: Language, part: DictionaryPart): boolean {
  return part === 'all' ? complete.has(lang) : loaded()[lang] !== undefined;
}

function merge(lang: Language, dictionary: PartialDictionary): void {
  loaded.update((all) => ({ ...all, [lang]: { ...all[lang], ...dictionary } }));
}

/** Loads a language's messages (its `start` part, or all of them) once; a failed download is tried again on the next call. */
export function loadDictionary(lang: Language, part: DictionaryPart): Promise<void> {
  if (isLoaded(lang, part)) return Promise.resolve();
  const id = `${lang}:${part}`;
  let load = pending.get(id);
  if (!load) {
    const chunks = part === 'all' ? [IMPORTS[lang].start(), IMPORTS[lang].more()] : [IMPORTS[lang].start()];
    load = Promise.all(chunks).then(
      (modules) => {
        pending.delete(id);
        for (const { dictionary } of modules) merge(lang, dictionary);
        if (part === 'all') complete.add(lang);
      },
      (error: unknown) => {
        pending.delete(id);
        throw error;
      },
    );
    pending.set(id, load);
  }
  return load;
}

/** Makes complete dictionaries available without a download: unit specs (test-setup.ts) give all three at once. */
export function provideDictionaries(dictionaries: Readonly<Partial<Record<Language, PartialDictionary>>>): void {
  for (const [lang, dictionary] of Object.entries(dictionaries) as [Language, PartialDictionary][]) {
    merge(lang, dictionary);
    complete.add(lang);
  }
}

/** Whether `key` is a catalog key: every language has every key (catalog.spec.ts), so any loaded one answers. */
export function isCatalogKey(key: string): key is TranslationKey {
  return Object.values(loaded()).some((dictionary) => dictionary !== undefined && Object.prototype.hasOwnProperty.call(dictionary, key));
}
