import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  OUTBOUND_EMAIL_STATUSES,
  type OutboundEmailStatus,
  type OutboundEmailSummary,
} from '@mizan/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import type { TranslationKey } from '../../core/i18n/catalog';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { OutboxApiService } from './outbox-api.service';
import { OutboxEmailDialogComponent } from './outbox-email-dialog.component';
import {
  countByStatus,
  outboxStatusKey,
  outboxStatusTone,
} from './outbox-status';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { ScrollRegionComponent } from '../../core/ui/scroll-region.component';

type StatusFilter = OutboundEmailStatus | 'all';

/** The agency's sent and pending mail, so officers can check that news reached people. */
@Component({
  selector: 'mz-outbox-page',
  imports: [
    ScrollRegionComponent,
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './outbox-page.component.html',
  styleUrls: [
    '../officer/shared/officer-page.scss',
    './outbox-page.component.scss',
  ],
})
export class OutboxPageComponent {
  private readonly api = inject(OutboxApiService);
  private readonly dialog = inject(MatDialog);
  protected readonly i18n = inject(I18nService);

  protected readonly filters: readonly StatusFilter[] = [
    'all',
    ...OUTBOUND_EMAIL_STATUSES,
  ];
  protected readonly rows = signal<OutboundEmailSummary[]>([]);
  protected readonly loaded = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<WebError | null>(null);
  protected readonly filter = signal<StatusFilter>('all');
  protected readonly announcement = signal('');
  private readonly reloads = signal(0);

  protected readonly visible = computed(() => {
    const f = this.filter();
    return f === 'all'
      ? this.rows()
      : this.rows().filter((r) => r.status === f);
  });
  protected readonly counts = computed(() => countByStatus(this.rows()));
  protected readonly problem = computed(() => {
    const error = this.error();
    return error ? errorMessage(error) : null;
  });
  protected readonly statusKey = outboxStatusKey;
  protected readonly tone = outboxStatusTone;

  constructor() {
    toObservable(this.reloads)
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(() =>
          this.api.list().pipe(
            map((rows) => ({ rows, error: null })),
            catchError((error: unknown) =>
              of({ rows: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ rows, error }) => {
        this.loading.set(false);
        if (rows) {
          this.rows.set(rows);
          this.loaded.set(true);
          this.error.set(null);
          this.announcement.set(
            this.i18n.t('outbox.loaded', { count: rows.length }),
          );
        } else {
          this.error.set(error);
        }
      });
  }

  protected refresh(): void {
    this.reloads.update((n) => n + 1);
  }

  protected filterKey(filter: StatusFilter): TranslationKey {
    return filter === 'all' ? 'outbox.filter.all' : outboxStatusKey(filter);
  }

  protected time(iso: string | null): string {
    return iso ? this.i18n.formatDateTime(iso) : '—';
  }

  protected open(row: OutboundEmailSummary): void {
    this.dialog.open(OutboxEmailDialogComponent, {
      width: '720px',
      maxWidth: '95vw',
      data: row,
    });
  }
}
