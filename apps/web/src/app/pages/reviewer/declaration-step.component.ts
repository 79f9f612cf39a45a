import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  ErrorCode,
  type MyReviewItem,
  type ReviewView,
} from '@mizan/contracts';
import { REVIEW_TEXT_MAX } from '@mizan/domain';
import { startWith } from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormSubmission } from '../../core/ui/form-submission';
import { notBlank } from '../officer/shared/validators';
import { ReviewerApiService } from './reviewer-api.service';

export type DeclarationAnswer = 'no_conflict' | 'conflict';

/**
 * The conflict-of-interest declaration, before anything of the application
 * is shown: who the applicant and its partners are, what counts as a
 * conflict, and the reviewer's answer (with a statement when there is one).
 */
@Component({
  selector: 'mz-declaration-step',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './declaration-step.component.html',
  styleUrls: [
    '../officer/shared/officer-page.scss',
    './declaration-step.component.scss',
  ],
})
export class DeclarationStepComponent {
  private readonly api = inject(ReviewerApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);

  readonly review = input.required<ReviewView>();
  /** The list entry, for the partner names; null when the list could not be read. */
  readonly item = input<MyReviewItem | null>(null);
  readonly declared = output<ReviewView>();
  /** Someone declared already (another tab): the page reloads. */
  readonly reload = output();

  protected readonly textMax = REVIEW_TEXT_MAX;
  protected readonly submission = new FormSubmission<ReviewView>();
  protected readonly stale = signal(false);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    answer: this.fb.control<DeclarationAnswer | null>(
      null,
      Validators.required,
    ),
    statement: this.fb.control('', Validators.maxLength(REVIEW_TEXT_MAX)),
  });

  private readonly answerValue = toSignal(
    this.form.controls.answer.valueChanges.pipe(
      startWith(this.form.controls.answer.value),
    ),
    { initialValue: null },
  );
  protected readonly conflict = computed(
    () => this.answerValue() === 'conflict',
  );

  constructor() {
    // The statement is required only with a conflict.
    this.form.controls.answer.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((answer) => {
        const statement = this.form.controls.statement;
        statement.setValidators(
          answer === 'conflict'
            ? [
                notBlank,
                Validators.required,
                Validators.maxLength(REVIEW_TEXT_MAX),
              ]
            : [Validators.maxLength(REVIEW_TEXT_MAX)],
        );
        statement.updateValueAndValidity();
      });
  }

  protected declare(): void {
    const { answer, statement } = this.form.getRawValue();
    const hasConflict = answer === 'conflict';
    this.stale.set(false);
    this.submission.run(
      this.form,
      () =>
        this.api.declare(this.review().assignmentId, {
          hasConflict,
          statement: hasConflict ? statement.trim() : null,
        }),
      (view) => this.declared.emit(view),
      (error) => {
        if (error.code === ErrorCode.Conflict) this.stale.set(true);
        return false;
      },
      () => this.document.getElementById('conflict-statement')?.focus(),
    );
  }
}
