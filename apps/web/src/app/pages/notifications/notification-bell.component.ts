import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import type { NotificationView } from '@mizan/contracts';
import { EMPTY, exhaustMap, filter, merge, switchMap, timer } from 'rxjs';
import { SessionService } from '../../core/auth/session.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { NotificationCenterService } from './notification-center.service';
import { excerpt, isUnread } from './notification-links';
import { relativeTime } from './relative-time';

/** How often the bell asks for news while the page is visible. */
export const NOTIFICATION_REFRESH_MS = 60_000;
const MENU_SIZE = 8;

/**
 * The toolbar's bell: the unread count as a badge, the latest notifications in
 * a menu. It asks again after each navigation and every minute while signed in.
 */
@Component({
  selector: 'mz-notification-bell',
  imports: [
    MatBadgeModule,
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatMenuModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      class="bell"
      data-testid="notification-bell"
      [matMenuTriggerFor]="menu"
      [matBadge]="badge()"
      [matBadgeHidden]="count() === 0"
      [attr.aria-label]="label()"
      [attr.data-unread]="count()"
      (menuOpened)="opened()"
    >
      <mat-icon svgIcon="notifications" />
      <span class="mz-visually-hidden" data-testid="notification-count">{{
        countText()
      }}</span>
    </button>
    <mat-menu #menu="matMenu" class="mz-notification-menu" xPosition="before">
      <p class="menu-title" aria-hidden="true">
        {{ 'notifications.title' | t }}
      </p>
      @for (n of latest(); track n.id) {
        <button
          mat-menu-item
          type="button"
          class="item"
          [class.unread]="unread(n)"
          data-testid="notification-item"
          [attr.data-kind]="n.kind"
          [attr.data-read]="n.readAt ? 'true' : 'false'"
          [attr.data-done]="n.resolvedAt ? 'true' : 'false'"
          (click)="center.open(n)"
        >
          <span class="item-body">
            <span class="item-title">
              @if (unread(n)) {
                <span class="dot" aria-hidden="true"></span>
                <span class="mz-visually-hidden"
                  >{{ 'notifications.unread' | t }}: </span
                >
              }
              <bdi>{{ n.title }}</bdi>
              @if (n.resolvedAt) {
                <span class="done">({{ 'notifications.done' | t }})</span>
              }
            </span>
            <span class="item-excerpt" dir="auto">{{ excerpt(n.body) }}</span>
            <span class="item-time">{{ when(n) }}</span>
          </span>
        </button>
      } @empty {
        <p class="menu-empty" data-testid="notifications-menu-empty">
          {{ 'notifications.menu.empty' | t }}
        </p>
      }
      <mat-divider />
      @if (count() > 0) {
        <button
          mat-menu-item
          type="button"
          data-testid="mark-all-read"
          (click)="markAll()"
        >
          <mat-icon svgIcon="done_all" />
          <span>{{ 'notifications.markAll' | t }}</span>
        </button>
      }
      <a
        mat-menu-item
        routerLink="/notifications"
        data-testid="notifications-see-all"
      >
        <mat-icon svgIcon="arrow_forward" class="mz-mirror-rtl" />
        <span>{{ 'notifications.menu.seeAll' | t }}</span>
      </a>
    </mat-menu>
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .bell {
      --mat-badge-background-color: var(--mat-sys-error);
      --mat-badge-text-color: var(--mat-sys-on-error);
    }
    .menu-title {
      margin: 4px 16px 8px;
      font: var(--mat-sys-title-small);
    }
    .menu-empty {
      margin: 8px 16px 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .item.mat-mdc-menu-item {
      align-items: flex-start;
      min-height: 64px;
      padding-block: 8px;
      white-space: normal;
    }
    .item-body {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .item-title {
      display: flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-large);
      overflow-wrap: anywhere;
    }
    .unread .item-title {
      font-weight: 700;
    }
    .dot {
      flex: none;
      inline-size: 8px;
      block-size: 8px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
    }
    .item-excerpt {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .item-time {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    ::ng-deep .mz-notification-menu.mat-mdc-menu-panel {
      inline-size: 380px;
      max-inline-size: calc(100vw - 16px);
    }
  `,
})
export class NotificationBellComponent {
  protected readonly center = inject(NotificationCenterService);
  private readonly sessions = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  /** Bumped when the menu opens, so relative times are computed afresh. */
  private readonly now = signal(new Date());

  protected readonly count = this.center.unreadCount;
  protected readonly latest = computed(() =>
    this.center.items().slice(0, MENU_SIZE),
  );
  /** The count in words: capped like every count of a list ("10,000+"). */
  protected readonly countText = computed(
    () =>
      this.i18n.formatNumber(this.count()) +
      (this.center.unreadCapped() ? '+' : ''),
  );
  protected readonly badge = computed(() => {
    const count = this.count();
    return count > 99 ? '99+' : this.i18n.formatNumber(count);
  });
  protected readonly label = computed(() => {
    const count = this.count();
    return count === 0
      ? this.i18n.t('notifications.bell.none')
      : this.i18n.t(
          count === 1 ? 'notifications.bell.one' : 'notifications.bell.many',
          {
            count: this.countText(),
          },
        );
  });
  protected readonly excerpt = excerpt;
  protected readonly unread = isUnread;

  constructor() {
    const router = inject(Router);
    const navigations = router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
    );
    const ticks = timer(0, NOTIFICATION_REFRESH_MS).pipe(
      filter(() => this.document.visibilityState !== 'hidden'),
    );
    toObservable(this.sessions.signedIn)
      .pipe(
        switchMap((signedIn) => {
          if (!signedIn) {
            this.center.clear();
            return EMPTY;
          }
          return merge(ticks, navigations).pipe(
            exhaustMap(() => this.center.fetch()),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected opened(): void {
    this.now.set(new Date());
  }

  protected when(n: NotificationView): string {
    return relativeTime(n.createdAt, this.now(), this.i18n.locale());
  }

  protected markAll(): void {
    this.center.markAllRead().subscribe({ error: () => this.center.refresh() });
  }
}
