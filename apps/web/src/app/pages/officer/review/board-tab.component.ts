import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
  linkedSignal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type {
  BoardReviewerView,
  BoardRowView,
  BoardSort,
  BoardView,
} from '@mizan/contracts';
import type {
  ApplicationState,
  AssignmentStatus,
  Recommendation,
} from '@mizan/domain';
import { catchError, from, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
} from '../../../core/api/api-error';
import { readBlobError, saveDownload } from '../../../core/api/download';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { KeysetPaginatorComponent, type KeysetRequest, firstKeysetPage } from '../../../core/ui/keyset-paginator.component';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FundingLineComponent } from './funding-line.component';
import { stateKey } from '../shared/labels';
import { formatMoney } from '../shared/money';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { type ColumnPlan, foldedColumns, injectViewportTier, shownColumns } from '../../../core/ui/viewport';
import {
  BOARD_STATES,
  type BoardFilter,
  type BoardItem,
  DEFAULT_BOARD_FILTER,
  assignmentIcon,
  boardItems,
  boardQuery,
  defaultDirection,
  formatScore,
  fundingLinePosition,
  isFiltered,
  isolate,
  orderedReviewers,
} from './board';
import { focusRow, nextRowIndex } from '../shared/row-keys';
import { ReviewApiService } from './review-api.service';
import {
  ThresholdDialogComponent,
  type ThresholdDialogData,
} from './threshold-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';

type BoardColumn = 'rank' | 'application' | 'requested' | 'reviewers' | 'score' | 'spread' | 'cumulative' | 'line';
const BOARD_COLUMNS: ColumnPlan<BoardColumn> = [
  ['rank', 'phone'],
  ['application', 'phone'],
  ['requested', 'tablet'],
  ['reviewers', 'desktop'],
  ['score', 'phone'],
  ['spread', 'tablet'],
  ['cumulative', 'wide'],
  ['line', 'tablet'],
];

const SORT_COLUMNS: Readonly<Record<string, BoardSort>> = {
  rank: 'rank',
  application: 'title',
  requested: 'requested',
  score: 'score',
  spread: 'spread',
};

/**
 * The review board: the call's applications ranked by mean weighted score,
 * with the funding line drawn where the envelope runs out. Sorting and
 * filtering happen on the api (the export uses the same query).
 */
@Component({
  selector: 'mz-board-tab',
  imports: [
    KeysetPaginatorComponent,
    EmptyStateComponent,
    FundingLineComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatSortModule,
    MatTableModule,
    NgTemplateOutlet,
    RouterLink,
    ScrollRegionComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './board-tab.component.html',
  styleUrls: ['../shared/officer-page.scss', './board-tab.component.scss'],
})
export class BoardTabComponent {
  private readonly api = inject(ReviewApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);

  readonly callId = input.required<string>();
  readonly filter = input<BoardFilter>(DEFAULT_BOARD_FILTER);
  readonly filterChange = output<BoardFilter>();

  /** Rank, title and score stay on a phone; the rest fold into the row's details (see `shownColumns`). */
  private readonly tier = injectViewportTier();
  protected readonly shown = computed(() => new Set<BoardColumn>(shownColumns(BOARD_COLUMNS, this.tier())));
  /** Below a desktop the folded columns open under the row; on a desktop only the cumulative sum folds, under the amount. */
  protected readonly expandable = computed(() => this.tier() === 'phone' || this.tier() === 'tablet');
  protected readonly columns = computed(() => [
    ...shownColumns(BOARD_COLUMNS, this.tier()),
    ...(this.expandable() ? ['expand'] : []),
  ]);
  protected readonly folded = computed(() => new Set<BoardColumn>(foldedColumns(BOARD_COLUMNS, this.tier())));
  private readonly opened = signal<ReadonlySet<string>>(new Set());
  protected readonly states = BOARD_STATES;
  protected readonly stateKey = stateKey;
  protected readonly assignmentIcon = assignmentIcon;

  protected readonly board = signal<BoardView | null>(null);
  protected readonly loading = signal(true);
  protected readonly downloading = signal(false);
  protected readonly problem = signal<ReturnType<typeof errorMessage> | null>(
    null,
  );
  protected readonly announcement = signal('');
  protected readonly active = signal(0);
  private readonly reloads = signal(0);

  /** The page asked for: the first one whenever the call or the filter changes, then where the paginator goes. */
  protected readonly pageRequest = linkedSignal<unknown, KeysetRequest>({
    source: () => [this.callId(), this.filter()],
    computation: (_, previous) => firstKeysetPage(previous?.value.pageSize ?? 50),
  });
  protected readonly rows = computed(() => this.board()?.items ?? []);
  protected readonly linePosition = computed(() =>
    fundingLinePosition(
      this.rows(),
      this.filter().sort,
      this.filter().direction,
      this.board()?.fundingLine.aboveCount,
    ),
  );
  protected readonly items = computed(() =>
    boardItems(this.rows(), this.linePosition()),
  );
  protected readonly filtered = computed(() => isFiltered(this.filter()));
  protected readonly sortActive = computed(
    () =>
      Object.entries(SORT_COLUMNS).find(
        ([, s]) => s === this.filter().sort,
      )?.[0] ?? 'rank',
  );
  protected readonly isRow = (_: number, item: BoardItem) =>
    item.kind === 'row';
  protected readonly isLine = (_: number, item: BoardItem) =>
    item.kind === 'line';

  protected isOpen(row: BoardRowView): boolean {
    return this.expandable() && this.opened().has(row.applicationId);
  }

  protected toggleRow(row: BoardRowView): void {
    const next = new Set(this.opened());
    if (next.has(row.applicationId)) next.delete(row.applicationId);
    else next.add(row.applicationId);
    this.opened.set(next);
  }

  constructor() {
    const request = computed(() => ({
      id: this.callId(),
      filter: this.filter(),
      page: this.pageRequest(),
      n: this.reloads(),
    }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(({ id, filter, page }) =>
          this.api.board(id, { ...boardQuery(filter), ...page }).pipe(
            map((board) => ({ board, error: null })),
            catchError((error: unknown) =>
              of({ board: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ board, error }) => {
        this.loading.set(false);
        if (board) {
          this.board.set(board);
          this.active.set(0);
          this.announcement.set(
            this.i18n.t('board.loaded', {
              count: this.i18n.formatNumber(board.total),
            }),
          );
        } else if (error) {
          this.problem.set(errorMessage(error));
        }
      });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected money(minor: string | null): string {
    const board = this.board();
    if (minor === null || !board) return '—';
    return formatMoney(minor, board.currency, this.i18n.locale());
  }

  /** An amount for a translated sentence. */
  protected moneyIn(minor: string): string {
    return isolate(this.money(minor));
  }

  protected score(value: number | null): string {
    return formatScore(value, this.i18n.locale());
  }

  protected reviewers(row: BoardRowView): BoardReviewerView[] {
    return orderedReviewers(row.reviewers);
  }

  protected statusKey(status: AssignmentStatus): TranslationKey {
    return `board.status.${status}`;
  }

  protected recommendationKey(recommendation: Recommendation): TranslationKey {
    return `board.recommendation.${recommendation}`;
  }

  protected stateTone(state: ApplicationState) {
    switch (state) {
      case 'approved':
        return 'good' as const;
      case 'rejected':
        return 'bad' as const;
      case 'reserve':
        return 'warn' as const;
      default:
        return 'info' as const;
    }
  }

  protected onSort(sort: Sort): void {
    const column = SORT_COLUMNS[sort.active];
    if (!column || sort.direction === '') {
      this.change({ sort: 'rank', direction: 'asc' });
      return;
    }
    this.change({ sort: column, direction: sort.direction });
  }

  protected sortByRank(): void {
    this.change({ sort: 'rank', direction: defaultDirection('rank') });
  }

  protected change(patch: Partial<BoardFilter>): void {
    this.filterChange.emit({ ...this.filter(), ...patch });
  }

  protected clearFilters(): void {
    this.change({ disagreement: false, line: null, state: null });
  }

  protected editThreshold(): void {
    const board = this.board();
    if (!board) return;
    this.dialog
      .open<ThresholdDialogComponent, ThresholdDialogData, BoardView>(
        ThresholdDialogComponent,
        {
          width: '520px',
          maxWidth: '95vw',
          data: {
            callId: board.callId,
            threshold: board.disagreementThreshold,
          },
        },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        const text = this.i18n.t('board.threshold.done', {
          value: this.score(updated.disagreementThreshold),
        });
        this.announcement.set(text);
        this.notifier.notify(text);
        this.reload();
      });
  }

  protected download(): void {
    if (this.downloading()) return;
    const callId = this.callId();
    this.downloading.set(true);
    this.problem.set(null);
    this.api
      .boardXlsx(callId, boardQuery(this.filter()))
      .pipe(
        catchError((error: unknown) =>
          from(readBlobError(error)).pipe(map((e) => ({ failed: e }))),
        ),
      )
      .subscribe((result) => {
        this.downloading.set(false);
        if ('failed' in result) {
          this.problem.set(errorMessage(result.failed));
          return;
        }
        const name = saveDownload(this.document, result, `board-${callId}.xlsx`);
        this.announcement.set(this.i18n.t('board.xlsx.done', { file: name }));
      });
  }

  protected open(row: BoardRowView | undefined): void {
    if (!row) return;
    void this.router.navigate([
      '/officer/review',
      this.callId(),
      'applications',
      row.applicationId,
    ]);
  }

  /** A click anywhere on a row opens it, unless it was on a link or button inside. */
  protected onRowClick(event: MouseEvent, row: BoardRowView): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('a, button')) return;
    this.open(row);
  }

  /** j / k or the arrow keys move between rows; Enter opens the focused application. */
  protected onKeydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (!target?.matches('tr')) return;
    const rows = this.rows();
    if (rows.length === 0) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.open(rows[this.active()]);
      return;
    }
    const next = nextRowIndex(event.key, this.active(), rows.length);
    if (next === null) return;
    event.preventDefault();
    this.active.set(next);
    focusRow(target, next);
  }

}
