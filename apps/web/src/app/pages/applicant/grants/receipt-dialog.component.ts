import { ChangeDetectionStrategy, Component, computed, inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { PaymentView } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { financeFailure } from '../../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { MoneyFieldComponent } from '../../../core/ui/money-field.component';
import { moneyInputToMinor, moneyValidator } from '../../../core/ui/money-input';
import { FormSubmission } from '../../../core/ui/form-submission';
import { GrantsApiService } from '../../grants/grants-api.service';

/**
 * The grantee confirms what actually arrived on their account, in that
 * account's currency (by default the currency the agency sent); a difference
 * from what was sent is recorded and shown to finance.
 */
@Component({
  selector: 'mz-receipt-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MoneyTextComponent,
    MoneyFieldComponent,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'mygrants.receipt.title' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>
          {{ 'mygrants.receipt.sent' | t: { seq: data.payment.trancheSeq } }}
          @if (data.payment.transferMinor && data.payment.transferCurrency) {
            <mz-money-text [minor]="data.payment.transferMinor" [currency]="data.payment.transferCurrency" />
          } @else {
            <mz-money-text [minor]="data.payment.amountMinor" [currency]="data.payment.currency" />
          }
        </p>
        @if (currencies.length > 1) {
          <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
            <mat-label>{{ 'mygrants.receipt.currency' | t }}</mat-label>
            <mat-select formControlName="receivedCurrency" data-testid="receipt-currency">
              @for (c of currencies; track c) {
                <mat-option [value]="c">{{ c }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <mz-money-field
          [control]="form.controls.receivedMinor"
          [currency]="currency()"
          labelKey="mygrants.receipt.amount"
          testId="receipt-amount"
        />
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'mygrants.receipt.note' | t }}</mat-label>
          <textarea matInput rows="2" formControlName="note" data-testid="receipt-note"></textarea>
          <mat-hint>{{ 'mygrants.receipt.noteHint' | t }}</mat-hint>
        </mat-form-field>
        <mz-form-problem [problem]="submission.problem()" testId="receipt-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="receipt-submit" [disabled]="submission.busy()">
          {{ 'mygrants.receipt.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReceiptDialogComponent {
  private readonly api = inject(GrantsApiService);
  private readonly dialogRef = inject<MatDialogRef<ReceiptDialogComponent, PaymentView>>(MatDialogRef);
  protected readonly data = inject<{ payment: PaymentView }>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<PaymentView>();
  protected readonly currencies: CurrencyCode[] = [
    ...new Set([this.data.payment.transferCurrency ?? this.data.payment.currency, this.data.payment.currency]),
  ];
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    receivedCurrency: this.fb.control<CurrencyCode>(this.currencies[0]),
    receivedMinor: ['', [Validators.required, moneyValidator((): CurrencyCode => this.currency())]],
    note: ['', Validators.maxLength(2000)],
  });
  private readonly chosen: Signal<CurrencyCode> = toSignal(this.form.controls.receivedCurrency.valueChanges, {
    initialValue: this.currencies[0],
  });
  protected readonly currency: Signal<CurrencyCode> = computed(() => this.chosen());

  protected save(): void {
    this.form.controls.receivedMinor.updateValueAndValidity();
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.confirmReceipt(this.data.payment.id, {
          receivedMinor: moneyInputToMinor(v.receivedMinor, v.receivedCurrency) ?? v.receivedMinor.trim(),
          receivedCurrency: v.receivedCurrency,
          ...(v.note.trim() ? { note: v.note.trim() } : {}),
        }),
      (payment) => this.dialogRef.close(payment),
      financeFailure(this.submission.problem),
    );
  }
}
