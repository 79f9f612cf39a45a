import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import type { PaymentView } from '@mizan/contracts';
import { IdempotencyKey } from '../../../core/api/idempotency';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../../officer/shared/validators';
import { FinanceApiService } from '../shared/finance-api.service';

export interface PaymentReasonDialogData {
  payment: PaymentView;
  action: 'reject' | 'cancel';
}

/** Reject (finance) or cancel (the requester's side) a payment, with a reason for the trail and the requester. */
@Component({
  selector: 'mz-payment-reason-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (data.action === 'reject' ? 'finance.reject.title' : 'finance.cancel.title') | t }}
    </h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p class="muted">
          <bdi>{{ data.payment.grantNumber }}</bdi> ·
          {{ 'finance.payment.trancheN' | t: { seq: data.payment.trancheSeq } }}
        </p>
        <p>
          {{ (data.action === 'reject' ? 'finance.reject.body' : 'finance.cancel.body') | t }}
        </p>
        <mz-reason-field
          [control]="form.controls.reason"
          testId="payment-reason"
          [rows]="4"
        />
        @if (bankReturn) {
          <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
            <mat-label>{{ 'finance.reject.bankReturnReference' | t }}</mat-label>
            <input
              matInput
              dir="ltr"
              autocomplete="off"
              required
              maxlength="140"
              [formControl]="form.controls.bankReturnReference"
              data-testid="payment-bank-return-reference"
            />
            <mat-hint>{{ 'finance.reject.bankReturnReferenceHint' | t }}</mat-hint>
            @if (form.controls.bankReturnReference.hasError('server')) {
              <mat-error>{{ form.controls.bankReturnReference.getError('server') }}</mat-error>
            } @else {
              <mat-error>{{ 'officer.form.required' | t }}</mat-error>
            }
          </mat-form-field>
        }
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'finance.keep' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="payment-reason-submit"
          [disabled]="submission.busy()"
        >
          {{ (data.action === 'reject' ? 'finance.reject.submit' : 'finance.cancel.submit') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class PaymentReasonDialogComponent {
  private readonly api = inject(FinanceApiService);
  private readonly dialogRef =
    inject<MatDialogRef<PaymentReasonDialogComponent, PaymentView>>(MatDialogRef);
  protected readonly data = inject<PaymentReasonDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<PaymentView>();
  private readonly key = new IdempotencyKey();

  /** Rejecting a payment already sent to the bank is a bank return: the bank's reference is required. */
  protected readonly bankReturn =
    this.data.action === 'reject' && this.data.payment.state === 'sent_to_bank';
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, notBlank, Validators.maxLength(2000)]],
    bankReturnReference: [
      '',
      this.bankReturn ? [Validators.required, notBlank, Validators.maxLength(140)] : [],
    ],
  });

  protected save(): void {
    const v = this.form.getRawValue();
    const reason = v.reason.trim();
    const id = this.data.payment.id;
    this.submission.run(
      this.form,
      () =>
        this.data.action === 'reject'
          ? this.api.reject(id, {
              reason,
              ...(this.bankReturn ? { bankReturnReference: v.bankReturnReference.trim() } : {}),
            }, this.key)
          : this.api.cancel(id, reason, this.key),
      (updated) => this.dialogRef.close(updated),
      (error) => {
        // A definite refusal is replayed for the same key: a corrected try needs a new one.
        this.key.failed(error);
        return false;
      },
    );
  }
}
