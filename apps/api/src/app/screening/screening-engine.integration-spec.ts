import { API_PREFIX, ApiErrorBody, ErrorCode, IntakePaths, InvitationView, Page, ScreeningCheckResult, ScreeningPaths, ScreeningRunView, ScreeningSettingsView } from '@mizan/contracts';
import { DEFAULT_HIGH_SCORE, DEFAULT_SCREENING_THRESHOLD } from '@mizan/domain';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';
import { seedSanctionsList, unEntry } from '../../testing/screening-fixtures';
import { ORGS, addPartner, registerOrganization, toInput } from '../intake/organizations/organization-fixtures';

const P = (path: string) => `${API_PREFIX}/${path}`;

interface MatchRow {
  id: string;
  party_kind: string;
  party_id: string;
  organization_id: string;
  partner_organization_id: string | null;
  screened_name: string;
  reference: string;
  state: string;
  lapsed_reason: string | null;
  score: string;
}

/**
 * The screening engine wired (issue 13): parties screened in the request that creates or renames them, runs by the
 * real worker raising exactly the new matches after a list changes, a cleared pair staying cleared until the name
 * changes, stale undecided matches lapsing, the check api, the settings, and who may do what.
 */
describe('sanctions screening engine', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let south: SeededAgency;
  const t = {} as Record<'officer' | 'applicant' | 'admin' | 'reviewer' | 'finance' | 'southOfficer', string>;

  const matches = async (where: string, params: unknown[]): Promise<MatchRow[]> =>
    (await api.dataSource.query(
      `SELECT m.id, m.party_kind, m.party_id, m.organization_id, m.partner_organization_id, m.screened_name, e.reference, m.state, m.lapsed_reason, m.score::text AS score
         FROM screening_match m JOIN sanctions_entry e ON e.id = m.entry_id WHERE ${where} ORDER BY m.raised_at, m.id`,
      params,
    )) as MatchRow[];

  /** Asks for a run and waits for the real worker to finish it. */
  async function runToEnd(cookie = t.officer): Promise<ScreeningRunView> {
    const requested = await api.request('POST', P(ScreeningPaths.runs), { cookie });
    expect(requested.statusCode).toBe(201);
    const runId = requested.json<ScreeningRunView>().id;
    const deadline = Date.now() + 60_000;
    let latest: ScreeningRunView | undefined;
    while (Date.now() < deadline) {
      latest = (await api.request('GET', P(ScreeningPaths.run(runId)), { cookie })).json<ScreeningRunView>();
      if (latest.state === 'done' || latest.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 150));
    }
    return latest as ScreeningRunView;
  }

  beforeAll(async () => {
    api = await ApiHarness.start('screening-engine');
    north = await seedAgency(api.dataSource, 'north');
    south = await seedAgency(api.dataSource, 'south');
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.admin = await api.signIn('admin@north.test');
    t.reviewer = await api.signIn('reviewer@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('before any list: parties are registered unscreened, a check or a run is 409 SCREENING_NO_LIST', async () => {
    const org = await registerOrganization(api, t.applicant, { legalName: 'Agricultural National Establishment in Abu-Greib' });
    expect(await matches('m.organization_id = $1', [org.id])).toEqual([]);
    const check = await api.request('POST', P(ScreeningPaths.checks), { cookie: t.officer, body: { name: 'Izzat Ibrahim al-Duri' } });
    expect(check.statusCode).toBe(409);
    expect(check.json<ApiErrorBody>().code).toBe(ErrorCode.ScreeningNoList);
    const run = await api.request('POST', P(ScreeningPaths.runs), { cookie: t.officer });
    expect(run.statusCode).toBe(409);
    expect(run.json<ApiErrorBody>().code).toBe(ErrorCode.ScreeningNoList);
  });

  describe('with a list', () => {
    let worker: WorkerProcess;
    beforeAll(async () => {
      await seedSanctionsList(api.dataSource, north.agency.id, north.users.officer.id, [unEntry('IQi.006'), unEntry('IQe.007'), unEntry('IQe.008')]);
      worker = await WorkerProcess.start(api.env.config);
    }, 60_000);
    afterAll(async () => {
      await worker?.stop();
    });

    it('an organization registered under a listed name, and a partner whose contact is listed, are matched in the same request, on the trail', async () => {
      const org = await registerOrganization(api, t.applicant, { legalName: 'Al Hassaka Spinning Project' });
      const raised = await matches('m.organization_id = $1', [org.id]);
      expect(raised).toEqual([expect.objectContaining({ party_kind: 'organization', party_id: org.id, reference: 'IQe.008', state: 'open', screened_name: 'Al Hassaka Spinning Project' })]);
      expect(Number(raised[0].score)).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
      const [trail] = (await api.dataSource.query(`SELECT action, actor_label, after FROM activity_record WHERE entity_id = $1`, [raised[0].id])) as {
        action: string;
        actor_label: string;
        after: Record<string, unknown>;
      }[];
      expect(trail).toMatchObject({ action: 'screening.match_raised', actor_label: 'applicant@north.test', after: { reference: 'IQe.008', partyKind: 'organization' } });

      const partner = await addPartner(api, t.applicant, org.id, { name: 'Basra Water Collective', contactPerson: 'Izzat Ibrahim al-Duri' });
      const contact = await matches(`m.party_kind = 'partner_contact' AND m.party_id = $1`, [partner.id]);
      expect(contact).toEqual([expect.objectContaining({ reference: 'IQi.006', organization_id: org.id, partner_organization_id: partner.id, state: 'open' })]);
      // The organization's match is not raised twice.
      expect(await matches(`m.party_kind = 'organization' AND m.party_id = $1`, [org.id])).toHaveLength(1);
    });

    it('a member who accepts an invitation under a listed name is matched in the accepting request', async () => {
      const org = await registerOrganization(api, t.applicant, { legalName: 'Basra Reading Circle' });
      const invited = await api.request('POST', `${ORGS}/${org.id}/invitations`, { cookie: t.applicant, body: { email: 'joiner@example.org', role: 'applicant', partnerOrganizationId: null } });
      expect(invited.statusCode).toBe(201);
      const token = /token=([A-Za-z0-9_-]+)$/.exec(invited.json<InvitationView>().acceptPath ?? '')?.[1];
      const accepted = await api.request('POST', P(IntakePaths.acceptInvitation), { body: { token, displayName: 'Izzat Ibrahim al-Duri', password: 'a new long password' } });
      expect(accepted.statusCode).toBe(200);
      const [member] = (await api.dataSource.query(`SELECT id FROM app_user WHERE email = 'joiner@example.org'`)) as { id: string }[];
      expect(await matches(`m.party_kind = 'organization_member' AND m.party_id = $1`, [member.id])).toEqual([
        expect.objectContaining({ organization_id: org.id, reference: 'IQi.006', state: 'open', screened_name: 'Izzat Ibrahim al-Duri' }),
      ]);
    });

    it('a run after a new list version raises exactly the new matches; a cleared pair stays cleared; a renamed party is raised again', async () => {
      const org = await registerOrganization(api, t.applicant, { legalName: 'Al-Bashair Trading Company, Ltd' });
      const partner = await addPartner(api, t.applicant, org.id, { name: 'Nineveh Youth Network', contactPerson: 'Izzat Ibrahim al-Duri' });
      // Under v1 the organization's name is not listed; its partner's contact is.
      expect(await matches(`m.party_kind = 'organization' AND m.party_id = $1`, [org.id])).toEqual([]);
      const [contact] = await matches(`m.party_kind = 'partner_contact' AND m.party_id = $1`, [partner.id]);
      expect(contact.reference).toBe('IQi.006');
      // An officer clears it (as the queue does).
      await api.dataSource.query(`UPDATE screening_match SET state = 'cleared', resolved_by = $2, resolved_at = now(), resolution_reason = 'Another person: born 1985 in Basra' WHERE id = $1`, [
        contact.id,
        north.users.officer.id,
      ]);

      // The first run screens what was registered before the list (the first spec's organization): that one is new.
      const first = await runToEnd();
      expect(first).toMatchObject({ state: 'done', progress: 100, trigger: 'manual', matchesRaised: 1 });
      expect(first.partiesScreened).toBeGreaterThan(5);
      const before = (await api.dataSource.query('SELECT count(*)::int AS n FROM screening_match WHERE agency_id = $1', [north.agency.id]))[0].n as number;

      // v2: the organization's name enters the list.
      await seedSanctionsList(api.dataSource, north.agency.id, north.users.officer.id, [unEntry('IQi.006'), unEntry('IQe.007'), unEntry('IQe.008'), unEntry('IQe.204')]);
      const second = await runToEnd();
      expect(second).toMatchObject({ state: 'done', matchesRaised: 1 });
      const after = await matches('m.agency_id = $1', [north.agency.id]);
      expect(after).toHaveLength(before + 1);
      const fresh = after.filter((m) => m.reference === 'IQe.204');
      expect(fresh).toEqual([expect.objectContaining({ party_kind: 'organization', party_id: org.id, state: 'open' })]);
      expect((await matches('m.id = $1', [contact.id]))[0].state).toBe('cleared');
      // The officers are told once, with the count.
      const notes = (await api.dataSource.query(`SELECT message_key, message_params, entity_id FROM notification WHERE user_id = $1 AND kind = 'screening.matches_raised' AND entity_id = $2`, [
        north.users.officer.id,
        second.id,
      ])) as { message_key: string; message_params: { count: number }; entity_id: string }[];
      expect(notes).toEqual([{ message_key: 'screening.matches_raised', message_params: { count: 1 }, entity_id: second.id }]);
      const [finished] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE entity_id = $1 AND action = 'screening.run_finished'`, [second.id])) as {
        after: Record<string, unknown>;
      }[];
      expect(finished.after).toMatchObject({ matchesRaised: 1, trigger: 'manual' });

      // A third run raises nothing more.
      expect(await runToEnd()).toMatchObject({ state: 'done', matchesRaised: 0 });

      // The cleared contact renamed to another spelling that still matches (the list's original script): raised again, at once.
      const renamed = await api.request('PUT', `${ORGS}/${org.id}/partners/${partner.id}`, {
        cookie: t.applicant,
        body: { name: 'Nineveh Youth Network', governorateCode: 'IQ-BA', localRegistrationNumber: 'NGO-1R-12345', contactPerson: 'عزت ابراهيم الدوري', contactEmail: 'layla@basra-water.example', contactPhone: '+964 770 123 4567', relationship: 'Implementing partner since 2019' },
      });
      expect(renamed.statusCode).toBe(200);
      const contactMatches = await matches(`m.party_kind = 'partner_contact' AND m.party_id = $1`, [partner.id]);
      expect(contactMatches.map((m) => [m.state, m.screened_name])).toEqual([
        ['cleared', 'Izzat Ibrahim al-Duri'],
        ['open', 'عزت ابراهيم الدوري'],
      ]);

      // v3: IQe.204 leaves the list; the run lapses its undecided match.
      await seedSanctionsList(api.dataSource, north.agency.id, north.users.officer.id, [unEntry('IQi.006'), unEntry('IQe.007'), unEntry('IQe.008')]);
      expect(await runToEnd()).toMatchObject({ state: 'done', matchesRaised: 0 });
      expect((await matches('m.id = $1', [fresh[0].id]))[0]).toMatchObject({ state: 'lapsed', lapsed_reason: 'entry_removed' });
    }, 120_000);

    it('renaming an organization lapses its undecided match (name_changed) in the same request; renamed back, it is raised again', async () => {
      const org = await registerOrganization(api, t.applicant, { legalName: 'Agricultural National Establishment in Abu-Greib' });
      const [open] = await matches(`m.party_kind = 'organization' AND m.party_id = $1`, [org.id]);
      expect(open).toMatchObject({ state: 'open', reference: 'IQe.007' });
      const response = await api.request('PUT', `${ORGS}/${org.id}`, { cookie: t.applicant, body: { ...toInput(org), legalName: 'Basra Farmers Union', accountHolder: 'Basra Farmers Union', version: org.version } });
      expect(response.statusCode).toBe(200);
      expect((await matches('m.id = $1', [open.id]))[0]).toMatchObject({ state: 'lapsed', lapsed_reason: 'name_changed' });
      const trail = (await api.dataSource.query(`SELECT action, after FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [open.id])) as { action: string; after: Record<string, unknown> }[];
      expect(trail.map((r) => r.action)).toEqual(['screening.match_raised', 'screening.match_lapsed']);
      expect(trail[1].after).toMatchObject({ lapsedReason: 'name_changed' });
      // Renamed back: the lapsed match does not hold the pair, the name is raised afresh.
      const back = await api.request('PUT', `${ORGS}/${org.id}`, {
        cookie: t.applicant,
        body: { ...toInput(org), legalName: 'Agricultural National Establishment in Abu-Greib', accountHolder: 'Agricultural National Establishment in Abu-Greib', version: org.version + 1 },
      });
      expect(back.statusCode).toBe(200);
      expect((await matches(`m.party_kind = 'organization' AND m.party_id = $1`, [org.id])).map((m) => [m.state, m.reference])).toEqual([
        ['lapsed', 'IQe.007'],
        ['open', 'IQe.007'],
      ]);
    });

    it('checks a name: the issue’s JSON shape, best first; nothing is saved', async () => {
      const countBefore = (await api.dataSource.query('SELECT count(*)::int AS n FROM screening_match'))[0].n as number;
      const response = await api.request('POST', P(ScreeningPaths.checks), { cookie: t.officer, body: { name: '  Izzat Ibrahim al-Duri ', kind: 'person' } });
      expect(response.statusCode).toBe(200);
      const result = response.json<ScreeningCheckResult>();
      expect(result).toMatchObject({ query: 'Izzat Ibrahim al-Duri', potentialMatch: true, threshold: DEFAULT_SCREENING_THRESHOLD });
      expect(result.candidates[0]).toMatchObject({ reference: 'IQi.006', kind: 'individual', name: expect.any(String), explanation: expect.any(String), entryId: expect.any(String) });
      expect(result.candidates[0].detail.matchedName).toBe(result.candidates[0].name);
      const scores = result.candidates.map((c) => c.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      const svensson = (await api.request('POST', P(ScreeningPaths.checks), { cookie: t.officer, body: { name: 'Anna Svensson' } })).json<ScreeningCheckResult>();
      expect(svensson.potentialMatch).toBe(false);
      expect((await api.dataSource.query('SELECT count(*)::int AS n FROM screening_match'))[0].n).toBe(countBefore);
    });

    it('finds the issue’s spelling “Ezzat Ibrahim Al Duri” (the matcher’s transliteration variants)', async () => {
      const result = (await api.request('POST', P(ScreeningPaths.checks), { cookie: t.officer, body: { name: 'Ezzat Ibrahim Al Duri' } })).json<ScreeningCheckResult>();
      expect(result.potentialMatch).toBe(true);
      expect(result.candidates[0].reference).toBe('IQi.006');
    });

    it('refuses bad names naming the field: empty, too long, NUL, lone surrogate, direction control, unknown kind', async () => {
      const bad: unknown[] = [
        { name: '   ' },
        { name: 'x'.repeat(301) },
        { name: 'Izzat\u0000Ibrahim' },
        { name: 'Izzat \ud800 Ibrahim' },
        { name: 'Izzat \u202e Ibrahim' },
        { name: 'Izzat', kind: 'company' },
        { name: 42 },
        {},
      ];
      for (const body of bad) {
        const response = await api.request('POST', P(ScreeningPaths.checks), { cookie: t.officer, body });
        expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
        const error = response.json<ApiErrorBody>();
        expect(error.fields?.length).toBeGreaterThan(0);
        expect(error.fields?.map((f) => f.field).every((f) => f === 'name' || f === 'kind')).toBe(true);
      }
    });

    it('settings: defaults, bounds named per field, stale rowVersion 409, on the trail, a run queued', async () => {
      const initial = (await api.request('GET', P(ScreeningPaths.settings), { cookie: t.officer })).json<ScreeningSettingsView>();
      expect(initial).toMatchObject({ threshold: DEFAULT_SCREENING_THRESHOLD, highScore: DEFAULT_HIGH_SCORE, rowVersion: 0, updatedBy: null });
      const low = await api.request('PUT', P(ScreeningPaths.settings), { cookie: t.officer, body: { threshold: 0.4, highScore: 0.9, rowVersion: 0 } });
      expect(low.statusCode).toBe(400);
      expect(low.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['threshold']);
      const inverted = await api.request('PUT', P(ScreeningPaths.settings), { cookie: t.officer, body: { threshold: 0.9, highScore: 0.85, rowVersion: 0 } });
      expect(inverted.statusCode).toBe(400);
      expect(inverted.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['highScore']);
      const above = await api.request('PUT', P(ScreeningPaths.settings), { cookie: t.officer, body: { threshold: 0.8, highScore: 1.5, rowVersion: 0 } });
      expect(above.statusCode).toBe(400);
      const runsBefore = (await api.dataSource.query(`SELECT count(*)::int AS n FROM screening_run WHERE trigger = 'settings'`))[0].n as number;

      const saved = await api.request('PUT', P(ScreeningPaths.settings), { cookie: t.officer, body: { threshold: 0.85, highScore: 0.95, rowVersion: 0 } });
      expect(saved.statusCode).toBe(200);
      expect(saved.json<ScreeningSettingsView>()).toMatchObject({ threshold: 0.85, highScore: 0.95, rowVersion: 1, updatedBy: { id: north.users.officer.id } });
      const stale = await api.request('PUT', P(ScreeningPaths.settings), { cookie: t.admin, body: { threshold: 0.9, highScore: 0.95, rowVersion: 0 } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.StaleScreeningSettings, params: { rowVersion: 1 } });
      const [trail] = (await api.dataSource.query(`SELECT before, after, actor_label FROM activity_record WHERE action = 'screening.settings_changed'`)) as {
        before: Record<string, unknown>;
        after: Record<string, unknown>;
        actor_label: string;
      }[];
      expect(trail).toMatchObject({ actor_label: 'officer@north.test', before: { threshold: DEFAULT_SCREENING_THRESHOLD }, after: { threshold: 0.85, highScore: 0.95 } });
      expect((await api.dataSource.query(`SELECT count(*)::int AS n FROM screening_run WHERE trigger = 'settings'`))[0].n).toBe(runsBefore + 1);
      // The checks use the new threshold.
      const check = (await api.request('POST', P(ScreeningPaths.checks), { cookie: t.officer, body: { name: 'Anna Svensson' } })).json<ScreeningCheckResult>();
      expect(check.threshold).toBe(0.85);
      // Back to the defaults for the other specs.
      expect((await api.request('PUT', P(ScreeningPaths.settings), { cookie: t.officer, body: { threshold: DEFAULT_SCREENING_THRESHOLD, highScore: DEFAULT_HIGH_SCORE, rowVersion: 1 } })).statusCode).toBe(200);
    });

    it('only officers and admins screen: applicants, reviewers and finance get 403', async () => {
      for (const cookie of [t.applicant, t.reviewer, t.finance]) {
        expect((await api.request('POST', P(ScreeningPaths.checks), { cookie, body: { name: 'Izzat Ibrahim al-Duri' } })).statusCode).toBe(403);
        expect((await api.request('GET', P(ScreeningPaths.runs), { cookie })).statusCode).toBe(403);
        expect((await api.request('POST', P(ScreeningPaths.runs), { cookie })).statusCode).toBe(403);
        expect((await api.request('GET', P(ScreeningPaths.settings), { cookie })).statusCode).toBe(403);
        expect((await api.request('PUT', P(ScreeningPaths.settings), { cookie, body: { threshold: 0.8, highScore: 0.9, rowVersion: 0 } })).statusCode).toBe(403);
      }
      expect((await api.request('POST', P(ScreeningPaths.checks), { cookie: t.admin, body: { name: 'Izzat Ibrahim al-Duri' } })).statusCode).toBe(200);
    });

    it('keeps agencies apart: another agency has no list, no runs, and cannot read this one’s run', async () => {
      const runs = (await api.request('GET', P(ScreeningPaths.runs), { cookie: t.officer })).json<Page<ScreeningRunView>>();
      expect(runs.total).toBeGreaterThan(0);
      expect(runs.items.map((r) => r.createdAt)).toEqual([...runs.items.map((r) => r.createdAt)].sort().reverse());
      const southRuns = (await api.request('GET', P(ScreeningPaths.runs), { cookie: t.southOfficer })).json<Page<ScreeningRunView>>();
      expect(southRuns).toMatchObject({ total: 0, items: [] });
      expect((await api.request('GET', P(ScreeningPaths.run(runs.items[0].id)), { cookie: t.southOfficer })).statusCode).toBe(404);
      const southCheck = await api.request('POST', P(ScreeningPaths.checks), { cookie: t.southOfficer, body: { name: 'Izzat Ibrahim al-Duri' } });
      expect(southCheck.json<ApiErrorBody>().code).toBe(ErrorCode.ScreeningNoList);
      // A south organization with a listed name is not screened against the north list.
      const southApplicant = await api.signIn('applicant@south.test');
      const southOrg = await registerOrganization(api, southApplicant, { legalName: 'Al Hassaka Spinning Project' });
      expect(await matches('m.organization_id = $1', [southOrg.id])).toEqual([]);
      expect(south.agency.id).not.toBe(north.agency.id);
    });
  });
});
