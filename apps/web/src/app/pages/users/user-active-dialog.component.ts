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
import type { UserSummary } from '@mizan/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DialogSubmission } from './dialog-form';
import { UsersApiService } from './users-api.service';

export interface UserActiveDialogData {
  user: UserSummary;
  active: boolean;
}

@Component({
  selector: 'mz-user-active-dialog',
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
      {{
        (data.active
          ? 'users.dialog.activateTitle'
          : 'users.dialog.deactivateTitle'
        ) | t: { name: data.user.displayName }
      }}
    </h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'common.reason' | t }}</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            required
            data-testid="active-reason"
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
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="active-submit"
          [disabled]="submission.busy()"
        >
          {{
            (data.active ? 'users.dialog.activate' : 'users.dialog.deactivate')
              | t
          }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class UserActiveDialogComponent {
  private readonly api = inject(UsersApiService);
  private readonly dialogRef =
    inject<MatDialogRef<UserActiveDialogComponent, UserSummary>>(MatDialogRef);
  protected readonly data = inject<UserActiveDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new DialogSubmission<UserSummary>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(500)]],
  });

  protected save(): void {
    const reason = this.form.getRawValue().reason.trim();
    this.submission.run(
      this.form,
      () =>
        this.api.updateActive(this.data.user.id, {
          active: this.data.active,
          reason,
        }),
      (updated) => this.dialogRef.close(updated),
    );
  }
}
