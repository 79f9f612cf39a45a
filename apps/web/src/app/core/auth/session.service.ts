import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import {
  ApiPaths,
  type Permission,
  type SessionInfo,
  type SessionProbe,
  type SignInRequest,
} from '@mizan/contracts';
import { Observable, firstValueFrom, map, tap } from 'rxjs';
import { apiUrl } from '../api/api-url';
import { LanguagePreferenceService } from '../i18n/language-preference.service';

/**
 * The signed-in user as the api reports it. The session itself is an httpOnly cookie:
 * the web never sees it, it only asks the api who it is.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly language = inject(LanguagePreferenceService);
  private readonly state = signal<SessionInfo | null>(null);
  /** A session that still owes its second factor (or its enrolment): the sign-in page finishes it. */
  private readonly pendingState = signal<SessionInfo | null>(null);
  /** True once the api has answered who we are (a 401 counts as an answer). */
  private known = false;
  private pending: Promise<SessionInfo | null> | null = null;

  readonly session = this.state.asReadonly();
  readonly pendingSession = this.pendingState.asReadonly();
  readonly user = computed(() => this.state()?.user ?? null);
  readonly signedIn = computed(() => this.state() !== null);
  readonly permissions = computed<readonly Permission[]>(
    () => this.state()?.permissions ?? [],
  );

  /**
   * Asks the api once; later calls reuse the answer. A network failure is not cached. The probe answers a
   * signed-out visitor with 200 `{ signedIn: false }`: no failed request in the browser's console.
   */
  ensureLoaded(): Promise<SessionInfo | null> {
    if (this.known) return Promise.resolve(this.state());
    this.pending ??= firstValueFrom(
      this.http.get<SessionProbe>(apiUrl(ApiPaths.sessionProbe)),
    )
      .then((probe) => {
        this.known = true;
        if (probe.session) this.accept(probe.session, false);
        else {
          this.state.set(null);
          this.pendingState.set(null);
        }
        return this.state();
      })
      .catch((error: unknown) => {
        if (
          error instanceof HttpErrorResponse &&
          (error.status === 401 || error.status === 403)
        ) {
          this.known = true;
        }
        this.state.set(null);
        return null;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  signIn(request: SignInRequest): Observable<SessionInfo> {
    return this.http.post<SessionInfo>(apiUrl(ApiPaths.signIn), request).pipe(
      tap((session) => {
        this.known = true;
        this.accept(session);
      }),
    );
  }

  /**
   * Takes the api's answer: a full session signs in, a pending one waits for its step.
   * `signingIn` is false when an existing session is only restored (a page reload): the
   * device's language then stands; at a sign-in the server's language is applied.
   */
  accept(session: SessionInfo, signingIn = true): void {
    if (session.stage === 'full') {
      if (signingIn) this.language.signedIn(session);
      this.state.set(session);
      this.pendingState.set(null);
    } else {
      this.state.set(null);
      this.pendingState.set(session);
    }
  }

  signOut(): Observable<void> {
    return this.http.post<void>(apiUrl(ApiPaths.signOut), null).pipe(
      map(() => undefined),
      tap({ next: () => this.clear(), error: () => this.clear() }),
    );
  }

  /** Forgets the session locally, e.g. after the api answered 401. */
  clear(): void {
    this.known = true;
    this.state.set(null);
    this.pendingState.set(null);
  }

  hasAny(anyOf: readonly Permission[]): boolean {
    const held = this.permissions();
    return anyOf.some((p) => held.includes(p));
  }
}
