import { HttpTestingController } from '@angular/common/http/testing';
import { signal, type EnvironmentProviders, type Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialog, MatDialogRef } from '@angular/material/dialog';
import { permissionsOf, type AssuranceView, type AuditReportView, type EngagementSummaryView, type EngagementView, type ReconciliationView, type Role } from '@mizan/contracts';
import { of } from 'rxjs';
import { SessionService } from '../../core/auth/session.service';
import { differenceText, transitionTargets } from './audit-labels';
import { AuditAssurancePage } from './assurance/assurance.page';
import { AuditEngagementsPage } from './engagements/engagements.page';
import { AuditPlanPage, planRequest } from './plan/plan-engagement.page';
import { AuditReconciliationPage } from './reconciliation/audit-reconciliation.page';
import { AUDIT_REPORT_POLL_MS, AuditReportsPage } from './reports/audit-reports.page';
import { ReportDialogComponent, type ReportDialogData } from './reports/report-dialog.component';
import { EngagementStore } from './workspace/engagement-store';
import { AuditorDialogComponent, type AuditorDialogData } from './workspace/auditor-dialog.component';
import { AuditEngagementOverviewPage } from './workspace/engagement-overview.page';
import { AuditEngagementWorkspacePage } from './workspace/engagement-workspace.page';
import { TransitionDialogComponent, type TransitionDialogData } from './workspace/transition-dialog.component';
import { pageTestProviders } from '../../testing/page-providers';

const ENGAGEMENT_ID = '11111111-1111-4111-8111-111111111111';
const API = '/api/v1/audit';

function providersFor(roles: Role[], extra: Provider[] = []): (Provider | EnvironmentProviders)[] {
  return [
    ...pageTestProviders(),
    { provide: SessionService, useValue: { permissions: signal(permissionsOf(roles)), user: signal(null), signedIn: signal(true) } },
    { provide: AUDIT_REPORT_POLL_MS, useValue: 0 },
    ...extra,
  ];
}

const summary: EngagementSummaryView = {
  id: ENGAGEMENT_ID,
  reference: 'AUD-2026-0001',
  kind: 'spot_check',
  title: 'Spot check of the clinics',
  state: 'fieldwork',
  scope: { kind: 'program', id: 'p1', name: 'Health in Basra', grantIds: [] },
  periodFrom: '2026-01-01',
  periodTo: '2026-06-30',
  firmName: 'Rafidain Audit',
  leadAuditor: { id: 'a1', name: 'Rana Auditor' },
  createdAt: '2026-07-01T10:00:00Z',
};

const engagement: EngagementView = {
  ...summary,
  milestones: { fieldworkFrom: '2026-07-05', finalReportDue: '2026-09-30' },
  auditors: [{ user: { id: 'a1', name: 'Rana Auditor' }, lead: true, addedAt: '2026-07-01T10:00:00Z', removedAt: null }],
  populationKind: 'payments',
  currency: 'USD',
  sampling: null,
  populationFrozenAt: null,
  sampleDrawnAt: null,
  sampleFrozenAt: null,
  opinion: null,
  conclusion: null,
  counts: { populationCount: 40, populationValueMinor: '5000000', sampleCount: 10, sampleValueMinor: '1200000', tested: 4, exceptions: 1, findings: 2, findingsOpenHigh: 1 },
  history: [{ from: null, to: 'planned', reason: null, by: { id: 'o1', name: 'Omar Officer' }, at: '2026-07-01T10:00:00Z' }],
  createdBy: { id: 'o1', name: 'Omar Officer' },
  closedAt: null,
  rowVersion: 3,
  actions: ['report', 'final_report', 'transition:draft_report', 'transition:planned'],
};

function report(over: Partial<AuditReportView>): AuditReportView {
  return {
    id: 'r1',
    engagementId: ENGAGEMENT_ID,
    version: 1,
    final: false,
    state: 'done',
    progress: 10,
    total: 10,
    sha256: 'a'.repeat(64),
    snapshotSha256: 'b'.repeat(64),
    sizeBytes: '1000',
    trailHeadSeq: '120',
    trailHeadHash: 'c'.repeat(64),
    trailVerified: true,
    supersedesId: null,
    supersedeReason: null,
    supersededById: null,
    requestedBy: { id: 'a1', name: 'Rana Auditor' },
    requestedAt: '2026-08-01T10:00:00Z',
    finishedAt: '2026-08-01T10:01:00Z',
    error: null,
    ...over,
  };
}

const settle = async (fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) => {
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
};

/** A store holding the engagement, as the workspace gives its tabs. */
function storeWith(view: EngagementView): Provider {
  return {
    provide: EngagementStore,
    useFactory: () => {
      const store = new EngagementStore();
      store.set(view);
      return store;
    },
  };
}

describe('audit pages', () => {
  let active: HttpTestingController | null = null;
  beforeEach(() => (active = null));
  afterEach(() => active?.verify());
  /** The controller of this test's TestBed, checked after the test (no request left unanswered or unexpected). */
  const controller = (): HttpTestingController => (active ??= TestBed.inject(HttpTestingController));

  describe('the engagement list', () => {
    it('shows a planner every engagement with its state, offers "Plan an engagement" and filters by state', async () => {
      TestBed.configureTestingModule({ imports: [AuditEngagementsPage], providers: providersFor(['officer']) });
      const fixture = TestBed.createComponent(AuditEngagementsPage);
      const http = controller();
      fixture.detectChanges();
      const first = http.expectOne((r) => r.url === `${API}/engagements`);
      expect(first.request.params.has('state')).toBe(false);
      first.flush({ items: [summary], page: 1, pageSize: 100, total: 1 });
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-plan-link"]')).not.toBeNull();
      const row = root.querySelector('[data-testid="audit-engagement-row"]')?.textContent ?? '';
      expect(row).toContain('AUD-2026-0001');
      expect(row).toContain('Spot check of the clinics');
      expect(root.querySelector('[data-testid="audit-engagement-state"]')?.textContent).toContain('Fieldwork');
      expect(root.querySelector('[data-testid="audit-count"]')?.textContent).toContain('1 engagement');

      (fixture.componentInstance as unknown as { setState(s: string): void }).setState('closed');
      const filtered = http.expectOne((r) => r.url === `${API}/engagements`);
      expect(filtered.request.params.get('state')).toBe('closed');
      filtered.flush({ items: [], page: 1, pageSize: 100, total: 0 });
      await settle(fixture);
      const empty = root.querySelector('[data-testid="audit-empty"]');
      expect(empty?.textContent).toContain('No engagement in this state');
      expect(empty?.parentElement?.classList.contains('gone')).toBe(false);
    });

    it('shows an auditor their engagements without the planning actions, and an empty state when there are none', async () => {
      TestBed.configureTestingModule({ imports: [AuditEngagementsPage], providers: providersFor(['auditor']) });
      const fixture = TestBed.createComponent(AuditEngagementsPage);
      fixture.detectChanges();
      controller().expectOne((r) => r.url === `${API}/engagements`).flush([]);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-plan-link"]')).toBeNull();
      expect(root.querySelector('[data-testid="audit-assurance-link"]')).toBeNull();
      expect(root.querySelector('[data-testid="audit-empty"]')?.textContent).toContain('once an officer names you on it');
    });
  });

  describe('the plan form', () => {
    function setUpPlan() {
      TestBed.configureTestingModule({ imports: [AuditPlanPage], providers: providersFor(['officer']) });
      const fixture = TestBed.createComponent(AuditPlanPage);
      fixture.detectChanges();
      const http = controller();
      http.expectOne('/api/v1/programs').flush([{ id: 'p1', name: 'Health in Basra' }]);
      http.expectOne((r) => r.url === '/api/v1/organizations').flush([{ id: 'o1', legalName: 'Bro till Basra' }]);
      http.expectOne((r) => r.url === '/api/v1/grants').flush({ items: [{ id: 'g1', grantNumber: 'MZ-2026-0001', title: 'Clinics' }], page: 1, pageSize: 100, total: 1 });
      http.expectOne(`${API}/auditors`).flush([
        { id: 'a1', name: 'Rana Auditor' },
        { id: 'a2', name: 'Sami Auditor' },
      ]);
      const form = (fixture.componentInstance as unknown as { form: AuditPlanPage['form'] }).form;
      const submit = () => (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="audit-plan-submit"]')?.click();
      return { fixture, http, form, submit, root: fixture.nativeElement as HTMLElement };
    }

    it('sends nothing while fields are missing, and names each problem', async () => {
      const { fixture, form, submit, root } = setUpPlan();
      await settle(fixture);
      submit();
      await settle(fixture);
      expect(form.controls.title.hasError('required')).toBe(true);
      expect(form.controls.auditorIds.hasError('required')).toBe(true);
      expect(root.querySelector('[data-testid="audit-plan-scope-error"]')?.textContent).toContain('Choose what the engagement covers');
      expect(root.querySelector('[data-testid="audit-plan-error"]')?.textContent).toContain('Some fields need attention');
      expect(root.textContent).toContain('Choose at least one auditor.');

      form.patchValue({ periodFrom: '2026-06-30', periodTo: '2026-01-01' });
      await settle(fixture);
      expect(root.querySelector('[data-testid="audit-plan-period-error"]')?.textContent).toContain('The period ends before it starts');
      // HttpTestingController.verify (afterEach) proves no plan was sent.
    });

    it('plans chosen grants with the first auditor as lead, and shows the api’s field problem on its field', async () => {
      const { fixture, http, form, submit } = setUpPlan();
      form.patchValue({ kind: 'financial_audit', title: ' Audit 2026 ', scopeKind: 'grants' });
      form.patchValue({ grantIds: ['g1'], periodFrom: '2026-01-01', periodTo: '2026-06-30', firmName: 'Rafidain Audit', auditorIds: ['a2', 'a1'] });
      form.controls.milestones.patchValue({ finalReportDue: '2026-09-30' });
      await settle(fixture);
      submit();
      const sent = http.expectOne((r) => r.method === 'POST' && r.url === `${API}/engagements`);
      expect(sent.request.body).toEqual({
        kind: 'financial_audit',
        title: 'Audit 2026',
        scopeKind: 'grants',
        scopeId: null,
        grantIds: ['g1'],
        periodFrom: '2026-01-01',
        periodTo: '2026-06-30',
        firmName: 'Rafidain Audit',
        auditorIds: ['a2', 'a1'],
        leadAuditorId: 'a2',
        milestones: { finalReportDue: '2026-09-30' },
        populationKind: 'payments',
      });
      sent.flush(
        { code: 'VALIDATION_FAILED', message: 'Invalid', fields: [{ field: 'firmName', code: 'INVALID', message: 'The firm name is too vague' }] },
        { status: 400, statusText: 'Bad Request' },
      );
      await settle(fixture);
      expect(form.controls.firmName.getError('server')).toBe('The firm name is too vague');
      expect((fixture.nativeElement as HTMLElement).textContent).toContain('The firm name is too vague');
    });

    it('builds the request of a program scope without grant ids', () => {
      const request = planRequest({
        kind: 'spot_check',
        title: 'T',
        scopeKind: 'program',
        scopeId: 'p1',
        grantIds: ['ignored'],
        periodFrom: '2026-01-01',
        periodTo: '2026-02-01',
        firmName: 'F',
        auditorIds: ['a1'],
        leadAuditorId: 'gone',
        populationKind: 'expenditure_lines',
        milestones: { fieldworkFrom: '', fieldworkTo: '', draftReportDue: '', managementCommentsDue: '', finalReportDue: '' },
      });
      expect(request).toMatchObject({ scopeId: 'p1', leadAuditorId: 'a1', milestones: {}, populationKind: 'expenditure_lines' });
      expect('grantIds' in request).toBe(false);
    });
  });

  describe('the transition dialog', () => {
    function setUpDialog(to: TransitionDialogData['to'], confirm: boolean) {
      const closed: unknown[] = [];
      const opened: unknown[] = [];
      TestBed.configureTestingModule({
        imports: [TransitionDialogComponent],
        providers: providersFor(['auditor'], [
          { provide: MAT_DIALOG_DATA, useValue: { engagement, to } satisfies TransitionDialogData },
          { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
        ]),
      });
      TestBed.overrideProvider(MatDialog, { useValue: { open: (_c: unknown, config: { data: unknown }) => (opened.push(config.data), { afterClosed: () => of(confirm) }) } });
      const fixture = TestBed.createComponent(TransitionDialogComponent);
      fixture.detectChanges();
      const root = fixture.nativeElement as HTMLElement;
      const submit = () => root.querySelector<HTMLButtonElement>('[data-testid="audit-transition-submit"]')?.click();
      const reason = (text: string) => {
        const area = root.querySelector<HTMLTextAreaElement>('[data-testid="audit-transition-reason"]');
        if (!area) throw new Error('no reason field');
        area.value = text;
        area.dispatchEvent(new Event('input'));
      };
      return { fixture, root, submit, reason, closed, opened, http: controller() };
    }

    it('needs a reason, then sends the move with the row version and closes with the engagement', async () => {
      const { fixture, root, submit, reason, closed, opened, http } = setUpDialog('draft_report', true);
      expect(root.textContent).toContain('from Fieldwork to Draft report');
      submit();
      await settle(fixture);
      expect(root.textContent).toContain('reason');
      reason('Fieldwork done');
      submit();
      const sent = http.expectOne(`${API}/engagements/${ENGAGEMENT_ID}/transitions`);
      expect(sent.request.body).toEqual({ to: 'draft_report', reason: 'Fieldwork done', rowVersion: 3 });
      expect(opened).toEqual([]);
      sent.flush({ ...engagement, state: 'draft_report' });
      expect(closed).toEqual([expect.objectContaining({ state: 'draft_report' })]);
    });

    it('asks "are you sure?" before the final move and sends nothing when the user backs out', async () => {
      const { fixture, submit, reason, opened, closed } = setUpDialog('final', false);
      reason('Management agreed');
      submit();
      await settle(fixture);
      expect(opened).toEqual([expect.objectContaining({ titleKey: 'audit.transition.confirmTitle', detailKeys: ['audit.transition.confirmFinal'] })]);
      expect(closed).toEqual([]);
    });

    it('shows the api’s stale-engagement problem', async () => {
      const { fixture, root, submit, reason, http } = setUpDialog('closed', true);
      reason('Follow-up done');
      submit();
      http.expectOne(`${API}/engagements/${ENGAGEMENT_ID}/transitions`).flush({ code: 'STALE_ENGAGEMENT', message: 'Stale', params: { rowVersion: 4 } }, { status: 409, statusText: 'Conflict' });
      await settle(fixture);
      expect(root.querySelector('[data-testid="audit-transition-error"]')?.textContent?.trim()).not.toBe('');
    });

    it('reads the moves from the engagement’s actions', () => {
      expect(transitionTargets(engagement.actions)).toEqual(['draft_report', 'planned']);
    });
  });

  describe('the workspace', () => {
    it('heads the tabs with the engagement’s reference, state, scope, period, firm and auditors', async () => {
      TestBed.configureTestingModule({ imports: [AuditEngagementWorkspacePage], providers: providersFor(['auditor']) });
      const fixture = TestBed.createComponent(AuditEngagementWorkspacePage);
      fixture.componentRef.setInput('id', ENGAGEMENT_ID);
      fixture.detectChanges();
      await fixture.whenStable();
      controller().expectOne(`${API}/engagements/${ENGAGEMENT_ID}`).flush(engagement);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-workspace-heading"]')?.textContent).toContain('AUD-2026-0001 — Spot check of the clinics');
      expect(root.querySelector('[data-testid="audit-workspace-state"]')?.textContent).toContain('Fieldwork');
      const facts = root.querySelector('[data-testid="audit-workspace-facts"]')?.textContent ?? '';
      expect(facts).toContain('Health in Basra');
      expect(facts).toContain('Rafidain Audit');
      expect(root.querySelector('[data-testid="audit-workspace-auditors"]')?.textContent).toContain('Rana Auditor');
      const tabs = [...root.querySelectorAll('[data-testid^="audit-tab-"]')].map((t) => t.textContent?.trim());
      expect(tabs).toEqual(['Overview', 'Sample & tests', 'Findings', 'Reconciliation', 'Reports']);
    });

    it('the overview shows the counts, the milestones, the history and the moves the engagement allows', async () => {
      TestBed.configureTestingModule({ imports: [AuditEngagementOverviewPage], providers: providersFor(['auditor'], [storeWith(engagement)]) });
      const fixture = TestBed.createComponent(AuditEngagementOverviewPage);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-count-tested"]')?.textContent).toContain('4 of 10');
      expect(root.querySelector('[data-testid="audit-counts"]')?.textContent).toContain('1 high finding open');
      expect(root.querySelector('[data-testid="audit-history"]')?.textContent).toContain('Omar Officer');
      expect(root.querySelector('[data-testid="audit-milestones"]')?.textContent).toContain('Final report due');
      expect(root.querySelector('[data-testid="audit-transition-draft_report"]')?.textContent).toContain('Move to Draft report');
      expect(root.querySelector('[data-testid="audit-transition-planned"]')).not.toBeNull();
      expect(root.querySelector('[data-testid="audit-transition-final"]')).toBeNull();
      expect(root.querySelector('[data-testid="audit-auditor-add"]')).toBeNull();
      expect(root.querySelector('[data-testid="audit-edit"]')).toBeNull();
      // Opened with the engagement already in the store (back from another tab): it is read again, the counts moved meanwhile.
      controller().expectOne(`${API}/engagements/${ENGAGEMENT_ID}`).flush({ ...engagement, counts: { ...engagement.counts, tested: 5 } });
      await settle(fixture);
      expect(root.querySelector('[data-testid="audit-count-tested"]')?.textContent).toContain('5 of 10');
    });
  });

  describe('the auditors of an engagement', () => {
    it('a planner adds an auditor not yet on the engagement, as lead if asked', async () => {
      const closed: unknown[] = [];
      TestBed.configureTestingModule({
        imports: [AuditorDialogComponent],
        providers: providersFor(['officer'], [
          { provide: MAT_DIALOG_DATA, useValue: { engagement } satisfies AuditorDialogData },
          { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
        ]),
      });
      const fixture = TestBed.createComponent(AuditorDialogComponent);
      fixture.detectChanges();
      controller().expectOne(`${API}/auditors`).flush([
        { id: 'a1', name: 'Rana Auditor' },
        { id: 'a2', name: 'Sami Auditor' },
      ]);
      await settle(fixture);
      const component = fixture.componentInstance as unknown as { candidates(): { id: string }[]; form: AuditorDialogComponent['form'] };
      expect(component.candidates().map((c) => c.id)).toEqual(['a2']);
      const root = fixture.nativeElement as HTMLElement;
      root.querySelector<HTMLButtonElement>('[data-testid="audit-auditor-submit"]')?.click();
      await settle(fixture);
      expect(component.form.controls.userId.hasError('required')).toBe(true);
      component.form.setValue({ userId: 'a2', lead: true });
      root.querySelector<HTMLButtonElement>('[data-testid="audit-auditor-submit"]')?.click();
      const sent = controller().expectOne((r) => r.method === 'POST' && r.url === `${API}/engagements/${ENGAGEMENT_ID}/auditors`);
      expect(sent.request.body).toEqual({ userId: 'a2', lead: true });
      sent.flush(engagement.auditors);
      expect(closed).toEqual([true]);
    });

    it('the overview offers adding and taking off auditors only when the engagement allows it', async () => {
      TestBed.configureTestingModule({ imports: [AuditEngagementOverviewPage], providers: providersFor(['officer'], [storeWith({ ...engagement, actions: ['manage_auditors', 'edit'] })]) });
      const fixture = TestBed.createComponent(AuditEngagementOverviewPage);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-auditor-add"]')).not.toBeNull();
      expect(root.querySelector('[data-testid="audit-auditor-remove-a1"]')).not.toBeNull();
      expect(root.querySelector('[data-testid="audit-edit"]')).not.toBeNull();
      expect(root.querySelector('[data-testid="audit-transitions"]')).toBeNull();
    });
  });

  describe('the reports tab', () => {
    it('lists the versions, follows a build until it is done and then offers the download', async () => {
      TestBed.configureTestingModule({ imports: [AuditReportsPage], providers: providersFor(['auditor'], [storeWith(engagement)]) });
      const fixture = TestBed.createComponent(AuditReportsPage);
      const http = controller();
      fixture.detectChanges();
      await fixture.whenStable();
      const old = report({ id: 'r1', version: 1, final: true, supersededById: 'r2' });
      const building = report({ id: 'r2', version: 2, final: true, state: 'running', progress: 3, total: 10, sha256: null, trailHeadHash: null, trailVerified: null, supersedesId: 'r1', supersedeReason: 'Refund confirmed late' });
      http.expectOne(`${API}/engagements/${ENGAGEMENT_ID}/reports`).flush([old, building]);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      const items = [...root.querySelectorAll('[data-testid="audit-report"]')];
      expect(items.map((i) => i.getAttribute('data-version'))).toEqual(['2', '1']);
      expect(items[0].querySelector('[data-testid="audit-report-progress"]')?.textContent).toContain('30 %');
      expect(items[0].querySelector('mat-progress-bar')).not.toBeNull();
      expect(items[0].querySelector('[data-testid="audit-report-download"]')).toBeNull();
      expect(items[0].textContent).toContain('Refund confirmed late');
      expect(items[1].querySelector('[data-testid="audit-report-superseded"]')?.textContent).toContain('Superseded by version 2');
      expect(items[1].querySelector('[data-testid="audit-report-sha"]')?.textContent).toBe('a'.repeat(64));
      expect(items[1].querySelector('[data-testid="audit-report-trail"]')?.textContent).toBe('c'.repeat(64));
      expect(items[1].querySelector('[data-testid="audit-report-verified"]')?.textContent).toContain('Intact');

      // The poll asks for the running report until the worker is done.
      await new Promise((resolve) => setTimeout(resolve, 5));
      http.expectOne(`${API}/engagements/${ENGAGEMENT_ID}/reports/r2`).flush({ ...building, progress: 7 });
      await settle(fixture);
      expect(root.querySelector('[data-testid="audit-report"] [data-testid="audit-report-progress"]')?.textContent).toContain('70 %');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const done = report({ id: 'r2', version: 2, final: true, supersedesId: 'r1', supersedeReason: 'Refund confirmed late', sha256: 'd'.repeat(64) });
      http.expectOne(`${API}/engagements/${ENGAGEMENT_ID}/reports/r2`).flush(done);
      // A finished report reloads the engagement (its opinion) and the list.
      http.expectOne(`${API}/engagements/${ENGAGEMENT_ID}`).flush(engagement);
      http.expectOne(`${API}/engagements/${ENGAGEMENT_ID}/reports`).flush([old, done]);
      await settle(fixture);
      const link = root.querySelector<HTMLAnchorElement>('[data-testid="audit-report"] [data-testid="audit-report-download"]');
      expect(link?.getAttribute('href')).toBe(`${API}/engagements/${ENGAGEMENT_ID}/reports/r2/file`);
      expect(root.textContent).toContain('The report is ready to download.');
    });

    it('says why a build failed', async () => {
      TestBed.configureTestingModule({ imports: [AuditReportsPage], providers: providersFor(['auditor'], [storeWith(engagement)]) });
      const fixture = TestBed.createComponent(AuditReportsPage);
      fixture.detectChanges();
      await fixture.whenStable();
      controller().expectOne(`${API}/engagements/${ENGAGEMENT_ID}/reports`).flush([report({ state: 'failed', error: 'pdf_write_failed', sha256: null })]);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-report-progress"]')?.textContent).toContain('The report could not be built (pdf_write_failed)');
      expect(root.querySelector('[data-testid="audit-report-download"]')).toBeNull();
    });

    it('shows the empty state and the build buttons the engagement allows', async () => {
      TestBed.configureTestingModule({ imports: [AuditReportsPage], providers: providersFor(['auditor'], [storeWith({ ...engagement, actions: ['report'] })]) });
      const fixture = TestBed.createComponent(AuditReportsPage);
      fixture.detectChanges();
      await fixture.whenStable();
      controller().expectOne(`${API}/engagements/${ENGAGEMENT_ID}/reports`).flush([]);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-reports-empty"]')).not.toBeNull();
      expect(root.querySelector('[data-testid="audit-report-draft"]')).not.toBeNull();
      expect(root.querySelector('[data-testid="audit-report-final"]')).toBeNull();
    });

    it('the build dialog needs an opinion for a final audit report and a supersede reason when a final exists', async () => {
      const closed: unknown[] = [];
      const data: ReportDialogData = { engagement: { ...engagement, kind: 'financial_audit' }, final: true, finalExists: true };
      TestBed.configureTestingModule({
        imports: [ReportDialogComponent],
        providers: providersFor(['auditor'], [
          { provide: MAT_DIALOG_DATA, useValue: data },
          { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
        ]),
      });
      const fixture = TestBed.createComponent(ReportDialogComponent);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      const form = (fixture.componentInstance as unknown as { form: ReportDialogComponent['form'] }).form;
      root.querySelector<HTMLButtonElement>('[data-testid="audit-report-submit"]')?.click();
      await settle(fixture);
      expect(form.controls.opinion.hasError('required')).toBe(true);
      expect(form.controls.supersedeReason.hasError('required')).toBe(true);
      form.patchValue({ opinion: 'qualified', supersedeReason: ' Refund confirmed late ' });
      root.querySelector<HTMLButtonElement>('[data-testid="audit-report-submit"]')?.click();
      const sent = controller().expectOne((r) => r.method === 'POST' && r.url === `${API}/engagements/${ENGAGEMENT_ID}/reports`);
      expect(sent.request.body).toEqual({ final: true, opinion: 'qualified', conclusion: null, supersedeReason: 'Refund confirmed late' });
      const queued = report({ state: 'queued', version: 3 });
      sent.flush(queued);
      expect(closed).toEqual([queued]);
    });

    it('a spot check asks for a conclusion instead of an opinion', async () => {
      const data: ReportDialogData = { engagement, final: false, finalExists: false };
      TestBed.configureTestingModule({
        imports: [ReportDialogComponent],
        providers: providersFor(['auditor'], [
          { provide: MAT_DIALOG_DATA, useValue: data },
          { provide: MatDialogRef, useValue: { close: () => undefined } },
        ]),
      });
      const fixture = TestBed.createComponent(ReportDialogComponent);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelector('[data-testid="audit-report-conclusion"]')).not.toBeNull();
      expect(root.querySelector('[data-testid="audit-report-opinion"]')).toBeNull();
      expect(root.querySelector('[data-testid="audit-report-supersede"]')).toBeNull();
    });
  });

  describe('the reconciliation tab', () => {
    async function setUpRecon(view: ReconciliationView) {
      TestBed.configureTestingModule({ imports: [AuditReconciliationPage], providers: providersFor(['auditor'], [storeWith(engagement)]) });
      const fixture = TestBed.createComponent(AuditReconciliationPage);
      fixture.detectChanges();
      await fixture.whenStable();
      controller().expectOne(`${API}/engagements/${ENGAGEMENT_ID}/reconciliation`).flush(view);
      await settle(fixture);
      return fixture.nativeElement as HTMLElement;
    }

    it('says "Everything reconciles" when nothing is off', async () => {
      const line = { check: 'payments_ledger_vs_bank', grantId: 'g1', grantNumber: 'MZ-2026-0001', currency: 'USD', leftMinor: '100000', rightMinor: '100000', differenceMinor: '0' } as const;
      const root = await setUpRecon({ engagementId: ENGAGEMENT_ID, asOf: '2026-08-01T10:00:00Z', lines: [line], differences: [], balanced: true });
      expect(root.querySelector('[data-testid="audit-recon-balanced"]')?.textContent).toContain('Everything reconciles');
      expect(root.querySelectorAll('[data-testid="audit-recon-line"]').length).toBe(1);
    });

    it('lists every difference, a code the web does not know yet with its raw params', async () => {
      const root = await setUpRecon({
        engagementId: ENGAGEMENT_ID,
        asOf: '2026-08-01T10:00:00Z',
        lines: [{ check: 'payments_ledger_vs_bank', grantId: 'g1', grantNumber: 'MZ-2026-0001', currency: 'USD', leftMinor: '150000', rightMinor: '100000', differenceMinor: '50000' }],
        differences: [{ check: 'payments_ledger_vs_bank', grantId: 'g1', grantNumber: 'MZ-2026-0001', code: 'planted_new_code', params: { paymentId: 'p9' }, entityType: 'payment', entityId: 'p9', amountMinor: '50000', currency: 'USD' }],
        balanced: false,
      });
      expect(root.querySelector('[data-testid="audit-recon-balanced"]')).toBeNull();
      expect(root.querySelector('[data-testid="audit-recon-count"]')?.textContent).toContain('1 difference');
      expect(root.querySelector('[data-testid="audit-recon-difference-text"]')?.textContent).toContain('planted_new_code (paymentId: p9)');
      expect(root.querySelector('[data-testid="audit-recon-line"]')?.classList.contains('off')).toBe(true);
      expect(differenceText({ code: 'x', params: {} }).params).toEqual({ code: 'x', details: '—' });
    });
  });

  describe('the assurance page', () => {
    it('marks the grants short of assurance, filters to them and draws a bar per kind', async () => {
      const view: AssuranceView = {
        rows: [
          { grantId: 'g1', grantNumber: 'MZ-2026-0001', title: 'Clinics', organizationName: 'Bro', riskRating: 'high', had: { visit: 1, spot_check: 0, audit: 0 }, required: { visit: 2, spot_check: 1, audit: 0 }, short: ['visit', 'spot_check'], lastAssuranceOn: '2026-03-01' },
          { grantId: 'g2', grantNumber: 'MZ-2026-0002', title: 'Schools', organizationName: 'Nour', riskRating: 'low', had: { visit: 1, spot_check: 0, audit: 0 }, required: { visit: 1, spot_check: 0, audit: 0 }, short: [], lastAssuranceOn: null },
        ],
        total: 2,
        shortCount: 1,
      };
      TestBed.configureTestingModule({ imports: [AuditAssurancePage], providers: providersFor(['officer']) });
      const fixture = TestBed.createComponent(AuditAssurancePage);
      fixture.detectChanges();
      controller().expectOne(`${API}/assurance`).flush(view);
      await settle(fixture);
      const root = fixture.nativeElement as HTMLElement;
      expect(root.querySelectorAll('[data-testid="audit-assurance-row"]').length).toBe(2);
      expect(root.querySelector('[data-testid="audit-assurance-row"].row-short [data-testid="audit-assurance-visit"]')?.textContent).toContain('1 of 2, short');
      const bars = [...root.querySelectorAll('[data-testid="audit-assurance-bar-text"]')].map((b) => b.textContent?.trim());
      expect(bars[0]).toBe('2 of 3 · 1 grants short');
      (fixture.componentInstance as unknown as { onlyShort: { set(v: boolean): void } }).onlyShort.set(true);
      await settle(fixture);
      expect(root.querySelectorAll('[data-testid="audit-assurance-row"]').length).toBe(1);
      expect(root.querySelector('[data-testid="audit-assurance-count"]')?.textContent).toContain('1 grant shown');
    });
  });
});
