import { Directionality } from '@angular/cdk/bidi';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { ar } from './dictionaries/ar';
import { en, type TranslationKey } from './dictionaries/en';
import { sv } from './dictionaries/sv';
import {
  DICTIONARIES,
  I18nService,
  LANGUAGE_STORAGE,
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
  it('uses the chosen language when it has the key', () => {
    expect(translate(DICTIONARIES, 'ar', 'nav.trail')).toBe('سجلّ النشاط');
    expect(translate(DICTIONARIES, 'sv', 'nav.trail')).toBe('Aktivitetslogg');
  });

  it('falls back to English for a key Swedish does not have yet', () => {
    const missing = (Object.keys(en) as TranslationKey[]).filter(
      (key) => !(key in sv),
    );
    expect(missing.length).toBeGreaterThan(0);
    for (const key of missing) {
      expect(translate(DICTIONARIES, 'sv', key)).toBe(en[key]);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(
      translate(DICTIONARIES, 'en', 'errors.tooManyAttempts', { seconds: 42 }),
    ).toBe('Too many attempts, try again in 42 seconds.');
    expect(translate(DICTIONARIES, 'en', 'home.welcome', {})).toBe(
      'Welcome, {name}',
    );
  });

  it('has a non-empty Arabic text for every key, and no Swedish key English lacks', () => {
    for (const key of Object.keys(en) as TranslationKey[]) {
      expect(ar[key].trim()).not.toBe('');
    }
    for (const key of Object.keys(sv)) {
      expect(key in en).toBe(true);
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
});
