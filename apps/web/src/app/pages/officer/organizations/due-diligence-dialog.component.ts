import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { OrganizationView, SetDueDiligenceRequest } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormSubmission } from '../../../core/ui/form-submission';
import { ddKey } from '../shared/labels';
import { notBlank } from '../shared/validators';
import { localToday } from '../shared/zones';
import { OrganizationsApiService } from './organizations-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';

export type DueDiligenceDecision = SetDueDiligenceRequest['status'];

/** The dialog's rules, as the api applies them: expiry in the future for a clearance, conditions for a conditional one. */
export function dueDiligenceProblems(
  status: DueDiligenceDecision,
  expiresOn: string,
  conditions: string,
  today: string,
): { expiresOn?: 'required' | 'future'; conditions?: 'required' } {
  const out: { expiresOn?: 'required' | 'future'; conditions?: 'required' } = {};
  if (status !== 'rejected') {
    if (expiresOn.trim() === '') out.expiresOn = 'required';
    else if (expiresOn <= today) out.expiresOn = 'future';
  }
  if (status === 'conditional' && conditions.trim() === '') out.conditions = 'required';
  return out;
}

@Component({
  selector: 'mz-due-diligence-dialog',
  imports: [
    FieldErrorDirective,
    ReasonFieldComponent,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './due-diligence-dialog.component.html',
  styles: `
    .statuses {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin-block-end: 12px;
    }
    .legend {
      font: var(--mat-sys-title-small);
      margin: 0 0 4px;
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
    }
  `,
})
export class DueDiligenceDialogComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly dialogRef =
    inject<MatDialogRef<DueDiligenceDialogComponent, OrganizationView>>(MatDialogRef);
  protected readonly organization = inject<OrganizationView>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<OrganizationView>();
  protected readonly today = localToday();
  protected readonly statuses: readonly DueDiligenceDecision[] = [
    'cleared',
    'conditional',
    'rejected',
  ];
  protected readonly ddKey = ddKey;
  protected readonly status = signal<DueDiligenceDecision>(this.initialStatus());

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      status: [this.status() as DueDiligenceDecision, [Validators.required]],
      conditions: [this.organization.dueDiligence.conditions ?? '', [Validators.maxLength(2000)]],
      expiresOn: [this.initialExpiry()],
      reason: ['', [notBlank, Validators.minLength(3), Validators.maxLength(2000)]],
    },
    { validators: (group) => this.crossCheck(group) },
  );

  constructor() {
    this.form.controls.status.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((status) => {
        this.status.set(status);
        if (status === 'rejected') this.form.controls.expiresOn.setValue('');
        if (status !== 'conditional') this.form.controls.conditions.setValue('');
      });
  }

  private initialStatus(): DueDiligenceDecision {
    const current = this.organization.dueDiligence.status;
    return current === 'pending' ? 'cleared' : current;
  }

  private initialExpiry(): string {
    const dd = this.organization.dueDiligence;
    return !dd.expired && dd.expiresOn ? dd.expiresOn.slice(0, 10) : '';
  }

  /** Puts the cross-field problems on the fields themselves, so each shows next to its input. */
  private crossCheck(group: AbstractControl): ValidationErrors | null {
    const status = group.get('status')?.value as DueDiligenceDecision | undefined;
    const expires = group.get('expiresOn');
    const conditions = group.get('conditions');
    if (!status || !expires || !conditions) return null;
    const problems = dueDiligenceProblems(
      status,
      String(expires.value ?? ''),
      String(conditions.value ?? ''),
      this.today,
    );
    setProblem(expires, 'required', problems.expiresOn === 'required');
    setProblem(expires, 'future', problems.expiresOn === 'future');
    setProblem(conditions, 'required', problems.conditions === 'required');
    return null;
  }

  protected save(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () =>
        this.api.setDueDiligence(this.organization.id, {
          status: v.status,
          conditions: v.status === 'conditional' ? v.conditions.trim() : null,
          expiresOn: v.status === 'rejected' ? null : v.expiresOn,
          reason: v.reason.trim(),
        }),
      (updated) => this.dialogRef.close(updated),
    );
  }
}

function setProblem(control: AbstractControl, name: string, on: boolean): void {
  const errors = { ...(control.errors ?? {}) };
  if (on === name in errors) return;
  if (on) errors[name] = true;
  else delete errors[name];
  control.setErrors(Object.keys(errors).length > 0 ? errors : null);
}
