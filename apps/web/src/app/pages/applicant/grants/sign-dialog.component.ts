import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ErrorCode, type GrantView } from '@mizan/contracts';
import { switchMap } from 'rxjs';
import { TwoFactorApiService } from '../../../core/auth/two-factor-api.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { financeProblem, localizeFieldErrors } from '../../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../../officer/shared/validators';
import { GrantsApiService } from '../../grants/grants-api.service';

export interface SignDialogData {
  grant: GrantView;
  /** The signatory's name as the agency knows it (a hint for typing it). */
  expectedName: string;
}

/**
 * The organization's signatory signs the agreement: types their full name and
 * re-enters their password (a re-authentication first, then the signature, so
 * the api's recent-auth rule is met in one step; a second-factor code is asked
 * for when the account has one).
 */
@Component({
  selector: 'mz-sign-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MoneyTextComponent,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'mygrants.sign.title' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>
          {{ 'mygrants.sign.body' | t: { number: data.grant.grantNumber, version: data.grant.currentVersion } }}
          <mz-money-text [minor]="data.grant.amountMinor" [currency]="data.grant.currency" />
        </p>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'mygrants.sign.typedName' | t }}</mat-label>
          <input matInput formControlName="typedName" autocomplete="name" data-testid="sign-name" required />
          <mat-hint>{{ 'mygrants.sign.typedNameHint' | t: { name: data.expectedName } }}</mat-hint>
          @if (form.controls.typedName.hasError('server')) {
            <mat-error>{{ form.controls.typedName.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'mygrants.sign.typedNameRequired' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'mygrants.sign.password' | t }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
            data-testid="sign-password"
            required
          />
          @if (form.controls.password.hasError('server')) {
            <mat-error>{{ form.controls.password.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'mygrants.sign.passwordRequired' | t }}</mat-error>
          }
        </mat-form-field>
        @if (needsCode()) {
          <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
            <mat-label>{{ 'security.code.label' | t }}</mat-label>
            <input matInput formControlName="code" autocomplete="one-time-code" inputmode="numeric" dir="ltr" data-testid="sign-code" />
          </mat-form-field>
        }
        <p class="small">{{ 'mygrants.sign.legal' | t }}</p>
        <mz-form-problem [problem]="submission.problem()" testId="sign-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="sign-submit" [disabled]="submission.busy()">
          {{ 'mygrants.sign.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class SignDialogComponent {
  private readonly api = inject(GrantsApiService);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(TwoFactorApiService);
  private readonly dialogRef = inject<MatDialogRef<SignDialogComponent, GrantView>>(MatDialogRef);
  protected readonly data = inject<SignDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<GrantView>();
  protected readonly needsCode = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    typedName: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
    password: ['', Validators.required],
    code: [''],
  });

  protected save(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.auth
          .reauth({ password: v.password, ...(v.code.trim() ? { code: v.code.trim() } : {}) })
          .pipe(
            switchMap(() =>
              this.api.sign(this.data.grant.id, {
                typedName: v.typedName.trim(),
                version: this.data.grant.currentVersion,
              }),
            ),
          ),
      (grant) => this.dialogRef.close(grant),
      (error) => {
        if (
          error.code === ErrorCode.InvalidSecondFactor ||
          error.code === ErrorCode.SecondFactorRequired ||
          error.fields.some((f) => f.field === 'code')
        ) {
          this.needsCode.set(true);
        }
        if (error.code === ErrorCode.InvalidCredentials) {
          this.form.controls.password.reset();
        }
        error.fields = localizeFieldErrors(this.i18n, error.fields);
        if (error.fields.length > 0) return false;
        this.submission.problem.set(financeProblem(error));
        return true;
      },
    );
  }
}
