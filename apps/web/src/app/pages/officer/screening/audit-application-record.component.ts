import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import type { AssignmentView, FundingDecisionView } from '@mizan/contracts';
import { catchError, forkJoin, of } from 'rxjs';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { DecisionCardComponent } from '../decisions/decision-card.component';
import { DecisionsApiService } from '../decisions/decisions-api.service';
import { ReviewApiService } from '../review/review-api.service';
import { statusKey, statusTone } from '../../reviewer/my-reviews';

/**
 * What an auditor reads on an application besides its content (issue 12): the funding decision (the live proposal
 * and the agency's rationale included) and the reviews with their scores — read-only, no action offered.
 * The server answers only within the auditor's open engagements' scope.
 */
@Component({
  selector: 'mz-audit-application-record',
  imports: [DecisionCardComponent, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="section" aria-labelledby="audit-decision-title" data-testid="audit-application-decision">
      <h2 id="audit-decision-title" class="mz-section-title">{{ 'audit.readonly.decision.title' | t }}</h2>
      @if (decision(); as d) {
        <mz-decision-card [decision]="d" [showApplication]="false" [readOnly]="true" />
      } @else {
        <p class="muted">{{ 'audit.readonly.decision.none' | t }}</p>
      }
    </section>
    <section class="section" aria-labelledby="audit-reviews-title" data-testid="audit-application-reviews">
      <h2 id="audit-reviews-title" class="mz-section-title">{{ 'audit.readonly.reviews.title' | t }}</h2>
      @if (reviews().length === 0) {
        <p class="muted">{{ 'audit.readonly.reviews.none' | t }}</p>
      } @else {
        <ul class="plain-list">
          @for (r of reviews(); track r.id) {
            <li data-testid="audit-application-review">
              <bdi>{{ r.reviewerName }}</bdi>
              <mz-tone-badge [tone]="statusTone(r.status)">{{ statusKey(r.status) | t }}</mz-tone-badge>
              @if (r.weightedScore !== null) {
                <span>{{ 'audit.readonly.reviews.score' | t: { score: r.weightedScore } }}</span>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .plain-list {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 6px;
    }
    .plain-list li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
  `,
})
export class AuditApplicationRecordComponent {
  private readonly decisions = inject(DecisionsApiService);
  private readonly review = inject(ReviewApiService);

  readonly applicationId = input.required<string>();

  protected readonly decision = signal<FundingDecisionView | null>(null);
  protected readonly reviews = signal<readonly AssignmentView[]>([]);
  protected readonly statusKey = statusKey;
  protected readonly statusTone = statusTone;

  constructor() {
    effect((onCleanup) => {
      const id = this.applicationId();
      const subscription = forkJoin({
        decision: this.decisions.applicationDecision(id).pipe(catchError(() => of(null))),
        reviews: this.review.assignments(id).pipe(catchError(() => of([] as AssignmentView[]))),
      }).subscribe(({ decision, reviews }) => {
        this.decision.set(decision?.live ?? null);
        this.reviews.set(reviews);
      });
      onCleanup(() => subscription.unsubscribe());
    });
  }
}
