import { AuditReadonlyNoteComponent, readsAsAuditorOnly } from '../../../core/ui/audit-readonly-note.component';
import { SessionService } from '../../../core/auth/session.service';
import { AuditApplicationRecordComponent } from './audit-application-record.component';
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
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type {
  ApplicationAttachmentView,
  ApplicationVersionView,
  ApplicationView,
  GovernorateView,
  OrganizationView,
  PartnerView,
} from '@mizan/contracts';
import type { ApplicationAction, RuleResult } from '@mizan/domain';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { OrganizationsApiService } from '../organizations/organizations-api.service';
import { ddKey, stateKey } from '../shared/labels';
import { formatMoney } from '../shared/money';
import { ruleNameKey, ruleText } from '../shared/rules';
import { ddStanding, ddTone, eligibilityCount, stateTone } from '../shared/status';
import { formatFileSize } from '../shared/files';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatInZone, formatIsoDate, formatLocal } from '../shared/zones';
import { ApplicationContentComponent } from './application-content.component';
import { ScreeningApiService } from './screening-api.service';
import {
  ScreeningDialogComponent,
  type ScreeningDialogData,
} from './screening-dialog.component';

interface Loaded {
  application: ApplicationView;
  latest: ApplicationVersionView | null;
  attachments: ApplicationAttachmentView[];
  organization: OrganizationView | null;
  partners: PartnerView[];
  governorates: GovernorateView[];
}

const OFFICER_ACTIONS: readonly ApplicationAction[] = [
  'start_screening',
  'mark_eligible',
  'return_for_clarification',
  'mark_ineligible',
];

@Component({
  selector: 'mz-application-page',
  imports: [
    AuditReadonlyNoteComponent,
    AuditApplicationRecordComponent,
    ApplicationContentComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-page.component.html',
  styleUrls: ['../shared/officer-page.scss', './application-page.component.scss'],
})
export class ApplicationPageComponent {
  private readonly api = inject(ScreeningApiService);
  private readonly organizations = inject(OrganizationsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);
  private readonly sessions = inject(SessionService);
  /** An auditor reads this page within an engagement's scope: no desk to go back to, nothing to act on. */
  protected readonly auditReader = computed(() => readsAsAuditorOnly(this.sessions.permissions()));

  readonly applicationId = input.required<string>();

  protected readonly data = signal<Loaded | null>(null);
  protected readonly loading = signal(true);
  protected readonly acting = signal(false);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly actionError = signal<WebError | null>(null);
  protected readonly announcement = signal('');
  private readonly reloads = signal(0);

  protected readonly problem = computed(() => {
    const error = this.loadError() ?? this.actionError();
    return error ? errorMessage(error) : null;
  });
  protected readonly application = computed(() => this.data()?.application ?? null);
  protected readonly actions = computed(() => {
    const allowed = this.application()?.allowedActions ?? [];
    return OFFICER_ACTIONS.filter((a) => allowed.includes(a));
  });
  /**
   * What is screened is the last submitted version; while returned, the working
   * copy belongs to the applicant, so its frozen results are shown instead.
   */
  protected readonly eligibility = computed<RuleResult[]>(() => {
    const d = this.data();
    if (!d) return [];
    return d.application.state === 'returned' && d.latest
      ? d.latest.eligibility
      : d.application.eligibility;
  });
  protected readonly counts = computed(() => eligibilityCount(this.eligibility()));
  protected readonly pairs = computed(() => {
    const versions = this.application()?.versions ?? [];
    return versions.slice(1).map((v, i) => ({ from: versions[i].number, to: v.number }));
  });

  protected readonly stateKey = stateKey;
  protected readonly stateTone = stateTone;
  protected readonly ruleNameKey = ruleNameKey;

  constructor() {
    const request = computed(() => ({ id: this.applicationId(), n: this.reloads() }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.loadError.set(null);
        }),
        switchMap(({ id }) =>
          this.api.application(id).pipe(
            switchMap((application) => {
              const last = application.versions.at(-1);
              return forkJoin({
                latest: last
                  ? this.api.version(id, last.number).pipe(catchError(() => of(null)))
                  : of(null),
                attachments: this.api.attachments(id).pipe(catchError(() => of([]))),
                organization: this.organizations
                  .get(application.organizationId)
                  .pipe(catchError(() => of(null))),
                partners: this.organizations
                  .partners(application.organizationId)
                  .pipe(catchError(() => of([] as PartnerView[]))),
                governorates: this.api
                  .governorates()
                  .pipe(catchError(() => of([] as GovernorateView[]))),
              }).pipe(map((rest) => ({ application, ...rest })));
            }),
            map((loaded) => ({ loaded, error: null })),
            catchError((error: unknown) => of({ loaded: null, error: toWebError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ loaded, error }) => {
        this.loading.set(false);
        if (loaded) this.data.set(loaded);
        else this.loadError.set(error);
      });
  }

  protected retry(): void {
    this.actionError.set(null);
    this.reloads.update((n) => n + 1);
  }

  protected actionKey(action: ApplicationAction): TranslationKey {
    switch (action) {
      case 'start_screening':
      case 'mark_eligible':
      case 'mark_ineligible':
      case 'return_for_clarification':
        return `officer.action.${action}`;
      default:
        return 'officer.actions';
    }
  }

  protected actionIcon(action: ApplicationAction) {
    switch (action) {
      case 'start_screening':
        return 'play_arrow' as const;
      case 'mark_eligible':
        return 'check_circle' as const;
      case 'mark_ineligible':
        return 'block' as const;
      default:
        return 'undo' as const;
    }
  }

  protected act(action: ApplicationAction): void {
    const app = this.application();
    if (!app || this.acting()) return;
    this.actionError.set(null);
    if (action === 'start_screening') {
      this.acting.set(true);
      this.api.screen(app.id, { action, reason: null }).subscribe({
        next: (updated) => this.done(updated),
        error: (error: unknown) => {
          this.acting.set(false);
          this.actionError.set(toWebError(error));
        },
      });
      return;
    }
    if (
      action !== 'mark_eligible' &&
      action !== 'mark_ineligible' &&
      action !== 'return_for_clarification'
    ) {
      return;
    }
    this.dialog
      .open<ScreeningDialogComponent, ScreeningDialogData, ApplicationView>(
        ScreeningDialogComponent,
        {
          width: '560px',
          maxWidth: '95vw',
          data: {
            applicationId: app.id,
            title: app.title,
            organization: app.organizationName,
            action,
          },
        },
      )
      .afterClosed()
      .subscribe((updated) => {
        if (updated) this.done(updated);
      });
  }

  private done(updated: ApplicationView): void {
    this.acting.set(false);
    const text = this.i18n.t('officer.screen.done', {
      title: updated.title,
      state: this.i18n.t(stateKey(updated.state)),
    });
    this.announcement.set(text);
    this.notifier.notify(text);
    this.reloads.update((n) => n + 1);
  }

  protected money(minor: string): string {
    const app = this.application();
    return app ? formatMoney(minor, app.currency, this.i18n.locale()) : minor;
  }

  protected time(iso: string | null): string {
    return iso ? formatLocal(iso, this.i18n.locale()) : '—';
  }

  protected deadline(app: ApplicationView): string {
    return `${formatInZone(app.callClosesAt, app.callTimeZone, this.i18n.locale())} (${app.callTimeZone})`;
  }

  protected date(iso: string | null): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '';
  }

  protected rule(result: RuleResult): string {
    return ruleText(
      result,
      (key, params) => this.i18n.t(key, params),
      this.i18n.locale(),
    );
  }

  protected ddStanding(org: OrganizationView) {
    return ddStanding(org.dueDiligence);
  }

  protected ddTone(org: OrganizationView) {
    return ddTone(ddStanding(org.dueDiligence));
  }

  protected ddKey(org: OrganizationView): TranslationKey {
    return ddKey(ddStanding(org.dueDiligence));
  }

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.i18n.locale());
  }
}
