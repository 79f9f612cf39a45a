import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { EnvelopeView } from '@mizan/contracts';
import { CURRENCY_EXPONENT, DECISION_TEXT_MAX } from '@mizan/domain';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { formatMoney, minorToInput } from '../shared/money';
import { notBlank } from '../shared/validators';
import { DecisionsApiService } from './decisions-api.service';
import { decisionProblem } from './decision-view';
import { moneyInputToMinor } from '../../../core/ui/money-input';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';

export interface ThresholdDialogData {
  callId: string;
  envelope: EnvelopeView;
}

/** Sets the amount above which an approval needs a second officer; 0 means every approval does. */
@Component({
  selector: 'mz-threshold-dialog',
  imports: [
    ReasonFieldComponent,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'decisions.threshold.title' | t }}</h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <p>{{ 'decisions.threshold.explain' | t }}</p>
        <p class="muted">{{ 'decisions.threshold.zero' | t }}</p>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{
            'decisions.threshold.amount' | t: { currency: currency }
          }}</mat-label>
          <input
            matInput
            formControlName="confirmationThresholdMinor"
            inputmode="decimal"
            autocomplete="off"
            required
            dir="ltr"
            data-testid="threshold-amount"
          />
          <mat-hint>{{
            'decisions.threshold.max' | t: { envelope: envelopeText }
          }}</mat-hint>
          @let amount = form.controls.confirmationThresholdMinor;
          @if (amount.hasError('required')) {
            <mat-error>{{ 'decisions.threshold.required' | t }}</mat-error>
          } @else if (amount.hasError('amount')) {
            <mat-error>{{
              'decisions.error.amountFormat' | t: { decimals: decimals }
            }}</mat-error>
          } @else if (amount.hasError('aboveEnvelope')) {
            <mat-error>{{
              'decisions.threshold.aboveEnvelope'
                | t: { envelope: envelopeText }
            }}</mat-error>
          } @else if (amount.hasError('server')) {
            <mat-error>{{ amount.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mz-reason-field [control]="form.controls.reason" testId="threshold-reason" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="threshold-submit"
          [disabled]="submission.busy()"
        >
          {{ 'common.save' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ThresholdDialogComponent {
  private readonly api = inject(DecisionsApiService);
  private readonly i18n = inject(I18nService);
  private readonly dialogRef =
    inject<MatDialogRef<ThresholdDialogComponent, EnvelopeView>>(MatDialogRef);
  protected readonly data = inject<ThresholdDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<EnvelopeView>();
  protected readonly currency = this.data.envelope.currency;
  protected readonly decimals = CURRENCY_EXPONENT[this.currency];
  protected readonly envelopeText = formatMoney(
    this.data.envelope.envelopeMinor,
    this.currency,
    this.i18n.locale(),
  );

  private readonly thresholdValidator = (
    control: AbstractControl,
  ): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (text === '') return null;
    const minor = moneyInputToMinor(text, this.currency);
    if (minor === null) return { amount: true };
    return BigInt(minor) > BigInt(this.data.envelope.envelopeMinor)
      ? { aboveEnvelope: true }
      : null;
  };

  protected readonly form = inject(NonNullableFormBuilder).group({
    confirmationThresholdMinor: [
      minorToInput(
        this.data.envelope.confirmationThresholdMinor,
        this.currency,
      ),
      [Validators.required, this.thresholdValidator],
    ],
    reason: [
      '',
      [Validators.required, notBlank, Validators.maxLength(DECISION_TEXT_MAX)],
    ],
  });

  protected save(): void {
    const value = this.form.getRawValue();
    const minor = moneyInputToMinor(
      value.confirmationThresholdMinor,
      this.currency,
    );
    this.submission.run(
      this.form,
      () =>
        this.api.setThreshold(
          this.data.callId,
          minor ?? '',
          value.reason.trim(),
        ),
      (envelope) => this.dialogRef.close(envelope),
      (error) => {
        if (error.fields.length > 0) return false;
        this.submission.problem.set(decisionProblem(error));
        return true;
      },
    );
  }
}
