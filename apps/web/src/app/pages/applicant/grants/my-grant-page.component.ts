import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { GrantVersionView, GrantView, PaymentView } from '@mizan/contracts';
import { toWebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { ConditionChecklistComponent } from '../../../shared/finance/condition-checklist.component';
import { financeProblem, reportKindKey } from '../../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { StateChipComponent } from '../../../shared/finance/state-chip.component';
import { GrantContentComponent } from '../../grants/grant-content.component';
import { GrantsApiService } from '../../grants/grants-api.service';
import { VersionHistoryComponent } from '../../grants/version-history.component';
import { ReceiptDialogComponent } from './receipt-dialog.component';
import { GrantReportingComponent } from './reporting/grant-reporting.component';
import { SignDialogComponent, type SignDialogData } from './sign-dialog.component';

/**
 * One grant as the grantee sees it: the agreement (sign it when named
 * signatory; download it), budget, tranches with the state of each release
 * condition, payments received (confirm receipt), and what amendments changed.
 * Partners read the same page without the actions.
 */
@Component({
  selector: 'mz-my-grant-page',
  imports: [
    ConditionChecklistComponent,
    FormProblemComponent,
    GrantContentComponent,
    GrantReportingComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MoneyTextComponent,
    RouterLink,
    StateChipComponent,
    TranslatePipe,
    VersionHistoryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-grant-page.component.html',
  styleUrls: ['../../officer/shared/officer-page.scss', '../../grants/grants.scss'],
})
export class MyGrantPageComponent implements OnInit {
  private readonly api = inject(GrantsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly sessions = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  readonly grantId = input.required<string>();

  protected readonly grant = signal<GrantView | null>(null);
  protected readonly versions = signal<GrantVersionView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly announcement = signal('');
  protected readonly reportKindKey = reportKindKey;

  /** Members of the grantee organization act; partners only read. */
  protected readonly isGrantee = computed(() => this.sessions.permissions().includes('grant.own'));
  protected readonly isSignatory = computed(() => {
    const g = this.grant();
    const me = this.sessions.user()?.id;
    return !!g && !!me && g.state === 'awaiting_signature' && g.signatory?.id === me;
  });
  protected readonly agreement = computed(
    () => this.grant()?.agreements.filter((b) => b.state === 'done').sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0] ?? null,
  );
  protected readonly amendments = computed(() => this.versions().filter((v) => v.kind === 'amendment'));

  ngOnInit(): void {
    this.load();
  }

  private load(): void {
    this.loading.set(true);
    this.api.myGrant(this.grantId()).subscribe({
      next: (grant) => {
        this.loading.set(false);
        this.problem.set(null);
        this.grant.set(grant);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(financeProblem(toWebError(error)));
      },
    });
    this.api.myVersions(this.grantId()).subscribe({
      next: (versions) => this.versions.set([...versions].sort((a, b) => b.version - a.version)),
      error: () => this.versions.set([]),
    });
  }

  protected date(iso: string | null): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  protected dateTime(iso: string | null): string {
    return iso ? this.i18n.formatDateTime(iso) : '—';
  }

  protected downloadUrl(grant: GrantView, documentId: string): string {
    return this.api.agreementDownloadUrl(grant.id, documentId);
  }

  protected canConfirm(payment: PaymentView): boolean {
    return this.isGrantee() && payment.state === 'paid' && payment.receiptConfirmedAt === null;
  }

  protected sign(grant: GrantView): void {
    this.dialog
      .open<SignDialogComponent, SignDialogData, GrantView>(SignDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        autoFocus: 'first-tabbable',
        data: { grant, expectedName: grant.signatory?.name ?? this.sessions.user()?.displayName ?? '' },
      })
      .afterClosed()
      .subscribe((g) => {
        if (!g) return;
        this.grant.set(g);
        this.say(this.i18n.t('mygrants.done.signed'));
      });
  }

  protected confirmReceipt(payment: PaymentView): void {
    this.dialog
      .open<ReceiptDialogComponent, { payment: PaymentView }, PaymentView>(ReceiptDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: { payment },
      })
      .afterClosed()
      .subscribe((p) => {
        if (!p) return;
        this.say(this.i18n.t('mygrants.done.received'));
        this.load();
      });
  }

  private say(text: string): void {
    this.announcement.set(text);
    this.notifier.notify(text);
  }
}
