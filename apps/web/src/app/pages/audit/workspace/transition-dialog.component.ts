import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { EngagementState, EngagementView } from '@mizan/contracts';
import { EMPTY, of, switchMap } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { askToConfirm } from '../../../core/ui/confirm-dialog.component';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { notBlank } from '../../officer/shared/validators';
import { AuditApiService } from '../audit-api.service';
import { stateKey, transitionNeedsConfirmation } from '../audit-labels';

export interface TransitionDialogData {
  engagement: Pick<EngagementView, 'id' | 'reference' | 'state' | 'rowVersion'>;
  to: EngagementState;
}

/**
 * Moves an engagement on (planned → fieldwork → … → closed) with the reason that goes on the trail; a final or
 * closing move asks "are you sure?" first. Closes with the engagement as the api answers it.
 */
@Component({
  selector: 'mz-audit-transition-dialog',
  imports: [FormProblemComponent, MatButtonModule, MatDialogModule, ReactiveFormsModule, ReasonFieldComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'audit.transition.title' | t: params }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ 'audit.transition.body' | t: params }}</p>
        <p class="muted">{{ hintKey() | t }}</p>
        <mz-reason-field [control]="form.controls.reason" testId="audit-transition-reason" />
        <mz-form-problem [problem]="submission.problem()" testId="audit-transition-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="audit-transition-submit" [disabled]="submission.busy()">{{ 'audit.transition.submit' | t: params }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class TransitionDialogComponent {
  private readonly api = inject(AuditApiService);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  private readonly dialogRef = inject<MatDialogRef<TransitionDialogComponent, EngagementView>>(MatDialogRef);
  protected readonly data = inject<TransitionDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<EngagementView>();
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, notBlank, Validators.maxLength(2000)]],
  });

  protected get params() {
    return { reference: this.data.engagement.reference, from: this.i18n.t(stateKey(this.data.engagement.state)), to: this.i18n.t(stateKey(this.data.to)) };
  }

  protected hintKey() {
    return `audit.transition.hint.${this.data.to}` as const;
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const confirm$ = transitionNeedsConfirmation(this.data.to)
      ? askToConfirm(this.dialog, {
          titleKey: 'audit.transition.confirmTitle',
          bodyKey: 'audit.transition.confirmBody',
          params: this.params,
          detailKeys: this.data.to === 'final' ? ['audit.transition.confirmFinal'] : ['audit.transition.confirmClosed'],
          confirmKey: 'audit.transition.confirm',
        })
      : of(true);
    confirm$.pipe(switchMap((ok) => (ok ? of(true) : EMPTY))).subscribe(() =>
      this.submission.run(
        this.form,
        () => this.api.transition(this.data.engagement.id, { to: this.data.to, reason: this.form.getRawValue().reason.trim(), rowVersion: this.data.engagement.rowVersion }),
        (engagement) => this.dialogRef.close(engagement),
      ),
    );
  }
}
