import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  FINDING_CATEGORIES,
  FINDING_PRIORITIES,
  type AuditFindingView,
  type FindingCategory,
  type FindingPriority,
  type RaiseAuditFindingRequest,
  type UpdateAuditFindingRequest,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { MoneyFieldComponent } from '../../../core/ui/money-field.component';
import { moneyInputToMinor } from '../../../core/ui/money-input';
import { minorToInput } from '../../officer/shared/money';
import { notBlank } from '../../officer/shared/validators';
import { FieldworkApiService, type ScopeGrantOption } from '../fieldwork-api.service';
import { amountOrZero, categoryKey, ownTitle, priorityKey, toggleError } from './finding-labels';

export interface FindingFormData {
  engagementId: string;
  /** The currency of the amounts (the engagement's, or the sampled item's). */
  currency: CurrencyCode;
  /** The grants a finding may be raised on (the scope's). */
  grants: readonly ScopeGrantOption[];
  /** Editing this finding; absent when raising one. */
  finding?: AuditFindingView;
  /** Raising from a sampled item with an exception: its grant, the item and its amount. */
  prefill?: { grantId: string; sampleItemId: string; affectedMinor?: string };
}

/** Raise a finding (auditor), or edit one before the final report: title from the list or free, priority, amounts, recommendation and agreed action. */
@Component({
  selector: 'mz-finding-form-dialog',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MoneyFieldComponent,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (data.finding ? 'audit.findings.form.editTitle' : 'audit.findings.form.raiseTitle') | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (data.prefill) {
          <p class="mz-banner mz-banner-info" data-testid="finding-from-item">{{ 'audit.findings.form.fromItem' | t }}</p>
        }
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.form.grant' | t }}</mat-label>
          <mat-select formControlName="grantId" data-testid="finding-grant" required>
            @for (g of grants; track g.grantId) {
              <mat-option [value]="g.grantId"><bdi>{{ g.grantNumber }}</bdi> · <bdi>{{ g.title }}</bdi></mat-option>
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.grantId" [messages]="{ required: 'audit.findings.form.required' }" />
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.form.category' | t }}</mat-label>
          <mat-select formControlName="category" data-testid="finding-category">
            <mat-option value="">{{ 'audit.findings.form.freeTitle' | t }}</mat-option>
            @for (c of categories; track c) {
              <mat-option [value]="c">{{ categoryKey(c) | t }}</mat-option>
            }
          </mat-select>
          <mat-error [mzFieldError]="form.controls.category" />
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.form.title' | t }}</mat-label>
          <input matInput formControlName="title" data-testid="finding-title" />
          @if (form.controls.category.value !== '') {
            <mat-hint>{{ 'audit.findings.form.titleHint' | t }}</mat-hint>
          }
          <mat-error [mzFieldError]="form.controls.title" [messages]="{ titleRequired: 'audit.findings.form.titleRequired' }" />
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.form.description' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="description" data-testid="finding-description" required></textarea>
          <mat-error [mzFieldError]="form.controls.description" [messages]="{ required: 'audit.findings.form.required' }" />
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.form.priority' | t }}</mat-label>
          <mat-select formControlName="priority" data-testid="finding-priority" required>
            @for (p of priorities; track p) {
              <mat-option [value]="p">{{ priorityKey(p) | t }}</mat-option>
            }
          </mat-select>
          @if (form.controls.priority.value === 'high') {
            <mat-hint>{{ 'audit.findings.form.highHint' | t }}</mat-hint>
          }
          <mat-error [mzFieldError]="form.controls.priority" />
        </mat-form-field>
        <div class="pair">
          <mz-money-field [control]="form.controls.affectedMinor" [currency]="data.currency" labelKey="audit.findings.form.affected" testId="finding-affected" [hintKey]="null" />
          <mz-money-field
            [control]="form.controls.ineligibleMinor"
            [currency]="data.currency"
            labelKey="audit.findings.form.ineligible"
            testId="finding-ineligible"
            hintKey="audit.findings.form.ineligibleHint"
          />
        </div>
        @if (form.hasError('ineligibleAboveAffected') && form.touched) {
          <p class="field-problem" role="alert" data-testid="finding-ineligible-above">{{ 'audit.findings.form.ineligibleAbove' | t }}</p>
        }
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.form.recommendation' | t }}</mat-label>
          <textarea matInput rows="2" formControlName="recommendation" data-testid="finding-recommendation" required></textarea>
          <mat-error [mzFieldError]="form.controls.recommendation" [messages]="{ required: 'audit.findings.form.required' }" />
        </mat-form-field>
        <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
          <mat-label>{{ 'audit.findings.form.action' | t }}</mat-label>
          <textarea matInput rows="2" formControlName="action" data-testid="finding-action" required></textarea>
          <mat-error [mzFieldError]="form.controls.action" [messages]="{ required: 'audit.findings.form.required' }" />
        </mat-form-field>
        <div class="pair">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'audit.findings.form.owner' | t }}</mat-label>
            <input matInput formControlName="actionOwner" data-testid="finding-owner" required />
            <mat-error [mzFieldError]="form.controls.actionOwner" [messages]="{ required: 'audit.findings.form.required' }" />
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'audit.findings.form.dueOn' | t }}</mat-label>
            <input matInput type="date" formControlName="actionDueOn" data-testid="finding-due" />
            <mat-error [mzFieldError]="form.controls.actionDueOn" />
          </mat-form-field>
        </div>
        <mz-form-problem [problem]="submission.problem()" testId="finding-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="finding-submit" [disabled]="submission.busy()">
          {{ (data.finding ? 'audit.findings.form.saveEdit' : 'audit.findings.form.saveRaise') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .pair {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      gap: 8px 16px;
    }
    mat-form-field,
    mz-money-field {
      margin-block-end: 12px;
      display: block;
    }
    .field-problem {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      margin: 0 0 12px;
    }
  `,
})
export class FindingFormDialogComponent {
  protected readonly categoryKey = categoryKey;
  protected readonly priorityKey = priorityKey;
  protected readonly categories = FINDING_CATEGORIES;
  protected readonly priorities = FINDING_PRIORITIES;
  private readonly api = inject(FieldworkApiService);
  private readonly dialogRef = inject<MatDialogRef<FindingFormDialogComponent, AuditFindingView>>(MatDialogRef);
  protected readonly data = inject<FindingFormData>(MAT_DIALOG_DATA);
  protected readonly submission = new FormSubmission<AuditFindingView>();
  private readonly fb = inject(NonNullableFormBuilder);

  /** The scope's grants, and the finding's own grant when the list lacks it. */
  protected readonly grants: readonly ScopeGrantOption[] = (() => {
    const f = this.data.finding;
    const list = [...this.data.grants];
    if (f && !list.some((g) => g.grantId === f.grantId)) list.unshift({ grantId: f.grantId, grantNumber: f.grantNumber, title: f.grantTitle });
    return list;
  })();

  private readonly currency = (): CurrencyCode => this.data.currency;

  protected readonly form = this.fb.group(
    {
      grantId: [this.data.finding?.grantId ?? this.data.prefill?.grantId ?? '', [Validators.required]],
      category: [(this.data.finding?.category ?? '') as FindingCategory | ''],
      title: [this.data.finding && ownTitle(this.data.finding) ? this.data.finding.title : '', [Validators.maxLength(300)]],
      description: [this.data.finding?.description ?? '', [Validators.required, notBlank, Validators.maxLength(20000)]],
      priority: [(this.data.finding?.priority ?? 'medium') as FindingPriority, [Validators.required]],
      affectedMinor: [this.input(this.data.finding?.affectedMinor ?? this.data.prefill?.affectedMinor ?? '0'), [Validators.required, amountOrZero(this.currency)]],
      ineligibleMinor: [this.input(this.data.finding?.ineligibleMinor ?? '0'), [Validators.required, amountOrZero(this.currency)]],
      recommendation: [this.data.finding?.recommendation ?? '', [Validators.required, notBlank, Validators.maxLength(4000)]],
      action: [this.data.finding?.action ?? '', [Validators.required, notBlank, Validators.maxLength(4000)]],
      actionOwner: [this.data.finding?.actionOwner ?? '', [Validators.required, notBlank, Validators.maxLength(200)]],
      actionDueOn: [this.data.finding?.actionDueOn ?? ''],
    },
    { validators: [(group: AbstractControl) => this.titleAndAmounts(group)] },
  );

  constructor() {
    if (this.data.finding || this.data.prefill) this.form.controls.grantId.disable();
  }

  private input(minor: string): string {
    return minorToInput(minor, this.data.currency);
  }

  /** A free title when no category is chosen; the ineligible part no more than the amount affected. */
  private titleAndAmounts(group: AbstractControl): ValidationErrors | null {
    const v = (group as typeof this.form).getRawValue();
    const title = (group as typeof this.form).controls.title;
    const needsTitle = v.category === '' && v.title.trim() === '';
    toggleError(title, 'titleRequired', needsTitle);
    const affected = moneyInputToMinor(v.affectedMinor, this.data.currency);
    const ineligible = moneyInputToMinor(v.ineligibleMinor, this.data.currency);
    if (affected !== null && ineligible !== null && BigInt(ineligible) > BigInt(affected)) return { ineligibleAboveAffected: true };
    return null;
  }

  protected save(): void {
    this.form.updateValueAndValidity();
    const v = this.form.getRawValue();
    const currency = this.data.currency;
    const common = {
      category: v.category === '' ? null : v.category,
      title: v.title.trim() || null,
      description: v.description.trim(),
      priority: v.priority,
      affectedMinor: moneyInputToMinor(v.affectedMinor, currency) ?? v.affectedMinor.trim(),
      ineligibleMinor: moneyInputToMinor(v.ineligibleMinor, currency) ?? v.ineligibleMinor.trim(),
      recommendation: v.recommendation.trim(),
      action: v.action.trim(),
      actionOwner: v.actionOwner.trim(),
      actionDueOn: v.actionDueOn || null,
    };
    const finding = this.data.finding;
    this.submission.run(
      this.form,
      () => {
        if (finding) {
          const request: UpdateAuditFindingRequest = { ...common, rowVersion: finding.rowVersion };
          return this.api.updateFinding(this.data.engagementId, finding.id, request);
        }
        const request: RaiseAuditFindingRequest = { ...common, grantId: v.grantId, ...(this.data.prefill ? { sampleItemId: this.data.prefill.sampleItemId } : {}) };
        return this.api.raiseFinding(this.data.engagementId, request);
      },
      (saved) => this.dialogRef.close(saved),
    );
  }
}
