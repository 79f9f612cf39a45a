import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { DecisionNoticeView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../shared/money';
import { decisionNoticeLines } from './decision-notice';

/**
 * The agency's decision on an application, told to its members in plain words:
 * funded (and how much, and whether less than asked), not funded (and why), or
 * on the reserve list (and what that means).
 */
@Component({
  selector: 'mz-decision-notice',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let l = lines();
    <section
      class="notice"
      [attr.data-tone]="l.tone"
      [attr.data-outcome]="l.outcome"
      data-testid="applicant-decision"
      aria-labelledby="decision-notice-title"
    >
      <div class="head">
        <mat-icon [svgIcon]="l.icon" class="icon" />
        <div class="head-text">
          <h2 class="title" id="decision-notice-title">
            {{ l.headlineKey | t }}
          </h2>
          <p class="date">
            {{
              'decisions.notice.decidedOn'
                | t: { date: i18n.formatDate(notice().decidedAt) }
            }}
          </p>
        </div>
      </div>

      @if (l.amount; as a) {
        <p class="lead">{{ l.leadKey | t }}</p>
        <p class="amount" data-testid="applicant-decision-amount">
          <bdi>{{ money(a.grantedMinor) }}</bdi>
        </p>
        @if (a.reduced) {
          <p class="reduced" data-testid="applicant-decision-reduced">
            {{
              'decisions.notice.approved.reduced'
                | t: { requested: money(a.requestedMinor) }
            }}
          </p>
        } @else {
          <p class="muted">{{ 'decisions.notice.approved.full' | t }}</p>
        }
      } @else {
        <p class="lead">{{ l.leadKey | t }}</p>
      }

      @if (l.conditions) {
        <h3 class="sub">{{ 'decisions.notice.conditions' | t }}</h3>
        <p class="muted">{{ 'decisions.notice.conditionsIntro' | t }}</p>
        <p class="text" dir="auto" data-testid="applicant-decision-conditions">
          {{ l.conditions }}
        </p>
      }

      @if (l.reasonKeys.length > 0) {
        <h3 class="sub">{{ 'decisions.notice.reasons' | t }}</h3>
        <ul class="reasons" data-testid="applicant-decision-reasons">
          @for (key of l.reasonKeys; track key) {
            <li>{{ key | t }}</li>
          }
        </ul>
      }

      @if (l.note) {
        <h3 class="sub">{{ 'decisions.notice.note' | t }}</h3>
        <p class="text" dir="auto" data-testid="applicant-decision-note">
          {{ l.note }}
        </p>
      }

      <p class="next">{{ l.nextKey | t }}</p>
    </section>
  `,
  styles: `
    :host {
      display: block;
      margin-block: 16px;
    }
    .notice {
      border: 1px solid var(--mat-sys-outline-variant);
      border-inline-start-width: 8px;
      border-radius: 12px;
      padding: 16px;
      background: var(--mat-sys-surface);
      max-width: 760px;
      overflow-wrap: anywhere;
    }
    .notice[data-tone='good'] {
      border-color: #6fbf8a;
      border-inline-start-color: #1b6e3a;
      background: #f3faf5;
    }
    .notice[data-tone='bad'] {
      border-inline-start-color: var(--mat-sys-outline);
    }
    .notice[data-tone='attention'] {
      border-inline-start-color: var(--mat-sys-tertiary);
      background: var(--mat-sys-surface-container-low);
    }
    .head {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .icon {
      flex: none;
      inline-size: 32px;
      block-size: 32px;
    }
    [data-tone='good'] .icon {
      color: #1b6e3a;
    }
    .head-text {
      min-width: 0;
    }
    .title {
      font: var(--mat-sys-title-large);
      margin: 0;
    }
    .date,
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0 0;
    }
    .lead {
      font: var(--mat-sys-body-large);
      margin: 12px 0 4px;
    }
    .amount {
      font: var(--mat-sys-headline-small);
      font-weight: 600;
      margin: 4px 0;
    }
    .reduced {
      margin: 4px 0 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: #fff4e5;
      color: #4d2e00;
    }
    .sub {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 4px;
    }
    .text {
      white-space: pre-line;
      margin: 8px 0 0;
      padding-inline-start: 12px;
      border-inline-start: 3px solid var(--mat-sys-outline-variant);
    }
    .reasons {
      margin: 4px 0 0;
      padding-inline-start: 20px;
    }
    .reasons li {
      margin-block: 4px;
    }
    .next {
      margin: 16px 0 0;
    }
    @media (max-width: 599px) {
      .notice {
        padding: 12px;
      }
    }
  `,
})
export class DecisionNoticeComponent {
  protected readonly i18n = inject(I18nService);
  readonly notice = input.required<DecisionNoticeView>();
  protected readonly lines = computed(() => decisionNoticeLines(this.notice()));

  protected money(amountMinor: string): string {
    return formatMoney(amountMinor, this.notice().currency, this.i18n.locale());
  }
}
