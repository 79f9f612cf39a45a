import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { RefundPositionView } from '@mizan/contracts';
import { toWebError, errorMessage } from '../../core/api/api-error';
import { IdempotencyKey } from '../../core/api/idempotency';
import { SessionService } from '../../core/auth/session.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../core/ui/form-problem.component';
import { FormSubmission } from '../../core/ui/form-submission';
import { MoneyFieldComponent } from '../../core/ui/money-field.component';
import { moneyInputToMinor, moneyValidator } from '../../core/ui/money-input';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { ReasonFieldComponent } from '../../core/ui/reason-field.component';
import { notBlank } from '../officer/shared/validators';
import { VerificationApiService } from './verification-api.service';
import { localTodayIso } from '../../core/ui/local-date';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The refunds of a grant on the officer's grant page (issue 11): what was found
 * ineligible, repaid, offset and is still outstanding; finance records a
 * repayment, the officer offsets against a tranche not yet requested.
 */
@Component({
  selector: 'mz-refunds-panel',
  imports: [
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MoneyFieldComponent,
    MoneyTextComponent,
    ReactiveFormsModule,
    ReasonFieldComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="section" aria-labelledby="refunds-heading" data-testid="refunds">
      <h2 class="mz-section-title" id="refunds-heading">{{ 'verification.refunds.title' | t }}</h2>
      <mz-form-problem [problem]="loadProblem()" testId="refunds-load-error" />
      @if (position(); as p) {
        <dl class="position" data-testid="refunds-position">
          <dt>{{ 'verification.refunds.ineligible' | t }}</dt>
          <dd><mz-money-text [minor]="p.ineligibleMinor" [currency]="p.currency" /></dd>
          <dt>{{ 'verification.refunds.repaid' | t }}</dt>
          <dd><mz-money-text [minor]="p.repaidMinor" [currency]="p.currency" /></dd>
          <dt>{{ 'verification.refunds.offset' | t }}</dt>
          <dd><mz-money-text [minor]="p.offsetMinor" [currency]="p.currency" /></dd>
          <dt>{{ 'verification.refunds.outstanding' | t }}</dt>
          <dd data-testid="refunds-outstanding"><strong><mz-money-text [minor]="p.outstandingMinor" [currency]="p.currency" /></strong></dd>
        </dl>
        @if (p.settlements.length > 0) {
          <ul class="settlements">
            @for (s of p.settlements; track s.id) {
              <li>
                {{ (s.kind === 'repaid' ? 'verification.refunds.kindRepaid' : 'verification.refunds.kindOffset') | t: { seq: s.trancheSeq ?? '' } }} ·
                <mz-money-text [minor]="s.amountMinor" [currency]="p.currency" /> · {{ date(s.settledOn) }}
                @if (s.reference) { · <bdi>{{ s.reference }}</bdi> }
                @if (s.note) { · <bdi>{{ s.note }}</bdi> }
              </li>
            }
          </ul>
        }
        @if (p.can.repay) {
          <form class="mz-dialog-form" [formGroup]="repayForm" (ngSubmit)="repay(p)" novalidate aria-labelledby="repay-heading">
            <h3 id="repay-heading">{{ 'verification.refunds.repayTitle' | t }}</h3>
            <mz-money-field [control]="repayForm.controls.amount" [currency]="p.currency" labelKey="verification.refunds.amount" testId="repay-amount" />
            <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
              <mat-label>{{ 'verification.refunds.receivedOn' | t }}</mat-label>
              <input matInput type="date" [formControl]="repayForm.controls.receivedOn" required data-testid="repay-date" />
              @if (repayForm.controls.receivedOn.hasError('server')) {
                <mat-error>{{ repayForm.controls.receivedOn.getError('server') }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
              <mat-label>{{ 'verification.refunds.reference' | t }}</mat-label>
              <input matInput [formControl]="repayForm.controls.reference" required data-testid="repay-reference" />
              @if (repayForm.controls.reference.hasError('server')) {
                <mat-error>{{ repayForm.controls.reference.getError('server') }}</mat-error>
              }
            </mat-form-field>
            <mz-form-problem [problem]="repaying.problem()" testId="repay-error" />
            <button mat-flat-button type="submit" data-testid="repay-submit" [disabled]="repaying.busy()">{{ 'verification.refunds.repaySubmit' | t }}</button>
          </form>
        }
        @if (p.can.offset) {
          <form class="mz-dialog-form" [formGroup]="offsetForm" (ngSubmit)="offset(p)" novalidate aria-labelledby="offset-heading">
            <h3 id="offset-heading">{{ 'verification.refunds.offsetTitle' | t }}</h3>
            <mat-form-field class="mz-full-width" subscriptSizing="dynamic">
              <mat-label>{{ 'verification.refunds.tranche' | t }}</mat-label>
              <mat-select [formControl]="offsetForm.controls.trancheId" required data-testid="offset-tranche">
                @for (t of p.offsetTranches; track t.id) {
                  <mat-option [value]="t.id">{{ 'verification.refunds.trancheOption' | t: { seq: t.seq, date: date(t.plannedOn) } }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            @if (chosenTranche(); as t) {
              <p class="small">
                {{ 'verification.refunds.net' | t }} <mz-money-text [minor]="t.netMinor" [currency]="p.currency" />
                ({{ 'verification.refunds.of' | t }} <mz-money-text [minor]="t.amountMinor" [currency]="p.currency" />)
              </p>
            }
            <mz-money-field [control]="offsetForm.controls.amount" [currency]="p.currency" labelKey="verification.refunds.amount" testId="offset-amount" />
            <mz-reason-field [control]="offsetForm.controls.reason" testId="offset-reason" />
            <mz-form-problem [problem]="offsetting.problem()" testId="offset-error" />
            <button mat-flat-button type="submit" data-testid="offset-submit" [disabled]="offsetting.busy()">{{ 'verification.refunds.offsetSubmit' | t }}</button>
          </form>
        }
      }
    </section>
  `,
  styles: `
    .position {
      display: grid;
      grid-template-columns: max-content auto;
      gap: 4px 16px;
    }
    .position dd {
      margin: 0;
    }
    form {
      max-width: 32rem;
      margin-block-start: 16px;
    }
  `,
})
export class RefundsPanelComponent implements OnInit {
  private readonly api = inject(VerificationApiService);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly sessions = inject(SessionService);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly grantId = input.required<string>();

  protected readonly position = signal<RefundPositionView | null>(null);
  protected readonly loadProblem = signal<FormProblem | null>(null);
  protected readonly repaying = new FormSubmission<RefundPositionView>();
  protected readonly offsetting = new FormSubmission<RefundPositionView>();
  private readonly repayKey = new IdempotencyKey();
  private readonly offsetKey = new IdempotencyKey();

  protected readonly repayForm = this.fb.group({
    amount: ['', [Validators.required, moneyValidator(() => this.position()?.currency ?? 'SEK')]],
    receivedOn: [localTodayIso(), [Validators.required, Validators.pattern(ISO_DATE)]],
    reference: ['', [Validators.required, notBlank]],
  });
  protected readonly offsetForm = this.fb.group({
    trancheId: ['', Validators.required],
    amount: ['', [Validators.required, moneyValidator(() => this.position()?.currency ?? 'SEK')]],
    reason: ['', [Validators.required, notBlank]],
  });
  private readonly trancheId = signal('');
  protected readonly chosenTranche = computed(() => this.position()?.offsetTranches.find((t) => t.id === this.trancheId()) ?? null);

  ngOnInit(): void {
    this.offsetForm.controls.trancheId.valueChanges.subscribe((id) => this.trancheId.set(id));
    // Staff with grant.read, and auditors (in an engagement's scope, read-only: the server offers them no repayment or offset).
    if (!this.sessions.permissions().some((p) => p === 'grant.read' || p === 'audit.conduct')) return;
    this.api.refunds(this.grantId()).subscribe({
      next: (p) => this.show(p),
      error: (error: unknown) => this.loadProblem.set(errorMessage(toWebError(error))),
    });
  }

  private show(p: RefundPositionView): void {
    this.position.set(p);
    const first = p.offsetTranches[0];
    if (first && !this.offsetForm.controls.trancheId.value) this.offsetForm.controls.trancheId.setValue(first.id);
  }

  protected repay(p: RefundPositionView): void {
    const v = this.repayForm.getRawValue();
    this.repaying.run(
      this.repayForm,
      () =>
        this.api.repay(
          p.grantId,
          { amountMinor: moneyInputToMinor(v.amount.trim(), p.currency) ?? v.amount.trim(), receivedOn: v.receivedOn, reference: v.reference.trim() },
          this.repayKey.key(true),
        ),
      (next) => {
        this.repayKey.succeeded();
        this.show(next);
        this.repayForm.reset();
        this.announcer.announce(this.i18n.t('verification.refunds.repaidDone'));
      },
      (error) => {
        this.repayKey.failed(error);
        return false;
      },
    );
  }

  protected offset(p: RefundPositionView): void {
    const v = this.offsetForm.getRawValue();
    this.offsetting.run(
      this.offsetForm,
      () =>
        this.api.offset(
          p.grantId,
          { trancheId: v.trancheId, amountMinor: moneyInputToMinor(v.amount.trim(), p.currency) ?? v.amount.trim(), reason: v.reason.trim() },
          this.offsetKey.key(true),
        ),
      (next) => {
        this.offsetKey.succeeded();
        this.show(next);
        this.offsetForm.controls.amount.reset();
        this.offsetForm.controls.reason.reset();
        this.announcer.announce(this.i18n.t('verification.refunds.offsetDone'));
      },
      (error) => {
        this.offsetKey.failed(error);
        return false;
      },
    );
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }
}
