import { ChangeDetectionStrategy, Component, DestroyRef, InjectionToken, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import {
  IATI_SUMMARY_MAX,
  type GovernorateView,
  type IatiPreviewView,
  type ProgramPublicationView,
  type PublicationJobView,
  type PublicationRecordView,
} from '@mizan/contracts';
import { catchError, of } from 'rxjs';
import { errorMessage, toWebError } from '../../core/api/api-error';
import type { TranslationKey } from '../../core/i18n/catalog';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../core/ui/form-problem.component';
import { FormSubmission } from '../../core/ui/form-submission';
import { JobProgressComponent } from '../../core/ui/job-progress.component';
import { LoadingBarComponent } from '../../core/ui/loading-bar.component';
import { Notifier } from '../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { TableFrameComponent } from '../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { ReferenceDataService } from '../applicant/shared/reference-data.service';
import { IatiPreviewComponent } from './iati-preview.component';
import { TransparencyApiService } from './transparency-api.service';
import { isRunning, jobPercent, jobState, shortHash, summaryOf } from './transparency-view';

/** How often a publication job is asked for again (ms). */
export const TRANSPARENCY_POLL_MS = new InjectionToken<number>('TRANSPARENCY_POLL_MS', { providedIn: 'root', factory: () => 1000 });

/**
 * One program's publication: whether it is published and its public summary (en, ar, sv); the preview of its IATI
 * file (validation, redactions with reasons, each element's source, the raw XML); "Publish", a worker job whose
 * progress shows here; and the published versions (version, date, SHA-256, stable public URL, download).
 */
@Component({
  selector: 'mz-program-publication-page',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    IatiPreviewComponent,
    JobProgressComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSlideToggleModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../officer/shared/officer-page.scss', './transparency.scss'],
  template: `
    <a class="back-link" routerLink="/officer/transparency"><mat-icon svgIcon="arrow_back" class="mz-mirror-rtl" /> {{ 'transparency.program.back' | t }}</a>
    <mz-page-header [title]="program()?.programName ?? ('transparency.program.title' | t)" [intro]="'transparency.program.intro' | t" headingTestId="transparency-program-heading">
      <button mat-stroked-button type="button" data-testid="transparency-preview" [disabled]="previewing() || !program()" (click)="loadPreview()">
        <mat-icon svgIcon="visibility" /> {{ 'transparency.program.preview' | t }}
      </button>
      <button mat-flat-button type="button" data-testid="transparency-publish" [disabled]="!canPublish()" (click)="publish()">
        <mat-icon svgIcon="publish" /> {{ 'transparency.program.publish' | t }}
      </button>
    </mz-page-header>
    <p class="mz-visually-hidden" role="status" aria-live="polite">{{ announcement() }}</p>
    <mz-loading-bar [loading]="loading() || previewing()" />
    <mz-form-problem [problem]="problem()" testId="transparency-program-error" />
    @if (program() && !program()!.published) {
      <p class="mz-banner mz-banner-info" data-testid="transparency-not-published">{{ 'transparency.program.offHint' | t }}</p>
    }

    @if (job(); as j) {
      <section class="panel" aria-labelledby="job-title" data-testid="transparency-job">
        <h2 id="job-title" class="mz-section-title">{{ 'transparency.job.title' | t }}</h2>
        <mz-job-progress labelKey="transparency.job.label" testId="transparency-job-progress" [state]="state(j)" [progress]="percent(j)" [error]="failure(j)" />
        @if (isRunning(j)) {
          <p class="muted">{{ stepKey(j) | t }}</p>
        }
        @if (j.record?.errors?.length) {
          <ul class="list-plain" data-testid="transparency-job-errors">
            @for (e of j.record!.errors; track $index) {
              <li><code class="hash" dir="ltr">{{ e.path }}</code> <span dir="ltr" lang="en">{{ e.message }}</span></li>
            }
          </ul>
        }
      </section>
    }

    @if (program(); as p) {
      <section class="panel" aria-labelledby="settings-title">
        <h2 id="settings-title" class="mz-section-title">{{ 'transparency.settings.title' | t }}</h2>
        <form [formGroup]="form" (ngSubmit)="save(p)" novalidate data-testid="transparency-settings-form">
          <mat-slide-toggle formControlName="published" data-testid="transparency-published" aria-describedby="published-hint">
            {{ 'transparency.settings.published' | t }}
          </mat-slide-toggle>
          <p id="published-hint" class="muted">{{ 'transparency.settings.publishedHint' | t }}</p>
          <fieldset class="summaries" formGroupName="summary">
            <legend>{{ 'transparency.settings.summary' | t }}</legend>
            <p class="muted">{{ 'transparency.settings.summaryHint' | t }}</p>
            <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.settings.summaryEn' | t }}</mat-label>
              <textarea matInput formControlName="en" rows="3" lang="en" dir="ltr" data-testid="transparency-summary-en"></textarea>
              <mat-error>{{ 'transparency.settings.tooLong' | t: { max: summaryMax } }}</mat-error>
            </mat-form-field>
            <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.settings.summaryAr' | t }}</mat-label>
              <textarea matInput formControlName="ar" rows="3" lang="ar" dir="rtl" data-testid="transparency-summary-ar"></textarea>
              <mat-error>{{ 'transparency.settings.tooLong' | t: { max: summaryMax } }}</mat-error>
            </mat-form-field>
            <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
              <mat-label>{{ 'transparency.settings.summarySv' | t }}</mat-label>
              <textarea matInput formControlName="sv" rows="3" lang="sv" data-testid="transparency-summary-sv"></textarea>
              <mat-error>{{ 'transparency.settings.tooLong' | t: { max: summaryMax } }}</mat-error>
            </mat-form-field>
          </fieldset>
          <mz-form-problem [problem]="submission.problem()" testId="transparency-settings-error" />
          <div class="actions">
            <button mat-flat-button type="submit" data-testid="transparency-settings-save" [disabled]="submission.busy()">{{ 'transparency.settings.save' | t }}</button>
          </div>
        </form>
      </section>
    }

    <section aria-labelledby="versions-title">
      <h2 id="versions-title" class="mz-section-title">{{ 'transparency.versions.title' | t }}</h2>
      <mz-table-frame [label]="'transparency.versions.title' | t" [empty]="versions().length === 0">
        <table class="plain-table" data-testid="transparency-versions">
          <thead>
            <tr>
              <th scope="col">{{ 'transparency.versions.version' | t }}</th>
              <th scope="col">{{ 'transparency.versions.date' | t }}</th>
              <th scope="col">{{ 'transparency.versions.activities' | t }}</th>
              <th scope="col">SHA-256</th>
              <th scope="col">{{ 'transparency.versions.url' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of versions(); track r.id; let newest = $first) {
              <tr data-testid="transparency-version" [attr.data-version]="r.version">
                <td class="nowrap">
                  {{ r.version }}
                  @if (newest) {
                    <mz-tone-badge tone="good">{{ 'transparency.versions.served' | t }}</mz-tone-badge>
                  }
                </td>
                <td class="nowrap">{{ r.publishedAt ? i18n.formatDateTime(r.publishedAt) : '—' }}</td>
                <td class="num">{{ r.activityCount ?? '—' }}</td>
                <td><code class="hash" dir="ltr" [attr.title]="r.sha256" data-testid="transparency-version-sha">{{ newest ? r.sha256 : short(r.sha256) }}</code></td>
                <td>
                  @if (newest && r.url) {
                    <code class="hash" dir="ltr" data-testid="transparency-version-url">{{ absolute(r.url) }}</code>
                    <a mat-stroked-button [href]="r.url" download data-testid="transparency-download"><mat-icon svgIcon="download" /> {{ 'transparency.versions.download' | t }}</a>
                  } @else {
                    <span class="muted">{{ 'transparency.versions.replaced' | t }}</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
        <mz-empty-state mzEmpty data-testid="transparency-versions-empty" icon="publish" [title]="'transparency.versions.empty' | t" [body]="'transparency.versions.emptyBody' | t" />
      </mz-table-frame>
    </section>

    @if (preview(); as pv) {
      <section aria-labelledby="preview-title" data-testid="transparency-preview-result">
        <h2 id="preview-title" class="mz-section-title" tabindex="-1">{{ 'transparency.preview.title' | t }}</h2>
        <mz-iati-preview [preview]="pv" [governorates]="governorates()" />
      </section>
    }
  `,
  styles: `
    .summaries {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin: 8px 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding-inline: 4px;
    }
    td a {
      margin-block-start: 4px;
    }
  `,
})
export class ProgramPublicationPage {
  private readonly api = inject(TransparencyApiService);
  private readonly notifier = inject(Notifier);
  private readonly pollMs = inject(TRANSPARENCY_POLL_MS);
  protected readonly i18n = inject(I18nService);

  /** Route parameter. */
  readonly programId = input.required<string>();

  protected readonly summaryMax = IATI_SUMMARY_MAX;
  protected readonly loading = signal(true);
  protected readonly previewing = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly program = signal<ProgramPublicationView | null>(null);
  protected readonly records = signal<PublicationRecordView[]>([]);
  protected readonly preview = signal<IatiPreviewView | null>(null);
  protected readonly job = signal<PublicationJobView | null>(null);
  protected readonly announcement = signal('');
  protected readonly governorates = signal<readonly GovernorateView[]>([]);
  protected readonly submission = new FormSubmission<ProgramPublicationView>();
  protected readonly versions = computed(() =>
    this.records()
      .filter((r) => r.status === 'published' && r.version !== null)
      .sort((a, b) => (b.version ?? 0) - (a.version ?? 0)),
  );
  protected readonly canPublish = computed(() => !!this.program()?.published && !isRunning(this.job()));
  protected readonly isRunning = isRunning;
  protected readonly short = shortHash;

  protected readonly form = inject(NonNullableFormBuilder).group({
    published: [false],
    summary: inject(NonNullableFormBuilder).group({
      en: ['', [Validators.maxLength(IATI_SUMMARY_MAX)]],
      ar: ['', [Validators.maxLength(IATI_SUMMARY_MAX)]],
      sv: ['', [Validators.maxLength(IATI_SUMMARY_MAX)]],
    }),
  });

  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      const id = this.programId();
      untracked(() => this.load(id));
    });
    inject(ReferenceDataService)
      .governorates()
      .pipe(catchError(() => of([] as GovernorateView[])))
      .subscribe((list) => this.governorates.set(list));
    inject(DestroyRef).onDestroy(() => {
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.pollTimer = null;
    });
  }

  private load(programId: string): void {
    this.loading.set(true);
    this.api.programs().subscribe({
      next: (programs) => {
        const program = programs.find((p) => p.programId === programId) ?? null;
        this.loading.set(false);
        if (!program) {
          this.problem.set({ key: 'transparency.program.notFound' });
          return;
        }
        this.fill(program);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
    this.loadRecords(programId);
  }

  private loadRecords(programId: string): void {
    this.api.publications(programId).subscribe({
      next: (records) => this.records.set(records),
      error: (error: unknown) => this.problem.set(errorMessage(toWebError(error))),
    });
  }

  private fill(program: ProgramPublicationView): void {
    this.program.set(program);
    this.form.reset({
      published: program.published,
      summary: { en: program.publicSummary?.en ?? '', ar: program.publicSummary?.ar ?? '', sv: program.publicSummary?.sv ?? '' },
    });
  }

  protected save(program: ProgramPublicationView): void {
    const v = this.form.getRawValue();
    this.submission.run(
      this.form,
      () => this.api.saveProgram(program.programId, { published: v.published, publicSummary: summaryOf(v.summary), rowVersion: program.rowVersion }),
      (saved) => {
        this.fill(saved);
        this.notifier.notify(this.i18n.t('transparency.settings.saved'));
      },
    );
  }

  protected loadPreview(): void {
    const program = this.program();
    if (!program || this.previewing()) return;
    this.previewing.set(true);
    this.problem.set(null);
    this.api.preview(program.programId).subscribe({
      next: (preview) => {
        this.previewing.set(false);
        this.preview.set(preview);
        this.announcement.set(
          this.i18n.t('transparency.preview.ready', { activities: preview.activities.length, redactions: preview.redactions.length }),
        );
      },
      error: (error: unknown) => {
        this.previewing.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected publish(): void {
    const program = this.program();
    if (!program || !this.canPublish()) return;
    this.problem.set(null);
    this.api.publish(program.programId).subscribe({
      next: (job) => {
        this.job.set(job);
        this.announcement.set(this.i18n.t('transparency.job.queued'));
        this.follow(job);
      },
      error: (error: unknown) => this.problem.set(errorMessage(toWebError(error))),
    });
  }

  /** Asks for the job again until it has finished, then reads the versions again. */
  private follow(job: PublicationJobView): void {
    if (!isRunning(job)) {
      this.finished(job);
      return;
    }
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.api.job(job.jobId).subscribe({
        next: (now) => {
          this.job.set(now);
          this.follow(now);
        },
        error: () => this.follow(job),
      });
    }, this.pollMs);
  }

  private finished(job: PublicationJobView): void {
    const state = jobState(job);
    const text = this.i18n.t(state === 'done' ? (job.record?.status === 'unchanged' ? 'transparency.job.unchanged' : 'transparency.job.done') : 'transparency.job.failed');
    this.announcement.set(text);
    this.notifier.notify(text);
    this.loadRecords(job.programId);
  }

  protected state(job: PublicationJobView) {
    return jobState(job);
  }

  protected percent(job: PublicationJobView): number {
    return jobPercent(job);
  }

  protected stepKey(job: PublicationJobView): TranslationKey {
    return `transparency.step.${job.step}`;
  }

  protected failure(job: PublicationJobView): string | null {
    if (jobState(job) !== 'failed') return null;
    const count = job.record?.errors.length ?? 0;
    return count > 0 ? this.i18n.t('transparency.job.invalid', { count }) : this.i18n.t('transparency.job.failed');
  }

  /** The stable public URL as a reader would type it. */
  protected absolute(path: string): string {
    return typeof location === 'undefined' ? path : new URL(path, location.origin).toString();
  }
}
