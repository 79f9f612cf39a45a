import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
} from '@angular/core';
import { FormArray, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RISK_AREAS, RISK_LEVELS, type RiskArea } from '@mizan/domain';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { riskAreaKey, riskLevelKey } from '../../shared/labels';
import { riskForm, type RiskForm } from '../application-form';
import { focusNew } from './focus-new';

/** Risks in three areas (security, fiduciary, safeguarding): likelihood, impact and mitigation. */
@Component({
  selector: 'mz-risks-step',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'applicant.risk.intro' | t }}</p>
    @for (
      risk of risks().controls;
      track risk.controls.id.value;
      let i = $index
    ) {
      <fieldset class="level" [formGroup]="risk" data-testid="risk">
        <legend class="level-title">
          {{ 'applicant.risk.n' | t: { n: i + 1 } }} —
          {{ riskAreaKey(risk.controls.area.value) | t }}
        </legend>
        <div class="grid">
          <mat-form-field>
            <mat-label>{{ 'applicant.risk.area' | t }}</mat-label>
            <mat-select
              formControlName="area"
              [attr.data-focus-id]="risk.controls.id.value"
              data-testid="risk-area"
            >
              @for (a of areas; track a) {
                <mat-option [value]="a">{{ riskAreaKey(a) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'applicant.risk.likelihood' | t }}</mat-label>
            <mat-select
              formControlName="likelihood"
              data-testid="risk-likelihood"
            >
              @for (l of levels; track l) {
                <mat-option [value]="l">{{ riskLevelKey(l) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'applicant.risk.impact' | t }}</mat-label>
            <mat-select formControlName="impact" data-testid="risk-impact">
              @for (l of levels; track l) {
                <mat-option [value]="l">{{ riskLevelKey(l) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>{{ 'applicant.risk.description' | t }}</mat-label>
            <textarea
              matInput
              formControlName="description"
              rows="2"
              dir="auto"
              data-testid="risk-description"
            ></textarea>
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>{{ 'applicant.risk.mitigation' | t }}</mat-label>
            <textarea
              matInput
              formControlName="mitigation"
              rows="2"
              dir="auto"
              data-testid="risk-mitigation"
            ></textarea>
          </mat-form-field>
        </div>
        <button mat-button type="button" (click)="remove(i)">
          <mat-icon svgIcon="delete" />
          {{ 'applicant.risk.remove' | t: { n: i + 1 } }}
        </button>
      </fieldset>
    } @empty {
      <p class="empty">{{ 'applicant.risk.empty' | t }}</p>
    }
    <div class="add-row">
      @for (a of areas; track a) {
        <button
          mat-stroked-button
          type="button"
          [attr.data-testid]="'add-risk-' + a"
          (click)="add(a)"
        >
          <mat-icon svgIcon="add" />
          {{ 'applicant.risk.add' | t: { area: (riskAreaKey(a) | t) } }}
        </button>
      }
    </div>
  `,
  styleUrl: './editor-step.scss',
  styles: `
    .add-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class RisksStepComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly risks = input.required<FormArray<RiskForm>>();
  readonly revision = input(0);
  protected readonly areas = RISK_AREAS;
  protected readonly levels = RISK_LEVELS;
  protected readonly riskAreaKey = riskAreaKey;
  protected readonly riskLevelKey = riskLevelKey;

  protected add(area: RiskArea): void {
    const risk = riskForm({ area });
    this.risks().push(risk);
    focusNew(this.host.nativeElement, risk.controls.id.value);
  }

  protected remove(index: number): void {
    this.risks().removeAt(index);
  }
}
