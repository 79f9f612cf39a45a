import { HttpClient } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { ApiPaths, isUserLanguage, type LanguageView, type SessionInfo } from '@mizan/contracts';
import { Subject } from 'rxjs';
import { apiUrl } from '../api/api-url';
import { I18nService, localStorageItem, type Language } from './i18n.service';

/** Set when a language was picked while signed out: the next sign-in keeps it and saves it to the server. */
export const LANGUAGE_PENDING_KEY = 'mizan.lang.pending';

/** Where the "picked while signed out" mark is kept; a token so specs can swap it. */
export const LANGUAGE_PENDING_STORAGE = new InjectionToken<{ get(): boolean; set(on: boolean): void }>('LANGUAGE_PENDING_STORAGE', {
  providedIn: 'root',
  factory: () => {
    const item = localStorageItem(LANGUAGE_PENDING_KEY);
    return { get: () => item.get() === '1', set: (on) => item.set(on ? '1' : null) };
  },
});

/**
 * The user's language on the server (issue 10), which notifications and emails are written in.
 * - Picking a language while signed in saves it at once (then `saved` fires: the bell reloads).
 * - At sign-in the server's language is applied — unless the user picked one on the sign-in page,
 *   which then wins and is saved; a user with none stored gets the language shown now saved, once.
 * A page reload with a live session keeps this device's choice.
 */
@Injectable({ providedIn: 'root' })
export class LanguagePreferenceService {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18nService);
  private readonly pending = inject(LANGUAGE_PENDING_STORAGE);
  private readonly savedSubject = new Subject<Language>();
  /** Fires once the server holds a new language. */
  readonly saved = this.savedSubject.asObservable();

  /** The language menu's choice. */
  choose(lang: Language, signedIn: boolean): void {
    this.i18n.use(lang);
    if (signedIn) this.save(lang);
    else this.pending.set(true);
  }

  /** A session has just become full through sign-in. */
  signedIn(session: SessionInfo): void {
    const stored = session.user.language;
    if (this.pending.get() || !isUserLanguage(stored)) {
      this.pending.set(false);
      if (stored !== this.i18n.lang()) this.save(this.i18n.lang());
      return;
    }
    if (stored !== this.i18n.lang()) this.i18n.use(stored);
  }

  private save(lang: Language): void {
    // A failure keeps the choice on this device; the next pick or sign-in tries again.
    this.http.put<LanguageView>(apiUrl(ApiPaths.language), { language: lang }).subscribe({
      next: (view) => this.savedSubject.next(view.language),
      error: () => undefined,
    });
  }
}
