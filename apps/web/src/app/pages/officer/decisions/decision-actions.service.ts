import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { FundingDecisionView } from '@mizan/contracts';
import { EMPTY, type Observable, switchMap } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import {
  askToConfirm,
  type ConfirmDialogData,
} from '../../../core/ui/confirm-dialog.component';
import { formatMoney } from '../shared/money';
import {
  CancelDecisionDialogComponent,
  type CancelDecisionDialogData,
} from './cancel-decision-dialog.component';
import { DecisionsApiService } from './decisions-api.service';
import { outcomeKey } from './decision-view';

/**
 * Confirm (after an "are you sure") and cancel (with a reason) a proposed
 * decision. Both emit the updated decision, or complete without a value when
 * the officer backs out; a refused confirmation errors for the caller to show.
 */
@Injectable({ providedIn: 'root' })
export class DecisionActionsService {
  private readonly api = inject(DecisionsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);

  confirm(decision: FundingDecisionView): Observable<FundingDecisionView> {
    const data: ConfirmDialogData = {
      titleKey: 'decisions.confirm.title',
      bodyKey:
        decision.outcome === 'approved'
          ? 'decisions.confirm.bodyApproved'
          : 'decisions.confirm.body',
      params: {
        title: decision.applicationTitle,
        outcome: this.i18n.t(outcomeKey(decision.outcome)),
        amount: formatMoney(
          decision.amountMinor,
          decision.currency,
          this.i18n.locale(),
        ),
        proposer: decision.proposedBy.email,
      },
      detailKeys: ['decisions.confirm.reviewsEnd'],
      confirmKey: 'decisions.action.confirm',
    };
    return askToConfirm(this.dialog, data).pipe(
      switchMap((ok) => (ok ? this.api.confirm(decision.id) : EMPTY)),
    );
  }

  cancel(decision: FundingDecisionView): Observable<FundingDecisionView> {
    return this.dialog
      .open<
        CancelDecisionDialogComponent,
        CancelDecisionDialogData,
        FundingDecisionView
      >(CancelDecisionDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: { decision },
      })
      .afterClosed()
      .pipe(switchMap((updated) => (updated ? [updated] : EMPTY)));
  }
}
