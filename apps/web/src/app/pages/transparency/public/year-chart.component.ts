import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { PublicYearAmount } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { barHeight } from '../../finance/ledger/ledger-view';
import { formatMoney } from '../../officer/shared/money';
import type { YearSeries } from '../transparency-view';

const HEIGHT = 160;
const GROUP = 64;
const BAR = 22;
const LEFT = 10;

type Kind = 'committed' | 'disbursed';
const KINDS: readonly Kind[] = ['committed', 'disbursed'];

/**
 * Committed and disbursed per year as pairs of bars (hand-drawn SVG: no chart library in the public page's
 * download). The picture is for the eye and hidden from screen readers, who read the table of the same figures
 * beside it; the two colours differ in lightness too, and a legend names them. Years run in the reading direction.
 */
@Component({
  selector: 'mz-year-chart',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart" [attr.data-testid]="'public-chart-' + series().currency">
      <ul class="legend" aria-hidden="true">
        @for (k of kinds; track k) {
          <li><span [class]="'swatch ' + k"></span>{{ kindKey(k) | t }}</li>
        }
      </ul>
      <div class="scroll">
        <svg aria-hidden="true" focusable="false" [attr.viewBox]="'0 0 ' + width() + ' ' + (height + 24)" [attr.width]="width()" [attr.height]="height + 24">
          <line x1="0" [attr.x2]="width()" [attr.y1]="height" [attr.y2]="height" class="axis" />
          @for (y of ordered(); track y.year; let i = $index) {
            @for (k of kinds; track k; let j = $index) {
              <rect [class]="k" [attr.x]="left + i * group + j * bar" [attr.y]="height - h(y, k)" [attr.width]="bar - 3" [attr.height]="h(y, k)">
                <title>{{ y.year }} · {{ kindKey(k) | t }}: {{ amount(y, k) }}</title>
              </rect>
            }
            <text class="tick" [attr.x]="left + i * group + bar" [attr.y]="height + 17" text-anchor="middle">{{ y.year }}</text>
          }
        </svg>
      </div>
      <figcaption class="mz-visually-hidden">{{ 'transparency.public.chartCaption' | t: { currency: series().currency } }}</figcaption>
    </figure>
  `,
  styleUrls: ['../../../core/ui/bar-chart.scss'],
  styles: `
    .committed {
      fill: #9cc3e8;
      background: #9cc3e8;
    }
    .disbursed {
      fill: #123a63;
      background: #123a63;
    }
    .tick {
      font-size: 12px;
    }
  `,
})
export class YearChartComponent {
  private readonly i18n = inject(I18nService);
  readonly series = input.required<YearSeries>();

  protected readonly kinds = KINDS;
  protected readonly height = HEIGHT;
  protected readonly group = GROUP;
  protected readonly bar = BAR;
  protected readonly left = LEFT;
  /** In Arabic the years run right to left, as the table beside it reads. */
  protected readonly ordered = computed(() => (this.i18n.dir() === 'rtl' ? [...this.series().years].reverse() : this.series().years));
  protected readonly width = computed(() => LEFT * 2 + Math.max(1, this.series().years.length) * GROUP);

  protected kindKey(k: Kind) {
    return `transparency.public.${k}` as const;
  }

  private value(y: PublicYearAmount, k: Kind): string {
    return k === 'committed' ? y.committedMinor : y.disbursedMinor;
  }

  protected h(y: PublicYearAmount, k: Kind): number {
    return barHeight(this.value(y, k), this.series().maxMinor, HEIGHT);
  }

  protected amount(y: PublicYearAmount, k: Kind): string {
    return formatMoney(this.value(y, k), this.series().currency as CurrencyCode, this.i18n.locale());
  }
}
