import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { GovernorateView, PartnerView } from '@mizan/contracts';
import type { RuleResult } from '@mizan/domain';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { governorateName } from '../../shared/reference-data.service';
import { RulesListComponent } from '../rules-list.component';

/** Which of the organization's partners take part: checkboxes. */
@Component({
  selector: 'mz-partners-step',
  imports: [
    MatCheckboxModule,
    MatIconModule,
    ReactiveFormsModule,
    RouterLink,
    RulesListComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'applicant.partnersStep.intro' | t }}</p>
    @if (partners().length === 0) {
      <p class="mz-banner mz-banner-info" data-testid="partners-none">
        <mat-icon svgIcon="info" />
        <span>
          {{ 'applicant.partnersStep.none' | t }}
          <a
            [routerLink]="['/my-organizations', organizationId()]"
            [queryParams]="{ tab: 'partners' }"
            >{{ 'applicant.partnersStep.add' | t }}</a
          >
        </span>
      </p>
    } @else {
      <fieldset class="choices">
        <legend class="mz-visually-hidden">
          {{ 'applicant.step.partners' | t }}
        </legend>
        @for (p of partners(); track p.id) {
          <mat-checkbox
            [checked]="control().value.includes(p.id)"
            (change)="toggle(p.id, $event.checked)"
            data-testid="partner-choice"
            [attr.data-partner-id]="p.id"
          >
            <bdi>{{ p.name }}</bdi> — {{ place(p.governorateCode) }}
          </mat-checkbox>
        }
      </fieldset>
    }
    @if (control().hasError('server')) {
      <p class="field-error" role="alert">{{ control().getError('server') }}</p>
    }
    <mz-rules-list [results]="rules()" [failedOnly]="true" />
  `,
  styles: `
    .choices {
      border: 0;
      margin: 0 0 12px;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .field-error {
      color: var(--mat-sys-error);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class PartnersStepComponent {
  private readonly i18n = inject(I18nService);
  readonly control = input.required<FormControl<string[]>>();
  readonly partners = input.required<readonly PartnerView[]>();
  readonly governorates = input<readonly GovernorateView[]>([]);
  readonly organizationId = input.required<string>();
  /** The live results of the rules this step fixes. */
  readonly rules = input<readonly RuleResult[]>([]);
  /** Bumped by the editor on every change of the form, so this OnPush view follows programmatic changes. */
  readonly revision = input(0);

  protected toggle(id: string, checked: boolean): void {
    const control = this.control();
    const current = control.value;
    control.setValue(
      checked
        ? [...current.filter((c) => c !== id), id]
        : current.filter((c) => c !== id),
    );
    control.markAsDirty();
  }

  protected place(code: string): string {
    return governorateName(
      this.governorates().find((g) => g.code === code),
      this.i18n.lang(),
      code,
    );
  }
}
