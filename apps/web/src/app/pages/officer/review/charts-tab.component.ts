import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type {
  AmountGroupView,
  BoardChartsView,
  GovernorateView,
} from '@mizan/contracts';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { governorateName } from '../screening/governorate-names';
import { ScreeningApiService } from '../screening/screening-api.service';
import { formatMoney } from '../shared/money';
import { AmountChartComponent } from './amount-chart.component';
import { isolate } from './board';
import { ReviewApiService } from './review-api.service';
import { ScoreChartComponent } from './score-chart.component';

const UNSPECIFIED = 'unspecified';

/** The call's charts: how scores fall, and requested against approved per theme and governorate. */
@Component({
  selector: 'mz-charts-tab',
  imports: [
    AmountChartComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ScoreChartComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="mz-section-title">{{ 'board.charts.title' | t }}</h2>
    <div class="loading-slot">
      @if (loading()) {
        <mat-progress-bar
          mode="indeterminate"
          [attr.aria-label]="'common.loading' | t"
        />
      }
    </div>
    @if (problem(); as p) {
      <div class="mz-banner mz-banner-error" role="alert">
        <mat-icon svgIcon="error" />
        <span>{{ p.key | t: p.params }}</span>
        <button mat-button type="button" (click)="reload()">
          {{ 'common.retry' | t }}
        </button>
      </div>
    }
    @if (charts(); as c) {
      @if (c.totals.applications === 0) {
        <div class="mz-empty-state" data-testid="charts-empty">
          <mat-icon svgIcon="bar_chart" class="mz-empty-icon" />
          <p class="mz-empty-title">{{ 'board.charts.emptyTitle' | t }}</p>
          <p>{{ 'board.charts.emptyBody' | t }}</p>
        </div>
      } @else {
        <p class="totals" data-testid="charts-totals">
          {{
            'board.charts.totals'
              | t
                : {
                    applications: i18n.formatNumber(c.totals.applications),
                    requested: money(c, c.totals.requestedMinor),
                    approved: money(c, c.totals.approvedMinor),
                  }
          }}
        </p>
        <section class="section" aria-labelledby="score-chart-title">
          <h3 id="score-chart-title" class="chart-title">
            {{ 'board.charts.scoreTitle' | t }}
          </h3>
          <mz-score-chart [bins]="c.scoreDistribution" />
        </section>
        <section class="section" aria-labelledby="amount-chart-title">
          <h3 id="amount-chart-title" class="chart-title">
            {{ 'board.charts.amountTitle' | t }}
          </h3>
          <p class="muted note">{{ 'board.charts.overlapNote' | t }}</p>
          <div class="pair">
            <mz-amount-chart
              kind="theme"
              [groups]="c.byTheme"
              [currency]="c.currency"
              [name]="themeName"
            />
            <mz-amount-chart
              kind="governorate"
              [groups]="c.byGovernorate"
              [currency]="c.currency"
              [name]="placeName()"
            />
          </div>
        </section>
      }
    }
  `,
  styleUrls: ['../shared/officer-page.scss'],
  styles: `
    .chart-title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .note,
    .totals {
      margin: 0 0 8px;
    }
    .pair {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
      gap: 16px;
    }
    @media (max-width: 399px) {
      .pair {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class ChartsTabComponent {
  private readonly api = inject(ReviewApiService);
  private readonly screening = inject(ScreeningApiService);
  protected readonly i18n = inject(I18nService);

  readonly callId = input.required<string>();

  protected readonly charts = signal<BoardChartsView | null>(null);
  protected readonly governorates = signal<GovernorateView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ReturnType<typeof errorMessage> | null>(
    null,
  );
  private readonly reloads = signal(0);

  protected readonly themeName = (g: AmountGroupView): string =>
    g.key === UNSPECIFIED ? this.i18n.t('board.charts.unspecified') : g.label;
  protected readonly placeName = computed(() => {
    const lang = this.i18n.lang();
    const list = this.governorates();
    return (g: AmountGroupView): string =>
      g.key === UNSPECIFIED
        ? this.i18n.t('board.charts.unspecified')
        : governorateName(g.key, lang, list);
  });

  constructor() {
    const request = computed(() => ({ id: this.callId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(({ id }) =>
          forkJoin({
            charts: this.api.charts(id),
            governorates: this.screening
              .governorates()
              .pipe(catchError(() => of([] as GovernorateView[]))),
          }).pipe(
            map((data) => ({ data, error: null })),
            catchError((error: unknown) =>
              of({ data: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ data, error }) => {
        this.loading.set(false);
        if (data) {
          this.charts.set(data.charts);
          this.governorates.set(data.governorates);
        } else if (error) {
          this.problem.set(errorMessage(error));
        }
      });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected money(c: BoardChartsView, minor: string): string {
    return isolate(formatMoney(minor, c.currency, this.i18n.locale()));
  }
}
