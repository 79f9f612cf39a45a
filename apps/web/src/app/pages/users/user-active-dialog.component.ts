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
import type { UserSummary } from '@mizan/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormSubmission } from '../../core/ui/form-submission';
import { UsersApiService } from './users-api.service';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';

export interface UserActiveDialogData {
  user: UserSummary;
  active: boolean;
}

@Component({
  selector: 'mz-user-active-dialog',
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
        <mz-reason-field [control]="form.controls.reason" testId="active-reason" />
        <mz-form-problem [problem]="submission.problem()" />
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
  protected readonly submission = new FormSubmission<UserSummary>({ quiet: true });

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
