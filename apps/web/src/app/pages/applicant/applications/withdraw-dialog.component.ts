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
import type { ApplicationView } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { ApplicationsApiService } from '../shared/applications-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';

export interface WithdrawDialogData {
  id: string;
  title: string;
}

@Component({
  selector: 'mz-withdraw-dialog',
  imports: [
    ReasonFieldComponent,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ 'applicant.withdraw.title' | t: { title: data.title } }}
    </h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <p>{{ 'applicant.withdraw.body' | t }}</p>
        <mz-reason-field [control]="form.controls.reason" testId="withdraw-reason" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="withdraw-submit"
          [disabled]="submission.busy()"
        >
          {{ 'applicant.withdraw.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class WithdrawDialogComponent {
  private readonly api = inject(ApplicationsApiService);
  private readonly dialogRef =
    inject<MatDialogRef<WithdrawDialogComponent, ApplicationView>>(
      MatDialogRef,
    );
  protected readonly data = inject<WithdrawDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<ApplicationView>({ quiet: true });
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [
      '',
      [
        Validators.required,
        Validators.pattern(/\S/),
        Validators.maxLength(2000),
      ],
    ],
  });

  protected save(): void {
    this.submission.run(
      this.form,
      () =>
        this.api.withdraw(this.data.id, this.form.getRawValue().reason.trim()),
      (view) => this.dialogRef.close(view),
    );
  }
}
