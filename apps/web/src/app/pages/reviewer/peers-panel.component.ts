import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type {
  PeerReviewsView,
  ReviewView,
  RubricInput,
} from '@mizan/contracts';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { formatScore, recommendationKey } from './my-reviews';
import {
  comparisonRows,
  formatWeight,
  peerNumber,
  reviewSpread,
  scorePercent,
} from './review-form';
import { ReviewerApiService } from './reviewer-api.service';
import { ScrollRegionComponent } from '../../core/ui/scroll-region.component';

/**
 * The other reviewers' submitted reviews, anonymous, beside mine: shown only
 * once mine is submitted (the api refuses earlier), with how many are still
 * pending.
 */
@Component({
  selector: 'mz-peers-panel',
  imports: [
    ScrollRegionComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './peers-panel.component.html',
  styleUrls: [
    '../officer/shared/officer-page.scss',
    './peers-panel.component.scss',
  ],
})
export class PeersPanelComponent {
  private readonly api = inject(ReviewerApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  readonly mine = input.required<ReviewView>();
  readonly rubric = input.required<RubricInput>();

  protected readonly recommendationKey = recommendationKey;
  protected readonly scorePercent = scorePercent;

  protected readonly view = signal<PeerReviewsView | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });

  protected readonly peers = computed(() =>
    (this.view()?.peers ?? []).map((p, i) => ({
      ...p,
      n: peerNumber(p.label, i),
    })),
  );
  protected readonly rows = computed(() =>
    comparisonRows(this.rubric(), this.mine().scores, this.peers()),
  );
  protected readonly spread = computed(() => {
    const v = this.view();
    return v
      ? reviewSpread(
          v.mine.weightedScore,
          v.peers.map((p) => p.weightedScore),
        )
      : null;
  });

  constructor() {
    effect(() => {
      const id = this.mine().assignmentId;
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.mine().assignmentId): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .peers(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.view.set(view);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  /** A submitted review scores every criterion; a dash stands in should one ever be missing. */
  protected num(value: number | null): string {
    return value === null ? '—' : this.i18n.formatNumber(value);
  }

  protected score(value: number): string {
    return formatScore(value, this.i18n.locale());
  }

  protected weight(value: number): string {
    return formatWeight(value, this.i18n.locale());
  }

  protected criterionTitle(id: string): string {
    return this.rubric().criteria.find((c) => c.id === id)?.title ?? id;
  }
}
