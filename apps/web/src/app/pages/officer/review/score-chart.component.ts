import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { ScoreBinView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { histogram } from './charts';

/**
 * How the scores fall: per half-point bin, the applications whose mean score
 * lies there and the submitted reviews whose weighted score does. Plain HTML
 * columns with their numbers written on them; a table says the same to a
 * screen reader.
 */
@Component({
  selector: 'mz-score-chart',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart" data-testid="score-chart">
      <figcaption class="caption">
        {{
          'board.charts.scoreCaption'
            | t
              : {
                  applications: n(data().applications),
                  reviews: n(data().reviews),
                }
        }}
      </figcaption>
      <div aria-hidden="true">
        <p class="legend">
          <span
            ><span class="swatch apps"></span
            >{{ 'board.charts.applications' | t }}</span
          >
          <span
            ><span class="swatch reviews"></span
            >{{ 'board.charts.reviews' | t }}</span
          >
        </p>
        <div class="columns">
          @for (bar of data().bars; track bar.from) {
            <div class="col" [attr.data-from]="bar.from">
              <div class="pair">
                <span class="bar-wrap">
                  <span class="value">{{ n(bar.applications) }}</span>
                  <span
                    class="bar apps"
                    [style.block-size.%]="bar.applicationsPct"
                  ></span>
                </span>
                <span class="bar-wrap">
                  <span class="value">{{ n(bar.reviews) }}</span>
                  <span
                    class="bar reviews"
                    [style.block-size.%]="bar.reviewsPct"
                  ></span>
                </span>
              </div>
              <span class="bin" dir="ltr"
                ><span class="wide">{{ range(bar.from, bar.to) }}</span
                ><span class="narrow">{{ start(bar.from) }}</span></span
              >
            </div>
          }
        </div>
      </div>
      <div class="mz-visually-hidden">
        <table>
          <caption>
            {{
              'board.charts.scoreTitle' | t
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ 'board.charts.bin' | t }}</th>
              <th scope="col">{{ 'board.charts.applications' | t }}</th>
              <th scope="col">{{ 'board.charts.reviews' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (bar of data().bars; track bar.from) {
              <tr>
                <th scope="row">{{ range(bar.from, bar.to) }}</th>
                <td>{{ n(bar.applications) }}</td>
                <td>{{ n(bar.reviews) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </figure>
  `,
  styleUrl: './review-chart.scss',
  styles: `
    .columns {
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: minmax(0, 1fr);
      gap: 4px;
    }
    .col {
      display: flex;
      flex-direction: column;
      align-items: stretch;
      min-width: 0;
    }
    .pair {
      display: flex;
      gap: 2px;
      block-size: 160px;
      border-block-end: 1px solid var(--mat-sys-outline);
    }
    .bar-wrap {
      flex: 1 1 0;
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      align-items: stretch;
      min-width: 0;
    }
    .value {
      text-align: center;
      font: var(--mat-sys-label-small);
      font-variant-numeric: tabular-nums;
    }
    .bar {
      display: block;
      border-radius: 3px 3px 0 0;
    }
    .apps {
      background: var(--mat-sys-primary);
    }
    .reviews {
      background: #b26a00;
    }
    .bin {
      text-align: center;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
      padding-block-start: 4px;
    }
    .narrow {
      display: none;
    }
    @media (max-width: 719px) {
      .pair {
        gap: 1px;
      }
      .wide {
        display: none;
      }
      .narrow {
        display: inline;
      }
    }
  `,
})
export class ScoreChartComponent {
  private readonly i18n = inject(I18nService);
  readonly bins = input.required<readonly ScoreBinView[]>();
  protected readonly data = computed(() => histogram(this.bins()));

  protected n(value: number): string {
    return this.i18n.formatNumber(value);
  }

  protected range(from: number, to: number): string {
    return `${this.start(from)}–${this.start(to)}`;
  }

  /** On a phone only the bin's lower bound fits under its column; the table keeps the full range. */
  protected start(value: number): string {
    return new Intl.NumberFormat(this.i18n.locale(), {
      minimumFractionDigits: 1,
      maximumFractionDigits: 2,
    }).format(value);
  }
}
