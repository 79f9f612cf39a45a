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
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type {
  ApplicationView,
  CallView,
  OrganizationView,
} from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { ApplicationsApiService } from '../shared/applications-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';

export interface StartApplicationData {
  call: CallView;
  organizations: OrganizationView[];
}

/** Which of my organizations applies (when there are several), and the working title. */
@Component({
  selector: 'mz-start-application-dialog',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'applicant.start.title' | t }}</h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <p>
          {{ 'applicant.start.call' | t }}
          <strong
            ><bdi>{{ data.call.title }}</bdi></strong
          >
        </p>
        @if (data.organizations.length > 1) {
          <fieldset class="orgs">
            <legend>{{ 'applicant.start.organization' | t }}</legend>
            <mat-radio-group
              formControlName="organizationId"
              class="org-list"
              data-testid="start-org"
            >
              @for (org of data.organizations; track org.id) {
                <mat-radio-button
                  [value]="org.id"
                  [attr.data-testid]="'start-org-' + org.id"
                >
                  <bdi>{{ org.legalName }}</bdi>
                </mat-radio-button>
              }
            </mat-radio-group>
          </fieldset>
        } @else if (data.organizations.length === 1) {
          <p>
            {{ 'applicant.start.organization' | t }}:
            <strong
              ><bdi>{{ data.organizations[0].legalName }}</bdi></strong
            >
          </p>
        }
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'applicant.field.title' | t }}</mat-label>
          <input
            matInput
            formControlName="title"
            required
            data-testid="start-title"
            cdkFocusInitial
          />
          <mat-hint>{{ 'applicant.start.titleHint' | t }}</mat-hint>
          <mat-error [mzFieldError]="form.controls.title" [messages]="{ required: 'applicant.required' }" />
        </mat-form-field>
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="start-submit"
          [disabled]="submission.busy()"
        >
          {{ 'applicant.start.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .orgs {
      border: 0;
      padding: 0;
      margin: 0 0 16px;
    }
    .org-list {
      display: flex;
      flex-direction: column;
    }
  `,
})
export class StartApplicationDialogComponent {
  private readonly api = inject(ApplicationsApiService);
  private readonly dialogRef =
    inject<MatDialogRef<StartApplicationDialogComponent, ApplicationView>>(
      MatDialogRef,
    );
  protected readonly data = inject<StartApplicationData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<ApplicationView>({ quiet: true });

  protected readonly form = inject(NonNullableFormBuilder).group({
    organizationId: [this.data.organizations[0]?.id ?? '', Validators.required],
    title: ['', [Validators.required, Validators.maxLength(300)]],
  });

  protected save(): void {
    const value = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.create({
          callId: this.data.call.id,
          organizationId: value.organizationId,
          title: value.title.trim(),
        }),
      (created) => this.dialogRef.close(created),
    );
  }
}
