import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { DIRECTORY_LIMITS, type DirectoryMatchView } from '@mizan/contracts';
import type { Observable } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { DirectoryApiService } from './directory-api.service';
import { matchStateKey, matchStateTone, modeKey } from './directory-labels';
import { MatchReasonsComponent } from './match-reasons.component';
import { localTodayIso } from '../../../core/ui/local-date';
import { WesternDigitsDirective } from '../../../core/ui/western-digits.directive';

/** Who looks at the match: the steps each may take differ. */
export type MatchViewer = 'expert' | 'host' | 'officer';

/** What a viewer may do with a match in its state (the api checks the same). */
export function matchActions(match: Pick<DirectoryMatchView, 'state'>, viewer: MatchViewer): { answer: boolean; logSession: boolean; close: boolean } {
  return {
    answer: (viewer === 'expert' && match.state === 'proposed') || (viewer === 'host' && match.state === 'accepted'),
    logSession: viewer === 'expert' && match.state === 'active',
    close: viewer !== 'expert' && match.state === 'active',
  };
}

/**
 * One match (issue 15): the need, the expert, its state, score and reasons; both sides' contact details once the
 * expert accepted; the sessions logged; and the viewer's next step — the expert accepts or declines a proposal and
 * logs sessions, the host accepts the expert and at the end closes and rates it (an officer may close it too).
 */
@Component({
  selector: 'mz-match-card',
  imports: [
    WesternDigitsDirective,
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatchReasonsComponent,
    ReactiveFormsModule,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './directory.scss',
  template: `
    @let m = match();
    <article class="dir-card" data-testid="match-card" [attr.data-match-id]="m.id" [attr.data-state]="m.state">
      <h3><bdi>{{ m.needTitle }}</bdi></h3>
      <ul class="dir-meta">
        <li><mz-tone-badge [tone]="tone()" data-testid="match-state">{{ stateKey() | t }}</mz-tone-badge></li>
        @if (m.profile; as p) {
          <li data-testid="match-expert"><bdi>{{ p.name }}</bdi> · <bdi>{{ p.profession }}</bdi></li>
        }
        <li>{{ modeKey(m.mode) | t }}</li>
        @if (m.totalHours > 0) {
          <li data-testid="match-hours">{{ 'directory.match.hours' | t: { hours: m.totalHours } }}</li>
        }
        @if (m.rating !== null) {
          <li data-testid="match-rating">{{ 'directory.match.rated' | t: { rating: m.rating } }}</li>
        }
      </ul>
      <mz-match-reasons [reasons]="m.reasons" [score]="m.score" />
      @if (m.note) {
        <p class="dir-muted"><bdi>{{ m.note }}</bdi></p>
      }
      @if (m.expertContact || m.hostContact) {
        <div class="dir-contact" data-testid="match-contacts">
          <h4 class="contact-title">{{ 'directory.match.contacts' | t }}</h4>
          @if (m.expertContact; as c) {
            <p data-testid="match-expert-contact">
              {{ 'directory.match.expertContact' | t }} <bdi>{{ c.name }}</bdi> ·
              <a [href]="'mailto:' + c.email" dir="ltr">{{ c.email }}</a>
              @if (c.phone) {
                · <bdi dir="ltr">{{ c.phone }}</bdi>
              }
            </p>
          }
          @if (m.hostContact; as c) {
            <p data-testid="match-host-contact">
              {{ 'directory.match.hostContact' | t }} <bdi>{{ c.name }}</bdi> ·
              <a [href]="'mailto:' + c.email" dir="ltr">{{ c.email }}</a>
              @if (c.phone) {
                · <bdi dir="ltr">{{ c.phone }}</bdi>
              }
            </p>
          }
        </div>
      } @else if (m.state === 'proposed') {
        <p class="dir-muted" data-testid="match-no-contacts">{{ 'directory.match.noContactsYet' | t }}</p>
      }

      @if (m.sessions.length > 0) {
        <table class="dir-table" data-testid="match-sessions">
          <caption class="mz-visually-hidden">{{ 'directory.session.caption' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'directory.session.date' | t }}</th>
              <th scope="col" class="num">{{ 'directory.session.hours' | t }}</th>
              <th scope="col">{{ 'directory.session.mode' | t }}</th>
              <th scope="col">{{ 'directory.session.topic' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (s of m.sessions; track s.id) {
              <tr data-testid="match-session">
                <td>{{ date(s.date) }}</td>
                <td class="num">{{ number(s.hours) }}</td>
                <td>{{ modeKey(s.mode) | t }}</td>
                <td><bdi>{{ s.topic }}</bdi>@if (s.note) {<span class="dir-muted"> — <bdi>{{ s.note }}</bdi></span>}</td>
              </tr>
            }
          </tbody>
        </table>
      }

      @if (actions().answer) {
        <div class="dir-actions">
          <button mat-flat-button type="button" [disabled]="busy()" data-testid="match-accept" (click)="answer(true)">
            <mat-icon svgIcon="thumb_up" /> {{ 'directory.match.accept' | t }}
          </button>
          <button mat-stroked-button type="button" [disabled]="busy()" data-testid="match-decline" (click)="answer(false)">
            <mat-icon svgIcon="thumb_down" /> {{ 'directory.match.decline' | t }}
          </button>
        </div>
      }

      @if (actions().logSession) {
        <form class="sub-form" [formGroup]="sessionForm" (ngSubmit)="logSession()" novalidate data-testid="session-form">
          <h4>{{ 'directory.session.title' | t }}</h4>
          <div class="dir-fields">
            <mat-form-field>
              <mat-label>{{ 'directory.session.date' | t }}</mat-label>
              <input matInput type="date" formControlName="date" [max]="maxDate" data-testid="session-date" />
              <mat-error [mzFieldError]="sessionForm.controls.date" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'directory.session.hours' | t }}</mat-label>
              <input matInput type="number" mzWesternDigits inputmode="decimal" min="0.25" step="0.25" [max]="limits.sessionHoursMax" formControlName="hours" data-testid="session-hours" />
              <mat-error [mzFieldError]="sessionForm.controls.hours" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'directory.session.mode' | t }}</mat-label>
              <mat-select formControlName="mode" data-testid="session-mode">
                <mat-option value="online">{{ modeKey('online') | t }}</mat-option>
                <mat-option value="in_person">{{ modeKey('in_person') | t }}</mat-option>
              </mat-select>
            </mat-form-field>
          </div>
          <mat-form-field class="wide">
            <mat-label>{{ 'directory.session.topic' | t }}</mat-label>
            <input matInput formControlName="topic" dir="auto" [maxlength]="limits.titleMax" data-testid="session-topic" />
            <mat-error [mzFieldError]="sessionForm.controls.topic" />
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>{{ 'directory.session.note' | t }}</mat-label>
            <textarea matInput formControlName="note" rows="2" dir="auto" [maxlength]="limits.textMax" data-testid="session-note"></textarea>
          </mat-form-field>
          <mz-form-problem [problem]="sessionSubmission.problem()" testId="session-error" />
          <button mat-flat-button type="submit" [disabled]="sessionSubmission.busy()" data-testid="session-save">{{ 'directory.session.save' | t }}</button>
        </form>
      }

      @if (actions().close) {
        <form class="sub-form" [formGroup]="closeForm" (ngSubmit)="close()" novalidate data-testid="close-form">
          <h4>{{ 'directory.close.title' | t }}</h4>
          <div class="dir-fields">
            <mat-form-field>
              <mat-label>{{ 'directory.close.rating' | t }}</mat-label>
              <mat-select formControlName="rating" data-testid="close-rating">
                @for (r of ratings; track r) {
                  <mat-option [value]="r" [attr.data-code]="r">{{ 'directory.close.stars' | t: { rating: r } }}</mat-option>
                }
              </mat-select>
              <mat-error [mzFieldError]="closeForm.controls.rating" />
            </mat-form-field>
          </div>
          <mat-form-field class="wide">
            <mat-label>{{ 'directory.close.outcome' | t }}</mat-label>
            <textarea matInput formControlName="outcome" rows="2" dir="auto" [maxlength]="limits.textMax" data-testid="close-outcome"></textarea>
            <mat-error [mzFieldError]="closeForm.controls.outcome" />
          </mat-form-field>
          <mz-form-problem [problem]="closeSubmission.problem()" testId="close-error" />
          <button mat-flat-button type="submit" [disabled]="closeSubmission.busy()" data-testid="close-save">{{ 'directory.close.save' | t }}</button>
        </form>
      }
      <mz-form-problem [problem]="answerSubmission.problem()" testId="match-error" />
    </article>
  `,
  styles: `
    .contact-title,
    .sub-form h4 {
      margin: 4px 0;
      font: var(--mat-sys-title-small);
    }
    .sub-form {
      margin-block-start: 16px;
      border-block-start: 1px solid var(--mat-sys-outline-variant);
      padding-block-start: 8px;
    }
  `,
})
export class MatchCardComponent {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly match = input.required<DirectoryMatchView>();
  readonly viewer = input.required<MatchViewer>();
  /** The match as the api answered after a step. */
  readonly changed = output<DirectoryMatchView>();

  protected readonly limits = DIRECTORY_LIMITS;
  protected readonly ratings = [5, 4, 3, 2, 1];
  protected readonly maxDate = localTodayIso();
  protected readonly modeKey = modeKey;
  protected readonly actions = computed(() => matchActions(this.match(), this.viewer()));
  protected readonly tone = computed(() => matchStateTone(this.match().state));
  protected readonly stateKey = computed(() => matchStateKey(this.match().state));
  protected readonly busy = signal(false);

  protected readonly sessionForm = this.fb.group({
    date: [localTodayIso(), [Validators.required]],
    hours: [1, [Validators.required, Validators.min(0.25), Validators.max(DIRECTORY_LIMITS.sessionHoursMax)]],
    mode: this.fb.control<'online' | 'in_person'>('online'),
    topic: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.titleMax)]],
    note: ['', [Validators.maxLength(DIRECTORY_LIMITS.textMax)]],
  });
  protected readonly closeForm = this.fb.group({
    rating: this.fb.control<number | null>(null, [Validators.required]),
    outcome: ['', [Validators.required, Validators.maxLength(DIRECTORY_LIMITS.textMax)]],
  });
  protected readonly answerForm = this.fb.group({});
  protected readonly sessionSubmission = new FormSubmission<DirectoryMatchView>();
  protected readonly closeSubmission = new FormSubmission<DirectoryMatchView>();
  protected readonly answerSubmission = new FormSubmission<DirectoryMatchView>();

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected number(value: number): string {
    return this.i18n.formatNumber(value);
  }

  protected answer(accept: boolean): void {
    const id = this.match().id;
    const request: () => Observable<DirectoryMatchView> = accept ? () => this.api.accept(id) : () => this.api.decline(id);
    this.busy.set(true);
    this.answerSubmission.run(this.answerForm, request, (match) => {
      this.busy.set(false);
      this.changed.emit(match);
    }, () => {
      this.busy.set(false);
      return false;
    });
  }

  protected logSession(): void {
    const value = this.sessionForm.getRawValue();
    this.sessionSubmission.run(
      this.sessionForm,
      () => this.api.logSession(this.match().id, { date: value.date, hours: Number(value.hours), mode: value.mode, topic: value.topic.trim(), note: value.note.trim() }),
      (match) => {
        this.sessionSubmission.reset(this.sessionForm, null, { date: localTodayIso(), hours: 1, mode: 'online', topic: '', note: '' });
        this.changed.emit(match);
      },
    );
  }

  protected close(): void {
    const value = this.closeForm.getRawValue();
    this.closeSubmission.run(
      this.closeForm,
      () => this.api.closeMatch(this.match().id, { rating: Number(value.rating), outcome: value.outcome.trim() }),
      (match) => this.changed.emit(match),
    );
  }
}
