import { jpegWithExif } from '@mizan/contracts/testing';
import { addDaysIso, latestTodayIso } from '@mizan/domain';
import {
  ApiErrorBody,
  ErrorCode,
  GrantMonitoringView,
  FinancePaths,
  GrantPaths,
  MonitoredGrantSummary,
  MonitoringPaths,
  MonitoringPolicyView,
  MonitoringVisitView,
  SecurityLevelHistoryView,
  SecurityLevelView,
  VisitFileView,
} from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { GrantWorld, Tokens, activeGrant, grantWorld } from '../grants/grants.fixtures';

/*
 * Monitoring on the real database: security levels with history, the policy,
 * a grant's monitoring status from its visits, visits and their files (EXIF
 * read), and the monitor role: only the grants assigned to them.
 */

const today = new Date().toISOString().slice(0, 10);
const FULL_CHECKLIST = [
  { id: 'activities_seen', answer: 'yes', note: 'Clinic open, 30 patients waiting' },
  { id: 'records_reviewed', answer: 'no', note: 'Register kept at the head office' },
];

describe('monitoring: security levels, policy, visits and monitors', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Tokens & Record<'monitor' | 'monitor2' | 'finance' | 'auditor' | 'southOfficer', string>;
  let assigned: string;
  let other: string;
  let monitorId: string;
  let monitor2Id: string;

  const call = (method: 'GET' | 'POST' | 'PUT', path: string, cookie: string, body?: unknown) => api.request(method, path, { cookie, body });
  const fieldText = (response: { json<T>(): T }) => (response.json<ApiErrorBody>().fields ?? []).map((f) => `${f.field} ${f.message}`).join('\n');
  const trailCount = async (action: string): Promise<number> => {
    const [row] = (await api.dataSource.query('SELECT count(*)::int AS n FROM activity_record WHERE action = $1', [action])) as { n: number }[];
    return row.n;
  };

  beforeAll(async () => {
    api = await ApiHarness.start('monitoring', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.monitor = await api.signIn('monitor@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.auditor = await api.signIn('auditor@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    assigned = (await activeGrant(api, w, t)).id;
    other = (await activeGrant(api, w, t)).id;
    // Both grants started 400 days ago, in Basra.
    await api.env.queryAs('owner', `UPDATE grant_award SET starts_on = $2, governorate = 'IQ-BA' WHERE id = ANY($1::uuid[])`, [[assigned, other], addDaysIso(today, -400)]);
    monitorId = w.north.users.monitor.id;
    // A second monitor of the same agency.
    const [second] = await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO app_user (agency_id, email, display_name, password_hash) SELECT agency_id, 'monitor2@north.test', 'Second Monitor', password_hash FROM app_user WHERE id = $1 RETURNING id`,
      [monitorId],
    );
    monitor2Id = second.id;
    await api.env.queryAs('owner', `INSERT INTO user_role (user_id, role) VALUES ($1, 'monitor')`, [monitor2Id]);
    t.monitor2 = await api.signIn('monitor2@north.test');
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  describe('security levels', () => {
    it('lists the 18 governorates at their reference level before any is set', async () => {
      const response = await call('GET', MonitoringPaths.securityLevels, t.officer);
      expect(response.statusCode).toBe(200);
      const levels = response.json<SecurityLevelView[]>();
      expect(levels).toHaveLength(18);
      expect(levels.find((l) => l.governorateCode === 'IQ-BA')).toMatchObject({ level: 'accessible', effectiveOn: null, reason: null });
    });

    it('sets a level with a reason, keeps the history and takes the latest effective one', async () => {
      const before = await trailCount('security_level.set');
      let response = await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-NI', level: 'restricted', effectiveOn: addDaysIso(today, -30), reason: 'Road closures' });
      expect(response.statusCode).toBe(200);
      response = await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-NI', level: 'no_access', effectiveOn: addDaysIso(today, -5), reason: 'Fighting near Mosul' });
      expect(response.statusCode).toBe(200);
      // A future level does not apply yet.
      response = await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-NI', level: 'accessible', effectiveOn: addDaysIso(today, 10), reason: 'Expected reopening' });
      const history = response.json<SecurityLevelHistoryView>();
      expect(history.current).toBe('no_access');
      expect(history.entries.map((e) => e.level)).toEqual(['accessible', 'no_access', 'restricted']);
      expect(await trailCount('security_level.set')).toBe(before + 3);
      const list = (await call('GET', MonitoringPaths.securityLevels, t.officer)).json<SecurityLevelView[]>();
      expect(list.find((l) => l.governorateCode === 'IQ-NI')).toMatchObject({
        level: 'no_access',
        effectiveOn: addDaysIso(today, -5),
        reason: 'Fighting near Mosul',
        upcoming: { level: 'accessible', effectiveOn: addDaysIso(today, 10) },
      });
      // Another agency sees none of it.
      const south = (await call('GET', `${MonitoringPaths.securityLevelHistory}?governorate=IQ-NI`, t.southOfficer)).json<SecurityLevelHistoryView>();
      expect(south.entries).toEqual([]);
      expect(south.current).toBe('accessible');
    });

    it('refuses a missing reason, a bad level or date, and an unknown governorate, naming the problem', async () => {
      const before = await trailCount('security_level.set');
      let response = await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-BA', level: 'restricted', effectiveOn: today, reason: '   ' });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toContain('reason');
      response = await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-BA', level: 'dangerous', effectiveOn: today, reason: 'x' });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toContain('level');
      response = await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-BA', level: 'restricted', effectiveOn: '2026-02-30', reason: 'x' });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toContain('effectiveOn');
      response = await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-XX', level: 'restricted', effectiveOn: today, reason: 'x' });
      expect(response.statusCode).toBe(404);
      expect(await trailCount('security_level.set')).toBe(before);
    });
  });

  describe('policy', () => {
    it('reads the defaults before the settings row exists, then saves a change on the trail', async () => {
      const initial = (await call('GET', MonitoringPaths.policy, t.officer)).json<MonitoringPolicyView>();
      expect(initial.policy).toEqual({
        accessible: { kind: 'on_site', everyDays: 180 },
        restricted: { kind: 'remote', everyDays: 90 },
        no_access: { kind: 'third_party', everyDays: 90 },
      });
      const policy = { ...initial.policy, restricted: { kind: 'remote', everyDays: 60 } };
      const response = await call('PUT', MonitoringPaths.policy, t.officer, { policy, reason: 'Tighter follow-up in restricted areas' });
      expect(response.statusCode).toBe(200);
      expect(response.json<MonitoringPolicyView>().policy.restricted).toEqual({ kind: 'remote', everyDays: 60 });
      expect(await trailCount('monitoring_policy.updated')).toBe(1);
      // Put back for the status tests below.
      await call('PUT', MonitoringPaths.policy, t.officer, { policy: initial.policy, reason: 'Back to the defaults' });
    });

    it('refuses a bad rule or a missing reason', async () => {
      let response = await call('PUT', MonitoringPaths.policy, t.officer, {
        policy: { accessible: { kind: 'on_site', everyDays: 0 }, restricted: { kind: 'remote', everyDays: 90 }, no_access: { kind: 'third_party', everyDays: 90 } },
        reason: 'x',
      });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toContain('everyDays');
      response = await call('PUT', MonitoringPaths.policy, t.officer, {
        policy: { accessible: { kind: 'on_site', everyDays: 180 }, restricted: { kind: 'remote', everyDays: 90 }, no_access: { kind: 'third_party', everyDays: 90 } },
        reason: '',
      });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toContain('reason');
    });
  });

  describe('status and visits', () => {
    it('is overdue without visits and no longer once a qualifying visit is recorded', async () => {
      let view = (await call('GET', MonitoringPaths.grant(assigned), t.officer)).json<GrantMonitoringView>();
      expect(view.grant.governorate).toBe('IQ-BA');
      expect(view.grant.status).toMatchObject({ level: 'accessible', requiredKind: 'on_site', everyDays: 180, lastQualifyingVisitOn: null, overdue: true, daysOverdue: 220 });
      const overdue = (await call('GET', `${MonitoringPaths.overview}?overdue=true`, t.officer)).json<MonitoredGrantSummary[]>();
      expect(overdue.map((g) => g.grantId).sort()).toEqual([assigned, other].sort());

      // A remote visit does not satisfy an on-site requirement.
      let response = await call('POST', MonitoringPaths.grantVisits(assigned), t.officer, { kind: 'remote', visitedOn: addDaysIso(today, -3), checklist: [], findings: 'Video call', outcome: 'satisfactory' });
      expect(response.statusCode).toBe(201);
      view = (await call('GET', MonitoringPaths.grant(assigned), t.officer)).json<GrantMonitoringView>();
      expect(view.grant.status.overdue).toBe(true);

      response = await call('POST', MonitoringPaths.grantVisits(assigned), t.officer, {
        kind: 'on_site',
        visitedOn: addDaysIso(today, -2),
        checklist: FULL_CHECKLIST,
        findings: 'All three clinics open.',
        outcome: 'satisfactory',
      });
      expect(response.statusCode).toBe(201);
      const visit = response.json<MonitoringVisitView>();
      expect(visit).toMatchObject({ kind: 'on_site', securityLevel: 'accessible', checklist: FULL_CHECKLIST, outcome: 'satisfactory', files: [] });
      view = (await call('GET', MonitoringPaths.grant(assigned), t.officer)).json<GrantMonitoringView>();
      expect(view.grant.status).toMatchObject({ overdue: false, daysOverdue: 0, lastQualifyingVisitOn: addDaysIso(today, -2), nextDueOn: addDaysIso(today, 178) });
      expect(view.visits.map((v) => v.kind)).toEqual(['on_site', 'remote']);
      const stillOverdue = (await call('GET', `${MonitoringPaths.overview}?overdue=true`, t.officer)).json<MonitoredGrantSummary[]>();
      expect(stillOverdue.map((g) => g.grantId)).toEqual([other]);
      expect(await trailCount('monitoring_visit.recorded')).toBe(2);
    });

    it('captures the governorate’s level on the visit date', async () => {
      await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-BA', level: 'restricted', effectiveOn: addDaysIso(today, -100), reason: 'Protests' });
      await call('POST', MonitoringPaths.securityLevels, t.officer, { governorateCode: 'IQ-BA', level: 'accessible', effectiveOn: addDaysIso(today, -50), reason: 'Calm again' });
      const response = await call('POST', MonitoringPaths.grantVisits(other), t.officer, { kind: 'remote', visitedOn: addDaysIso(today, -70), checklist: [], findings: '', outcome: 'concerns' });
      expect(response.statusCode).toBe(201);
      expect(response.json<MonitoringVisitView>().securityLevel).toBe('restricted');
    });

    it('refuses a future date, a date before the grant, an unknown checklist item, naming each; nothing saved', async () => {
      const before = await trailCount('monitoring_visit.recorded');
      const base = { kind: 'on_site', visitedOn: today, checklist: [], findings: '', outcome: 'satisfactory' };
      let response = await call('POST', MonitoringPaths.grantVisits(assigned), t.officer, { ...base, visitedOn: addDaysIso(latestTodayIso(), 1) });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toMatch(/visitedOn VISIT_IN_FUTURE/);
      response = await call('POST', MonitoringPaths.grantVisits(assigned), t.officer, { ...base, visitedOn: addDaysIso(today, -401) });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toMatch(/visitedOn VISIT_BEFORE_GRANT_START/);
      response = await call('POST', MonitoringPaths.grantVisits(assigned), t.officer, { ...base, checklist: [{ id: 'vibes_good', answer: 'yes', note: '' }] });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toMatch(/checklist UNKNOWN_CHECKLIST_ITEM: vibes_good/);
      response = await call('POST', MonitoringPaths.grantVisits(assigned), t.officer, { ...base, outcome: 'great' });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toContain('outcome');
      expect(await trailCount('monitoring_visit.recorded')).toBe(before);
      // Another agency's officer: 404.
      response = await call('POST', MonitoringPaths.grantVisits(assigned), t.southOfficer, base);
      expect(response.statusCode).toBe(404);
    });
  });

  describe('visit files', () => {
    let visitId: string;
    beforeAll(async () => {
      const view = (await call('GET', MonitoringPaths.grant(assigned), t.officer)).json<GrantMonitoringView>();
      visitId = view.visits[0].id;
    });

    it('stores a JPEG with its EXIF capture time and GPS position, and serves it as an attachment', async () => {
      const photo = jpegWithExif({ dateTimeOriginal: '2026:03:01 10:30:15', latitude: 30.5085, longitude: 47.7804 });
      const response = await api.postMultipart(MonitoringPaths.grantVisitFiles(assigned, visitId), { cookie: t.officer, file: { name: 'clinic.jpg', contentType: 'image/jpeg', content: photo } });
      expect(response.statusCode).toBe(201);
      const file = response.json<VisitFileView>();
      expect(file).toMatchObject({ fileName: 'clinic.jpg', contentType: 'image/jpeg', sizeBytes: photo.length, capturedAt: '2026-03-01T10:30:15.000Z' });
      expect(file.latitude).toBeCloseTo(30.5085, 4);
      expect(file.longitude).toBeCloseTo(47.7804, 4);
      const [row] = (await api.dataSource.query(`SELECT purpose, visit_id FROM report_file WHERE id = $1`, [file.id])) as { purpose: string; visit_id: string }[];
      expect(row).toEqual({ purpose: 'visit', visit_id: visitId });
      const download = await call('GET', MonitoringPaths.grantVisitFile(assigned, visitId, file.id), t.officer);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(Buffer.from(download.rawPayload).equals(photo)).toBe(true);
      const view = (await call('GET', MonitoringPaths.grant(assigned), t.officer)).json<GrantMonitoringView>();
      expect(view.visits[0].files.map((f) => f.id)).toEqual([file.id]);
    });

    it('refuses a file that is not a PDF or image, whatever its name says', async () => {
      const response = await api.postMultipart(MonitoringPaths.grantVisitFiles(assigned, visitId), {
        cookie: t.officer,
        file: { name: 'photo.jpg', contentType: 'image/jpeg', content: Buffer.from('#!/bin/sh\necho hi\n') },
      });
      expect(response.statusCode).toBe(415);
      expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.UnsupportedFileType);
      expect(fieldText(response)).toContain('a script');
    });
  });

  describe('the monitor role', () => {
    it('assigns only a user holding the monitor role', async () => {
      let response = await call('POST', MonitoringPaths.grantMonitors(assigned), t.officer, { userId: w.north.users.finance.id });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toMatch(/userId MONITOR_ROLE_REQUIRED/);
      response = await call('POST', MonitoringPaths.grantMonitors(assigned), t.officer, { userId: monitorId });
      expect(response.statusCode).toBe(201);
      expect(response.json<GrantMonitoringView>().monitors.map((m) => m.user.id)).toEqual([monitorId]);
      response = await call('POST', MonitoringPaths.grantMonitors(assigned), t.officer, { userId: monitorId });
      expect(response.statusCode).toBe(409);
      const monitors = (await call('GET', MonitoringPaths.monitors, t.officer)).json<{ id: string }[]>();
      expect(monitors.map((m) => m.id).sort()).toEqual([monitorId, monitor2Id].sort());
    });

    it('a monitor sees and records on the assigned grant only', async () => {
      const mine = (await call('GET', MonitoringPaths.myGrants, t.monitor)).json<MonitoredGrantSummary[]>();
      expect(mine.map((g) => g.grantId)).toEqual([assigned]);
      expect(mine[0]).toMatchObject({ governorate: 'IQ-BA', status: { overdue: false } });
      const view = await call('GET', MonitoringPaths.myGrant(assigned), t.monitor);
      expect(view.statusCode).toBe(200);
      expect(view.json<GrantMonitoringView>().monitors).toEqual([]);
      const recorded = await call('POST', MonitoringPaths.myGrantVisits(assigned), t.monitor, {
        kind: 'third_party',
        visitedOn: today,
        checklist: [{ id: 'beneficiaries_met', answer: 'yes', note: '12 interviewed' }],
        findings: 'Third-party visit',
        outcome: 'satisfactory',
      });
      expect(recorded.statusCode).toBe(201);
      // On-site is the agency's own staff: a monitor's visit cannot claim it.
      const onSite = await call('POST', MonitoringPaths.myGrantVisits(assigned), t.monitor, { kind: 'on_site', visitedOn: today, checklist: [], findings: '', outcome: 'satisfactory' });
      expect(onSite.statusCode).toBe(400);
      expect(fieldText(onSite)).toMatch(/kind MONITOR_NOT_ON_SITE/);
      const visit = recorded.json<MonitoringVisitView>();
      expect(visit.recordedBy.id).toBe(monitorId);
      const photo = jpegWithExif({ dateTimeOriginal: '2026:04:02 08:00:00', latitude: 30.5, longitude: 47.8 });
      const upload = await api.postMultipart(MonitoringPaths.myGrantVisitFiles(assigned, visit.id), { cookie: t.monitor, file: { name: 'site.jpg', contentType: 'image/jpeg', content: photo } });
      expect(upload.statusCode).toBe(201);
      const file = upload.json<VisitFileView>();
      expect(file.downloadPath).toContain(`monitor/grants/${assigned}/`);
      expect((await call('GET', MonitoringPaths.myGrantVisitFile(assigned, visit.id, file.id), t.monitor)).statusCode).toBe(200);
    });

    it('a monitor cannot read an unassigned grant: 404 on monitoring routes, no way in through grants, reports or ledger', async () => {
      const unassignedVisit = (await call('GET', MonitoringPaths.grant(other), t.officer)).json<GrantMonitoringView>().visits[0].id;
      for (const [method, path] of [
        ['GET', MonitoringPaths.myGrant(other)],
        ['POST', MonitoringPaths.myGrantVisits(other)],
        ['GET', MonitoringPaths.myGrant('00000000-0000-4000-8000-000000000000')],
      ] as const) {
        const response = await call(method, path, t.monitor, { kind: 'third_party', visitedOn: today, checklist: [], findings: '', outcome: 'satisfactory' });
        expect([path, response.statusCode]).toEqual([path, 404]);
      }
      const upload = await api.postMultipart(MonitoringPaths.myGrantVisitFiles(other, unassignedVisit), { cookie: t.monitor, file: { name: 'x.jpg', contentType: 'image/jpeg', content: jpegWithExif({}) } });
      expect(upload.statusCode).toBe(404);
      // The second monitor has no assignment: the first one's grant is 404 to them.
      expect((await call('GET', MonitoringPaths.myGrant(assigned), t.monitor2)).statusCode).toBe(404);
      expect((await call('GET', MonitoringPaths.myGrants, t.monitor2)).json<unknown[]>()).toEqual([]);
      // Routes of other roles: the monitor holds none of their permissions, for any grant.
      for (const grantId of [assigned, other]) {
        for (const path of [GrantPaths.grant(grantId), MonitoringPaths.grant(grantId), `grants/${grantId}/reporting`, FinancePaths.grantStatement(grantId), GrantPaths.myGrant(grantId)]) {
          const response = await call('GET', path, t.monitor);
          expect([path, response.statusCode]).toEqual([path, expect.any(Number)]);
          expect([403, 404]).toContain(response.statusCode);
        }
      }
      for (const path of [MonitoringPaths.securityLevels, MonitoringPaths.policy, MonitoringPaths.overview, GrantPaths.grants]) {
        expect([path, (await call('GET', path, t.monitor)).statusCode]).toEqual([path, 403]);
      }
      // Routes open to every signed-in user decide per grant: the monitor is nobody's grantee, so 404 (or an empty list).
      for (const grantId of [assigned, other]) {
        for (const path of [GrantPaths.myGrant(grantId), `grants/${grantId}/agreement`]) {
          expect([path, (await call('GET', path, t.monitor)).statusCode]).toEqual([path, 404]);
        }
      }
      expect((await call('GET', GrantPaths.myGrants, t.monitor)).json<{ items: unknown[] }>().items).toEqual([]);
    });

    it('removing the assignment removes the access, and needs a reason', async () => {
      let response = await call('POST', MonitoringPaths.grantMonitorRemoval(assigned, monitorId), t.officer, { reason: '' });
      expect(response.statusCode).toBe(400);
      expect(fieldText(response)).toContain('reason');
      response = await call('POST', MonitoringPaths.grantMonitorRemoval(assigned, monitorId), t.officer, { reason: 'Contract with the firm ended' });
      expect(response.statusCode).toBe(200);
      expect(response.json<GrantMonitoringView>().monitors).toEqual([]);
      expect((await call('GET', MonitoringPaths.myGrant(assigned), t.monitor)).statusCode).toBe(404);
      expect((await call('GET', MonitoringPaths.myGrants, t.monitor)).json<unknown[]>()).toEqual([]);
      const [row] = (await api.dataSource.query(`SELECT removed_by, removed_at IS NOT NULL AS removed FROM grant_monitor WHERE grant_id = $1 AND user_id = $2`, [assigned, monitorId])) as {
        removed_by: string;
        removed: boolean;
      }[];
      expect(row).toEqual({ removed_by: w.north.users.officer.id, removed: true });
      expect(await trailCount('grant.monitor_removed')).toBe(1);
      // Removing again: nothing to remove.
      expect((await call('POST', MonitoringPaths.grantMonitorRemoval(assigned, monitorId), t.officer, { reason: 'again' })).statusCode).toBe(404);
    });

    it('the other roles get 403 on the monitor routes and the officer routes', async () => {
      for (const cookie of [t.finance, t.auditor, t.applicant]) {
        expect((await call('GET', MonitoringPaths.myGrants, cookie)).statusCode).toBe(403);
      }
      for (const cookie of [t.finance, t.applicant]) {
        expect((await call('GET', MonitoringPaths.grant(assigned), cookie)).statusCode).toBe(403);
      }
      // An auditor reads a grant's monitoring only within an open engagement's scope (issue 12): this one is not in any.
      expect((await call('GET', MonitoringPaths.grant(assigned), t.auditor)).statusCode).toBe(404);
    });
  });
});
