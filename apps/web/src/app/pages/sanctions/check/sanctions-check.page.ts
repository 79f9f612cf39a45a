import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { ErrorCode, SCREENING_NAME_MAX, type SanctionsEntryView, type ScreeningCandidateView, type ScreeningCheckResult } from '@mizan/contracts';
import type { PartyNameKind } from '@mizan/domain';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { MatchExplanationComponent } from '../shared/match-explanation.component';
import { entryKindKey } from '../shared/match-labels';
import { SanctionsApiService } from '../shared/sanctions-api.service';
import { SanctionsEntryComponent } from '../shared/sanctions-entry.component';
import { SanctionsTabsComponent } from '../shared/sanctions-tabs.component';
import { ScoreBarComponent, formatScore } from '../shared/score-bar.component';

export const CHECK_KINDS: readonly PartyNameKind[] = ['person', 'entity', 'unknown'];

/** Best first; equal scores by reference, so the order does not depend on the server's. */
export function bestFirst(candidates: readonly ScreeningCandidateView[]): ScreeningCandidateView[] {
  return [...candidates].sort((a, b) => b.score - a.score || a.reference.localeCompare(b.reference));
}

/**
 * Check one name against the current sanctions list (nothing is saved): a name and whether it is a person or an
 * entity, then whether it is a potential match (a score at or above the agency's threshold), and each candidate
 * best first with its score, the list name it matched (Arabic reads right to left) and why it scored so.
 */
@Component({
  selector: 'mz-sanctions-check-page',
  imports: [
    EmptyStateComponent,
    FieldErrorDirective,
    FormProblemComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatchExplanationComponent,
    PageHeaderComponent,
    ReactiveFormsModule,
    RouterLink,
    SanctionsEntryComponent,
    SanctionsTabsComponent,
    ScoreBarComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../shared/sanctions.scss'],
  template: `
    <mz-page-header [title]="'sanctions.page.title' | t" [intro]="'sanctions.check.intro' | t" headingTestId="sanctions-heading" />
    <mz-sanctions-tabs>

      <form class="check-form" [formGroup]="form" (ngSubmit)="check()" data-testid="sanctions-check-form">
        <mat-form-field class="name-field">
          <mat-label>{{ 'sanctions.check.name' | t }}</mat-label>
          <input matInput formControlName="name" dir="auto" autocomplete="off" [maxlength]="nameMax" data-testid="sanctions-check-name" />
          <mat-hint>{{ 'sanctions.check.nameHint' | t }}</mat-hint>
          <mat-error [mzFieldError]="form.controls.name" [messages]="{ required: 'sanctions.check.nameRequired', maxlength: 'sanctions.check.nameTooLong' }" />
        </mat-form-field>
        <fieldset class="kind">
          <legend>{{ 'sanctions.check.kind' | t }}</legend>
          <mat-radio-group formControlName="kind" data-testid="sanctions-check-kind">
            @for (k of kinds; track k) {
              <mat-radio-button [value]="k" [attr.data-testid]="'sanctions-check-kind-' + k">{{ kindKey(k) | t }}</mat-radio-button>
            }
          </mat-radio-group>
        </fieldset>
        <div>
          <button mat-flat-button type="submit" data-testid="sanctions-check-submit" [disabled]="submission.busy()">
            <mat-icon svgIcon="search" /> {{ 'sanctions.check.submit' | t }}
          </button>
        </div>
      </form>
      <mz-loading-bar [loading]="submission.busy()" />
      <mz-form-problem [problem]="submission.problem()" testId="sanctions-check-error" />

      <p class="mz-visually-hidden" role="status" aria-live="polite" data-testid="sanctions-check-announcement">{{ announcement() }}</p>
      <div data-testid="sanctions-check-results">
        @if (noList()) {
          <mz-empty-state data-testid="sanctions-check-no-list" icon="policy" [title]="'sanctions.check.noList' | t" [body]="'sanctions.check.noListBody' | t">
            <a mat-stroked-button routerLink="/sanctions/lists" data-testid="sanctions-check-to-lists"><mat-icon svgIcon="upload" /> {{ 'sanctions.check.toLists' | t }}</a>
          </mz-empty-state>
        } @else if (result(); as r) {
          @if (r.potentialMatch) {
            <div class="mz-banner mz-banner-error" role="status" data-testid="sanctions-check-banner" data-match="yes">
              <mat-icon svgIcon="warning" />
              <div>
                <p class="mz-banner-text">{{ 'sanctions.check.potentialMatch' | t: { name: r.query } }}</p>
                <p class="mz-banner-meta">{{ 'sanctions.check.thresholdNote' | t: { threshold: score(r.threshold) } }}</p>
              </div>
            </div>
          } @else {
            <div class="mz-banner mz-banner-success" role="status" data-testid="sanctions-check-banner" data-match="no">
              <mat-icon svgIcon="check_circle" />
              <div>
                <p class="mz-banner-text">{{ 'sanctions.check.noMatch' | t: { name: r.query } }}</p>
                <p class="mz-banner-meta">{{ 'sanctions.check.thresholdNote' | t: { threshold: score(r.threshold) } }}</p>
              </div>
            </div>
          }
          @if (candidates().length > 0) {
            <h2 class="mz-section-title">{{ 'sanctions.check.candidates' | t: { count: candidates().length } }}</h2>
            <ol class="list-plain" data-testid="sanctions-check-candidates">
              @for (c of candidates(); track c.entryId) {
                <li class="panel candidate" data-testid="sanctions-candidate" [attr.data-above]="c.score >= r.threshold">
                  <div class="row head">
                    <bdi dir="auto" class="name" data-testid="sanctions-candidate-name">{{ c.name }}</bdi>
                    <mz-tone-badge tone="neutral">{{ entryKindKey(c.kind) | t }}</mz-tone-badge>
                    @if (c.score >= r.threshold) {
                      <mz-tone-badge tone="bad">{{ 'sanctions.check.aboveThreshold' | t }}</mz-tone-badge>
                    }
                  </div>
                  <div class="row">
                    <span class="muted">{{ 'sanctions.check.score' | t }}</span>
                    <mz-score-bar [score]="c.score" [threshold]="r.threshold" testId="sanctions-candidate-score" />
                    <span class="muted">{{ 'sanctions.check.reference' | t }}</span>
                    <code dir="ltr" data-testid="sanctions-candidate-reference">{{ c.reference }}</code>
                  </div>
                  <mz-match-explanation [detail]="c.detail" />
                  <button
                    mat-button
                    type="button"
                    data-testid="sanctions-candidate-entry-toggle"
                    [attr.aria-expanded]="open().has(c.entryId)"
                    [attr.aria-controls]="'entry-' + c.entryId"
                    (click)="toggleEntry(c.entryId)"
                  >
                    <mat-icon [svgIcon]="open().has(c.entryId) ? 'expand_less' : 'expand_more'" />
                    {{ (open().has(c.entryId) ? 'sanctions.entry.hide' : 'sanctions.entry.show') | t }}
                  </button>
                  <div [id]="'entry-' + c.entryId">
                    @if (open().has(c.entryId)) {
                      @if (entries()[c.entryId]; as entry) {
                        <mz-sanctions-entry [entry]="entry" />
                      } @else if (entryFailed().has(c.entryId)) {
                        <p class="mz-banner mz-banner-error" role="alert" data-testid="sanctions-entry-error">{{ 'sanctions.entry.loadFailed' | t }}</p>
                      } @else {
                        <mz-loading-bar [loading]="true" />
                      }
                    }
                  </div>
                </li>
              }
            </ol>
          } @else {
            <p class="muted" data-testid="sanctions-check-none">{{ 'sanctions.check.noCandidates' | t }}</p>
          }
        } @else if (!submission.busy() && !submission.problem()) {
          <mz-empty-state data-testid="sanctions-check-empty" icon="search" [title]="'sanctions.check.empty' | t" [body]="'sanctions.check.emptyBody' | t" />
        }
      </div>
    </mz-sanctions-tabs>
  `,
  styles: `
    .check-form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      align-items: flex-start;
    }
    .name-field {
      flex: 1 1 280px;
      min-inline-size: 0;
    }
    .kind {
      border: 0;
      margin: 0;
      padding: 0;
    }
    .kind legend {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
    }
    .candidate .head {
      margin-block-end: 8px;
    }
    .candidate .name {
      font: var(--mat-sys-title-medium);
    }
    .candidate .row + .row {
      margin-block-end: 12px;
    }
  `,
})
export class SanctionsCheckPage {
  private readonly api = inject(SanctionsApiService);
  private readonly i18n = inject(I18nService);
  protected readonly kinds = CHECK_KINDS;
  protected readonly entryKindKey = entryKindKey;
  protected readonly nameMax = SCREENING_NAME_MAX;
  protected readonly submission = new FormSubmission<ScreeningCheckResult>();
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(SCREENING_NAME_MAX)] }),
    kind: new FormControl<PartyNameKind>('unknown', { nonNullable: true }),
  });
  protected readonly result = signal<ScreeningCheckResult | null>(null);
  protected readonly candidates = signal<ScreeningCandidateView[]>([]);
  protected readonly noList = signal(false);
  /** The answer in one sentence for a screen reader (the results themselves are read at the reader's pace). */
  protected readonly announcement = signal('');
  /** The list entries shown under their candidate (read once, when first opened). */
  protected readonly open = signal<ReadonlySet<string>>(new Set());
  protected readonly entries = signal<Readonly<Record<string, SanctionsEntryView>>>({});
  protected readonly entryFailed = signal<ReadonlySet<string>>(new Set());

  protected kindKey(kind: PartyNameKind): TranslationKey {
    return `sanctions.check.kindName.${kind}`;
  }

  protected score(value: number): string {
    return formatScore(value, this.i18n.locale());
  }

  protected toggleEntry(entryId: string): void {
    const open = new Set(this.open());
    if (open.delete(entryId)) {
      this.open.set(open);
      return;
    }
    open.add(entryId);
    this.open.set(open);
    if (this.entries()[entryId]) return;
    const failed = new Set(this.entryFailed());
    failed.delete(entryId);
    this.entryFailed.set(failed);
    this.api.entry(entryId).subscribe({
      next: (entry) => this.entries.update((all) => ({ ...all, [entryId]: entry })),
      error: () => this.entryFailed.update((all) => new Set(all).add(entryId)),
    });
  }

  protected check(): void {
    const name = this.form.controls.name.value.trim();
    if (!name) this.form.controls.name.setValue('');
    this.submission.run(
      this.form,
      () => this.api.check({ name, kind: this.form.controls.kind.value }),
      (result) => {
        this.noList.set(false);
        this.open.set(new Set());
        this.result.set(result);
        this.candidates.set(bestFirst(result.candidates));
        const summary = this.i18n.t(result.potentialMatch ? 'sanctions.check.potentialMatch' : 'sanctions.check.noMatch', { name: result.query });
        this.announcement.set(`${summary} ${this.i18n.t('sanctions.check.candidates', { count: result.candidates.length })}`);
      },
      (error) => {
        if (error.code !== ErrorCode.ScreeningNoList) return false;
        this.result.set(null);
        this.candidates.set([]);
        this.noList.set(true);
        this.announcement.set(this.i18n.t('sanctions.check.noList'));
        return true;
      },
    );
  }
}
