import {
  ChangeDetectionStrategy,
  Component,
  inject,
} from '@angular/core';
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
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type {
  GrantView,
  Modality,
  RiskRating,
} from '@mizan/contracts';
import type { TranslationKey } from '../../core/i18n/catalog';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import {
  financeProblem,
  localizeFieldErrors,
  modalityKey,
  ratingKey,
} from '../../shared/finance/finance-labels';
import { FormSubmission } from '../../core/ui/form-submission';
import { notBlank } from '../officer/shared/validators';
import { GrantsApiService } from './grants-api.service';
import {
  CAPACITY_QUESTION_IDS,
  MODALITIES,
  MONITORING,
  RATINGS,
} from './risk';

export interface RiskDialogData {
  grant: GrantView;
}

/**
 * The partner's capacity assessment: each question scored 0 (none) to 3
 * (strong); the api computes the rating from the answers and the due-diligence
 * status. The officer may only tighten it (a higher rating), and chooses the
 * modality and how the grant is monitored.
 */
@Component({
  selector: 'mz-risk-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatRadioModule,
    MatSelectModule,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'grants.risk.title' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>{{ 'grants.risk.intro' | t }}</p>
        <div formArrayName="answers" class="questions">
          @for (q of questions; track q; let i = $index) {
            <fieldset class="question" [formGroupName]="i" [attr.data-testid]="'risk-q-' + q">
              <legend>{{ questionKey(q) | t }}</legend>
              <mat-radio-group formControlName="score" class="scores">
                @for (s of scores; track s) {
                  <mat-radio-button [value]="s" [attr.data-testid]="'risk-q-' + q + '-' + s">
                    {{ scoreKey(s) | t }}
                  </mat-radio-button>
                }
              </mat-radio-group>
            </fieldset>
          }
        </div>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'grants.risk.tighten' | t }}</mat-label>
          <mat-select formControlName="rating" data-testid="risk-rating">
            <mat-option value="">{{ 'grants.risk.asAssessed' | t }}</mat-option>
            @for (r of ratings; track r) {
              <mat-option [value]="r">{{ ratingKey(r) | t }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'grants.risk.tightenHint' | t }}</mat-hint>
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'grants.field.modality' | t }}</mat-label>
          <mat-select formControlName="modality" data-testid="risk-modality" required>
            @for (m of modalities; track m) {
              <mat-option [value]="m">{{ modalityKey(m) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'grants.field.monitoring' | t }}</mat-label>
          <mat-select formControlName="monitoring" data-testid="risk-monitoring" required>
            @for (m of monitoring; track m) {
              <mat-option [value]="m">{{ monitoringKey(m) | t }}</mat-option>
            }
          </mat-select>
          @if (form.controls.monitoring.hasError('server')) {
            <mat-error>{{ form.controls.monitoring.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mz-reason-field [control]="form.controls.reason" testId="risk-reason" />
        <mz-form-problem [problem]="submission.problem()" testId="risk-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="risk-submit" [disabled]="submission.busy()">
          {{ 'grants.risk.save' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .question {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin: 0 0 8px;
      padding: 4px 12px 8px;
    }
    legend {
      font-weight: 500;
      padding-inline: 4px;
    }
    .scores {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
  `,
})
export class RiskDialogComponent {
  private readonly api = inject(GrantsApiService);
  private readonly i18n = inject(I18nService);
  private readonly dialogRef = inject<MatDialogRef<RiskDialogComponent, GrantView>>(MatDialogRef);
  protected readonly data = inject<RiskDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<GrantView>();
  protected readonly questions = CAPACITY_QUESTION_IDS;
  protected readonly scores = [0, 1, 2, 3] as const;
  protected readonly ratings = RATINGS;
  protected readonly modalities = MODALITIES;
  protected readonly monitoring = MONITORING;
  protected readonly ratingKey = ratingKey;
  protected readonly modalityKey = modalityKey;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    answers: this.fb.array(
      CAPACITY_QUESTION_IDS.map((q) => {
        const previous = this.data.grant.riskAssessment?.answers.find((a) => a.questionId === q);
        return this.fb.group({
          questionId: [q],
          score: this.fb.control<number | null>(previous?.score ?? null, Validators.required),
        });
      }),
    ),
    rating: this.fb.control<RiskRating | ''>(this.data.grant.riskRating ?? ''),
    modality: this.fb.control<Modality>(this.data.grant.modality ?? 'advance', Validators.required),
    monitoring: [this.data.grant.monitoring ?? 'desk_review', Validators.required],
    reason: ['', [Validators.required, notBlank]],
  });

  protected questionKey(id: string): TranslationKey {
    return `grants.risk.q.${id}` as TranslationKey;
  }

  protected scoreKey(score: number): TranslationKey {
    return `grants.risk.score.${score}` as TranslationKey;
  }

  protected monitoringKey(code: string): TranslationKey {
    return `fin.monitoring.${code}` as TranslationKey;
  }

  protected save(): void {
    const value = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.setRisk(this.data.grant.id, {
          answers: value.answers.map((a) => ({ questionId: a.questionId, score: a.score ?? 0 })),
          ...(value.rating ? { rating: value.rating } : {}),
          modality: value.modality,
          monitoring: value.monitoring,
          reason: value.reason.trim(),
        }),
      (grant) => this.dialogRef.close(grant),
      (error) => {
        error.fields = localizeFieldErrors(this.i18n, error.fields);
        // The answers' fields are radio groups without an error line: say it above the actions.
        this.submission.problem.set(
          error.fields.length > 0
            ? { key: 'errors.generic', params: { message: error.fields.map((f) => f.message).join('; ') } }
            : financeProblem(error),
        );
        return true;
      },
    );
  }
}
