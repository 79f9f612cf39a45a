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
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { BulkAssignResult, CallReviewerView } from '@mizan/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import {
  BulkAssignDialogComponent,
  type BulkAssignDialogData,
} from './bulk-assign-dialog.component';
import { LOAD_PARTS, type LoadPart, byLoad, reviewerLoads } from './charts';
import { ReviewApiService } from './review-api.service';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';

/** Each reviewer's load and progress in the call, and the bulk assignment that spreads the work. */
@Component({
  selector: 'mz-reviewers-tab',
  imports: [
    EmptyStateComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reviewers-tab.component.html',
  styleUrls: ['../shared/officer-page.scss', './reviewers-tab.component.scss'],
})
export class ReviewersTabComponent {
  private readonly api = inject(ReviewApiService);
  private readonly dialog = inject(MatDialog);
  protected readonly i18n = inject(I18nService);

  readonly callId = input.required<string>();

  protected readonly parts = LOAD_PARTS;
  protected readonly reviewers = signal<CallReviewerView[] | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ReturnType<typeof errorMessage> | null>(
    null,
  );
  protected readonly announcement = signal('');
  private readonly reloads = signal(0);

  protected readonly loads = computed(() =>
    reviewerLoads(byLoad(this.reviewers() ?? [])),
  );

  constructor() {
    const request = computed(() => ({ id: this.callId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(({ id }) =>
          this.api.reviewers(id).pipe(
            map((reviewers) => ({ reviewers, error: null })),
            catchError((error: unknown) =>
              of({ reviewers: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ reviewers, error }) => {
        this.loading.set(false);
        if (reviewers) this.reviewers.set(reviewers);
        else if (error) this.problem.set(errorMessage(error));
      });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected percent(value: number): string {
    return new Intl.NumberFormat(this.i18n.locale(), {
      style: 'percent',
    }).format(value / 100);
  }

  protected partKey(part: LoadPart): TranslationKey {
    return `board.load.${part}`;
  }

  protected bulkAssign(): void {
    this.dialog
      .open<BulkAssignDialogComponent, BulkAssignDialogData, BulkAssignResult>(
        BulkAssignDialogComponent,
        {
          width: '600px',
          maxWidth: '95vw',
          data: { callId: this.callId() },
        },
      )
      .afterClosed()
      .subscribe((result) => {
        // Closed with Escape after a run, the result is not handed back: reload either way.
        if (result)
          this.announcement.set(
            this.i18n.t('board.bulk.made', {
              count: this.i18n.formatNumber(result.assignments.length),
            }),
          );
        this.reload();
      });
  }
}
