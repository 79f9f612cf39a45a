import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type {
  ApplicationView,
  CallView,
  GovernorateView,
  KeysetPage,
  ProgramView,
  ScreeningQueueItem,
  ScreeningQueueSummary,
} from '@mizan/contracts';
import type { ApplicationAction } from '@mizan/domain';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ProgramsApiService } from '../programs/programs-api.service';
import { ddKey, stateKey } from '../shared/labels';
import { formatMoney } from '../shared/money';
import { ruleNameKey, ruleText } from '../shared/rules';
import {
  ddStanding,
  ddTone,
  eligibilityCount,
  stateTone,
} from '../shared/status';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { KeysetPaginatorComponent, type KeysetRequest, firstKeysetPage } from '../../../core/ui/keyset-paginator.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { type ColumnPlan, foldedColumns, injectViewportTier, shownColumns } from '../../../core/ui/viewport';
import { formatIsoDate, formatLocal } from '../shared/zones';
import { governorateName } from './governorate-names';
import { QueueChartComponent } from './queue-chart.component';
import { focusRow, nextRowIndex } from '../shared/row-keys';
import { type QueueQuery, ScreeningApiService } from './screening-api.service';
import {
  ScreeningDialogComponent,
  type ScreeningDialogData,
} from './screening-dialog.component';
import {
  QUEUE_STATES,
  type QueueColumn,
  type QueueFilter,
  SERVER_SORTS,
  officerActions,
  queueSummaryOf,
  summarizeQueue,
} from './screening-queue';

const QUEUE_COLUMNS: ColumnPlan<QueueColumn> = [
  ['receipt', 'wide'],
  ['organization', 'wide'],
  ['title', 'phone'],
  ['requested', 'tablet'],
  ['submitted', 'desktop'],
  ['state', 'phone'],
  ['eligibility', 'phone'],
  ['dueDiligence', 'desktop'],
  ['governorates', 'desktop'],
];

@Component({
  selector: 'mz-screening-page',
  imports: [
    EmptyStateComponent,
    KeysetPaginatorComponent,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    NgTemplateOutlet,
    PageHeaderComponent,
    QueueChartComponent,
    RouterLink,
    ScrollRegionComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './screening-page.component.html',
  styleUrls: ['../shared/officer-page.scss', './screening-page.component.scss'],
})
export class ScreeningPageComponent {
  private readonly programsApi = inject(ProgramsApiService);
  private readonly api = inject(ScreeningApiService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  /** Query parameters: the program and call whose queue is shown. */
  readonly program = input<string>();
  readonly call = input<string>();

  /** Title, state (with its actions) and the rules stay on a phone; the rest is written under the title. */
  private readonly tier = injectViewportTier();
  protected readonly columns = computed(() => shownColumns(QUEUE_COLUMNS, this.tier()));
  protected readonly folded = computed(() => new Set<QueueColumn>(foldedColumns(QUEUE_COLUMNS, this.tier())));
  protected readonly filters: readonly QueueFilter[] = ['all', ...QUEUE_STATES];
  protected readonly stateKey = stateKey;
  protected readonly stateTone = stateTone;
  protected readonly ruleNameKey = ruleNameKey;

  protected readonly programs = signal<ProgramView[]>([]);
  protected readonly calls = signal<CallView[]>([]);
  protected readonly governorates = signal<GovernorateView[]>([]);
  protected readonly queuePage = signal<KeysetPage<ScreeningQueueItem> | null>(null);
  protected readonly items = computed(() => this.queuePage()?.items ?? []);
  protected readonly summaryView = signal<ScreeningQueueSummary | null>(null);
  protected readonly search = signal('');
  protected readonly governorate = signal('');
  protected readonly loadingQueue = signal(false);
  protected readonly queueError = signal<WebError | null>(null);
  protected readonly pickerError = signal<WebError | null>(null);
  protected readonly actionError = signal<WebError | null>(null);
  protected readonly announcement = signal('');
  protected readonly busyId = signal<string | null>(null);

  protected readonly filter = signal<QueueFilter>('all');
  protected readonly sort = signal<Sort>({ active: 'submitted', direction: 'asc' });
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly active = signal(0);
  private readonly reloads = signal(0);

  protected readonly selectedCall = computed(
    () => this.calls().find((c) => c.id === this.call()) ?? null,
  );
  protected readonly publishedCalls = computed(() =>
    this.calls().filter((c) => c.status === 'published'),
  );
  protected readonly summary = computed(() => {
    const s = this.summaryView();
    return s ? queueSummaryOf(s) : summarizeQueue([]);
  });
  /** The api filters and sorts; the page shows what it sent. */
  protected readonly rows = computed(() => this.items());
  protected readonly sortable = SERVER_SORTS;
  /** The page asked for: the first whenever the call, a filter or the sort changes, then where the paginator goes. */
  protected readonly pageRequest = linkedSignal<unknown, KeysetRequest>({
    source: () => [this.call(), this.filter(), this.sort(), this.search(), this.governorate()],
    computation: (_, previous) => firstKeysetPage(previous?.value.pageSize ?? 50),
  });
  protected readonly problem = computed(() => {
    const error = this.queueError() ?? this.pickerError() ?? this.actionError();
    return error ? errorMessage(error) : null;
  });

  constructor() {
    this.programsApi
      .listPrograms()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (programs) => this.programs.set(programs),
        error: (error: unknown) => this.pickerError.set(toWebError(error)),
      });
    this.api
      .governorates()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.governorates.set(list),
        error: () => this.governorates.set([]),
      });

    toObservable(this.program)
      .pipe(
        switchMap((programId) =>
          programId
            ? this.programsApi.listCalls(programId).pipe(
                catchError((error: unknown) => {
                  this.pickerError.set(toWebError(error));
                  return of([] as CallView[]);
                }),
              )
            : of([] as CallView[]),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((calls) => {
        this.calls.set(calls);
        const published = calls.filter((c) => c.status === 'published');
        // One call in the program: show its queue straight away.
        if (!this.call() && published.length === 1) this.pickCall(published[0].id);
      });

    const summaryRequest = computed(() => ({ id: this.call(), n: this.reloads() }));
    toObservable(summaryRequest)
      .pipe(
        switchMap(({ id }) => (id ? this.api.summary(id).pipe(catchError(() => of(null))) : of(null))),
        takeUntilDestroyed(),
      )
      .subscribe((summary) => this.summaryView.set(summary));

    const queueRequest = computed(() => ({
      id: this.call(),
      n: this.reloads(),
      query: this.query(),
      page: this.pageRequest(),
    }));
    toObservable(queueRequest)
      .pipe(
        tap(({ id }) => {
          this.queueError.set(null);
          this.loadingQueue.set(!!id);
        }),
        switchMap(({ id, query, page }) =>
          id
            ? this.api.queue(id, query, page).pipe(
                map((items) => ({ items, error: null })),
                catchError((error: unknown) =>
                  of({ items: null, error: toWebError(error) }),
                ),
              )
            : of({ items: null, error: null }),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ items, error }) => {
        this.loadingQueue.set(false);
        if (items) {
          this.queuePage.set(items);
          this.expanded.set(new Set());
          this.active.set(0);
          this.announcement.set(
            this.i18n.t('officer.queue.loaded', { count: items.total }),
          );
        } else {
          this.queuePage.set(null);
          this.queueError.set(error);
        }
      });

    // Arrived with only a call (e.g. a shared link): find its program for the picker.
    toObservable(this.call)
      .pipe(
        switchMap((callId) =>
          callId && !this.program()
            ? this.programsApi.getCall(callId).pipe(catchError(() => of(null)))
            : of(null),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((call) => {
        if (call) this.navigate({ program: call.programId, call: call.id });
      });
  }

  protected pickProgram(programId: string): void {
    this.navigate({ program: programId, call: undefined });
  }

  protected pickCall(callId: string): void {
    this.navigate({ program: this.program(), call: callId });
  }

  private navigate(params: { program?: string; call?: string }): void {
    void this.router.navigate([], {
      queryParams: { program: params.program ?? null, call: params.call ?? null },
      replaceUrl: true,
    });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected setFilter(filter: QueueFilter): void {
    this.filter.set(filter);
    this.active.set(0);
    this.announcement.set(this.i18n.t('officer.queue.filtered', { count: this.filterCount(filter) }));
  }

  /** The api's query for the filters and sort on screen (a column the api cannot sort by keeps its order). */
  private readonly query = computed((): QueueQuery => {
    const sort = this.sort();
    const server = SERVER_SORTS[sort.active as QueueColumn];
    const filter = this.filter();
    return {
      state: filter === 'all' ? undefined : filter,
      search: this.search().trim() || undefined,
      governorate: this.governorate() || undefined,
      sort: server && sort.direction ? server : undefined,
      direction: server && sort.direction ? sort.direction : undefined,
    };
  });

  protected setSearch(text: string): void {
    this.search.set(text);
  }

  protected setGovernorate(code: string): void {
    this.governorate.set(code);
  }

  protected filterKey(filter: QueueFilter): TranslationKey {
    return filter === 'all' ? 'officer.queue.all' : stateKey(filter);
  }

  protected filterCount(filter: QueueFilter): number {
    return filter === 'all'
      ? this.summary().total
      : (this.summary().byState.find((s) => s.state === filter)?.count ?? 0);
  }

  protected isExpanded(item: ScreeningQueueItem): boolean {
    return this.expanded().has(item.id);
  }

  protected toggle(item: ScreeningQueueItem): void {
    this.expanded.update((current) => {
      const next = new Set(current);
      if (!next.delete(item.id)) next.add(item.id);
      return next;
    });
  }

  protected money(item: ScreeningQueueItem): string {
    return formatMoney(item.requestedMinor, item.currency, this.i18n.locale());
  }

  protected day(iso: string | null): string {
    return iso
      ? new Intl.DateTimeFormat(this.i18n.locale(), { dateStyle: 'short' }).format(new Date(iso))
      : '—';
  }

  protected clock(iso: string | null): string {
    return iso
      ? new Intl.DateTimeFormat(this.i18n.locale(), { timeStyle: 'short' }).format(new Date(iso))
      : '';
  }

  protected fullTime(iso: string | null): string {
    return iso ? formatLocal(iso, this.i18n.locale()) : '';
  }

  protected date(iso: string | null): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '';
  }

  protected counts(item: ScreeningQueueItem) {
    return eligibilityCount(item.eligibility);
  }

  protected rule(result: ScreeningQueueItem['eligibility'][number]): string {
    return ruleText(
      result,
      (key, params) => this.i18n.t(key, params),
      this.i18n.locale(),
    );
  }

  protected standing(item: ScreeningQueueItem) {
    return ddStanding(item.dueDiligence);
  }

  protected ddTone(item: ScreeningQueueItem) {
    return ddTone(ddStanding(item.dueDiligence));
  }

  protected ddKey(item: ScreeningQueueItem): TranslationKey {
    return ddKey(ddStanding(item.dueDiligence));
  }

  protected governorateLabel(code: string): string {
    return governorateName(code, this.i18n.lang(), this.governorates());
  }

  protected places(item: ScreeningQueueItem): string {
    return item.partnerGovernorates
      .map((code) => governorateName(code, this.i18n.lang(), this.governorates()))
      .join(', ');
  }

  protected actions(item: ScreeningQueueItem): ApplicationAction[] {
    return officerActions(item.state);
  }

  protected actionKey(action: ApplicationAction): TranslationKey {
    switch (action) {
      case 'start_screening':
      case 'mark_eligible':
      case 'mark_ineligible':
      case 'return_for_clarification':
        return `officer.action.${action}`;
      default:
        return 'officer.actions';
    }
  }

  protected act(item: ScreeningQueueItem, action: ApplicationAction): void {
    this.actionError.set(null);
    if (action === 'start_screening') {
      this.busyId.set(item.id);
      this.api.screen(item.id, { action, reason: null }).subscribe({
        next: (updated) => this.done(updated),
        error: (error: unknown) => {
          this.busyId.set(null);
          this.actionError.set(toWebError(error));
        },
      });
      return;
    }
    if (
      action !== 'mark_eligible' &&
      action !== 'mark_ineligible' &&
      action !== 'return_for_clarification'
    ) {
      return;
    }
    this.dialog
      .open<ScreeningDialogComponent, ScreeningDialogData, ApplicationView>(
        ScreeningDialogComponent,
        {
          width: '560px',
          maxWidth: '95vw',
          data: {
            applicationId: item.id,
            title: item.title,
            organization: item.organizationName,
            action,
          },
        },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.done(updated);
      });
  }

  private done(updated: ApplicationView): void {
    this.busyId.set(null);
    const text = this.i18n.t('officer.screen.done', {
      title: updated.title,
      state: this.i18n.t(stateKey(updated.state)),
    });
    this.announcement.set(text);
    this.notifier.notify(text);
    this.reload();
  }

  /** j / k or the arrow keys move between rows; Enter opens the focused application. */
  protected onKeydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (!target || target.closest('input, textarea, [role="menu"]')) return;
    const rows = this.rows();
    if (rows.length === 0) return;
    if (event.key === 'Enter') {
      if (target.matches('tr')) {
        event.preventDefault();
        this.open(rows[this.active()]);
      }
      return;
    }
    const next = nextRowIndex(event.key, this.active(), rows.length);
    if (next === null) return;
    event.preventDefault();
    this.active.set(next);
    focusRow(target, next);
  }


  protected open(item: ScreeningQueueItem | undefined): void {
    if (!item) return;
    void this.router.navigate(['/officer/screening/applications', item.id]);
  }
}
