import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { VISIT_CHECKLIST_IDS, type MonitoringKind, type MonitoringOutcome, type MonitoringVisitView, type VisitChecklistItem } from '@mizan/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { FormSubmission } from '../../core/ui/form-submission';
import { MonitoringApiService, type MonitoringSide } from './monitoring-api.service';
import { checklistKey, kindKey, outcomeKey } from './monitoring-labels';
import { localTodayIso } from '../../core/ui/local-date';

export interface VisitDialogData {
  side: MonitoringSide;
  grantId: string;
  /** The kind the grant's level requires: the form starts with it. */
  requiredKind: MonitoringKind;
  /** The grant's first day: no visit before it. */
  startsOn: string;
}

export const KIND_CHOICES: readonly MonitoringKind[] = ['on_site', 'remote', 'third_party'];
export const OUTCOME_CHOICES: readonly MonitoringOutcome[] = ['satisfactory', 'concerns', 'serious'];
type Answer = VisitChecklistItem['answer'] | '';

/** Record a monitoring visit: kind, date, the fixed checklist, findings and outcome. */
@Component({
  selector: 'mz-visit-dialog',
  imports: [FormProblemComponent, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'monitoring.visit.recordTitle' | t }}</h2>
    <form class="mz-dialog-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <div class="pair">
          <mat-form-field>
            <mat-label>{{ 'monitoring.visit.kind' | t }}</mat-label>
            <mat-select formControlName="kind" data-testid="visit-kind">
              @for (k of kinds; track k) {
                <mat-option [value]="k">{{ kindKey(k) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'monitoring.visit.visitedOn' | t }}</mat-label>
            <input matInput type="date" formControlName="visitedOn" [min]="data.startsOn" [max]="today" required data-testid="visit-date" />
            @if (form.controls.visitedOn.hasError('server')) {
              <mat-error>{{ form.controls.visitedOn.getError('server') }}</mat-error>
            } @else {
              <mat-error>{{ 'monitoring.required' | t }}</mat-error>
            }
          </mat-form-field>
        </div>
        <fieldset formArrayName="checklist" data-testid="visit-checklist">
          <legend>{{ 'monitoring.visit.checklist' | t }}</legend>
          @for (item of form.controls.checklist.controls; track $index; let i = $index) {
            <div class="item" [formGroupName]="i">
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ checklistKey(ids[i]) | t }}</mat-label>
                <mat-select formControlName="answer" [attr.data-testid]="'visit-item-' + ids[i]">
                  <mat-option value="">{{ 'monitoring.answer.none' | t }}</mat-option>
                  <mat-option value="yes">{{ 'monitoring.answer.yes' | t }}</mat-option>
                  <mat-option value="no">{{ 'monitoring.answer.no' | t }}</mat-option>
                  <mat-option value="not_applicable">{{ 'monitoring.answer.not_applicable' | t }}</mat-option>
                </mat-select>
              </mat-form-field>
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>{{ 'monitoring.visit.note' | t }}</mat-label>
                <input matInput formControlName="note" />
              </mat-form-field>
            </div>
          }
        </fieldset>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'monitoring.visit.findings' | t }}</mat-label>
          <textarea matInput rows="4" formControlName="findings" data-testid="visit-findings"></textarea>
        </mat-form-field>
        <mat-form-field class="mz-full-width">
          <mat-label>{{ 'monitoring.visit.outcome' | t }}</mat-label>
          <mat-select formControlName="outcome" data-testid="visit-outcome">
            @for (o of outcomes; track o) {
              <mat-option [value]="o">{{ outcomeKey(o) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mz-form-problem [problem]="submission.problem()" testId="visit-error" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" data-testid="visit-submit" [disabled]="submission.busy()">{{ 'monitoring.visit.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .pair,
    .item {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px 16px;
    }
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px;
      margin: 0 0 16px;
      display: grid;
      gap: 8px;
    }
  `,
})
export class VisitDialogComponent {
  protected readonly kindKey = kindKey;
  protected readonly outcomeKey = outcomeKey;
  protected readonly checklistKey = checklistKey;
  private readonly api = inject(MonitoringApiService);
  private readonly dialogRef = inject<MatDialogRef<VisitDialogComponent, MonitoringVisitView>>(MatDialogRef);
  protected readonly data = inject<VisitDialogData>(MAT_DIALOG_DATA);
  /** A third-party monitor's visit is never on-site (that is the agency's own staff). */
  protected readonly kinds = this.data.side === 'monitor' ? KIND_CHOICES.filter((k) => k !== 'on_site') : KIND_CHOICES;
  protected readonly outcomes = OUTCOME_CHOICES;
  protected readonly ids = VISIT_CHECKLIST_IDS;
  protected readonly today = localTodayIso();
  protected readonly submission = new FormSubmission<MonitoringVisitView>();
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly form = this.fb.group({
    kind: [this.data.side === 'monitor' && this.data.requiredKind === 'on_site' ? ('third_party' as MonitoringKind) : this.data.requiredKind, [Validators.required]],
    visitedOn: [this.today, [Validators.required]],
    checklist: this.fb.array(VISIT_CHECKLIST_IDS.map(() => this.fb.group({ answer: ['' as Answer], note: ['', [Validators.maxLength(4000)]] }))),
    findings: ['', [Validators.maxLength(20000)]],
    outcome: ['satisfactory' as MonitoringOutcome, [Validators.required]],
  });

  /** The answered items only, in checklist order. */
  protected answered(): VisitChecklistItem[] {
    return this.form.controls.checklist.getRawValue().flatMap((item, i) =>
      item.answer === '' ? [] : [{ id: VISIT_CHECKLIST_IDS[i], answer: item.answer, note: item.note.trim() }],
    );
  }

  protected save(): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () => this.api.recordVisit(this.data.side, this.data.grantId, { kind: v.kind, visitedOn: v.visitedOn, checklist: this.answered(), findings: v.findings.trim(), outcome: v.outcome }),
      (visit) => this.dialogRef.close(visit),
    );
  }
}
