import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { POPULATION_KINDS, type EngagementMilestones, type EngagementView, type PopulationKind, type UpdateEngagementRequest } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { notBlank } from '../../officer/shared/validators';
import { AuditApiService } from '../audit-api.service';
import { periodOrder } from '../audit-forms';

const MILESTONES = ['fieldworkFrom', 'fieldworkTo', 'draftReportDue', 'managementCommentsDue', 'finalReportDue'] as const;

/** The plan's details an officer may still change while planned or in fieldwork (PATCH, with the row version). */
@Component({
  selector: 'mz-audit-edit-engagement-dialog',
  imports: [FieldErrorDirective, FormProblemComponent, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'audit.workspace.editTitle' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'audit.plan.titleField' | t }}</mat-label>
          <input matInput formControlName="title" required maxlength="200" data-testid="audit-edit-title" />
          <mat-error [mzFieldError]="form.controls.title" [messages]="{ required: 'audit.plan.required' }" />
        </mat-form-field>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'audit.plan.firm' | t }}</mat-label>
          <input matInput formControlName="firmName" required maxlength="200" />
          <mat-error [mzFieldError]="form.controls.firmName" [messages]="{ required: 'audit.plan.required' }" />
        </mat-form-field>
        <div class="pair">
          <mat-form-field>
            <mat-label>{{ 'audit.plan.periodFrom' | t }}</mat-label>
            <input matInput type="date" formControlName="periodFrom" required />
            <mat-error [mzFieldError]="form.controls.periodFrom" [messages]="{ required: 'audit.plan.required' }" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'audit.plan.periodTo' | t }}</mat-label>
            <input matInput type="date" formControlName="periodTo" required />
            <mat-error [mzFieldError]="form.controls.periodTo" [messages]="{ required: 'audit.plan.required' }" />
          </mat-form-field>
        </div>
        @if (form.hasError('periodOrder')) {
          <p class="mz-banner mz-banner-error" role="alert">{{ 'audit.plan.periodOrder' | t }}</p>
        }
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'audit.plan.population' | t }}</mat-label>
          <mat-select formControlName="populationKind">
            @for (p of populations; track p) {
              <mat-option [value]="p">{{ populationKey(p) | t }}</mat-option>
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.populationKind" />
        </mat-form-field>
        <div class="pair" formGroupName="milestones">
          @for (m of milestones; track m) {
            <mat-form-field>
              <mat-label>{{ milestoneKey(m) | t }}</mat-label>
              <input matInput type="date" [formControlName]="m" />
            </mat-form-field>
          }
        </div>
        <mz-form-problem [problem]="submission.problem()" testId="audit-edit-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="audit-edit-submit" [disabled]="submission.busy()">{{ 'audit.workspace.editSubmit' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .pair {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: 0 12px;
    }
  `,
})
export class EditEngagementDialogComponent {
  private readonly api = inject(AuditApiService);
  private readonly dialogRef = inject<MatDialogRef<EditEngagementDialogComponent, EngagementView>>(MatDialogRef);
  private readonly data = inject<{ engagement: EngagementView }>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<EngagementView>();
  protected readonly populations = POPULATION_KINDS;
  protected readonly milestones = MILESTONES;

  private readonly fb = inject(NonNullableFormBuilder);
  private readonly e = this.data.engagement;
  protected readonly form = this.fb.group(
    {
      title: [this.e.title, [Validators.required, notBlank, Validators.maxLength(200)]],
      firmName: [this.e.firmName, [Validators.required, notBlank, Validators.maxLength(200)]],
      periodFrom: [this.e.periodFrom, Validators.required],
      periodTo: [this.e.periodTo, Validators.required],
      populationKind: this.fb.control<PopulationKind>(this.e.populationKind),
      milestones: this.fb.group({
        fieldworkFrom: [this.e.milestones.fieldworkFrom ?? ''],
        fieldworkTo: [this.e.milestones.fieldworkTo ?? ''],
        draftReportDue: [this.e.milestones.draftReportDue ?? ''],
        managementCommentsDue: [this.e.milestones.managementCommentsDue ?? ''],
        finalReportDue: [this.e.milestones.finalReportDue ?? ''],
      }),
    },
    { validators: periodOrder },
  );

  protected populationKey(kind: PopulationKind) {
    return `audit.plan.populationKind.${kind}` as const;
  }

  protected milestoneKey(m: (typeof MILESTONES)[number]) {
    return `audit.plan.milestone.${m}` as const;
  }

  protected submit(): void {
    const v = this.form.getRawValue();
    const milestones: EngagementMilestones = {};
    for (const m of MILESTONES) milestones[m] = v.milestones[m] || null;
    const request: UpdateEngagementRequest = {
      title: v.title.trim(),
      firmName: v.firmName.trim(),
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      populationKind: v.populationKind,
      milestones,
      rowVersion: this.e.rowVersion,
    };
    this.submission.run(
      this.form,
      () => this.api.update(this.e.id, request),
      (engagement) => this.dialogRef.close(engagement),
    );
  }
}
