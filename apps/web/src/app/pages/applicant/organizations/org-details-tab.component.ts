import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ErrorCode, type OrganizationView } from '@mizan/contracts';
import { applyFieldErrors, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { focusFirstInvalid } from '../shared/focus';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf, unmatchedProblem, type Problem } from '../shared/problem';
import {
  organizationForm,
  organizationInputOf,
  type OrganizationForm,
} from './organization-form';
import { OrganizationFormComponent } from './organization-form.component';

/** The organization's own data, edited with the version it was loaded at; a stale edit is refused (409), never merged. */
@Component({
  selector: 'mz-org-details-tab',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    OrganizationFormComponent,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="mz-section-title">{{ 'applicant.org.tab.details' | t }}</h2>
    <div aria-live="assertive">
      @if (conflict()) {
        <div
          class="mz-banner mz-banner-error"
          role="alert"
          data-testid="org-conflict"
        >
          <mat-icon svgIcon="warning" />
          <span>{{ 'applicant.org.conflict' | t }}</span>
          <button mat-stroked-button type="button" (click)="reload.emit()">
            <mat-icon svgIcon="refresh" />
            {{ 'applicant.reload' | t }}
          </button>
        </div>
      } @else if (problem(); as p) {
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
    <form [formGroup]="form()" (ngSubmit)="save()" novalidate>
      <mz-organization-form [form]="form()" idPrefix="org-edit" />
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
          data-testid="org-edit-submit"
          [disabled]="busy() || conflict()"
        >
          {{ 'common.save' | t }}
        </button>
        <span class="muted">{{
          'applicant.versionLabel' | t: { version: org().version }
        }}</span>
      </div>
    </form>
  `,
  styleUrl: '../shared/intake.scss',
})
export class OrgDetailsTabComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);

  readonly org = input.required<OrganizationView>();
  readonly updated = output<OrganizationView>();
  readonly reload = output<void>();

  protected readonly form = signal<OrganizationForm>(organizationForm());
  protected readonly busy = signal(false);
  protected readonly conflict = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    effect(() => {
      const org = this.org();
      untracked(() => {
        this.form.set(organizationForm(org));
        this.conflict.set(false);
        this.problem.set(null);
      });
    });
  }

  protected save(): void {
    const form = this.form();
    if (this.busy()) return;
    if (form.invalid) {
      form.markAllAsTouched();
      this.problem.set({ key: 'errors.validation' });
      focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.api
      .update(this.org().id, {
        ...organizationInputOf(form),
        version: this.org().version,
      })
      .subscribe({
        next: (org) => {
          this.busy.set(false);
          this.notifier.notify(this.i18n.t('applicant.saved'));
          this.updated.emit(org);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const webError = toWebError(error);
          if (
            webError.code === ErrorCode.Conflict &&
            webError.fields.length === 0
          ) {
            this.conflict.set(true);
            return;
          }
          const unmatched = applyFieldErrors(form, webError.fields);
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
