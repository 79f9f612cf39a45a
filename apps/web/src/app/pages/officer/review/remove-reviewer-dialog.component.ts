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
import { MatIconModule } from '@angular/material/icon';
import type { AssignmentView } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../shared/validators';
import { ReviewApiService } from './review-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';

export interface RemoveReviewerDialogData {
  applicationId: string;
  assignment: AssignmentView;
}

/** Takes a reviewer off an application without a replacement; the reason goes on the trail. */
@Component({
  selector: 'mz-remove-reviewer-dialog',
  imports: [
    ReasonFieldComponent,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatIconModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ 'board.remove.title' | t: { name: data.assignment.reviewerName } }}
    </h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <p class="body">{{ 'board.remove.body' | t }}</p>
        <mz-reason-field [control]="form.controls.reason" testId="remove-reason" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="remove-submit"
          [disabled]="submission.busy()"
        >
          <mat-icon svgIcon="person_remove" />
          {{ 'board.remove.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .body {
      margin: 0 0 12px;
    }
  `,
})
export class RemoveReviewerDialogComponent {
  private readonly api = inject(ReviewApiService);
  private readonly dialogRef =
    inject<MatDialogRef<RemoveReviewerDialogComponent, AssignmentView>>(
      MatDialogRef,
    );
  protected readonly data = inject<RemoveReviewerDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<AssignmentView>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [notBlank, Validators.maxLength(2000)]],
  });

  protected save(): void {
    const reason = this.form.getRawValue().reason.trim();
    this.submission.run(
      this.form,
      () =>
        this.api.unassign(
          this.data.applicationId,
          this.data.assignment.id,
          reason,
        ),
      (assignment) => this.dialogRef.close(assignment),
    );
  }
}
