import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ASSURANCE_KINDS, type AssuranceKind, type AssuranceRow, type AssuranceView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { en, type TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { type ColumnPlan, foldedColumns, injectViewportTier, shownColumns } from '../../../core/ui/viewport';
import { formatIsoDate } from '../../officer/shared/zones';
import { AuditApiService } from '../audit-api.service';
import { assuranceKindKey } from '../audit-labels';

export interface AssuranceBar {
  kind: AssuranceKind;
  had: number;
  required: number;
  /** Grants short of this kind. */
  short: number;
  hadPercent: number;
  requiredPercent: number;
}

/** Per kind, the assurance had and required over the grants, and how many grants are short, as bars of one scale. */
export function assuranceBars(rows: readonly AssuranceRow[]): AssuranceBar[] {
  const bars = ASSURANCE_KINDS.map((kind) => ({
    kind,
    had: rows.reduce((sum, r) => sum + (r.had[kind] ?? 0), 0),
    required: rows.reduce((sum, r) => sum + (r.required[kind] ?? 0), 0),
    short: rows.filter((r) => r.short.includes(kind)).length,
    hadPercent: 0,
    requiredPercent: 0,
  }));
  const max = Math.max(1, ...bars.flatMap((b) => [b.had, b.required]));
  for (const b of bars) {
    b.hadPercent = (b.had * 100) / max;
    b.requiredPercent = (b.required * 100) / max;
  }
  return bars;
}

type Column = 'grant' | 'risk' | 'visit' | 'spot_check' | 'audit' | 'last';
const COLUMNS: ColumnPlan<Column> = [
  ['grant', 'phone'],
  ['risk', 'tablet'],
  ['visit', 'phone'],
  ['spot_check', 'phone'],
  ['audit', 'phone'],
  ['last', 'desktop'],
];

/**
 * `/audit/assurance` (audit.plan): per grant the assurance it has had in the last 12 months (visits, spot checks,
 * audits) against what its risk rating requires, the short ones marked; "only short" narrows the table, and a bar per
 * kind shows had against required over the whole agency.
 */
@Component({
  selector: 'mz-audit-assurance-page',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    FormsModule,
    MatIconModule,
    LoadingBarComponent,
    MatSlideToggleModule,
    MatTableModule,
    PageHeaderComponent,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../audit.scss', './assurance.page.scss'],
  template: `
    <a routerLink="/audit" class="back-link"><mat-icon svgIcon="arrow_back" class="mz-mirror-rtl" /> {{ 'audit.workspace.back' | t }}</a>
    <mz-page-header [title]="'audit.assurance.title' | t" [intro]="'audit.assurance.intro' | t" headingTestId="audit-assurance-heading" />
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="audit-assurance-error" />

    @if (view(); as v) {
      <section class="section" aria-labelledby="audit-assurance-chart-heading" data-testid="audit-assurance-chart">
        <h2 class="mz-section-title" id="audit-assurance-chart-heading">{{ 'audit.assurance.chartTitle' | t }}</h2>
        <ul class="chart" role="list">
          @for (b of bars(); track b.kind) {
            <li class="chart-row" [attr.data-kind]="b.kind">
              <span class="chart-label">{{ kindKey(b.kind) | t }}</span>
              <span class="chart-bars" aria-hidden="true">
                <span class="bar bar-required" [style.width.%]="b.requiredPercent"></span>
                <span class="bar bar-had" [class.bar-short]="b.had < b.required" [style.width.%]="b.hadPercent"></span>
              </span>
              <span class="chart-value" data-testid="audit-assurance-bar-text">{{ 'audit.assurance.barText' | t: { had: b.had, required: b.required, short: b.short } }}</span>
            </li>
          }
        </ul>
        <p class="legend muted" aria-hidden="true">
          <span class="swatch bar-had"></span> {{ 'audit.assurance.legendHad' | t }}
          <span class="swatch bar-required"></span> {{ 'audit.assurance.legendRequired' | t }}
        </p>
      </section>

      <section class="section" aria-labelledby="audit-assurance-table-heading">
        <h2 class="mz-section-title" id="audit-assurance-table-heading">{{ 'audit.assurance.tableTitle' | t }}</h2>
        <div class="filters">
          <mat-slide-toggle data-testid="audit-assurance-only-short" [ngModel]="onlyShort()" (ngModelChange)="onlyShort.set($event)">{{ 'audit.assurance.onlyShort' | t }}</mat-slide-toggle>
          <p class="muted" role="status" aria-live="polite" data-testid="audit-assurance-count">{{ 'audit.assurance.count' | tp: { count: rows().length, short: v.shortCount } }}</p>
        </div>
        <mz-table-frame [label]="'audit.assurance.tableTitle' | t" [empty]="rows().length === 0">
          <table mat-table class="dense-table" data-testid="audit-assurance-table" [dataSource]="rows()">
            <ng-container matColumnDef="grant">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.assurance.grant' | t }}</th>
              <td mat-cell *matCellDef="let r">
                <a [routerLink]="['/officer/grants', r.grantId]"><bdi>{{ r.grantNumber }}</bdi></a>
                <div><bdi>{{ r.title }}</bdi></div>
                <div class="muted"><bdi>{{ r.organizationName }}</bdi></div>
                @if (folded().has('risk') || folded().has('last')) {
                  <span class="details-line">
                    @if (folded().has('risk')) {
                      <span>{{ riskText(r) }}</span>
                    }
                    @if (folded().has('last')) {
                      <span>{{ 'audit.assurance.last' | t }}: {{ date(r.lastAssuranceOn) }}</span>
                    }
                  </span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="risk">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.assurance.risk' | t }}</th>
              <td mat-cell *matCellDef="let r">{{ riskText(r) }}</td>
            </ng-container>
            @for (k of kinds; track k) {
              <ng-container [matColumnDef]="k">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">{{ kindKey(k) | t }}</th>
                <td mat-cell *matCellDef="let r" class="num" [class.short]="r.short.includes(k)" [attr.data-testid]="'audit-assurance-' + k">
                  @if (r.short.includes(k)) {
                    <mz-tone-badge tone="bad">{{ 'audit.assurance.hadOfShort' | t: { had: r.had[k], required: r.required[k] } }}</mz-tone-badge>
                  } @else {
                    {{ 'audit.assurance.hadOf' | t: { had: r.had[k], required: r.required[k] } }}
                  }
                </td>
              </ng-container>
            }
            <ng-container matColumnDef="last">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.assurance.last' | t }}</th>
              <td mat-cell *matCellDef="let r" class="nowrap">{{ date(r.lastAssuranceOn) }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let r; columns: columns()" data-testid="audit-assurance-row" [class.row-short]="r.short.length > 0"></tr>
          </table>
          <mz-empty-state
            mzEmpty
            data-testid="audit-assurance-empty"
            icon="check_circle"
            [title]="(onlyShort() ? 'audit.assurance.emptyShort' : 'audit.assurance.empty') | t"
          />
        </mz-table-frame>
      </section>
    }
  `,
})
export class AuditAssurancePage {
  private readonly api = inject(AuditApiService);
  protected readonly i18n = inject(I18nService);
  private readonly tier = injectViewportTier();

  protected readonly kinds = ASSURANCE_KINDS;
  protected readonly kindKey = assuranceKindKey;
  protected readonly view = signal<AssuranceView | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly onlyShort = signal(false);
  protected readonly rows = computed(() => {
    const rows = this.view()?.rows ?? [];
    return this.onlyShort() ? rows.filter((r) => r.short.length > 0) : rows;
  });
  protected readonly bars = computed(() => assuranceBars(this.view()?.rows ?? []));
  protected readonly columns = computed(() => shownColumns(COLUMNS, this.tier()));
  protected readonly folded = computed(() => new Set<Column>(foldedColumns(COLUMNS, this.tier())));

  constructor() {
    this.api.assurance().subscribe({
      next: (view) => {
        this.view.set(view);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  /** The grant's risk rating in words (the grants' `fin.rating.*`). */
  protected riskText(row: AssuranceRow): string {
    if (!row.riskRating) return this.i18n.t('audit.assurance.notRated');
    const key = `fin.rating.${row.riskRating}`;
    return key in en ? this.i18n.t(key as TranslationKey) : row.riskRating;
  }

  protected date(iso: string | null): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '—';
  }
}
