import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionInfo, UserLanguage } from '@mizan/contracts';
import { sessionFor } from '../../testing/session.fixture';
import { I18nService, LANGUAGE_STORAGE, type LanguageStorage } from './i18n.service';
import { LANGUAGE_PENDING_STORAGE, LanguagePreferenceService } from './language-preference.service';

class MemoryStorage implements LanguageStorage {
  constructor(public value: string | null = null) {}
  get(): string | null {
    return this.value;
  }
  set(value: string): void {
    this.value = value;
  }
}

function setUp(device: string | null, pending = false) {
  const flag = { on: pending, get: () => flag.on, set: (on: boolean) => (flag.on = on) };
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: LANGUAGE_STORAGE, useValue: new MemoryStorage(device) },
      { provide: LANGUAGE_PENDING_STORAGE, useValue: flag },
    ],
  });
  return {
    preference: TestBed.inject(LanguagePreferenceService),
    i18n: TestBed.inject(I18nService),
    http: TestBed.inject(HttpTestingController),
    flag,
  };
}

function session(language: UserLanguage | null): SessionInfo {
  const s = sessionFor(['applicant']);
  return { ...s, user: { ...s.user, language } };
}

describe('LanguagePreferenceService', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('applies the server’s language at sign-in', () => {
    const { preference, i18n } = setUp('en');
    preference.signedIn(session('ar'));
    expect(i18n.lang()).toBe('ar');
  });

  it('saves the language shown, once, for a user with none stored', () => {
    const { preference, i18n, http } = setUp('sv');
    preference.signedIn(session(null));
    expect(i18n.lang()).toBe('sv');
    const put = http.expectOne({ method: 'PUT', url: '/api/v1/auth/language' });
    expect(put.request.body).toEqual({ language: 'sv' });
    put.flush({ language: 'sv' });
  });

  it('keeps a language picked on the sign-in page and saves it', () => {
    const { preference, i18n, http, flag } = setUp('en');
    preference.choose('ar', false);
    expect(flag.on).toBe(true);
    preference.signedIn(session('sv'));
    expect(i18n.lang()).toBe('ar');
    http.expectOne({ method: 'PUT', url: '/api/v1/auth/language' }).flush({ language: 'ar' });
    expect(flag.on).toBe(false);
  });

  it('saves a choice made while signed in, then tells who listens', () => {
    const { preference, http } = setUp('en');
    const saved: string[] = [];
    preference.saved.subscribe((lang) => saved.push(lang));
    preference.choose('sv', true);
    const put = http.expectOne({ method: 'PUT', url: '/api/v1/auth/language' });
    expect(put.request.body).toEqual({ language: 'sv' });
    expect(saved).toEqual([]);
    put.flush({ language: 'sv' });
    expect(saved).toEqual(['sv']);
  });
});
