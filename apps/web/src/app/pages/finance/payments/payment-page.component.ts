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
import { RouterLink } from '@angular/router';
import type { PaymentView } from '@mizan/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { FormProblem } from '../../../core/ui/form-problem.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { FinanceApiService } from '../shared/finance-api.service';
import {
  approvalCount,
  approveState,
  awaitsSecondApproval,
  blockedKey,
  groupIban,
  paymentStateKey,
  paymentStateTone,
  screeningBlockMessage,
} from '../shared/finance-labels';
import {
  PaymentReasonDialogComponent,
  type PaymentReasonDialogData,
} from './payment-reason-dialog.component';
import {
  RecordPaidDialogComponent,
  type RecordPaidDialogData,
} from './record-paid-dialog.component';

/** A payment: who asked, who approved, the payee's account, what the bank did and what arrived. */
@Component({
  selector: 'mz-payment-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MoneyTextComponent,
    RouterLink,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './payment-page.component.html',
  styleUrls: [
    '../../officer/shared/officer-page.scss',
    '../shared/finance-page.scss',
  ],
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-block: 16px;
    }
    .difference {
      font-weight: 600;
    }
  `,
})
export class PaymentPageComponent {
  private readonly api = inject(FinanceApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  /** Route parameter (component input binding). */
  readonly paymentId = input.required<string>();

  protected readonly payment = signal<PaymentView | null>(null);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');
  private readonly reloads = signal(0);

  protected readonly stateKey = paymentStateKey;
  protected readonly stateTone = paymentStateTone;
  protected readonly groupIban = groupIban;
  protected readonly approvalCount = approvalCount;

  protected readonly blocked = computed(() => blockedKey(this.payment()?.blockedBy ?? null));
  /** Issue 13: a party to the grant has an unresolved or confirmed sanctions match. */
  protected readonly screening = computed(() => {
    const p = this.payment();
    return p ? screeningBlockMessage(p) : null;
  });
  protected readonly approveButton = computed(() => {
    const p = this.payment();
    return p ? approveState(p, this.session.hasAny(['payment.approve'])) : 'hidden';
  });
  protected readonly secondPending = computed(() => {
    const p = this.payment();
    return p ? awaitsSecondApproval(p) : false;
  });
  /** The grantee confirmed another amount than the one sent. */
  protected readonly receiptDiffers = computed(() => {
    const d = this.payment()?.receiptDifferenceMinor;
    return d !== null && d !== undefined && d !== '0';
  });

  constructor() {
    const request = computed(() => ({ id: this.paymentId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(({ id }) =>
          this.api.payment(id).pipe(
            map((payment) => ({ payment, error: null })),
            catchError((error: unknown) => of({ payment: null, error: toWebError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ payment, error }) => {
        this.loading.set(false);
        if (payment) this.payment.set(payment);
        else if (error) this.problem.set(errorMessage(error));
      });
  }

  protected can(action: PaymentView['actions'][number]): boolean {
    return this.payment()?.actions.includes(action) ?? false;
  }

  protected approve(): void {
    const p = this.payment();
    if (!p || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    this.api.approve(p.id).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.payment.set(updated);
        const text = this.i18n.t(
          updated.state === 'approved' ? 'finance.approve.done' : 'finance.approve.firstDone',
        );
        this.announcement.set(text);
        this.notifier.notify(text);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(errorMessage(toWebError(error)));
        this.reloads.update((n) => n + 1);
      },
    });
  }

  protected close(action: 'reject' | 'cancel'): void {
    const p = this.payment();
    if (!p) return;
    this.dialog
      .open<PaymentReasonDialogComponent, PaymentReasonDialogData, PaymentView>(
        PaymentReasonDialogComponent,
        { width: '520px', maxWidth: '95vw', data: { payment: p, action } },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.payment.set(updated);
        const text = this.i18n.t(action === 'reject' ? 'finance.reject.done' : 'finance.cancel.done');
        this.announcement.set(text);
        this.notifier.notify(text);
      });
  }

  protected recordPaid(): void {
    const p = this.payment();
    if (!p) return;
    this.dialog
      .open<RecordPaidDialogComponent, RecordPaidDialogData, PaymentView>(
        RecordPaidDialogComponent,
        { width: '640px', maxWidth: '95vw', data: { payment: p } },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.payment.set(updated);
        const text = this.i18n.t('finance.paid.done');
        this.announcement.set(text);
        this.notifier.notify(text);
      });
  }
}
