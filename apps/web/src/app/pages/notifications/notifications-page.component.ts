import {
  ChangeDetectionStrategy,
  Component,
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

/** Every notification of the signed-in user: unread ones first, each leading to what it is about. */
@Component({
  selector: 'mz-notifications-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
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
    this.refresh();
  }

  protected refresh(): void {
    this.center.fetch().subscribe(() => this.now.set(new Date()));
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
