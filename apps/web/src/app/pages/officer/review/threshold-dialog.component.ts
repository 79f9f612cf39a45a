import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { BoardView } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../shared/validators';
import { parseThreshold } from './board';
import { ReviewApiService } from './review-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';

export interface ThresholdDialogData {
  callId: string;
  threshold: number;
}

function thresholdValidator(control: AbstractControl): ValidationErrors | null {
  const text = String(control.value ?? '');
  if (text.trim() === '') return { required: true };
  return parseThreshold(text) === null ? { threshold: true } : null;
}

/** Sets the spread above which reviewers count as disagreeing; the reason goes on the trail. */
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
    <h2 mat-dialog-title>{{ 'board.threshold.title' | t }}</h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <p class="intro">{{ 'board.threshold.intro' | t }}</p>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'board.threshold.field' | t }}</mat-label>
          <input
            matInput
            formControlName="threshold"
            inputmode="decimal"
            autocomplete="off"
            required
            data-testid="threshold-value"
          />
          <mat-hint>{{ 'board.threshold.hint' | t }}</mat-hint>
          @if (form.controls.threshold.hasError('server')) {
            <mat-error>{{
              form.controls.threshold.getError('server')
            }}</mat-error>
          } @else if (form.controls.threshold.invalid) {
            <mat-error>{{ 'board.threshold.invalid' | t }}</mat-error>
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
    .intro {
      margin: 0 0 12px;
    }
  `,
})
export class ThresholdDialogComponent {
  private readonly api = inject(ReviewApiService);
  private readonly dialogRef =
    inject<MatDialogRef<ThresholdDialogComponent, BoardView>>(MatDialogRef);
  private readonly data = inject<ThresholdDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<BoardView>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    threshold: [this.data.threshold.toFixed(2), [thresholdValidator]],
    reason: ['', [notBlank, Validators.maxLength(4000)]],
  });

  protected save(): void {
    const { threshold, reason } = this.form.getRawValue();
    const value = parseThreshold(threshold);
    if (value === null) {
      this.form.markAllAsTouched();
      return;
    }
    this.submission.run(
      this.form,
      () =>
        this.api.setDisagreementThreshold(this.data.callId, {
          threshold: value,
          reason: reason.trim(),
        }),
      (board) => this.dialogRef.close(board),
    );
  }
}
