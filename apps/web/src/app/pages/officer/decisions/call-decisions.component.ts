import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type {
  CallDecisionsView,
  EnvelopeView,
  FundingDecisionView,
} from '@mizan/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { toWebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../shared/money';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { DecisionActionsService } from './decision-actions.service';
import { DecisionCardComponent } from './decision-card.component';
import {
  decisionProblem,
  decisionStateKey,
  decisionStateTone,
  isReduced,
  outcomeKey,
  outcomeTone,
  reasonKey,
  type DecisionProblem,
} from './decision-view';
import { DecisionsApiService } from './decisions-api.service';
import { EnvelopeGaugeComponent } from './envelope-gauge.component';
import {
  ThresholdDialogComponent,
  type ThresholdDialogData,
} from './threshold-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';

/**
 * A call's funding decisions: where the envelope stands, the four-eyes
 * threshold, the decisions waiting for a second officer, and the history.
 */
@Component({
  selector: 'mz-call-decisions',
  imports: [
    ScrollRegionComponent,
    EmptyStateComponent,
    DecisionCardComponent,
    EnvelopeGaugeComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-decisions.component.html',
  styleUrls: ['../shared/officer-page.scss', './call-decisions.component.scss'],
})
export class CallDecisionsComponent {
  private readonly api = inject(DecisionsApiService);
  private readonly actions = inject(DecisionActionsService);
  private readonly dialog = inject(MatDialog);
  private readonly sessions = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  readonly callId = input.required<string>();

  protected readonly view = signal<CallDecisionsView | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<DecisionProblem | null>(null);
  protected readonly announcement = signal('');
  protected readonly busyId = signal<string | null>(null);
  private readonly reloads = signal(0);

  protected readonly userId = computed(() => this.sessions.user()?.id ?? null);
  protected readonly awaiting = computed(() =>
    (this.view()?.decisions ?? []).filter((d) => d.awaitingConfirmation),
  );
  protected readonly history = computed(() =>
    (this.view()?.decisions ?? []).filter((d) => !d.awaitingConfirmation),
  );

  protected readonly outcomeKey = outcomeKey;
  protected readonly outcomeTone = outcomeTone;
  protected readonly stateKey = decisionStateKey;
  protected readonly stateTone = decisionStateTone;
  protected readonly isReduced = isReduced;

  constructor() {
    const request = computed(() => ({ id: this.callId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ id }) =>
          this.api.callDecisions(id).pipe(
            map((view) => ({ view, error: null })),
            catchError((error: unknown) =>
              of({ view: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ view, error }) => {
        this.loading.set(false);
        if (view) {
          this.view.set(view);
          this.problem.set(null);
        } else if (error) {
          this.problem.set(decisionProblem(error));
        }
      });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected money(
    amountMinor: string,
    currency: EnvelopeView['currency'],
  ): string {
    return formatMoney(amountMinor, currency, this.i18n.locale());
  }

  protected reasonsText(decision: FundingDecisionView): string {
    return decision.rejectionReasons
      .map((r) => this.i18n.t(reasonKey(r)))
      .join(', ');
  }

  protected editThreshold(view: CallDecisionsView): void {
    this.dialog
      .open<ThresholdDialogComponent, ThresholdDialogData, EnvelopeView>(
        ThresholdDialogComponent,
        {
          width: '520px',
          maxWidth: '95vw',
          data: { callId: view.callId, envelope: view.envelope },
        },
      )
      .afterClosed()
      .subscribe((envelope) => {
        if (!envelope) return;
        this.view.update((v) => (v ? { ...v, envelope } : v));
        this.announcement.set(
          this.i18n.t('decisions.threshold.saved', {
            amount: this.money(
              envelope.confirmationThresholdMinor,
              envelope.currency,
            ),
          }),
        );
      });
  }

  protected confirm(decision: FundingDecisionView): void {
    this.problem.set(null);
    this.busyId.set(decision.id);
    this.actions.confirm(decision).subscribe({
      next: (updated) => this.done('decisions.done.confirmed', updated),
      error: (error: unknown) => {
        this.busyId.set(null);
        this.problem.set(decisionProblem(toWebError(error)));
        this.reload();
      },
      complete: () => this.busyId.set(null),
    });
  }

  protected cancel(decision: FundingDecisionView): void {
    this.problem.set(null);
    this.actions.cancel(decision).subscribe({
      next: (updated) => this.done('decisions.done.cancelled', updated),
    });
  }

  private done(
    key: 'decisions.done.confirmed' | 'decisions.done.cancelled',
    decision: FundingDecisionView,
  ): void {
    this.busyId.set(null);
    this.announcement.set(
      this.i18n.t(key, { title: decision.applicationTitle }),
    );
    this.reload();
  }
}
