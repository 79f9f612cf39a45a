import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
} from '@angular/core';
import { FormArray, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { GovernorateView } from '@mizan/contracts';
import type { RuleResult } from '@mizan/domain';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { governorateName } from '../../shared/reference-data.service';
import { activityForm, type ActivityForm } from '../application-form';
import { RulesListComponent } from '../rules-list.component';
import { focusNew } from './focus-new';

/** Activities: title, where (governorates) and when (months of the project). */
@Component({
  selector: 'mz-activities-step',
  imports: [
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    RulesListComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'applicant.activity.intro' | t }}</p>
    <mz-rules-list [results]="rules()" [failedOnly]="true" />
    @for (
      activity of activities().controls;
      track activity.controls.id.value;
      let i = $index
    ) {
      <fieldset class="level" [formGroup]="activity" data-testid="activity">
        <legend class="level-title">
          {{ 'applicant.activity.n' | t: { n: i + 1 } }}
        </legend>
        <div class="row">
          <mat-form-field class="grow">
            <mat-label>{{ 'applicant.activity.title' | t }}</mat-label>
            <input
              matInput
              formControlName="title"
              [attr.data-focus-id]="activity.controls.id.value"
              dir="auto"
              data-testid="activity-title"
            />
          </mat-form-field>
          <button
            mat-icon-button
            type="button"
            class="remove"
            [attr.aria-label]="'applicant.activity.remove' | t: { n: i + 1 }"
            (click)="remove(i)"
          >
            <mat-icon svgIcon="delete" />
          </button>
        </div>
        <mat-form-field class="full">
          <mat-label>{{ 'applicant.activity.governorates' | t }}</mat-label>
          <mat-select
            formControlName="governorates"
            multiple
            data-testid="activity-governorates"
          >
            @for (g of sortedGovernorates(); track g.code) {
              <mat-option
                [value]="g.code"
                [attr.data-testid]="'activity-gov-' + g.code"
                >{{ g.name }}</mat-option
              >
            }
          </mat-select>
          @if (activity.controls.governorates.hasError('server')) {
            <mat-error>{{
              activity.controls.governorates.getError('server')
            }}</mat-error>
          }
        </mat-form-field>
        <div class="months">
          <span
            class="months-label"
            [id]="'months-label-' + activity.controls.id.value"
          >
            {{ 'applicant.activity.months' | t }}
          </span>
          <mat-chip-listbox
            multiple
            formControlName="months"
            [attr.aria-labelledby]="
              'months-label-' + activity.controls.id.value
            "
            data-testid="activity-months"
          >
            @for (m of monthNumbers(); track m) {
              <mat-chip-option [value]="m" [attr.data-month]="m">{{
                number(m)
              }}</mat-chip-option>
            }
          </mat-chip-listbox>
          @if (activity.controls.months.hasError('server')) {
            <p class="field-error" role="alert">
              {{ activity.controls.months.getError('server') }}
            </p>
          }
        </div>
      </fieldset>
    } @empty {
      <p class="empty">{{ 'applicant.activity.empty' | t }}</p>
    }
    <button
      mat-flat-button
      type="button"
      data-testid="add-activity"
      (click)="add()"
    >
      <mat-icon svgIcon="add" />
      {{ 'applicant.activity.add' | t }}
    </button>
  `,
  styleUrl: './editor-step.scss',
  styles: `
    .full {
      width: 100%;
    }
    .months {
      margin-bottom: 8px;
    }
    .months-label {
      display: block;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 4px;
    }
  `,
})
export class ActivitiesStepComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly i18n = inject(I18nService);
  readonly activities = input.required<FormArray<ActivityForm>>();
  readonly durationMonths = input.required<number>();
  readonly governorates = input<readonly GovernorateView[]>([]);
  readonly rules = input<readonly RuleResult[]>([]);
  readonly revision = input(0);

  protected readonly monthNumbers = computed(() => {
    const duration = Math.max(
      0,
      Math.min(120, Math.trunc(Number(this.durationMonths()) || 0)),
    );
    return Array.from({ length: duration }, (_, i) => i + 1);
  });
  protected readonly sortedGovernorates = computed(() => {
    const lang = this.i18n.lang();
    const collator = new Intl.Collator(this.i18n.locale());
    return this.governorates()
      .map((g) => ({ code: g.code, name: governorateName(g, lang) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  });

  protected number(n: number): string {
    return this.i18n.formatNumber(n);
  }

  protected add(): void {
    const activity = activityForm();
    this.activities().push(activity);
    focusNew(this.host.nativeElement, activity.controls.id.value);
  }

  protected remove(index: number): void {
    this.activities().removeAt(index);
  }
}
