import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
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
import type { BankFileView } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { notBlank } from '../../officer/shared/validators';
import { FinanceApiService } from '../shared/finance-api.service';

export interface ReleaseBankFileDialogData {
  file: BankFileView;
}

/**
 * Releases a bank file whose build failed: its payments go back to approved, so
 * they can go into a new file. A reason for the trail; the api asks to re-authenticate.
 */
@Component({
  selector: 'mz-release-bank-file-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'finance.bankFile.releaseTitle' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p class="muted"><bdi dir="ltr">{{ data.file.messageId }}</bdi></p>
        <p>{{ 'finance.bankFile.releaseBody' | t }}</p>
        <mz-reason-field [control]="form.controls.reason" testId="bank-file-release-reason" [rows]="3" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button
          mat-flat-button
          type="submit"
          data-testid="bank-file-release-submit"
          [disabled]="submission.busy()"
        >
          {{ 'finance.bankFile.release' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReleaseBankFileDialogComponent {
  private readonly api = inject(FinanceApiService);
  private readonly dialogRef =
    inject<MatDialogRef<ReleaseBankFileDialogComponent, BankFileView>>(MatDialogRef);
  protected readonly data = inject<ReleaseBankFileDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<BankFileView>();
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, notBlank, Validators.maxLength(2000)]],
  });

  protected save(): void {
    const reason = this.form.getRawValue().reason.trim();
    this.submission.run(
      this.form,
      () => this.api.releaseBankFile(this.data.file.id, { reason }),
      (file) => this.dialogRef.close(file),
    );
  }
}
