import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import {
  API_PREFIX,
  DecisionPaths,
  type NotificationListView,
  type NotificationView,
} from '@mizan/contracts';
import { type Observable, catchError, map, of, tap } from 'rxjs';
import {
  firstKeysetPage,
  keysetParams,
  type KeysetRequest,
} from '../../core/ui/keyset-paginator.component';
import { toWebError, type WebError } from '../../core/api/api-error';
import { SessionService } from '../../core/auth/session.service';
import { LanguagePreferenceService } from '../../core/i18n/language-preference.service';
import { PAGE_ACCESS, holdsAny } from '../../core/nav/nav';
import { DecisionsApiService } from '../officer/decisions/decisions-api.service';
import { ScreeningApiService } from '../officer/screening/screening-api.service';
import {
  REVIEW_DESK,
  notificationTarget,
  reviewApplicationCommands,
  type NotificationTarget,
} from './notification-links';
import { isUnread } from './notification-links';

const url = (path: string) => `${API_PREFIX}/${path}`;

/**
 * The signed-in user's in-app notifications, shared by the toolbar's bell and
 * the notifications page so both show the same unread count.
 */
@Injectable({ providedIn: 'root' })
export class NotificationCenterService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly sessions = inject(SessionService);
  private readonly decisions = inject(DecisionsApiService);
  private readonly applications = inject(ScreeningApiService);

  private readonly state = signal<NotificationListView | null>(null);
  /** The page on show (the bell and the page share it): the newest first, until the page asks for another. */
  private readonly request = signal<KeysetRequest>(firstKeysetPage(25));
  /** The page's cursors and capped count, for the notifications page's paginator. */
  readonly page = computed(() => this.state());
  readonly items = computed(() => this.state()?.items ?? []);
  readonly unreadCount = computed(() => this.state()?.unreadCount ?? 0);
  /** More unread than the server counts (KEYSET_COUNT_CAP): shown as "10,000+". */
  readonly unreadCapped = computed(() => this.state()?.unreadCapped ?? false);
  readonly loaded = computed(() => this.state() !== null);
  readonly loading = signal(false);
  readonly error = signal<WebError | null>(null);

  constructor() {
    // The server writes notifications in the reader's saved language: fetch them again once it changed.
    inject(LanguagePreferenceService)
      .saved.pipe(takeUntilDestroyed())
      .subscribe(() => {
        if (this.state() !== null) this.refresh();
      });
  }

  /** Asks for the page on show (or `request`); a failure is kept in `error` and the last list stays. */
  fetch(request?: KeysetRequest): Observable<NotificationListView | null> {
    if (request) this.request.set(request);
    this.loading.set(true);
    return this.http
      .get<NotificationListView>(url(DecisionPaths.notifications), {
        params: keysetParams(this.request()),
      })
      .pipe(
        tap((list) => {
          this.state.set(list);
          this.error.set(null);
          this.loading.set(false);
        }),
        catchError((error: unknown) => {
          this.error.set(toWebError(error));
          this.loading.set(false);
          return of(null);
        }),
      );
  }

  refresh(): void {
    this.fetch().subscribe();
  }

  /** Forgets everything, e.g. once signed out. */
  clear(): void {
    this.state.set(null);
    this.request.set(firstKeysetPage(25));
    this.error.set(null);
  }

  /** Marks one read at once on screen, then tells the api. */
  markRead(n: NotificationView): void {
    if (n.readAt !== null) return;
    const now = new Date().toISOString();
    this.state.update((s) =>
      s
        ? {
            ...s,
            unreadCount: Math.max(
              0,
              s.unreadCount -
                (s.items.some((i) => i.id === n.id && isUnread(i)) ? 1 : 0),
            ),
            items: s.items.map((i) =>
              i.id === n.id ? { ...i, readAt: i.readAt ?? now } : i,
            ),
          }
        : s,
    );
    this.http
      .post<NotificationView>(
        url(DecisionPaths.readNotification(encodeURIComponent(n.id))),
        null,
      )
      .subscribe({ error: () => this.refresh() });
  }

  markAllRead(): Observable<number> {
    return this.http
      .post<{ marked: number }>(url(DecisionPaths.notificationsReadAll), null)
      .pipe(
        map(({ marked }) => marked),
        tap(() => {
          const now = new Date().toISOString();
          this.state.update((s) =>
            s
              ? {
                  ...s,
                  unreadCount: 0,
                  unreadCapped: false,
                  items: s.items.map((i) => ({
                    ...i,
                    readAt: i.readAt ?? now,
                  })),
                }
              : s,
          );
        }),
      );
  }

  target(n: NotificationView): NotificationTarget | null {
    return notificationTarget(n, {
      officer: holdsAny(this.sessions.permissions(), PAGE_ACCESS.reviewDesk),
    });
  }

  /** Opening a notification reads it and goes to what it is about (when it is about something). */
  open(n: NotificationView): void {
    this.markRead(n);
    const target = this.target(n);
    if (!target) return;
    this.commands(target).subscribe(
      (commands) => void this.router.navigate(commands),
    );
  }

  /** The route of a target; when its call cannot be found, the review desk itself. */
  private commands(target: NotificationTarget): Observable<readonly string[]> {
    switch (target.kind) {
      case 'route':
        return of(target.commands);
      case 'decision':
        return this.decisions.decision(target.decisionId).pipe(
          map((d) => reviewApplicationCommands(d.callId, d.applicationId)),
          catchError(() => of([REVIEW_DESK])),
        );
      case 'officerApplication':
        return this.applications.application(target.applicationId).pipe(
          map((a) => reviewApplicationCommands(a.callId, a.id)),
          catchError(() => of([REVIEW_DESK])),
        );
    }
  }
}
