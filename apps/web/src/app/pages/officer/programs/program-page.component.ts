import { NgTemplateOutlet } from '@angular/common';
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
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { CallView, ProgramView } from '@mizan/contracts';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { CountryPipe } from '../../../core/i18n/country-names';
import { DigitsPipe } from '../../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../shared/money';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { type ColumnPlan, foldedColumns, injectViewportTier, shownColumns } from '../../../core/ui/viewport';
import { formatInZone, formatIsoDate, formatLocal } from '../shared/zones';
import { ProgramsApiService } from './programs-api.service';

type CallColumn = 'title' | 'status' | 'version' | 'window' | 'envelope' | 'submitted' | 'actions';
const CALL_COLUMNS: ColumnPlan<CallColumn> = [
  ['title', 'phone'],
  ['status', 'tablet'],
  ['version', 'wide'],
  ['window', 'desktop'],
  ['envelope', 'tablet'],
  ['submitted', 'desktop'],
  ['actions', 'phone'],
];

@Component({
  selector: 'mz-program-page',
  imports: [
    EmptyStateComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    NgTemplateOutlet,
    PageHeaderComponent,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    CountryPipe, DigitsPipe, TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-page.component.html',
  styleUrl: '../shared/officer-page.scss',
})
export class ProgramPageComponent {
  private readonly api = inject(ProgramsApiService);
  protected readonly i18n = inject(I18nService);

  /** Route parameter. */
  readonly programId = input.required<string>();

  /** The title and the way to screening stay on a phone; what folds is written under the title. */
  private readonly tier = injectViewportTier();
  protected readonly columns = computed(() => shownColumns(CALL_COLUMNS, this.tier()));
  protected readonly folded = computed(() => new Set<CallColumn>(foldedColumns(CALL_COLUMNS, this.tier())));
  protected readonly program = signal<ProgramView | null>(null);
  protected readonly calls = signal<CallView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadErrorText = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  private readonly reloads = signal(0);

  constructor() {
    const request = computed(() => ({ id: this.programId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.loadError.set(null);
        }),
        switchMap(({ id }) =>
          forkJoin({
            program: this.api.getProgram(id),
            calls: this.api.listCalls(id),
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
          this.program.set(data.program);
          this.calls.set(data.calls);
        } else {
          this.loadError.set(error);
        }
      });
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected money(minor: string, call: { currency: ProgramView['currency'] }): string {
    return formatMoney(minor, call.currency, this.i18n.locale());
  }

  protected date(iso: string): string {
    return formatIsoDate(iso, this.i18n.locale());
  }

  protected inZone(iso: string, zone: string): string {
    return formatInZone(iso, zone, this.i18n.locale());
  }

  protected local(iso: string): string {
    return formatLocal(iso, this.i18n.locale());
  }
}
