import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { FinancePaths } from '@mizan/contracts';
import type {
  AgreementBuildView,
  ConditionCheckView,
  GrantFindingView,
  GrantVersionView,
  GrantView,
  Permission,
  TrancheView,
} from '@mizan/contracts';
import type { Observable } from 'rxjs';
import { toWebError } from '../../core/api/api-error';
import { SessionService } from '../../core/auth/session.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  FormProblemComponent,
  type FormProblem,
} from '../../core/ui/form-problem.component';
import { Notifier } from '../../core/ui/notifier.service';
import { ConditionChecklistComponent } from '../../shared/finance/condition-checklist.component';
import {
  financeProblem,
  modalityKey,
  monitoringLabel,
  priorityKey,
  ratingKey,
  reportKindKey,
} from '../../shared/finance/finance-labels';
import { IdempotencyKey } from '../../core/api/idempotency';
import { JobProgressComponent } from '../../core/ui/job-progress.component';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { TranslatePluralPipe } from '../../core/i18n/translate-plural.pipe';
import { StateChipComponent } from '../../shared/finance/state-chip.component';
import {
  ConfirmDialogComponent,
  type ConfirmDialogData,
} from '../../core/ui/confirm-dialog.component';
import { AgreementEditorComponent } from './agreement-editor.component';
import { FindingDialogComponent } from './finding-dialog.component';
import { GrantContentComponent } from './grant-content.component';
import { GrantsApiService, grantsUrl } from './grants-api.service';
import {
  NoteDialogComponent,
  type NoteDialogData,
} from './note-dialog.component';
import { ReportDialogComponent, type ReportDialogData } from './report-dialog.component';
import { RiskDialogComponent } from './risk-dialog.component';
import { SendDialogComponent } from './send-dialog.component';
import { VersionHistoryComponent } from './version-history.component';
import { RefundsPanelComponent } from '../verification/refunds-panel.component';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { ScrollRegionComponent } from '../../core/ui/scroll-region.component';
import { AuditReadonlyNoteComponent, readsAsAuditorOnly } from '../../core/ui/audit-readonly-note.component';
import { PAGE_ACCESS } from '../../core/nav/nav';
import { GrantMonitoringComponent } from '../monitoring/grant-monitoring.component';

const POLL_MS = 1000;

/** One grant on the officer's desk: overview, agreement, risk, signatures, tranches, findings, versions, PDF, payments. */
@Component({
  selector: 'mz-grant-page',
  imports: [
    AuditReadonlyNoteComponent,
    ScrollRegionComponent,
    GrantMonitoringComponent,
    EmptyStateComponent,
    AgreementEditorComponent,
    ConditionChecklistComponent,
    FormProblemComponent,
    GrantContentComponent,
    JobProgressComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MoneyTextComponent,
    RefundsPanelComponent,
    RouterLink,
    StateChipComponent,
    TranslatePipe,
    TranslatePluralPipe,
    VersionHistoryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './grant-page.component.html',
  styleUrls: ['../officer/shared/officer-page.scss', './grants.scss'],
})
export class GrantPageComponent implements OnInit {
  private readonly api = inject(GrantsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);
  private readonly sessions = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  readonly grantId = input.required<string>();

  protected readonly grant = signal<GrantView | null>(null);
  protected readonly versions = signal<GrantVersionView[]>([]);
  protected readonly builds = signal<AgreementBuildView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly releaseProblem = signal<{ trancheId: string; problem: FormProblem } | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly amending = signal(false);
  protected readonly announcement = signal('');
  /** Tranche id → the Idempotency-Key of its unanswered release click. */
  private readonly attempts = new Map<string, IdempotencyKey>();
  protected readonly retryable = signal<ReadonlySet<string>>(new Set());
  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  protected readonly ratingKey = ratingKey;
  protected readonly modalityKey = modalityKey;
  protected readonly priorityKey = priorityKey;
  protected readonly reportKindKey = reportKindKey;

  /** Auditors and finance read the page; officers act on it. */
  protected readonly canManage = computed(() => this.sessions.permissions().includes('grant.manage'));
  protected readonly canRequest = computed(() => this.sessions.permissions().includes('payment.request'));
  protected readonly canMonitor = computed(() => this.sessions.permissions().includes('monitoring.manage'));
  /** An auditor in an engagement's scope: reads the grant's monitoring too, read-only. */
  protected readonly auditReader = computed(() => readsAsAuditorOnly(this.sessions.permissions()));
  /** Who opens a filed report from here: officers to verify it, auditors to read it (PAGE_ACCESS.verifyReport). */
  protected readonly opensReports = computed(() => PAGE_ACCESS.verifyReport.some((p) => this.sessions.permissions().includes(p)));
  /** The grant's ledger statement: the agency's ledger readers, and auditors in scope (the server answers 404 outside it). */
  protected readonly readsLedger = computed(() => (['ledger.read', 'audit.conduct'] satisfies Permission[]).some((p) => this.sessions.permissions().includes(p)));
  /** The application and the grantee organization behind the grant, for those whose roles open their pages (auditors included). */
  protected readonly opensApplication = computed(() => PAGE_ACCESS.applicationPage.some((p) => this.sessions.permissions().includes(p)));
  protected readonly opensOrganization = computed(() => PAGE_ACCESS.organizationPage.some((p) => this.sessions.permissions().includes(p)));
  /** Schedule item id → the id of the report filed for it. */
  protected readonly reportIds = signal<ReadonlyMap<string, string>>(new Map());

  protected readonly latestBuild = computed(() => this.builds()[0] ?? null);
  protected readonly openFindings = computed(
    () => (this.grant()?.findings ?? []).filter((f) => f.state === 'open').length,
  );

  ngOnInit(): void {
    this.load();
    this.destroyRef.onDestroy(() => this.stopPolling());
  }

  protected load(): void {
    this.loading.set(true);
    this.api.grant(this.grantId()).subscribe({
      next: (grant) => this.show(grant),
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(financeProblem(toWebError(error)));
      },
    });
    this.api.versions(this.grantId()).subscribe({
      next: (versions) => this.versions.set([...versions].sort((a, b) => b.version - a.version)),
      error: () => this.versions.set([]),
    });
    if (this.opensReports()) {
      this.api.schedule(this.grantId()).subscribe({
        next: (schedule) => this.reportIds.set(new Map(schedule.flatMap((d) => (d.report ? [[d.id, d.report.id] as const] : [])))),
        error: () => this.reportIds.set(new Map()),
      });
    }
  }

  private show(grant: GrantView): void {
    this.loading.set(false);
    this.problem.set(null);
    this.grant.set(grant);
    this.builds.set(sortBuilds(grant.agreements));
    this.pollIfBuilding();
  }

  protected monitoring(grant: GrantView): string {
    return monitoringLabel(this.i18n, grant.monitoring);
  }

  protected date(iso: string | null): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  protected dateTime(iso: string | null): string {
    return iso ? this.i18n.formatDateTime(iso) : '—';
  }

  protected statementUrl(grant: GrantView): string {
    return grantsUrl(FinancePaths.grantStatementXlsx(encodeURIComponent(grant.id)));
  }

  protected downloadUrl(grant: GrantView, build: AgreementBuildView): string {
    return this.api.agreementDownloadUrl(grant.id, build.id);
  }

  private updated(grant: GrantView, key: Parameters<I18nService['t']>[0], params?: Record<string, string | number>): void {
    this.show(grant);
    const text = this.i18n.t(key, params);
    this.announcement.set(text);
    this.notifier.notify(text);
    this.api.versions(grant.id).subscribe({
      next: (versions) => this.versions.set([...versions].sort((a, b) => b.version - a.version)),
      error: () => undefined,
    });
  }

  // --- Draft, risk, signatures ------------------------------------------------------------------

  protected draftSaved(grant: GrantView): void {
    this.updated(grant, 'grants.done.draftSaved');
  }

  protected amended(grant: GrantView): void {
    this.amending.set(false);
    this.updated(grant, 'grants.done.amended', { version: grant.currentVersion });
  }

  protected assessRisk(grant: GrantView): void {
    this.dialog
      .open<RiskDialogComponent, { grant: GrantView }, GrantView>(RiskDialogComponent, {
        width: '640px',
        maxWidth: '95vw',
        data: { grant },
      })
      .afterClosed()
      .subscribe((g) => g && this.updated(g, 'grants.done.riskSaved'));
  }

  protected send(grant: GrantView): void {
    this.dialog
      .open<SendDialogComponent, { grant: GrantView }, GrantView>(SendDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: { grant },
      })
      .afterClosed()
      .subscribe((g) => g && this.updated(g, 'grants.done.sent'));
  }

  protected countersign(grant: GrantView): void {
    this.confirm({
      titleKey: 'grants.countersign.title',
      bodyKey: 'grants.countersign.body',
      params: { name: grant.signedName ?? '', number: grant.grantNumber },
      confirmKey: 'grants.countersign.submit',
    }).subscribe((ok) => {
      if (!ok) return;
      this.run('countersign', this.api.countersign(grant.id, { version: grant.currentVersion }), (g) =>
        this.updated(g, 'grants.done.countersigned'),
      );
    });
  }

  protected cancelGrant(grant: GrantView): void {
    this.note<GrantView>({
      titleKey: 'grants.cancel.title',
      bodyKey: 'grants.cancel.body',
      labelKey: 'common.reason',
      submitKey: 'grants.cancel.submit',
      testId: 'grant-cancel',
      send: (reason) => this.api.cancel(grant.id, reason),
    }).subscribe((g) => g && this.updated(g, 'grants.done.cancelled'));
  }

  // --- Agreement PDF ------------------------------------------------------------------------------

  protected generate(grant: GrantView): void {
    this.run('agreement', this.api.generateAgreement(grant.id), (build) => {
      this.builds.update((list) => sortBuilds([build, ...list.filter((b) => b.id !== build.id)]));
      this.announcement.set(this.i18n.t('grants.pdf.queued'));
      this.pollIfBuilding();
    });
  }

  private pollIfBuilding(): void {
    const building = this.builds().some((b) => b.state === 'queued' || b.state === 'running');
    if (!building || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      const grant = this.grant();
      if (!grant) return;
      this.api.agreements(grant.id).subscribe({
        next: (builds) => {
          const before = this.latestBuild()?.state;
          this.builds.set(sortBuilds(builds));
          const after = this.latestBuild()?.state;
          if (before !== after && after === 'done') this.announcement.set(this.i18n.t('grants.pdf.ready'));
          this.pollIfBuilding();
        },
        error: () => this.pollIfBuilding(),
      });
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  // --- Tranches -------------------------------------------------------------------------------------

  protected tick(grant: GrantView, tranche: TrancheView, condition: ConditionCheckView): void {
    const ticked = !condition.ok;
    this.note<GrantView>({
      titleKey: ticked ? 'grants.tick.title' : 'grants.tick.untickTitle',
      bodyKey: 'grants.tick.body',
      params: { label: condition.label ?? '', seq: tranche.seq },
      labelKey: 'grants.tick.note',
      submitKey: ticked ? 'fin.condition.tick' : 'fin.condition.untick',
      testId: 'tick',
      send: (note) => this.api.tickCondition(grant.id, tranche.id, { conditionId: condition.id, ticked, note }),
    }).subscribe((g) => g && this.updated(g, 'grants.done.ticked', { seq: tranche.seq }));
  }

  /** A paid tranche whose report is not recorded as accepted yet (the next tranche's condition waits for it). */
  protected needsReportAcceptance(tranche: TrancheView): boolean {
    return tranche.state === 'paid' && tranche.reportAcceptedAt === null;
  }

  protected reportAccepted(grant: GrantView, tranche: TrancheView): void {
    this.dialog
      .open<ReportDialogComponent, ReportDialogData, GrantView>(ReportDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: { grant, tranche },
      })
      .afterClosed()
      .subscribe((g) => g && this.updated(g, 'grants.done.reportAccepted', { seq: tranche.seq }));
  }

  protected failing(tranche: TrancheView): number {
    return tranche.conditions.filter((c) => !c.ok).length;
  }

  protected release(grant: GrantView, tranche: TrancheView, retry: boolean): void {
    if (!tranche.requestable || this.busy()) return;
    let attempt = this.attempts.get(tranche.id);
    if (!attempt) {
      attempt = new IdempotencyKey();
      this.attempts.set(tranche.id, attempt);
    }
    const key = attempt.key(retry);
    this.busy.set(`release-${tranche.id}`);
    this.releaseProblem.set(null);
    this.api.release(grant.id, tranche.id, {}, key).subscribe({
      next: (result) => {
        this.busy.set(null);
        attempt.succeeded();
        this.setRetryable(tranche.id, false);
        this.updated(result.grant, 'grants.done.released', { seq: tranche.seq });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const web = toWebError(error);
        attempt.failed(web);
        this.setRetryable(tranche.id, attempt.unanswered);
        this.releaseProblem.set({ trancheId: tranche.id, problem: financeProblem(web) });
        if (!attempt.unanswered) this.load();
      },
    });
  }

  private setRetryable(trancheId: string, on: boolean): void {
    this.retryable.update((set) => {
      const next = new Set(set);
      if (on) next.add(trancheId);
      else next.delete(trancheId);
      return next;
    });
  }

  // --- Findings ---------------------------------------------------------------------------------------

  protected raiseFinding(grant: GrantView): void {
    this.dialog
      .open<FindingDialogComponent, { grant: GrantView }, GrantView>(FindingDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: { grant },
      })
      .afterClosed()
      .subscribe((g) => g && this.updated(g, 'grants.done.findingRaised'));
  }

  protected closeFinding(grant: GrantView, finding: GrantFindingView): void {
    this.note<GrantView>({
      titleKey: 'grants.findings.closeTitle',
      bodyKey: 'grants.findings.closeBody',
      params: { title: finding.title },
      labelKey: 'common.reason',
      submitKey: 'grants.findings.close',
      testId: 'finding-close',
      send: (reason) => this.api.closeFinding(grant.id, finding.id, reason),
    }).subscribe((g) => g && this.updated(g, 'grants.done.findingClosed'));
  }

  // --- Helpers -------------------------------------------------------------------------------------------

  private confirm(data: ConfirmDialogData): Observable<boolean | undefined> {
    return this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
        width: '480px',
        maxWidth: '95vw',
        data,
      })
      .afterClosed();
  }

  private note<T>(data: NoteDialogData<T>): Observable<T | undefined> {
    return this.dialog
      .open<NoteDialogComponent<T>, NoteDialogData<T>, T>(NoteDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data,
      })
      .afterClosed();
  }

  private run<T>(what: string, request: Observable<T>, done: (result: T) => void): void {
    if (this.busy()) return;
    this.busy.set(what);
    this.problem.set(null);
    request.subscribe({
      next: (result) => {
        this.busy.set(null);
        done(result);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.problem.set(financeProblem(toWebError(error)));
      },
    });
  }
}

function sortBuilds(builds: readonly AgreementBuildView[]): AgreementBuildView[] {
  return [...builds].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}
