import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import {
  LONG_TEXT,
  MAX_DURATION,
  type ApplicationForm,
} from '../application-form';
import { FieldErrorDirective } from '../../../../core/ui/field-error.directive';
import { WesternDigitsDirective } from '../../../../core/ui/western-digits.directive';

@Component({
  selector: 'mz-summary-step',
  imports: [
    WesternDigitsDirective,
    FieldErrorDirective,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = form();
    <div [formGroup]="f" class="fields">
      <mat-form-field class="wide">
        <mat-label>{{ 'applicant.field.title' | t }}</mat-label>
        <input
          matInput
          formControlName="title"
          required
          dir="auto"
          data-testid="app-title"
        />
        <mat-error [mzFieldError]="f.controls.title" [messages]="{ required: 'applicant.required' }" />
      </mat-form-field>
      <mat-form-field class="wide">
        <mat-label>{{ 'applicant.field.summary' | t }}</mat-label>
        <textarea
          matInput
          formControlName="summary"
          rows="8"
          [attr.maxlength]="longText"
          dir="auto"
          data-testid="app-summary"
        ></textarea>
        <mat-hint>{{ 'applicant.summary.hint' | t }}</mat-hint>
        <mat-hint align="end"
          >{{ f.controls.summary.value.length }} / {{ longText }}</mat-hint
        >
        @if (f.controls.summary.hasError('server')) {
          <mat-error>{{ f.controls.summary.getError('server') }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'applicant.field.durationMonths' | t }}</mat-label>
        <input
          matInput
          type="number" mzWesternDigits
          inputmode="numeric"
          min="1"
          [max]="maxDuration"
          formControlName="durationMonths"
          required
          data-testid="app-duration"
        />
        <mat-hint>{{
          'applicant.summary.durationHint' | t: { max: maxDuration }
        }}</mat-hint>
        @if (f.controls.durationMonths.hasError('server')) {
          <mat-error>{{
            f.controls.durationMonths.getError('server')
          }}</mat-error>
        } @else if (f.controls.durationMonths.invalid) {
          <mat-error>{{
            'applicant.summary.durationInvalid' | t: { max: maxDuration }
          }}</mat-error>
        }
      </mat-form-field>
    </div>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-width: 820px;
    }
  `,
})
export class SummaryStepComponent {
  readonly form = input.required<ApplicationForm>();
  readonly revision = input(0);
  protected readonly longText = LONG_TEXT;
  protected readonly maxDuration = MAX_DURATION;
}
