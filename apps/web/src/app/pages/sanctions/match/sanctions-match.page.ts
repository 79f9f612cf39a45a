import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  ErrorCode,
  SCREENING_REASON_MAX,
  SCREENING_REASON_MIN,
  type MatchResolution,
  type ScreeningMatchDetail,
} from '@mizan/contracts';
import { filter, map, of, type Observable } from 'rxjs';
import { errorMessage, toWebError, type WebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { askToConfirm } from '../../../core/ui/confirm-dialog.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { ReasonFieldComponent } from '../../../core/ui/reason-field.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { MatchExplanationComponent } from '../shared/match-explanation.component';
import { matchStateKey, matchStateTone, partyKindKey, resolutionKey } from '../shared/match-labels';
import { SanctionsApiService } from '../shared/sanctions-api.service';
import { SanctionsEntryComponent } from '../shared/sanctions-entry.component';
import { SanctionsTabsComponent } from '../shared/sanctions-tabs.component';
import { ScoreBarComponent } from '../shared/score-bar.component';

/** The api's refusals after which the match on screen is out of date: the page says why and reads it again. */
const RELOAD_ON = new Set<WebError['code']>([ErrorCode.ScreeningSecondOfficerRequired, ErrorCode.StaleScreeningMatch, ErrorCode.ScreeningMatchNotOpen]);

const LAPSED_REASONS = ['name_changed', 'entry_removed', 'entry_changed', 'party_removed'] as const;

/** Whether resolving `match` as `resolution` needs a second officer: a confirmation always, a clearing of a high score. */
export function needsSecondOfficer(match: Pick<ScreeningMatchDetail, 'high'>, resolution: MatchResolution | null): boolean {
  return resolution === 'confirmed' || (resolution === 'false_positive' && match.high);
}

function reasonControl(): FormControl<string> {
  return new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(SCREENING_REASON_MIN), Validators.maxLength(SCREENING_REASON_MAX)],
  });
}

/**
 * One potential match (issue 13): the screened party beside the list entry it resembles (all the entry's names,
 * the original script right to left), the score and why it matched, and the decision. An officer clears it as a
 * false positive or confirms it, with a reason; a confirmation, or the clearing of a high score, waits for a
 * second officer, who agrees or sends it back. Once decided, the page shows who decided what and why.
 */
@Component({
  selector: 'mz-sanctions-match-page',
  imports: [
    FormProblemComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatchExplanationComponent,
    MatIconModule,
    MatRadioModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
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
    <mz-page-header [title]="'sanctions.match.title' | t" headingTestId="match-heading">
      <a mat-button routerLink="/sanctions" data-testid="match-back"><mat-icon svgIcon="arrow_back" class="flip" />{{ 'sanctions.match.back' | t }}</a>
    </mz-page-header>
    <mz-sanctions-tabs>
      <mz-loading-bar [loading]="loading()" />
      <mz-form-problem [problem]="loadProblem()" testId="match-load-error" />
      <p class="mz-visually-hidden" aria-live="polite" data-testid="match-announcement">{{ announcement() }}</p>

      @if (match(); as m) {
        <div class="status">
          <mz-tone-badge [tone]="matchStateTone(m.state)" data-testid="match-state">{{ matchStateKey(m.state) | t }}</mz-tone-badge>
          <span class="muted">{{ 'sanctions.match.raised' | t: { when: dateTime(m.raisedAt) } }}</span>
        </div>

        <div class="sides">
          <section class="panel" aria-labelledby="match-party-heading" data-testid="match-party">
            <h2 class="panel-title" id="match-party-heading">{{ 'sanctions.match.partyHeading' | t }}</h2>
            <p class="big-name" dir="auto" data-testid="match-screened-name">{{ m.screenedName }}</p>
            <dl class="facts">
              <dt>{{ 'sanctions.party.kindLabel' | t }}</dt>
              <dd data-testid="match-party-kind">{{ partyKindKey(m.party.kind) | t }}</dd>
              <dt>{{ 'sanctions.party.organization' | t }}</dt>
              <dd>
                <a [routerLink]="['/officer/organizations', m.party.organizationId]" data-testid="match-organization-link"><bdi>{{ m.party.organizationName }}</bdi></a>
              </dd>
              @if (m.party.partnerName) {
                <dt>{{ 'sanctions.party.partner' | t }}</dt>
                <dd data-testid="match-partner"><bdi>{{ m.party.partnerName }}</bdi></dd>
              }
            </dl>
          </section>

          <section class="panel" aria-labelledby="match-entry-heading" data-testid="match-entry">
            <h2 class="panel-title" id="match-entry-heading">{{ 'sanctions.match.entryHeading' | t }}</h2>
            <p class="big-name" dir="auto" data-testid="match-entry-name">{{ m.entry.primaryName }}</p>
            <p class="muted small" data-testid="match-entry-list">{{ 'sanctions.match.list' | t: { list: m.entry.listName } }}</p>
            <mz-sanctions-entry [entry]="m.entry" testId="match-entry-detail" />
          </section>
        </div>

        <section class="panel" aria-labelledby="match-why-heading" data-testid="match-why">
          <h2 class="panel-title" id="match-why-heading">{{ 'sanctions.match.whyHeading' | t }}</h2>
          <div class="score-line">
            <span class="score-label">{{ 'sanctions.match.score' | t }}</span>
            <mz-score-bar class="score-num" [score]="m.score" testId="match-score" />
            @if (m.high) {
              <mz-tone-badge tone="bad" data-testid="match-high">{{ 'sanctions.match.high' | t }}</mz-tone-badge>
            }
          </div>
          <mz-match-explanation [detail]="m.explanation" />
        </section>

        <section class="panel decision" aria-labelledby="match-decision-heading" data-testid="match-decision">
          <h2 class="panel-title" id="match-decision-heading">{{ 'sanctions.match.decisionHeading' | t }}</h2>

          @if (m.proposedBy && m.proposedResolution && m.state !== 'open') {
            <div class="record" data-testid="match-proposal">
              <p>
                {{ 'sanctions.match.proposedBy' | t: { name: m.proposedBy.name, when: dateTime(m.proposedAt), resolution: (resolutionKey(m.proposedResolution) | t) } }}
              </p>
              @if (m.proposalReason) {
                <blockquote dir="auto">{{ m.proposalReason }}</blockquote>
              }
            </div>
          }

          @switch (m.state) {
            @case ('open') {
              @if (m.actions.resolve) {
                <form [formGroup]="resolveForm" (ngSubmit)="resolve()" data-testid="match-resolve-form" novalidate>
                  <fieldset class="choice">
                    <legend>{{ 'sanctions.match.resolveLegend' | t }}</legend>
                    <mat-radio-group formControlName="resolution" class="radios" [attr.aria-label]="'sanctions.match.resolveLegend' | t">
                      <mat-radio-button value="false_positive" data-testid="match-resolution-false-positive">{{ 'sanctions.match.resolution.false_positive' | t }}</mat-radio-button>
                      <mat-radio-button value="confirmed" data-testid="match-resolution-confirmed">{{ 'sanctions.match.resolution.confirmed' | t }}</mat-radio-button>
                    </mat-radio-group>
                    @if (resolveForm.controls.resolution.touched && resolveForm.controls.resolution.invalid) {
                      <p class="error" role="alert">{{ 'sanctions.match.chooseResolution' | t }}</p>
                    }
                  </fieldset>
                  <div aria-live="polite">
                    <p class="note" data-testid="match-four-eyes">
                      <mat-icon svgIcon="info" aria-hidden="true" />
                      {{ fourEyesKey(m, chosen()) | t }}
                    </p>
                  </div>
                  <mz-reason-field [control]="resolveForm.controls.reason" testId="match-resolve-reason" hintKey="sanctions.match.reasonHint" />
                  <div class="actions">
                    <button mat-flat-button type="submit" data-testid="match-resolve-submit" [disabled]="resolving.busy()">
                      {{ submitKey(m) | t }}
                    </button>
                  </div>
                </form>
              } @else {
                <p class="muted" data-testid="match-open-readonly">{{ 'sanctions.match.openReadonly' | t }}</p>
              }
            }
            @case ('pending_second') {
              @if (m.actions.second) {
                <form [formGroup]="secondForm" data-testid="match-second-form" novalidate (ngSubmit)="second(true)">
                  <p>{{ (m.proposedResolution === 'confirmed' ? 'sanctions.match.secondAskConfirm' : 'sanctions.match.secondAskClear') | t }}</p>
                  <mz-reason-field [control]="secondForm.controls.reason" testId="match-second-reason" hintKey="sanctions.match.reasonHint" />
                  <div class="actions">
                    <button mat-flat-button type="submit" data-testid="match-second-agree" [disabled]="seconding.busy()">
                      <mat-icon svgIcon="thumb_up" />{{ 'sanctions.match.agree' | t }}
                    </button>
                    <button mat-stroked-button type="button" data-testid="match-second-return" [disabled]="seconding.busy()" (click)="second(false)">
                      <mat-icon svgIcon="undo" />{{ 'sanctions.match.sendBack' | t }}
                    </button>
                  </div>
                </form>
              } @else {
                <p class="note" data-testid="match-waiting">
                  <mat-icon svgIcon="schedule" aria-hidden="true" />
                  {{ (isProposer(m) ? 'sanctions.match.waitingYours' : 'sanctions.match.waiting') | t }}
                </p>
              }
            }
            @case ('lapsed') {
              <p data-testid="match-lapsed">{{ lapsedKey(m.lapsedReason) | t }}</p>
            }
          }

          <mz-form-problem [problem]="actionProblem()" testId="match-action-error" />

          @if (m.resolvedBy) {
            <div class="record" data-testid="match-resolved">
              <p>
                {{ 'sanctions.match.resolvedBy' | t: { name: m.resolvedBy.name, when: dateTime(m.resolvedAt), resolution: (resolutionKey(m.state === 'confirmed' ? 'confirmed' : 'false_positive') | t) } }}
              </p>
              @if (m.resolutionReason) {
                <blockquote dir="auto">{{ m.resolutionReason }}</blockquote>
              }
            </div>
          }
        </section>
      }
    </mz-sanctions-tabs>
  `,
  styles: `
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin-block: 12px;
    }
    .sides {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 16px;
    }
    @media (min-width: 900px) {
      .sides {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
    }
    .panel {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .sides .panel {
      margin-block: 0;
    }
    .big-name {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-small);
      unicode-bidi: plaintext;
    }
    .facts {
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: 4px 16px;
      margin: 12px 0 0;
    }
    .facts dt {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      min-width: 0;
    }
    @media (max-width: 599px) {
      .facts {
        grid-template-columns: minmax(0, 1fr);
      }
      .facts dd {
        margin-block-end: 6px;
      }
    }
    .score-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-block-end: 12px;
    }
    .score-label {
      font: var(--mat-sys-title-small);
    }
    .score-num {
      font: var(--mat-sys-title-medium);
    }
    .choice {
      border: 0;
      margin: 0 0 8px;
      padding: 0;
    }
    .choice legend {
      font: var(--mat-sys-title-small);
      margin-block-end: 4px;
    }
    .radios {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 4px 0 0;
    }
    .note {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .record blockquote {
      margin: 4px 0 12px;
      padding-inline-start: 12px;
      border-inline-start: 3px solid var(--mat-sys-outline-variant);
      white-space: pre-line;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-block-start: 12px;
    }
    .actions button {
      min-height: 48px;
    }
    :host-context([dir='rtl']) .flip {
      transform: scaleX(-1);
    }
  `,
})
export class SanctionsMatchPage {
  protected readonly matchStateKey = matchStateKey;
  protected readonly matchStateTone = matchStateTone;
  protected readonly partyKindKey = partyKindKey;
  protected readonly resolutionKey = resolutionKey;

  private readonly api = inject(SanctionsApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  private readonly sessions = inject(SessionService);
  private readonly destroyRef = inject(DestroyRef);

  private readonly matchId = toSignal(this.route.paramMap.pipe(map((params) => params.get('id'))), { initialValue: this.route.snapshot.paramMap.get('id') });
  protected readonly match = signal<ScreeningMatchDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadProblem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');

  protected readonly resolveForm = inject(NonNullableFormBuilder).group({
    resolution: new FormControl<MatchResolution | null>(null, { validators: [Validators.required] }),
    reason: reasonControl(),
  });
  protected readonly secondForm = inject(NonNullableFormBuilder).group({ reason: reasonControl() });
  protected readonly resolving = new FormSubmission<unknown>();
  protected readonly seconding = new FormSubmission<unknown>();
  /** What went wrong with the last decision (kept on screen after the match is read again). */
  protected readonly actionProblem = computed(() => this.resolving.problem() ?? this.seconding.problem());

  protected readonly chosen = toSignal(this.resolveForm.controls.resolution.valueChanges, { initialValue: null });
  private readonly me = computed(() => this.sessions.user()?.id ?? null);

  constructor() {
    this.route.paramMap.pipe(takeUntilDestroyed()).subscribe(() => this.load());
  }

  protected lapsedKey(reason: string | null): TranslationKey {
    return (LAPSED_REASONS as readonly (string | null)[]).includes(reason) ? (`sanctions.match.lapsed.${reason as (typeof LAPSED_REASONS)[number]}` as const) : 'sanctions.match.lapsed.other';
  }

  /** Who else the decision needs, said before it is sent: for the choice made, or for either choice until then. */
  protected fourEyesKey(match: ScreeningMatchDetail, resolution: MatchResolution | null): TranslationKey {
    if (resolution === null) return match.high ? 'sanctions.match.fourEyesAnyHigh' : 'sanctions.match.fourEyesAnyLow';
    if (resolution === 'confirmed') return 'sanctions.match.fourEyesConfirm';
    return needsSecondOfficer(match, resolution) ? 'sanctions.match.fourEyesHigh' : 'sanctions.match.fourEyesNone';
  }

  protected submitKey(match: ScreeningMatchDetail): TranslationKey {
    const resolution = this.chosen();
    if (resolution && needsSecondOfficer(match, resolution)) return 'sanctions.match.propose';
    return 'sanctions.match.resolve';
  }

  protected isProposer(match: ScreeningMatchDetail): boolean {
    return match.proposedBy !== null && match.proposedBy.id === this.me();
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected dateTime(iso: string | null): string {
    return iso ? this.i18n.formatDateTime(iso) : '—';
  }

  /** Reads the match (again): after a decision, or when the api said the one on screen is out of date. */
  load(): void {
    const id = this.matchId();
    if (!id) return;
    this.loading.set(true);
    this.api
      .match(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (match) => {
          this.loading.set(false);
          this.loadProblem.set(null);
          this.match.set(match);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.loadProblem.set(errorMessage(toWebError(error)));
        },
      });
  }

  protected resolve(): void {
    const match = this.match();
    if (!match) return;
    this.seconding.problem.set(null);
    const { resolution, reason } = this.resolveForm.getRawValue();
    const confirm$: Observable<boolean> =
      this.resolveForm.valid && resolution === 'confirmed'
        ? askToConfirm(this.dialog, {
            titleKey: 'sanctions.match.confirmTitle',
            bodyKey: 'sanctions.match.confirmBody',
            params: { name: match.screenedName, entry: match.entry.primaryName },
            detailKeys: ['sanctions.match.confirmSecond', 'sanctions.match.confirmBlocks'],
            confirmKey: 'sanctions.match.confirmOk',
          })
        : of(true);
    confirm$.pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef)).subscribe(() => {
      this.resolving.run(
        this.resolveForm,
        () => this.api.resolve(match.id, { resolution: resolution ?? 'false_positive', reason: reason.trim(), rowVersion: match.rowVersion }),
        () => {
          this.resolving.reset(this.resolveForm, null, { resolution: null, reason: '' });
          this.announce(needsSecondOfficer(match, resolution) ? 'sanctions.match.doneProposed' : resolution === 'confirmed' ? 'sanctions.match.doneConfirmed' : 'sanctions.match.doneCleared');
          this.load();
        },
        (error) => this.reloadOn(error, this.resolving),
      );
    });
  }

  protected second(agree: boolean): void {
    const match = this.match();
    if (!match) return;
    this.resolving.problem.set(null);
    const reason = this.secondForm.controls.reason.value.trim();
    const confirm$: Observable<boolean> =
      this.secondForm.valid && agree && match.proposedResolution === 'confirmed'
        ? askToConfirm(this.dialog, {
            titleKey: 'sanctions.match.confirmTitle',
            bodyKey: 'sanctions.match.confirmBody',
            params: { name: match.screenedName, entry: match.entry.primaryName },
            detailKeys: ['sanctions.match.confirmBlocks'],
            confirmKey: 'sanctions.match.confirmOk',
          })
        : of(true);
    confirm$.pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef)).subscribe(() => {
      this.seconding.run(
        this.secondForm,
        () => this.api.second(match.id, { agree, reason, rowVersion: match.rowVersion }),
        () => {
          this.seconding.reset(this.secondForm, null, { reason: '' });
          this.announce(agree ? 'sanctions.match.doneAgreed' : 'sanctions.match.doneReturned');
          this.load();
        },
        (error) => this.reloadOn(error, this.seconding),
      );
    });
  }

  /** A refusal that means the match moved on: say it (translated) and show the match as it is now. */
  private reloadOn(error: WebError, submission: FormSubmission<unknown>): boolean {
    if (!RELOAD_ON.has(error.code)) return false;
    submission.problem.set(errorMessage(error));
    this.load();
    return true;
  }

  private announce(key: TranslationKey): void {
    this.announcement.set(this.i18n.t(key));
  }
}
