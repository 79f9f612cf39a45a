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
import type { FundingDecisionView } from '@mizan/contracts';
import { DECISION_TEXT_MAX } from '@mizan/domain';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../shared/validators';
import { DecisionsApiService } from './decisions-api.service';
import { decisionProblem, outcomeKey } from './decision-view';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';

export interface CancelDecisionDialogData {
  decision: FundingDecisionView;
}

/** Withdraw (the proposer) or decline (a second officer) a proposed decision, with a reason for the trail. */
@Component({
  selector: 'mz-cancel-decision-dialog',
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
    <h2 mat-dialog-title>{{ 'decisions.cancel.title' | t }}</h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <p class="subject">
          <bdi>{{ data.decision.applicationTitle }}</bdi> ·
          {{ outcomeKey(data.decision.outcome) | t }}
        </p>
        <p>{{ 'decisions.cancel.body' | t }}</p>
        <mz-reason-field [control]="form.controls.reason" testId="decision-cancel-reason" [rows]="4" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'decisions.cancel.keep' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="decision-cancel-submit"
          [disabled]="submission.busy()"
        >
          {{ 'decisions.cancel.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .subject {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CancelDecisionDialogComponent {
  private readonly api = inject(DecisionsApiService);
  private readonly dialogRef =
    inject<MatDialogRef<CancelDecisionDialogComponent, FundingDecisionView>>(
      MatDialogRef,
    );
  protected readonly data = inject<CancelDecisionDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<FundingDecisionView>();
  protected readonly outcomeKey = outcomeKey;

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [
      '',
      [Validators.required, notBlank, Validators.maxLength(DECISION_TEXT_MAX)],
    ],
  });

  protected save(): void {
    this.submission.run(
      this.form,
      () =>
        this.api.cancel(
          this.data.decision.id,
          this.form.getRawValue().reason.trim(),
        ),
      (updated) => this.dialogRef.close(updated),
      (error) => {
        if (error.fields.length > 0) return false;
        this.submission.problem.set(decisionProblem(error));
        return true;
      },
    );
  }
}
