import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ReviewView, RubricInput } from '@mizan/contracts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { formatScore, recommendationKey } from './my-reviews';
import { comparisonRows, formatWeight } from './review-form';

/** The reviewer's own submitted review, read-only: final, as the officer sees it. */
@Component({
  selector: 'mz-submitted-review',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = review();
    <div class="mine" data-testid="my-review">
      <p
        class="mz-banner mz-banner-success"
        data-testid="review-submitted-note"
      >
        <mat-icon svgIcon="lock" />
        <span>{{
          r.submittedAt
            ? ('reviewer.mine.submittedAt'
              | t: { time: i18n.formatDateTime(r.submittedAt) })
            : ('reviewer.mine.submitted' | t)
        }}</span>
      </p>
      <dl class="summary">
        <dt>{{ 'reviewer.score.weighted' | t }}</dt>
        <dd data-testid="my-weighted-score">
          <strong class="big">{{
            r.weightedScore === null ? '—' : score(r.weightedScore)
          }}</strong
          >{{ ' ' }}
          <span class="muted">{{
            'reviewer.score.ofMax' | t: { max: num(5) }
          }}</span>
        </dd>
        <dt>{{ 'reviewer.score.recommendation' | t }}</dt>
        <dd data-testid="my-recommendation">
          {{
            r.recommendation ? (recommendationKey(r.recommendation) | t) : '—'
          }}
        </dd>
      </dl>
      <ol class="criteria">
        @for (row of rows(); track row.criterion.id) {
          <li [attr.data-testid]="'my-criterion-' + row.index">
            <h3 class="criterion-title">
              <bdi>{{ row.criterion.title }}</bdi>
              <span class="muted weight">{{
                'reviewer.score.weight'
                  | t: { weight: weight(row.criterion.weight) }
              }}</span>
            </h3>
            @if (row.mine; as s) {
              <p class="score-line">
                <strong>{{
                  'reviewer.mine.score'
                    | t: { score: num(s.score), max: num(5) }
                }}</strong>
                @if (scaleLabel(s.score); as label) {
                  <span class="muted"> — {{ label }}</span>
                }
              </p>
              @if (s.comment.trim()) {
                <p class="comment">
                  <bdi>{{ s.comment }}</bdi>
                </p>
              }
            } @else {
              <p class="muted">{{ 'reviewer.mine.notScored' | t }}</p>
            }
          </li>
        }
      </ol>
      <h3 class="criterion-title">{{ 'reviewer.score.overallComment' | t }}</h3>
      <p class="comment" data-testid="my-overall-comment">
        <bdi>{{ r.overallComment || '—' }}</bdi>
      </p>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .summary {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 4px 16px;
      align-items: baseline;
      margin: 0 0 16px;
      dt {
        font: var(--mat-sys-label-large);
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
      }
    }
    .big {
      font: var(--mat-sys-headline-small);
      margin-inline-end: 4px;
    }
    .criteria {
      padding-inline-start: 20px;
      margin: 0 0 16px;
      li {
        margin-block-end: 12px;
      }
    }
    .criterion-title {
      font: var(--mat-sys-title-small);
      margin: 0 0 4px;
      overflow-wrap: anywhere;
    }
    .weight {
      font: var(--mat-sys-label-medium);
      margin-inline-start: 8px;
    }
    .score-line {
      margin: 0 0 4px;
    }
    .comment {
      margin: 0;
      white-space: pre-line;
      padding-inline-start: 12px;
      border-inline-start: 3px solid var(--mat-sys-outline-variant);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SubmittedReviewComponent {
  protected readonly i18n = inject(I18nService);

  readonly review = input.required<ReviewView>();
  readonly rubric = input.required<RubricInput>();

  protected readonly recommendationKey = recommendationKey;
  protected readonly rows = computed(() =>
    comparisonRows(this.rubric(), this.review().scores, []),
  );

  protected scaleLabel(score: number | null): string {
    return score === null ? '' : (this.rubric().scale[score] ?? '');
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
}
