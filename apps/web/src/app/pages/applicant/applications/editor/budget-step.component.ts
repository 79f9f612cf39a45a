import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
} from '@angular/core';
import {
  FormArray,
  ReactiveFormsModule,
  type FormControl,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  BUDGET_CATEGORIES,
  CURRENCY_EXPONENT,
  LINE_AMOUNT_MAX_MINOR,
  type CurrencyCode,
  type RuleResult,
} from '@mizan/domain';
import type { TranslationKey } from '../../../../core/i18n/catalog';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { categoryKey } from '../../shared/labels';
import { formatMoney } from '../../shared/money';
import {
  budgetLineForm,
  cofundingForm,
  type BudgetLineForm,
  type CofundingForm,
} from '../application-form';
import { RulesListComponent } from '../rules-list.component';
import { focusNew } from './focus-new';
import { WesternDigitsDirective } from '../../../../core/ui/western-digits.directive';

/** Budget lines by category and year, and co-funding sources; amounts typed as decimals in the call currency. */
@Component({
  selector: 'mz-budget-step',
  imports: [
    WesternDigitsDirective,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    RulesListComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './budget-step.component.html',
  styleUrl: './editor-step.scss',
  styles: `
    .line-grid {
      display: grid;
      grid-template-columns: minmax(160px, 1.2fr) minmax(90px, 0.6fr) minmax(
          180px,
          2fr
        ) minmax(150px, 1fr) auto;
      gap: 0 12px;
      align-items: start;

      @media (max-width: 959px) {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
    }
    .line-grid .description {
      @media (max-width: 959px) {
        grid-column: 1 / -1;
      }
    }
    .line-grid .amount {
      @media (max-width: 599px) {
        grid-column: 1 / -1;
      }
    }
    .source-grid .source {
      @media (max-width: 599px) {
        grid-column: 1 / -1;
      }
    }
    .source-grid {
      display: grid;
      grid-template-columns: minmax(180px, 2fr) minmax(150px, 1fr) auto auto;
      gap: 0 12px;
      align-items: start;

      @media (max-width: 959px) {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
    }
    .confirmed {
      margin-top: 12px;
    }
    .rules-box {
      margin-block: 8px 16px;
    }
  `,
})
export class BudgetStepComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly i18n = inject(I18nService);
  readonly lines = input.required<FormArray<BudgetLineForm>>();
  readonly cofunding = input.required<FormArray<CofundingForm>>();
  readonly currency = input.required<CurrencyCode>();
  readonly defaultYear = input(new Date().getFullYear());
  /** The live results of the money rules (requested amount, max grant, co-funding, admin cap). */
  readonly rules = input<readonly RuleResult[]>([]);
  readonly revision = input(0);

  protected readonly categories = BUDGET_CATEGORIES;
  protected readonly categoryKey = categoryKey;

  protected decimals(): number {
    return CURRENCY_EXPONENT[this.currency()];
  }

  /** The largest amount of one line, in the user's format: the limit the api holds too. */
  protected maxAmount(): string {
    return formatMoney(LINE_AMOUNT_MAX_MINOR, this.currency(), this.i18n.locale());
  }

  protected amountError(control: FormControl<string>): TranslationKey | null {
    if (control.hasError('required')) return 'applicant.amount.required';
    switch (control.getError('amount') as string | null) {
      case 'too_large':
        return 'applicant.amount.tooLarge';
      case 'decimals':
        return 'applicant.amount.decimals';
      case 'negative':
        return 'applicant.amount.negative';
      case 'invalid':
        return 'applicant.amount.invalid';
      default:
        return null;
    }
  }

  protected addLine(): void {
    const line = budgetLineForm(this.currency(), {}, this.defaultYear());
    this.lines().push(line);
    focusNew(this.host.nativeElement, line.controls.id.value);
  }

  protected removeLine(index: number): void {
    this.lines().removeAt(index);
  }

  protected addSource(): void {
    const source = cofundingForm(this.currency());
    this.cofunding().push(source);
    focusNew(this.host.nativeElement, source.controls.id.value);
  }

  protected removeSource(index: number): void {
    this.cofunding().removeAt(index);
  }
}
