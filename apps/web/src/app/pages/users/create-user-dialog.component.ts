import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ROLES, type Role, type UserSummary } from '@mizan/contracts';
import { roleLabelKey } from '../../core/i18n/role-label';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormSubmission } from '../../core/ui/form-submission';
import { UsersApiService } from './users-api.service';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { RolePairNoticesComponent } from './role-pair-notices.component';
import { rolePairsOf } from './role-pairs';
import { FieldErrorDirective } from '../../core/ui/field-error.directive';

export const MIN_PASSWORD_LENGTH = 12;

@Component({
  selector: 'mz-create-user-dialog',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    RolePairNoticesComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './create-user-dialog.component.html',
})
export class CreateUserDialogComponent {
  private readonly api = inject(UsersApiService);
  private readonly dialogRef =
    inject<MatDialogRef<CreateUserDialogComponent, UserSummary>>(MatDialogRef);
  protected readonly roles = ROLES;
  protected readonly roleKey = roleLabelKey;
  protected readonly minPassword = MIN_PASSWORD_LENGTH;
  protected readonly submission = new FormSubmission<UserSummary>({ quiet: true });

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    password: [
      '',
      [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)],
    ],
    roles: [[] as Role[], [Validators.required]],
    rolePairReason: ['', [Validators.maxLength(1000)]],
  });
  protected readonly pairs = rolePairsOf(this.form.controls.roles, []);

  protected save(): void {
    const value = this.form.getRawValue();
    if (!this.pairs.canSave(this.form.controls.rolePairReason, this.submission)) return;
    const pairReason = this.pairs.needReason().length > 0 ? value.rolePairReason.trim() : '';
    this.submission.run(
      this.form,
      () =>
        this.api.create({
          email: value.email.trim(),
          displayName: value.displayName.trim(),
          password: value.password,
          roles: value.roles,
          ...(pairReason ? { rolePairReason: pairReason } : {}),
        }),
      (created) => this.dialogRef.close(created),
      (error) => this.pairs.onError(error, this.submission),
    );
  }
}
