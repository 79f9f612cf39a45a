import { NgTemplateOutlet } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal, type OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import {
  importProblemsOf,
  type BudgetVsActualView,
  type ExpenditureLineInput,
  type ExpenditureLineView,
  type LineImportProblem,
  type LineMessageView,
  type PaymentMethod,
  type RateSource,
  type ReportFileView,
  type ReportView,
} from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { firstValueFrom } from 'rxjs';
import { errorMessage, toWebError } from '../../../../core/api/api-error';
import type { TranslationKey } from '../../../../core/i18n/catalog';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { budgetCategoryText, budgetLineText } from '../../../../shared/finance/finance-labels';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { askToConfirm } from '../../../../core/ui/confirm-dialog.component';
import { FormProblemComponent, type FormProblem } from '../../../../core/ui/form-problem.component';
import { MoneyFieldComponent } from '../../../../core/ui/money-field.component';
import { MoneyTextComponent } from '../../../../core/ui/money-text.component';
import { Notifier } from '../../../../core/ui/notifier.service';
import { ResumableUploadComponent } from '../../../../core/ui/resumable-upload.component';
import { ToneBadgeComponent, type Tone } from '../../../../core/ui/tone-badge.component';
import { injectViewportTier, shownColumns, type ColumnPlan } from '../../../../core/ui/viewport';
import { minorToInput } from '../../../officer/shared/money';
import { normalizeDigits } from '../../shared/money';
import { moneyInputToMinor, moneyValidator } from '../../../../core/ui/money-input';
import { OfflineLinesService } from './offline-lines.service';
import { ReportingApiService } from './reporting-api.service';
import { localTodayIso } from '../../../../core/ui/local-date';

type LineColumn = 'date' | 'supplier' | 'budgetLine' | 'amount' | 'grantAmount' | 'receipts' | 'state';

/** The lines table: cards on a phone, these columns from a tablet on. */
export const LINE_COLUMNS: ColumnPlan<LineColumn> = [
  ['date', 'tablet'],
  ['supplier', 'tablet'],
  ['budgetLine', 'desktop'],
  ['amount', 'tablet'],
  ['grantAmount', 'desktop'],
  ['receipts', 'tablet'],
  ['state', 'tablet'],
];

/** Catalog keys of the words the page shows for api values. */
const KEYS = {
  reportState: (s: ReportView['state']): TranslationKey => `reporting.report.state.${s}`,
  rateSource: (s: Exclude<RateSource, 'same_currency'>): TranslationKey => `reporting.rateSource.${s}`,
  column: (c: LineColumn): TranslationKey => `reporting.col.${c}`,
  lineState: (s: ExpenditureLineView['state']): TranslationKey => `reporting.lineState.${s}`,
  messageKind: (k: LineMessageView['kind']): TranslationKey => `reporting.thread.kind.${k}`,
};

const LINE_TONES: Record<ExpenditureLineView['state'], Tone> = { draft: 'neutral', submitted: 'info', accepted: 'good', questioned: 'warn', ineligible: 'bad' };

/** The refund a report owes: the ineligible parts of its lines, in grant currency. */
export function refundDueMinor(lines: readonly Pick<ExpenditureLineView, 'ineligibleMinor'>[]): string {
  return lines.reduce((sum, l) => sum + BigInt(l.ineligibleMinor || '0'), 0n).toString();
}

/** Lines that have no receipt yet (Submit warns about them). */
export function linesWithoutReceipts(lines: readonly ExpenditureLineView[]): ExpenditureLineView[] {
  return lines.filter((l) => l.receipts.length === 0);
}

/** Share of the approved amount spent, 0–100+ (for the bar). */
export function spentPercent(row: { approvedMinor: string; previousMinor: string; thisReportMinor: string }): number {
  const approved = BigInt(row.approvedMinor || '0');
  const spent = BigInt(row.previousMinor || '0') + BigInt(row.thisReportMinor || '0');
  if (approved === 0n) return spent > 0n ? 100 : 0;
  return Number((spent * 1000n) / approved) / 10;
}

/**
 * A report as the grantee and partners fill it in, made for a phone at 390 px
 * and for Arabic (RTL): expenditure lines (cards on a phone, a table when
 * wide), the line form, receipts per line (camera on phones, resumable
 * uploads), each line's thread with an answer box, budget vs actual, the XLSX
 * template and import with per-cell problems, the narrative with indicators
 * and evidence, what was accepted or found ineligible (the refund due), and
 * Submit. Lines typed offline wait on the device and are sent when back online.
 */
@Component({
  selector: 'mz-report-page',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    MoneyFieldComponent,
    MoneyTextComponent,
    NgTemplateOutlet,
    ReactiveFormsModule,
    ResumableUploadComponent,
    RouterLink,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './report-page.component.html',
  styleUrl: './report-page.component.scss',
})
export class ReportPageComponent implements OnInit {
  private readonly api = inject(ReportingApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly offline = inject(OfflineLinesService);
  protected readonly i18n = inject(I18nService);
  private readonly tier = injectViewportTier();

  readonly grantId = input.required<string>();
  readonly reportId = input.required<string>();

  protected readonly report = signal<ReportView | null>(null);
  protected readonly lines = signal<ExpenditureLineView[]>([]);
  protected readonly budget = signal<BudgetVsActualView | null>(null);
  protected readonly evidence = signal<ReportFileView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly formProblem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');
  protected readonly formOpen = signal(false);
  protected readonly editing = signal<ExpenditureLineView | null>(null);
  protected readonly saving = signal(false);
  protected readonly openLine = signal<string | null>(null);
  protected readonly threads = signal<Partial<Record<string, LineMessageView[]>>>({});
  protected readonly importProblems = signal<LineImportProblem[]>([]);
  protected readonly importing = signal(false);

  protected readonly columns = computed(() => shownColumns(LINE_COLUMNS, this.tier()));
  protected readonly asCards = computed(() => this.columns().length === 0);
  protected readonly pending = computed(() => this.offline.pending().filter((l) => l.reportId === this.reportId()));
  protected readonly waiting = computed(() => this.pending().filter((l) => !l.refusal).length);
  protected readonly refundMinor = computed(() => refundDueMinor(this.lines()));
  protected readonly ineligible = computed(() => this.lines().filter((l) => BigInt(l.ineligibleMinor || '0') > 0n));
  protected readonly acceptedCount = computed(() => this.lines().filter((l) => l.state === 'accepted').length);
  protected readonly lineTone = (state: ExpenditureLineView['state']): Tone => LINE_TONES[state];
  protected readonly spentPercent = spentPercent;
  protected readonly keys = KEYS;
  protected readonly rateSources: Exclude<RateSource, 'same_currency'>[] = ['tranche', 'reference', 'bank', 'other'];

  private readonly currencyControl = new FormControl<CurrencyCode>('SEK', { nonNullable: true });
  protected readonly lineForm = new FormGroup({
    spentOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    budgetLineId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    supplier: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(1000)] }),
    currency: this.currencyControl,
    amount: new FormControl('', { nonNullable: true, validators: [Validators.required, moneyValidator(() => this.currencyControl.value)] }),
    rateSource: new FormControl<Exclude<RateSource, 'same_currency'>>('tranche', { nonNullable: true }),
    rate: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^\d{1,12}(\.\d{1,12})?$/)] }),
    rateNote: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
    paymentMethod: new FormControl<PaymentMethod>('cash', { nonNullable: true }),
  });
  protected readonly narrativeForm = new FormGroup({
    activities: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(20_000)] }),
  });
  protected readonly indicatorActuals = signal<Record<string, FormControl<string>>>({});
  protected readonly answer = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(4000)] });

  constructor() {
    const sub = this.offline.sent.subscribe((reportId) => {
      if (reportId === this.reportId()) void this.reloadLines();
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const report = await firstValueFrom(this.api.report(this.reportId()));
      this.report.set(report);
      this.narrativeForm.reset({ activities: report.narrative.activities });
      const actuals: Record<string, FormControl<string>> = {};
      for (const indicator of report.indicators ?? []) {
        actuals[indicator.id] = new FormControl(report.narrative.indicators.find((i) => i.indicatorId === indicator.id)?.actual ?? '', { nonNullable: true });
      }
      this.indicatorActuals.set(actuals);
      await Promise.all([this.reloadLines(), this.reloadBudget(), this.reloadEvidence()]);
      void this.offline.sync();
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    } finally {
      this.loading.set(false);
    }
  }

  private async reloadLines(): Promise<void> {
    this.lines.set(await firstValueFrom(this.api.lines(this.reportId())));
    void this.reloadBudget();
  }

  private async reloadBudget(): Promise<void> {
    this.budget.set(await firstValueFrom(this.api.budgetVsActual(this.reportId())).catch(() => null));
  }

  private async reloadEvidence(): Promise<void> {
    const files = await firstValueFrom(this.api.files(this.reportId())).catch(() => [] as ReportFileView[]);
    this.evidence.set(files.filter((f) => f.purpose === 'evidence'));
  }

  protected budgetLineName(id: string): string {
    return budgetLineText(this.report()?.budgetLines, id, (key) => this.i18n.t(key));
  }

  /** An indicator's baseline or target (exact decimal text) in the digits of the language shown. */
  protected figure(text: string): string {
    return /^-?\d{1,15}(\.\d{1,6})?$/.test(text) ? this.i18n.formatNumber(Number(text)) : text;
  }

  protected categoryText(category: string): string {
    return budgetCategoryText(category, (key) => this.i18n.t(key));
  }

  protected trancheRate(currency: CurrencyCode): { rate: string; receivedOn: string } | null {
    return this.report()?.trancheRates.find((r) => r.currency === currency) ?? null;
  }

  protected otherCurrency(): boolean {
    return this.lineForm.controls.currency.value !== this.report()?.currency;
  }

  protected typedRate(): boolean {
    return this.otherCurrency() && ['bank', 'other'].includes(this.lineForm.controls.rateSource.value);
  }

  protected startAdd(): void {
    const report = this.report();
    if (!report) return;
    this.editing.set(null);
    this.formProblem.set(null);
    this.lineForm.reset({
      spentOn: report.periodTo < localTodayIso() ? report.periodTo : localTodayIso(),
      budgetLineId: report.budgetLines[0]?.id ?? '',
      supplier: '',
      description: '',
      currency: report.currency,
      amount: '',
      rateSource: 'tranche',
      rate: '',
      rateNote: '',
      paymentMethod: 'cash',
    });
    this.formOpen.set(true);
  }

  protected startEdit(line: ExpenditureLineView): void {
    this.editing.set(line);
    this.formProblem.set(null);
    this.lineForm.reset({
      spentOn: line.spentOn,
      budgetLineId: line.budgetLineId,
      supplier: line.supplier,
      description: line.description,
      currency: line.currency,
      amount: minorToInput(line.amountMinor, line.currency),
      rateSource: line.rateSource === 'same_currency' ? 'tranche' : line.rateSource,
      rate: line.rate ?? '',
      rateNote: line.rateNote ?? '',
      paymentMethod: line.paymentMethod,
    });
    this.formOpen.set(true);
  }

  protected cancelForm(): void {
    this.formOpen.set(false);
    this.editing.set(null);
  }

  private lineInput(): ExpenditureLineInput | null {
    const v = this.lineForm.getRawValue();
    const amountMinor = moneyInputToMinor(v.amount, v.currency);
    if (!amountMinor) return null;
    const input: ExpenditureLineInput = {
      spentOn: v.spentOn,
      budgetLineId: v.budgetLineId,
      supplier: v.supplier.trim(),
      description: v.description.trim(),
      amountMinor,
      currency: v.currency,
      paymentMethod: v.paymentMethod,
    };
    if (v.currency !== this.report()?.currency) {
      input.rateSource = v.rateSource;
      if (v.rateSource === 'bank' || v.rateSource === 'other') {
        input.rate = v.rate;
        input.rateNote = v.rateNote.trim();
      }
    }
    return input;
  }

  protected async saveLine(): Promise<void> {
    this.lineForm.markAllAsTouched();
    const input = this.lineForm.valid ? this.lineInput() : null;
    if (!input) return;
    this.saving.set(true);
    this.formProblem.set(null);
    try {
      const editing = this.editing();
      if (editing) {
        await firstValueFrom(this.api.updateLine(this.reportId(), editing.id, input, editing.rowVersion));
        this.announce(this.i18n.t('reporting.line.saved'));
      } else {
        const outcome = await this.offline.add(this.reportId(), input);
        if (!outcome.sent && outcome.pending.refusal) {
          this.formProblem.set({ key: 'reporting.offline.refused', params: { reason: outcome.pending.refusal } });
          return;
        }
        this.announce(this.i18n.t(outcome.sent ? 'reporting.line.added' : 'reporting.offline.kept'));
      }
      this.formOpen.set(false);
      this.editing.set(null);
      await this.reloadLines().catch(() => undefined);
    } catch (error) {
      this.formProblem.set(errorMessage(toWebError(error)));
    } finally {
      this.saving.set(false);
    }
  }

  protected async removeLine(line: ExpenditureLineView): Promise<void> {
    const ok = await firstValueFrom(
      askToConfirm(this.dialog, { titleKey: 'reporting.line.removeTitle', bodyKey: 'reporting.line.removeBody', params: { supplier: line.supplier }, confirmKey: 'reporting.line.remove' }),
    );
    if (!ok) return;
    try {
      await firstValueFrom(this.api.removeLine(this.reportId(), line.id));
      await this.reloadLines();
      this.announce(this.i18n.t('reporting.line.removed'));
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    }
  }

  protected async discardPending(clientId: string): Promise<void> {
    await this.offline.discard(clientId);
  }

  protected async toggleLine(line: ExpenditureLineView): Promise<void> {
    if (this.openLine() === line.id) {
      this.openLine.set(null);
      return;
    }
    this.openLine.set(line.id);
    this.answer.reset('');
    if (line.messageCount > 0) {
      const messages = await firstValueFrom(this.api.messages(this.reportId(), line.id)).catch(() => [] as LineMessageView[]);
      this.threads.update((t) => ({ ...t, [line.id]: messages }));
    }
  }

  protected canAddReceipt(line: ExpenditureLineView): boolean {
    const report = this.report();
    return !!report && (line.state === 'questioned' || (report.can.editLines && ['draft', 'submitted'].includes(line.state)));
  }

  protected async receiptStored(): Promise<void> {
    await this.reloadLines();
    this.announce(this.i18n.t('reporting.receipt.added'));
  }

  protected async removeReceipt(file: ReportFileView): Promise<void> {
    try {
      await firstValueFrom(this.api.removeFile(this.reportId(), file.id));
      await Promise.all([this.reloadLines(), this.reloadEvidence()]);
      this.announce(this.i18n.t('reporting.receipt.removed', { name: file.fileName }));
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    }
  }

  protected fileUrl(file: ReportFileView): string {
    return this.api.fileUrl(this.reportId(), file.id);
  }

  protected async sendAnswer(line: ExpenditureLineView): Promise<void> {
    if (this.answer.invalid) {
      this.answer.markAsTouched();
      return;
    }
    try {
      const message = await firstValueFrom(this.api.postMessage(this.reportId(), line.id, this.answer.value.trim()));
      this.threads.update((t) => ({ ...t, [line.id]: [...(t[line.id] ?? []), message] }));
      this.answer.reset('');
      this.announce(this.i18n.t('reporting.thread.sent'));
      void this.reloadLines();
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    }
  }

  protected async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.importing.set(true);
    this.importProblems.set([]);
    this.problem.set(null);
    try {
      await firstValueFrom(this.api.importLines(this.reportId(), file));
      await this.reloadLines();
      this.announce(this.i18n.t('reporting.import.done'));
    } catch (error) {
      const web = toWebError(error);
      const problems = importProblemsOf((error instanceof HttpErrorResponse ? (error.error as { params?: Record<string, unknown> })?.params : undefined) ?? web.params);
      if (problems.length > 0) this.importProblems.set(problems);
      else this.problem.set(errorMessage(web));
    } finally {
      this.importing.set(false);
    }
  }

  protected templateUrl(): string {
    return this.api.templateUrl(this.reportId());
  }

  protected async saveNarrative(): Promise<void> {
    const report = this.report();
    if (!report) return;
    const actuals = this.indicatorActuals();
    try {
      const saved = await firstValueFrom(
        this.api.saveNarrative(
          report.id,
          {
            activities: this.narrativeForm.controls.activities.value,
            indicators: Object.entries(actuals).map(([indicatorId, control]) => ({
              indicatorId,
              // Typed on an Arabic keyboard (١٢٫٥): the api reads Western digits.
              actual: normalizeDigits(control.value).trim(),
              comment: report.narrative.indicators.find((i) => i.indicatorId === indicatorId)?.comment ?? '',
            })),
          },
          report.rowVersion,
        ),
      );
      this.report.set(saved);
      this.notifier.notify(this.i18n.t('reporting.narrative.saved'));
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    }
  }

  protected async evidenceStored(): Promise<void> {
    await this.reloadEvidence();
    this.announce(this.i18n.t('reporting.evidence.added'));
  }

  protected place(file: ReportFileView): string {
    return file.latitude === null || file.longitude === null ? '' : `${file.latitude.toFixed(5)}, ${file.longitude.toFixed(5)}`;
  }

  protected async submit(): Promise<void> {
    const report = this.report();
    if (!report) return;
    const missing = linesWithoutReceipts(this.lines()).length;
    const ok = await firstValueFrom(
      askToConfirm(this.dialog, {
        titleKey: 'reporting.submit.title',
        bodyKey: 'reporting.submit.body',
        params: { count: this.lines().length, missing, waiting: this.waiting() },
        detailKeys: [
          ...(missing > 0 ? (['reporting.submit.missingReceipts'] as const) : []),
          ...(this.waiting() > 0 ? (['reporting.submit.waiting'] as const) : []),
          'reporting.submit.final',
        ],
        confirmKey: 'reporting.submit.confirm',
      }),
    );
    if (!ok) return;
    try {
      this.report.set(await firstValueFrom(this.api.submit(report.id)));
      await this.reloadLines();
      this.notifier.notify(this.i18n.t('reporting.submit.done'));
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    }
  }

  private announce(text: string): void {
    this.announcement.set(text);
  }
}
