import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { GovernorateView } from '@mizan/contracts';
import type { ApplicationContent, CurrencyCode } from '@mizan/domain';
import { I18nService } from '../../../core/i18n/i18n.service';
import { DigitsPipe } from '../../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { categoryKey, riskAreaKey, riskLevelKey } from '../shared/labels';
import { formatMoney } from '../shared/money';
import { governorateName } from '../shared/reference-data.service';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';

/** An application's content, read-only: what partners, officers and the applicant (after submitting) see. */
@Component({
  selector: 'mz-application-content-view',
  imports: [ScrollRegionComponent, MatIconModule, DigitsPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-content-view.component.html',
  styleUrls: [
    '../shared/intake.scss',
    './application-content-view.component.scss',
  ],
})
export class ApplicationContentViewComponent {
  protected readonly i18n = inject(I18nService);

  readonly content = input.required<ApplicationContent>();
  readonly currency = input.required<CurrencyCode>();
  readonly governorates = input<readonly GovernorateView[]>([]);
  /** Names of the partner organizations the viewer may know; others show as "a partner organization". */
  readonly partnerNames = input<ReadonlyMap<string, string>>(new Map());

  protected readonly categoryKey = categoryKey;
  protected readonly riskAreaKey = riskAreaKey;
  protected readonly riskLevelKey = riskLevelKey;

  protected readonly budgetColumns = [
    'category',
    'year',
    'description',
    'amount',
  ];
  protected readonly partners = computed(() =>
    this.content().partnerIds.map((id) => this.partnerNames().get(id) ?? null),
  );

  protected money(minor: string): string {
    return formatMoney(minor, this.currency(), this.i18n.locale());
  }

  protected places(codes: readonly string[]): string {
    return codes
      .map((code) =>
        governorateName(
          this.governorates().find((g) => g.code === code),
          this.i18n.lang(),
          code,
        ),
      )
      .join(', ');
  }

  protected months(months: readonly number[]): string {
    return months.map((m) => this.i18n.formatNumber(m)).join(', ');
  }
}
