import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { EngagementView } from '@mizan/contracts';
import { catchError, of } from 'rxjs';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { AuditApiService, type AuditorCandidate } from '../audit-api.service';

export interface AuditorDialogData {
  engagement: Pick<EngagementView, 'id' | 'auditors'>;
}

/** Puts one more auditor (a user holding the auditor role) on the engagement, as lead if asked. Closes with true. */
@Component({
  selector: 'mz-audit-auditor-dialog',
  imports: [FieldErrorDirective, FormProblemComponent, MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatSelectModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'audit.workspace.addAuditorTitle' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ 'audit.workspace.addAuditorBody' | t }}</p>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'audit.workspace.auditor' | t }}</mat-label>
          <mat-select formControlName="userId" data-testid="audit-auditor-pick" required>
            @for (c of candidates(); track c.id) {
              <mat-option [value]="c.id"><bdi>{{ c.name }}</bdi></mat-option>
            }
          </mat-select>
          @if (candidates().length === 0) {
            <mat-hint>{{ 'audit.plan.noAuditors' | t }}</mat-hint>
          }
          <mat-error [mzFieldError]="form.controls.userId" [messages]="{ required: 'audit.plan.auditorsRequired' }" />
        </mat-form-field>
        <mat-checkbox formControlName="lead" data-testid="audit-auditor-lead">{{ 'audit.workspace.makeLead' | t }}</mat-checkbox>
        <mz-form-problem [problem]="submission.problem()" testId="audit-auditor-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="audit-auditor-submit" [disabled]="submission.busy()">{{ 'audit.workspace.addAuditor' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class AuditorDialogComponent {
  private readonly api = inject(AuditApiService);
  private readonly dialogRef = inject<MatDialogRef<AuditorDialogComponent, boolean>>(MatDialogRef);
  private readonly data = inject<AuditorDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<unknown>();
  protected readonly candidates = signal<AuditorCandidate[]>([]);
  protected readonly form = inject(NonNullableFormBuilder).group({
    userId: ['', Validators.required],
    lead: [false],
  });

  constructor() {
    const on = new Set(this.data.engagement.auditors.filter((a) => !a.removedAt).map((a) => a.user.id));
    this.api
      .auditorCandidates()
      .pipe(catchError(() => of([] as AuditorCandidate[])))
      .subscribe((list) => this.candidates.set(list.filter((c) => !on.has(c.id))));
  }

  protected submit(): void {
    const { userId, lead } = this.form.getRawValue();
    this.submission.run(
      this.form,
      () => this.api.addAuditor(this.data.engagement.id, userId, lead),
      () => this.dialogRef.close(true),
    );
  }
}
