import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { FundingDecisionView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../shared/money';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import {
  confirmBlock,
  decisionStateKey,
  decisionStateTone,
  isReduced,
  outcomeKey,
  outcomeTone,
  reasonKey,
} from './decision-view';

/**
 * One funding decision as officers see it: what was decided, by whom and why,
 * and — while it waits for a second officer — confirm and cancel. Confirm is
 * disabled, with the reason written out, for the officer who proposed it.
 */
@Component({
  selector: 'mz-decision-card',
  imports: [MatButtonModule, MatIconModule, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let d = decision();
    <article
      class="card"
      [class.awaiting]="d.awaitingConfirmation"
      [attr.data-decision-id]="d.id"
      [attr.data-state]="d.state"
      [attr.aria-labelledby]="'decision-title-' + d.id"
    >
      <header class="head">
        <p
          class="title"
          role="heading"
          [attr.aria-level]="headingLevel()"
          [id]="'decision-title-' + d.id"
        >
          @if (showApplication()) {
            <bdi>{{ d.applicationTitle }}</bdi>
          } @else {
            {{ 'decisions.card.title' | t }}
          }
        </p>
        <span class="badges">
          <mz-tone-badge
            [tone]="outcomeTone(d.outcome)"
            data-testid="decision-outcome-badge"
            >{{ outcomeKey(d.outcome) | t }}</mz-tone-badge
          >
          <mz-tone-badge
            [tone]="stateTone(d.state)"
            data-testid="decision-state-badge"
            >{{ stateKey(d.state) | t }}</mz-tone-badge
          >
        </span>
      </header>
      @if (showApplication()) {
        <p class="muted sub">
          <bdi>{{ d.organizationName }}</bdi>
          @if (d.receiptNumber) {
            · <bdi dir="ltr" class="nowrap">{{ d.receiptNumber }}</bdi>
          }
        </p>
      }
      <dl class="facts">
        @if (d.outcome === 'approved') {
          <dt>{{ 'decisions.card.amount' | t }}</dt>
          <dd data-testid="decision-card-amount">
            <strong>{{ money(d.amountMinor) }}</strong>
            <span class="muted">
              {{
                'decisions.card.ofRequested'
                  | t: { requested: money(d.requestedMinor) }
              }}
            </span>
            @if (reduced()) {
              <mz-tone-badge tone="warn">{{
                'decisions.card.reduced' | t
              }}</mz-tone-badge>
            }
          </dd>
          @if (d.conditions) {
            <dt>{{ 'decisions.field.conditions' | t }}</dt>
            <dd class="text" dir="auto">{{ d.conditions }}</dd>
          }
        } @else {
          <dt>{{ 'decisions.card.requested' | t }}</dt>
          <dd>{{ money(d.requestedMinor) }}</dd>
        }
        @if (d.rejectionReasons.length > 0) {
          <dt>{{ 'decisions.field.reasons' | t }}</dt>
          <dd>
            <ul class="reasons">
              @for (r of d.rejectionReasons; track r) {
                <li>{{ reasonKey(r) | t }}</li>
              }
            </ul>
          </dd>
        }
        @if (d.rejectionNote) {
          <dt>{{ 'decisions.field.note' | t }}</dt>
          <dd class="text" dir="auto">{{ d.rejectionNote }}</dd>
        }
        <dt>{{ 'decisions.field.rationale' | t }}</dt>
        <dd class="text" dir="auto">{{ d.rationale }}</dd>
        <dt>{{ 'decisions.card.proposed' | t }}</dt>
        <dd>
          <bdi>{{ d.proposedBy.email }}</bdi>
          <span class="muted time">{{
            i18n.formatDateTime(d.proposedAt)
          }}</span>
        </dd>
        @if (d.confirmedAt) {
          <dt>{{ 'decisions.card.confirmed' | t }}</dt>
          <dd>
            @if (d.confirmedBy) {
              <bdi>{{ d.confirmedBy.email }}</bdi>
            } @else {
              {{ 'decisions.card.noSecond' | t }}
            }
            <span class="muted time">{{
              i18n.formatDateTime(d.confirmedAt)
            }}</span>
          </dd>
        }
        @if (d.cancelledAt) {
          <dt>{{ 'decisions.card.cancelled' | t }}</dt>
          <dd>
            @if (d.cancelledBy) {
              <bdi>{{ d.cancelledBy.email }}</bdi>
            }
            <span class="muted time">{{
              i18n.formatDateTime(d.cancelledAt)
            }}</span>
            @if (d.cancelReason) {
              <span class="text block" dir="auto">{{ d.cancelReason }}</span>
            }
          </dd>
        }
      </dl>
      @if (d.awaitingConfirmation) {
        <div class="actions">
          <p class="waiting">
            <mat-icon svgIcon="lock" />
            <span>{{ 'decisions.card.waiting' | t }}</span>
          </p>
          @if (!readOnly()) {
          <div class="buttons">
            <button
              mat-flat-button
              type="button"
              data-testid="decision-confirm"
              [disabled]="busy() || block() !== null"
              [attr.aria-describedby]="
                block() === 'ownProposal' ? 'own-' + d.id : null
              "
              (click)="confirmRequested.emit(d)"
            >
              <mat-icon svgIcon="done_all" />
              {{ 'decisions.action.confirm' | t }}
            </button>
            <button
              mat-stroked-button
              type="button"
              data-testid="decision-cancel"
              [disabled]="busy()"
              (click)="cancelRequested.emit(d)"
            >
              <mat-icon svgIcon="close" />
              {{ 'decisions.action.cancel' | t }}
            </button>
          </div>
          }
          @if (!readOnly() && block() === 'ownProposal') {
            <p
              class="own"
              [id]="'own-' + d.id"
              data-testid="decision-own-proposal"
            >
              {{ 'decisions.card.ownProposal' | t }}
            </p>
          }
        </div>
      }
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      background: var(--mat-sys-surface);
    }
    .card.awaiting {
      border-inline-start: 6px solid #b26a00;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      justify-content: space-between;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin: 0;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .badges {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .sub {
      margin: 4px 0 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts {
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: 6px 16px;
      margin: 12px 0 0;
    }
    dt {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      min-width: 0;
      overflow-wrap: anywhere;
      display: flex;
      flex-wrap: wrap;
      gap: 2px 8px;
      align-items: baseline;
    }
    .text {
      white-space: pre-line;
      display: block;
    }
    .block {
      flex-basis: 100%;
    }
    .time {
      font: var(--mat-sys-body-small);
    }
    .nowrap {
      white-space: nowrap;
    }
    .reasons {
      margin: 0;
      padding-inline-start: 18px;
    }
    .actions {
      margin-top: 12px;
      padding-top: 12px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .waiting,
    .own {
      display: flex;
      gap: 8px;
      align-items: center;
      margin: 0 0 8px;
    }
    .own {
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    @media (max-width: 599px) {
      .facts {
        grid-template-columns: 1fr;
        gap: 2px;
      }
      dd {
        margin-block-end: 8px;
      }
    }
  `,
})
export class DecisionCardComponent {
  protected readonly i18n = inject(I18nService);

  readonly decision = input.required<FundingDecisionView>();
  /** The signed-in officer: four eyes keeps the proposer from confirming. */
  readonly userId = input<string | null>(null);
  readonly busy = input(false);
  /** On the call's list the application is named; on the application's own page it is not. */
  readonly showApplication = input(true);
  /** The level of the card's heading in the page around it. */
  readonly headingLevel = input(3);
  /** An auditor reads the decision (issue 12): no confirm or cancel is offered. */
  readonly readOnly = input(false);

  readonly confirmRequested = output<FundingDecisionView>();
  readonly cancelRequested = output<FundingDecisionView>();

  protected readonly outcomeKey = outcomeKey;
  protected readonly outcomeTone = outcomeTone;
  protected readonly stateKey = decisionStateKey;
  protected readonly stateTone = decisionStateTone;
  protected readonly reasonKey = reasonKey;

  protected readonly block = computed(() =>
    confirmBlock(this.decision(), this.userId()),
  );
  protected readonly reduced = computed(() =>
    isReduced(this.decision().amountMinor, this.decision().requestedMinor),
  );

  protected money(amountMinor: string): string {
    return formatMoney(
      amountMinor,
      this.decision().currency,
      this.i18n.locale(),
    );
  }
}
