import { Directionality, type Direction } from '@angular/cdk/bidi';
import { DOCUMENT } from '@angular/common';
import {
  Injectable,
  InjectionToken,
  computed,
  inject,
  signal,
} from '@angular/core';
import { IntlMessageFormat } from 'intl-messageformat';
import { useFieldErrorTranslation } from '../api/api-error';
import {
  ar,
  en,
  sv,
  type PartialDictionary,
  type TranslationKey,
} from './catalog';

export const LANGUAGES = [
  { code: 'en', nativeName: 'English', dir: 'ltr', locale: 'en-GB' },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl', locale: 'ar' },
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

export const DICTIONARIES: Readonly<Record<Language, PartialDictionary>> = {
  en,
  ar,
  sv,
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

/**
 * Looks `key` up in `lang`, then in English, and formats it as an ICU message
 * (`{name}` placeholders, `{count, plural, …}` with the language's plural rules and digits).
 * A placeholder without a value stays visible as `{name}` rather than failing the page.
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
  const format = compile(text, languageInfo(lang).locale);
  if (!format) return text;
  const values: Record<string, string | number> = { ...params };
  for (const name of argumentNames(format)) {
    if (!(name in values)) values[name] = `{${name}}`;
  }
  try {
    const out = format.format(values);
    return typeof out === 'string' ? out : String(out);
  } catch {
    return text;
  }
}

/** The simple argument names of a message, so a missing one can be shown as written. */
function argumentNames(format: IntlMessageFormat): string[] {
  const names: string[] = [];
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>): void => {
    for (const element of elements) {
      if ('value' in element && typeof element.value === 'string' && element.type !== 0) names.push(element.value);
      if ('options' in element) for (const option of Object.values(element.options) as { value: ReturnType<IntlMessageFormat['getAst']> }[]) walk(option.value);
    }
  };
  walk(format.getAst());
  return names;
}

/** Where the language choice is kept; a token so specs can swap it and private browsing cannot break start-up. */
export interface LanguageStorage {
  get(): string | null;
  set(value: string): void;
}

export const LANGUAGE_STORAGE = new InjectionToken<LanguageStorage>(
  'LANGUAGE_STORAGE',
  {
    providedIn: 'root',
    factory: () => {
      const storage = inject(DOCUMENT).defaultView?.localStorage;
      return {
        get: () => {
          try {
            return storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
          } catch {
            return null;
          }
        },
        set: (value) => {
          try {
            storage?.setItem(LANGUAGE_STORAGE_KEY, value);
          } catch {
            // Storage may be full or disabled; the choice then lasts for this page only.
          }
        },
      };
    },
  },
);

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

  constructor() {
    this.apply();
    useFieldErrorTranslation((key, params) => this.t(key, params));
  }

  use(lang: Language): void {
    this.current.set(lang);
    this.storage.set(lang);
    this.apply();
  }

  /** Reads the language signal, so templates and computeds that call it follow a language change. */
  t(key: TranslationKey, params?: TranslationParams): string {
    return translate(DICTIONARIES, this.current(), key, params);
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
