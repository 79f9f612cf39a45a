import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import type {
  BudgetTotalsView,
  GovernorateView,
  PartnerView,
} from '@mizan/contracts';
import type { ApplicationContent, CurrencyCode } from '@mizan/domain';
import { I18nService } from '../../../core/i18n/i18n.service';
import { DigitsPipe } from '../../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { categoryKey, riskAreaKey, riskLevelKey } from '../shared/labels';
import { formatMoney, formatPercent } from '../shared/money';
import { governorateName } from './governorate-names';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';

/** An application's content, read-only, section by section: what the officer screens. */
@Component({
  selector: 'mz-application-content',
  imports: [ScrollRegionComponent, DigitsPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-content.component.html',
  styleUrl: './application-content.component.scss',
})
export class ApplicationContentComponent {
  protected readonly i18n = inject(I18nService);

  readonly content = input.required<ApplicationContent>();
  readonly totals = input<BudgetTotalsView | null>(null);
  readonly currency = input.required<CurrencyCode>();
  readonly partners = input<readonly PartnerView[]>([]);
  readonly governorates = input<readonly GovernorateView[]>([]);
  /** Partners known only by name and place (a reviewer's frozen copy has no ids): listed instead of `partners`. */
  readonly namedPartners = input<
    readonly { name: string; governorateCode: string }[] | null
  >(null);
  /** Prefix of the section heading ids, unique per use on a page. */
  readonly headingId = input('app-content');

  protected readonly categoryKey = categoryKey;
  protected readonly riskAreaKey = riskAreaKey;
  protected readonly riskLevelKey = riskLevelKey;

  protected money(minor: string): string {
    return formatMoney(minor, this.currency(), this.i18n.locale());
  }

  protected percent(bp: number): string {
    return formatPercent(bp, this.i18n.locale());
  }

  protected place(code: string): string {
    return governorateName(code, this.i18n.lang(), this.governorates());
  }

  protected places(codes: readonly string[]): string {
    return codes.map((c) => this.place(c)).join(', ');
  }

  /** The months of an activity in the locale's digits. */
  protected months(months: readonly number[]): string {
    return months.map((m) => this.i18n.formatNumber(m)).join(', ');
  }

  protected partner(id: string): PartnerView | null {
    return this.partners().find((p) => p.id === id) ?? null;
  }
}
