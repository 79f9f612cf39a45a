import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { stateKey } from '../shared/labels';
import { stateTone } from '../shared/status';
import type { QueueSummary } from './screening-queue';

/**
 * The queue at a glance: a bar per state and the share that passes every rule.
 * Plain HTML bars with their numbers written out, so it reads the same to a screen reader.
 */
@Component({
  selector: 'mz-queue-chart',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart" data-testid="queue-chart">
      <figcaption class="caption">
        {{ 'officer.queue.chartCaption' | t: { total: summary().total } }}
      </figcaption>
      <ul class="bars" role="list">
        @for (row of summary().byState; track row.state) {
          <li class="bar-row" [attr.data-state]="row.state">
            <span class="label">{{ stateKey(row.state) | t }}</span>
            <span class="track" aria-hidden="true">
              <span
                [class]="'bar tone-' + tone(row.state)"
                [style.inline-size.%]="percent(row.count)"
              ></span>
            </span>
            <span class="count">{{ i18n.formatNumber(row.count) }}</span>
          </li>
        }
      </ul>
      <div class="split">
        <p class="split-text" data-testid="queue-chart-eligibility">
          {{
            'officer.queue.passFail'
              | t: { passing: summary().passing, failing: summary().failing }
          }}
        </p>
        <span class="split-track" aria-hidden="true">
          <span class="pass" [style.inline-size.%]="passShare()"></span>
          <span class="fail" [style.inline-size.%]="failShare()"></span>
        </span>
        @if (summary().ddProblems > 0) {
          <p class="dd-warning">
            {{ 'officer.queue.ddProblems' | t: { count: summary().ddProblems } }}
          </p>
        }
      </div>
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      margin: 0;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      gap: 8px 24px;
    }
    .caption {
      grid-column: 1 / -1;
      font: var(--mat-sys-title-small);
    }
    .bars {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .bar-row {
      display: grid;
      grid-template-columns: 130px 1fr 40px;
      gap: 8px;
      align-items: center;
      min-height: 22px;
      font: var(--mat-sys-body-small);
    }
    .track,
    .split-track {
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
    .count {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .tone-good,
    .pass {
      background: #1b6e3a;
    }
    .tone-warn {
      background: #b26a00;
    }
    .tone-bad,
    .fail {
      background: var(--mat-sys-error);
    }
    .tone-info {
      background: var(--mat-sys-primary);
    }
    .tone-neutral {
      background: var(--mat-sys-outline);
    }
    .split-text,
    .dd-warning {
      margin: 0 0 6px;
      font: var(--mat-sys-body-small);
    }
    .dd-warning {
      margin-top: 8px;
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    @media (max-width: 719px) {
      .chart {
        grid-template-columns: 1fr;
      }
      .bar-row {
        grid-template-columns: 110px 1fr 32px;
      }
    }
  `,
})
export class QueueChartComponent {
  protected readonly i18n = inject(I18nService);
  readonly summary = input.required<QueueSummary>();
  protected readonly stateKey = stateKey;
  protected readonly tone = stateTone;

  private readonly max = computed(() =>
    Math.max(1, ...this.summary().byState.map((r) => r.count)),
  );
  protected readonly passShare = computed(() => {
    const s = this.summary();
    return s.total === 0 ? 0 : Math.round((s.passing / s.total) * 100);
  });

  protected readonly failShare = computed(() =>
    this.summary().total === 0 ? 0 : 100 - this.passShare(),
  );

  protected percent(count: number): number {
    return Math.round((count / this.max()) * 100);
  }
}
