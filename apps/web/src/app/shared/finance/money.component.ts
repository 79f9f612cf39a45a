import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { CurrencyCode } from '@mizan/domain';
import { I18nService } from '../../core/i18n/i18n.service';
import { formatMoney } from '../../pages/officer/shared/money';

/**
 * An amount of minor units with its currency, formatted for the language
 * (exact: no float on the way) and isolated so it reads the same inside
 * right-to-left text.
 */
@Component({
  selector: 'mz-money',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<bdi class="mz-money">{{ text() }}</bdi>`,
  styles: `
    .mz-money {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `,
})
export class MoneyComponent {
  private readonly i18n = inject(I18nService);
  readonly amountMinor = input.required<string>();
  readonly currency = input.required<CurrencyCode>();
  protected readonly text = computed(() =>
    formatMoney(this.amountMinor(), this.currency(), this.i18n.locale()),
  );
}
