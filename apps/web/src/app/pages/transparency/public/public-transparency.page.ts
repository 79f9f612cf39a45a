import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import type { PublicProgramView, PublicTransparencyView } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';
import { LanguageMenuComponent } from '../../../layout/language-menu.component';
import { formatMoney } from '../../officer/shared/money';
import { TransparencyApiService } from '../transparency-api.service';
import { localized, shortHash, yearSeries } from '../transparency-view';
import { YearChartComponent } from './year-chart.component';

/**
 * What an agency funds, for anyone (no sign-in): its published programs, committed and disbursed per year (a chart
 * and a table of the same figures), each program's themes, grants and governorates as the published IATI files hold
 * them (a partner in a restricted governorate shows at country level), and the link to each file. Light on purpose:
 * no Material table or chart library, readable on a phone and in Arabic.
 */
@Component({
  selector: 'mz-public-transparency-page',
  imports: [EmptyStateComponent, LanguageMenuComponent, MatIconModule, MatProgressBarModule, MatToolbarModule, ScrollRegionComponent, TranslatePipe, YearChartComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './public-transparency.page.html',
  styleUrls: ['../../officer/shared/officer-page.scss', '../../sign-in/sign-in.component.scss', '../transparency.scss', './public-transparency.page.scss'],
})
export class PublicTransparencyPage {
  private readonly api = inject(TransparencyApiService);
  protected readonly i18n = inject(I18nService);

  /** Route parameter: the agency's slug. */
  readonly agency = input.required<string>();

  protected readonly loading = signal(true);
  protected readonly missing = signal(false);
  protected readonly failed = signal(false);
  protected readonly view = signal<PublicTransparencyView | null>(null);
  protected readonly series = computed(() => yearSeries(this.view()?.programs ?? []));
  protected readonly agencyName = computed(() => localized(this.view()?.agencyName, this.i18n.lang()));
  protected readonly short = shortHash;

  constructor() {
    effect(() => {
      const slug = this.agency();
      untracked(() => this.load(slug));
    });
  }

  protected load(slug: string = this.agency()): void {
    this.loading.set(true);
    this.failed.set(false);
    this.missing.set(false);
    this.api.publicPage(slug).subscribe({
      next: (view) => {
        this.loading.set(false);
        this.view.set(view);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        if (toWebError(error).status === 404) this.missing.set(true);
        else this.failed.set(true);
      },
    });
  }

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency as CurrencyCode, this.i18n.locale());
  }

  protected summary(program: PublicProgramView): string {
    return localized(program.summary, this.i18n.lang());
  }

  protected governorate(row: PublicProgramView['grants'][number]): string {
    if (row.redacted || !row.governorateCode) return this.i18n.t('transparency.public.withheld');
    return (this.i18n.lang() === 'ar' ? row.governorateNameAr : row.governorateNameEn) ?? row.governorateCode;
  }
}
