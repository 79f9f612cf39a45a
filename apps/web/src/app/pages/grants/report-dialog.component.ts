import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { GrantView, TrancheView } from '@mizan/contracts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { financeFailure } from '../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { MoneyFieldComponent } from '../../core/ui/money-field.component';
import { minorToInput } from '../officer/shared/money';
import { moneyInputToMinor, moneyValidator } from '../../core/ui/money-input';
import { FormSubmission } from '../../core/ui/form-submission';
import { notBlank } from '../officer/shared/validators';
import { GrantsApiService } from './grants-api.service';

export interface ReportDialogData {
  grant: GrantView;
  tranche: TrancheView;
}

/**
 * Until reports are handled in Mizan (the reporting issue), the officer records
 * by hand that the report covering a paid tranche was accepted, how much of the
 * tranche it accounts for, and why.
 */
@Component({
  selector: 'mz-report-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MoneyTextComponent,
    MoneyFieldComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'grants.report.title' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>
          {{ 'grants.report.body' | t: { seq: data.tranche.seq } }}
          <mz-money-text [minor]="data.tranche.amountMinor" [currency]="data.tranche.currency" />
        </p>
        <mz-money-field
          [control]="form.controls.accountedMinor"
          [currency]="data.tranche.currency"
          labelKey="grants.report.accounted"
          testId="report-accounted"
        />
        <mz-reason-field [control]="form.controls.note" testId="report-note" />
        <mz-form-problem [problem]="submission.problem()" testId="report-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="report-submit" [disabled]="submission.busy()">
          {{ 'grants.report.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReportDialogComponent {
  private readonly api = inject(GrantsApiService);
  private readonly i18n = inject(I18nService);
  private readonly dialogRef = inject<MatDialogRef<ReportDialogComponent, GrantView>>(MatDialogRef);
  protected readonly data = inject<ReportDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<GrantView>();
  protected readonly form = inject(NonNullableFormBuilder).group({
    accountedMinor: [
      minorToInput(this.data.tranche.amountMinor, this.data.tranche.currency),
      [Validators.required, moneyValidator(() => this.data.tranche.currency)],
    ],
    note: ['', [Validators.required, notBlank]],
  });

  protected save(): void {
    const v = this.form.getRawValue();
    const currency = this.data.tranche.currency;
    this.submission.run(
      this.form,
      () =>
        this.api.reportAccepted(this.data.grant.id, this.data.tranche.id, {
          note: v.note.trim(),
          accountedMinor: moneyInputToMinor(v.accountedMinor.trim(), currency) ?? v.accountedMinor.trim(),
        }),
      (grant) => this.dialogRef.close(grant),
      financeFailure(this.submission.problem, this.i18n),
    );
  }
}
