import { SelectionModel } from '@angular/cdk/collections';
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
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { BankFileView, PaymentView } from '@mizan/contracts';
import {
  catchError,
  forkJoin,
  from,
  map,
  of,
  switchMap,
  tap,
} from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { readBlobError, saveDownload } from '../../../core/api/download';
import { SessionService } from '../../../core/auth/session.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import {
  TranslatePluralPipe,
  translatePlural,
} from '../../../core/i18n/translate-plural.pipe';
import type { FormProblem } from '../../../core/ui/form-problem.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { FinanceApiService } from '../shared/finance-api.service';
import {
  DESK_TABS,
  type DeskTab,
  approvalCount,
  blockedKey,
  deskTabKey,
  paymentStateKey,
  paymentStateTone,
  screeningBlockMessage,
} from '../shared/finance-labels';
import {
  BankFileDialogComponent,
  type BankFileDialogData,
} from './bank-file-dialog.component';
import {
  ReleaseBankFileDialogComponent,
  type ReleaseBankFileDialogData,
} from './release-bank-file-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

type DeskLists = Readonly<Record<DeskTab, PaymentView[]>>;

const EMPTY_LISTS: DeskLists = {
  toApprove: [],
  toExecute: [],
  sent: [],
  paid: [],
  closed: [],
};

/**
 * Finance's payments desk: requests to approve, approved payments to put in a
 * bank file, payments at the bank, paid, and the rejected or cancelled ones.
 */
@Component({
  selector: 'mz-payments-desk-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    MatTabsModule,
    MoneyTextComponent,
    RouterLink,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './payments-desk-page.component.html',
  styleUrls: [
    '../../officer/shared/officer-page.scss',
    '../shared/finance-page.scss',
  ],
})
export class PaymentsDeskPageComponent {
  private readonly api = inject(FinanceApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  protected readonly tabs = DESK_TABS.map((t) => t.id);
  protected readonly tabKey = deskTabKey;
  protected readonly stateKey = paymentStateKey;
  protected readonly stateTone = paymentStateTone;
  protected readonly blockedKey = blockedKey;
  /** Issue 13: why a payment waits for sanctions screening. */
  protected readonly screeningBlock = screeningBlockMessage;
  protected readonly approvalCount = approvalCount;

  protected readonly lists = signal<DeskLists>(EMPTY_LISTS);
  protected readonly bankFiles = signal<BankFileView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');
  protected readonly tabIndex = signal(this.initialTab());
  private readonly reloads = signal(0);

  protected readonly selection = new SelectionModel<string>(true, []);
  protected readonly selected = signal<string[]>([]);
  protected readonly canExecute = computed(() =>
    this.session.hasAny(['payment.execute']),
  );

  protected readonly columns = computed(() => {
    const base = ['grant', 'tranche', 'amount', 'requested', 'approvals', 'state', 'open'];
    return this.tabs[this.tabIndex()] === 'toExecute' && this.canExecute()
      ? ['select', ...base]
      : base;
  });

  protected readonly selectedPayments = computed(() => {
    const ids = new Set(this.selected());
    return this.lists().toExecute.filter((p) => ids.has(p.id));
  });

  constructor() {
    toObservable(this.reloads)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(() =>
          forkJoin({
            toApprove: this.api.payments('requested'),
            toExecute: this.api.payments('approved'),
            sent: this.api.payments('sent_to_bank'),
            paid: this.api.payments('paid'),
            rejected: this.api.payments('rejected'),
            cancelled: this.api.payments('cancelled'),
          }).pipe(
            map((r) => ({
              lists: {
                toApprove: r.toApprove.items,
                toExecute: r.toExecute.items,
                sent: r.sent.items,
                paid: r.paid.items,
                closed: [...r.rejected.items, ...r.cancelled.items].sort(
                  (a, b) => b.requestedAt.localeCompare(a.requestedAt),
                ),
              } satisfies DeskLists,
              error: null,
            })),
            catchError((error: unknown) =>
              of({ lists: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ lists, error }) => {
        this.loading.set(false);
        if (lists) {
          this.lists.set(lists);
          const still = new Set(lists.toExecute.map((p) => p.id));
          this.selection.setSelection(
            ...this.selection.selected.filter((id) => still.has(id)),
          );
          this.selected.set(this.selection.selected);
          this.announcement.set(
            translatePlural(this.i18n, 'finance.desk.loaded', {
              count: lists.toApprove.length,
            }),
          );
        } else if (error) {
          this.problem.set(errorMessage(error));
        }
      });
    if (this.canExecute()) {
      toObservable(this.reloads)
        .pipe(
          switchMap(() =>
            this.api.bankFiles().pipe(catchError(() => of<BankFileView[]>([]))),
          ),
          takeUntilDestroyed(),
        )
        .subscribe((files) => this.bankFiles.set(files));
    }
  }

  private initialTab(): number {
    const tab = this.route.snapshot.queryParamMap.get('tab');
    const index = this.tabs.indexOf(tab as DeskTab);
    return index >= 0 ? index : 0;
  }

  protected selectTab(index: number): void {
    this.tabIndex.set(index);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: this.tabs[index] },
      replaceUrl: true,
    });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected emptyKey(tab: DeskTab, part: 'title' | 'body'): TranslationKey {
    return `finance.desk.empty.${tab}.${part}`;
  }

  protected count(tab: DeskTab): number {
    return this.lists()[tab].length;
  }

  protected toggle(id: string): void {
    this.selection.toggle(id);
    this.selected.set(this.selection.selected);
  }

  protected allSelected(): boolean {
    const rows = this.lists().toExecute;
    return rows.length > 0 && this.selected().length === rows.length;
  }

  protected toggleAll(): void {
    if (this.allSelected()) this.selection.clear();
    else this.selection.setSelection(...this.lists().toExecute.map((p) => p.id));
    this.selected.set(this.selection.selected);
  }

  protected createBankFile(): void {
    const payments = this.selectedPayments();
    if (payments.length === 0) return;
    this.dialog
      .open<BankFileDialogComponent, BankFileDialogData, BankFileView>(
        BankFileDialogComponent,
        { width: '560px', maxWidth: '95vw', data: { payments } },
      )
      .afterClosed()
      .subscribe((file) => {
        if (!file) return;
        this.selection.clear();
        this.selected.set([]);
        this.reload();
      });
  }

  /** A bank file whose build failed: its payments go back to approved (reason, re-authentication). */
  protected releaseFile(file: BankFileView): void {
    this.dialog
      .open<ReleaseBankFileDialogComponent, ReleaseBankFileDialogData, BankFileView>(
        ReleaseBankFileDialogComponent,
        { width: '520px', maxWidth: '95vw', data: { file } },
      )
      .afterClosed()
      .subscribe((released) => {
        if (!released) return;
        const text = this.i18n.t('finance.bankFile.released', { id: file.messageId });
        this.announcement.set(text);
        this.notifier.notify(text);
        this.reload();
      });
  }

  protected download(file: BankFileView): void {
    this.api
      .bankFileDownload(file.id)
      .pipe(
        catchError((error: unknown) =>
          from(readBlobError(error)).pipe(map((e) => ({ failed: e }))),
        ),
      )
      .subscribe((result) => {
        if ('failed' in result) {
          this.problem.set(errorMessage(result.failed));
          return;
        }
        const name = saveDownload(this.document, result, `${file.messageId}.xml`);
        const text = this.i18n.t('finance.bankFile.downloaded', { file: name });
        this.announcement.set(text);
        this.notifier.notify(text);
      });
  }

  protected open(payment: PaymentView): void {
    void this.router.navigate(['/finance/payments', payment.id]);
  }
}
