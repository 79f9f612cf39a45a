import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type {
  ApplicationAttachmentView,
  ApplicationView,
  CallView,
  DecisionNoticeView,
  PartnerView,
} from '@mizan/contracts';
import type { ApplicationState } from '@mizan/domain';
import {
  EMPTY,
  catchError,
  filter,
  forkJoin,
  fromEvent,
  merge,
  of,
  switchMap,
} from 'rxjs';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { DigitsPipe } from '../../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DecisionsApiService } from '../../officer/decisions/decisions-api.service';
import { ApplicationsApiService } from '../shared/applications-api.service';
import {
  deadlineForUser,
  deadlineInCallZone,
  userTimeZone,
} from '../shared/dates';
import { stateKey, stateTone } from '../shared/labels';
import { formatMoney } from '../shared/money';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf } from '../shared/problem';
import { ReferenceDataService } from '../shared/reference-data.service';
import { StickyDirective } from '../shared/sticky.directive';
import { formatBytes } from '../shared/upload';
import { ApplicationContentViewComponent } from './application-content-view.component';
import type { ApplicationsMode } from './applications-page.component';
import { DecisionNoticeComponent } from './decision-notice.component';
import { RulesListComponent } from './rules-list.component';
import { TotalsPanelComponent } from './totals-panel.component';
import {
  WithdrawDialogComponent,
  type WithdrawDialogData,
} from './withdraw-dialog.component';

/** States in which the agency has decided and tells the applicant why. */
const DECIDED_STATES: readonly ApplicationState[] = [
  'approved',
  'rejected',
  'reserve',
];

/** One application as it moves: state, receipt, the agency's message, versions; read-only content. */
@Component({
  selector: 'mz-application-page',
  imports: [
    ApplicationContentViewComponent,
    DecisionNoticeComponent,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    RulesListComponent,
    StickyDirective,
    TotalsPanelComponent,
    DigitsPipe, TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-page.component.html',
  styleUrls: ['../shared/intake.scss', './application-page.component.scss'],
})
export class ApplicationPageComponent {
  private readonly api = inject(ApplicationsApiService);
  private readonly decisions = inject(DecisionsApiService);
  private readonly organizations = inject(OrganizationsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  /** Route parameter and route data. */
  readonly id = input.required<string>();
  readonly mode = input<ApplicationsMode>('applicant');

  protected readonly view = signal<ApplicationView | null>(null);
  protected readonly call = signal<CallView | null>(null);
  protected readonly attachments = signal<ApplicationAttachmentView[]>([]);
  protected readonly partnerNames = signal<ReadonlyMap<string, string>>(
    new Map(),
  );
  protected readonly governorates = toSignal(
    inject(ReferenceDataService).governorates(),
    { initialValue: [] },
  );
  /** The agency's final decision, once the application is decided. */
  protected readonly decision = signal<DecisionNoticeView | null>(null);
  /** The application and state the decision was asked for, so it is asked once per state. */
  private decisionAskedFor: string | null = null;
  protected readonly loading = signal(true);
  protected readonly refreshing = signal(false);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });
  protected readonly base = computed(() =>
    this.mode() === 'partner' ? '/partner/applications' : '/my-applications',
  );
  protected readonly canWithdraw = computed(
    () => this.view()?.allowedActions.includes('withdraw') ?? false,
  );
  protected readonly canResubmit = computed(
    () => this.view()?.allowedActions.includes('resubmit') ?? false,
  );
  protected readonly draftClosed = computed(() => {
    const v = this.view();
    return (
      this.mode() === 'applicant' &&
      v !== null &&
      v.state === 'draft' &&
      !v.editable
    );
  });
  protected readonly stateKey = stateKey;
  protected readonly stateTone = stateTone;
  protected readonly userZone = userTimeZone();

  /** Versions to compare; "current" is the working copy. */
  protected compareLeft = '';
  protected compareRight = 'current';

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    // The status moves while the page is open (an officer screens it): check again when the user comes back.
    const document = inject(DOCUMENT);
    const window = document.defaultView;
    if (window) {
      merge(
        fromEvent(window, 'focus'),
        fromEvent(document, 'visibilitychange').pipe(
          filter(() => document.visibilityState === 'visible'),
        ),
      )
        .pipe(takeUntilDestroyed())
        .subscribe(() => this.refresh());
    }
  }

  protected load(id = this.id()): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .get(id)
      .pipe(
        switchMap((view) =>
          forkJoin({
            view: of(view),
            attachments: this.api
              .attachments(id)
              .pipe(catchError(() => of([] as ApplicationAttachmentView[]))),
            partners: this.partnerList(view),
            call:
              this.mode() === 'applicant'
                ? this.api.call(view.callId).pipe(catchError(() => of(null)))
                : of(null),
          }),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ view, attachments, partners, call }) => {
          this.show(view);
          this.attachments.set(attachments);
          this.partnerNames.set(new Map(partners.map((p) => [p.id, p.name])));
          this.call.set(call);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  private partnerList(view: ApplicationView) {
    const list =
      this.mode() === 'partner'
        ? this.organizations.myPartnerOrganizations()
        : this.organizations.partners(view.organizationId);
    return list.pipe(catchError(() => of([] as PartnerView[])));
  }

  /** Quietly asks for the latest state (no spinner over the page). */
  protected refresh(): void {
    if (this.loading() || this.refreshing() || !this.view()) return;
    this.refreshing.set(true);
    this.api
      .get(this.id())
      .pipe(
        catchError(() => EMPTY),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => this.show(view),
        complete: () => this.refreshing.set(false),
      });
  }

  private show(view: ApplicationView): void {
    this.view.set(view);
    this.loadDecision(view);
    const numbers = view.versions.map((v) => String(v.number));
    const valid =
      numbers.includes(this.compareLeft) &&
      (this.compareRight === 'current' || numbers.includes(this.compareRight));
    if (!valid && numbers.length >= 2) {
      this.compareLeft = numbers[numbers.length - 2];
      this.compareRight = numbers[numbers.length - 1];
    } else if (!valid) {
      this.compareLeft = numbers[0] ?? '';
      this.compareRight = 'current';
    }
  }

  private loadDecision(view: ApplicationView): void {
    if (!DECIDED_STATES.includes(view.state)) {
      this.decisionAskedFor = null;
      this.decision.set(null);
      return;
    }
    const key = `${view.id}:${view.state}`;
    if (this.decisionAskedFor === key) return;
    this.decisionAskedFor = key;
    this.decisions
      .applicationDecision(view.id)
      .pipe(
        catchError(() => {
          // Asked again on the next refresh.
          this.decisionAskedFor = null;
          return EMPTY;
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((result) => this.decision.set(result.decision));
  }

  protected money(minor: string, view: ApplicationView): string {
    return formatMoney(minor, view.currency, this.i18n.locale());
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  protected inCallZone(view: ApplicationView): string {
    return deadlineInCallZone(
      view.callClosesAt,
      view.callTimeZone,
      this.i18n.locale(),
    );
  }

  protected forUser(view: ApplicationView): string {
    return deadlineForUser(
      view.callClosesAt,
      this.i18n.locale(),
      this.userZone,
    );
  }

  protected compare(): void {
    void this.router.navigate([this.base(), this.id(), 'compare'], {
      queryParams: { left: this.compareLeft, right: this.compareRight },
    });
  }

  protected withdraw(view: ApplicationView): void {
    this.dialog
      .open<WithdrawDialogComponent, WithdrawDialogData, ApplicationView>(
        WithdrawDialogComponent,
        {
          width: '520px',
          maxWidth: '100vw',
          data: { id: view.id, title: view.title },
        },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.show(updated);
        this.notifier.notify(this.i18n.t('applicant.withdraw.done'));
      });
  }
}
