import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink } from '@angular/router';
import type { AcceptedInvitation } from '@mizan/contracts';
import { applyFieldErrors, toWebError } from '../../core/api/api-error';
import { roleLabelKey } from '../../core/i18n/role-label';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { LanguageMenuComponent } from '../../layout/language-menu.component';
import { OrganizationsApiService } from '../applicant/shared/organizations-api.service';
import {
  problemOf,
  unmatchedProblem,
  type Problem,
} from '../applicant/shared/problem';

export const MIN_PASSWORD = 12;

/** Public page behind an invitation link: choose a name and password, then sign in. */
@Component({
  selector: 'mz-accept-invitation',
  imports: [
    LanguageMenuComponent,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatToolbarModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './accept-invitation.component.html',
  styleUrl: '../sign-in/sign-in.component.scss',
})
export class AcceptInvitationComponent {
  private readonly api = inject(OrganizationsApiService);

  /** Query parameter, bound by the router. */
  readonly token = input<string | undefined>();

  protected readonly minPassword = MIN_PASSWORD;
  protected readonly roleKey = roleLabelKey;
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [
      '',
      [Validators.required, Validators.minLength(2), Validators.maxLength(200)],
    ],
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD)]],
  });
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly accepted = signal<AcceptedInvitation | null>(null);

  protected submit(): void {
    const token = this.token();
    if (this.busy() || !token) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    this.api
      .acceptInvitation({
        token,
        displayName: value.displayName.trim(),
        password: value.password,
      })
      .subscribe({
        next: (result) => {
          this.busy.set(false);
          this.accepted.set(result);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const webError = toWebError(error);
          const unmatched = applyFieldErrors(this.form, webError.fields);
          this.problem.set(
            unmatched.length > 0
              ? unmatchedProblem(unmatched)
              : webError.fields.length > 0
                ? null
                : problemOf(webError),
          );
        },
      });
  }
}
