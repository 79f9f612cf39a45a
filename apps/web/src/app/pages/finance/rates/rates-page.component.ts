import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { ExchangeRateView, FieldError, RateImportResult } from '@mizan/contracts';
import { CURRENCIES } from '@mizan/domain';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import {
  TranslatePluralPipe,
  translatePlural,
} from '../../../core/i18n/translate-plural.pipe';
import type { FormProblem } from '../../../core/ui/form-problem.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { FinanceApiService, type RateFilter } from '../shared/finance-api.service';
import { AddRateDialogComponent } from './add-rate-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';

/** A central bank's CSV may be large, but not endless. */
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Exchange rates: the published rates a payment uses on its value date; add one, or import a central bank's CSV. */
@Component({
  selector: 'mz-rates-page',
  imports: [
    TableFrameComponent,
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    ReactiveFormsModule,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rates-page.component.html',
  styleUrls: [
    '../../officer/shared/officer-page.scss',
    '../shared/finance-page.scss',
  ],
  styles: `
    .import {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
    }
    .import mat-form-field {
      width: 200px;
    }
    .row-errors {
      margin: 8px 0 0;
      padding-inline-start: 20px;
    }
  `,
})
export class RatesPageComponent {
  private readonly api = inject(FinanceApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  protected readonly currencies = CURRENCIES;
  protected readonly columns = ['date', 'pair', 'rate', 'source', 'added'];
  protected readonly pageSizes = [25, 50, 100, 200];

  protected readonly filterForm = inject(NonNullableFormBuilder).group({
    from: [''],
    to: [''],
    base: [''],
    quote: [''],
  });

  private readonly filter = signal<RateFilter>({});
  protected readonly page = signal(1);
  protected readonly pageSize = signal(50);
  private readonly reloads = signal(0);

  protected readonly rates = signal<ExchangeRateView[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');

  protected readonly importFile = signal<File | null>(null);
  protected readonly importing = signal(false);
  protected readonly importResult = signal<RateImportResult | null>(null);
  protected readonly importProblem = signal<FormProblem | null>(null);
  protected readonly importErrors = signal<FieldError[]>([]);

  constructor() {
    const request = computed(() => ({
      filter: this.filter(),
      page: this.page(),
      pageSize: this.pageSize(),
      n: this.reloads(),
    }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(({ filter, page, pageSize }) =>
          this.api.rates(filter, page, pageSize).pipe(
            map((result) => ({ result, error: null })),
            catchError((error: unknown) => of({ result: null, error: toWebError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ result, error }) => {
        this.loading.set(false);
        if (result) {
          this.rates.set(result.items);
          this.total.set(result.total);
          this.announcement.set(
            translatePlural(this.i18n, 'finance.rates.loaded', { count: result.total }),
          );
        } else if (error) {
          this.problem.set(errorMessage(error));
        }
      });
  }

  protected applyFilter(): void {
    this.page.set(1);
    this.filter.set({ ...this.filterForm.getRawValue() });
  }

  protected clearFilter(): void {
    this.filterForm.reset();
    this.applyFilter();
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.page.set(event.pageIndex + 1);
  }

  protected add(): void {
    this.dialog
      .open<AddRateDialogComponent, void, ExchangeRateView>(AddRateDialogComponent, {
        width: '480px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((rate) => {
        if (!rate) return;
        const text = this.i18n.t('finance.rates.added', {
          base: rate.base,
          quote: rate.quote,
          rate: rate.rate,
          date: this.i18n.formatDate(rate.rateDate),
        });
        this.announcement.set(text);
        this.notifier.notify(text);
        this.reloads.update((n) => n + 1);
      });
  }

  protected pickFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.importResult.set(null);
    this.importErrors.set([]);
    this.importProblem.set(null);
    if (file && file.size > IMPORT_MAX_BYTES) {
      this.importProblem.set({ key: 'finance.rates.importTooLarge' });
      this.importFile.set(null);
      input.value = '';
      return;
    }
    this.importFile.set(file);
  }

  protected runImport(): void {
    const file = this.importFile();
    if (!file || this.importing()) {
      if (!file) this.importProblem.set({ key: 'finance.rates.importPick' });
      return;
    }
    this.importing.set(true);
    this.importProblem.set(null);
    this.importErrors.set([]);
    this.importResult.set(null);
    this.api.importRates(file).subscribe({
      next: (result) => {
        this.importing.set(false);
        this.importResult.set(result);
        const text = translatePlural(this.i18n, 'finance.rates.imported', {
          count: result.imported,
          skipped: result.skipped,
        });
        this.notifier.notify(text);
        this.reloads.update((n) => n + 1);
      },
      error: (error: unknown) => {
        this.importing.set(false);
        const web = toWebError(error);
        this.importErrors.set(web.fields);
        this.importProblem.set(
          web.fields.length > 0 ? { key: 'finance.rates.importErrors' } : errorMessage(web),
        );
      },
    });
  }
}
