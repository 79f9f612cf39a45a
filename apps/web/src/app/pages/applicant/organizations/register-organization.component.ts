import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { applyFieldErrors, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { focusFirstInvalid } from '../shared/focus';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf, unmatchedProblem, type Problem } from '../shared/problem';
import { organizationForm, organizationInputOf } from './organization-form';
import { OrganizationFormComponent } from './organization-form.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

@Component({
  selector: 'mz-register-organization',
  imports: [
    PageHeaderComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    OrganizationFormComponent,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="'applicant.register.title' | t" [intro]="'applicant.register.intro' | t" />

    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mz-organization-form [form]="form" idPrefix="org" />

      <div aria-live="assertive">
        @if (problem(); as p) {
          <p
            class="mz-banner mz-banner-error"
            role="alert"
            data-testid="org-error"
          >
            <mat-icon svgIcon="error" />
            <span>{{ p.key | t: p.params }}</span>
          </p>
        }
      </div>
      <div class="loading-slot">
        @if (busy()) {
          <mat-progress-bar
            mode="indeterminate"
            [attr.aria-label]="'applicant.saving' | t"
          />
        }
      </div>
      <div class="actions">
        <button
          mat-flat-button
          type="submit"
          data-testid="org-submit"
          [disabled]="busy()"
        >
          {{ 'applicant.register.submit' | t }}
        </button>
        <a mat-button routerLink="/my-organizations">{{
          'common.cancel' | t
        }}</a>
      </div>
    </form>
  `,
  styleUrl: '../shared/intake.scss',
})
export class RegisterOrganizationComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);

  protected readonly form = organizationForm();
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected save(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.problem.set({ key: 'errors.validation' });
      focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.api.register(organizationInputOf(this.form)).subscribe({
      next: (org) => {
        this.busy.set(false);
        this.notifier.notify(
          this.i18n.t('applicant.register.done', { name: org.legalName }),
        );
        void this.router.navigate(['/my-organizations', org.id], {
          queryParams: { tab: 'documents' },
        });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const webError = toWebError(error);
        const unmatched = applyFieldErrors(this.form, webError.fields);
        this.problem.set(
          unmatched.length > 0
            ? unmatchedProblem(unmatched)
            : webError.fields.length > 0
              ? { key: 'errors.validation' }
              : problemOf(webError),
        );
        focusFirstInvalid();
      },
    });
  }
}
