import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, Router } from '@angular/router';
import type { AuditFindingView, EngagementView, SampleItemView } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { catchError, from, map, of } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { readBlobError, saveDownload } from '../../../core/api/download';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { FieldworkApiService, scopeGrantOptions, type ScopeGrantOption } from '../fieldwork-api.service';
import { FindingFormDialogComponent, type FindingFormData } from '../findings/finding-form-dialog.component';
import { engagementIdOf, methodKey, reasonKey, resultKey, resultTone } from '../findings/finding-labels';
import { DrawFormComponent } from './draw-form.component';
import { TestDialogComponent, type TestDialogData, type TestDialogResult } from './test-dialog.component';

export const SAMPLE_PAGE_SIZE = 50;

/**
 * The workspace's SAMPLE & TESTS tab. Before the draw: the population (count and value) and the draw form with the
 * live sample-size calculation. After: the seed and parameters (anyone can draw the same sample again from them),
 * the sampled items with why each is in the sample and its test result, the test of each item with its working
 * papers, "raise a finding" on an exception, and the working papers as XLSX.
 */
@Component({
  selector: 'mz-audit-sample-page',
  imports: [
    DrawFormComponent,
    EmptyStateComponent,
    FormProblemComponent,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatPaginatorModule,
    LoadingBarComponent,
    MoneyTextComponent,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <h2 class="mz-section-title" data-testid="sample-heading">
        {{ 'audit.sample.title' | t }}
        @if (engagement(); as e) {
          <span class="muted"> · <bdi dir="ltr" class="mz-code">{{ e.reference }}</bdi> · <bdi>{{ e.title }}</bdi></span>
        }
      </h2>
      @if (engagement()?.sampleDrawnAt) {
        <button mat-stroked-button type="button" data-testid="sample-workbook" [disabled]="downloading()" (click)="downloadWorkbook()">
          <mat-icon svgIcon="download" />
          {{ 'audit.papers.workbook' | t }}
        </button>
      }
    </div>
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="sample-error" />
    <p class="mz-visually-hidden" aria-live="polite">{{ announcement() }}</p>

    @if (engagement(); as e) {
      @if (!e.sampleDrawnAt) {
        <section class="panel" aria-labelledby="population-heading" data-testid="population-preview">
          <h3 class="panel-title" id="population-heading">{{ 'audit.sample.population.title' | t }}</h3>
          <p data-testid="population-count">
            {{ 'audit.sample.population.count' | tp: { count: populationCount() } }}
            · <mz-money-text [minor]="populationValue() ?? e.counts.populationValueMinor" [currency]="drawCurrency()" />
          </p>
          <p class="muted">{{ 'audit.sample.population.body' | t }}</p>
        </section>
        @if (canDraw()) {
          <!-- Once the population is read: its currency decides whether monetary-unit sampling is offered. -->
          @if (!loading()) {
            <section class="panel" aria-labelledby="draw-heading">
              <h3 class="panel-title" id="draw-heading">{{ 'audit.sample.draw.title' | t }}</h3>
              <mz-draw-form [engagementId]="e.id" [currency]="drawCurrency()" (drawn)="onDrawn()" />
            </section>
          }
        } @else {
          <mz-empty-state data-testid="sample-none" icon="fact_check" [title]="'audit.sample.noneTitle' | t" [body]="'audit.sample.noneBody' | t" />
        }
      } @else {
        @if (e.sampling; as s) {
          <section class="panel params" aria-labelledby="params-heading" data-testid="sample-params">
            <h3 class="panel-title" id="params-heading">{{ 'audit.sample.params.title' | t }}</h3>
            <p class="seed-line">
              <span class="seed-label">{{ 'audit.sample.params.seed' | t }}</span>
              <code class="seed" dir="ltr" data-testid="sample-seed">{{ s.seed }}</code>
            </p>
            <p class="muted">{{ 'audit.sample.params.reproducible' | t }}</p>
            <dl class="facts">
              <dt>{{ 'audit.sample.params.method' | t }}</dt>
              <dd data-testid="sample-method">{{ methodKey(s.method) | t }}</dd>
              <dt>{{ 'audit.sample.params.confidence' | t }}</dt>
              <dd dir="ltr">{{ s.confidencePct }} %</dd>
              @if (s.materialityMinor) {
                <dt>{{ 'audit.sample.params.materiality' | t }}</dt>
                <dd><mz-money-text [minor]="s.materialityMinor" [currency]="e.currency" /></dd>
              }
              @if (s.method === 'monetary_unit') {
                <dt>{{ 'audit.sample.params.expected' | t }}</dt>
                <dd><mz-money-text [minor]="s.expectedMisstatementMinor ?? '0'" [currency]="e.currency" /></dd>
              }
              <dt>{{ 'audit.sample.params.size' | t }}</dt>
              <dd data-testid="sample-size">{{ 'audit.sample.params.sizeValue' | t: { size: s.size?.sampleSize ?? s.sampleSize ?? 0, count: e.counts.sampleCount } }}</dd>
              @if (s.size?.intervalMinor; as interval) {
                <dt>{{ 'audit.sample.params.interval' | t }}</dt>
                <dd><mz-money-text [minor]="interval" [currency]="e.currency" /></dd>
              }
              @if (s.size?.formula; as formula) {
                <dt>{{ 'audit.sample.params.formula' | t }}</dt>
                <dd dir="ltr" class="formula"><code>{{ formula }}</code></dd>
              }
              <dt>{{ 'audit.sample.params.additions' | t }}</dt>
              <dd>
                @if (s.includeOpenRedFlags) {
                  <span class="line">{{ 'audit.sample.draw.redFlags' | t }}</span>
                }
                @if (s.includeAboveMinor) {
                  <span class="line">{{ 'audit.sample.params.above' | t }} <mz-money-text [minor]="s.includeAboveMinor" [currency]="e.currency" /></span>
                }
                @if (!s.includeOpenRedFlags && !s.includeAboveMinor) {
                  {{ 'audit.sample.params.noAdditions' | t }}
                }
              </dd>
              <dt>{{ 'audit.sample.params.population' | t }}</dt>
              <dd>
                {{ 'audit.sample.population.count' | tp: { count: e.counts.populationCount } }} ·
                <mz-money-text [minor]="e.counts.populationValueMinor" [currency]="e.currency" />
              </dd>
              <dt>{{ 'audit.sample.params.drawn' | t }}</dt>
              <dd>
                {{ dateTime(e.sampleDrawnAt) }}
                @if (e.sampleFrozenAt) {
                  · {{ 'audit.sample.params.frozen' | t: { when: dateTime(e.sampleFrozenAt) } }}
                }
              </dd>
            </dl>
            <p data-testid="sample-progress">{{ 'audit.sample.progress' | tp: { tested: e.counts.tested, count: e.counts.sampleCount, exceptions: e.counts.exceptions } }}</p>
            @if (canDraw()) {
              @if (!redrawing()) {
                <button mat-stroked-button type="button" data-testid="sample-redraw" (click)="redrawing.set(true)">{{ 'audit.sample.draw.again' | t }}</button>
              } @else {
                <mz-draw-form [engagementId]="e.id" [currency]="e.currency" [redraw]="true" (drawn)="onDrawn()" />
              }
            }
          </section>
        }

        <section aria-labelledby="items-heading">
          <h3 class="panel-title" id="items-heading">{{ 'audit.sample.items' | t }}</h3>
          <mz-table-frame [label]="'audit.sample.caption' | t" [empty]="items().length === 0">
            <table class="simple-table" data-testid="sample-table">
              <caption class="mz-visually-hidden">{{ 'audit.sample.caption' | t }}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">{{ 'audit.sample.col.order' | t }}</th>
                  <th scope="col">{{ 'audit.sample.col.item' | t }}</th>
                  <th scope="col">{{ 'audit.sample.col.grant' | t }}</th>
                  <th scope="col">{{ 'audit.sample.col.date' | t }}</th>
                  <th scope="col" class="num">{{ 'audit.sample.col.amount' | t }}</th>
                  <th scope="col">{{ 'audit.sample.col.reasons' | t }}</th>
                  <th scope="col">{{ 'audit.sample.col.result' | t }}</th>
                  <th scope="col"><span class="mz-visually-hidden">{{ 'audit.sample.col.actions' | t }}</span></th>
                </tr>
              </thead>
              <tbody>
                @for (it of items(); track it.id) {
                  <tr data-testid="sample-row" [attr.data-item-id]="it.id">
                    <td class="num">{{ it.pickOrder }}</td>
                    <td>
                      <bdi [id]="'sample-item-' + it.id">{{ it.population.label }}</bdi>
                      @if (it.workingPaperCount > 0) {
                        <span class="muted small line">{{ 'audit.papers.count' | tp: { count: it.workingPaperCount } }}</span>
                      }
                    </td>
                    <td><bdi dir="ltr" class="mz-code">{{ it.population.grantNumber }}</bdi></td>
                    <td class="nowrap">{{ date(it.population.bookedOn) }}</td>
                    <td class="num"><mz-money-text [minor]="it.population.amountMinor" [currency]="it.population.currency" /></td>
                    <td>
                      <mat-chip-set>
                        @for (r of it.reasons; track r) {
                          <mat-chip [attr.data-reason]="r">{{ reasonKey(r) | t }}</mat-chip>
                        }
                      </mat-chip-set>
                    </td>
                    <td><mz-tone-badge [tone]="resultTone(it.result)" data-testid="sample-result">{{ resultKey(it.result) | t }}</mz-tone-badge></td>
                    <td class="row-actions">
                      <button mat-stroked-button type="button" data-testid="sample-test" [attr.aria-describedby]="'sample-item-' + it.id" (click)="openTest(it)">
                        {{ (canTest() ? (it.result === 'untested' ? 'audit.sample.test.open' : 'audit.sample.test.review') : 'audit.sample.test.view') | t }}
                      </button>
                      @if (canRaise() && it.result === 'exception') {
                        <button mat-button type="button" data-testid="sample-raise" [attr.aria-describedby]="'sample-item-' + it.id" (click)="raiseFrom(it)">{{ 'audit.sample.raiseFinding' | t }}</button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
            <mz-empty-state mzEmpty data-testid="sample-empty" icon="fact_check" [title]="'audit.sample.emptyTitle' | t" />
            <mat-paginator
              mzPaginator
              [length]="total()"
              [pageIndex]="pageIndex()"
              [pageSize]="pageSize()"
              [pageSizeOptions]="[25, 50, 100]"
              (page)="onPage($event)"
            />
          </mz-table-frame>
        </section>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .line {
      display: block;
    }
    .nowrap {
      white-space: nowrap;
    }
    .panel {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin-block: 16px;
    }
    .panel-title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .seed-line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px 12px;
      margin: 0;
    }
    .seed-label {
      font: var(--mat-sys-title-medium);
    }
    .seed {
      font-size: 1.6rem;
      font-weight: 600;
      letter-spacing: 0.05em;
      padding: 2px 8px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-high);
    }
    .facts {
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: 4px 16px;
      margin: 12px 0;
    }
    .facts dt {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      min-width: 0;
    }
    .formula {
      overflow-wrap: anywhere;
      text-align: start;
    }
    .simple-table {
      width: 100%;
      border-collapse: collapse;
    }
    .simple-table th,
    .simple-table td {
      padding: 8px;
      text-align: start;
      vertical-align: top;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .simple-table th {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .simple-table .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    @media (max-width: 599px) {
      .facts {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class AuditSamplePage {
  protected readonly methodKey = methodKey;
  protected readonly reasonKey = reasonKey;
  protected readonly resultKey = resultKey;
  protected readonly resultTone = resultTone;

  private readonly api = inject(FieldworkApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(Notifier);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly engagementId = engagementIdOf(this.route);
  protected readonly engagement = signal<EngagementView | null>(null);
  protected readonly items = signal<SampleItemView[]>([]);
  protected readonly total = signal(0);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(SAMPLE_PAGE_SIZE);
  protected readonly populationTotal = signal<number | null>(null);
  protected readonly populationValue = signal<string | null>(null);
  /** The live population's one currency before the draw (the engagement has a currency only once its population is frozen). */
  private readonly populationCurrency = signal<CurrencyCode | null>(null);
  protected readonly drawCurrency = computed(() => this.engagement()?.currency ?? this.populationCurrency());
  protected readonly loading = signal(true);
  protected readonly downloading = signal(false);
  protected readonly redrawing = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');

  protected readonly canDraw = computed(() => this.engagement()?.actions.includes('draw_sample') ?? false);
  protected readonly canTest = computed(() => this.engagement()?.actions.includes('test') ?? false);
  protected readonly canRaise = computed(() => this.engagement()?.actions.includes('raise_finding') ?? false);
  protected readonly populationCount = computed(() => this.populationTotal() ?? this.engagement()?.counts.populationCount ?? 0);

  constructor() {
    this.load();
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected dateTime(iso: string | null): string {
    return iso ? this.i18n.formatDateTime(iso) : '—';
  }

  /** The engagement, then either the population's size (before the draw) or the sample's first page. */
  private load(): void {
    const id = this.engagementId;
    if (!id) {
      this.loading.set(false);
      return;
    }
    this.loading.set(true);
    this.api
      .engagement(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (engagement) => {
          this.engagement.set(engagement);
          if (engagement.sampleDrawnAt) {
            this.loadItems();
          } else {
            this.loadPopulation(id);
          }
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problem.set(errorMessage(toWebError(error)));
        },
      });
  }

  private loadPopulation(id: string): void {
    this.api
      .population(id, 1, 1)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.populationTotal.set(page.count ?? page.total);
          this.populationValue.set(page.valueMinor ?? null);
          this.populationCurrency.set(page.currency ?? null);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problem.set(errorMessage(toWebError(error)));
        },
      });
  }

  private loadItems(): void {
    const id = this.engagementId;
    if (!id) return;
    this.api
      .sample(id, this.pageIndex() + 1, this.pageSize())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.items.set(page.items);
          this.total.set(page.total);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problem.set(errorMessage(toWebError(error)));
        },
      });
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.loadItems();
  }

  protected onDrawn(): void {
    this.redrawing.set(false);
    this.pageIndex.set(0);
    const text = this.i18n.t('audit.sample.drawn');
    this.announcement.set(text);
    this.notifier.notify(text);
    this.load();
  }

  protected openTest(item: SampleItemView): void {
    const id = this.engagementId;
    if (!id) return;
    const data: TestDialogData = { engagementId: id, item, canTest: this.canTest(), canRaise: this.canRaise() };
    this.dialog
      .open<TestDialogComponent, TestDialogData, TestDialogResult>(TestDialogComponent, { data, width: '760px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) => {
        if (result?.changed) this.load();
        if (result?.raiseFrom) this.raiseFrom(result.raiseFrom);
      });
  }

  /** "Raise a finding" on an item with an exception: its grant, the item and its amount filled in. */
  protected raiseFrom(item: SampleItemView): void {
    const id = this.engagementId;
    if (!id) return;
    this.api
      .scopeGrants(id)
      .pipe(
        map(scopeGrantOptions),
        catchError(() => of([] as ScopeGrantOption[])),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((scope) => {
        const own: ScopeGrantOption = { grantId: item.population.grantId, grantNumber: item.population.grantNumber, title: '' };
        const grants = scope.some((g) => g.grantId === own.grantId) ? scope : [own, ...scope];
        const data: FindingFormData = {
          engagementId: id,
          currency: item.population.currency,
          grants,
          prefill: { grantId: item.population.grantId, sampleItemId: item.id, affectedMinor: item.population.amountMinor },
        };
        this.dialog
          .open<FindingFormDialogComponent, FindingFormData, AuditFindingView>(FindingFormDialogComponent, { data, width: '720px', maxWidth: '95vw' })
          .afterClosed()
          .subscribe((saved) => {
            if (!saved) return;
            this.notifier.notify(this.i18n.t('audit.findings.raised', { number: saved.number }));
            void this.router.navigate(['../findings'], { relativeTo: this.route, queryParams: { finding: saved.id } });
          });
      });
  }

  protected downloadWorkbook(): void {
    const id = this.engagementId;
    if (!id || this.downloading()) return;
    this.downloading.set(true);
    this.problem.set(null);
    this.api
      .workbook(id)
      .pipe(
        map((response) => ({ response })),
        catchError((error: unknown) => from(readBlobError(error)).pipe(map((failed) => ({ failed })))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((result) => {
        this.downloading.set(false);
        if ('failed' in result) {
          this.problem.set(errorMessage(result.failed));
          return;
        }
        const name = saveDownload(this.document, result.response, `${this.engagement()?.reference ?? 'audit'}-working-papers.xlsx`);
        const text = this.i18n.t('audit.papers.downloaded', { file: name });
        this.announcement.set(text);
        this.notifier.notify(text);
      });
  }
}
