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
import type { ApplicationView, ScreeningAction } from '@mizan/contracts';
import { needsReason } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../shared/validators';
import { ScreeningApiService } from './screening-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';

export interface ScreeningDialogData {
  applicationId: string;
  title: string;
  organization: string;
  action: Exclude<ScreeningAction, 'start_screening'>;
}

const TEXTS: Readonly<
  Record<
    ScreeningDialogData['action'],
    { title: TranslationKey; label: TranslationKey; hint: TranslationKey; submit: TranslationKey }
  >
> = {
  mark_eligible: {
    title: 'officer.screen.eligibleTitle',
    label: 'officer.screen.note',
    hint: 'officer.screen.noteHint',
    submit: 'officer.action.mark_eligible',
  },
  mark_ineligible: {
    title: 'officer.screen.ineligibleTitle',
    label: 'common.reason',
    hint: 'officer.screen.ineligibleHint',
    submit: 'officer.action.mark_ineligible',
  },
  return_for_clarification: {
    title: 'officer.screen.returnTitle',
    label: 'officer.screen.message',
    hint: 'officer.screen.messageHint',
    submit: 'officer.action.return_for_clarification',
  },
};

/** Mark eligible (an optional note), ineligible (a reason) or return (a message to the applicant). */
@Component({
  selector: 'mz-screening-dialog',
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
    <h2 mat-dialog-title>{{ texts.title | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p class="subject">
          <bdi>{{ data.title }}</bdi> ·
          <bdi>{{ data.organization }}</bdi>
        </p>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ texts.label | t }}</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="5"
            [required]="required"
            data-testid="screening-reason"
          ></textarea>
          <mat-hint>{{ texts.hint | t }}</mat-hint>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>{{
              (data.action === 'return_for_clarification'
                ? 'officer.screen.messageRequired'
                : 'common.reasonRequired'
              ) | t
            }}</mat-error>
          } @else if (form.controls.reason.hasError('server')) {
            <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
          }
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
          data-testid="screening-submit"
          [disabled]="submission.busy()"
        >
          {{ texts.submit | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .subject {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ScreeningDialogComponent {
  private readonly api = inject(ScreeningApiService);
  private readonly dialogRef =
    inject<MatDialogRef<ScreeningDialogComponent, ApplicationView>>(MatDialogRef);
  protected readonly data = inject<ScreeningDialogData>(MAT_DIALOG_DATA);
  protected readonly texts = TEXTS[this.data.action];
  protected readonly required = needsReason(this.data.action);
  protected readonly submission = new FormSubmission<ApplicationView>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [
      '',
      this.required
        ? [notBlank, Validators.maxLength(2000)]
        : [Validators.maxLength(2000)],
    ],
  });

  protected save(): void {
    const reason = this.form.getRawValue().reason.trim();
    this.submission.run(
      this.form,
      () =>
        this.api.screen(this.data.applicationId, {
          action: this.data.action,
          reason: reason === '' ? null : reason,
        }),
      (updated) => this.dialogRef.close(updated),
    );
  }
}
