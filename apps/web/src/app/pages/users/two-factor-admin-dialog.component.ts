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
import { map, type Observable } from 'rxjs';
import { TwoFactorApiService } from '../../core/auth/two-factor-api.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { FormSubmission } from '../../core/ui/form-submission';

/** What the admin is about to do: require (or stop requiring) a second factor, or reset one user's. */
export type TwoFactorAdminDialogData =
  | { kind: 'require'; requiresTwoFactor: boolean }
  | { kind: 'reset'; user: UserSummary };

/** Both changes go on the trail with a reason; the api asks for re-authentication first. */
@Component({
  selector: 'mz-two-factor-admin-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      @if (data.kind === 'require') {
        {{
          (data.requiresTwoFactor
            ? 'security.admin.requireOnTitle'
            : 'security.admin.requireOffTitle'
          ) | t
        }}
      } @else {
        {{ 'security.admin.resetTitle' | t: { name: data.user.displayName } }}
      }
    </h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>
          {{
            (data.kind === 'reset'
              ? 'security.admin.resetText'
              : data.requiresTwoFactor
                ? 'security.admin.requireOnText'
                : 'security.admin.requireOffText'
            ) | t
          }}
        </p>
        <mz-reason-field [control]="form.controls.reason" testId="two-factor-admin-reason" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="two-factor-admin-submit"
          [disabled]="submission.busy()"
        >
          {{ (data.kind === 'reset' ? 'security.admin.reset' : 'common.save') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class TwoFactorAdminDialogComponent {
  private readonly api = inject(TwoFactorApiService);
  private readonly dialogRef =
    inject<MatDialogRef<TwoFactorAdminDialogComponent, boolean>>(MatDialogRef);
  protected readonly data = inject<TwoFactorAdminDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<boolean>({ quiet: true });
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(1000)]],
  });

  protected save(): void {
    const reason = this.form.getRawValue().reason.trim();
    const data = this.data;
    const request = (): Observable<boolean> =>
      data.kind === 'reset'
        ? this.api.resetUser(data.user.id, reason).pipe(map(() => true))
        : this.api
            .setAgencySecurity({ requiresTwoFactor: data.requiresTwoFactor, reason })
            .pipe(map(() => true));
    this.submission.run(this.form, request, () => this.dialogRef.close(true));
  }
}
