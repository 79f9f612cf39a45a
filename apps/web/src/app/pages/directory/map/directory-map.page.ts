import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import {
  DIRECTORY_AGGREGATE_DIMENSIONS,
  DIRECTORY_LANGUAGES,
  DIRECTORY_MODES,
  type DirectoryAggregateDimension,
  type DirectoryAggregateView,
  type DirectoryLanguage,
  type DirectoryMode,
  type DirectoryNeedView,
} from '@mizan/contracts';
import { catchError, forkJoin, map, of, type Observable } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { countryName } from '../../../core/i18n/country-names';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { DirectoryApiService } from '../shared/directory-api.service';
import { governorateLabel, languageKey, modeKey, TaxonomyNames } from '../shared/directory-labels';
import { DirectoryMapComponent } from './directory-map.component';
import { MIN_CELL, publishable, type MapCell } from './map-model';

/** One row of a chart or of the map's table. */
export interface ChartRow {
  key: string;
  label: string;
  /** null: "fewer than 5" (never a number under MIN_CELL). */
  count: number | null;
  /** Share of the largest row, 0–100, for the bar. */
  percent: number;
}

/** A dimension's cells as chart rows, largest first and `other` (the merged small groups) last. */
export function chartRows(view: DirectoryAggregateView | null, label: (key: string) => string): ChartRow[] {
  if (!view) return [];
  const cells = view.cells.map((c) => publishable<{ key: string; count: number | null }>(c));
  const max = Math.max(0, ...cells.map((c) => c.count ?? 0));
  return cells
    .map((c) => ({ key: c.key, label: label(c.key), count: c.count, percent: c.count && max ? Math.round((100 * c.count) / max) : 0 }))
    .sort((a, b) => Number(a.key === 'other') - Number(b.key === 'other') || (b.count ?? 0) - (a.count ?? 0));
}

/** Open needs per governorate (institutions' posts, not people: counted as they are). */
export function needsByGovernorate(needs: readonly DirectoryNeedView[]): MapCell[] {
  const counts = new Map<string, number>();
  for (const need of needs) {
    if (need.state !== 'open') continue;
    const code = need.assignment?.governorate ?? need.partnership?.governorate;
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count);
}

type View = 'countries' | 'governorates';
type Aggregates = Partial<Record<DirectoryAggregateDimension, DirectoryAggregateView>>;

/**
 * Where the diaspora's skills are (issue 15): a map of the experts' countries of residence and charts by city,
 * sector, language and mode — never a group under 5 people (the server merges or suppresses them; the page would not
 * show one either) — each with its numbers in a table; and a map of Iraq's governorates with the open needs.
 */
@Component({
  selector: 'mz-directory-map-page',
  imports: [DirectoryMapComponent, EmptyStateComponent, FormProblemComponent, LoadingBarComponent, MatButtonToggleModule, PageHeaderComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.map.title' | t" [intro]="'directory.map.intro' | t: { min: min }" headingTestId="map-heading" />
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="map-error" />

    <mat-button-toggle-group [value]="view()" (change)="view.set($event.value)" [attr.aria-label]="'directory.map.view' | t" data-testid="map-view">
      <mat-button-toggle value="countries" data-testid="map-view-countries">{{ 'directory.map.viewCountries' | t }}</mat-button-toggle>
      <mat-button-toggle value="governorates" data-testid="map-view-governorates">{{ 'directory.map.viewGovernorates' | t }}</mat-button-toggle>
    </mat-button-toggle-group>

    <div class="map-layout">
      <figure class="map-figure">
        <mz-directory-map
          [kind]="view()"
          [cells]="mapCells()"
          [label]="(view() === 'countries' ? 'directory.map.labelCountries' : 'directory.map.labelGovernorates') | t"
          [describe]="describe"
        />
        <figcaption class="dir-muted">{{ (view() === 'countries' ? 'directory.map.captionCountries' : 'directory.map.captionGovernorates') | t }} {{ 'directory.map.credit' | t }}</figcaption>
      </figure>
      <div class="map-table">
        <table class="dir-table" data-testid="map-table">
          <caption>{{ (view() === 'countries' ? 'directory.map.tableCountries' : 'directory.map.tableGovernorates') | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ (view() === 'countries' ? 'directory.map.col.country' : 'directory.map.col.governorate') | t }}</th>
              <th scope="col" class="num">{{ (view() === 'countries' ? 'directory.map.col.experts' : 'directory.map.col.needs') | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of tableRows(); track r.key) {
              <tr data-testid="map-row" [attr.data-key]="r.key">
                <th scope="row">{{ r.label }}</th>
                <td class="num">{{ r.count === null ? ('directory.map.fewer' | t: { min: min }) : number(r.count) }}</td>
              </tr>
            }
          </tbody>
        </table>
        @if (!loading() && tableRows().length === 0) {
          <mz-empty-state icon="public" data-testid="map-empty" [title]="'directory.map.empty' | t" [body]="'directory.map.emptyBody' | t: { min: min }" />
        }
        @if (view() === 'countries' && suppressedNote(); as note) {
          <p class="dir-muted" data-testid="map-suppressed">{{ note }}</p>
        }
      </div>
    </div>

    <div class="charts">
      @for (chart of charts(); track chart.dimension) {
        <section class="chart" [attr.data-testid]="'chart-' + chart.dimension">
          <table class="dir-table bars">
            <caption class="chart-title">{{ chart.titleKey | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ chart.columnKey | t }}</th>
                <th scope="col" class="num">{{ 'directory.map.col.experts' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of chart.rows; track r.key) {
                <tr>
                  <th scope="row"><bdi>{{ r.label }}</bdi></th>
                  <td class="num bar-cell">
                    <span class="bar" [style.inline-size.%]="r.percent" aria-hidden="true"></span>
                    <span class="bar-value">{{ r.count === null ? ('directory.map.fewer' | t: { min: min }) : number(r.count) }}</span>
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="2" class="dir-muted">{{ 'directory.map.chartEmpty' | t: { min: min } }}</td>
                </tr>
              }
            </tbody>
          </table>
        </section>
      }
    </div>
  `,
  styles: `
    mat-button-toggle-group {
      margin-block: 12px;
    }
    .map-layout {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(12rem, 1fr);
      gap: 16px;
      align-items: start;
    }
    @media (max-width: 800px) {
      .map-layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .map-figure {
      margin: 0;
      min-width: 0;
    }
    caption {
      text-align: start;
      font: var(--mat-sys-title-small);
      padding-block: 4px;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
      gap: 16px 24px;
      margin-block: 24px;
    }
    .chart {
      min-width: 0;
    }
    .bars th[scope='row'] {
      font: inherit;
      color: inherit;
      overflow-wrap: anywhere;
    }
    .bar-cell {
      position: relative;
      min-inline-size: 8rem;
    }
    .bar {
      position: absolute;
      inset-block: 6px;
      inset-inline-start: 0;
      background: color-mix(in srgb, var(--mat-sys-primary) 22%, transparent);
      border-radius: 4px;
    }
    .bar-value {
      position: relative;
    }
  `,
})
export class DirectoryMapPage {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  protected readonly min = MIN_CELL;
  protected readonly view = signal<View>('countries');
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  private readonly aggregates = signal<Aggregates>({});
  private readonly needs = signal<DirectoryNeedView[]>([]);
  private readonly taxonomy = toSignal(this.api.taxonomy().pipe(catchError(() => of(null))), { initialValue: null });

  constructor() {
    const dimensions: Record<string, Observable<DirectoryAggregateView>> = Object.fromEntries(DIRECTORY_AGGREGATE_DIMENSIONS.map((d) => [d, this.api.aggregates(d)]));
    forkJoin({
      aggregates: forkJoin(dimensions),
      needs: this.api.needs({ pageSize: 100 }).pipe(
        map((page) => page.items),
        catchError(() => of([] as DirectoryNeedView[])),
      ),
    }).subscribe({
      next: ({ aggregates, needs }) => {
        this.loading.set(false);
        this.aggregates.set(aggregates as Aggregates);
        this.needs.set(needs);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected readonly describe = (code: string, count: number): string =>
    this.view() === 'countries'
      ? this.i18n.t('directory.map.tipCountry', { place: countryName(code, this.i18n.locale()), count })
      : this.i18n.t('directory.map.tipGovernorate', { place: governorateLabel(code, this.i18n.lang()), count });

  protected readonly mapCells = computed<MapCell[]>(() => {
    if (this.view() === 'governorates') return needsByGovernorate(this.needs());
    return (this.aggregates().country?.cells ?? []).filter((c) => c.key !== 'other').map((c) => ({ code: c.key, count: c.count }));
  });

  protected readonly tableRows = computed<ChartRow[]>(() => {
    if (this.view() === 'governorates') {
      const lang = this.i18n.lang();
      return needsByGovernorate(this.needs()).map((c) => ({ key: c.code, label: governorateLabel(c.code, lang), count: c.count, percent: 0 }));
    }
    return chartRows(this.aggregates().country ?? null, (key) => this.label('country', key));
  });

  protected readonly suppressedNote = computed(() => {
    const country = this.aggregates().country;
    if (!country || country.suppressed === 0) return null;
    return country.suppressed === null ? this.i18n.t('directory.map.suppressedSome', { min: MIN_CELL }) : this.i18n.t('directory.map.suppressed', { count: country.suppressed });
  });

  protected readonly charts = computed(() => {
    const all = this.aggregates();
    const dims: { dimension: DirectoryAggregateDimension; titleKey: TranslationKey; columnKey: TranslationKey }[] = [
      { dimension: 'city', titleKey: 'directory.map.chart.city', columnKey: 'directory.map.col.city' },
      { dimension: 'sector', titleKey: 'directory.map.chart.sector', columnKey: 'directory.map.col.sector' },
      { dimension: 'language', titleKey: 'directory.map.chart.language', columnKey: 'directory.map.col.language' },
      { dimension: 'mode', titleKey: 'directory.map.chart.mode', columnKey: 'directory.map.col.mode' },
    ];
    return dims.map((d) => ({ ...d, rows: chartRows(all[d.dimension] ?? null, (key) => this.label(d.dimension, key)) }));
  });

  private label(dimension: DirectoryAggregateDimension, key: string): string {
    if (key === 'other') return this.i18n.t('directory.map.other', { min: MIN_CELL });
    const lang = this.i18n.lang();
    switch (dimension) {
      case 'country':
        return countryName(key, this.i18n.locale());
      case 'sector':
        return new TaxonomyNames(this.taxonomy()).sector(key, lang);
      case 'language':
        return (DIRECTORY_LANGUAGES as readonly string[]).includes(key) ? this.i18n.t(languageKey(key as DirectoryLanguage)) : key;
      case 'mode':
        return (DIRECTORY_MODES as readonly string[]).includes(key) ? this.i18n.t(modeKey(key as DirectoryMode)) : key;
      default:
        return key;
    }
  }

  protected number(value: number): string {
    return this.i18n.formatNumber(value);
  }
}
