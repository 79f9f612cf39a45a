import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { NotificationView } from '@mizan/contracts';
import { errorMessage } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { NotificationCenterService } from './notification-center.service';
import { isUnread, splitByRead } from './notification-links';
import { relativeTime } from './relative-time';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import {
  KeysetPaginatorComponent,
  firstKeysetPage,
  type KeysetRequest,
} from '../../core/ui/keyset-paginator.component';

/** Every notification of the signed-in user: unread ones first, each leading to what it is about. */
@Component({
  selector: 'mz-notifications-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    KeysetPaginatorComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications-page.component.html',
  styleUrl: './notifications-page.component.scss',
})
export class NotificationsPageComponent {
  protected readonly center = inject(NotificationCenterService);
  protected readonly unread = isUnread;
  protected readonly i18n = inject(I18nService);
  private readonly now = signal(new Date());

  protected readonly sections = computed(() => {
    const { unread, read } = splitByRead(this.center.items());
    return [
      {
        key: 'unread',
        titleKey: 'notifications.group.unread' as const,
        items: unread,
      },
      {
        key: 'read',
        titleKey: 'notifications.group.read' as const,
        items: read,
      },
    ];
  });
  protected readonly problem = computed(() => {
    const error = this.center.error();
    return error ? errorMessage(error) : null;
  });
  protected readonly announcement = signal('');
  protected readonly marking = signal(false);

  constructor() {
    this.goTo(firstKeysetPage(25));
    // The bell shows the newest again once the page is left.
    inject(DestroyRef).onDestroy(() => {
      if (this.center.page()?.previous) this.center.fetch(firstKeysetPage(25)).subscribe();
    });
  }

  protected refresh(): void {
    this.center.fetch().subscribe(() => this.now.set(new Date()));
  }

  /** Another page of the list (the paginator's previous / next / first, or a new size). */
  protected goTo(request: KeysetRequest): void {
    this.center.fetch(request).subscribe(() => this.now.set(new Date()));
  }

  protected when(n: NotificationView): string {
    return relativeTime(n.createdAt, this.now(), this.i18n.locale());
  }

  protected canOpen(n: NotificationView): boolean {
    return this.center.target(n) !== null;
  }

  protected open(n: NotificationView): void {
    this.center.open(n);
  }

  protected markRead(n: NotificationView): void {
    this.center.markRead(n);
    this.announcement.set(
      this.i18n.t('notifications.markedOne', { title: n.title }),
    );
  }

  protected markAll(): void {
    this.marking.set(true);
    this.center.markAllRead().subscribe({
      next: (marked) => {
        this.marking.set(false);
        this.announcement.set(
          this.i18n.t('notifications.markedAll', { count: marked }),
        );
      },
      error: () => {
        this.marking.set(false);
        this.refresh();
      },
    });
  }
}
