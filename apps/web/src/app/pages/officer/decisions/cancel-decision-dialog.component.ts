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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { FundingDecisionView } from '@mizan/contracts';
import { DECISION_TEXT_MAX } from '@mizan/domain';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../shared/form-submission';
import { notBlank } from '../shared/validators';
import { DecisionsApiService } from './decisions-api.service';
import { decisionProblem, outcomeKey } from './decision-view';

export interface CancelDecisionDialogData {
  decision: FundingDecisionView;
}

/** Withdraw (the proposer) or decline (a second officer) a proposed decision, with a reason for the trail. */
@Component({
  selector: 'mz-cancel-decision-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
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
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'common.reason' | t }}</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="4"
            required
            data-testid="decision-cancel-reason"
          ></textarea>
          <mat-hint>{{ 'common.reasonHint' | t }}</mat-hint>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>{{ 'common.reasonRequired' | t }}</mat-error>
          } @else if (form.controls.reason.hasError('server')) {
            <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <div aria-live="assertive">
          @if (submission.problem(); as problem) {
            <p
              class="mz-banner mz-banner-error"
              role="alert"
              data-testid="dialog-error"
            >
              <mat-icon svgIcon="error" />
              <span>{{ problem.key | t: problem.params }}</span>
            </p>
          }
        </div>
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
