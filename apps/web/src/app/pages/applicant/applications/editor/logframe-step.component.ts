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
import type { RuleResult } from '@mizan/domain';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import {
  indicatorForm,
  outcomeForm,
  outputForm,
  type OutcomeForm,
  type OutputForm,
} from '../application-form';
import { RulesListComponent } from '../rules-list.component';
import { focusNew } from './focus-new';

/** The logical framework: outcomes → outputs → indicators (unit, baseline, target, means of verification). */
@Component({
  selector: 'mz-logframe-step',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    ReactiveFormsModule,
    RulesListComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './logframe-step.component.html',
  styleUrl: './editor-step.scss',
})
export class LogframeStepComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly outcomes = input.required<FormArray<OutcomeForm>>();
  readonly rules = input<readonly RuleResult[]>([]);
  readonly revision = input(0);

  protected addOutcome(): void {
    const outcome = outcomeForm();
    outcome.controls.outputs.push(outputForm());
    outcome.controls.outputs.at(0).controls.indicators.push(indicatorForm());
    this.outcomes().push(outcome);
    focusNew(this.host.nativeElement, outcome.controls.id.value);
  }

  protected removeOutcome(index: number): void {
    this.outcomes().removeAt(index);
  }

  protected addOutput(outcome: OutcomeForm): void {
    const output = outputForm();
    output.controls.indicators.push(indicatorForm());
    outcome.controls.outputs.push(output);
    focusNew(this.host.nativeElement, output.controls.id.value);
  }

  protected removeOutput(outcome: OutcomeForm, index: number): void {
    outcome.controls.outputs.removeAt(index);
  }

  protected addIndicator(output: OutputForm): void {
    const indicator = indicatorForm();
    output.controls.indicators.push(indicator);
    focusNew(this.host.nativeElement, indicator.controls.id.value);
  }

  protected removeIndicator(output: OutputForm, index: number): void {
    output.controls.indicators.removeAt(index);
  }
}
