import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import {
  ENGAGEMENT_KINDS,
  ENGAGEMENT_SCOPES,
  POPULATION_KINDS,
  type CallView,
  type EngagementKind,
  type EngagementMilestones,
  type EngagementScopeKind,
  type EngagementView,
  type GrantSummaryView,
  type OrganizationView,
  type PlanEngagementRequest,
  type PopulationKind,
  type ProgramView,
} from '@mizan/contracts';
import { catchError, of, startWith } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorDirective } from '../../../core/ui/field-error.directive';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';
import { FormSubmission } from '../../../core/ui/form-submission';
import { Notifier } from '../../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { GrantsApiService } from '../../grants/grants-api.service';
import { OrganizationsApiService } from '../../officer/organizations/organizations-api.service';
import { ProgramsApiService } from '../../officer/programs/programs-api.service';
import { notBlank } from '../../officer/shared/validators';
import { AuditApiService, type AuditorCandidate } from '../audit-api.service';
import { periodOrder } from '../audit-forms';
import { kindKey, scopeKindKey } from '../audit-labels';

const MILESTONES = ['fieldworkFrom', 'fieldworkTo', 'draftReportDue', 'managementCommentsDue', 'finalReportDue'] as const;
type Milestone = (typeof MILESTONES)[number];

/** The scope names what it covers: a program, call or organization, or at least one chosen grant. */
export function scopeChosen(group: AbstractControl): ValidationErrors | null {
  const kind = group.get('scopeKind')?.value as EngagementScopeKind;
  if (kind === 'grants') return (group.get('grantIds')?.value as string[]).length > 0 ? null : { grantsMissing: true };
  return group.get('scopeId')?.value ? null : { scopeMissing: true };
}

/** The plan request from the form's values: only the scope's own field, milestones left out when blank. */
export function planRequest(value: {
  kind: EngagementKind;
  title: string;
  scopeKind: EngagementScopeKind;
  scopeId: string;
  grantIds: string[];
  periodFrom: string;
  periodTo: string;
  firmName: string;
  auditorIds: string[];
  leadAuditorId: string;
  populationKind: PopulationKind;
  milestones: Record<Milestone, string>;
}): PlanEngagementRequest {
  const milestones: EngagementMilestones = {};
  for (const m of MILESTONES) if (value.milestones[m]) milestones[m] = value.milestones[m];
  const grants = value.scopeKind === 'grants';
  return {
    kind: value.kind,
    title: value.title.trim(),
    scopeKind: value.scopeKind,
    scopeId: grants ? null : value.scopeId,
    ...(grants ? { grantIds: value.grantIds } : {}),
    periodFrom: value.periodFrom,
    periodTo: value.periodTo,
    firmName: value.firmName.trim(),
    auditorIds: value.auditorIds,
    leadAuditorId: value.auditorIds.includes(value.leadAuditorId) ? value.leadAuditorId : (value.auditorIds[0] ?? null),
    milestones,
    populationKind: value.populationKind,
  };
}

/** `/audit/plan` (audit.plan): an engagement's kind, scope, period, firm and auditors, milestones and population. */
@Component({
  selector: 'mz-audit-plan-page',
  imports: [
    FieldErrorDirective,
    FormProblemComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    PageHeaderComponent,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../audit.scss', './plan-engagement.page.scss'],
  template: `
    <a routerLink=".." class="back-link"><mat-icon svgIcon="arrow_back" class="mz-mirror-rtl" /> {{ 'audit.plan.back' | t }}</a>
    <mz-page-header [title]="'audit.plan.title' | t" [intro]="'audit.plan.intro' | t" headingTestId="audit-plan-heading" />

    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="audit-plan-form">
      <fieldset class="group">
        <legend class="mz-section-title">{{ 'audit.plan.what' | t }}</legend>
        <div class="grid">
          <mat-form-field>
            <mat-label>{{ 'audit.plan.kind' | t }}</mat-label>
            <mat-select formControlName="kind" data-testid="audit-plan-kind" required>
              @for (k of kinds; track k) {
                <mat-option [value]="k">{{ kindKey(k) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>{{ 'audit.plan.titleField' | t }}</mat-label>
            <input matInput formControlName="title" data-testid="audit-plan-title" required maxlength="200" />
            <mat-error [mzFieldError]="form.controls.title" [messages]="{ required: 'audit.plan.required' }" />
          </mat-form-field>
        </div>
      </fieldset>

      <fieldset class="group">
        <legend class="mz-section-title">{{ 'audit.plan.scope' | t }}</legend>
        <mat-radio-group formControlName="scopeKind" class="radios" [attr.aria-label]="'audit.plan.scopeKind' | t" data-testid="audit-plan-scope-kind">
          @for (s of scopes; track s) {
            <mat-radio-button [value]="s" [attr.data-testid]="'audit-plan-scope-' + s">{{ scopeKindKey(s) | t }}</mat-radio-button>
          }
        </mat-radio-group>
        <div class="grid">
          @switch (scopeKind()) {
            @case ('program') {
              <mat-form-field class="wide">
                <mat-label>{{ 'audit.plan.program' | t }}</mat-label>
                <mat-select formControlName="scopeId" data-testid="audit-plan-scope-id">
                  @for (p of programs(); track p.id) {
                    <mat-option [value]="p.id"><bdi>{{ p.name }}</bdi></mat-option>
                  }
                </mat-select>
                <mat-error [mzFieldError]="form.controls.scopeId" />
              </mat-form-field>
            }
            @case ('call') {
              <mat-form-field>
                <mat-label>{{ 'audit.plan.program' | t }}</mat-label>
                <mat-select formControlName="callProgramId" data-testid="audit-plan-call-program">
                  @for (p of programs(); track p.id) {
                    <mat-option [value]="p.id"><bdi>{{ p.name }}</bdi></mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>{{ 'audit.plan.call' | t }}</mat-label>
                <mat-select formControlName="scopeId" data-testid="audit-plan-scope-id">
                  @for (c of calls(); track c.id) {
                    <mat-option [value]="c.id"><bdi>{{ c.title }}</bdi></mat-option>
                  }
                </mat-select>
                <mat-hint>{{ 'audit.plan.callHint' | t }}</mat-hint>
                <mat-error [mzFieldError]="form.controls.scopeId" />
              </mat-form-field>
            }
            @case ('organization') {
              <mat-form-field class="wide">
                <mat-label>{{ 'audit.plan.organization' | t }}</mat-label>
                <mat-select formControlName="scopeId" data-testid="audit-plan-scope-id">
                  @for (o of organizations(); track o.id) {
                    <mat-option [value]="o.id"><bdi>{{ o.legalName }}</bdi></mat-option>
                  }
                </mat-select>
                <mat-error [mzFieldError]="form.controls.scopeId" />
              </mat-form-field>
            }
            @case ('grants') {
              <mat-form-field class="wide">
                <mat-label>{{ 'audit.plan.grants' | t }}</mat-label>
                <mat-select formControlName="grantIds" multiple data-testid="audit-plan-grants">
                  @for (g of grants(); track g.id) {
                    <mat-option [value]="g.id"><bdi>{{ g.grantNumber }}</bdi> — <bdi>{{ g.title }}</bdi></mat-option>
                  }
                </mat-select>
                <mat-error [mzFieldError]="form.controls.grantIds" />
              </mat-form-field>
            }
          }
        </div>
        @if (form.touched && form.hasError('scopeMissing')) {
          <p class="field-problem" role="alert" data-testid="audit-plan-scope-error">{{ 'audit.plan.scopeMissing' | t }}</p>
        }
        @if (form.touched && form.hasError('grantsMissing')) {
          <p class="field-problem" role="alert" data-testid="audit-plan-scope-error">{{ 'audit.plan.grantsMissing' | t }}</p>
        }
        <div class="grid">
          <mat-form-field>
            <mat-label>{{ 'audit.plan.periodFrom' | t }}</mat-label>
            <input matInput type="date" formControlName="periodFrom" data-testid="audit-plan-period-from" required />
            <mat-error [mzFieldError]="form.controls.periodFrom" [messages]="{ required: 'audit.plan.required' }" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'audit.plan.periodTo' | t }}</mat-label>
            <input matInput type="date" formControlName="periodTo" data-testid="audit-plan-period-to" required />
            <mat-error [mzFieldError]="form.controls.periodTo" [messages]="{ required: 'audit.plan.required' }" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'audit.plan.population' | t }}</mat-label>
            <mat-select formControlName="populationKind" data-testid="audit-plan-population">
              @for (p of populations; track p) {
                <mat-option [value]="p">{{ populationKey(p) | t }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'audit.plan.populationHint' | t }}</mat-hint>
          </mat-form-field>
        </div>
        @if (form.hasError('periodOrder')) {
          <p class="field-problem" role="alert" data-testid="audit-plan-period-error">{{ 'audit.plan.periodOrder' | t }}</p>
        }
      </fieldset>

      <fieldset class="group">
        <legend class="mz-section-title">{{ 'audit.plan.who' | t }}</legend>
        <div class="grid">
          <mat-form-field class="wide">
            <mat-label>{{ 'audit.plan.firm' | t }}</mat-label>
            <input matInput formControlName="firmName" data-testid="audit-plan-firm" required maxlength="200" />
            <mat-error [mzFieldError]="form.controls.firmName" [messages]="{ required: 'audit.plan.required' }" />
          </mat-form-field>
          <mat-form-field class="wide">
            <mat-label>{{ 'audit.plan.auditors' | t }}</mat-label>
            <mat-select formControlName="auditorIds" multiple data-testid="audit-plan-auditors" required>
              @for (a of candidates(); track a.id) {
                <mat-option [value]="a.id"><bdi>{{ a.name }}</bdi></mat-option>
              }
            </mat-select>
            @if (candidates().length === 0) {
              <mat-hint data-testid="audit-plan-no-auditors">{{ 'audit.plan.noAuditors' | t }}</mat-hint>
            }
            <mat-error [mzFieldError]="form.controls.auditorIds" [messages]="{ required: 'audit.plan.auditorsRequired' }" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'audit.plan.lead' | t }}</mat-label>
            <mat-select formControlName="leadAuditorId" data-testid="audit-plan-lead">
              @for (a of chosenAuditors(); track a.id) {
                <mat-option [value]="a.id"><bdi>{{ a.name }}</bdi></mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'audit.plan.leadHint' | t }}</mat-hint>
          </mat-form-field>
        </div>
      </fieldset>

      <fieldset class="group" formGroupName="milestones">
        <legend class="mz-section-title">{{ 'audit.plan.milestones' | t }}</legend>
        <p class="muted">{{ 'audit.plan.milestonesHint' | t }}</p>
        <div class="grid">
          @for (m of milestones; track m) {
            <mat-form-field>
              <mat-label>{{ milestoneKey(m) | t }}</mat-label>
              <input matInput type="date" [formControlName]="m" [attr.data-testid]="'audit-plan-' + m" />
              <mat-error [mzFieldError]="form.controls.milestones.controls[m]" />
            </mat-form-field>
          }
        </div>
      </fieldset>

      <mz-form-problem [problem]="submission.problem()" testId="audit-plan-error" />
      <div class="actions">
        <a mat-button routerLink="..">{{ 'common.cancel' | t }}</a>
        <button mat-flat-button type="submit" data-testid="audit-plan-submit" [disabled]="submission.busy()">{{ 'audit.plan.submit' | t }}</button>
      </div>
    </form>
  `,
})
export class AuditPlanPage {
  private readonly api = inject(AuditApiService);
  private readonly programsApi = inject(ProgramsApiService);
  private readonly organizationsApi = inject(OrganizationsApiService);
  private readonly grantsApi = inject(GrantsApiService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly kinds = ENGAGEMENT_KINDS;
  protected readonly scopes = ENGAGEMENT_SCOPES;
  protected readonly populations = POPULATION_KINDS;
  protected readonly milestones = MILESTONES;
  protected readonly kindKey = kindKey;
  protected readonly scopeKindKey = scopeKindKey;
  protected readonly submission = new FormSubmission<EngagementView>();

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group(
    {
      kind: this.fb.control<EngagementKind>('spot_check', Validators.required),
      title: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
      scopeKind: this.fb.control<EngagementScopeKind>('program'),
      scopeId: [''],
      callProgramId: [''],
      grantIds: this.fb.control<string[]>([]),
      periodFrom: ['', Validators.required],
      periodTo: ['', Validators.required],
      firmName: ['', [Validators.required, notBlank, Validators.maxLength(200)]],
      auditorIds: this.fb.control<string[]>([], Validators.required),
      leadAuditorId: [''],
      populationKind: this.fb.control<PopulationKind>('payments'),
      milestones: this.fb.group({
        fieldworkFrom: [''],
        fieldworkTo: [''],
        draftReportDue: [''],
        managementCommentsDue: [''],
        finalReportDue: [''],
      }),
    },
    { validators: [periodOrder, scopeChosen] },
  );

  protected readonly scopeKind = toSignal(this.form.controls.scopeKind.valueChanges.pipe(startWith(this.form.controls.scopeKind.value)), { requireSync: true });
  private readonly auditorIds = toSignal(this.form.controls.auditorIds.valueChanges.pipe(startWith(this.form.controls.auditorIds.value)), { requireSync: true });

  protected readonly programs = signal<ProgramView[]>([]);
  protected readonly calls = signal<CallView[]>([]);
  protected readonly organizations = signal<OrganizationView[]>([]);
  protected readonly grants = signal<GrantSummaryView[]>([]);
  protected readonly candidates = signal<AuditorCandidate[]>([]);
  protected readonly chosenAuditors = computed(() => {
    const ids = new Set(this.auditorIds());
    return this.candidates().filter((c) => ids.has(c.id));
  });

  constructor() {
    // The lists the scope picks from; one that fails leaves its select empty (the api names the field on submit).
    this.programsApi.listPrograms().pipe(catchError(() => of([]))).subscribe((list) => this.programs.set(list));
    this.organizationsApi.list().pipe(catchError(() => of([]))).subscribe((list) => this.organizations.set(list));
    this.grantsApi.list().pipe(catchError(() => of([]))).subscribe((list) => this.grants.set(list));
    this.api.auditorCandidates().pipe(catchError(() => of([]))).subscribe((list) => this.candidates.set(list));

    this.form.controls.scopeKind.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => {
      this.form.controls.scopeId.setValue('');
      this.form.controls.callProgramId.setValue('');
      this.form.controls.grantIds.setValue([]);
    });
    this.form.controls.callProgramId.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((programId) => {
      this.form.controls.scopeId.setValue('');
      this.calls.set([]);
      if (programId) this.programsApi.listCalls(programId).pipe(catchError(() => of([]))).subscribe((list) => this.calls.set(list));
    });
    this.form.controls.auditorIds.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((ids) => {
      const lead = this.form.controls.leadAuditorId;
      if (!ids.includes(lead.value)) lead.setValue(ids[0] ?? '');
    });
  }

  protected populationKey(kind: PopulationKind) {
    return `audit.plan.populationKind.${kind}` as const;
  }

  protected milestoneKey(m: Milestone) {
    return `audit.plan.milestone.${m}` as const;
  }

  protected submit(): void {
    this.submission.run(
      this.form,
      () => this.api.plan(planRequest(this.form.getRawValue())),
      (engagement) => {
        this.notifier.notify(this.i18n.t('audit.plan.done', { reference: engagement.reference }));
        void this.router.navigate(['/audit', engagement.id]);
      },
    );
  }
}
