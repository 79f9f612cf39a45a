import { randomUUID } from 'node:crypto';
import { addDaysIso } from '@mizan/domain';
import {
  ApiErrorBody,
  AssuranceView,
  AuditPaths,
  AuditorCandidateView,
  DecisionPaths,
  EngagementSummaryView,
  EngagementView,
  ErrorCode,
  NotificationListView,
  Page,
  PlanEngagementRequest,
  ScopeGrantView,
} from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { createUser } from '../intake/applications/applications.fixtures';
import { GrantWorld, Tokens, activeGrant, grantWorld } from '../grants/grants.fixtures';

/*
 * Audit engagements on the real database: planning with bad input (nothing saved), the
 * reference under a burst, who reaches an engagement, the transitions with the facts each
 * needs (a drawn sample, a final report, every action checked), the auditors' access ending
 * at close, the trail written with each change, and assurance per grant.
 */

const today = new Date().toISOString().slice(0, 10);
const year = new Date().getUTCFullYear();

describe('audit engagements: planning, auditors, transitions, assurance', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Tokens & Record<'auditor' | 'auditor2' | 'finance' | 'southOfficer' | 'southAuditor', string>;
  let programId: string;
  let southProgramId: string;
  let g1: string;
  let g2: string;
  let auditorId: string;
  let auditor2Id: string;
  let engagement: EngagementView;
  let burstIds: string[] = [];
  let financialAuditId: string;

  const call = (method: 'GET' | 'POST' | 'PATCH', path: string, cookie: string, body?: unknown) => api.request(method, path, { cookie, body });
  const error = (response: { json<T>(): T }) => response.json<ApiErrorBody>();
  const fieldNames = (response: { json<T>(): T }) => (error(response).fields ?? []).map((f) => f.field);
  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [row] = await api.env.queryAs<{ n: number }>('owner', `SELECT (${sql})::int AS n`, params);
    return row.n;
  };
  const trailOf = (entityId: string, action: string) => count(`SELECT count(*) FROM activity_record WHERE entity_id = $1 AND action = $2`, [entityId, action]);
  const planBody = (over: Partial<PlanEngagementRequest> = {}): PlanEngagementRequest => ({
    kind: 'spot_check',
    title: 'Spot check of the Basra clinics',
    scopeKind: 'program',
    scopeId: programId,
    periodFrom: addDaysIso(today, -300),
    periodTo: today,
    firmName: 'Grant Thornton Baghdad',
    auditorIds: [auditorId],
    milestones: { fieldworkFrom: addDaysIso(today, 10), fieldworkTo: addDaysIso(today, 20), finalReportDue: addDaysIso(today, 60) },
    populationKind: 'payments',
    ...over,
  });
  const move = (id: string, cookie: string, to: string, rowVersion: number, reason = `Moving to ${to}`) => call('POST', AuditPaths.transition(id), cookie, { to, reason, rowVersion });
  const read = async (id: string): Promise<EngagementView> => (await call('GET', AuditPaths.engagement(id), t.officer)).json<EngagementView>();

  beforeAll(async () => {
    api = await ApiHarness.start('audit-engagements', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    const second = await createUser(api.dataSource, w.north.agency.id, 'auditor2@north.test', 'auditor');
    auditor2Id = second.id;
    auditorId = w.north.users.auditor.id;
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.auditor = await api.signIn('auditor@north.test');
    t.auditor2 = await api.signIn('auditor2@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    t.southAuditor = await api.signIn('auditor@south.test');
    [{ program_id: programId }] = await api.env.queryAs<{ program_id: string }>('owner', 'SELECT program_id FROM grant_call WHERE id = $1', [w.callId]);
    [{ program_id: southProgramId }] = await api.env.queryAs<{ program_id: string }>('owner', 'SELECT program_id FROM grant_call WHERE id = $1', [w.southCallId]);
    g1 = (await activeGrant(api, w, t)).id;
    g2 = (await activeGrant(api, w, t)).id;
  }, 180_000);
  afterAll(async () => {
    await api?.stop();
  });

  describe('planning', () => {
    it('plans a spot check on the program: reference, scope, lead auditor, actions, trail and the auditor told', async () => {
      const response = await call('POST', AuditPaths.engagements, t.officer, planBody());
      expect(response.statusCode).toBe(201);
      engagement = response.json<EngagementView>();
      expect(engagement.reference).toBe(`AUD-${year}-001`);
      expect(engagement).toMatchObject({ state: 'planned', kind: 'spot_check', firmName: 'Grant Thornton Baghdad', populationKind: 'payments', rowVersion: 1 });
      expect(engagement.scope).toMatchObject({ kind: 'program', id: programId, grantIds: [] });
      expect(engagement.scope.name.length).toBeGreaterThan(0);
      expect(engagement.leadAuditor?.id).toBe(auditorId);
      expect(engagement.auditors).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: auditorId }), lead: true, removedAt: null })]);
      expect(engagement.actions).toEqual(['edit', 'manage_auditors', 'transition:fieldwork']);
      expect(engagement.counts).toEqual({ populationCount: 0, populationValueMinor: '0', sampleCount: 0, sampleValueMinor: '0', tested: 0, exceptions: 0, findings: 0, findingsOpenHigh: 0 });
      expect(engagement.history).toEqual([expect.objectContaining({ from: null, to: 'planned' })]);
      expect(engagement.milestones.finalReportDue).toBe(addDaysIso(today, 60));
      expect(await trailOf(engagement.id, 'audit.engagement_planned')).toBe(1);
      expect(await trailOf(engagement.id, 'audit.auditor_added')).toBe(1);
      expect(await count(`SELECT count(*) FROM notification WHERE user_id = $1 AND kind = 'audit.auditor_added' AND entity_id = $2`, [auditorId, engagement.id])).toBe(1);
      expect(await count(`SELECT count(*) FROM outbound_email WHERE to_address = 'auditor@north.test' AND subject LIKE $1`, [`%${engagement.reference}%`])).toBe(1);
      // The auditor sees it as theirs: draw the sample first.
      const mine = await call('GET', AuditPaths.engagement(engagement.id), t.auditor);
      expect(mine.statusCode).toBe(200);
      expect(mine.json<EngagementView>().actions).toEqual(['draw_sample']);
    });

    it('refuses bad plans naming the field, and saves nothing', async () => {
      const before = await count('SELECT count(*) FROM audit_engagement');
      const trailBefore = await count('SELECT count(*) FROM activity_record');
      const cases: Array<[Partial<PlanEngagementRequest>, number, string]> = [
        [{ scopeId: randomUUID() }, 422, 'scopeId'],
        [{ scopeId: southProgramId }, 422, 'scopeId'],
        [{ scopeKind: 'call', scopeId: programId }, 422, 'scopeId'],
        [{ scopeKind: 'organization', scopeId: w.southOrganizationId }, 422, 'scopeId'],
        [{ auditorIds: [w.north.users.officer.id] }, 422, 'auditorIds.0'],
        [{ auditorIds: [auditorId, w.south.users.auditor.id] }, 422, 'auditorIds.1'],
        [{ auditorIds: [] }, 422, 'auditorIds'],
        [{ auditorIds: [auditorId, auditorId] }, 422, 'auditorIds'],
        [{ leadAuditorId: auditor2Id }, 422, 'leadAuditorId'],
        [{ periodFrom: today, periodTo: addDaysIso(today, -1) }, 422, 'periodTo'],
        [{ periodFrom: '2026-02-30' }, 422, 'periodFrom'],
        [{ milestones: { fieldworkFrom: addDaysIso(today, 20), fieldworkTo: addDaysIso(today, 10) } }, 422, 'milestones.fieldworkTo'],
        [{ scopeKind: 'grants', scopeId: null, grantIds: [g1, g1] }, 422, 'grantIds'],
        [{ scopeKind: 'grants', scopeId: null, grantIds: [g1, randomUUID()] }, 422, 'grantIds.1'],
        [{ scopeKind: 'grants', scopeId: null, grantIds: [] }, 422, 'grantIds'],
        [{ scopeKind: 'grants', scopeId: programId, grantIds: [g1] }, 422, 'scopeId'],
        [{ scopeKind: 'program', scopeId: null }, 422, 'scopeId'],
        [{ title: 'Spot\u0000check' }, 400, 'title'],
        [{ title: 'x'.repeat(20_000) }, 400, 'title'],
        [{ firmName: '   ' }, 400, 'firmName'],
        [{ kind: 'forensic' as never }, 400, 'kind'],
        [{ auditorIds: ['not-an-id'] }, 400, 'auditorIds'],
        [{ grantIds: Array.from({ length: 501 }, () => randomUUID()), scopeKind: 'grants', scopeId: null }, 400, 'grantIds'],
      ];
      for (const [over, status, field] of cases) {
        const response = await call('POST', AuditPaths.engagements, t.officer, planBody(over));
        expect([JSON.stringify(over).slice(0, 80), response.statusCode]).toEqual([JSON.stringify(over).slice(0, 80), status]);
        expect(fieldNames(response).some((f) => f === field || f.startsWith(`${field}.`) || field.startsWith(f))).toBe(true);
        if (status === 422) expect(error(response).code).toBe(ErrorCode.AuditPlanInvalid);
      }
      expect(await count('SELECT count(*) FROM audit_engagement')).toBe(before);
      expect(await count('SELECT count(*) FROM activity_record')).toBe(trailBefore);
    });

    it('plans on chosen grants, and only planners may plan; the auditors are told in their language', async () => {
      await api.env.queryAs('owner', `UPDATE app_user SET language = 'ar' WHERE id = $1`, [auditor2Id]);
      const response = await call('POST', AuditPaths.engagements, t.officer, planBody({ kind: 'financial_audit', scopeKind: 'grants', scopeId: null, grantIds: [g2], auditorIds: [auditorId, auditor2Id], leadAuditorId: auditor2Id }));
      expect(response.statusCode).toBe(201);
      const planned = response.json<EngagementView>();
      financialAuditId = planned.id;
      expect(planned.scope).toMatchObject({ kind: 'grants', id: null, grantIds: [g2] });
      expect(planned.leadAuditor?.id).toBe(auditor2Id);
      const told = (await call('GET', DecisionPaths.notifications, t.auditor2)).json<NotificationListView>();
      const note = told.items.find((n) => n.kind === 'audit.auditor_added' && n.entityId === planned.id);
      expect(note?.title).toContain('أُضفت إلى مهمة التدقيق');
      expect(note?.title).toContain(planned.reference);
      expect((await call('POST', AuditPaths.engagements, t.auditor, planBody())).statusCode).toBe(403);
      expect((await call('POST', AuditPaths.engagements, t.finance, planBody())).statusCode).toBe(403);
      const grants = (await call('GET', AuditPaths.scopeGrants(planned.id), t.auditor)).json<ScopeGrantView[]>();
      expect(grants.map((g) => g.id)).toEqual([g2]);
    });

    it('numbers 20 plans made at once without a gap or a repeat', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => call('POST', AuditPaths.engagements, t.officer, planBody({ title: `Burst ${i}` }))));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const references = responses.map((r) => r.json<EngagementView>().reference);
      burstIds = responses.map((r) => r.json<EngagementView>().id);
      expect(new Set(references).size).toBe(20);
      const numbers = references.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
      // 1 and 2 were planned above.
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    }, 120_000);
  });

  describe('who reaches an engagement', () => {
    it('answers 404 to an auditor not on it, another agency and a user who is neither planner nor auditor', async () => {
      expect((await call('GET', AuditPaths.engagement(engagement.id), t.auditor2)).statusCode).toBe(404);
      expect((await call('GET', AuditPaths.engagement(engagement.id), t.southOfficer)).statusCode).toBe(404);
      expect((await call('GET', AuditPaths.engagement(engagement.id), t.southAuditor)).statusCode).toBe(404);
      expect((await call('GET', AuditPaths.engagement(engagement.id), t.finance)).statusCode).toBe(404);
      expect((await call('GET', AuditPaths.scopeGrants(engagement.id), t.auditor2)).statusCode).toBe(404);
      expect((await move(engagement.id, t.auditor2, 'fieldwork', 1)).statusCode).toBe(404);
      expect((await move(engagement.id, t.southOfficer, 'fieldwork', 1)).statusCode).toBe(404);
    });

    it('lists the agency’s to planners, only their own to auditors, nothing to another agency', async () => {
      const all = (await call('GET', `${AuditPaths.engagements}?pageSize=100`, t.officer)).json<Page<EngagementSummaryView>>();
      expect(all.total).toBe(22);
      const mine = (await call('GET', `${AuditPaths.engagements}?pageSize=100`, t.auditor2)).json<Page<EngagementSummaryView>>();
      expect(mine.items.map((e) => e.kind)).toEqual(['financial_audit']);
      const south = (await call('GET', AuditPaths.engagements, t.southOfficer)).json<Page<EngagementSummaryView>>();
      expect(south.total).toBe(0);
      expect((await call('GET', AuditPaths.engagements, t.finance)).statusCode).toBe(403);
      const paged = (await call('GET', `${AuditPaths.engagements}?page=2&pageSize=5&state=planned`, t.officer)).json<Page<EngagementSummaryView>>();
      expect(paged).toMatchObject({ page: 2, pageSize: 5, total: 22 });
      expect(paged.items).toHaveLength(5);
      expect((await call('GET', `${AuditPaths.engagements}?state=open`, t.officer)).statusCode).toBe(400);
    });
  });

  describe('auditors', () => {
    it('lists the candidates: users of the agency holding the auditor role', async () => {
      const candidates = (await call('GET', AuditPaths.auditorCandidates, t.officer)).json<AuditorCandidateView[]>();
      expect(candidates.map((c) => c.id).sort()).toEqual([auditorId, auditor2Id].sort());
      expect((await call('GET', AuditPaths.auditorCandidates, t.auditor)).statusCode).toBe(403);
    });

    it('puts an auditor on and takes them off with a reason, on the trail; refuses a user without the role', async () => {
      let response = await call('POST', AuditPaths.auditors(engagement.id), t.officer, { userId: w.north.users.finance.id });
      expect(response.statusCode).toBe(422);
      expect(fieldNames(response)).toEqual(['userId']);
      response = await call('POST', AuditPaths.auditors(engagement.id), t.officer, { userId: auditor2Id });
      expect(response.statusCode).toBe(200);
      expect(response.json<EngagementView>().auditors.filter((a) => a.removedAt === null)).toHaveLength(2);
      expect((await call('GET', AuditPaths.engagement(engagement.id), t.auditor2)).statusCode).toBe(200);
      expect((await call('POST', AuditPaths.auditors(engagement.id), t.officer, { userId: auditor2Id })).statusCode).toBe(409);
      expect((await call('POST', AuditPaths.auditorRemoval(engagement.id, auditor2Id), t.officer, { reason: ' ' })).statusCode).toBe(400);
      response = await call('POST', AuditPaths.auditorRemoval(engagement.id, auditor2Id), t.officer, { reason: 'Conflict of interest with the grantee' });
      expect(response.statusCode).toBe(200);
      expect(response.json<EngagementView>().auditors.find((a) => a.user.id === auditor2Id)?.removedAt).not.toBeNull();
      expect((await call('GET', AuditPaths.engagement(engagement.id), t.auditor2)).statusCode).toBe(404);
      expect(await trailOf(engagement.id, 'audit.auditor_removed')).toBe(1);
      // The last auditor stays.
      expect((await call('POST', AuditPaths.auditorRemoval(engagement.id, auditorId), t.officer, { reason: 'No one left' })).statusCode).toBe(409);
      expect((await call('POST', AuditPaths.auditorRemoval(engagement.id, auditorId), t.auditor, { reason: 'Myself' })).statusCode).toBe(403);
    });
  });

  describe('editing', () => {
    it('changes the plan with the row version, refuses a stale one', async () => {
      const current = await read(engagement.id);
      let response = await call('PATCH', AuditPaths.engagement(engagement.id), t.officer, { title: 'Spot check of the Basra clinics (2026)', rowVersion: current.rowVersion });
      expect(response.statusCode).toBe(200);
      expect(response.json<EngagementView>()).toMatchObject({ title: 'Spot check of the Basra clinics (2026)', rowVersion: current.rowVersion + 1 });
      response = await call('PATCH', AuditPaths.engagement(engagement.id), t.officer, { title: 'Stale', rowVersion: current.rowVersion });
      expect(response.statusCode).toBe(409);
      expect(error(response).code).toBe(ErrorCode.StaleEngagement);
      response = await call('PATCH', AuditPaths.engagement(engagement.id), t.officer, { periodTo: addDaysIso(today, -400), rowVersion: current.rowVersion + 1 });
      expect(response.statusCode).toBe(422);
      expect(fieldNames(response)).toEqual(['periodTo']);
      expect((await call('PATCH', AuditPaths.engagement(engagement.id), t.auditor, { title: 'Mine', rowVersion: current.rowVersion + 1 })).statusCode).toBe(403);
      expect(await trailOf(engagement.id, 'audit.engagement_updated')).toBe(1);
    });
  });

  describe('transitions', () => {
    it('refuses a step the machine does not allow, a missing reason, the wrong side, a stale version and fieldwork without a sample', async () => {
      const { rowVersion } = await read(engagement.id);
      let response = await move(engagement.id, t.officer, 'draft_report', rowVersion);
      expect(response.statusCode).toBe(409);
      expect(error(response)).toMatchObject({ code: ErrorCode.AuditTransitionNotAllowed, params: { from: 'planned', to: 'draft_report' } });
      response = await move(engagement.id, t.officer, 'fieldwork', rowVersion, '   ');
      expect(response.statusCode).toBe(400);
      expect(fieldNames(response)).toEqual(['reason']);
      response = await call('POST', AuditPaths.transition(engagement.id), t.officer, { to: 'fieldwork', rowVersion });
      expect(response.statusCode).toBe(400);
      expect(fieldNames(response)).toContain('reason');
      response = await move(engagement.id, t.officer, 'fieldwork', rowVersion, 'x'.repeat(2001));
      expect(response.statusCode).toBe(400);
      expect(fieldNames(response)).toEqual(['reason']);
      expect((await move(engagement.id, t.auditor, 'fieldwork', rowVersion)).statusCode).toBe(403);
      response = await move(engagement.id, t.officer, 'fieldwork', rowVersion - 1);
      expect(error(response).code).toBe(ErrorCode.StaleEngagement);
      response = await move(engagement.id, t.officer, 'fieldwork', rowVersion);
      expect(response.statusCode).toBe(409);
      expect(error(response).code).toBe(ErrorCode.AuditSampleNotDrawn);
      expect(await trailOf(engagement.id, 'audit.engagement_transitioned')).toBe(0);
      expect((await read(engagement.id)).state).toBe('planned');
    });

    it('walks planned → fieldwork → draft → comments → final → closed with the facts each step needs', async () => {
      // The fixture: a frozen population of three payments and a sample of two (the sampling code is not this spec's).
      for (const [seq, grant, amount] of [[1, g1, 100_000], [2, g1, 250_000], [3, g2, 50_000]] as const) {
        await api.env.queryAs('owner', `INSERT INTO audit_population_item (engagement_id, seq, item_kind, source_id, grant_id, amount_minor, currency, booked_on, label) VALUES ($1, $2, 'payment', $3, $4, $5, 'SEK', $6, 'Tranche')`, [
          engagement.id, seq, randomUUID(), grant, amount, addDaysIso(today, -30),
        ]);
      }
      const [item] = await api.env.queryAs<{ id: string }>('owner', `INSERT INTO audit_sample_item (engagement_id, population_seq, pick_order, reasons) VALUES ($1, 1, 1, '{random}'), ($1, 2, 2, '{random}') RETURNING id`, [engagement.id]);
      await api.env.queryAs('owner', `UPDATE audit_engagement SET population_frozen_at = now(), sample_drawn_at = now(), row_version = row_version + 1 WHERE id = $1`, [engagement.id]);

      let view = await read(engagement.id);
      expect(view.counts).toMatchObject({ populationCount: 3, populationValueMinor: '400000', sampleCount: 2, sampleValueMinor: '350000', tested: 0 });
      expect(view.currency).toBe('SEK');
      let response = await move(view.id, t.officer, 'fieldwork', view.rowVersion, 'Sample agreed with the firm');
      expect(response.statusCode).toBe(200);
      view = response.json<EngagementView>();
      expect(view.state).toBe('fieldwork');
      expect(view.sampleFrozenAt).not.toBeNull();
      expect(await trailOf(view.id, 'audit.sample_frozen')).toBe(1);
      expect(await trailOf(view.id, 'audit.engagement_transitioned')).toBe(1);
      // The plan's population can no longer change.
      response = await call('PATCH', AuditPaths.engagement(view.id), t.officer, { populationKind: 'expenditure_lines', rowVersion: view.rowVersion });
      expect(error(response).code).toBe(ErrorCode.AuditSampleFrozen);
      const auditorView = (await call('GET', AuditPaths.engagement(view.id), t.auditor)).json<EngagementView>();
      expect(auditorView.actions).toEqual(['test', 'raise_finding', 'report', 'transition:draft_report']);

      // An exception and a high finding on g1.
      await api.env.queryAs('owner', `UPDATE audit_sample_item SET result = 'exception', tested_by = $2, tested_at = now() WHERE id = $1`, [item.id, auditorId]);
      const [finding] = await api.env.queryAs<{ id: string }>(
        'owner',
        `INSERT INTO audit_finding (engagement_id, agency_id, grant_id, sample_item_id, number, title, priority, affected_minor, ineligible_minor, currency, raised_by)
         VALUES ($1, $2, $3, $4, 1, 'No receipt', 'high', 100000, 100000, 'SEK', $5) RETURNING id`,
        [view.id, w.north.agency.id, g1, item.id, auditorId],
      );

      expect((await move(view.id, t.officer, 'draft_report', view.rowVersion)).statusCode).toBe(403);
      response = await move(view.id, t.auditor, 'draft_report', view.rowVersion, 'Tests done');
      expect(response.statusCode).toBe(200);
      view = response.json<EngagementView>();
      // Both sides may step back; the officer sends it back for more fieldwork.
      response = await move(view.id, t.officer, 'fieldwork', view.rowVersion, 'One more receipt to look at');
      expect(response.statusCode).toBe(200);
      view = (await move(view.id, t.auditor, 'draft_report', response.json<EngagementView>().rowVersion, 'Tests done again')).json<EngagementView>();
      expect(view.state).toBe('draft_report');

      response = await move(view.id, t.auditor, 'management_comments', view.rowVersion, 'Draft sent to management');
      expect(response.statusCode).toBe(200);
      view = response.json<EngagementView>();
      // The grantee's members are asked to respond.
      expect(await count(`SELECT count(*) FROM notification WHERE user_id = $1 AND kind = 'audit.findings_await_response' AND entity_id = $2`, [w.applicantId, view.id])).toBe(1);

      response = await move(view.id, t.auditor, 'final', view.rowVersion, 'Comments received');
      expect(response.statusCode).toBe(409);
      expect(error(response).code).toBe(ErrorCode.AuditFinalReportMissing);
      const [doc] = await api.env.queryAs<{ id: string }>(
        'owner',
        `INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes) VALUES ($1, 'audit_report', 'r.pdf', 'application/pdf', 'x', $2, 10) RETURNING id`,
        [w.north.agency.id, 'a'.repeat(64)],
      );
      await api.env.queryAs(
        'owner',
        `INSERT INTO audit_report (agency_id, engagement_id, version, is_final, snapshot_sha256, snapshot, state, document_id, sha256, requested_by) VALUES ($1, $2, 1, true, $3, '{}', 'done', $4, $5, $6)`,
        [w.north.agency.id, view.id, 'b'.repeat(64), doc.id, 'a'.repeat(64), auditorId],
      );
      response = await move(view.id, t.auditor, 'final', view.rowVersion, 'Comments received');
      expect(response.statusCode).toBe(200);
      view = response.json<EngagementView>();
      expect(view.actions).toEqual(['respond', 'report', 'final_report']);
      expect((await read(view.id)).actions).toEqual(['manage_auditors', 'respond', 'transition:closed']);

      expect((await move(view.id, t.auditor, 'closed', view.rowVersion)).statusCode).toBe(403);
      response = await move(view.id, t.officer, 'closed', view.rowVersion, 'Follow-up done');
      expect(response.statusCode).toBe(409);
      expect(error(response)).toMatchObject({ code: ErrorCode.AuditFindingsOpen, params: { open: 1 } });
      await api.env.queryAs('owner', `UPDATE audit_finding SET action_state = 'checked', completed_by = $2, completed_at = now(), checked_by = $3, checked_at = now() WHERE id = $1`, [
        finding.id, w.applicantId, w.north.users.officer.id,
      ]);
      response = await move(view.id, t.officer, 'closed', view.rowVersion, 'Follow-up done');
      expect(response.statusCode).toBe(200);
      view = response.json<EngagementView>();
      expect(view).toMatchObject({ state: 'closed', actions: [] });
      expect(view.closedAt).not.toBeNull();
      expect(view.counts).toMatchObject({ tested: 1, exceptions: 1, findings: 1, findingsOpenHigh: 0 });
      expect(view.history.map((h) => [h.from, h.to, h.reason])).toEqual([
        [null, 'planned', null],
        ['planned', 'fieldwork', 'Sample agreed with the firm'],
        ['fieldwork', 'draft_report', 'Tests done'],
        ['draft_report', 'fieldwork', 'One more receipt to look at'],
        ['fieldwork', 'draft_report', 'Tests done again'],
        ['draft_report', 'management_comments', 'Draft sent to management'],
        ['management_comments', 'final', 'Comments received'],
        ['final', 'closed', 'Follow-up done'],
      ]);
      // Each transition's record was written with it: as many as the state moved.
      expect(await trailOf(view.id, 'audit.engagement_transitioned')).toBe(7);
    }, 60_000);

    it('moves once when ten ask at once with the same row version (the row is locked): the others are stale', async () => {
      const id = burstIds[0];
      await api.env.queryAs('owner', `INSERT INTO audit_population_item (engagement_id, seq, item_kind, source_id, grant_id, amount_minor, currency, booked_on) VALUES ($1, 1, 'payment', $2, $3, 1000, 'SEK', $4)`, [
        id, randomUUID(), g1, addDaysIso(today, -10),
      ]);
      await api.env.queryAs('owner', `INSERT INTO audit_sample_item (engagement_id, population_seq, pick_order, reasons) VALUES ($1, 1, 1, '{random}')`, [id]);
      await api.env.queryAs('owner', `UPDATE audit_engagement SET population_frozen_at = now(), sample_drawn_at = now(), row_version = row_version + 1 WHERE id = $1`, [id]);
      const { rowVersion } = await read(id);
      const responses = await Promise.all(Array.from({ length: 10 }, () => move(id, t.officer, 'fieldwork', rowVersion, 'Start')));
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
      expect(responses.filter((r) => r.statusCode === 409).map((r) => error(r).code)).toEqual(Array(9).fill(ErrorCode.StaleEngagement));
      expect(await trailOf(id, 'audit.engagement_transitioned')).toBe(1);
      expect(await trailOf(id, 'audit.sample_frozen')).toBe(1);
      expect((await read(id)).rowVersion).toBe(rowVersion + 1);
    }, 60_000);

    it('ends the auditor’s access at close: 404, gone from their list; nothing changes any more', async () => {
      expect((await call('GET', AuditPaths.engagement(engagement.id), t.auditor)).statusCode).toBe(404);
      expect((await call('GET', AuditPaths.scopeGrants(engagement.id), t.auditor)).statusCode).toBe(404);
      const mine = (await call('GET', `${AuditPaths.engagements}?pageSize=100`, t.auditor)).json<Page<EngagementSummaryView>>();
      expect(mine.items.map((e) => e.id)).not.toContain(engagement.id);
      const view = await read(engagement.id);
      expect((await call('PATCH', AuditPaths.engagement(engagement.id), t.officer, { title: 'After', rowVersion: view.rowVersion })).statusCode).toBe(409);
      const response = await call('POST', AuditPaths.auditors(engagement.id), t.officer, { userId: auditor2Id });
      expect(error(response).code).toBe(ErrorCode.AuditEngagementClosed);
      expect((await move(engagement.id, t.officer, 'final', view.rowVersion)).statusCode).toBe(409);
    });
  });

  describe('assurance', () => {
    it('counts visits and spot checks of the last 12 months per live grant against its rating', async () => {
      await api.env.queryAs(
        'owner',
        `INSERT INTO monitoring_visit (agency_id, grant_id, kind, visited_on, security_level, outcome, recorded_by) VALUES
           ($1, $2, 'on_site', $4, 'accessible', 'satisfactory', $5),
           ($1, $3, 'on_site', $6, 'accessible', 'satisfactory', $5)`,
        [w.north.agency.id, g1, g2, addDaysIso(today, -30), w.north.users.officer.id, addDaysIso(today, -400)],
      );
      // The financial audit of g2 (chosen grants) reaches fieldwork: an audit for g2 only.
      await api.env.queryAs('owner', `INSERT INTO audit_population_item (engagement_id, seq, item_kind, source_id, grant_id, amount_minor, currency, booked_on) VALUES ($1, 1, 'payment', $2, $3, 1000, 'SEK', $4)`, [
        financialAuditId, randomUUID(), g2, addDaysIso(today, -10),
      ]);
      await api.env.queryAs('owner', `INSERT INTO audit_sample_item (engagement_id, population_seq, pick_order, reasons) VALUES ($1, 1, 1, '{random}')`, [financialAuditId]);
      await api.env.queryAs('owner', `UPDATE audit_engagement SET population_frozen_at = now(), sample_drawn_at = now(), row_version = row_version + 1 WHERE id = $1`, [financialAuditId]);
      expect((await move(financialAuditId, t.officer, 'fieldwork', (await read(financialAuditId)).rowVersion, 'Start the audit')).statusCode).toBe(200);
      const response = await call('GET', `${AuditPaths.assurance}?pageSize=100`, t.officer);
      expect(response.statusCode).toBe(200);
      const view = response.json<AssuranceView>();
      expect(view.total).toBe(2);
      const one = view.rows.find((r) => r.grantId === g1);
      const two = view.rows.find((r) => r.grantId === g2);
      // Both moderate: a visit and a spot check a year. Two spot checks on the program reached fieldwork this year (the closed
      // one and the one moved in the lock test); the 19 others are planned and do not count; the financial audit covers g2
      // only. g2's visit is 400 days old.
      expect(one).toMatchObject({ riskRating: 'moderate', had: { visit: 1, spot_check: 2, audit: 0 }, required: { visit: 1, spot_check: 1, audit: 0 }, short: [] });
      expect(one?.lastAssuranceOn).toBe(today);
      expect(two).toMatchObject({ riskRating: 'moderate', had: { visit: 0, spot_check: 2, audit: 1 }, short: ['visit'] });
      expect(view.shortCount).toBe(1);
      const short = (await call('GET', `${AuditPaths.assurance}?short=true`, t.officer)).json<AssuranceView>();
      expect(short.rows.map((r) => r.grantId)).toEqual([g2]);
      expect(short.total).toBe(1);
      expect((await call('GET', AuditPaths.assurance, t.auditor)).statusCode).toBe(403);
      expect((await call('GET', AuditPaths.assurance, t.southOfficer)).json<AssuranceView>().total).toBe(0);
      expect((await call('GET', `${AuditPaths.assurance}?short=maybe`, t.officer)).statusCode).toBe(400);
    });
  });
});
