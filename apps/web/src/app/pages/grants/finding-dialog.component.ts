import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { FindingPriority, GrantView } from '@mizan/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { financeFailure, priorityKey } from '../../shared/finance/finance-labels';
import { FormSubmission } from '../../core/ui/form-submission';
import { notBlank } from '../officer/shared/validators';
import { GrantsApiService } from './grants-api.service';

/** Raise a monitoring finding; an open high-priority one blocks tranche releases. */
@Component({
  selector: 'mz-finding-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'grants.findings.raise' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>{{ 'grants.findings.raiseBody' | t }}</p>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'grants.findings.priority' | t }}</mat-label>
          <mat-select formControlName="priority" data-testid="finding-priority" required>
            @for (p of priorities; track p) {
              <mat-option [value]="p">{{ priorityKey(p) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'grants.findings.titleField' | t }}</mat-label>
          <input matInput formControlName="title" data-testid="finding-title" required />
          @if (form.controls.title.hasError('server')) {
            <mat-error>{{ form.controls.title.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'grants.findings.titleRequired' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'grants.findings.description' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="description" data-testid="finding-description"></textarea>
        </mat-form-field>
        <mz-form-problem [problem]="submission.problem()" testId="finding-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="finding-submit" [disabled]="submission.busy()">
          {{ 'grants.findings.raise' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class FindingDialogComponent {
  private readonly api = inject(GrantsApiService);
  private readonly dialogRef = inject<MatDialogRef<FindingDialogComponent, GrantView>>(MatDialogRef);
  protected readonly data = inject<{ grant: GrantView }>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<GrantView>();
  protected readonly priorities: readonly FindingPriority[] = ['low', 'medium', 'high'];
  protected readonly priorityKey = priorityKey;
  protected readonly form = inject(NonNullableFormBuilder).group({
    priority: ['medium' as FindingPriority, Validators.required],
    title: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
    description: ['', Validators.maxLength(4000)],
  });

  protected save(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.raiseFinding(this.data.grant.id, {
          priority: v.priority,
          title: v.title.trim(),
          ...(v.description.trim() ? { description: v.description.trim() } : {}),
        }),
      (grant) => this.dialogRef.close(grant),
      financeFailure(this.submission.problem),
    );
  }
}
