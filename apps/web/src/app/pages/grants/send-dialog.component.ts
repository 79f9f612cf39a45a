import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { GrantView, OrganizationMemberView } from '@mizan/contracts';
import { toWebError } from '../../core/api/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { financeFailure, financeProblem } from '../../shared/finance/finance-labels';
import { FormSubmission } from '../../core/ui/form-submission';
import { GrantsApiService } from './grants-api.service';

export interface SendDialogData {
  grant: GrantView;
}

/** Draft → awaiting signature: the officer names the organization's signatory among its members. */
@Component({
  selector: 'mz-send-dialog',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'grants.send.title' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>{{ 'grants.send.body' | t: { organization: data.grant.organizationName } }}</p>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
        }
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'grants.send.signatory' | t }}</mat-label>
          <mat-select formControlName="signatoryUserId" data-testid="send-signatory" required>
            @for (m of members(); track m.userId) {
              <mat-option [value]="m.userId">
                <bdi>{{ m.displayName }}</bdi> · <bdi dir="ltr">{{ m.email }}</bdi>
              </mat-option>
            }
          </mat-select>
          @if (form.controls.signatoryUserId.hasError('server')) {
            <mat-error>{{ form.controls.signatoryUserId.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'grants.send.signatoryRequired' | t }}</mat-error>
          }
        </mat-form-field>
        <mz-form-problem [problem]="submission.problem()" testId="send-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="send-submit" [disabled]="submission.busy()">
          {{ 'grants.send.submit' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class SendDialogComponent {
  private readonly api = inject(GrantsApiService);
  private readonly dialogRef = inject<MatDialogRef<SendDialogComponent, GrantView>>(MatDialogRef);
  protected readonly data = inject<SendDialogData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<GrantView>();
  protected readonly members = signal<OrganizationMemberView[]>([]);
  protected readonly loading = signal(true);
  protected readonly form = inject(NonNullableFormBuilder).group({
    signatoryUserId: ['', Validators.required],
  });

  constructor() {
    this.api.organization(this.data.grant.organizationId).subscribe({
      next: (org) => {
        this.loading.set(false);
        this.members.set(org.members);
        if (org.members.length === 1) this.form.controls.signatoryUserId.setValue(org.members[0].userId);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.submission.problem.set(financeProblem(toWebError(error)));
      },
    });
  }

  protected save(): void {
    this.submission.run(
      this.form,
      () => this.api.send(this.data.grant.id, this.form.getRawValue()),
      (grant) => this.dialogRef.close(grant),
      financeFailure(this.submission.problem),
    );
  }
}
