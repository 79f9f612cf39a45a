import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { SubmitReceipt } from '@mizan/contracts';
import type { Observable } from 'rxjs';
import { toWebError, type WebError } from '../../../../core/api/api-error';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { DigitsPipe } from '../../../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { problemOf, type Problem } from '../../shared/problem';

export interface SubmitDialogData {
  title: string;
  kind: 'submit' | 'resubmit';
  /** Saves what is pending first; false when that failed. */
  flush: () => Promise<boolean>;
  send: () => Observable<SubmitReceipt>;
}

export interface SubmitDialogResult {
  receipt?: SubmitReceipt;
  /** Refused with field errors (a call rule, a field): the editor shows them on their steps. */
  error?: WebError;
}

/** Confirm, send, then show the receipt of the frozen version. */
@Component({
  selector: 'mz-submit-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatIconModule,
    MatProgressBarModule,
    DigitsPipe, TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (phase()) {
      @case ('done') {
        @if (receipt(); as r) {
          <h2
            mat-dialog-title
            #doneTitle
            tabindex="-1"
            data-testid="receipt-title"
          >
            {{
              (data.kind === 'submit'
                ? 'applicant.submit.doneTitle'
                : 'applicant.submit.doneTitleResubmit'
              ) | t
            }}
          </h2>
          <mat-dialog-content>
            <p class="mz-banner mz-banner-success" role="status">
              <mat-icon svgIcon="check_circle" />
              <span>{{ 'applicant.submit.doneBody' | t }}</span>
            </p>
            <dl class="receipt" data-testid="receipt">
              <dt>{{ 'applicant.apps.receipt' | t }}</dt>
              <dd>
                <strong dir="ltr" data-testid="receipt-number">{{
                  r.receiptNumber
                }}</strong>
              </dd>
              <dt>{{ 'applicant.submit.version' | t }}</dt>
              <dd>
                <span data-testid="receipt-version">{{ r.versionNumber | digits }}</span>
                <span class="mz-hint">{{ 'applicant.submit.versionHint' | t }}</span>
              </dd>
              <dt>{{ 'applicant.submit.time' | t }}</dt>
              <dd>{{ i18n.formatDateTime(r.submittedAt) }}</dd>
              <dt>{{ 'applicant.submit.sha' | t }}</dt>
              <dd>
                <code class="mz-hash" data-testid="receipt-sha">{{
                  r.contentSha256
                }}</code>
              </dd>
            </dl>
            <p class="muted">{{ 'applicant.submit.frozen' | t }}</p>
          </mat-dialog-content>
          <mat-dialog-actions align="end">
            <button
              mat-flat-button
              type="button"
              data-testid="receipt-close"
              (click)="close()"
            >
              {{ 'applicant.submit.toApplication' | t }}
            </button>
          </mat-dialog-actions>
        }
      }
      @default {
        <h2 mat-dialog-title>
          {{
            (data.kind === 'submit'
              ? 'applicant.submit.confirmTitle'
              : 'applicant.submit.confirmTitleResubmit'
            ) | t
          }}
        </h2>
        <mat-dialog-content>
          <p>
            <bdi>{{ data.title }}</bdi>
          </p>
          <p>{{ 'applicant.submit.confirmBody' | t }}</p>
          <div class="progress-slot" aria-live="polite">
            @if (phase() === 'saving') {
              <p class="muted">{{ 'applicant.submit.savingFirst' | t }}</p>
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="'applicant.submit.savingFirst' | t"
              />
            } @else if (phase() === 'sending') {
              <p class="muted">{{ 'applicant.submit.sending' | t }}</p>
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="'applicant.submit.sending' | t"
              />
            }
          </div>
          <div aria-live="assertive">
            @if (problem(); as p) {
              <p
                class="mz-banner mz-banner-error"
                role="alert"
                data-testid="submit-error"
              >
                <mat-icon svgIcon="error" />
                <span>{{ p.key | t: p.params }}</span>
              </p>
            }
          </div>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close [disabled]="busy()">
            {{ 'common.cancel' | t }}
          </button>
          <button
            mat-flat-button
            type="button"
            data-testid="submit-confirm"
            [disabled]="busy()"
            (click)="go()"
          >
            {{
              (data.kind === 'submit'
                ? 'applicant.submit.button'
                : 'applicant.submit.buttonResubmit'
              ) | t
            }}
          </button>
        </mat-dialog-actions>
      }
    }
  `,
  styles: `
    .receipt {
      display: grid;
      grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
      gap: 6px 16px;
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
      }
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .progress-slot {
      min-height: 8px;
    }
  `,
})
export class SubmitDialogComponent {
  protected readonly data = inject<SubmitDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef =
    inject<MatDialogRef<SubmitDialogComponent, SubmitDialogResult>>(
      MatDialogRef,
    );
  protected readonly i18n = inject(I18nService);
  private readonly doneTitle = viewChild<ElementRef<HTMLElement>>('doneTitle');

  protected readonly phase = signal<'confirm' | 'saving' | 'sending' | 'done'>(
    'confirm',
  );
  protected readonly receipt = signal<SubmitReceipt | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);

  protected async go(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    this.phase.set('saving');
    const saved = await this.data.flush();
    if (!saved) {
      this.busy.set(false);
      this.phase.set('confirm');
      this.problem.set({ key: 'applicant.submit.notSaved' });
      return;
    }
    this.phase.set('sending');
    this.dialogRef.disableClose = true;
    this.data.send().subscribe({
      next: (receipt) => {
        this.receipt.set(receipt);
        this.phase.set('done');
        this.busy.set(false);
        this.dialogRef.disableClose = false;
        // The dialog's content changed: put focus on the new heading so it is read out.
        setTimeout(() => this.doneTitle()?.nativeElement.focus());
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.phase.set('confirm');
        this.dialogRef.disableClose = false;
        const webError = toWebError(error);
        if (webError.fields.length > 0) {
          this.dialogRef.close({ error: webError });
          return;
        }
        this.problem.set(problemOf(webError));
      },
    });
  }

  protected close(): void {
    this.dialogRef.close({ receipt: this.receipt() ?? undefined });
  }
}
