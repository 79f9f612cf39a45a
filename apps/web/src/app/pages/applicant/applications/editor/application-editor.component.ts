import { BreakpointObserver } from '@angular/cdk/layout';
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
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { STEPPER_GLOBAL_OPTIONS } from '@angular/cdk/stepper';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { Router, RouterLink } from '@angular/router';
import type {
  ApplicationAttachmentView,
  ApplicationView,
  CallView,
  DocumentView,
  FieldError,
  OrganizationView,
  PartnerView,
} from '@mizan/contracts';
import {
  budgetTotals,
  checkEligibility,
  type ApplicationContent,
  instantToZonedLocal,
  type CallRules,
  type EligibilityRule,
  type RuleResult,
} from '@mizan/domain';
import { catchError, forkJoin, fromEvent, map, of } from 'rxjs';
import {
  applyFieldErrors,
  toWebError,
  type WebError,
} from '../../../../core/api/api-error';
import type { TranslationKey } from '../../../../core/i18n/catalog';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { ApplicationsApiService } from '../../shared/applications-api.service';
import {
  clockTime,
  deadlineForUser,
  deadlineInCallZone,
  userTimeZone,
} from '../../shared/dates';
import { formatMoney } from '../../shared/money';
import { OrganizationsApiService } from '../../shared/organizations-api.service';
import { problemOf, type Problem } from '../../shared/problem';
import { ReferenceDataService } from '../../shared/reference-data.service';
import { StickyDirective } from '../../shared/sticky.directive';
import {
  EDITOR_STEPS,
  buildApplicationForm,
  clampActivityMonths,
  contentToDraft,
  draftToContent,
  resetApplicationForm,
  stepOfField,
  type ApplicationDraft,
  type ApplicationForm,
  type EditorStep,
} from '../application-form';
import { Autosave, saveStatusIcon, type SaveStatus } from '../autosave';
import type { IconName } from '../../../../core/icons/icons';
import { DraftBackupStore, sameDraft, type DraftBackup } from '../draft-backup';
import { RulesListComponent } from '../rules-list.component';
import { TotalsPanelComponent } from '../totals-panel.component';
import { ActivitiesStepComponent } from './activities-step.component';
import { AttachmentsStepComponent } from './attachments-step.component';
import { BudgetStepComponent } from './budget-step.component';
import { LogframeStepComponent } from './logframe-step.component';
import { PartnersStepComponent } from './partners-step.component';
import { RisksStepComponent } from './risks-step.component';
import {
  SubmitDialogComponent,
  type SubmitDialogData,
  type SubmitDialogResult,
} from './submit-dialog.component';
import { SummaryStepComponent } from './summary-step.component';

/** What the editor needs besides the application: the call's rules and the organization's facts. */
interface EditorContext {
  view: ApplicationView;
  call: CallView;
  organization: OrganizationView;
  partners: PartnerView[];
  documents: DocumentView[];
  attachments: ApplicationAttachmentView[];
}

const MONEY_RULES: readonly EligibilityRule[] = [
  'requested_amount',
  'max_grant',
  'cofunding_share',
  'admin_cost_cap',
];

/** The call's rules in the shape the domain's eligibility check takes. */
export function callRulesOf(call: CallView): CallRules {
  return {
    currency: call.currency,
    maxGrantMinor: call.maxGrantMinor,
    minCofundingBp: call.minCofundingBp,
    adminCapBp: call.adminCapBp,
    hostlandCountries: [...call.hostCountries],
    requirePartner: call.requirePartner,
    minOrganizationAgeMonths: call.minOrganizationAgeMonths,
    requiredDocuments: [...call.requiredDocuments],
  };
}

/**
 * The application editor: a stepper over the content, autosaved ~1.5 s after
 * each change with a version check, backed up in this browser, with the call's
 * rules and the budget totals computed live.
 */
@Component({
  selector: 'mz-application-editor',
  imports: [
    ActivitiesStepComponent,
    AttachmentsStepComponent,
    BudgetStepComponent,
    LogframeStepComponent,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatStepperModule,
    PartnersStepComponent,
    ReactiveFormsModule,
    RisksStepComponent,
    RouterLink,
    RulesListComponent,
    StickyDirective,
    SummaryStepComponent,
    TotalsPanelComponent,
    TranslatePipe,
  ],
  providers: [
    {
      provide: STEPPER_GLOBAL_OPTIONS,
      useValue: { showError: true, displayDefaultIndicatorType: false },
    },
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-editor.component.html',
  styleUrls: [
    '../../shared/intake.scss',
    './application-editor.component.scss',
  ],
})
export class ApplicationEditorComponent {
  private readonly api = inject(ApplicationsApiService);
  private readonly organizationsApi = inject(OrganizationsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);
  private readonly backups = new DraftBackupStore(
    this.document.defaultView?.localStorage,
  );
  private readonly stepper = viewChild<MatStepper>('stepper');

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly steps = EDITOR_STEPS;
  protected readonly governorates = toSignal(
    inject(ReferenceDataService).governorates(),
    { initialValue: [] },
  );
  private readonly breakpoints = inject(BreakpointObserver);
  /** Phones and narrow tablets: a vertical stepper. */
  protected readonly phone = toSignal(
    this.breakpoints
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Room for the totals beside the stepper; otherwise they sit under it and in the budget step. */
  protected readonly wide = toSignal(
    this.breakpoints
      .observe('(min-width: 1440px)')
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );

  protected readonly context = signal<EditorContext | null>(null);
  protected readonly form = signal<ApplicationForm | null>(null);
  protected readonly draft = signal<ApplicationDraft | null>(null);
  protected readonly revision = signal(0);
  protected readonly attachments = signal<ApplicationAttachmentView[]>([]);
  protected readonly version = signal(0);
  protected readonly serverEligibility = signal<RuleResult[]>([]);
  protected readonly serverCheckedAt = signal<Date | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadProblem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });
  /** Field errors the server sent, by step (from a refused save or submission). */
  protected readonly stepErrors = signal<
    Partial<Record<EditorStep, FieldError[]>>
  >({});
  protected readonly banner = signal<Problem | null>(null);
  /**
   * What raised the banner: a refused autosave (gone with the next save that succeeds), a refused
   * submission, and whether it stands for field errors (gone once each named field is fixed).
   */
  private bannerCause: { from: 'save' | 'submit'; fields: boolean } | null = null;
  protected readonly restoredAt = signal<string | null>(null);
  /** A backup made on an older version: offered, never applied silently. */
  protected readonly staleBackup = signal<DraftBackup | null>(null);
  protected readonly userZone = userTimeZone();
  protected readonly now = signal(new Date());

  /** True while the form is refilled from the server or a backup: not a change by the user. */
  private muted = false;
  private readonly autosaveRef = signal<Autosave | null>(null);
  private get autosave(): Autosave | null {
    return this.autosaveRef();
  }
  protected readonly saveStatus = computed<SaveStatus>(
    () => this.autosaveRef()?.status() ?? { kind: 'idle' },
  );

  protected readonly content = computed(() => {
    const draft = this.draft();
    const call = this.context()?.call;
    return draft && call ? draftToContent(draft, call.currency).content : null;
  });

  protected readonly liveEligibility = computed<RuleResult[]>(() => {
    const ctx = this.context();
    const content = this.content();
    if (!ctx || !content) return [];
    const own = new Set(ctx.partners.map((p) => p.id));
    return checkEligibility(callRulesOf(ctx.call), content, {
      organization: {
        hostlandCountry: ctx.organization.hostlandCountry,
        foundedOn: ctx.organization.foundedOn,
        documentKinds: ctx.documents.map((d) => d.kind),
      },
      partnerCount: content.partnerIds.filter((id) => own.has(id)).length,
      today: instantToZonedLocal(this.now(), ctx.call.timeZone).slice(0, 10),
    });
  });
  protected readonly failing = computed(() =>
    this.liveEligibility().filter((r) => !r.passed),
  );
  protected readonly rulesFor = computed(() => {
    const all = this.liveEligibility();
    const pick = (rules: readonly EligibilityRule[]) =>
      all.filter((r) => rules.includes(r.rule));
    return {
      partners: pick(['partner_required']),
      logframe: pick(['logframe_complete']),
      activities: pick(['activities_located']),
      budget: pick(MONEY_RULES),
      organization: pick([
        'hostland_country',
        'organization_age',
        'required_documents',
      ]),
    };
  });
  protected readonly serverFailing = computed(() =>
    this.serverEligibility().filter((r) => !r.passed),
  );

  protected readonly isResubmission = computed(
    () => this.context()?.view.state === 'returned',
  );
  protected readonly callOpen = computed(() => {
    const ctx = this.context();
    if (!ctx) return false;
    if (this.isResubmission()) return true;
    return (
      ctx.view.allowedActions.includes('submit') &&
      new Date(ctx.call.closesAt).getTime() > this.now().getTime()
    );
  });
  protected readonly blocked = computed(() => {
    const kind = this.saveStatus().kind;
    return kind === 'conflict' || kind === 'locked';
  });
  protected readonly canSubmit = computed(
    () =>
      this.callOpen() &&
      this.failing().length === 0 &&
      !this.blocked() &&
      this.saveStatus().kind !== 'invalid' &&
      (this.form()?.valid ?? false),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    const window = this.document.defaultView;
    if (window) {
      fromEvent(window, 'online')
        .pipe(takeUntilDestroyed())
        .subscribe(() => this.autosave?.retryNow());
      // Keep the very last keystrokes even if the tab closes before the quiet period ends.
      fromEvent(window, 'pagehide')
        .pipe(takeUntilDestroyed())
        .subscribe(() => this.backupNow());
      const clock = window.setInterval(() => this.now.set(new Date()), 30_000);
      this.destroyRef.onDestroy(() => window.clearInterval(clock));
    }
    this.destroyRef.onDestroy(() => {
      this.backupNow();
      this.autosave?.destroy();
    });
  }

  protected load(id = this.id()): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .get(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          if (!view.editable) {
            void this.router.navigate(['/my-applications', view.id], {
              replaceUrl: true,
            });
            return;
          }
          forkJoin({
            call: this.api.call(view.callId),
            organization: this.organizationsApi.get(view.organizationId),
            partners: this.organizationsApi.partners(view.organizationId),
            documents: this.organizationsApi
              .documents(view.organizationId)
              .pipe(catchError(() => of([] as DocumentView[]))),
            attachments: this.api
              .attachments(view.id)
              .pipe(catchError(() => of([] as ApplicationAttachmentView[]))),
          })
            .pipe(takeUntilDestroyed(this.destroyRef))
            .subscribe({
              next: (rest) => {
                this.start({ view, ...rest });
                this.loading.set(false);
              },
              error: (error: unknown) => {
                this.loadError.set(toWebError(error));
                this.loading.set(false);
              },
            });
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  /** Builds the form from the server's content, then applies or offers this browser's backup. */
  private start(ctx: EditorContext): void {
    const currency = ctx.call.currency;
    const serverDraft = contentToDraft(ctx.view.content, currency);
    const backup = this.backups.read(ctx.view.id);
    let draft = serverDraft;
    let restored = false;
    this.staleBackup.set(null);
    this.restoredAt.set(null);
    if (backup && !sameDraft(backup.draft, serverDraft)) {
      if (backup.version === ctx.view.version) {
        draft = backup.draft;
        restored = true;
        this.restoredAt.set(
          clockTime(new Date(backup.savedAt), this.i18n.locale()),
        );
      } else {
        this.staleBackup.set(backup);
      }
    } else if (backup) {
      this.backups.clear(ctx.view.id);
    }

    this.context.set(ctx);
    this.attachments.set(ctx.attachments);
    this.version.set(ctx.view.version);
    this.serverEligibility.set(ctx.view.eligibility);
    this.serverCheckedAt.set(null);
    this.stepErrors.set({});
    this.setBanner(null);

    this.autosave?.destroy();
    const autosave = new Autosave({
      version: ctx.view.version,
      save: (version, content) => this.api.save(ctx.view.id, version, content),
      onSaved: (view) => this.saved(view),
      onRejected: (error) => this.showFieldErrors(error, 'save'),
    });
    this.autosaveRef.set(autosave);

    let form = this.form();
    if (form) {
      this.muted = true;
      resetApplicationForm(form, draft, currency);
      this.muted = false;
    } else {
      form = buildApplicationForm(draft, currency);
      this.form.set(form);
      this.watch(form);
    }
    this.draft.set(form.getRawValue() as ApplicationDraft);
    this.revision.update((r) => r + 1);
    if (restored) this.changed();
  }

  private watch(form: ApplicationForm): void {
    form.controls.durationMonths.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((duration) => {
        const months = Number(duration);
        if (Number.isInteger(months) && months >= 1)
          clampActivityMonths(form, months);
      });
    form.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        if (!this.muted) this.changed();
      });
  }

  /** Every change: the live view, the local backup, and (after the quiet period) the server. */
  private changed(): void {
    const form = this.form();
    const ctx = this.context();
    if (!form || !ctx || !this.autosave) return;
    const draft = form.getRawValue() as ApplicationDraft;
    this.draft.set(draft);
    this.revision.update((r) => r + 1);
    this.dropFixedFieldErrors(form);
    this.backups.write({
      applicationId: ctx.view.id,
      version: this.autosave.currentVersion,
      savedAt: new Date().toISOString(),
      draft,
    });
    const { content, badAmounts } = draftToContent(draft, ctx.call.currency);
    this.autosave.changed(content, form.valid && badAmounts === 0);
  }

  private backupNow(): void {
    const form = this.form();
    const ctx = this.context();
    if (!form || !ctx || !this.autosave?.dirty) return;
    this.backups.write({
      applicationId: ctx.view.id,
      version: this.autosave.currentVersion,
      savedAt: new Date().toISOString(),
      draft: form.getRawValue() as ApplicationDraft,
    });
  }

  private saved(view: ApplicationView): void {
    this.version.set(view.version);
    this.serverEligibility.set(view.eligibility);
    this.serverCheckedAt.set(new Date());
    this.stepErrors.set({});
    // The server took the content: whatever a refused save (or the fields of a refused submission) said is resolved.
    if (this.bannerCause && (this.bannerCause.from === 'save' || this.bannerCause.fields)) this.setBanner(null);
    this.context.update((ctx) => (ctx ? { ...ctx, view } : ctx));
    if (!this.autosave?.dirty) this.backups.clear(view.id);
  }

  private setBanner(problem: Problem | null, cause: { from: 'save' | 'submit'; fields: boolean } | null = null): void {
    this.banner.set(problem);
    this.bannerCause = problem ? cause : null;
  }

  /** A field the server named loses its mark once it is changed (its validators ran again); no marks left, no banner. */
  private dropFixedFieldErrors(form: ApplicationForm): void {
    const errors = this.stepErrors();
    const steps = Object.keys(errors) as EditorStep[];
    if (steps.length === 0) return;
    const left: Partial<Record<EditorStep, FieldError[]>> = {};
    let count = 0;
    for (const step of steps) {
      const still = (errors[step] ?? []).filter((f) => {
        const control = form.get(f.field.startsWith('content.') ? f.field.slice('content.'.length) : f.field);
        return control === null || control.hasError('server');
      });
      if (still.length > 0) {
        left[step] = still;
        count += still.length;
      }
    }
    this.stepErrors.set(left);
    if (count === 0 && this.bannerCause?.fields) this.setBanner(null);
  }

  private showFieldErrors(error: WebError, from: 'save' | 'submit'): void {
    const form = this.form();
    if (!form) return;
    const contentFields = error.fields.map((f) => ({
      ...f,
      field: f.field.startsWith('content.')
        ? f.field.slice('content.'.length)
        : f.field,
    }));
    applyFieldErrors(form, contentFields);
    const byStep: Partial<Record<EditorStep, FieldError[]>> = {};
    for (const field of error.fields) {
      const step = stepOfField(field.field);
      (byStep[step] ??= []).push(field);
    }
    this.stepErrors.set(byStep);
    this.setBanner(
      error.fields.length > 0
        ? { key: 'applicant.editor.fixFields' }
        : problemOf(error),
      { from, fields: error.fields.length > 0 },
    );
    const first = EDITOR_STEPS.findIndex((s) => (byStep[s]?.length ?? 0) > 0);
    const stepper = this.stepper();
    if (first >= 0 && stepper) stepper.selectedIndex = first;
  }

  protected stepLabelKey(step: EditorStep): TranslationKey {
    return `applicant.step.${step}`;
  }

  protected stepHasError(step: EditorStep): boolean {
    this.revision();
    if ((this.stepErrors()[step]?.length ?? 0) > 0) return true;
    const form = this.form();
    if (!form) return false;
    const c = form.controls;
    const touchedInvalid = (
      ...controls: { invalid: boolean; touched: boolean }[]
    ) => controls.some((x) => x.invalid && x.touched);
    switch (step) {
      case 'summary':
        return touchedInvalid(c.title, c.summary, c.durationMonths);
      case 'logframe':
        return touchedInvalid(c.outcomes);
      case 'activities':
        return touchedInvalid(c.activities);
      case 'budget':
        return touchedInvalid(c.budgetLines, c.cofunding);
      case 'risks':
        return touchedInvalid(c.risks);
      case 'monitoring':
        return touchedInvalid(c.monitoringPlan);
      default:
        return false;
    }
  }

  protected stepErrorText(step: EditorStep): string {
    const n = this.stepErrors()[step]?.length ?? 0;
    return n > 0
      ? this.i18n.t('applicant.editor.stepErrors', { count: n })
      : this.i18n.t('applicant.editor.stepInvalid');
  }

  protected statusText(status: SaveStatus): string {
    const locale = this.i18n.locale();
    switch (status.kind) {
      case 'idle':
        return this.i18n.t('applicant.save.idle');
      case 'pending':
        return this.i18n.t('applicant.save.pending');
      case 'saving':
        return this.i18n.t('applicant.save.saving');
      case 'saved':
        return this.i18n.t('applicant.save.saved', {
          time: clockTime(status.at, locale),
        });
      case 'offline':
        return this.i18n.t('applicant.save.offline', {
          time: clockTime(status.retryAt, locale),
        });
      case 'invalid':
        return this.i18n.t('applicant.save.invalid');
      case 'rejected':
        return this.i18n.t('applicant.save.rejected');
      case 'conflict':
        return this.i18n.t('applicant.save.conflictShort');
      case 'locked':
        return this.i18n.t('applicant.save.locked');
    }
  }

  protected statusIcon(status: SaveStatus): IconName {
    return saveStatusIcon(status);
  }

  protected deadline(ctx: EditorContext): string {
    return deadlineInCallZone(
      ctx.call.closesAt,
      ctx.call.timeZone,
      this.i18n.locale(),
    );
  }

  protected deadlineLocal(ctx: EditorContext): string {
    return deadlineForUser(
      ctx.call.closesAt,
      this.i18n.locale(),
      this.userZone,
    );
  }

  protected clock(date: Date): string {
    return clockTime(date, this.i18n.locale());
  }

  protected requested(content: ApplicationContent): string {
    const call = this.context()?.call;
    return call
      ? formatMoney(
          budgetTotals(content).requestedMinor,
          call.currency,
          this.i18n.locale(),
        )
      : '';
  }

  protected backupTime(backup: DraftBackup): string {
    return clockTime(new Date(backup.savedAt), this.i18n.locale());
  }

  /** New budget lines start in the year the call opens (or this year, if later). */
  protected defaultYear(ctx: EditorContext): number {
    const opens = Number(
      instantToZonedLocal(new Date(ctx.call.opensAt), ctx.call.timeZone).slice(
        0,
        4,
      ),
    );
    return Math.max(opens, this.now().getFullYear());
  }

  protected allPassed(results: readonly RuleResult[]): boolean {
    return results.every((r) => r.passed);
  }

  /** After a conflict: the server's version replaces the form; this browser keeps the local edits to offer back. */
  protected reloadFromServer(): void {
    this.backupNow();
    this.load();
  }

  protected restoreStale(): void {
    const backup = this.staleBackup();
    const form = this.form();
    const ctx = this.context();
    if (!backup || !form || !ctx) return;
    this.muted = true;
    resetApplicationForm(form, backup.draft, ctx.call.currency);
    this.muted = false;
    this.staleBackup.set(null);
    this.restoredAt.set(
      clockTime(new Date(backup.savedAt), this.i18n.locale()),
    );
    this.changed();
  }

  protected discardStale(): void {
    const ctx = this.context();
    if (ctx) this.backups.clear(ctx.view.id);
    this.staleBackup.set(null);
  }

  protected submit(): void {
    const ctx = this.context();
    const autosave = this.autosave;
    if (!ctx || !autosave || !this.canSubmit()) return;
    const kind = this.isResubmission() ? 'resubmit' : 'submit';
    this.dialog
      .open<SubmitDialogComponent, SubmitDialogData, SubmitDialogResult>(
        SubmitDialogComponent,
        {
          width: '560px',
          maxWidth: '100vw',
          data: {
            title: this.form()?.controls.title.value ?? ctx.view.title,
            kind,
            flush: () => autosave.flush(),
            send: () =>
              kind === 'submit'
                ? this.api.submit(ctx.view.id, autosave.currentVersion)
                : this.api.resubmit(ctx.view.id, autosave.currentVersion),
          },
        },
      )
      .afterClosed()
      .subscribe((result) => {
        if (result?.error) {
          this.showFieldErrors(result.error, 'submit');
          return;
        }
        if (result?.receipt) {
          this.backups.clear(ctx.view.id);
          void this.router.navigate(['/my-applications', ctx.view.id]);
          return;
        }
        // Closed another way: if it was submitted meanwhile, the editor is no longer the place.
        this.api.get(ctx.view.id).subscribe((view) => {
          if (!view.editable || view.state !== ctx.view.state) {
            this.backups.clear(ctx.view.id);
            void this.router.navigate(['/my-applications', view.id]);
          }
        });
      });
  }
}
