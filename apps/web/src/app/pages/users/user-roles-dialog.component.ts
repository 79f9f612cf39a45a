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
import { MatSelectModule } from '@angular/material/select';
import { ROLES, type Role, type UserSummary } from '@mizan/contracts';
import { roleLabelKey } from '../../core/i18n/role-label';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormSubmission } from '../../core/ui/form-submission';
import { UsersApiService } from './users-api.service';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { RolePairNoticesComponent } from './role-pair-notices.component';
import { rolePairsOf } from './role-pairs';
import { FieldErrorDirective } from '../../core/ui/field-error.directive';

@Component({
  selector: 'mz-user-roles-dialog',
  imports: [
    FieldErrorDirective,
    ReasonFieldComponent,
    RolePairNoticesComponent,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ 'users.dialog.rolesTitle' | t: { name: user.displayName } }}
    </h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'users.dialog.roles' | t }}</mat-label>
          <mat-select
            formControlName="roles"
            multiple
            required
            data-testid="roles-select"
          >
            @for (role of roles; track role) {
              <mat-option
                [value]="role"
                [attr.data-testid]="'role-option-' + role"
                >{{ roleKey(role) | t }}</mat-option
              >
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.roles" [messages]="{ required: 'users.dialog.rolesRequired' }" />
        </mat-form-field>
        <mz-role-pair-notices [refused]="pairs.refused()" [needReason]="pairs.needReason()" [reason]="form.controls.rolePairReason" />
        <mz-reason-field [control]="form.controls.reason" testId="roles-reason" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="roles-submit"
          [disabled]="submission.busy()"
        >
          {{ 'common.save' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class UserRolesDialogComponent {
  private readonly api = inject(UsersApiService);
  private readonly dialogRef =
    inject<MatDialogRef<UserRolesDialogComponent, UserSummary>>(MatDialogRef);
  protected readonly user = inject<UserSummary>(MAT_DIALOG_DATA);
  protected readonly roles = ROLES;
  protected readonly roleKey = roleLabelKey;
  protected readonly submission = new FormSubmission<UserSummary>({ quiet: true });

  protected readonly form = inject(NonNullableFormBuilder).group({
    roles: [[...this.user.roles] as Role[], [Validators.required]],
    reason: ['', [Validators.required, Validators.maxLength(500)]],
    rolePairReason: ['', [Validators.maxLength(1000)]],
  });
  protected readonly pairs = rolePairsOf(this.form.controls.roles, this.user.roles);

  protected save(): void {
    const { roles, reason, rolePairReason } = this.form.getRawValue();
    if (!this.pairs.canSave(this.form.controls.rolePairReason, this.submission)) return;
    const pairReason = this.pairs.needReason().length > 0 ? rolePairReason.trim() : '';
    this.submission.run(
      this.form,
      () =>
        this.api.updateRoles(this.user.id, {
          roles,
          reason: reason.trim(),
          ...(pairReason ? { rolePairReason: pairReason } : {}),
        }),
      (updated) => this.dialogRef.close(updated),
      (error) => this.pairs.onError(error, this.submission),
    );
  }
}
