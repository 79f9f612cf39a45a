import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { OutboundEmailSummary, OutboundEmailView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { OutboxApiService } from './outbox-api.service';
import { outboxStatusKey, outboxStatusTone } from './outbox-status';

/** One email as it was (or will be) sent: its headers and the full text body. */
@Component({
  selector: 'mz-outbox-email-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatIconModule,
    MatProgressBarModule,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      <bdi>{{ data.subject }}</bdi>
    </h2>
    <mat-dialog-content>
      @if (email(); as e) {
        <dl class="facts">
          <dt>{{ 'outbox.col.to' | t }}</dt>
          <dd>
            <bdi>{{ e.toAddress }}</bdi>
          </dd>
          <dt>{{ 'outbox.col.status' | t }}</dt>
          <dd>
            <mz-tone-badge [tone]="tone(e.status)">{{
              statusKey(e.status) | t
            }}</mz-tone-badge>
            <span class="muted">{{
              'outbox.attemptsCount' | t: { count: e.attempts }
            }}</span>
          </dd>
          <dt>{{ 'outbox.col.created' | t }}</dt>
          <dd>{{ i18n.formatDateTime(e.createdAt) }}</dd>
          @if (e.sentAt) {
            <dt>{{ 'outbox.col.sent' | t }}</dt>
            <dd>{{ i18n.formatDateTime(e.sentAt) }}</dd>
          }
          @if (e.messageId) {
            <dt>{{ 'outbox.messageId' | t }}</dt>
            <dd class="mz-hash" dir="ltr">{{ e.messageId }}</dd>
          }
          @if (e.lastError) {
            <dt>{{ 'outbox.col.lastError' | t }}</dt>
            <dd class="error" dir="ltr">{{ e.lastError }}</dd>
          }
        </dl>
        <h3 class="body-title">{{ 'outbox.body' | t }}</h3>
        <pre class="body" data-testid="outbox-body">{{
          e.textBody
        }}</pre>
      } @else if (problem(); as p) {
        <p class="mz-banner mz-banner-error" role="alert">
          <mat-icon svgIcon="error" />
          <span>{{ p.key | t: p.params }}</span>
        </p>
      } @else {
        <mat-progress-bar
          mode="indeterminate"
          [attr.aria-label]="'common.loading' | t"
        />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button
        mat-flat-button
        type="button"
        mat-dialog-close
        data-testid="outbox-close"
      >
        {{ 'common.close' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: 6px 16px;
      margin: 0 0 16px;
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
      gap: 4px 8px;
      align-items: center;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
    .body-title {
      font: var(--mat-sys-title-small);
      margin: 0 0 8px;
    }
    .body {
      margin: 0;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      /* Each paragraph takes the direction of its own text (mail may mix Arabic and English). */
      unicode-bidi: plaintext;
      text-align: start;
      font: var(--mat-sys-body-medium);
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
export class OutboxEmailDialogComponent {
  protected readonly data = inject<OutboundEmailSummary>(MAT_DIALOG_DATA);
  protected readonly i18n = inject(I18nService);
  protected readonly email = signal<OutboundEmailView | null>(null);
  protected readonly problem = signal<ReturnType<typeof errorMessage> | null>(
    null,
  );
  protected readonly statusKey = outboxStatusKey;
  protected readonly tone = outboxStatusTone;

  constructor() {
    inject(OutboxApiService)
      .get(this.data.id)
      .subscribe({
        next: (email) => this.email.set(email),
        error: (error: unknown) =>
          this.problem.set(errorMessage(toWebError(error))),
      });
  }
}
