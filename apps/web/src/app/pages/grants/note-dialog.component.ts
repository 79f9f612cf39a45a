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
import type { Observable } from 'rxjs';
import type { TranslationKey } from '../../core/i18n/catalog';
import type { TranslationParams } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { financeProblem } from '../../shared/finance/finance-labels';
import { FormSubmission } from '../../core/ui/form-submission';
import { notBlank } from '../officer/shared/validators';

export interface NoteDialogData<T> {
  titleKey: TranslationKey;
  bodyKey: TranslationKey;
  params?: TranslationParams;
  labelKey: TranslationKey;
  submitKey: TranslationKey;
  testId: string;
  /** Sends the note; the dialog closes with the answer. */
  send: (note: string) => Observable<T>;
}

/**
 * One step that needs a note or reason for the trail (tick a condition, record a
 * report accepted by hand, close a finding, countersign …): the text, the
 * api's problem by field or as a sentence, closes with the api's answer.
 */
@Component({
  selector: 'mz-note-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.titleKey | t: data.params }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>{{ data.bodyKey | t: data.params }}</p>
        <mz-reason-field
          [control]="form.controls.note"
          [labelKey]="data.labelKey"
          [testId]="data.testId + '-note'"
        />
        <mz-form-problem [problem]="submission.problem()" [testId]="data.testId + '-error'" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button
          mat-flat-button
          type="submit"
          [attr.data-testid]="data.testId + '-submit'"
          [disabled]="submission.busy()"
        >
          {{ data.submitKey | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class NoteDialogComponent<T> {
  private readonly dialogRef = inject<MatDialogRef<NoteDialogComponent<T>, T>>(MatDialogRef);
  protected readonly data = inject<NoteDialogData<T>>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<T>();
  protected readonly form = inject(NonNullableFormBuilder).group({
    note: ['', [Validators.required, notBlank, Validators.maxLength(2000)]],
  });

  protected save(): void {
    this.submission.run(
      this.form,
      () => this.data.send(this.form.getRawValue().note.trim()),
      (result) => this.dialogRef.close(result),
      (error) => {
        if (error.fields.length > 0) {
          this.form.controls.note.setErrors({ server: error.fields[0].message });
          return true;
        }
        this.submission.problem.set(financeProblem(error));
        return true;
      },
    );
  }
}
