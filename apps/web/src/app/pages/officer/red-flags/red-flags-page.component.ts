import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { RedFlagRunView } from '@mizan/contracts';
import { toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { JobProgressComponent } from '../../../core/ui/job-progress.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { financeProblem } from '../../../shared/finance/finance-labels';
import { RedFlagListComponent } from './red-flag-list.component';
import { RedFlagsApiService } from './red-flags-api.service';

const POLL_MS = 1500;

/**
 * Red flags of the whole agency (`officer/red-flags`) or of one grant (`officer/grants/:grantId/red-flags`): the
 * latest run of the engine with its progress (polled while it runs), "run now", and the flags.
 */
@Component({
  selector: 'mz-red-flags-page',
  imports: [FormProblemComponent, JobProgressComponent, MatButtonModule, MatIconModule, PageHeaderComponent, RedFlagListComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="(grantId() ? 'flags.grantPage.title' : 'flags.page.title') | t" [intro]="'flags.page.intro' | t" headingTestId="flags-heading" />
    <section class="section" aria-labelledby="flags-run-heading" data-testid="flags-run">
      <h2 class="mz-section-title" id="flags-run-heading">{{ 'flags.run.title' | t }}</h2>
      @if (latest(); as run) {
        <mz-job-progress [state]="run.state" [progress]="run.progress" [error]="run.error" labelKey="flags.run.label" testId="flags-run-progress">
          <p class="muted">
            {{ 'flags.run.summary' | t: { reason: (reasonKey(run.reason) | t), when: date(run.createdAt), lines: run.lineCount ?? 0, flags: run.flagCount ?? 0 } }}
          </p>
        </mz-job-progress>
      } @else {
        <p class="muted">{{ 'flags.run.none' | t }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="button" data-testid="flags-run-now" [disabled]="running()" (click)="runNow()">
          <mat-icon svgIcon="refresh" /> {{ 'flags.run.now' | t }}
        </button>
        <a mat-stroked-button routerLink="/officer/red-flags/settings" data-testid="flags-settings-link">
          <mat-icon svgIcon="edit" /> {{ 'flags.settings.link' | t }}
        </a>
        @if (grantId()) {
          <a mat-button routerLink="/officer/red-flags">{{ 'flags.page.all' | t }}</a>
        }
      </div>
      <mz-form-problem [problem]="problem()" testId="flags-run-error" />
    </section>
    <mz-red-flag-list [grantId]="grantId()" [programId]="programId()" [reload]="reload()" />
  `,
  styleUrls: ['../shared/officer-page.scss', './red-flags.scss'],
})
export class RedFlagsPageComponent {
  private readonly api = inject(RedFlagsApiService);
  private readonly i18n = inject(I18nService);

  /** From the route (`:grantId`), when the page shows one grant. */
  readonly grantId = input<string | null>(null);
  /** From the query string (`?programId=`): one program's flags. */
  readonly programId = input<string | null>(null);

  protected readonly runs = signal<RedFlagRunView[]>([]);
  protected readonly latest = computed(() => this.runs()[0] ?? null);
  protected readonly running = computed(() => this.latest()?.state === 'queued' || this.latest()?.state === 'running');
  protected readonly reload = signal(0);
  protected readonly problem = signal<FormProblem | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
    this.poll();
  }

  private poll(): void {
    clearTimeout(this.timer);
    this.api.runs().subscribe({
      next: (runs) => {
        const wasRunning = this.running();
        this.runs.set(runs);
        if (wasRunning && !this.running()) this.reload.update((n) => n + 1);
        if (this.running()) this.timer = setTimeout(() => this.poll(), POLL_MS);
      },
      error: (error: unknown) => this.problem.set(financeProblem(toWebError(error))),
    });
  }

  protected runNow(): void {
    this.problem.set(null);
    this.api.runNow().subscribe({
      next: (run) => {
        this.runs.update((runs) => [run, ...runs.filter((r) => r.id !== run.id)]);
        this.timer = setTimeout(() => this.poll(), POLL_MS);
      },
      error: (error: unknown) => this.problem.set(financeProblem(toWebError(error))),
    });
  }

  protected reasonKey(reason: string): TranslationKey {
    return `flags.run.reason.${reason}` as TranslationKey;
  }

  protected date(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }
}
