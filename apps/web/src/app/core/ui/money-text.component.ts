import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { CurrencyCode } from '@mizan/domain';
import { I18nService } from '../i18n/i18n.service';
import { formatMoney } from '../../pages/officer/shared/money';

/**
 * An amount of money with its currency, written for the locale from the exact
 * minor-unit string (no float on the way). Isolated (`<bdi>`) so a right-to-left
 * sentence around it cannot reorder its digits; `—` when there is no amount.
 */
@Component({
  selector: 'mz-money-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<bdi
    class="money"
    [class.negative]="negative()"
    [attr.data-minor]="minor()"
    >{{ text() }}</bdi
  >`,
  styles: `
    :host {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .negative {
      color: var(--mat-sys-error);
    }
  `,
})
export class MoneyTextComponent {
  private readonly i18n = inject(I18nService);

  readonly minor = input.required<string | null | undefined>();
  readonly currency = input.required<CurrencyCode | null | undefined>();
  /** Draw a negative amount in the error colour (a difference, a loss). */
  readonly signed = input(false);

  protected readonly negative = computed(
    () => this.signed() && (this.minor() ?? '').startsWith('-'),
  );

  protected readonly text = computed(() => {
    const minor = this.minor();
    const currency = this.currency();
    if (minor === null || minor === undefined || !currency) return '—';
    return formatMoney(minor, currency, this.i18n.locale());
  });
}
