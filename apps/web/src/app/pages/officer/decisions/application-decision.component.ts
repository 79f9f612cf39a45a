import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  takeUntilDestroyed,
  toObservable,
  toSignal,
} from '@angular/core/rxjs-interop';
import {
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import type {
  ApplicationView,
  EnvelopeView,
  FundingDecisionView,
} from '@mizan/contracts';
import { ErrorCode } from '@mizan/contracts';
import {
  CURRENCY_EXPONENT,
  DECISION_TEXT_MAX,
  REJECTION_REASONS,
  type DecisionOutcome,
  type RejectionReason,
} from '@mizan/domain';
import {
  catchError,
  forkJoin,
  map,
  of,
  startWith,
  switchMap,
  tap,
  throwError,
} from 'rxjs';
import { applyFieldErrors, toWebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ScreeningApiService } from '../screening/screening-api.service';
import { askToConfirm } from '../../../core/ui/confirm-dialog.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { stateKey } from '../shared/labels';
import { formatMoney, minorToInput } from '../shared/money';
import { notBlank } from '../shared/validators';
import { DecisionActionsService } from './decision-actions.service';
import { DecisionCardComponent } from './decision-card.component';
import {
  buildDecisionRequest,
  decisionProblem,
  exceedsRemaining,
  fourEyesNote,
  outcomeKey,
  reasonKey,
  type DecisionFormValue,
  type DecisionProblem,
} from './decision-view';
import { DecisionsApiService } from './decisions-api.service';
import { moneyInputToMinor } from '../../../core/ui/money-input';

/** The verb of each outcome, as the browser specs name the radio buttons. */
const OUTCOME_VERB: Readonly<Record<DecisionOutcome, string>> = {
  approved: 'approve',
  rejected: 'reject',
  reserve: 'reserve',
};

interface Loaded {
  application: ApplicationView;
  live: FundingDecisionView | null;
  envelope: EnvelopeView | null;
}

/** Applies `validator` only while the form's outcome is `outcome`. */
function onlyFor(
  outcome: DecisionOutcome,
  validator: ValidatorFn,
): ValidatorFn {
  return (control) =>
    control.parent?.get('outcome')?.value === outcome
      ? validator(control)
      : null;
}

/**
 * The decision on one application: the live decision (with confirm and cancel
 * while it waits for a second officer), or the form to propose one — approve
 * (the amount may be cut, never raised; conditions), reject (reasons from the
 * list, a note to the applicant) or the reserve list; always a rationale.
 */
@Component({
  selector: 'mz-application-decision',
  imports: [
    DecisionCardComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-decision.component.html',
  styleUrl: './application-decision.component.scss',
})
export class ApplicationDecisionComponent {
  private readonly api = inject(DecisionsApiService);
  private readonly applications = inject(ScreeningApiService);
  private readonly actions = inject(DecisionActionsService);
  private readonly sessions = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  protected readonly i18n = inject(I18nService);

  readonly applicationId = input.required<string>();
  /** The application's call, when the page knows it (saves a look-up; else read from the application). */
  readonly callId = input<string | null | undefined>(null);
  /** After a decision was proposed, confirmed or cancelled here. */
  readonly decided = output<void>();

  protected readonly loaded = signal<Loaded | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<DecisionProblem | null>(null);
  protected readonly announcement = signal('');
  protected readonly busy = signal(false);
  protected readonly submission = new FormSubmission<FundingDecisionView>();
  private readonly formDirective = viewChild(FormGroupDirective);
  private readonly reloads = signal(0);

  protected readonly reasons = REJECTION_REASONS;
  protected readonly reasonKey = reasonKey;
  protected readonly outcomeKey = outcomeKey;
  protected readonly stateKey = stateKey;
  protected readonly userId = computed(() => this.sessions.user()?.id ?? null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    outcome: ['approved' as DecisionOutcome, Validators.required],
    amountMinor: [
      '',
      [
        onlyFor('approved', Validators.required),
        onlyFor('approved', (c) => this.amountErrors(c)),
      ],
    ],
    conditions: ['', Validators.maxLength(DECISION_TEXT_MAX)],
    rejectionReasons: [
      [] as RejectionReason[],
      onlyFor('rejected', (c) =>
        (c.value as RejectionReason[]).length === 0 ? { required: true } : null,
      ),
    ],
    rejectionNote: [
      '',
      [
        Validators.maxLength(DECISION_TEXT_MAX),
        onlyFor('rejected', (c) =>
          (
            c.parent?.get('rejectionReasons')?.value as
              | RejectionReason[]
              | undefined
          )?.includes('other')
            ? (Validators.required(c) ?? notBlank(c))
            : null,
        ),
      ],
    ],
    rationale: [
      '',
      [Validators.required, notBlank, Validators.maxLength(DECISION_TEXT_MAX)],
    ],
  });

  protected readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { initialValue: this.form.getRawValue() },
  );

  protected readonly application = computed(
    () => this.loaded()?.application ?? null,
  );
  protected readonly live = computed(() => this.loaded()?.live ?? null);
  protected readonly envelope = computed(() => this.loaded()?.envelope ?? null);
  /** A reserve place may still become an approval or a rejection. */
  protected readonly fromReserve = computed(() => {
    const l = this.loaded();
    return (
      !!l && l.application.state === 'reserve' && l.live?.state !== 'proposed'
    );
  });
  protected readonly canDecide = computed(() => {
    const l = this.loaded();
    if (!l || l.live?.state === 'proposed') return false;
    return (
      l.application.state === 'in_review' || l.application.state === 'reserve'
    );
  });
  protected readonly outcomes = computed<readonly DecisionOutcome[]>(() =>
    this.fromReserve()
      ? ['approved', 'rejected']
      : ['approved', 'rejected', 'reserve'],
  );
  protected readonly amountMinor = computed(() => {
    const app = this.application();
    return app
      ? moneyInputToMinor(this.value().amountMinor, app.currency)
      : null;
  });
  protected readonly fourEyes = computed(() =>
    fourEyesNote(
      this.value().outcome,
      this.amountMinor(),
      this.envelope()?.confirmationThresholdMinor ?? null,
    ),
  );
  protected readonly overEnvelope = computed(
    () =>
      this.value().outcome === 'approved' &&
      exceedsRemaining(
        this.amountMinor(),
        this.envelope()?.remainingMinor ?? null,
      ),
  );
  protected readonly reduced = computed(() => {
    const app = this.application();
    const amount = this.amountMinor();
    return (
      !!app &&
      amount !== null &&
      BigInt(amount) > 0n &&
      BigInt(amount) < BigInt(app.requestedMinor)
    );
  });

  constructor() {
    const request = computed(() => ({
      id: this.applicationId(),
      callId: this.callId(),
      n: this.reloads(),
    }));
    toObservable(request)
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ id, callId }) =>
          forkJoin({
            application: this.applications.application(id),
            decision: this.api.applicationDecision(id),
          }).pipe(
            switchMap(({ application, decision }) =>
              this.api.callDecisions(callId || application.callId).pipe(
                map((call) => call.envelope as EnvelopeView | null),
                catchError(() => of(null)),
                map((envelope) => ({
                  loaded: {
                    application,
                    live: decision.live ?? null,
                    envelope,
                  } as Loaded,
                  error: null,
                })),
              ),
            ),
            catchError((error: unknown) =>
              of({ loaded: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ loaded, error }) => {
        this.loading.set(false);
        if (loaded) {
          this.problem.set(null);
          this.show(loaded);
        } else if (error) {
          this.problem.set(decisionProblem(error));
        }
      });

    // Which fields count depends on the outcome (and the note on the reasons): check them again.
    this.form.controls.outcome.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        for (const name of [
          'amountMinor',
          'rejectionReasons',
          'rejectionNote',
        ] as const) {
          this.form.controls[name].updateValueAndValidity({ emitEvent: false });
        }
      });
    this.form.controls.rejectionReasons.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        this.form.controls.rejectionNote.updateValueAndValidity({
          emitEvent: false,
        });
      });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  private show(loaded: Loaded): void {
    const previous = this.loaded();
    this.loaded.set(loaded);
    // A fresh form for a new application, or after a decision was made; keep what is being typed otherwise.
    if (
      !previous ||
      previous.application.id !== loaded.application.id ||
      previous.live?.id !== loaded.live?.id
    ) {
      this.resetForm(loaded.application);
    }
  }

  private resetForm(application: ApplicationView): void {
    // Through the directive, so the submit that just succeeded leaves no field red (the rationale after a reserve place).
    this.submission.reset(this.form, this.formDirective(), {
      outcome: 'approved',
      amountMinor: minorToInput(
        application.requestedMinor,
        application.currency,
      ),
      conditions: '',
      rejectionReasons: [],
      rejectionNote: '',
      rationale: '',
    });
  }

  private amountErrors(control: AbstractControl): ValidationErrors | null {
    const app = this.loaded()?.application;
    const text = String(control.value ?? '').trim();
    if (!app || text === '') return null;
    const minor = moneyInputToMinor(text, app.currency);
    if (minor === null) return { amount: true };
    if (minor === '0') return { positive: true };
    return BigInt(minor) > BigInt(app.requestedMinor)
      ? { aboveRequested: true }
      : null;
  }

  protected money(amountMinor: string): string {
    const currency = this.application()?.currency ?? this.envelope()?.currency;
    return currency
      ? formatMoney(amountMinor, currency, this.i18n.locale())
      : amountMinor;
  }

  protected decimals(): number {
    const app = this.application();
    return app ? CURRENCY_EXPONENT[app.currency] : 2;
  }

  protected choiceKey(outcome: DecisionOutcome): TranslationKey {
    return `decisions.choice.${outcome}`;
  }

  protected outcomeTestId(outcome: DecisionOutcome): string {
    return `decision-outcome-${OUTCOME_VERB[outcome]}`;
  }

  protected reasonsInvalid(): boolean {
    const control = this.form.controls.rejectionReasons;
    return control.invalid && control.touched;
  }

  protected hasReason(reason: RejectionReason): boolean {
    return this.value().rejectionReasons.includes(reason);
  }

  protected toggleReason(reason: RejectionReason, checked: boolean): void {
    const control = this.form.controls.rejectionReasons;
    const current = control.value.filter((r) => r !== reason);
    control.setValue(checked ? [...current, reason] : current);
    control.markAsTouched();
  }

  /**
   * A decision that is final at once (a rejection, a reserve place, an approval
   * within the threshold) tells the applicant and cannot be taken back: the
   * officer confirms it first. A proposal for a second officer goes straight.
   */
  protected submit(): void {
    const app = this.application();
    if (!app) return;
    const value: DecisionFormValue = this.form.getRawValue();
    const kind = this.fourEyes().kind;
    if (this.form.invalid || kind === 'needsSecond' || kind === 'everyApproval') {
      this.send(app, value);
      return;
    }
    const bodyKey: Record<DecisionOutcome, TranslationKey> = {
      approved: 'decisions.final.bodyApproved',
      rejected: 'decisions.final.bodyRejected',
      reserve: 'decisions.final.bodyReserve',
    };
    askToConfirm(this.dialog, {
      titleKey: 'decisions.final.title',
      bodyKey: bodyKey[value.outcome],
      params: { title: app.title, amount: this.money(this.amountMinor() ?? '0') },
      detailKeys: [
        value.outcome === 'reserve' ? 'decisions.final.nowReserve' : 'decisions.final.now',
        'decisions.final.applicantTold',
        'decisions.confirm.reviewsEnd',
      ],
      confirmKey: 'decisions.final.ok',
    }).subscribe((ok) => {
      if (ok) this.send(app, value);
    });
  }

  private send(app: ApplicationView, value: DecisionFormValue): void {
    this.submission.run(
      this.form,
      () => {
        const request = buildDecisionRequest(value, app.currency);
        // The amount's validator has already refused anything that is not an amount.
        return request
          ? this.api.propose(app.id, request)
          : throwError(() => new Error('The amount is not an amount'));
      },
      (decision) => {
        this.announcement.set(
          this.i18n.t(
            decision.awaitingConfirmation
              ? 'decisions.done.proposed'
              : 'decisions.done.final',
            { outcome: this.i18n.t(outcomeKey(decision.outcome)) },
          ),
        );
        this.decided.emit();
        this.reload();
      },
      (error) => {
        if (
          error.code === ErrorCode.EnvelopeExceeded ||
          error.code === ErrorCode.Conflict ||
          error.code === ErrorCode.Forbidden
        ) {
          applyFieldErrors(this.form, error.fields);
          this.submission.problem.set(decisionProblem(error));
          return true;
        }
        return false;
      },
    );
  }

  protected confirm(decision: FundingDecisionView): void {
    this.problem.set(null);
    this.busy.set(true);
    this.actions.confirm(decision).subscribe({
      next: () => {
        this.announcement.set(
          this.i18n.t('decisions.done.confirmed', {
            title: decision.applicationTitle,
          }),
        );
        this.decided.emit();
        this.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(decisionProblem(toWebError(error)));
        this.reload();
      },
      complete: () => this.busy.set(false),
    });
  }

  protected cancel(decision: FundingDecisionView): void {
    this.problem.set(null);
    this.actions.cancel(decision).subscribe({
      next: () => {
        this.announcement.set(
          this.i18n.t('decisions.done.cancelled', {
            title: decision.applicationTitle,
          }),
        );
        this.decided.emit();
        this.reload();
      },
    });
  }
}
