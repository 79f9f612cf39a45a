import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  FinancePaths,
  type CashForecastView,
  type GrantStatementPage,
  type GrantSummaryView,
  type LedgerProgramView,
  type TrialBalanceView,
} from '@mizan/contracts';
import { Subject, catchError, forkJoin, from, map, of, startWith, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { readBlobError, saveDownload } from '../../../core/api/download';
import { SessionService } from '../../../core/auth/session.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { FormProblem } from '../../../core/ui/form-problem.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { FinanceApiService } from '../shared/finance-api.service';
import { accountKey } from '../shared/finance-labels';
import { ForecastChartComponent, monthName } from './forecast-chart.component';
import { forecastSeries, trialBalanceGroups } from './ledger-view';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { KeysetPaginatorComponent, firstKeysetPage, type KeysetRequest } from '../../../core/ui/keyset-paginator.component';

const TABS = ['trialBalance', 'statement', 'forecast'] as const;
type LedgerTab = (typeof TABS)[number];

/**
 * The ledger of a program: the trial balance per currency (debits equal
 * credits), a grant's statement with its running balance, and the cash forecast
 * by month; each as an XLSX file too.
 */
@Component({
  selector: 'mz-ledger-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    KeysetPaginatorComponent,
    ForecastChartComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTabsModule,
    MoneyTextComponent,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ledger-page.component.html',
  styleUrls: [
    '../../officer/shared/officer-page.scss',
    '../shared/finance-page.scss',
  ],
  styles: `
    .pickers {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .pickers mat-form-field {
      min-width: 280px;
    }
    .group {
      margin-block: 16px 24px;
    }
  `,
})
export class LedgerPageComponent {
  private readonly api = inject(FinanceApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  protected readonly tabs = TABS;
  protected readonly accountKey = accountKey;
  protected readonly tbColumns = ['account', 'scope', 'debit', 'credit', 'balance'];
  protected readonly stColumns = ['date', 'entry', 'account', 'debit', 'credit', 'balance', 'trail'];
  protected readonly fcColumns = ['month', 'planned', 'requested', 'paid'];
  protected readonly canReadTrail = computed(() => this.session.hasAny(['trail.read']));

  protected readonly programs = signal<LedgerProgramView[]>([]);
  protected readonly grants = signal<GrantSummaryView[]>([]);
  protected readonly programId = signal<string | null>(
    this.route.snapshot.queryParamMap.get('program'),
  );
  protected readonly grantId = signal<string | null>(
    this.route.snapshot.queryParamMap.get('grant'),
  );
  protected readonly tabIndex = signal(
    Math.max(0, TABS.indexOf(this.route.snapshot.queryParamMap.get('tab') as LedgerTab)),
  );

  protected readonly trialBalance = signal<TrialBalanceView | null>(null);
  protected readonly forecast = signal<CashForecastView | null>(null);
  protected readonly statement = signal<GrantStatementPage | null>(null);
  /** The statement's pages the paginator asks for; a new grant starts again at its first page. */
  private readonly statementPages = new Subject<KeysetRequest>();
  protected readonly loading = signal(false);
  protected readonly downloading = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');

  protected readonly groups = computed(() => {
    const tb = this.trialBalance();
    return tb ? trialBalanceGroups(tb) : [];
  });
  protected readonly series = computed(() => {
    const f = this.forecast();
    return f ? forecastSeries(f) : [];
  });

  constructor() {
    this.api
      .programs()
      .pipe(catchError((error: unknown) => {
        this.problem.set(errorMessage(toWebError(error)));
        return of<LedgerProgramView[]>([]);
      }), takeUntilDestroyed())
      .subscribe((programs) => {
        this.programs.set(programs);
        if (!this.programId() && programs.length > 0) this.pickProgram(programs[0].id);
      });
    this.api
      .grants()
      .pipe(catchError(() => of<GrantSummaryView[]>([])), takeUntilDestroyed())
      .subscribe((grants) => this.grants.set(grants));

    toObservable(this.programId)
      .pipe(
        switchMap((id) => {
          if (!id) return of(null);
          this.loading.set(true);
          this.problem.set(null);
          return forkJoin({
            tb: this.api.trialBalance(id),
            fc: this.api.cashForecast(id),
          }).pipe(
            map((r) => ({ ...r, error: null })),
            catchError((error: unknown) => of({ tb: null, fc: null, error: toWebError(error) })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        this.loading.set(false);
        if (!r) return;
        this.trialBalance.set(r.tb);
        this.forecast.set(r.fc);
        if (r.error) this.problem.set(errorMessage(r.error));
        else if (r.tb) {
          this.announcement.set(this.i18n.t('finance.ledger.loaded', { program: r.tb.programName }));
        }
      });

    toObservable(this.grantId)
      .pipe(
        tap(() => this.statement.set(null)),
        switchMap((id) =>
          id
            ? this.statementPages.pipe(
                startWith(firstKeysetPage(50)),
                switchMap((page) =>
                  this.api.grantStatement(id, page).pipe(
                    catchError((error: unknown) => {
                      this.problem.set(errorMessage(toWebError(error)));
                      return of(null);
                    }),
                  ),
                ),
              )
            : of(null),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((s) => this.statement.set(s));
  }

  /** The statement paginator's previous / next / first page or new size. */
  protected statementGo(request: KeysetRequest): void {
    this.statementPages.next(request);
  }

  private remember(): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        program: this.programId(),
        grant: this.grantId(),
        tab: TABS[this.tabIndex()],
      },
      replaceUrl: true,
    });
  }

  protected pickProgram(id: string): void {
    this.programId.set(id);
    this.remember();
  }

  protected pickGrant(id: string): void {
    this.grantId.set(id);
    this.remember();
  }

  protected selectTab(index: number): void {
    this.tabIndex.set(index);
    this.remember();
  }

  protected tabKey(tab: LedgerTab): TranslationKey {
    return `finance.ledger.tab.${tab}`;
  }

  protected accountName(code: string): string {
    const key = accountKey(code);
    return key ? this.i18n.t(key) : code;
  }

  protected month(m: string): string {
    return monthName(m, this.i18n.locale(), 'long');
  }

  protected download(tab: LedgerTab): void {
    const program = this.programId();
    const grant = this.grantId();
    let path: string | null = null;
    let fallback = 'ledger.xlsx';
    if (tab === 'trialBalance' && program) {
      path = FinancePaths.trialBalanceXlsx(encodeURIComponent(program));
      fallback = 'trial-balance.xlsx';
    } else if (tab === 'forecast' && program) {
      path = FinancePaths.cashForecastXlsx(encodeURIComponent(program));
      fallback = 'cash-forecast.xlsx';
    } else if (tab === 'statement' && grant) {
      path = FinancePaths.grantStatementXlsx(encodeURIComponent(grant));
      fallback = 'grant-statement.xlsx';
    }
    if (!path || this.downloading()) return;
    this.downloading.set(true);
    this.problem.set(null);
    this.api
      .xlsx(path)
      .pipe(catchError((error: unknown) => from(readBlobError(error)).pipe(map((e) => ({ failed: e })))))
      .subscribe((result) => {
        this.downloading.set(false);
        if ('failed' in result) {
          this.problem.set(errorMessage(result.failed));
          return;
        }
        const name = saveDownload(this.document, result, fallback);
        const text = this.i18n.t('finance.ledger.downloaded', { file: name });
        this.announcement.set(text);
        this.notifier.notify(text);
      });
  }
}
