import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CurrencyCode } from '@mizan/domain';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { MoneyFieldComponent } from '../../core/ui/money-field.component';
import { moneyInputToMinor, moneyValidator } from '../../core/ui/money-input';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { minorToInput } from '../officer/shared/money';
import { notBlank } from '../officer/shared/validators';

export interface LineDecisionDialogData {
  kind: 'question' | 'ineligible';
  seq: number;
  grantAmountMinor: string;
  currency: CurrencyCode;
}

/** What the officer decided: a question's text, or the ineligible amount (minor units) and why. */
export type LineDecisionResult = { kind: 'question'; question: string } | { kind: 'ineligible'; ineligibleMinor: string; reason: string };

/**
 * The question (q) or ineligible (i) dialog of the verification page: the
 * first field has focus when it opens, Enter in the amount submits, Escape
 * closes, and focus returns to the line list (MatDialog restores it).
 */
@Component({
  selector: 'mz-line-decision-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MoneyFieldComponent, MoneyTextComponent, ReactiveFormsModule, ReasonFieldComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (data.kind === 'question' ? 'verification.dialog.questionTitle' : 'verification.dialog.ineligibleTitle') | t: { seq: data.seq } }}
    </h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (data.kind === 'question') {
          <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
            <mat-label>{{ 'verification.dialog.question' | t }}</mat-label>
            <textarea matInput cdkFocusInitial rows="4" required [formControl]="form.controls.question" data-testid="verify-question-text"></textarea>
            <mat-hint>{{ 'verification.dialog.questionHint' | t }}</mat-hint>
            @if (form.controls.question.touched && form.controls.question.invalid) {
              <mat-error>{{ 'verification.dialog.questionRequired' | t }}</mat-error>
            }
          </mat-form-field>
        } @else {
          <p>
            {{ 'verification.dialog.lineAmount' | t }}
            <mz-money-text [minor]="data.grantAmountMinor" [currency]="data.currency" />
          </p>
          <mz-money-field
            [control]="form.controls.amount"
            [currency]="data.currency"
            labelKey="verification.dialog.ineligibleAmount"
            hintKey="verification.dialog.ineligibleHint"
            testId="verify-ineligible-amount"
          />
          @if (form.controls.amount.hasError('aboveLine')) {
            <p class="error" role="alert">{{ 'verification.dialog.aboveLine' | t }}</p>
          }
          <mz-reason-field [control]="form.controls.reason" testId="verify-ineligible-reason" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="verify-dialog-submit">
          {{ (data.kind === 'question' ? 'verification.dialog.sendQuestion' : 'verification.dialog.markIneligible') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class LineDecisionDialogComponent {
  protected readonly data = inject<LineDecisionDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<LineDecisionDialogComponent, LineDecisionResult>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    question: ['', this.data.kind === 'question' ? [Validators.required, notBlank] : []],
    amount: [
      this.data.kind === 'ineligible' ? minorToInput(this.data.grantAmountMinor, this.data.currency) : '',
      this.data.kind === 'ineligible' ? [Validators.required, moneyValidator(() => this.data.currency)] : [],
    ],
    reason: ['', this.data.kind === 'ineligible' ? [Validators.required, notBlank] : []],
  });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    if (this.data.kind === 'question') {
      this.dialogRef.close({ kind: 'question', question: v.question.trim() });
      return;
    }
    const minor = moneyInputToMinor(v.amount.trim(), this.data.currency);
    if (minor === null || BigInt(minor) <= 0n || BigInt(minor) > BigInt(this.data.grantAmountMinor)) {
      this.form.controls.amount.setErrors({ aboveLine: true });
      this.form.controls.amount.markAsTouched();
      return;
    }
    this.dialogRef.close({ kind: 'ineligible', ineligibleMinor: minor, reason: v.reason.trim() });
  }
}
