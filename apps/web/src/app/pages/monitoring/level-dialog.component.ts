import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { SecurityLevel, SecurityLevelHistoryView } from '@mizan/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { FormSubmission } from '../../core/ui/form-submission';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { notBlank } from '../officer/shared/validators';
import { MonitoringApiService } from './monitoring-api.service';
import { levelKey } from './monitoring-labels';
import { localTodayIso } from '../../core/ui/local-date';

export interface LevelDialogData {
  code: string;
  name: string;
  level: SecurityLevel;
}

export const SECURITY_LEVEL_CHOICES: readonly SecurityLevel[] = ['accessible', 'restricted', 'no_access'];

/** Change a governorate's security level from a date, with a reason (the history keeps the old one). */
@Component({
  selector: 'mz-level-dialog',
  imports: [FormProblemComponent, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule, ReasonFieldComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'monitoring.level.changeTitle' | t: { name: data.name } }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'monitoring.level.label' | t }}</mat-label>
          <mat-select formControlName="level" data-testid="level-select">
            @for (l of levels; track l) {
              <mat-option [value]="l">{{ levelKey(l) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'monitoring.level.effectiveOn' | t }}</mat-label>
          <input matInput type="date" formControlName="effectiveOn" required data-testid="level-effective-on" />
          @if (form.controls.effectiveOn.hasError('server')) {
            <mat-error>{{ form.controls.effectiveOn.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'monitoring.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mz-reason-field [control]="form.controls.reason" testId="level-reason" />
        <mz-form-problem [problem]="submission.problem()" testId="level-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="level-submit" [disabled]="submission.busy()">{{ 'monitoring.level.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class LevelDialogComponent {
  protected readonly levelKey = levelKey;
  private readonly api = inject(MonitoringApiService);
  private readonly dialogRef = inject<MatDialogRef<LevelDialogComponent, SecurityLevelHistoryView>>(MatDialogRef);
  protected readonly data = inject<LevelDialogData>(MAT_DIALOG_DATA);
  protected readonly levels = SECURITY_LEVEL_CHOICES;
  protected readonly submission = new FormSubmission<SecurityLevelHistoryView>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    level: [this.data.level, [Validators.required]],
    effectiveOn: [localTodayIso(), [Validators.required]],
    reason: ['', [Validators.required, notBlank, Validators.maxLength(4000)]],
  });

  protected save(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () => this.api.setLevel({ governorateCode: this.data.code, level: v.level, effectiveOn: v.effectiveOn, reason: v.reason.trim() }),
      (history) => this.dialogRef.close(history),
    );
  }
}
