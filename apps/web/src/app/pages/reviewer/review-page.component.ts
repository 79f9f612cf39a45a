import { DOCUMENT } from '@angular/common';
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
import { RouterLink } from '@angular/router';
import type {
  MyReviewItem,
  ReviewApplicationView,
  ReviewView,
} from '@mizan/contracts';
import { catchError, map, of, switchMap, type Observable } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { StickyDirective } from '../applicant/shared/sticky.directive';
import { ApplicationContentComponent } from '../officer/screening/application-content.component';
import { formatMoney } from '../officer/shared/money';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { formatIsoDate, localToday } from '../officer/shared/zones';
import { dueState, statusKey, statusTone } from './my-reviews';
import { PeersPanelComponent } from './peers-panel.component';
import { DeclarationStepComponent } from './declaration-step.component';
import { ReviewerApiService } from './reviewer-api.service';
import { ScoringFormComponent } from './scoring-form.component';
import { SubmittedReviewComponent } from './submitted-review.component';

interface Loaded {
  review: ReviewView;
  /** The list entry (partner names), read for the declaration only. */
  item: MyReviewItem | null;
  application: ReviewApplicationView | null;
}

/**
 * One review: the conflict-of-interest declaration first; then the frozen
 * application beside the scoring form; once submitted, my review read-only
 * and the other reviewers' anonymous scores.
 */
@Component({
  selector: 'mz-review-page',
  imports: [
    ApplicationContentComponent,
    DeclarationStepComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PeersPanelComponent,
    RouterLink,
    ScoringFormComponent,
    StickyDirective,
    SubmittedReviewComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review-page.component.html',
  styleUrls: [
    '../officer/shared/officer-page.scss',
    './review-page.component.scss',
  ],
})
export class ReviewPageComponent {
  private readonly api = inject(ReviewerApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);

  /** Route parameter. */
  readonly assignmentId = input.required<string>();

  protected readonly statusKey = statusKey;
  protected readonly statusTone = statusTone;

  protected readonly review = signal<ReviewView | null>(null);
  protected readonly item = signal<MyReviewItem | null>(null);
  protected readonly application = signal<ReviewApplicationView | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  /** Said once to screen readers after a step (declared, submitted). */
  protected readonly announcement = signal('');
  private readonly today = localToday();

  protected readonly due = computed(() => {
    const r = this.review();
    return r ? dueState(r, this.today) : 'none';
  });

  constructor() {
    effect(() => {
      const id = this.assignmentId();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.assignmentId()): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .review(id)
      .pipe(
        switchMap((review) => this.withContext(review)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (loaded) => this.show(loaded),
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  /** What the review's state needs besides itself: partner names to declare, or the application to read. */
  private withContext(review: ReviewView): Observable<Loaded> {
    if (review.status === 'assigned') {
      return this.api.mine().pipe(
        map((list) => ({
          review,
          item:
            list.find((i) => i.assignmentId === review.assignmentId) ?? null,
          application: null,
        })),
        catchError(() => of({ review, item: null, application: null })),
      );
    }
    if (review.mayRead) {
      return this.api
        .application(review.assignmentId)
        .pipe(map((application) => ({ review, item: null, application })));
    }
    return of({ review, item: null, application: null });
  }

  private show(loaded: Loaded): void {
    this.review.set(loaded.review);
    this.item.set(loaded.item);
    this.application.set(loaded.application);
    this.loading.set(false);
  }

  protected declared(view: ReviewView): void {
    if (view.status === 'conflict') {
      this.review.set(view);
      this.announcement.set(this.i18n.t('reviewer.conflict.title'));
      this.focusSoon('conflict-title');
      return;
    }
    this.announcement.set(this.i18n.t('reviewer.declare.done'));
    this.loading.set(true);
    this.withContext(view)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (loaded) => {
          this.show(loaded);
          this.focusSoon('review-heading');
        },
        error: (error: unknown) => {
          this.review.set(view);
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected submitted(view: ReviewView): void {
    this.review.set(view);
    this.announcement.set(this.i18n.t('reviewer.submit.done'));
    this.focusSoon('review-heading');
  }

  protected jump(id: string): void {
    const target = this.document.getElementById(id);
    target?.scrollIntoView({ block: 'start' });
    target?.focus();
  }

  private focusSoon(id: string): void {
    setTimeout(() => this.document.getElementById(id)?.focus());
  }

  protected date(iso: string): string {
    return formatIsoDate(iso, this.i18n.locale());
  }

  protected money(app: ReviewApplicationView): string {
    return formatMoney(app.requestedMinor, app.currency, this.i18n.locale());
  }

  protected num(value: number): string {
    return this.i18n.formatNumber(value);
  }
}
