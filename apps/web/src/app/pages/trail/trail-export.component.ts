import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ExportState, TrailExportView, TrailFilterSet } from '@mizan/contracts';
import { Subscription, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import type { TranslationKey } from '../../core/i18n/catalog';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TrailApiService, isExportRunning } from './trail-api.service';
import { formatBytes } from './trail-filters';
import { filterSummary } from './trail-labels';

const EARLIER_SHOWN = 5;

const STATE_KEYS: Readonly<Record<ExportState, TranslationKey>> = {
  waiting: 'trail.export.state.waiting',
  active: 'trail.export.state.active',
  completed: 'trail.export.state.completed',
  failed: 'trail.export.state.failed',
};

@Component({
  selector: 'mz-trail-export',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './trail-export.component.html',
  styleUrl: './trail-export.component.scss',
})
export class TrailExportComponent {
  private readonly api = inject(TrailApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  /** The filters applied on the page: the PDF lists the same records. */
  readonly filters = input<TrailFilterSet>({});
  protected readonly filtered = computed(() => Object.keys(this.filters()).length > 0);
  protected readonly filtersText = computed(() => this.summary(this.filters()));

  protected readonly current = signal<TrailExportView | null>(null);
  protected readonly previous = signal<TrailExportView[]>([]);
  protected readonly requesting = signal(false);
  protected readonly error = signal<WebError | null>(null);

  protected readonly running = computed(() => {
    const job = this.current();
    return this.requesting() || (job !== null && isExportRunning(job));
  });
  /** Announced in quarter steps: a screen reader reading every poll would drown the page. */
  protected readonly announcedProgress = computed(() => {
    const job = this.current();
    return job ? Math.floor(job.progress / 25) * 25 : 0;
  });
  protected readonly earlier = computed(() => {
    const currentId = this.current()?.id;
    return this.previous()
      .filter((job) => job.id !== currentId)
      .slice(0, EARLIER_SHOWN);
  });
  protected readonly errorText = computed(() => {
    const error = this.error();
    return error ? errorMessage(error) : null;
  });

  private watch?: Subscription;

  constructor() {
    this.loadPrevious();
  }

  protected start(): void {
    if (this.running()) return;
    this.watch?.unsubscribe();
    this.requesting.set(true);
    this.error.set(null);
    this.current.set(null);
    this.watch = this.api
      .requestExport(this.filters())
      .pipe(
        tap((job) => {
          this.requesting.set(false);
          this.current.set(job);
        }),
        switchMap((job) => this.api.watchExport(job.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (job) => this.current.set(job),
        error: (error: unknown) => {
          this.requesting.set(false);
          this.error.set(toWebError(error));
        },
        complete: () => this.loadPrevious(),
      });
  }

  protected stateKey(state: ExportState): TranslationKey {
    return STATE_KEYS[state];
  }

  protected hasFilters(job: TrailExportView): boolean {
    return Object.keys(job.filters ?? {}).length > 0;
  }

  protected summary(filters: TrailFilterSet): string {
    return filterSummary(filters, (key, params) => this.i18n.t(key, params), (iso) => this.i18n.formatDateTime(iso));
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  private loadPrevious(): void {
    this.api
      .listExports()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (jobs) => this.previous.set(jobs),
        // The list is a convenience; the export itself still works without it.
        error: () => this.previous.set([]),
      });
  }
}
