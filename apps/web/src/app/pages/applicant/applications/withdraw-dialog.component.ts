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
import type { ApplicationView } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DialogSubmission } from '../../users/dialog-form';
import { ApplicationsApiService } from '../shared/applications-api.service';

export interface WithdrawDialogData {
  id: string;
  title: string;
}

@Component({
  selector: 'mz-withdraw-dialog',
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
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'common.reason' | t }}</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            required
            data-testid="withdraw-reason"
          ></textarea>
          <mat-hint>{{ 'common.reasonHint' | t }}</mat-hint>
          @if (
            form.controls.reason.hasError('required') ||
            form.controls.reason.hasError('pattern')
          ) {
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
  protected readonly submission = new DialogSubmission<ApplicationView>();
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
