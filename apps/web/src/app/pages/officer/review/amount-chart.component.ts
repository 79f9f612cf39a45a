import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { AmountGroupView } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../shared/money';
import { amountBars } from './charts';

/**
 * Requested against approved, per theme or per governorate: two horizontal
 * bars per group on one scale, the amounts written beside them, and a table
 * with the same numbers for screen readers.
 */
@Component({
  selector: 'mz-amount-chart',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart" [attr.data-testid]="testId()">
      <figcaption class="caption">{{ caption() | t }}</figcaption>
      <div aria-hidden="true">
        <p class="legend">
          <span
            ><span class="swatch requested"></span
            >{{ 'board.charts.requested' | t }}</span
          >
          <span
            ><span class="swatch approved"></span
            >{{ 'board.charts.approved' | t }}</span
          >
        </p>
        <ul class="groups">
          @for (g of bars(); track g.key) {
            <li class="group" [attr.data-key]="g.key">
              <span class="label"
                ><bdi>{{ name()(g) }}</bdi>
                <span class="count">{{
                  'board.charts.groupCount' | t: { count: n(g.applications) }
                }}</span></span
              >
              <span class="row">
                <span class="track"
                  ><span
                    class="bar requested"
                    [style.inline-size.%]="g.requestedPct"
                  ></span
                ></span>
                <span class="amount">{{ money(g.requestedMinor) }}</span>
              </span>
              <span class="row">
                <span class="track"
                  ><span
                    class="bar approved"
                    [style.inline-size.%]="g.approvedPct"
                  ></span
                ></span>
                <span class="amount">{{ money(g.approvedMinor) }}</span>
              </span>
            </li>
          }
        </ul>
      </div>
      <div class="mz-visually-hidden">
        <table>
          <caption>
            {{
              caption() | t
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ groupHeader() | t }}</th>
              <th scope="col">{{ 'board.charts.count' | t }}</th>
              <th scope="col">{{ 'board.charts.requested' | t }}</th>
              <th scope="col">{{ 'board.charts.approved' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (g of bars(); track g.key) {
              <tr>
                <th scope="row">{{ name()(g) }}</th>
                <td>{{ n(g.applications) }}</td>
                <td>{{ money(g.requestedMinor) }}</td>
                <td>{{ money(g.approvedMinor) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </figure>
  `,
  styleUrl: './review-chart.scss',
  styles: `
    .groups {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 10px;
    }
    .group {
      display: grid;
      grid-template-columns: minmax(110px, 1fr) minmax(0, 3fr);
      gap: 2px 12px;
      font: var(--mat-sys-body-small);
    }
    .label {
      grid-row: span 2;
      overflow-wrap: anywhere;
    }
    .count {
      display: block;
      color: var(--mat-sys-on-surface-variant);
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 8px;
      align-items: center;
    }
    .track {
      display: flex;
      block-size: 10px;
      border-radius: 5px;
      background: var(--mat-sys-surface-container-high);
      overflow: hidden;
    }
    .bar {
      display: block;
      block-size: 100%;
      border-radius: 5px;
    }
    .amount {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      min-inline-size: 96px;
      text-align: end;
    }
    .requested {
      background: var(--mat-sys-outline);
    }
    .approved {
      background: #1b6e3a;
    }
    @media (max-width: 599px) {
      .group {
        grid-template-columns: 1fr;
      }
      .label {
        grid-row: auto;
      }
    }
  `,
})
export class AmountChartComponent {
  private readonly i18n = inject(I18nService);
  readonly groups = input.required<readonly AmountGroupView[]>();
  readonly currency = input.required<CurrencyCode>();
  readonly kind = input.required<'theme' | 'governorate'>();
  /** The group's name in the reader's language. */
  readonly name = input<(group: AmountGroupView) => string>((g) => g.label);

  protected readonly bars = computed(() => amountBars(this.groups()));
  protected readonly testId = computed(() => `amount-chart-${this.kind()}`);
  protected readonly caption = computed<TranslationKey>(() =>
    this.kind() === 'theme'
      ? 'board.charts.themeTitle'
      : 'board.charts.governorateTitle',
  );
  protected readonly groupHeader = computed<TranslationKey>(() =>
    this.kind() === 'theme' ? 'board.charts.theme' : 'board.charts.governorate',
  );

  protected n(value: number): string {
    return this.i18n.formatNumber(value);
  }

  protected money(minor: string): string {
    return formatMoney(minor, this.currency(), this.i18n.locale());
  }
}
