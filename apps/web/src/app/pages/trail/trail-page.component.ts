import { JsonPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import {
  MatPaginatorModule,
  type PageEvent,
} from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute } from '@angular/router';
import type { ActivityRecordView } from '@mizan/contracts';
import { catchError, combineLatest, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import { SessionService } from '../../core/auth/session.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TrailApiService } from './trail-api.service';
import { TrailExportComponent } from './trail-export.component';
import {
  EMPTY_FILTERS,
  shortHash,
  toTrailQuery,
  type TrailFilters,
} from './trail-filters';
import { TrailVerifyComponent } from './trail-verify.component';

function toNotBeforeFrom(group: AbstractControl): ValidationErrors | null {
  const from = group.get('from')?.value as string | undefined;
  const to = group.get('to')?.value as string | undefined;
  return from && to && to < from ? { toBeforeFrom: true } : null;
}

@Component({
  selector: 'mz-trail-page',
  imports: [
    JsonPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    ReactiveFormsModule,
    TrailExportComponent,
    TrailVerifyComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './trail-page.component.html',
  styleUrl: './trail-page.component.scss',
})
export class TrailPageComponent {
  private readonly api = inject(TrailApiService);
  private readonly sessions = inject(SessionService);
  private readonly route = inject(ActivatedRoute);
  /** `?seq=` (the ledger statement's link): the record to open once it is on the page. */
  protected readonly focusSeq = signal<string | null>(null);
  protected readonly i18n = inject(I18nService);

  protected readonly columns = [
    'time',
    'actor',
    'action',
    'entity',
    'hash',
    'details',
  ] as const;
  protected readonly pageSizes = [10, 25, 50, 100];
  protected readonly canVerify = computed(() =>
    this.sessions.hasAny(['trail.verify']),
  );
  protected readonly canExport = computed(() =>
    this.sessions.hasAny(['trail.export']),
  );

  protected readonly filterForm = inject(NonNullableFormBuilder).group(
    { actor: '', entityType: '', entityId: '', from: '', to: '' },
    { validators: toNotBeforeFrom },
  );

  private readonly filters = signal<TrailFilters>(EMPTY_FILTERS);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(25);
  private readonly reloads = signal(0);

  protected readonly rows = signal<ActivityRecordView[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadErrorText = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly trackBySeq = (
    _index: number,
    row: ActivityRecordView,
  ): string => row.seq;

  constructor() {
    // A link may carry filters that work on the api (entityType, entityId) and the record's seq.
    const params = this.route.snapshot.queryParamMap;
    const linked = {
      ...EMPTY_FILTERS,
      entityType: params.get('entityType') ?? '',
      entityId: params.get('entityId') ?? '',
    };
    if (linked.entityType || linked.entityId) {
      this.filterForm.patchValue(linked);
      this.filters.set(linked);
    }
    this.focusSeq.set(params.get('seq'));
    const query = computed(() =>
      toTrailQuery(this.filters(), this.page(), this.pageSize()),
    );
    combineLatest([toObservable(query), toObservable(this.reloads)])
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.loadError.set(null);
        }),
        switchMap(([q]) =>
          this.api.list(q).pipe(
            map((page) => ({ page, error: null })),
            catchError((error: unknown) =>
              of({ page: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ page, error }) => {
        this.loading.set(false);
        if (page) {
          this.rows.set(page.items);
          this.total.set(page.total);
          const seq = this.focusSeq();
          this.expanded.set(
            seq && page.items.some((r) => r.seq === seq) ? new Set([seq]) : new Set(),
          );
        } else {
          this.loadError.set(error);
        }
      });
  }

  protected applyFilters(): void {
    if (this.filterForm.invalid) {
      this.filterForm.markAllAsTouched();
      return;
    }
    this.filters.set(this.filterForm.getRawValue());
    this.page.set(1);
  }

  protected resetFilters(): void {
    this.filterForm.reset();
    this.filters.set(EMPTY_FILTERS);
    this.page.set(1);
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }

  protected isExpanded(row: ActivityRecordView): boolean {
    return this.expanded().has(row.seq);
  }

  protected toggle(row: ActivityRecordView): void {
    this.expanded.update((current) => {
      const next = new Set(current);
      if (!next.delete(row.seq)) next.add(row.seq);
      return next;
    });
  }

  protected formatTime(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected shortHash(hash: string): string {
    return shortHash(hash);
  }
}
