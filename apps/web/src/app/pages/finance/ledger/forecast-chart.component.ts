import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { CashForecastMonth } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../../officer/shared/money';
import { barHeight, type ForecastSeries } from './ledger-view';

const HEIGHT = 200;
const GROUP = 54;
const BAR = 14;
const LEFT = 8;

type Kind = 'planned' | 'requested' | 'paid';
const KINDS: readonly Kind[] = ['planned', 'requested', 'paid'];

/**
 * Planned, requested and paid per month as grouped bars (SVG, no chart library
 * is installed). The picture is for the eye: it is hidden from screen readers,
 * which read the table of the same figures next to it. Colours differ in
 * lightness as well as hue, and a legend names them.
 */
@Component({
  selector: 'mz-forecast-chart',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart" [attr.data-testid]="'forecast-chart-' + series().currency">
      <ul class="legend" aria-hidden="true">
        @for (k of kinds; track k) {
          <li><span [class]="'swatch ' + k"></span>{{ kindKey(k) | t }}</li>
        }
      </ul>
      <div class="scroll">
        <svg
          aria-hidden="true"
          focusable="false"
          [attr.viewBox]="'0 0 ' + width() + ' ' + (height + 28)"
          [attr.width]="width()"
          [attr.height]="height + 28"
        >
          <line x1="0" [attr.x2]="width()" [attr.y1]="height" [attr.y2]="height" class="axis" />
          @for (m of series().months; track m.month; let i = $index) {
            @for (k of kinds; track k; let j = $index) {
              <rect
                [class]="k"
                [attr.x]="left + i * group + j * bar"
                [attr.y]="height - h(m, k)"
                [attr.width]="bar - 2"
                [attr.height]="h(m, k)"
              >
                <title>{{ monthLabel(m.month) }} · {{ kindKey(k) | t }}: {{ amount(m, k) }}</title>
              </rect>
            }
            <text class="tick" [attr.x]="left + i * group + (bar * 3) / 2" [attr.y]="height + 18" text-anchor="middle">
              {{ monthShort(m.month) }}
            </text>
          }
        </svg>
      </div>
      <figcaption class="mz-visually-hidden">{{ 'finance.forecast.chartCaption' | t: { currency: series().currency } }}</figcaption>
    </figure>
  `,
  styleUrls: ['../../../core/ui/bar-chart.scss'],
  styles: `
    .chart {
      margin: 0;
    }
    .planned {
      fill: #b9d3ee;
      background: #b9d3ee;
    }
    .requested {
      fill: #3f7cc0;
      background: #3f7cc0;
    }
    .paid {
      fill: #123a63;
      background: #123a63;
    }
  `,
})
export class ForecastChartComponent {
  private readonly i18n = inject(I18nService);
  readonly series = input.required<ForecastSeries>();

  protected readonly kinds = KINDS;
  protected readonly height = HEIGHT;
  protected readonly group = GROUP;
  protected readonly bar = BAR;
  protected readonly left = LEFT;
  protected readonly width = computed(
    () => LEFT * 2 + Math.max(1, this.series().months.length) * GROUP,
  );

  protected kindKey(k: Kind) {
    return `finance.forecast.${k}` as const;
  }

  private value(m: CashForecastMonth, k: Kind): string {
    return k === 'planned' ? m.plannedMinor : k === 'requested' ? m.requestedMinor : m.paidMinor;
  }

  protected h(m: CashForecastMonth, k: Kind): number {
    return barHeight(this.value(m, k), this.series().maxMinor, HEIGHT);
  }

  protected amount(m: CashForecastMonth, k: Kind): string {
    return formatMoney(this.value(m, k), m.currency, this.i18n.locale());
  }

  protected monthLabel(month: string): string {
    return monthName(month, this.i18n.locale(), 'long');
  }

  protected monthShort(month: string): string {
    return monthName(month, this.i18n.locale(), 'short');
  }
}

/** "2027-03" → "Mar 2027" / "March 2027" for the locale. */
export function monthName(month: string, locale: string, style: 'short' | 'long'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, {
    month: style,
    year: style === 'long' ? 'numeric' : '2-digit',
    timeZone: 'UTC',
  }).format(date);
}
