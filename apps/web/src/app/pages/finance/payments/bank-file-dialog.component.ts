import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { BankFileView, PaymentView } from '@mizan/contracts';
import { IdempotencyKey } from '../../../core/api/idempotency';
import type { CurrencyCode } from '@mizan/domain';
import {
  catchError,
  from,
  map,
  switchMap,
  takeWhile,
  timer,
} from 'rxjs';
import { errorMessage } from '../../../core/api/api-error';
import { readBlobError, saveDownload } from '../../../core/api/download';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { JobProgressComponent } from '../../../core/ui/job-progress.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { FinanceApiService } from '../shared/finance-api.service';
import { localTodayIso } from '../../../core/ui/local-date';

export interface BankFileDialogData {
  payments: PaymentView[];
}

/** Sums per currency, for the dialog's summary (a bank file has one batch per currency). */
export function totalsByCurrency(
  payments: readonly PaymentView[],
): { currency: CurrencyCode; minor: string; count: number }[] {
  const sums = new Map<CurrencyCode, { minor: bigint; count: number }>();
  for (const p of payments) {
    const s = sums.get(p.currency) ?? { minor: 0n, count: 0 };
    sums.set(p.currency, { minor: s.minor + BigInt(p.amountMinor), count: s.count + 1 });
  }
  return [...sums.entries()].map(([currency, s]) => ({
    currency,
    minor: s.minor.toString(),
    count: s.count,
  }));
}

/**
 * Puts the selected approved payments in an ISO 20022 pain.001 bank file: the
 * worker builds it (progress shown), then the XML downloads. The payments are
 * then "sent to the bank" and cannot go in another file.
 */
@Component({
  selector: 'mz-bank-file-dialog',
  imports: [
    FormProblemComponent,
    JobProgressComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MoneyTextComponent,
    ReactiveFormsModule,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'finance.bankFile.title' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="create()" novalidate>
      <mat-dialog-content>
        <p data-testid="bank-file-dialog-summary">
          {{ 'finance.bankFile.selected' | tp: { count: data.payments.length } }}
        </p>
        <ul class="totals">
          @for (t of totals; track t.currency) {
            <li>
              <mz-money-text [minor]="t.minor" [currency]="t.currency" />
            </li>
          }
        </ul>
        @if (!file()) {
          <mat-form-field class="mz-full-width">
            <mat-label>{{ 'finance.bankFile.executionDate' | t }}</mat-label>
            <input
              matInput
              type="date"
              formControlName="executionDate"
              required
              data-testid="bank-file-execution-date"
            />
            <mat-hint>{{ 'finance.bankFile.executionHint' | t }}</mat-hint>
            @if (form.controls.executionDate.hasError('server')) {
              <mat-error>{{ form.controls.executionDate.getError('server') }}</mat-error>
            } @else {
              <mat-error>{{ 'officer.form.required' | t }}</mat-error>
            }
          </mat-form-field>
        } @else {
          @if (file(); as f) {
            <mz-job-progress
              testId="bank-file-progress"
              labelKey="finance.bankFile.building"
              [state]="f.state"
              [progress]="progress()"
              [error]="f.error"
            >
              @if (f.state === 'done') {
                <p class="muted">
                  <bdi dir="ltr" data-testid="bank-file-message-id">{{ f.messageId }}</bdi>
                </p>
              }
            </mz-job-progress>
          }
        }
        <mz-form-problem [problem]="submission.problem()" testId="bank-file-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (!file()) {
          <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
          <button
            mat-flat-button
            type="submit"
            data-testid="bank-file-submit"
            [disabled]="submission.busy()"
          >
            {{ 'finance.bankFile.submit' | t }}
          </button>
        } @else {
          <button mat-button type="button" (click)="close()" data-testid="bank-file-close">
            {{ 'common.close' | t }}
          </button>
          @if (file()?.state === 'done') {
            <button
              mat-flat-button
              type="button"
              data-testid="bank-file-download"
              [disabled]="downloading()"
              (click)="download()"
            >
              <mat-icon svgIcon="download" />
              {{ 'finance.bankFile.download' | t }}
            </button>
          }
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .totals {
      margin: 0 0 16px;
      padding-inline-start: 20px;
    }
  `,
})
export class BankFileDialogComponent {
  private readonly api = inject(FinanceApiService);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private readonly dialogRef =
    inject<MatDialogRef<BankFileDialogComponent, BankFileView>>(MatDialogRef);
  protected readonly data = inject<BankFileDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<BankFileView>();
  private readonly key = new IdempotencyKey();
  protected readonly totals = totalsByCurrency(this.data.payments);

  protected readonly file = signal<BankFileView | null>(null);
  protected readonly downloading = signal(false);
  /** The contract has no progress for bank files: queued 0 %, running 50 %, done 100 %. */
  protected readonly progress = computed(() => {
    const state = this.file()?.state;
    return state === 'done' ? 100 : state === 'running' ? 50 : 0;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    executionDate: [localTodayIso(), [Validators.required]],
  });

  protected create(): void {
    this.submission.run(
      this.form,
      () =>
        this.api.createBankFile({
          executionDate: this.form.getRawValue().executionDate,
          paymentIds: this.data.payments.map((p) => p.id),
        }, this.key),
      (file) => {
        this.file.set(file);
        this.dialogRef.disableClose = true;
        this.follow(file.id);
      },
      (error) => {
        this.key.failed(error);
        return false;
      },
    );
  }

  /** Asks the api once a second until the worker has built the file (or failed). */
  private follow(id: string): void {
    timer(0, 1000)
      .pipe(
        switchMap(() => this.api.bankFile(id)),
        takeWhile((f) => f.state === 'queued' || f.state === 'running', true),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (f) => this.file.set(f),
        error: () => {
          this.dialogRef.disableClose = false;
          this.submission.problem.set({ key: 'errors.network' });
        },
        complete: () => {
          this.dialogRef.disableClose = false;
        },
      });
  }

  protected download(): void {
    const f = this.file();
    if (!f || this.downloading()) return;
    this.downloading.set(true);
    this.api
      .bankFileDownload(f.id)
      .pipe(
        catchError((error: unknown) =>
          from(readBlobError(error)).pipe(map((e) => ({ failed: e }))),
        ),
      )
      .subscribe((result) => {
        this.downloading.set(false);
        if ('failed' in result) {
          this.submission.problem.set(errorMessage(result.failed));
          return;
        }
        saveDownload(this.document, result, `${f.messageId}.xml`);
        this.submission.problem.set(null);
      });
  }

  protected close(): void {
    this.dialogRef.close(this.file() ?? undefined);
  }
}
