import { Directionality, type Direction } from '@angular/cdk/bidi';
import { DOCUMENT } from '@angular/common';
import {
  ApplicationRef,
  Injectable,
  InjectionToken,
  computed,
  inject,
  signal,
} from '@angular/core';
import { IntlMessageFormat } from 'intl-messageformat';
import { useFieldErrorTranslation } from '../api/api-error';
import type { PartialDictionary, TranslationKey } from './catalog';
import { isLoaded, loadDictionary, loadedDictionaries, type DictionaryPart } from './dictionaries';

export const LANGUAGES = [
  { code: 'en', nativeName: 'English', dir: 'ltr', locale: 'en-GB' },
  // `-u-nu-arab`: Arabic-Indic digits in every formatter. The plain `ar` tag resolves to Latin digits in some
  // ICU versions (Node's) and Arabic-Indic in others, so dates, amounts and counts could mix the two.
  { code: 'ar', nativeName: 'العربية', dir: 'rtl', locale: 'ar-u-nu-arab' },
  { code: 'sv', nativeName: 'Svenska', dir: 'ltr', locale: 'sv-SE' },
] as const satisfies readonly {
  code: string;
  nativeName: string;
  dir: Direction;
  locale: string;
}[];

export type Language = (typeof LANGUAGES)[number]['code'];
export type LanguageInfo = (typeof LANGUAGES)[number];
export type TranslationParams = Readonly<Record<string, string | number>>;

export const DEFAULT_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'mizan.lang';

const NOT_LOADED: PartialDictionary = {};

/** The languages' messages as loaded so far (dictionaries.ts); a language not loaded yet reads as empty. */
export const DICTIONARIES: Readonly<Record<Language, PartialDictionary>> = {
  get en() {
    return loadedDictionaries().en ?? NOT_LOADED;
  },
  get ar() {
    return loadedDictionaries().ar ?? NOT_LOADED;
  },
  get sv() {
    return loadedDictionaries().sv ?? NOT_LOADED;
  },
};

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

export function languageInfo(code: Language): LanguageInfo {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}

const compiled = new Map<string, IntlMessageFormat | null>();

/** Compiles a message once per locale; a message that does not parse (the catalog spec forbids it) is shown as written. */
function compile(text: string, locale: string): IntlMessageFormat | null {
  const id = `${locale}\u0000${text}`;
  let format = compiled.get(id);
  if (format === undefined) {
    try {
      format = new IntlMessageFormat(text, locale, undefined, {
        ignoreTag: true,
      });
    } catch {
      format = null;
    }
    compiled.set(id, format);
  }
  return format;
}

/** First strong isolate and pop directional isolate (Unicode bidi algorithm, UAX #9). */
export const FSI = '\u2068';
export const PDI = '\u2069';
const RTL_CHARACTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * A value inserted into a sentence, isolated so that its own direction (an English call title in an Arabic
 * sentence, an Arabic organization name in an English one, a date whose digits and separators are weak) never
 * reorders the words around it. In a right-to-left language every string value is isolated; in a left-to-right
 * one only a value holding right-to-left script is, since a Latin value cannot reorder a Latin sentence, and so
 * English and Swedish texts stay free of invisible characters (browser specs match them as written).
 */
export function isolate(value: string, dir: Direction): string {
  if (value === '' || (dir === 'ltr' && !RTL_CHARACTER.test(value))) return value;
  return `${FSI}${value}${PDI}`;
}

/**
 * Looks `key` up in `lang`, then in English, and formats it as an ICU message
 * (`{name}` placeholders, `{count, plural, …}` with the language's plural rules and digits).
 * A placeholder without a value stays visible as `{name}` rather than failing the page; a string value is
 * isolated (see `isolate`); a number is written in the locale's digits (intl-messageformat would insert it
 * with String(), Latin digits in an Arabic sentence); a plural's value given as a numeric string (eligibility results carry strings)
 * is counted as the number it is.
 */
export function translate(
  dictionaries: Readonly<Record<Language, PartialDictionary>>,
  lang: Language,
  key: TranslationKey,
  params?: TranslationParams,
): string {
  const text =
    dictionaries[lang][key] ?? dictionaries[DEFAULT_LANGUAGE][key] ?? key;
  if (!text.includes('{')) return text;
  const info = languageInfo(lang);
  const format = compile(text, info.locale);
  if (!format) return text;
  const values: Record<string, string | number> = {};
  for (const [name, kind] of argumentKinds(format)) {
    const value = params?.[name];
    if (value === undefined) values[name] = kind === 'text' ? `{${name}}` : '';
    else if (kind === 'text') values[name] = typeof value === 'string' ? isolate(value, info.dir) : formatInteger(value, info.locale);
    else if (kind === 'plural' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) values[name] = Number(value);
    else values[name] = value;
  }
  try {
    const out = format.format(values);
    return typeof out === 'string' ? out : String(out);
  } catch {
    return text;
  }
}

/** A number inserted as `{name}`: the locale's digits, grouped from five digits on (10,000 but 2026, a year; the cast because this TypeScript lib types useGrouping as a boolean only). */
function formatInteger(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: 'min2' as unknown as boolean, maximumFractionDigits: 20 }).format(value);
}

type ArgumentKind = 'text' | 'plural' | 'other';
type MessageElements = ReturnType<IntlMessageFormat['getAst']>;
/** The parser's element types (TYPE of @formatjs/icu-messageformat-parser, which intl-messageformat does not re-export). */
const TYPE = { argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, tag: 8 } as const;

/** Each argument of a message and how it is used: inserted as text, counted by a plural, or chosen on (select). */
function argumentKinds(format: IntlMessageFormat): Map<string, ArgumentKind> {
  const kinds = new Map<string, ArgumentKind>();
  const walk = (elements: MessageElements): void => {
    for (const element of elements) {
      if (element.type === TYPE.argument) {
        if (!kinds.has(element.value)) kinds.set(element.value, 'text');
      } else if (element.type === TYPE.plural) {
        kinds.set(element.value, 'plural');
      } else if (element.type === TYPE.select || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
        kinds.set(element.value, 'other');
      }
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(format.getAst());
  return kinds;
}

/** Where the language choice is kept; a token so specs can swap it and private browsing cannot break start-up. */
export interface LanguageStorage {
  get(): string | null;
  set(value: string): void;
}

/**
 * One localStorage entry, read and written without throwing: storage may be disabled (private browsing) or full, and
 * the choice then lasts for this page only. `set(null)` removes it. Call in an injection context.
 */
export function localStorageItem(key: string): { get(): string | null; set(value: string | null): void } {
  const storage = inject(DOCUMENT).defaultView?.localStorage;
  return {
    get: () => {
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set: (value) => {
      try {
        if (value === null) storage?.removeItem(key);
        else storage?.setItem(key, value);
      } catch {
        // Storage may be full or disabled; the choice then lasts for this page only.
      }
    },
  };
}

export const LANGUAGE_STORAGE = new InjectionToken<LanguageStorage>('LANGUAGE_STORAGE', { providedIn: 'root', factory: () => localStorageItem(LANGUAGE_STORAGE_KEY) });

@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly directionality = inject(Directionality);
  private readonly storage = inject(LANGUAGE_STORAGE);

  private readonly current = signal<Language>(this.initialLanguage());

  readonly lang = this.current.asReadonly();
  readonly info = computed(() => languageInfo(this.current()));
  readonly dir = computed<Direction>(() => this.info().dir);
  readonly locale = computed(() => this.info().locale);
  /** Resolves once the first language's messages for the sign-in page are loaded: the app starts after it (an app initializer, app.config.ts). */
  readonly ready: Promise<void>;
  /** The language asked for last: a slower download of one asked for earlier does not override it. */
  private requested: Language;
  /** Set once a page needed every area: a language switched to from then on is loaded whole. */
  private part: DictionaryPart = 'start';

  constructor() {
    this.apply();
    useFieldErrorTranslation((key, params) => this.t(key, params));
    this.requested = this.current();
    this.ready = this.load(this.current(), 'start');
    // The other areas once the first page is up (pages behind sign-in wait for them: messagesGuard).
    void inject(ApplicationRef)
      .whenStable()
      .then(() => this.complete());
  }

  /** Switches at once when the language is loaded, else once its messages have arrived. */
  use(lang: Language): void {
    this.storage.set(lang);
    this.requested = lang;
    if (isLoaded(lang, this.part)) {
      this.switchTo(lang);
      return;
    }
    void this.load(lang, this.part).then(() => {
      if (this.requested === lang) this.switchTo(lang);
    });
  }

  /** Loads every area of the active language (and of the one being switched to). */
  complete(): Promise<void> {
    this.part = 'all';
    const langs = new Set([this.current(), this.requested]);
    return Promise.all([...langs].map((lang) => this.load(lang, 'all'))).then(() => undefined);
  }

  private switchTo(lang: Language): void {
    this.current.set(lang);
    this.apply();
  }

  /** A language whose messages cannot be downloaded (offline, a deployment replaced them) is shown from English, which has every key. */
  private async load(lang: Language, part: DictionaryPart): Promise<void> {
    try {
      await loadDictionary(lang, part);
    } catch {
      if (lang !== DEFAULT_LANGUAGE) await loadDictionary(DEFAULT_LANGUAGE, part).catch(() => undefined);
    }
  }

  /** Reads the language signal, so templates and computeds that call it follow a language change. */
  t(key: TranslationKey, params?: TranslationParams): string {
    const lang = this.current();
    // A key outside the areas loaded so far (a page that needs more than sign-in's): the rest is fetched, and the
    // template, which reads the dictionaries' signal, shows the text once it is here.
    if (this.part === 'start' && DICTIONARIES[lang][key] === undefined && !isLoaded(lang, 'all')) void this.complete();
    return translate(DICTIONARIES, lang, key, params);
  }

  formatDateTime(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.locale(), {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    }).format(date);
  }

  formatDate(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.locale(), {
      dateStyle: 'medium',
    }).format(date);
  }

  formatNumber(value: number): string {
    return new Intl.NumberFormat(this.locale()).format(value);
  }

  private initialLanguage(): Language {
    const stored = this.storage.get();
    if (isLanguage(stored)) return stored;
    const browser = this.document.defaultView?.navigator?.language?.slice(0, 2);
    return isLanguage(browser) ? browser : DEFAULT_LANGUAGE;
  }

  /** Keeps `<html lang dir>` and the CDK's root Directionality (menus, dialogs, sidenav) in step. */
  private apply(): void {
    const { code, dir } = this.info();
    const html = this.document.documentElement;
    html.lang = code;
    html.dir = dir;
    if (this.directionality.valueSignal() !== dir) {
      this.directionality.valueSignal.set(dir);
      this.directionality.change.emit(dir);
    }
  }
}

/** On the routes behind sign-in: every area of the active language is loaded before the page opens. */
export const messagesGuard = (): Promise<boolean> => inject(I18nService).complete().then(() => true);
