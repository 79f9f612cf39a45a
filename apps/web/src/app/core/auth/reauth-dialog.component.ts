import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { errorMessage, toWebError } from '../api/api-error';
import { TranslatePipe } from '../i18n/translate.pipe';
import {
  FormProblemComponent,
  type FormProblem,
} from '../ui/form-problem.component';
import { TwoFactorApiService } from './two-factor-api.service';

/**
 * "Confirm it is you": the password again, and a code where a second factor is
 * set up. Opened by the re-authentication interceptor whenever the api answers
 * REAUTH_REQUIRED; closes with true once the api accepted it.
 */
@Component({
  selector: 'mz-reauth-dialog',
  imports: [
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
    <h2 mat-dialog-title>{{ 'security.reauth.title' | t }}</h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="confirm()"
      novalidate
    >
      <mat-dialog-content>
        <p>{{ 'security.reauth.intro' | t }}</p>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'signIn.password' | t }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
            data-testid="reauth-password"
          />
          @if (form.controls.password.invalid) {
            <mat-error>{{ 'signIn.passwordRequired' | t }}</mat-error>
          }
        </mat-form-field>
        @if (needsCode()) {
          <mat-form-field class="mz-full-width">
            <mat-label>{{ 'security.code.label' | t }}</mat-label>
            <input
              matInput
              type="text"
              formControlName="code"
              autocomplete="one-time-code"
              inputmode="numeric"
              dir="ltr"
              data-testid="reauth-code"
            />
            <mat-hint>{{ 'security.code.hint' | t }}</mat-hint>
          </mat-form-field>
        }
        <mz-form-problem [problem]="problem()" testId="reauth-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close data-testid="reauth-cancel">
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="reauth-submit"
          [disabled]="busy()"
        >
          {{ 'security.reauth.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReauthDialogComponent {
  private readonly api = inject(TwoFactorApiService);
  private readonly dialogRef =
    inject<MatDialogRef<ReauthDialogComponent, boolean>>(MatDialogRef);
  protected readonly needsCode = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required]],
    code: [''],
  });

  constructor() {
    this.api.status().subscribe({
      next: (status) => this.needsCode.set(status.enabled),
      // Unknown: offer the field; the api says whether it needs it.
      error: () => this.needsCode.set(true),
    });
  }

  protected confirm(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { password, code } = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    this.api
      .reauth(code.trim() ? { password, code: code.trim() } : { password })
      .subscribe({
        next: () => this.dialogRef.close(true),
        error: (error: unknown) => {
          this.busy.set(false);
          const webError = toWebError(error);
          if (webError.fields.some((f) => f.field === 'code')) {
            this.needsCode.set(true);
          }
          this.problem.set(errorMessage(webError));
          this.form.controls.code.reset();
        },
      });
  }
}
