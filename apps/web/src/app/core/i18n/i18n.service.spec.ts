import { Directionality } from '@angular/cdk/bidi';
import { DOCUMENT } from '@angular/common';
import { Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { en, type PartialDictionary, type TranslationKey } from './catalog';
import {
  DICTIONARIES,
  FSI,
  I18nService,
  LANGUAGE_STORAGE,
  localStorageItem,
  PDI,
  type LanguageStorage,
  translate,
} from './i18n.service';

class MemoryStorage implements LanguageStorage {
  constructor(public value: string | null = null) {}
  get(): string | null {
    return this.value;
  }
  set(value: string): void {
    this.value = value;
  }
}

function setUp(stored: string | null = null): {
  i18n: I18nService;
  storage: MemoryStorage;
  html: HTMLElement;
  dir: Directionality;
} {
  const storage = new MemoryStorage(stored);
  TestBed.configureTestingModule({
    providers: [{ provide: LANGUAGE_STORAGE, useValue: storage }],
  });
  return {
    i18n: TestBed.inject(I18nService),
    storage,
    html: TestBed.inject(DOCUMENT).documentElement,
    dir: TestBed.inject(Directionality),
  };
}

describe('translate', () => {
  const key = 'home.welcome' as TranslationKey;
  const other = 'nav.trail' as TranslationKey;
  const dictionaries = (
    entries: Record<'en' | 'ar' | 'sv', PartialDictionary>,
  ) => entries;

  it('uses the chosen language when it has the key', () => {
    expect(translate(DICTIONARIES, 'ar', 'nav.trail')).toBe('سجلّ النشاط');
    expect(translate(DICTIONARIES, 'sv', 'nav.trail')).toBe('Aktivitetslogg');
  });

  it('falls back to English for a key a language does not have', () => {
    const d = dictionaries({ en: { [other]: 'Trail' }, ar: {}, sv: {} });
    expect(translate(d, 'sv', other)).toBe('Trail');
    expect(translate(d, 'ar', other)).toBe('Trail');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(
      translate(DICTIONARIES, 'en', 'errors.tooManyAttempts', { seconds: 42 }),
    ).toBe('Too many attempts, try again in 42 seconds.');
    expect(translate(DICTIONARIES, 'en', 'home.welcome', {})).toBe(
      'Welcome, {name}',
    );
  });

  it('picks the exact plural branch, then the language’s plural category (six in Arabic)', () => {
    const message =
      '{count, plural, =0 {none} zero {zero:#} one {one:#} two {two:#} few {few:#} many {many:#} other {other:#}}';
    const d = dictionaries({ en: { [key]: message }, ar: { [key]: message }, sv: {} });
    expect(translate(d, 'en', key, { count: 0 })).toBe('none');
    expect(translate(d, 'en', key, { count: 1 })).toBe('one:1');
    expect(translate(d, 'en', key, { count: 5 })).toBe('other:5');
    const arabic = [1, 2, 3, 11, 100].map((count) =>
      translate(d, 'ar', key, { count }).split(':')[0],
    );
    expect(arabic).toEqual(['one', 'two', 'few', 'many', 'other']);
  });

  it('shows a message that does not parse as written, rather than failing the page', () => {
    const d = dictionaries({ en: { [key]: 'Broken {count, plural,' }, ar: {}, sv: {} });
    expect(translate(d, 'en', key, { count: 1 })).toBe('Broken {count, plural,');
  });

  it('isolates every inserted text in a right-to-left language, so an English name cannot reorder the Arabic around it', () => {
    const d = dictionaries({ en: { [key]: 'Welcome, {name}' }, ar: { [key]: 'أهلاً بك، {name}' }, sv: { [key]: 'Välkommen, {name}' } });
    expect(translate(d, 'ar', key, { name: 'Basra Water Initiative' })).toBe(`أهلاً بك، ${FSI}Basra Water Initiative${PDI}`);
    expect(translate(d, 'ar', key, { name: '' })).toBe('أهلاً بك، ');
  });

  it('isolates in a left-to-right language only a text holding right-to-left script', () => {
    const d = dictionaries({ en: { [key]: 'Welcome, {name}' }, ar: {}, sv: { [key]: 'Välkommen, {name}' } });
    expect(translate(d, 'en', key, { name: 'Alice' })).toBe('Welcome, Alice');
    expect(translate(d, 'sv', key, { name: '5 mars 2026' })).toBe('Välkommen, 5 mars 2026');
    expect(translate(d, 'en', key, { name: 'جمعية البصرة' })).toBe(`Welcome, ${FSI}جمعية البصرة${PDI}`);
  });

  it('never isolates a value a plural counts or a select chooses on, and counts a numeric string as its number', () => {
    const message = '{state, select, open {Open} other {Closed}}: {count, plural, one {# item} other {# items}}';
    const d = dictionaries({ en: { [key]: message }, ar: { [key]: message }, sv: {} });
    expect(translate(d, 'ar', key, { state: 'open', count: '1' })).toBe('Open: ١ item');
    expect(translate(d, 'en', key, { state: 'shut', count: '12' })).toBe('Closed: 12 items');
  });

  it('writes numbers in Arabic with Arabic-Indic digits, in plurals and in numbers given as arguments', () => {
    expect(translate(DICTIONARIES, 'ar', 'errors.tooManyAttempts', { seconds: 42 })).toContain('٤٢');
    expect(translate(DICTIONARIES, 'ar', 'officer.queue.loaded', { count: 12 })).toContain('١٢');
  });

  it('has an English text for every key', () => {
    for (const k of Object.keys(en) as TranslationKey[]) {
      expect(en[k].trim()).not.toBe('');
    }
  });
});

describe('I18nService', () => {
  afterEach(() => {
    const html = document.documentElement;
    html.lang = 'en';
    html.dir = 'ltr';
  });

  it('starts in English when nothing is stored and the browser speaks English', () => {
    const { i18n, html } = setUp();
    expect(i18n.lang()).toBe('en');
    expect(html.lang).toBe('en');
    expect(html.dir).toBe('ltr');
  });

  it('restores the stored choice', () => {
    const { i18n, html } = setUp('sv');
    expect(i18n.lang()).toBe('sv');
    expect(html.lang).toBe('sv');
    expect(i18n.t('shell.signOut')).toBe('Logga ut');
  });

  it('ignores a stored value that is not a supported language', () => {
    const { i18n } = setUp('xx');
    expect(i18n.lang()).toBe('en');
  });

  it('switches to Arabic right-to-left, stores it, and makes CDK Directionality follow', () => {
    const { i18n, storage, html, dir } = setUp();
    const changes: string[] = [];
    dir.change.subscribe((value) => changes.push(value));

    i18n.use('ar');

    expect(storage.value).toBe('ar');
    expect(html.lang).toBe('ar');
    expect(html.dir).toBe('rtl');
    expect(dir.value).toBe('rtl');
    expect(changes).toEqual(['rtl']);
    expect(i18n.t('shell.signOut')).toBe('تسجيل الخروج');

    i18n.use('sv');
    expect(html.dir).toBe('ltr');
    expect(dir.value).toBe('ltr');
    expect(changes).toEqual(['rtl', 'ltr']);
  });

  it('formats times with a time zone name in the chosen locale', () => {
    const { i18n } = setUp();
    const text = i18n.formatDateTime('2026-03-01T12:34:56Z');
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/UTC|GMT|[A-Z]{2,4}/);
    expect(i18n.formatDateTime('not a date')).toBe('not a date');
  });

  it('uses one locale tag per language in every formatter: Arabic-Indic digits for dates and numbers in Arabic', () => {
    const { i18n } = setUp('ar');
    expect(i18n.locale()).toBe('ar-u-nu-arab');
    expect(i18n.formatNumber(1234)).toMatch(/^[٠-٩٬]+$/);
    expect(i18n.formatDate('2026-03-01T12:00:00Z')).toMatch(/٢٠٢٦/);
    expect(i18n.formatDate('2026-03-01T12:00:00Z')).not.toMatch(/[0-9]/);
    expect(i18n.formatDateTime('2026-03-01T12:34:56Z')).not.toMatch(/[0-9]/);
  });
});

describe('localStorageItem', () => {
  afterEach(() => {
    localStorage.clear();
    jest.restoreAllMocks();
  });

  const item = (key: string) => runInInjectionContext(TestBed.inject(Injector), () => localStorageItem(key));

  it('reads, writes and removes one entry', () => {
    const entry = item('mizan.test');
    expect(entry.get()).toBeNull();
    entry.set('ar');
    expect(localStorage.getItem('mizan.test')).toBe('ar');
    expect(entry.get()).toBe('ar');
    entry.set(null);
    expect(localStorage.getItem('mizan.test')).toBeNull();
  });

  it('does not throw when storage is disabled or full', () => {
    jest.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('SecurityError');
    });
    jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    const entry = item('mizan.test');
    expect(entry.get()).toBeNull();
    expect(() => entry.set('sv')).not.toThrow();
  });
});
