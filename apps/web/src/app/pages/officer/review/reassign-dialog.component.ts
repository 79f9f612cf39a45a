import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
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
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import type { AssignmentView, CallReviewerView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../shared/validators';
import { type ReassignSource, reviewerChoices } from './assignments';
import { ReviewApiService } from './review-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';

export interface ReassignDialogData {
  applicationId: string;
  title: string;
  sources: ReassignSource[];
  reviewers: CallReviewerView[];
  assignments: AssignmentView[];
  /** The reviewer to replace, when the dialog is opened from their row. */
  from: string | null;
}

/** Replaces one reviewer by another, with the reason on the trail. */
@Component({
  selector: 'mz-reassign-dialog',
  imports: [
    ReasonFieldComponent,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'board.reassign.title' | t }}</h2>
    <form
      class="mz-dialog-form"
      [formGroup]="form"
      (ngSubmit)="save()"
      novalidate
    >
      <mat-dialog-content>
        <p class="subject">
          <bdi>{{ data.title }}</bdi>
        </p>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'board.reassign.from' | t }}</mat-label>
          <mat-select
            formControlName="fromReviewerId"
            required
            data-testid="reassign-from"
          >
            @for (s of data.sources; track s.reviewerId) {
              <mat-option [value]="s.reviewerId">
                {{
                  s.status === 'conflict'
                    ? ('board.reassign.fromConflict'
                      | t: { name: s.reviewerName })
                    : s.reviewerName
                }}
              </mat-option>
            }
          </mat-select>
          @if (form.controls.fromReviewerId.hasError('server')) {
            <mat-error>{{
              form.controls.fromReviewerId.getError('server')
            }}</mat-error>
          } @else if (form.controls.fromReviewerId.invalid) {
            <mat-error>{{ 'board.reassign.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'board.reassign.to' | t }}</mat-label>
          <mat-select
            formControlName="toReviewerId"
            required
            data-testid="reassign-to"
          >
            @for (c of choices(); track c.reviewer.reviewerId) {
              <mat-option
                [value]="c.reviewer.reviewerId"
                [disabled]="c.blocked !== null"
              >
                {{
                  'board.app.reviewerOption'
                    | t
                      : {
                          name: c.reviewer.name,
                          load: i18n.formatNumber(c.reviewer.load),
                        }
                }}
                @if (c.blocked) {
                  ({{
                    (c.blocked === 'onIt'
                      ? 'board.app.blockedOnIt'
                      : 'board.app.blockedConflict'
                    ) | t
                  }})
                }
              </mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'board.app.reviewerHint' | t }}</mat-hint>
          @if (form.controls.toReviewerId.hasError('server')) {
            <mat-error>{{
              form.controls.toReviewerId.getError('server')
            }}</mat-error>
          } @else if (form.controls.toReviewerId.invalid) {
            <mat-error>{{ 'board.reassign.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mz-reason-field [control]="form.controls.reason" testId="reassign-reason" />
        <mz-form-problem [problem]="submission.problem()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | t }}
        </button>
        <button
          mat-flat-button
          type="submit"
          data-testid="reassign-submit"
          [disabled]="submission.busy()"
        >
          <mat-icon svgIcon="swap_horiz" />
          {{ 'board.reassign.submit' | t }}
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
export class ReassignDialogComponent {
  private readonly api = inject(ReviewApiService);
  private readonly dialogRef =
    inject<MatDialogRef<ReassignDialogComponent, AssignmentView>>(MatDialogRef);
  protected readonly data = inject<ReassignDialogData>(MAT_DIALOG_DATA);
  protected readonly i18n = inject(I18nService);
  protected readonly submission = new FormSubmission<AssignmentView>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    fromReviewerId: [
      this.data.from ??
        (this.data.sources.length === 1 ? this.data.sources[0].reviewerId : ''),
      [Validators.required],
    ],
    toReviewerId: ['', [Validators.required]],
    reason: ['', [notBlank, Validators.maxLength(2000)]],
  });

  private readonly from = toSignal(
    this.form.controls.fromReviewerId.valueChanges,
    {
      initialValue: this.form.controls.fromReviewerId.value,
    },
  );
  protected readonly choices = computed(() =>
    reviewerChoices(
      this.data.reviewers,
      this.data.assignments,
      this.from() || null,
    ),
  );

  protected save(): void {
    const { fromReviewerId, toReviewerId, reason } = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.reassign(this.data.applicationId, {
          fromReviewerId,
          toReviewerId,
          reason: reason.trim(),
        }),
      (assignment) => this.dialogRef.close(assignment),
    );
  }
}
