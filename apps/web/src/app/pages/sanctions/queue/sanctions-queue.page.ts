import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { type MatChipListboxChange, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import { MATCH_STATES, PARTY_KINDS, type MatchState, type PartyKind, type ScreeningMatchView } from '@mizan/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { KeysetPaginatorComponent, type KeysetPageMeta, type KeysetRequest } from '../../../core/ui/keyset-paginator.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { matchStateKey, matchStateTone, partyKindKey } from '../shared/match-labels';
import { SanctionsApiService } from '../shared/sanctions-api.service';
import { SanctionsTabsComponent } from '../shared/sanctions-tabs.component';
import { ScoreBarComponent } from '../shared/score-bar.component';

/** The state chips: `active` (open and waiting for a second officer, the default), or one state. */
export type QueueStateFilter = 'active' | MatchState;
export const QUEUE_STATE_FILTERS: readonly QueueStateFilter[] = ['active', ...MATCH_STATES];
export const QUEUE_PAGE_SIZES = [25, 50, 100] as const;
export const QUEUE_PAGE_SIZE = 50;
/** How long the search box waits after the last key before it asks. */
export const QUEUE_SEARCH_DEBOUNCE_MS = 300;

/**
 * The queue's filters as the address has them (`?state=&kind=&q=&after=|before=&size=`); anything unknown falls back to
 * the default. `after` / `before` are the cursors of the page on show (keyset pages: the api checks them).
 */
export interface QueueFilters {
  state: QueueStateFilter;
  kind: PartyKind | null;
  q: string;
  after: string | null;
  before: string | null;
  size: number;
}

const CURSOR = /^[A-Za-z0-9_-]{1,1000}$/;

export function queueFilters(params: ParamMap): QueueFilters {
  const state = params.get('state');
  const kind = params.get('kind');
  const after = params.get('after');
  const before = params.get('before');
  const size = Number(params.get('size'));
  return {
    state: (QUEUE_STATE_FILTERS as readonly (string | null)[]).includes(state) ? (state as QueueStateFilter) : 'active',
    kind: (PARTY_KINDS as readonly (string | null)[]).includes(kind) ? (kind as PartyKind) : null,
    q: (params.get('q') ?? '').trim().slice(0, 300),
    after: after && CURSOR.test(after) ? after : null,
    before: !after && before && CURSOR.test(before) ? before : null,
    size: (QUEUE_PAGE_SIZES as readonly number[]).includes(size) ? size : QUEUE_PAGE_SIZE,
  };
}

/** The state a filter asks the api for; none for `active`: the api then lists what still needs an officer (open and pending_second). */
export function stateParam(filter: QueueStateFilter): MatchState | null {
  return filter === 'active' ? null : filter;
}

/**
 * The screening queue (issue 13): every potential match of a screened party with a sanctions list entry, the ones
 * that still need an officer first. Filters by state, kind of party and a search (a name, an organization or a reference), all in the
 * address so a link or the back button keeps them; each row links to the match, where it is resolved.
 */
@Component({
  selector: 'mz-sanctions-queue-page',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    KeysetPaginatorComponent,
    MatSelectModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    RouterLink,
    SanctionsTabsComponent,
    ScoreBarComponent,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../shared/sanctions.scss'],
  template: `
    <mz-page-header [title]="'sanctions.page.title' | t" [intro]="'sanctions.queue.intro' | t" headingTestId="queue-heading" />
    <mz-sanctions-tabs>
      <h2 class="mz-visually-hidden">{{ 'sanctions.queue.title' | t }}</h2>

      <div class="filters">
        <mat-chip-listbox
          [attr.aria-label]="'sanctions.queue.stateFilter' | t"
          [value]="filters().state"
          [hideSingleSelectionIndicator]="true"
          data-testid="queue-state-filter"
          (change)="setState($event)"
        >
          @for (f of stateFilters; track f) {
            <mat-chip-option [value]="f" [attr.data-testid]="'queue-state-' + f">{{ stateFilterKey(f) | t }}</mat-chip-option>
          }
        </mat-chip-listbox>
        <div class="fields" [formGroup]="form">
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>{{ 'sanctions.queue.kindLabel' | t }}</mat-label>
            <mat-select formControlName="kind" data-testid="queue-kind" (selectionChange)="setKind($event.value)">
              <mat-option value="">{{ 'sanctions.queue.kindAll' | t }}</mat-option>
              @for (k of partyKinds; track k) {
                <mat-option [value]="k">{{ partyKindKey(k) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field subscriptSizing="dynamic" class="search">
            <mat-label>{{ 'sanctions.queue.search' | t }}</mat-label>
            <mat-icon matPrefix svgIcon="search" />
            <input matInput type="search" formControlName="q" maxlength="300" dir="auto" autocomplete="off" data-testid="queue-search" />
            <mat-hint>{{ 'sanctions.queue.searchHint' | t }}</mat-hint>
          </mat-form-field>
        </div>
      </div>

      <mz-loading-bar [loading]="loading()" />
      <mz-form-problem [problem]="problem()" testId="queue-error" />
      @if (problem()) {
        <button mat-button type="button" data-testid="queue-retry" (click)="retry()">{{ 'common.retry' | t }}</button>
      }
      <p class="summary" role="status" aria-live="polite" data-testid="queue-count">
        @if (!loading() && !problem()) {
          @if (pageMeta().totalCapped) {
            {{ 'sanctions.queue.countCapped' | t: { count: pageMeta().total, filter: (stateFilterKey(filters().state) | t) } }}
          } @else {
            {{ 'sanctions.queue.count' | tp: { count: pageMeta().total, filter: (stateFilterKey(filters().state) | t) } }}
          }
        }
      </p>

      @if (loaded()) {
        <mz-table-frame [label]="'sanctions.queue.caption' | t" [empty]="rows().length === 0">
          <table class="queue-table" data-testid="queue-table">
            <caption class="mz-visually-hidden">{{ 'sanctions.queue.caption' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'sanctions.queue.col.name' | t }}</th>
                <th scope="col">{{ 'sanctions.queue.col.party' | t }}</th>
                <th scope="col">{{ 'sanctions.queue.col.entry' | t }}</th>
                <th scope="col">{{ 'sanctions.queue.col.score' | t }}</th>
                <th scope="col">{{ 'sanctions.queue.col.state' | t }}</th>
                <th scope="col">{{ 'sanctions.queue.col.raised' | t }}</th>
                <th scope="col">{{ 'sanctions.queue.col.proposed' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (m of rows(); track m.id) {
                <tr data-testid="queue-row" [attr.data-match-id]="m.id" [attr.data-state]="m.state" (click)="openRow(m, $event)">
                  <td>
                    <a class="name" data-testid="queue-link" [routerLink]="['/sanctions/matches', m.id]" dir="auto">{{ m.screenedName }}</a>
                  </td>
                  <td>
                    <span class="line">{{ partyKindKey(m.party.kind) | t }}</span>
                    <span class="line muted small"><bdi>{{ m.party.organizationName }}</bdi></span>
                    @if (m.party.partnerName) {
                      <span class="line muted small">{{ 'sanctions.party.partnerOf' | t: { name: m.party.partnerName } }}</span>
                    }
                  </td>
                  <td>
                    <span class="line" dir="auto">{{ m.entryName }}</span>
                    <span class="line muted small"><bdi dir="ltr" class="mz-code">{{ m.reference }}</bdi></span>
                  </td>
                  <td class="score-cell">
                    <mz-score-bar class="score" [score]="m.score" testId="queue-score" />
                    @if (m.high) {
                      <mz-tone-badge tone="bad" data-testid="queue-high">{{ 'sanctions.queue.high' | t }}</mz-tone-badge>
                    }
                  </td>
                  <td>
                    <mz-tone-badge [tone]="matchStateTone(m.state)" data-testid="queue-state">{{ matchStateKey(m.state) | t }}</mz-tone-badge>
                  </td>
                  <td class="nowrap">{{ dateTime(m.raisedAt) }}</td>
                  <td>
                    @if (m.proposedBy; as who) {
                      <bdi>{{ who.name }}</bdi>
                    } @else {
                      <span class="muted">—</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
          <mz-empty-state
            mzEmpty
            data-testid="queue-empty"
            icon="verified"
            [title]="(filtered() ? 'sanctions.queue.emptyFiltered' : 'sanctions.queue.emptyTitle') | t"
            [body]="(filtered() ? 'sanctions.queue.emptyFilteredBody' : 'sanctions.queue.emptyBody') | t"
          >
            @if (filtered()) {
              <button mat-stroked-button type="button" data-testid="queue-clear-filters" (click)="clearFilters()">{{ 'sanctions.queue.clearFilters' | t }}</button>
            }
          </mz-empty-state>
          <mz-keyset-paginator
            mzPaginator
            data-testid="queue-paginator"
            [page]="pageMeta()"
            [disabled]="loading()"
            [pageSizeOptions]="pageSizes"
            (request)="onPage($event)"
          />
        </mz-table-frame>
      }
    </mz-sanctions-tabs>
  `,
  styles: `
    .filters {
      display: flex;
      flex-direction: column;
      gap: 12px;
      margin-block: 16px 8px;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
    }
    .fields mat-form-field {
      flex: 1 1 14rem;
      min-width: 0;
    }
    .fields .search {
      flex-basis: 20rem;
    }
    .summary {
      margin: 8px 0;
      color: var(--mat-sys-on-surface-variant);
      min-height: 1.5em;
    }
    .queue-table {
      width: 100%;
      border-collapse: collapse;
    }
    .queue-table th,
    .queue-table td {
      padding: 8px;
      text-align: start;
      vertical-align: top;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .queue-table tbody tr {
      cursor: pointer;
    }
    .queue-table tbody tr:hover {
      background: var(--mat-sys-surface-container-low);
    }
    .queue-table th {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .name {
      display: inline-block;
      min-height: 24px;
      font-weight: 600;
      overflow-wrap: anywhere;
      unicode-bidi: plaintext;
    }
    .score-cell {
      min-width: 7rem;
    }
    .score {
      margin-block-end: 4px;
    }
  `,
})
export class SanctionsQueuePage {
  protected readonly matchStateKey = matchStateKey;
  protected readonly matchStateTone = matchStateTone;
  protected readonly partyKindKey = partyKindKey;
  protected readonly stateFilters = QUEUE_STATE_FILTERS;
  protected readonly partyKinds = PARTY_KINDS;
  protected readonly pageSizes = [...QUEUE_PAGE_SIZES];

  private readonly api = inject(SanctionsApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(queueFilters)), { initialValue: queueFilters(this.route.snapshot.queryParamMap) });
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.state !== 'active' || f.kind !== null || f.q !== '';
  });
  protected readonly form = inject(NonNullableFormBuilder).group({ kind: this.filters().kind ?? '', q: this.filters().q });

  protected readonly rows = signal<ScreeningMatchView[]>([]);
  protected readonly pageMeta = signal<KeysetPageMeta>({ items: [], pageSize: QUEUE_PAGE_SIZE, next: null, previous: null, total: 0, totalCapped: false });
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  private readonly reloads = signal(0);

  constructor() {
    const request = computed(() => ({ filters: this.filters(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(({ filters }) => {
          this.loading.set(true);
          this.problem.set(null);
          // The address changed from outside (back button, a link): the fields follow it without asking again.
          this.form.patchValue({ kind: filters.kind ?? '', q: filters.q }, { emitEvent: false });
        }),
        switchMap(({ filters }) =>
          this.api
            .matches({ state: stateParam(filters.state), partyKind: filters.kind, q: filters.q || null, after: filters.after, before: filters.before, pageSize: filters.size })
            .pipe(
              map((page) => ({ page, error: null })),
              catchError((error: unknown) => of({ page: null, error: toWebError(error) })),
            ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ page, error }) => {
        this.loading.set(false);
        if (page) {
          this.rows.set(page.items);
          this.pageMeta.set(page);
          this.loaded.set(true);
        } else if (error) {
          this.problem.set(errorMessage(error));
        }
      });

    this.form.controls.q.valueChanges
      .pipe(
        map((q) => q.trim()),
        debounceTime(QUEUE_SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => {
        if (q !== this.filters().q) this.navigate({ q: q || null, after: null, before: null });
      });
  }

  protected stateFilterKey(filter: QueueStateFilter): TranslationKey {
    return filter === 'active' ? 'sanctions.queue.filter.active' : matchStateKey(filter);
  }

  protected setState(event: MatChipListboxChange): void {
    const value = event.value as QueueStateFilter | undefined;
    // A click on the chip already chosen unselects it: keep it chosen, one state filter always applies.
    if (value === undefined) {
      event.source.value = this.filters().state;
      return;
    }
    this.navigate({ state: value === 'active' ? null : value, after: null, before: null });
  }

  protected setKind(value: PartyKind | ''): void {
    this.navigate({ kind: value || null, after: null, before: null });
  }

  protected onPage(request: KeysetRequest): void {
    this.navigate({ after: request.after ?? null, before: request.before ?? null, size: request.pageSize === QUEUE_PAGE_SIZE ? null : request.pageSize });
  }

  protected clearFilters(): void {
    this.form.setValue({ kind: '', q: '' }, { emitEvent: false });
    void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
  }

  /** A click anywhere on a row opens its match, as its link does (the link is what the keyboard reaches). */
  protected openRow(match: ScreeningMatchView, event: MouseEvent): void {
    if ((event.target as Element | null)?.closest('a, button')) return;
    void this.router.navigate(['/sanctions/matches', match.id]);
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected dateTime(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  private navigate(queryParams: Record<string, string | number | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
