import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AUDIT_OPINIONS, type AuditOpinion, type AuditReportView, type EngagementView, type RequestAuditReportRequest } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { notBlank } from '../../officer/shared/validators';
import { AuditApiService } from '../audit-api.service';
import { opinionKey } from '../audit-labels';

export interface ReportDialogData {
  engagement: Pick<EngagementView, 'id' | 'kind' | 'opinion' | 'conclusion'>;
  final: boolean;
  /** A final report exists: the new one supersedes it and needs a reason. */
  finalExists: boolean;
}

/** The request from the dialog's values: an opinion for audits, a conclusion for spot checks, the supersede reason when asked. */
export function reportRequest(data: ReportDialogData, value: { opinion: AuditOpinion | ''; conclusion: string; supersedeReason: string }): RequestAuditReportRequest {
  const spotCheck = data.engagement.kind === 'spot_check';
  return {
    final: data.final,
    opinion: spotCheck ? null : value.opinion || null,
    conclusion: spotCheck ? value.conclusion.trim() || null : null,
    supersedeReason: data.finalExists ? value.supersedeReason.trim() : null,
  };
}

/**
 * Asks the worker for a report (draft or final): the opinion (audits) or the conclusion (spot checks) — required for
 * a final one — and, when a final report exists, why the new version supersedes it. Closes with the report (the
 * same engagement and data answer the report already built).
 */
@Component({
  selector: 'mz-audit-report-dialog',
  imports: [FieldErrorDirective, FormProblemComponent, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule, ReasonFieldComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (data.final ? 'audit.reports.buildFinal' : 'audit.reports.buildDraft') | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ (data.final ? 'audit.reports.finalBody' : 'audit.reports.draftBody') | t }}</p>
        @if (spotCheck) {
          <mat-form-field class="mz-full-width">
            <mat-label>{{ 'audit.reports.conclusion' | t }}</mat-label>
            <textarea matInput formControlName="conclusion" rows="4" data-testid="audit-report-conclusion" [required]="data.final"></textarea>
            <mat-hint>{{ 'audit.reports.conclusionHint' | t }}</mat-hint>
            <mat-error [mzFieldError]="form.controls.conclusion" [messages]="{ required: 'audit.reports.conclusionRequired' }" />
          </mat-form-field>
        } @else {
          <mat-form-field class="mz-full-width">
            <mat-label>{{ 'audit.reports.opinion' | t }}</mat-label>
            <mat-select formControlName="opinion" data-testid="audit-report-opinion" [required]="data.final">
              @if (!data.final) {
                <mat-option value="">{{ 'audit.reports.noOpinion' | t }}</mat-option>
              }
              @for (o of opinions; track o) {
                <mat-option [value]="o">{{ opinionKey(o) | t }}</mat-option>
              }
            </mat-select>
            <mat-error [mzFieldError]="form.controls.opinion" [messages]="{ required: 'audit.reports.opinionRequired' }" />
          </mat-form-field>
        }
        @if (data.finalExists) {
          <p class="mz-banner mz-banner-info">{{ 'audit.reports.supersedeIntro' | t }}</p>
          <mz-reason-field [control]="form.controls.supersedeReason" testId="audit-report-supersede" labelKey="audit.reports.supersedeReason" />
        }
        <mz-form-problem [problem]="submission.problem()" testId="audit-report-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="audit-report-submit" [disabled]="submission.busy()">{{ 'audit.reports.build' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReportDialogComponent {
  private readonly api = inject(AuditApiService);
  private readonly dialogRef = inject<MatDialogRef<ReportDialogComponent, AuditReportView>>(MatDialogRef);
  protected readonly data = inject<ReportDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<AuditReportView>();
  protected readonly opinions = AUDIT_OPINIONS;
  protected readonly opinionKey = opinionKey;
  protected readonly spotCheck = this.data.engagement.kind === 'spot_check';

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    opinion: this.fb.control<AuditOpinion | ''>(this.data.engagement.opinion ?? '', !this.spotCheck && this.data.final ? Validators.required : []),
    conclusion: [this.data.engagement.conclusion ?? '', this.spotCheck && this.data.final ? [Validators.required, notBlank, Validators.maxLength(5000)] : [Validators.maxLength(5000)]],
    supersedeReason: ['', this.data.finalExists ? [Validators.required, notBlank, Validators.maxLength(2000)] : []],
  });

  protected submit(): void {
    this.submission.run(
      this.form,
      () => this.api.requestReport(this.data.engagement.id, reportRequest(this.data, this.form.getRawValue())),
      (report) => this.dialogRef.close(report),
    );
  }
}
