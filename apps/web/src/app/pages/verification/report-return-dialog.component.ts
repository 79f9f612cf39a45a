import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { notBlank } from '../officer/shared/validators';

/** Returning a report: the reason the grantee reads (required). */
@Component({
  selector: 'mz-report-return-dialog',
  imports: [MatButtonModule, MatDialogModule, ReactiveFormsModule, ReasonFieldComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'verification.return.title' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>{{ 'verification.return.body' | t }}</p>
        <mz-reason-field [control]="form.controls.reason" testId="return-reason" hintKey="verification.return.hint" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="return-submit">{{ 'verification.return.submit' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReportReturnDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<ReportReturnDialogComponent, string>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({ reason: ['', [Validators.required, notBlank]] });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.dialogRef.close(this.form.getRawValue().reason.trim());
  }
}
