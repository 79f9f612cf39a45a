import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import {
  BUDGET_CATEGORIES,
  budgetTotals,
  type ApplicationContent,
  type CurrencyCode,
} from '@mizan/domain';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { categoryKey } from '../shared/labels';
import { formatMoney, formatShare, shareBp } from '../shared/money';

/** The budget's totals, computed exactly (bigint minor units) from the content as it stands, with a bar per category. */
@Component({
  selector: 'mz-totals-panel',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './totals-panel.component.html',
  styleUrl: './totals-panel.component.scss',
})
export class TotalsPanelComponent {
  private readonly i18n = inject(I18nService);

  readonly content =
    input.required<Pick<ApplicationContent, 'budgetLines' | 'cofunding'>>();
  readonly currency = input.required<CurrencyCode>();
  readonly adminCapBp = input<number | null>(null);
  readonly minCofundingBp = input<number | null>(null);
  readonly maxGrantMinor = input<string | null>(null);

  protected readonly totals = computed(() => budgetTotals(this.content()));
  protected readonly adminOver = computed(() => {
    const cap = this.adminCapBp();
    return cap !== null && this.totals().adminShareBp > cap;
  });
  protected readonly cofundingUnder = computed(() => {
    const min = this.minCofundingBp();
    return (
      min !== null &&
      this.totals().totalBudgetMinor > 0n &&
      this.totals().cofundingShareBp < min
    );
  });
  protected readonly grantOver = computed(() => {
    const max = this.maxGrantMinor();
    return max !== null && this.totals().requestedMinor > BigInt(max);
  });
  protected readonly bars = computed(() => {
    const t = this.totals();
    const largest = BUDGET_CATEGORIES.reduce(
      (m, c) => (t.byCategory[c] > m ? t.byCategory[c] : m),
      0n,
    );
    return BUDGET_CATEGORIES.filter((c) => t.byCategory[c] > 0n).map((c) => ({
      category: c,
      key: categoryKey(c),
      amount: this.money(t.byCategory[c]),
      share: formatShare(
        shareBp(t.byCategory[c], t.totalBudgetMinor),
        this.i18n.locale(),
      ),
      width:
        largest === 0n ? 0 : Number((t.byCategory[c] * 1000n) / largest) / 10,
    }));
  });

  protected money(minor: bigint | string): string {
    return formatMoney(minor, this.currency(), this.i18n.locale());
  }

  protected share(bp: number): string {
    return formatShare(bp, this.i18n.locale());
  }
}
