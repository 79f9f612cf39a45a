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
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NgTemplateOutlet } from '@angular/common';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ActivityRecordView, TrailAction, TrailEntityType } from '@mizan/contracts';
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
import type { TranslationKey } from '../../core/i18n/catalog';
import {
  KeysetPaginatorComponent,
  firstKeysetPage,
  type KeysetPageMeta,
  type KeysetRequest,
} from '../../core/ui/keyset-paginator.component';
import { TrailChangesComponent } from './trail-changes.component';
import {
  EMPTY_FILTERS,
  shortHash,
  toFilterSet,
  toTrailQuery,
  type TrailFilters,
} from './trail-filters';
import {
  ACTION_CHOICES,
  ENTITY_CHOICES,
  actionKey,
  entityKey,
  entityLink,
  type EntityLink,
} from './trail-labels';
import { TrailVerifyComponent } from './trail-verify.component';

function toNotBeforeFrom(group: AbstractControl): ValidationErrors | null {
  const from = group.get('from')?.value as string | undefined;
  const to = group.get('to')?.value as string | undefined;
  return from && to && to < from ? { toBeforeFrom: true } : null;
}

@Component({
  selector: 'mz-trail-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    KeysetPaginatorComponent,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    TrailChangesComponent,
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

  /**
   * Every column is rendered; which ones show depends on the table's own width (container queries in the
   * stylesheet): wide — all; medium — no hash; narrow — action (with time and actor under it) and the toggle.
   * What a column hides is in the record's expandable details line.
   */
  protected readonly columns = [
    'time',
    'actor',
    'action',
    'entity',
    'hash',
    'details',
  ] as const;
  protected readonly canVerify = computed(() =>
    this.sessions.hasAny(['trail.verify']),
  );
  protected readonly canExport = computed(() =>
    this.sessions.hasAny(['trail.export']),
  );

  protected readonly filterForm = inject(NonNullableFormBuilder).group(
    { actor: '', action: '', entityType: '', entityId: '', from: '', to: '' },
    { validators: toNotBeforeFrom },
  );

  private readonly filters = signal<TrailFilters>(EMPTY_FILTERS);
  /** The page asked for: the first, or after / before a cursor of the page on show. */
  protected readonly request = signal<KeysetRequest>(firstKeysetPage(25));
  private readonly reloads = signal(0);

  /** The filters applied (not the ones being typed): the export lists the same records. */
  protected readonly appliedFilters = computed(() => toFilterSet(this.filters()));
  /** Choices sorted by their label in the reader's language. */
  protected readonly actionChoices = computed(() => this.sortedChoices(ACTION_CHOICES, (a: TrailAction) => `trail.action.${a}` as const));
  protected readonly entityChoices = computed(() =>
    this.sortedChoices(
      ENTITY_CHOICES.filter((e) => e !== 'grant_call'),
      (e: TrailEntityType) => `trail.entity.${e}` as const,
    ),
  );

  protected readonly rows = signal<ActivityRecordView[]>([]);
  /** user id → display name, for the users the page's records name. */
  protected readonly names = signal<Readonly<Record<string, string>>>({});
  /** The cursors and capped count of the page on show, for the paginator. */
  protected readonly pageMeta = signal<KeysetPageMeta>({ items: [], pageSize: 25, next: null, previous: null, total: 0, totalCapped: false });
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
      action: params.get('action') ?? '',
      entityType: params.get('entityType') ?? '',
      entityId: params.get('entityId') ?? '',
    };
    if (linked.action || linked.entityType || linked.entityId) {
      this.filterForm.patchValue(linked);
      this.filters.set(linked);
    }
    this.focusSeq.set(params.get('seq'));
    const query = computed(() =>
      toTrailQuery(this.filters(), this.request()),
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
          this.names.set(page.names ?? {});
          this.pageMeta.set(page);
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
    this.request.set(firstKeysetPage(this.request().pageSize));
  }

  protected resetFilters(): void {
    this.filterForm.reset();
    this.filters.set(EMPTY_FILTERS);
    this.request.set(firstKeysetPage(this.request().pageSize));
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
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

  protected actionKey(action: string): TranslationKey | null {
    return actionKey(action);
  }

  protected entityKey(entityType: string): TranslationKey | null {
    return entityKey(entityType);
  }

  /** The actor's name when the api resolved it, else the label recorded (an email and address, or 'system'). */
  protected actorName(row: ActivityRecordView): string {
    if (row.actorId === null && row.actorLabel === 'system') return this.i18n.t('trail.actor.system');
    return (row.actorId && this.names()[row.actorId.toLowerCase()]) || row.actorLabel;
  }

  /** The recorded label under the name, when it says more (the login and the client address). */
  protected actorDetail(row: ActivityRecordView): string | null {
    return row.actorId && this.names()[row.actorId.toLowerCase()] ? row.actorLabel : null;
  }

  /** The kind of thing in words ("application"), for the link's accessible name. */
  protected entityWord(row: ActivityRecordView): string {
    const key = entityKey(row.entityType);
    return key ? this.i18n.t(key) : row.entityType;
  }

  protected entityName(row: ActivityRecordView): string | null {
    return row.entityType === 'user' ? (this.names()[row.entityId.toLowerCase()] ?? null) : null;
  }

  protected link(row: ActivityRecordView): EntityLink {
    return entityLink(row.entityType, row.entityId, (anyOf) => this.sessions.hasAny(anyOf));
  }

  private sortedChoices<T extends string>(choices: readonly T[], key: (choice: T) => TranslationKey): { value: T; label: string }[] {
    const collator = new Intl.Collator(this.i18n.locale());
    return choices.map((value) => ({ value, label: this.i18n.t(key(value)) })).sort((a, b) => collator.compare(a.label, b.label));
  }
}
