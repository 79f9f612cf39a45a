import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { MyReviewItem } from '@mizan/contracts';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { formatIsoDate, localToday } from '../officer/shared/zones';
import {
  REVIEW_FILTERS,
  actionKey,
  dueState,
  filterReviews,
  groupEmptyKey,
  groupKey,
  groupReviews,
  initialFilter,
  reviewProgress,
  statusKey,
  statusTone,
  type ReviewFilter,
} from './my-reviews';
import { ReviewerApiService } from './reviewer-api.service';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';

/** "My reviews": the signed-in reviewer's assignments, grouped by what they still need. */
@Component({
  selector: 'mz-my-reviews-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-reviews-page.component.html',
  styleUrls: [
    '../officer/shared/officer-page.scss',
    './my-reviews-page.component.scss',
  ],
})
export class MyReviewsPageComponent {
  private readonly api = inject(ReviewerApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  protected readonly filters = REVIEW_FILTERS;
  protected readonly statusKey = statusKey;
  protected readonly statusTone = statusTone;
  protected readonly groupKey = groupKey;
  protected readonly groupEmptyKey = groupEmptyKey;
  protected readonly actionKey = actionKey;

  protected readonly items = signal<MyReviewItem[]>([]);
  protected readonly loaded = signal(false);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  private readonly today = localToday();

  protected readonly grouped = computed(() => groupReviews(this.items()));
  protected readonly progress = computed(() =>
    reviewProgress(this.items(), this.today),
  );
  private readonly chosenFilter = signal<ReviewFilter | null>(null);
  protected readonly filter = computed(
    () => this.chosenFilter() ?? initialFilter(this.grouped()),
  );
  protected readonly sections = computed(() =>
    filterReviews(this.grouped(), this.filter()),
  );

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .mine()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => {
          this.items.set(items);
          this.loaded.set(true);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected setFilter(value: ReviewFilter | undefined): void {
    this.chosenFilter.set(value ?? 'all');
  }

  protected count(filter: ReviewFilter): number {
    const g = this.grouped();
    return filter === 'all'
      ? g.todo.length + g.submitted.length + g.withdrawn.length
      : g[filter].length;
  }

  protected num(value: number): string {
    return this.i18n.formatNumber(value);
  }

  protected due(item: MyReviewItem): ReturnType<typeof dueState> {
    return dueState(item, this.today);
  }

  protected date(iso: string): string {
    return formatIsoDate(iso, this.i18n.locale());
  }
}
