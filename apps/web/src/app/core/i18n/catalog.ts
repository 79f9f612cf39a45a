/*
 * The web app's messages: one JSON file per language and area under `apps/web/src/i18n/<lang>/<area>.json`,
 * written in ICU MessageFormat (`{name}`, `{count, plural, one {# payment} other {# payments}}`) so a
 * translator edits JSON, not code. English is the reference: its keys are the only valid keys (the type
 * `TranslationKey` is derived from them), and `catalog.spec.ts` fails on a key missing or unknown in any language.
 *
 * Each language is merged in its own module (lang-en.ts, lang-ar.ts, lang-sv.ts), which the app loads only when it
 * is the active language (dictionaries.ts): this module imports all three and is for the catalog checks and
 * the types only — app code imports it with `import type`, or every language would be in the first download.
 */
import * as arabic from './lang-ar';
import * as english from './lang-en';
import * as swedish from './lang-sv';

/** The areas, in the order their files are merged. */
export const AREAS = ['core', 'applicant', 'board', 'decisions', 'finance', 'grants', 'officer', 'reviewer', 'security', 'trail', 'errors', 'reporting', 'verification', 'monitoring', 'flags', 'audit', 'sanctions'] as const;
export type Area = (typeof AREAS)[number];

export const en = english.dictionary;

export type TranslationKey = keyof typeof en;
export type Dictionary = Readonly<Record<TranslationKey, string>>;
export type PartialDictionary = Readonly<Partial<Record<TranslationKey, string>>>;

export const ar: PartialDictionary = arabic.dictionary;
export const sv: PartialDictionary = swedish.dictionary;

/** Each language's files by area, for the catalog checks. */
export const FILES: Readonly<Record<'en' | 'ar' | 'sv', Readonly<Record<Area, Readonly<Record<string, string>>>>>> = {
  en: english.files,
  ar: arabic.files,
  sv: swedish.files,
};
