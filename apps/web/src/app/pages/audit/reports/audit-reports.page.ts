import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, InjectionToken, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { AuditReportView, EngagementView } from '@mizan/contracts';
import { forkJoin } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { en, type TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { JobProgressComponent } from '../../../core/ui/job-progress.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { AuditApiService } from '../audit-api.service';
import { EngagementStore } from '../workspace/engagement-store';
import { ReportDialogComponent, type ReportDialogData } from './report-dialog.component';

/** How often a report being built is asked for again (ms). */
export const AUDIT_REPORT_POLL_MS = new InjectionToken<number>('AUDIT_REPORT_POLL_MS', { providedIn: 'root', factory: () => 1000 });

/** Newest version first. */
export function sortReports(reports: readonly AuditReportView[]): AuditReportView[] {
  return [...reports].sort((a, b) => b.version - a.version);
}

/** The final report in force (built, not superseded), if any. */
export function finalInForce(reports: readonly AuditReportView[]): AuditReportView | null {
  return reports.find((r) => r.final && !r.supersededById && r.state !== 'failed') ?? null;
}

/** 0 … 100 from the worker's progress and total. */
export function reportPercent(report: Pick<AuditReportView, 'progress' | 'total' | 'state'>): number {
  if (report.state === 'done') return 100;
  return report.total > 0 ? (report.progress * 100) / report.total : 0;
}

/**
 * The reports tab: every version (draft or final, its state, SHA-256, the trail's head hash and whether the trail
 * verified, superseded ones marked), "Build draft report" / "Build final report", the build's progress while the
 * worker runs it (asked again until it is done), and the PDF's download link.
 */
@Component({
  selector: 'mz-audit-reports',
  imports: [EmptyStateComponent, FormProblemComponent, JobProgressComponent, MatButtonModule, MatIconModule, LoadingBarComponent, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../audit.scss'],
  template: `
    <p class="mz-visually-hidden" role="status" aria-live="polite">{{ announcement() }}</p>
    @if (store.engagement(); as e) {
      <div class="actions">
        @if (canDraft()) {
          <button mat-stroked-button type="button" data-testid="audit-report-draft" [disabled]="building()" (click)="build(e, false)">
            <mat-icon svgIcon="description" /> {{ 'audit.reports.buildDraft' | t }}
          </button>
        }
        @if (canFinal()) {
          <button mat-flat-button type="button" data-testid="audit-report-final" [disabled]="building()" (click)="build(e, true)">
            <mat-icon svgIcon="verified" /> {{ 'audit.reports.buildFinal' | t }}
          </button>
        }
      </div>
    }
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="audit-reports-error" />
    @if (!loading() && reports().length === 0 && !problem()) {
      <mz-empty-state data-testid="audit-reports-empty" icon="description" [title]="'audit.reports.empty' | t" [body]="'audit.reports.emptyBody' | t" />
    }
    <ul class="list-plain" data-testid="audit-reports">
      @for (r of reports(); track r.id) {
        <li class="panel" data-testid="audit-report" [attr.data-state]="r.state" [attr.data-version]="r.version" [class.superseded]="!!r.supersededById">
          <h2 class="mz-section-title report-head">
            <span>{{ 'audit.reports.version' | t: { version: r.version } }}</span>
            <mz-tone-badge [tone]="r.final ? 'good' : 'info'">{{ (r.final ? 'audit.reports.final' : 'audit.reports.draft') | t }}</mz-tone-badge>
            @if (r.supersededById) {
              <mz-tone-badge tone="warn" data-testid="audit-report-superseded">{{ 'audit.reports.superseded' | t: { version: versionOf(r.supersededById) } }}</mz-tone-badge>
            }
          </h2>
          <p class="muted">{{ 'audit.reports.requested' | t: { who: r.requestedBy.name, when: i18n.formatDateTime(r.requestedAt) } }}</p>
          <mz-job-progress labelKey="audit.reports.progressLabel" [state]="r.state" [progress]="percent(r)" [error]="failure(r)" [testId]="'audit-report-progress'" />
          @if (r.state === 'done') {
            <p>
              <a mat-stroked-button [href]="fileUrl(r)" download data-testid="audit-report-download"><mat-icon svgIcon="download" /> {{ 'audit.reports.download' | t }}</a>
            </p>
          }
          <dl class="facts">
            @if (r.sha256) {
              <dt>{{ 'audit.reports.sha256' | t }}</dt>
              <dd><code class="hash" dir="ltr" data-testid="audit-report-sha">{{ r.sha256 }}</code></dd>
            }
            @if (r.trailHeadHash) {
              <dt>{{ 'audit.reports.trailHead' | t }}</dt>
              <dd>
                <code class="hash" dir="ltr" data-testid="audit-report-trail">{{ r.trailHeadHash }}</code>
                @if (r.trailHeadSeq) {
                  <span class="muted"> ({{ 'audit.reports.trailSeq' | t: { seq: r.trailHeadSeq } }})</span>
                }
              </dd>
            }
            @if (r.trailVerified !== null) {
              <dt>{{ 'audit.reports.trailVerified' | t }}</dt>
              <dd>
                <mz-tone-badge [tone]="r.trailVerified ? 'good' : 'bad'" data-testid="audit-report-verified">{{ (r.trailVerified ? 'audit.reports.verifiedYes' : 'audit.reports.verifiedNo') | t }}</mz-tone-badge>
              </dd>
            }
            @if (r.supersedeReason) {
              <dt>{{ 'audit.reports.supersedes' | t: { version: versionOf(r.supersedesId) } }}</dt>
              <dd><bdi>{{ r.supersedeReason }}</bdi></dd>
            }
          </dl>
        </li>
      }
    </ul>
  `,
  styles: `
    .report-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .superseded {
      opacity: 0.8;
      border-style: dashed;
    }
  `,
})
export class AuditReportsPage {
  private readonly api = inject(AuditApiService);
  protected readonly store = inject(EngagementStore);
  protected readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly pollMs = inject(AUDIT_REPORT_POLL_MS);

  protected readonly reports = signal<AuditReportView[]>([]);
  protected readonly loading = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');
  protected readonly building = computed(() => this.reports().some((r) => r.state === 'queued' || r.state === 'running'));
  protected readonly canDraft = computed(() => this.store.engagement()?.actions.includes('report') ?? false);
  protected readonly canFinal = computed(() => this.store.engagement()?.actions.includes('final_report') ?? false);
  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      if (this.store.id()) untracked(() => this.load());
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.pollTimer = null;
    });
  }

  protected load(): void {
    const id = this.store.id();
    if (!id) return;
    this.loading.set(true);
    this.api.reports(id).subscribe({
      next: (reports) => {
        this.loading.set(false);
        this.problem.set(null);
        this.reports.set(sortReports(reports));
        this.pollIfBuilding();
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected percent(report: AuditReportView): number {
    return reportPercent(report);
  }

  /** Why a build failed: `audit.report_error.<code>` once the web knows the code, else the code in a general sentence. */
  protected failure(report: AuditReportView): string | null {
    if (report.state !== 'failed') return null;
    const key = `audit.report_error.${report.error ?? ''}`;
    return key in en ? this.i18n.t(key as TranslationKey) : this.i18n.t('audit.reports.failed', { code: report.error ?? '—' });
  }

  protected fileUrl(report: AuditReportView): string {
    return this.api.reportFileUrl(report.engagementId, report.id);
  }

  protected versionOf(reportId: string | null): number | string {
    return this.reports().find((r) => r.id === reportId)?.version ?? '—';
  }

  protected build(engagement: EngagementView, final: boolean): void {
    const data: ReportDialogData = { engagement, final, finalExists: finalInForce(this.reports()) !== null };
    this.dialog
      .open<ReportDialogComponent, ReportDialogData, AuditReportView>(ReportDialogComponent, { width: '560px', maxWidth: '95vw', data })
      .afterClosed()
      .subscribe((report) => {
        if (!report) return;
        this.upsert(report);
        const text = this.i18n.t(report.state === 'done' ? 'audit.reports.ready' : 'audit.reports.queued', { version: report.version });
        this.announcement.set(text);
        this.notifier.notify(text);
      });
  }

  private upsert(report: AuditReportView): void {
    this.reports.update((list) => sortReports([report, ...list.filter((r) => r.id !== report.id)]));
    this.pollIfBuilding();
  }

  private pollIfBuilding(): void {
    if (!this.building() || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      const pending = this.reports().filter((r) => r.state === 'queued' || r.state === 'running');
      if (pending.length === 0) return;
      forkJoin(pending.map((r) => this.api.report(r.engagementId, r.id))).subscribe({
        next: (answers) => {
          let finished = false;
          this.reports.update((list) =>
            sortReports(
              list.map((r) => {
                const now = answers.find((a) => a.id === r.id);
                if (now && now.state === 'done' && r.state !== 'done') finished = true;
                return now ?? r;
              }),
            ),
          );
          if (finished) {
            this.announcement.set(this.i18n.t('audit.reports.done'));
            // The engagement's opinion and a superseded final version change with a finished report.
            this.store.reload();
            this.load();
            return;
          }
          this.pollIfBuilding();
        },
        error: () => this.pollIfBuilding(),
      });
    }, this.pollMs);
  }
}
