import {
  ApplicationDecisionView,
  ApplicationSummaryView,
  ApplicationView,
  AssignmentView,
  DecisionPaths,
  FinancePaths,
  FundingDecisionView,
  GrantPaths,
  GrantStatementPage,
  GrantSummaryView,
  GrantView,
  IntakePaths,
  MonitoringPaths,
  OrganizationView,
  Page,
  PaymentView,
  RedFlagPaths,
  RefundPositionView,
  ReportingPaths,
  ReviewPaths,
  VerificationPaths,
} from '@mizan/contracts';
import { GrantReport } from '@mizan/server/reporting';
import { ApiHarness } from '../../testing/api-harness';
import { asOwner, closeEngagement, insertEngagement } from '../../testing/audit-fixtures';
import { setCallMoney, insertInReview } from '../decisions/decisions.fixtures';
import { GrantWorld, grantWorld, signedGrant } from '../grants/grants.fixtures';
import { createCall, createOrganization, createProgram, createUser } from '../intake/applications/applications.fixtures';
import { PaidGrant, grantWithPaidTranche, simpleFinanceSettings, submittedLine, submittedReport } from '../verification/verification.fixtures';

/*
 * An auditor's read-only access outside the audit workspace (issue 12): within the scope of an open
 * engagement they are named on, the auditor reads grants (with bank details, findings, payments),
 * applications, decisions, organizations, due-diligence documents, reviews, reports and lines, monitoring,
 * red flags, refunds and the grant's ledger; outside it (another program, another auditor, a closed
 * engagement) every one of those answers 404, and every write stays closed.
 * Program A holds grant A (tranche 1 paid, a submitted report with a line); program B holds grant B.
 */
describe('audit scope: an auditor reads everything in their engagement’s scope, nothing else', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  let a: PaidGrant;
  let grantB: GrantView;
  let report: GrantReport;
  let lineId: string;
  let entryId: string;
  let otherOrganizationId: string;
  let engagementId: string;
  let programA: string;
  let auditor2Id: string;
  const t = {} as Record<'officer' | 'applicant' | 'finance' | 'auditor' | 'auditor2', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('audit_scope', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    await simpleFinanceSettings(api, w.north.agency.id);
    const ds = api.dataSource;
    const auditor2 = await createUser(ds, w.north.agency.id, 'auditor2@north.test', 'auditor');
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.auditor = await api.signIn('auditor@north.test');
    t.auditor2 = await api.signIn(auditor2.email);
    auditor2Id = auditor2.id;
    a = await grantWithPaidTranche(api, w, t);
    report = await submittedReport(api, a.grant, w.applicantId);
    lineId = (await submittedLine(api, report, { amountMinor: 1_000_00n, currency: 'SEK', createdBy: w.applicantId })).id;
    programA = a.grant.programId;
    // Program B: another program and call of the same agency, with a grant of its own and an application of another organization.
    const programB = await createProgram(ds, w.north.agency.id, w.north.users.officer.id);
    const callB = await createCall(ds, { programId: programB, agencyId: w.north.agency.id, createdBy: w.north.users.officer.id, closesInSeconds: -3600, opensInSeconds: -30 * 86_400 });
    await setCallMoney(ds, callB, { envelopeMinor: '5000000000', thresholdMinor: '400000000' });
    grantB = await signedGrant(api, w, t, callB);
    otherOrganizationId = await createOrganization(ds, w.north.agency.id, 'Kirkuk Teachers Abroad', [w.applicantId]);
    await insertInReview(ds, { callId: callB, organizationId: otherOrganizationId, agencyId: w.north.agency.id, userId: w.applicantId, requestedMinor: '1000000', title: 'Schools in Kirkuk' });
    const [entry] = (await ds.query(`SELECT id FROM journal_entry WHERE grant_id = $1 ORDER BY seq LIMIT 1`, [a.grant.id])) as { id: string }[];
    entryId = entry.id;
    // The engagement (the engagements api is built elsewhere): program A, the north auditor on it.
    engagementId = (
      await insertEngagement(asOwner(api), { agencyId: w.north.agency.id, scope: { kind: 'program', id: programA }, auditorIds: [w.north.users.auditor.id], createdBy: w.north.users.officer.id, populationKind: null })
    ).id;
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
  });

  const get = (path: string, cookie: string) => api.request('GET', path, { cookie });
  const documents = (organizationId: string) => `${IntakePaths.organizations}/${organizationId}/documents`;
  const application = (id: string) => `${IntakePaths.applications}/${id}`;
  const organization = (id: string) => `${IntakePaths.organizations}/${id}`;

  /** Every read the auditor needs on one grant, with the ids hanging off it. */
  const readsOf = (g: { id: string; applicationId: string; decisionId: string; organizationId: string }, withReport: boolean): string[] => [
    GrantPaths.grant(g.id),
    `${GrantPaths.grant(g.id)}/versions`,
    application(g.applicationId),
    `${application(g.applicationId)}/attachments`,
    DecisionPaths.applicationDecision(g.applicationId),
    `${DecisionPaths.decisions}/${g.decisionId}`,
    ReviewPaths.applicationAssignments(g.applicationId),
    organization(g.organizationId),
    `${organization(g.organizationId)}/partners`,
    documents(g.organizationId),
    ReportingPaths.schedule(g.id),
    FinancePaths.grantStatement(g.id),
    MonitoringPaths.grant(g.id),
    RedFlagPaths.grantFlags(g.id),
    VerificationPaths.refunds(g.id),
    ...(withReport
      ? [
          ReportingPaths.report(report.id),
          ReportingPaths.lines(report.id),
          ReportingPaths.budgetVsActual(report.id),
          ReportingPaths.files(report.id),
          ReportingPaths.lineMessages(report.id, lineId),
          VerificationPaths.progress(report.id),
          FinancePaths.entry(entryId),
          FinancePaths.payment(a.paymentId),
        ]
      : []),
  ];

  it('the auditor reads grant A and everything hanging off it (200)', async () => {
    const failures: string[] = [];
    for (const path of readsOf(a.grant, true)) {
      const response = await get(path, t.auditor);
      if (response.statusCode !== 200) failures.push(`${path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it('shows the auditor what the officer sees (bank details, risk assessment, payments, the live decision) with no action', async () => {
    const grant = (await get(GrantPaths.grant(a.grant.id), t.auditor)).json<GrantView>();
    expect(grant.payeeIban).toBeTruthy();
    expect(grant.riskAssessment).not.toBeNull();
    expect(grant.payments.length).toBeGreaterThan(0);
    expect(grant.actions).toEqual([]);
    expect(grant.payments.every((p) => p.actions.length === 0)).toBe(true);
    const org = (await get(organization(a.grant.organizationId), t.auditor)).json<OrganizationView>();
    expect(org.iban).toBe('SE4550000000058398257466');
    const app = (await get(application(a.grant.applicationId), t.auditor)).json<ApplicationView>();
    expect(app.allowedActions).toEqual([]);
    expect(app.editable).toBe(false);
    const decision = (await get(DecisionPaths.applicationDecision(a.grant.applicationId), t.auditor)).json<ApplicationDecisionView>();
    expect(decision.live?.id).toBe(a.grant.decisionId);
    expect((await get(`${DecisionPaths.decisions}/${a.grant.decisionId}`, t.auditor)).json<FundingDecisionView>().id).toBe(a.grant.decisionId);
    expect(Array.isArray((await get(ReviewPaths.applicationAssignments(a.grant.applicationId), t.auditor)).json<AssignmentView[]>())).toBe(true);
    expect((await get(VerificationPaths.refunds(a.grant.id), t.auditor)).json<RefundPositionView>().can).toEqual({ repay: false, offset: false });
    const statement = (await get(FinancePaths.grantStatement(a.grant.id), t.auditor)).json<GrantStatementPage>();
    expect(statement.grantNumber).toBe(a.grant.grantNumber);
  });

  it('program B’s grant, its application, decision and another organization answer 404', async () => {
    const failures: string[] = [];
    const paths = [
      ...readsOf(grantB, false).filter((p) => !p.startsWith(organization(grantB.organizationId))),
      organization(otherOrganizationId),
      `${organization(otherOrganizationId)}/partners`,
      documents(otherOrganizationId),
    ];
    for (const path of paths) {
      const response = await get(path, t.auditor);
      if (response.statusCode !== 404) failures.push(`${path}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('the agency’s program-wide ledger, the desks’ lists and the agency’s overdue reports stay closed to the auditor', async () => {
    expect((await get(FinancePaths.trialBalance(programA), t.auditor)).statusCode).toBe(403);
    expect((await get(FinancePaths.cashForecast(programA), t.auditor)).statusCode).toBe(403);
    expect((await get(FinancePaths.bankFiles, t.auditor)).statusCode).toBe(403);
    expect((await get(ReportingPaths.overdue, t.auditor)).statusCode).toBe(403);
    expect((await get(MonitoringPaths.overview, t.auditor)).statusCode).toBe(403);
    expect((await get(RedFlagPaths.flags, t.auditor)).statusCode).toBe(403);
  });

  it('lists hold only the scope: grants, applications, organizations', async () => {
    const grants = (await get(GrantPaths.grants, t.auditor)).json<Page<GrantSummaryView>>();
    expect(grants.items.map((g) => g.id)).toEqual([a.grant.id]);
    const apps = (await get(IntakePaths.applications, t.auditor)).json<ApplicationSummaryView[]>();
    expect(apps.length).toBeGreaterThan(0);
    const inScope = (await api.dataSource.query(
      `SELECT a.id FROM application a JOIN grant_call c ON c.id = a.call_id WHERE c.program_id = $1 AND a.state <> 'draft'`,
      [programA],
    )) as { id: string }[];
    expect(apps.map((x) => x.id).sort()).toEqual(inScope.map((x) => x.id).sort());
    expect(apps.map((x) => x.id)).not.toContain(grantB.applicationId);
    const orgs = (await get(IntakePaths.organizations, t.auditor)).json<OrganizationView[]>();
    expect(orgs.map((o) => o.id)).toEqual([a.grant.organizationId]);
    const payments = (await get(`${FinancePaths.payments}?pageSize=200`, t.auditor)).json<Page<PaymentView>>();
    expect(payments.items.map((p) => p.id)).toEqual([a.paymentId]);
    expect(payments.items[0].actions).toEqual([]);
    // The agency's exchange rates are reference data: readable.
    expect((await get(FinancePaths.rates, t.auditor)).statusCode).toBe(200);
    // The officer still sees both.
    const officerGrants = (await get(GrantPaths.grants, t.officer)).json<Page<GrantSummaryView>>();
    expect(officerGrants.items.map((g) => g.id)).toEqual(expect.arrayContaining([a.grant.id, grantB.id]));
  });

  it('an auditor not on the engagement, or removed from it, reads nothing of program A (404) and lists nothing', async () => {
    // auditor2 was on it and was removed.
    await api.env.queryAs('owner', `INSERT INTO audit_engagement_auditor (engagement_id, user_id, added_by, removed_by, removed_at) VALUES ($1, $2, $3, $3, now())`, [
      engagementId,
      auditor2Id,
      w.north.users.officer.id,
    ]);
    const failures: string[] = [];
    for (const path of readsOf(a.grant, true)) {
      const response = await get(path, t.auditor2);
      if (response.statusCode !== 404) failures.push(`${path}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect((await get(GrantPaths.grants, t.auditor2)).json<Page<GrantSummaryView>>().items).toEqual([]);
    expect((await get(IntakePaths.applications, t.auditor2)).json<ApplicationSummaryView[]>()).toEqual([]);
    expect((await get(FinancePaths.payments, t.auditor2)).json<Page<PaymentView>>().items).toEqual([]);
  });

  it('another agency’s auditor put on the engagement reads nothing of it (404)', async () => {
    await api.env.queryAs('owner', `INSERT INTO audit_engagement_auditor (engagement_id, user_id, added_by) VALUES ($1, $2, $3)`, [
      engagementId,
      w.south.users.auditor.id,
      w.north.users.officer.id,
    ]);
    const south = await api.signIn('auditor@south.test');
    for (const path of [GrantPaths.grant(a.grant.id), application(a.grant.applicationId), organization(a.grant.organizationId), FinancePaths.grantStatement(a.grant.id)]) {
      expect(`${path}: ${(await get(path, south)).statusCode}`).toBe(`${path}: 404`);
    }
    expect((await get(GrantPaths.grants, south)).json<Page<GrantSummaryView>>().items).toEqual([]);
  });

  it('every write stays closed to the auditor in scope (403 or 404) and nothing changes', async () => {
    // Re-authenticated (so a 403 is not just REAUTH_REQUIRED); the re-authentication is itself on the trail, before the count.
    await api.reauth(t.auditor);
    const before = (await api.dataSource.query(`SELECT (SELECT count(*) FROM activity_record)::int AS trail, (SELECT count(*) FROM journal_entry)::int AS entries`)) as {
      trail: number;
      entries: number;
    }[];
    const writes: { method: 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown }[] = [
      { method: 'POST', path: DecisionPaths.applicationDecision(grantB.applicationId), body: { outcome: 'rejected', rejectionReasons: ['budget'], rationale: 'x' } },
      { method: 'POST', path: DecisionPaths.cancelDecision(a.grant.decisionId), body: { reason: 'auditor tries' } },
      { method: 'POST', path: VerificationPaths.verifyLine(report.id, lineId), body: { decision: 'accept', rowVersion: 1 } },
      { method: 'POST', path: VerificationPaths.acceptReport(report.id), body: { note: 'x', rowVersion: 1 } },
      { method: 'POST', path: ReportingPaths.lineMessages(report.id, lineId), body: { body: 'Why?' } },
      {
        method: 'POST',
        path: ReportingPaths.lines(report.id),
        body: { spentOn: new Date().toISOString().slice(0, 10), budgetLineId: 'b1', supplier: 'Auditor Ltd', description: 'x', amountMinor: '100', currency: 'SEK', paymentMethod: 'bank' },
      },
      { method: 'DELETE', path: ReportingPaths.line(report.id, lineId) },
      { method: 'POST', path: FinancePaths.approve(a.paymentId) },
      { method: 'POST', path: GrantPaths.trancheRelease(a.grant.id, a.grant.tranches[1].id), body: { note: 'x' } },
      { method: 'POST', path: `${GrantPaths.grant(a.grant.id)}/findings`, body: { priority: 'high', title: 'x', description: 'x' } },
      { method: 'POST', path: MonitoringPaths.grantVisits(a.grant.id), body: { kind: 'remote', visitedOn: '2026-01-01', summary: 'x' } },
      { method: 'PUT', path: `${organization(a.grant.organizationId)}/due-diligence`, body: { status: 'cleared', reason: 'x' } },
      { method: 'PUT', path: organization(a.grant.organizationId), body: { version: 1 } },
      { method: 'POST', path: `${application(a.grant.applicationId)}/screening`, body: { action: 'mark_eligible' } },
      { method: 'POST', path: ReviewPaths.applicationAssignments(a.grant.applicationId), body: { reviewerId: w.north.users.reviewer.id } },
      { method: 'POST', path: `${FinancePaths.entry(entryId)}/reverse`, body: { reason: 'x' } },
    ];
    const failures: string[] = [];
    for (const write of writes) {
      const response = await api.request(write.method, write.path, { cookie: t.auditor, body: write.body });
      if (![403, 404].includes(response.statusCode)) failures.push(`${write.method} ${write.path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    const after = (await api.dataSource.query(`SELECT (SELECT count(*) FROM activity_record)::int AS trail, (SELECT count(*) FROM journal_entry)::int AS entries`)) as typeof before;
    expect(after).toEqual(before);
  });

  it('a removed auditor and a closed engagement read nothing more (404)', async () => {
    await closeEngagement(asOwner(api), engagementId);
    const failures: string[] = [];
    for (const path of readsOf(a.grant, true)) {
      const response = await get(path, t.auditor);
      if (response.statusCode !== 404) failures.push(`${path}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect((await get(GrantPaths.grants, t.auditor)).json<Page<GrantSummaryView>>().items).toEqual([]);
    expect((await get(IntakePaths.organizations, t.auditor)).json<OrganizationView[]>()).toEqual([]);
    // The officer is not touched by any of it.
    expect((await get(GrantPaths.grant(a.grant.id), t.officer)).statusCode).toBe(200);
  });
});
