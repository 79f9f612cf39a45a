/*
 * The web app's messages: one JSON file per language and area under `apps/web/src/i18n/<lang>/<area>.json`,
 * written in ICU MessageFormat (`{name}`, `{count, plural, one {# payment} other {# payments}}`) so a
 * translator edits JSON, not code. English is the reference: its keys are the only valid keys (the type
 * `TranslationKey` is derived from them), and `catalog.spec.ts` fails on a key missing or unknown in any language.
 *
 * Each language is merged in two modules of its own (lang-<code>.ts: the areas the sign-in page needs; and
 * lang-<code>-more.ts: the others), which the app loads only for the active language (dictionaries.ts): this
 * module imports all of them and is for the catalog checks and the types only — app code imports it with
 * `import type`, or every language would be in the first download.
 */
import * as arabicStart from './lang-ar';
import * as arabicMore from './lang-ar-more';
import * as englishStart from './lang-en';
import * as englishMore from './lang-en-more';
import * as swedishStart from './lang-sv';
import * as swedishMore from './lang-sv-more';

/** The areas (no key is in two of them: catalog.spec.ts). */
export const AREAS = ['core', 'applicant', 'board', 'decisions', 'finance', 'grants', 'officer', 'reviewer', 'security', 'trail', 'errors', 'reporting', 'verification', 'monitoring', 'flags', 'audit', 'sanctions', 'directory', 'transparency'] as const;
export type Area = (typeof AREAS)[number];

export const en = { ...englishStart.dictionary, ...englishMore.dictionary };

export type TranslationKey = keyof typeof en;
export type Dictionary = Readonly<Record<TranslationKey, string>>;
export type PartialDictionary = Readonly<Partial<Record<TranslationKey, string>>>;

export const ar: PartialDictionary = { ...arabicStart.dictionary, ...arabicMore.dictionary };
export const sv: PartialDictionary = { ...swedishStart.dictionary, ...swedishMore.dictionary };

/** Each language's files by area, for the catalog checks. */
export const FILES: Readonly<Record<'en' | 'ar' | 'sv', Readonly<Record<Area, Readonly<Record<string, string>>>>>> = {
  en: { ...englishStart.files, ...englishMore.files },
  ar: { ...arabicStart.files, ...arabicMore.files },
  sv: { ...swedishStart.files, ...swedishMore.files },
};
