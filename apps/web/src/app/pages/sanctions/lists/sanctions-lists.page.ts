import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, InjectionToken, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { SANCTIONS_FILE_MAX_BYTES, type ListVersionState, type SanctionsListVersionView, type ScreeningRunView } from '@mizan/contracts';
import { errorCodeKey, errorMessage, toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FilePickComponent } from '../../../core/ui/file-pick.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { JobProgressComponent } from '../../../core/ui/job-progress.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent, type Tone } from '../../../core/ui/tone-badge.component';
import { UploadProgressComponent } from '../../../core/ui/upload-progress.component';
import { formatBytes } from '../../applicant/shared/upload';
import { SanctionsApiService } from '../shared/sanctions-api.service';
import { SanctionsTabsComponent } from '../shared/sanctions-tabs.component';

/** How often an import or a screening run in progress is asked for again (ms). */
export const SANCTIONS_POLL_MS = new InjectionToken<number>('SANCTIONS_POLL_MS', { providedIn: 'root', factory: () => 1000 });

/** Where the UN Security Council publishes its consolidated list (the XML file an import takes). */
export const UN_LIST_PAGE = 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list';
export const UN_LIST_XML = 'https://scsanctions.un.org/resources/xml/en/consolidated.xml';

export function isBusy(state: ListVersionState): boolean {
  return state === 'queued' || state === 'running';
}

export function stateTone(state: ListVersionState): Tone {
  return state === 'done' ? 'good' : state === 'failed' ? 'bad' : 'info';
}

/**
 * A failed import's reason in words: the error code's own sentence with its params (SANCTIONS_LIST_INVALID names
 * the line and what is wrong there), or the code in a general sentence when the web does not know it.
 */
export function failureText(code: string | null, params: Record<string, string | number> | null, i18n: Pick<I18nService, 't'>): string {
  const key = code ? errorCodeKey(code) : null;
  if (key) return i18n.t(key, { line: '—', detail: '', ...(params ?? {}) });
  return i18n.t('sanctions.lists.failedCode', { code: code ?? '—' });
}

/**
 * The sanctions lists: import the UN consolidated list (the upload's progress, then the import job's progress asked
 * for again until it is done or failed, the reason when it failed), every version imported with what changed since
 * the one before, the screening run an import started and the potential matches it raised, and "screen everyone
 * again".
 */
@Component({
  selector: 'mz-sanctions-lists-page',
  imports: [
    EmptyStateComponent,
    FilePickComponent,
    FormProblemComponent,
    JobProgressComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatIconModule,
    PageHeaderComponent,
    RouterLink,
    SanctionsTabsComponent,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
    UploadProgressComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../shared/sanctions.scss'],
  template: `
    <mz-page-header [title]="'sanctions.page.title' | t" [intro]="'sanctions.lists.intro' | t" headingTestId="sanctions-heading">
      <button mat-stroked-button type="button" data-testid="sanctions-rescreen" [disabled]="!canRescreen()" (click)="rescreen()">
        <mat-icon svgIcon="refresh" /> {{ 'sanctions.lists.rescreen' | t }}
      </button>
    </mz-page-header>
    <mz-sanctions-tabs>
      <p class="mz-visually-hidden" role="status" aria-live="polite" data-testid="sanctions-lists-announcement">{{ announcement() }}</p>

      <section class="panel" aria-labelledby="sanctions-import-title">
        <h2 class="panel-title" id="sanctions-import-title">{{ 'sanctions.lists.importTitle' | t }}</h2>
        <p class="muted">{{ 'sanctions.lists.importHelp' | t: { size: maxSize() } }}</p>
        <form class="row" (submit)="$event.preventDefault(); upload()">
          <mz-file-pick accept=".xml,application/xml,text/xml" testId="sanctions-import" [missing]="missing()" [disabled]="uploading()" [(file)]="file" />
          <button mat-flat-button type="submit" data-testid="sanctions-import-submit" [disabled]="uploading() || importBusy()">
            <mat-icon svgIcon="upload" /> {{ 'sanctions.lists.import' | t }}
          </button>
        </form>
        <mz-upload-progress [progress]="uploadPercent()" testId="sanctions-upload-progress" />
        <mz-form-problem [problem]="problem()" testId="sanctions-import-error" />
        @if (current(); as v) {
          <div class="job" data-testid="sanctions-import-job">
            <p class="muted"><bdi>{{ v.fileName }}</bdi></p>
            <mz-job-progress labelKey="sanctions.lists.importLabel" testId="sanctions-import-progress" [state]="v.state" [progress]="v.progress" [error]="v.state === 'failed' ? failure(v) : null">
              @if (v.state === 'done') {
                <p data-testid="sanctions-import-summary">{{ 'sanctions.lists.importDone' | t: { individuals: v.individuals, entities: v.entities, aliases: v.aliases } }}</p>
              }
            </mz-job-progress>
          </div>
        }
      </section>

      @if (run(); as r) {
        <section class="panel" aria-labelledby="sanctions-run-title" data-testid="sanctions-run">
          <h2 class="panel-title" id="sanctions-run-title">{{ runTitleKey(r) | t }}</h2>
          <mz-job-progress labelKey="sanctions.lists.runLabel" testId="sanctions-run-progress" [state]="r.state" [progress]="r.progress" [error]="r.state === 'failed' ? runFailure(r) : null">
            @if (r.state === 'done') {
              <p data-testid="sanctions-run-summary">{{ 'sanctions.lists.runDone' | t: { count: r.partiesScreened } }}</p>
              @if (r.matchesRaised > 0) {
                <a mat-flat-button routerLink="/sanctions" data-testid="sanctions-run-matches">
                  <mat-icon svgIcon="flag" /> {{ 'sanctions.lists.newMatches' | t: { count: r.matchesRaised } }}
                </a>
              } @else {
                <p data-testid="sanctions-run-no-matches">{{ 'sanctions.lists.noNewMatches' | t }}</p>
              }
            }
          </mz-job-progress>
        </section>
      }

      <h2 class="mz-section-title">{{ 'sanctions.lists.versions' | t }}</h2>
      <mz-loading-bar [loading]="loading()" />
      <mz-form-problem [problem]="loadProblem()" testId="sanctions-lists-error" />
      @if (!loadProblem()) {
        <mz-table-frame [label]="'sanctions.lists.versions' | t" [empty]="!loading() && versions().length === 0">
          <table class="dense-table" data-testid="sanctions-versions">
            <thead>
              <tr>
                <th scope="col">{{ 'sanctions.lists.list' | t }}</th>
                <th scope="col">{{ 'sanctions.lists.published' | t }}</th>
                <th scope="col">{{ 'sanctions.lists.imported' | t }}</th>
                <th scope="col">{{ 'sanctions.lists.state' | t }}</th>
                <th scope="col">{{ 'sanctions.lists.contents' | t }}</th>
                <th scope="col">{{ 'sanctions.lists.changes' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (v of versions(); track v.id) {
                <tr data-testid="sanctions-version" [attr.data-state]="v.state">
                  <td>
                    <bdi>{{ v.listName }}</bdi>
                    @if (v.id === inUseId()) {
                      <mz-tone-badge tone="good" data-testid="sanctions-version-in-use">{{ 'sanctions.lists.inUse' | t }}</mz-tone-badge>
                    }
                    <div class="muted"><bdi>{{ v.fileName }}</bdi></div>
                  </td>
                  <td class="nowrap">{{ v.publishedAt ? i18n.formatDate(v.publishedAt) : '—' }}</td>
                  <td>
                    <bdi>{{ v.importedBy.name }}</bdi>
                    <div class="muted nowrap">{{ i18n.formatDateTime(v.createdAt) }}</div>
                  </td>
                  <td>
                    <mz-tone-badge [tone]="tone(v.state)" data-testid="sanctions-version-state">{{ stateKey(v.state) | t: { percent: v.progress } }}</mz-tone-badge>
                    @if (v.state === 'failed') {
                      <div class="failure" data-testid="sanctions-version-failure">{{ failure(v) }}</div>
                    }
                  </td>
                  <td>
                    @if (v.state === 'done') {
                      <div class="num">{{ 'sanctions.lists.individuals' | t: { count: v.individuals } }}</div>
                      <div class="num">{{ 'sanctions.lists.entities' | t: { count: v.entities } }}</div>
                      <div class="num muted">{{ 'sanctions.lists.aliases' | t: { count: v.aliases } }}</div>
                    } @else {
                      —
                    }
                  </td>
                  <td>
                    @if (v.state === 'done') {
                      <div class="chips" data-testid="sanctions-version-changes">
                        @if (v.entriesAdded > 0) {
                          <mz-tone-badge tone="warn">{{ 'sanctions.lists.entriesAdded' | t: { count: v.entriesAdded } }}</mz-tone-badge>
                        }
                        @if (v.entriesRemoved > 0) {
                          <mz-tone-badge tone="neutral">{{ 'sanctions.lists.entriesRemoved' | t: { count: v.entriesRemoved } }}</mz-tone-badge>
                        }
                        @if (v.entriesChanged > 0) {
                          <mz-tone-badge tone="info">{{ 'sanctions.lists.entriesChanged' | t: { count: v.entriesChanged } }}</mz-tone-badge>
                        }
                        @if (v.aliasesAdded > 0) {
                          <mz-tone-badge tone="info">{{ 'sanctions.lists.aliasesAdded' | t: { count: v.aliasesAdded } }}</mz-tone-badge>
                        }
                        @if (v.aliasesRemoved > 0) {
                          <mz-tone-badge tone="neutral">{{ 'sanctions.lists.aliasesRemoved' | t: { count: v.aliasesRemoved } }}</mz-tone-badge>
                        }
                        @if (v.entriesAdded + v.entriesRemoved + v.entriesChanged + v.aliasesAdded + v.aliasesRemoved === 0) {
                          <span class="muted">{{ 'sanctions.lists.noChanges' | t }}</span>
                        }
                      </div>
                    } @else {
                      —
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
          <mz-empty-state mzEmpty data-testid="sanctions-lists-empty" icon="policy" [title]="'sanctions.lists.empty' | t" [body]="'sanctions.lists.emptyBody' | t">
            <p>
              <a [href]="unPage" target="_blank" rel="noopener" data-testid="sanctions-un-link">{{ 'sanctions.lists.unPage' | t }}</a>
              ·
              <a [href]="unXml" target="_blank" rel="noopener" data-testid="sanctions-un-xml">{{ 'sanctions.lists.unXml' | t }}</a>
            </p>
          </mz-empty-state>
        </mz-table-frame>
      }
    </mz-sanctions-tabs>
  `,
  styles: `
    .job {
      margin-block-start: 12px;
    }
    .failure {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      margin-block-start: 4px;
      overflow-wrap: anywhere;
    }
  `,
})
export class SanctionsListsPage {
  private readonly api = inject(SanctionsApiService);
  protected readonly i18n = inject(I18nService);
  private readonly pollMs = inject(SANCTIONS_POLL_MS);
  protected readonly unPage = UN_LIST_PAGE;
  protected readonly unXml = UN_LIST_XML;

  protected readonly versions = signal<SanctionsListVersionView[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<FormProblem | null>(null);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');
  protected readonly file = signal<File | null>(null);
  protected readonly missing = signal(false);
  /** null: no upload; 0: starting; 1–100: percent sent. */
  protected readonly uploadPercent = signal<number | null>(null);
  protected readonly uploading = computed(() => this.uploadPercent() !== null);
  /** The import started on this page (asked for again until it is done or failed). */
  protected readonly current = signal<SanctionsListVersionView | null>(null);
  protected readonly importBusy = computed(() => {
    const v = this.current();
    return v !== null && isBusy(v.state);
  });
  /** The screening run an import started or "screen everyone again" asked for. */
  protected readonly run = signal<ScreeningRunView | null>(null);
  protected readonly inUseId = computed(() => this.versions().find((v) => v.state === 'done')?.id ?? null);
  protected readonly canRescreen = computed(() => {
    const run = this.run();
    return this.inUseId() !== null && !this.starting() && !(run && isBusy(run.state));
  });
  private readonly starting = signal(false);
  protected readonly maxSize = computed(() => formatBytes(SANCTIONS_FILE_MAX_BYTES, this.i18n.locale()));

  private versionTimer: ReturnType<typeof setTimeout> | null = null;
  private runTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => {
      if (this.versionTimer) clearTimeout(this.versionTimer);
      if (this.runTimer) clearTimeout(this.runTimer);
      this.versionTimer = this.runTimer = null;
    });
  }

  protected tone(state: ListVersionState): Tone {
    return stateTone(state);
  }

  protected stateKey(state: ListVersionState): TranslationKey {
    return `sanctions.lists.stateName.${state}`;
  }

  protected runTitleKey(run: ScreeningRunView): TranslationKey {
    return `sanctions.lists.runTitle.${run.trigger}`;
  }

  protected failure(v: Pick<SanctionsListVersionView, 'failureCode' | 'failureParams'>): string {
    return failureText(v.failureCode, v.failureParams, this.i18n);
  }

  protected runFailure(run: ScreeningRunView): string {
    const key = run.failureCode ? errorCodeKey(run.failureCode) : null;
    return key ? this.i18n.t(key) : this.i18n.t('sanctions.lists.runFailed', { code: run.failureCode ?? '—' });
  }

  protected load(): void {
    this.loading.set(true);
    this.api.lists().subscribe({
      next: (page) => {
        this.loading.set(false);
        this.loadProblem.set(null);
        this.versions.set(page.items);
        // An import someone started earlier and still running: follow it here too.
        const running = page.items.find((v) => isBusy(v.state));
        if (running && !this.current()) {
          this.current.set(running);
          this.pollVersion();
        }
        if (page.items.some((v) => v.state === 'done')) this.followLatestRun();
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadProblem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected upload(): void {
    const file = this.file();
    this.problem.set(null);
    if (!file) {
      this.missing.set(true);
      return;
    }
    this.missing.set(false);
    if (file.size > SANCTIONS_FILE_MAX_BYTES) {
      this.problem.set({ key: 'sanctions.lists.tooLarge', params: { size: this.maxSize() } });
      return;
    }
    this.uploadPercent.set(0);
    this.announcement.set(this.i18n.t('sanctions.lists.uploading'));
    this.api.importList(file).subscribe({
      next: (event) => {
        if (event.kind === 'progress') {
          this.uploadPercent.set(event.percent);
          return;
        }
        this.uploadPercent.set(null);
        this.file.set(null);
        this.run.set(null);
        this.current.set(event.result);
        this.upsert(event.result);
        this.announcement.set(this.i18n.t('sanctions.lists.uploaded'));
        this.pollVersion();
      },
      error: (error: unknown) => {
        this.uploadPercent.set(null);
        this.problem.set(errorMessage(toWebError(error)));
        this.announcement.set('');
      },
    });
  }

  protected rescreen(): void {
    if (!this.canRescreen()) return;
    this.starting.set(true);
    this.problem.set(null);
    this.api.startRun().subscribe({
      next: (run) => {
        this.starting.set(false);
        this.run.set(run);
        this.announcement.set(this.i18n.t('sanctions.lists.runStarted'));
        this.pollRun();
      },
      error: (error: unknown) => {
        this.starting.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  private upsert(version: SanctionsListVersionView): void {
    this.versions.update((list) => (list.some((v) => v.id === version.id) ? list.map((v) => (v.id === version.id ? version : v)) : [version, ...list]));
  }

  private pollVersion(): void {
    const v = this.current();
    if (!v || this.versionTimer) return;
    const waitingForRun = v.state === 'done' && !v.runId;
    if (!isBusy(v.state) && !waitingForRun) return;
    this.versionTimer = setTimeout(() => {
      this.versionTimer = null;
      this.api.list(v.id).subscribe({
        next: (now) => {
          this.current.set(now);
          this.upsert(now);
          if (isBusy(now.state)) {
            this.pollVersion();
            return;
          }
          if (v.state !== now.state) {
            this.announcement.set(now.state === 'done' ? this.i18n.t('sanctions.lists.importFinished') : this.failure(now));
          }
          if (now.state === 'done' && now.runId) this.followRun(now.runId);
          else if (now.state === 'done' && !waitingForRun) this.pollVersion();
        },
        error: () => this.pollVersion(),
      });
    }, this.pollMs);
  }

  /** A screening run still going when the page opens (started elsewhere, or before the officer came back): follow it. */
  private followLatestRun(): void {
    this.api.runs(1, 1).subscribe({
      next: (page) => {
        const latest = page.items[0];
        if (latest && isBusy(latest.state) && !this.run()) {
          this.run.set(latest);
          this.pollRun();
        }
      },
      error: () => undefined,
    });
  }

  private followRun(runId: string): void {
    if (this.run()?.id === runId) return;
    this.api.run(runId).subscribe({
      next: (run) => {
        this.run.set(run);
        this.pollRun();
      },
      error: (error: unknown) => this.problem.set(errorMessage(toWebError(error))),
    });
  }

  private pollRun(): void {
    const r = this.run();
    if (!r || !isBusy(r.state) || this.runTimer) {
      if (r?.state === 'done') this.announceRun(r);
      return;
    }
    this.runTimer = setTimeout(() => {
      this.runTimer = null;
      this.api.run(r.id).subscribe({
        next: (now) => {
          this.run.set(now);
          this.pollRun();
        },
        error: () => this.pollRun(),
      });
    }, this.pollMs);
  }

  private announceRun(run: ScreeningRunView): void {
    this.announcement.set(run.matchesRaised > 0 ? this.i18n.t('sanctions.lists.newMatches', { count: run.matchesRaised }) : this.i18n.t('sanctions.lists.noNewMatches'));
  }
}
