import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import {
  ErrorCode,
  type FieldError,
  type ReviewView,
  type RubricInput,
  type SaveScoresRequest,
} from '@mizan/contracts';
import {
  RECOMMENDATIONS,
  REVIEW_TEXT_MAX,
  type Recommendation,
} from '@mizan/domain';
import { fromEvent, type Subscription } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../core/api/api-error';
import type { TranslationKey } from '../../core/i18n/catalog';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  Autosave,
  saveStatusIcon,
  type SaveStatus,
} from '../applicant/applications/autosave';
import type { IconName } from '../../core/icons/icons';
import { clockTime } from '../applicant/shared/dates';
import { currentVersionIn } from '../applicant/shared/problem';
import { StickyDirective } from '../applicant/shared/sticky.directive';
import {
  ConfirmDialogComponent,
  type ConfirmDialogData,
} from '../../core/ui/confirm-dialog.component';
import { formatScore, recommendationKey } from './my-reviews';
import {
  SCORE_VALUES,
  draftFromView,
  draftToRequest,
  formatWeight,
  missingForSubmit,
  needsComment,
  scorePercent,
  scorePreview,
  type MissingPart,
  type ReviewDraft,
} from './review-form';
import { ReviewerApiService } from './reviewer-api.service';

type ScoreBody = Omit<SaveScoresRequest, 'version'>;

type CriterionForm = FormGroup<{
  score: FormControl<number | null>;
  comment: FormControl<string>;
}>;

type ScoringForm = FormGroup<{
  scores: FormArray<CriterionForm>;
  recommendation: FormControl<Recommendation | null>;
  overallComment: FormControl<string>;
}>;

/** A submission the api refused: its own message, or the parts it found missing. */
type SubmitProblem =
  | {
      kind: 'message';
      key: TranslationKey;
      params?: Record<string, string | number>;
    }
  | { kind: 'fields'; fields: FieldError[] };

/**
 * Scoring against the call's rubric: a 0–5 score and a comment per
 * criterion, a recommendation and an overall comment. Drafts autosave with
 * the version they were edited from (a conflict stops saving; nothing is
 * overwritten silently); the weighted score is previewed with the domain's
 * own function; submitting is final and asks first.
 */
@Component({
  selector: 'mz-scoring-form',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ReactiveFormsModule,
    StickyDirective,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './scoring-form.component.html',
  styleUrls: [
    '../officer/shared/officer-page.scss',
    './scoring-form.component.scss',
  ],
})
export class ScoringFormComponent {
  private readonly api = inject(ReviewerApiService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);

  readonly review = input.required<ReviewView>();
  readonly rubric = input.required<RubricInput>();
  /** The review was submitted: the page shows it read-only, with the peers. */
  readonly submitted = output<ReviewView>();
  /** The page reloads the review from the server (after a conflict). */
  readonly reload = output();

  protected readonly scoreValues = SCORE_VALUES;
  protected readonly recommendations = RECOMMENDATIONS;
  protected readonly recommendationKey = recommendationKey;
  protected readonly needsComment = needsComment;
  protected readonly scorePercent = scorePercent;
  protected readonly textMax = REVIEW_TEXT_MAX;

  protected readonly form = signal<ScoringForm | null>(null);
  protected readonly draft = signal<ReviewDraft | null>(null);
  protected readonly preview = computed(() => {
    const draft = this.draft();
    return draft ? scorePreview(this.rubric(), draft) : null;
  });
  protected readonly missing = computed<MissingPart[]>(() => {
    const draft = this.draft();
    return draft ? missingForSubmit(this.rubric(), draft) : [];
  });
  /** Set by a submit attempt: from then on the missing parts are shown. */
  protected readonly showMissing = signal(false);
  protected readonly submitting = signal(false);
  protected readonly submitProblem = signal<SubmitProblem | null>(null);
  protected readonly submitConflict = signal<{ version: number | null } | null>(
    null,
  );

  private readonly autosaveRef = signal<Autosave<ScoreBody, ReviewView> | null>(
    null,
  );
  protected readonly saveStatus = computed<SaveStatus>(
    () => this.autosaveRef()?.status() ?? { kind: 'idle' },
  );
  protected readonly blocked = computed(() => {
    const kind = this.saveStatus().kind;
    return kind === 'conflict' || kind === 'locked';
  });
  private formChanges: Subscription | null = null;

  constructor() {
    effect(() => {
      const review = this.review();
      const rubric = this.rubric();
      untracked(() => this.start(review, rubric));
    });
    const window = this.document.defaultView;
    if (window) {
      fromEvent(window, 'online')
        .pipe(takeUntilDestroyed())
        .subscribe(() => this.autosaveRef()?.retryNow());
    }
    this.destroyRef.onDestroy(() => {
      const autosave = this.autosaveRef();
      // Leaving with unsent edits: send them rather than drop them.
      if (autosave?.dirty) void autosave.flush();
    });
  }

  private start(review: ReviewView, rubric: RubricInput): void {
    const draft = draftFromView(rubric, review);
    this.autosaveRef()?.destroy();
    this.autosaveRef.set(
      new Autosave<ScoreBody, ReviewView>({
        version: review.version,
        save: (version, body) =>
          this.api.saveScores(review.assignmentId, { ...body, version }),
        onSaved: () => this.submitProblem.set(null),
      }),
    );
    this.submitProblem.set(null);
    this.submitConflict.set(null);
    this.showMissing.set(false);
    const form = this.buildForm(draft);
    this.form.set(form);
    this.draft.set(draft);
    this.formChanges?.unsubscribe();
    this.formChanges = form.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.changed(form));
  }

  private buildForm(draft: ReviewDraft): ScoringForm {
    const text = () => [Validators.maxLength(REVIEW_TEXT_MAX)];
    return this.fb.group({
      scores: this.fb.array(
        draft.scores.map((d) =>
          this.fb.group({
            score: this.fb.control<number | null>(d.score),
            comment: this.fb.control(d.comment, text()),
          }),
        ),
      ),
      recommendation: this.fb.control<Recommendation | null>(
        draft.recommendation,
      ),
      overallComment: this.fb.control(draft.overallComment, text()),
    });
  }

  private current(form: ScoringForm): ReviewDraft {
    const raw = form.getRawValue();
    return {
      scores: raw.scores.map((s) => ({ score: s.score, comment: s.comment })),
      recommendation: raw.recommendation,
      overallComment: raw.overallComment,
    };
  }

  private changed(form: ScoringForm): void {
    const draft = this.current(form);
    this.draft.set(draft);
    this.submitProblem.set(null);
    this.autosaveRef()?.changed(
      draftToRequest(this.rubric(), draft),
      form.valid,
    );
  }

  /** Sends the draft now; true once the server has it. */
  private async saveNow(): Promise<boolean> {
    const form = this.form();
    const autosave = this.autosaveRef();
    if (!form || !autosave) return false;
    const body = draftToRequest(this.rubric(), this.current(form));
    if (form.invalid) {
      autosave.changed(body, false);
      form.markAllAsTouched();
      return false;
    }
    autosave.changed(body, true);
    return autosave.flush();
  }

  protected saveDraft(): void {
    void this.saveNow();
  }

  protected async submit(): Promise<void> {
    const form = this.form();
    const autosave = this.autosaveRef();
    if (!form || !autosave || this.submitting()) return;
    this.showMissing.set(true);
    this.submitProblem.set(null);
    if (this.missing().length > 0) {
      form.markAllAsTouched();
      this.focus('review-missing');
      return;
    }
    if (!(await this.saveNow())) return;
    const score = this.preview()?.score;
    const data: ConfirmDialogData = {
      titleKey: 'reviewer.submit.confirmTitle',
      bodyKey: 'reviewer.submit.confirmBody',
      params: {
        score: score === null || score === undefined ? '—' : this.score(score),
      },
      confirmKey: 'reviewer.submit.confirm',
    };
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(
        ConfirmDialogComponent,
        { data, width: '520px', maxWidth: '95vw' },
      )
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((ok) => {
        if (ok) this.send(autosave.currentVersion);
      });
  }

  private send(version: number): void {
    this.submitting.set(true);
    this.api
      .submit(this.review().assignmentId, version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          this.submitting.set(false);
          this.submitted.emit(view);
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.submitFailed(toWebError(error));
        },
      });
  }

  private submitFailed(error: WebError): void {
    if (error.code === ErrorCode.Conflict && /is current/.test(error.message)) {
      this.submitConflict.set({ version: currentVersionIn(error.message) });
    } else if (
      error.code === ErrorCode.ValidationFailed &&
      error.fields.length > 0
    ) {
      this.submitProblem.set({ kind: 'fields', fields: error.fields });
    } else {
      const { key, params } = errorMessage(error);
      this.submitProblem.set({ kind: 'message', key, params });
    }
    this.focus('review-submit-problem');
  }

  private focus(id: string): void {
    // After the view shows the element.
    setTimeout(() => this.document.getElementById(id)?.focus());
  }

  protected focusPart(part: MissingPart): void {
    switch (part.kind) {
      case 'score':
        this.focusFirstRadio(`criterion-${part.index}-scores`);
        break;
      case 'comment':
        this.document
          .getElementById(`criterion-comment-${part.index}`)
          ?.focus();
        break;
      case 'recommendation':
        this.focusFirstRadio('recommendation-group');
        break;
      case 'overallComment':
        this.document.getElementById('overall-comment')?.focus();
        break;
    }
  }

  private focusFirstRadio(groupId: string): void {
    const group = this.document.getElementById(groupId);
    group?.scrollIntoView({ block: 'center' });
    group?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
  }

  protected missingText(part: MissingPart): string {
    const title = (index: number) => this.rubric().criteria[index]?.title ?? '';
    switch (part.kind) {
      case 'score':
        return this.i18n.t('reviewer.missing.score', {
          n: this.num(part.index + 1),
          criterion: title(part.index),
        });
      case 'comment':
        return this.i18n.t('reviewer.missing.comment', {
          n: this.num(part.index + 1),
          criterion: title(part.index),
          score: this.num(part.score),
        });
      case 'recommendation':
        return this.i18n.t('reviewer.missing.recommendation');
      case 'overallComment':
        return this.i18n.t('reviewer.missing.overallComment');
    }
  }

  protected missingScore(index: number): boolean {
    return (
      this.showMissing() &&
      this.missing().some((m) => m.kind === 'score' && m.index === index)
    );
  }

  protected missingComment(index: number): boolean {
    return (
      this.showMissing() &&
      this.missing().some((m) => m.kind === 'comment' && m.index === index)
    );
  }

  protected missingKind(kind: 'recommendation' | 'overallComment'): boolean {
    return this.showMissing() && this.missing().some((m) => m.kind === kind);
  }

  protected reloadFromServer(): void {
    this.reload.emit();
  }

  protected num(value: number): string {
    return this.i18n.formatNumber(value);
  }

  protected score(value: number): string {
    return formatScore(value, this.i18n.locale());
  }

  protected weight(value: number): string {
    return formatWeight(value, this.i18n.locale());
  }

  protected statusText(status: SaveStatus): string {
    const locale = this.i18n.locale();
    switch (status.kind) {
      case 'idle':
        return this.i18n.t('reviewer.save.idle');
      case 'pending':
        return this.i18n.t('reviewer.save.pending');
      case 'saving':
        return this.i18n.t('reviewer.save.saving');
      case 'saved':
        return this.i18n.t('reviewer.save.saved', {
          time: clockTime(status.at, locale),
        });
      case 'offline':
        return this.i18n.t('reviewer.save.offline', {
          time: clockTime(status.retryAt, locale),
        });
      case 'invalid':
        return this.i18n.t('reviewer.save.invalid');
      case 'rejected':
        return this.i18n.t('reviewer.save.rejected', {
          message: status.error.message,
        });
      case 'conflict':
        return this.i18n.t('reviewer.save.conflictShort');
      case 'locked':
        return this.i18n.t('reviewer.save.locked');
    }
  }

  protected statusIcon(status: SaveStatus): IconName {
    return saveStatusIcon(status);
  }

  protected scaleText(value: number): string {
    return this.rubric().scale[value] ?? '';
  }
}
