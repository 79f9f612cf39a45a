import { AuditReadonlyNoteComponent, readsAsAuditorOnly } from '../../core/ui/audit-readonly-note.component';
import { SessionService } from '../../core/auth/session.service';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
  type OnInit,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type {
  ExpenditureLineView,
  LineMessageView,
  ReportFileView,
  ReportView,
  VerificationProgressView,
  VerifyLineRequest,
} from '@mizan/contracts';
import { toWebError, errorMessage } from '../../core/api/api-error';
import type { TranslationKey } from '../../core/i18n/catalog';
import { I18nService } from '../../core/i18n/i18n.service';
import { budgetLineText } from '../../shared/finance/finance-labels';
import { DigitsPipe } from '../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../core/i18n/translate-plural.pipe';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../core/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../core/ui/form-problem.component';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { LineDecisionDialogComponent, type LineDecisionDialogData, type LineDecisionResult } from './line-decision-dialog.component';
import { ReportReturnDialogComponent } from './report-return-dialog.component';
import { COMMAND_KEY, LINE_STATE_KEY, MESSAGE_KIND_KEY, METHOD_KEY, RATE_SOURCE_KEY, REPORT_STATE_KEY, keyCap } from './verification-labels';
import { LINES_PAGE_SIZE, VerificationApiService } from './verification-api.service';
import { VERIFY_SHORTCUTS, previewKind, step, verifyCommand, type VerifyCommand } from './verify-keys';

/**
 * Verifying a submitted report, keyboard first (issue 11): the line list on
 * one side (50 lines a page, so 500 lines are ten pages; j/k and the arrows
 * move across pages), the selected line with its receipt, red flags and
 * thread on the other; a accepts, q asks a question, i marks (part of) the
 * line ineligible. Each decision is announced to screen readers and focus
 * returns to the list.
 */
@Component({
  selector: 'mz-verify-report-page',
  imports: [
    AuditReadonlyNoteComponent,
    DigitsPipe,
    EmptyStateComponent,
    FormProblemComponent,
    MatButtonModule,
    MatProgressBarModule,
    MoneyTextComponent,
    PageHeaderComponent,
    RouterLink,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify-report-page.component.html',
  styleUrl: './verify-report-page.component.scss',
  host: { '(document:keydown)': 'onKey($event)' },
})
export class VerifyReportPageComponent implements OnInit {
  private readonly api = inject(VerificationApiService);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);
  private readonly sessions = inject(SessionService);
  /** An auditor reads the report, its lines, receipts and threads within an engagement's scope; decides nothing. */
  protected readonly auditReader = computed(() => readsAsAuditorOnly(this.sessions.permissions()));

  readonly reportId = input.required<string>();

  private readonly list = viewChild<ElementRef<HTMLElement>>('lineList');

  protected readonly report = signal<ReportView | null>(null);
  protected readonly progress = signal<VerificationProgressView | null>(null);
  protected readonly lines = signal<ExpenditureLineView[]>([]);
  protected readonly page = signal(1);
  protected readonly total = signal(0);
  protected readonly selected = signal(0);
  protected readonly thread = signal<LineMessageView[]>([]);
  protected readonly preview = signal<{ fileId: string; url: string } | null>(null);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly loading = signal(true);
  protected readonly shortcuts = VERIFY_SHORTCUTS;
  protected readonly pageSize = LINES_PAGE_SIZE;
  private focusedOnce = false;

  protected readonly pageCount = computed(() => Math.max(1, Math.ceil(this.total() / LINES_PAGE_SIZE)));
  protected readonly line = computed<ExpenditureLineView | null>(() => this.lines()[this.selected()] ?? null);
  protected readonly receipt = computed<ReportFileView | null>(() => this.line()?.receipts[0] ?? null);
  protected readonly canDecide = computed(() => !this.auditReader() && this.report()?.state === 'submitted' && this.line()?.state === 'submitted' && !this.busy());

  ngOnInit(): void {
    this.destroyRef.onDestroy(() => this.revokePreview());
    this.api.report(this.reportId()).subscribe({
      next: (report) => this.report.set(report),
      error: (error: unknown) => this.fail(error),
    });
    this.refreshProgress();
    this.loadPage(1, 0);
  }

  // --- Loading ----------------------------------------------------------------------------------

  private loadPage(page: number, index: number): void {
    this.loading.set(true);
    this.api.lines(this.reportId(), page).subscribe({
      next: (result) => {
        this.loading.set(false);
        this.page.set(page);
        this.total.set(result.total);
        this.lines.set(result.items);
        this.select(index < 0 ? result.items.length - 1 : Math.min(index, Math.max(0, result.items.length - 1)));
        // Keyboard first: the list has focus once the lines are there (the shortcuts work from anywhere on the page).
        if (page === 1 && index === 0 && !this.focusedOnce) {
          this.focusedOnce = true;
          setTimeout(() => this.focusList());
        }
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.fail(error);
      },
    });
  }

  private refreshProgress(): void {
    this.api.progress(this.reportId()).subscribe({ next: (p) => this.progress.set(p), error: () => undefined });
  }

  protected select(index: number): void {
    this.selected.set(index);
    const line = this.line();
    this.thread.set([]);
    this.revokePreview();
    if (!line) return;
    this.api.messages(this.reportId(), line.id).subscribe({ next: (m) => this.thread.set(m), error: () => this.thread.set([]) });
    const receipt = line.receipts[0];
    if (receipt && previewKind(receipt.contentType) === 'image') {
      this.api.fileBlob(this.reportId(), receipt.id).subscribe({
        next: (blob) => {
          if (this.line()?.id !== line.id) return;
          this.preview.set({ fileId: receipt.id, url: URL.createObjectURL(blob) });
        },
        error: () => undefined,
      });
    }
    queueMicrotask(() => document.getElementById(this.rowId(line))?.scrollIntoView?.({ block: 'nearest' }));
  }

  private revokePreview(): void {
    const current = this.preview();
    if (current) URL.revokeObjectURL(current.url);
    this.preview.set(null);
  }

  /** Opens a PDF (or another file) receipt from a blob: the download route needs the session cookie. */
  protected openReceipt(file: ReportFileView): void {
    this.api.fileBlob(this.reportId(), file.id).subscribe({
      next: (blob) => {
        const url = URL.createObjectURL(blob);
        window.open(url, '_blank', 'noopener');
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected rowId(line: ExpenditureLineView): string {
    return `verify-line-${line.id}`;
  }

  // --- Keyboard ---------------------------------------------------------------------------------

  protected onKey(event: KeyboardEvent): void {
    const command = verifyCommand(
      { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, target: event.target instanceof HTMLElement ? event.target : null },
      { dialogOpen: this.dialog.openDialogs.length > 0, composing: event.isComposing },
    );
    if (!command) return;
    event.preventDefault();
    this.run(command);
  }

  run(command: VerifyCommand): void {
    switch (command) {
      case 'next':
        return this.move(1);
      case 'previous':
        return this.move(-1);
      case 'accept':
        return this.accept();
      case 'question':
        return this.decide('question');
      case 'ineligible':
        return this.decide('ineligible');
    }
  }

  protected move(direction: 1 | -1): void {
    const target = step({ index: this.selected(), page: this.page(), pageCount: this.pageCount(), itemsOnPage: this.lines().length }, direction);
    if (!target) {
      this.announcer.announce(this.i18n.t(direction === 1 ? 'verification.announce.last' : 'verification.announce.first'));
      return;
    }
    if (target.page === this.page()) this.select(target.index);
    else this.loadPage(target.page, target.index);
    this.focusList();
  }

  private focusList(): void {
    this.list()?.nativeElement.focus();
  }

  // --- Decisions --------------------------------------------------------------------------------

  protected accept(): void {
    const line = this.line();
    if (!line || !this.canDecide()) return this.notDecidable();
    this.send(line, { decision: 'accept', rowVersion: line.rowVersion }, 'verification.announce.accepted');
  }

  protected decide(kind: 'question' | 'ineligible'): void {
    const line = this.line();
    if (!line || !this.canDecide()) return this.notDecidable();
    this.dialog
      .open<LineDecisionDialogComponent, LineDecisionDialogData, LineDecisionResult>(LineDecisionDialogComponent, {
        data: { kind, seq: line.seq, grantAmountMinor: line.grantAmountMinor, currency: line.grantCurrency },
        width: '32rem',
      })
      .afterClosed()
      .subscribe((result) => {
        this.focusList();
        if (!result) return;
        if (result.kind === 'question') this.send(line, { decision: 'question', rowVersion: line.rowVersion, question: result.question }, 'verification.announce.questioned');
        else
          this.send(
            line,
            { decision: 'ineligible', rowVersion: line.rowVersion, ineligibleMinor: result.ineligibleMinor, reason: result.reason },
            'verification.announce.ineligible',
          );
      });
  }

  private notDecidable(): void {
    const line = this.line();
    if (line) this.announcer.announce(this.i18n.t('verification.announce.notDecidable', { seq: line.seq, state: this.i18n.t(stateKey(line.state)) }));
  }

  private send(line: ExpenditureLineView, request: VerifyLineRequest, announceKey: Parameters<I18nService['t']>[0]): void {
    this.busy.set(true);
    this.problem.set(null);
    this.api.verify(this.reportId(), line.id, request).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.lines.update((lines) =>
          lines.map((l) =>
            l.id === line.id
              ? { ...l, state: result.state, ineligibleMinor: result.ineligibleMinor, ineligibleReason: result.ineligibleReason, rowVersion: result.rowVersion }
              : l,
          ),
        );
        this.announcer.announce(this.i18n.t(announceKey, { seq: line.seq }));
        this.refreshProgress();
        if (request.decision === 'question') this.select(this.selected());
        else this.move(1);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.fail(error);
        this.announcer.announce(this.i18n.t('verification.announce.failed', { seq: line.seq }));
      },
    });
  }

  // --- The report as a whole --------------------------------------------------------------------

  protected acceptReport(): void {
    const progress = this.progress();
    if (!progress) return;
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
        data: {
          titleKey: 'verification.report.acceptTitle',
          bodyKey: 'verification.report.acceptBody',
          confirmKey: 'verification.report.accept',
        } as ConfirmDialogData,
      })
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        this.busy.set(true);
        this.api.accept(this.reportId(), { rowVersion: progress.rowVersion }).subscribe({
          next: (decision) => {
            this.busy.set(false);
            this.report.update((r) => (r ? { ...r, state: decision.state, rowVersion: decision.rowVersion } : r));
            this.refreshProgress();
            this.announcer.announce(this.i18n.t('verification.announce.reportAccepted'));
          },
          error: (error: unknown) => {
            this.busy.set(false);
            this.fail(error);
          },
        });
      });
  }

  protected returnReport(): void {
    const progress = this.progress();
    if (!progress) return;
    this.dialog
      .open<ReportReturnDialogComponent, undefined, string>(ReportReturnDialogComponent, { width: '32rem' })
      .afterClosed()
      .subscribe((reason) => {
        if (!reason) return;
        this.busy.set(true);
        this.api.returnReport(this.reportId(), { rowVersion: progress.rowVersion, reason }).subscribe({
          next: (decision) => {
            this.busy.set(false);
            this.report.update((r) => (r ? { ...r, state: decision.state, rowVersion: decision.rowVersion } : r));
            this.refreshProgress();
            this.announcer.announce(this.i18n.t('verification.announce.reportReturned'));
          },
          error: (error: unknown) => {
            this.busy.set(false);
            this.fail(error);
          },
        });
      });
  }

  private fail(error: unknown): void {
    this.problem.set(errorMessage(toWebError(error)));
  }

  protected readonly stateKey = stateKey;
  protected readonly reportStateKey = REPORT_STATE_KEY;
  protected readonly rateSourceKey = RATE_SOURCE_KEY;
  protected readonly methodKey = METHOD_KEY;
  protected readonly messageKindKey = MESSAGE_KIND_KEY;
  protected readonly commandKey = COMMAND_KEY;
  protected readonly keyCap = keyCap;

  protected budgetLineName(id: string): string {
    return budgetLineText(this.report()?.budgetLines, id, (key) => this.i18n.t(key));
  }

  protected date(iso: string | null): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  protected dateTime(iso: string | null): string {
    return iso ? this.i18n.formatDateTime(iso) : '—';
  }
}

export function stateKey(state: ExpenditureLineView['state']): TranslationKey {
  return LINE_STATE_KEY[state];
}
