import { ApiErrorBody, CallVersionView, CallView, ErrorCode, GovernorateView, IntakePaths, ProgramView } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { callRequest, insertApplication, insertOrganization, programRequest, windowAround } from './calls-testing';

describe('programs and calls (real PostgreSQL)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let officer: string;
  let applicant: string;

  beforeAll(async () => {
    api = await ApiHarness.start('calls');
    north = await seedAgency(api.dataSource, 'north');
    officer = await api.signIn('officer@north.test');
    applicant = await api.signIn('applicant@north.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function lastRecord(): Promise<{ action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; reason: string | null; actor_label: string }> {
    return (await api.dataSource.query('SELECT action, entity_type, entity_id, before, after, reason, actor_label FROM activity_record ORDER BY seq DESC LIMIT 1'))[0];
  }

  async function newProgram(overrides: Parameters<typeof programRequest>[0] = {}): Promise<ProgramView> {
    const res = await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest(overrides) });
    expect(res.statusCode).toBe(201);
    return res.json<ProgramView>();
  }

  async function newCall(programId: string, overrides: Parameters<typeof callRequest>[0] = {}): Promise<CallView> {
    const res = await api.request('POST', `${IntakePaths.programs}/${programId}/calls`, { cookie: officer, body: callRequest(overrides) });
    expect(res.statusCode).toBe(201);
    return res.json<CallView>();
  }

  async function callCount(programId: string): Promise<number> {
    return (await api.dataSource.query('SELECT count(*)::int AS n FROM grant_call WHERE program_id = $1', [programId]))[0].n;
  }

  function fieldsOf(body: ApiErrorBody): string[] {
    return (body.fields ?? []).map((f) => f.field);
  }

  describe('governorates', () => {
    it('lists the 18 governorates of Iraq to any signed-in user, and to nobody else', async () => {
      const res = await api.request('GET', IntakePaths.governorates, { cookie: applicant });
      expect(res.statusCode).toBe(200);
      const list = res.json<GovernorateView[]>();
      expect(list).toHaveLength(18);
      expect(list).toContainEqual({ code: 'IQ-BA', nameEn: 'Basra', nameAr: 'البصرة', securityLevel: 'accessible' });
      expect((await api.request('GET', IntakePaths.governorates)).statusCode).toBe(401);
    });
  });

  describe('programs', () => {
    it('an officer creates a program; it is on the trail and in the agency’s list with its call count', async () => {
      const program = await newProgram();
      expect(program).toMatchObject({ ...programRequest(), callCount: 0 });
      expect(await lastRecord()).toMatchObject({ action: 'program.created', entity_type: 'program', entity_id: program.id, actor_label: 'officer@north.test' });
      await newCall(program.id);
      const list = (await api.request('GET', IntakePaths.programs, { cookie: officer })).json<ProgramView[]>();
      expect(list.find((p) => p.id === program.id)).toMatchObject({ callCount: 1 });
      const one = await api.request('GET', `${IntakePaths.programs}/${program.id}`, { cookie: officer });
      expect(one.json<ProgramView>()).toMatchObject({ id: program.id, budgetMinor: '5000000000', periodStart: '2027-01-01' });
    });

    it('refuses bad input naming each field, and saves nothing', async () => {
      const before = (await api.dataSource.query('SELECT count(*)::int AS n FROM program'))[0].n;
      const bad = await api.request('POST', IntakePaths.programs, {
        cookie: officer,
        body: programRequest({ budgetMinor: '12.50', currency: 'XYZ' as never, countries: ['iraq'], periodStart: '2027-13-01' }),
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad.json())).toEqual(expect.arrayContaining(['budgetMinor', 'currency', 'countries', 'periodStart']));

      const zero = await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest({ budgetMinor: '0' }) });
      expect(zero.json<ApiErrorBody>().fields).toEqual([{ field: 'budgetMinor', code: 'INVALID', message: 'The budget must be more than zero' }]);
      const backwards = await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest({ periodStart: '2028-01-01', periodEnd: '2027-12-31' }) });
      expect(fieldsOf(backwards.json())).toEqual(['periodEnd']);
      const impossible = await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest({ periodEnd: '2027-02-30' }) });
      expect(impossible.statusCode).toBe(400);
      expect(fieldsOf(impossible.json())).toEqual(['periodEnd']);
      const unknown = await api.request('POST', IntakePaths.programs, { cookie: officer, body: { ...programRequest(), agencyId: north.agency.id } });
      expect(unknown.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnknownFields, fields: [{ field: 'agencyId' }] });
      const floatBudget = await api.request('POST', IntakePaths.programs, { cookie: officer, body: { ...programRequest(), budgetMinor: 5000 } });
      expect(fieldsOf(floatBudget.json())).toContain('budgetMinor');
      expect((await api.dataSource.query('SELECT count(*)::int AS n FROM program'))[0].n).toBe(before);
    });
  });

  describe('creating a call', () => {
    let program: ProgramView;
    beforeAll(async () => {
      program = await newProgram({ currency: 'EUR' });
    });

    it('creates a draft at version 1 in the program’s currency; a deadline of 17:00 in Stockholm is stored as 15:00 UTC', async () => {
      const call = await newCall(program.id);
      expect(call).toMatchObject({
        programId: program.id,
        programName: program.name,
        status: 'draft',
        version: 1,
        currency: 'EUR',
        timeZone: 'Europe/Stockholm',
        opensAtLocal: '2027-01-15T09:00',
        closesAtLocal: '2027-03-31T17:00',
        opensAt: '2027-01-15T08:00:00.000Z',
        closesAt: '2027-03-31T15:00:00.000Z',
        isOpen: false,
        submittedCount: 0,
        publishedAt: null,
      });
      const [row] = await api.dataSource.query(`SELECT to_char(closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS utc FROM grant_call WHERE id = $1`, [call.id]);
      expect(row.utc).toBe('2027-03-31T15:00');
      expect(await lastRecord()).toMatchObject({ action: 'call.created', entity_type: 'call', entity_id: call.id });
    });

    it('rubric weights that do not sum to 100 are refused on rubric.criteria, saying the actual sum', async () => {
      const before = await callCount(program.id);
      const body = callRequest();
      body.rubric.criteria[0].weight = 30;
      const res = await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body });
      expect(res.statusCode).toBe(400);
      expect(res.json<ApiErrorBody>()).toMatchObject({
        code: ErrorCode.ValidationFailed,
        fields: [{ field: 'rubric.criteria', message: 'The weights must sum to exactly 100; they sum to 90' }],
      });
      expect(await callCount(program.id)).toBe(before);
    });

    it('names the field: close before open, unknown zone, bad local time, scale length, duplicate criterion, shares, documents', async () => {
      const post = (overrides: Parameters<typeof callRequest>[0]) =>
        api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: callRequest(overrides) });
      const cases: [Parameters<typeof callRequest>[0], string][] = [
        [{ opensAtLocal: '2027-04-01T09:00', closesAtLocal: '2027-03-31T17:00' }, 'closesAtLocal'],
        [{ timeZone: 'Europe/Atlantis' }, 'timeZone'],
        [{ opensAtLocal: '15/01/2027 09:00' }, 'opensAtLocal'],
        [{ rubric: { criteria: [{ id: 'a', title: 'A', description: '', weight: 100 }], scale: ['0', '1', '2', '3', '4'] } }, 'rubric.scale'],
        [
          {
            rubric: {
              criteria: [
                { id: 'a', title: 'A', description: '', weight: 50 },
                { id: 'a', title: 'B', description: '', weight: 50 },
              ],
              scale: ['0', '1', '2', '3', '4', '5'],
            },
          },
          'rubric.criteria.1.id',
        ],
        [{ minCofundingBp: 12_000 }, 'minCofundingBp'],
        [{ adminCapBp: 7.5 }, 'adminCapBp'],
        [{ maxGrantMinor: '600000000' }, 'maxGrantMinor'],
        [{ requiredDocuments: ['statutes', 'passport' as never] }, 'requiredDocuments.1'],
        [{ hostCountries: ['Sweden'] }, 'hostCountries.0'],
        [{ envelopeMinor: '1e9' }, 'envelopeMinor'],
      ];
      for (const [overrides, field] of cases) {
        const res = await post(overrides);
        expect({ field, status: res.statusCode }).toEqual({ field, status: 400 });
        expect(fieldsOf(res.json())).toEqual([field]);
      }
    });

    it('refuses an envelope above what the program has left, naming envelopeMinor', async () => {
      const small = await newProgram({ budgetMinor: '1000000' });
      await newCall(small.id, { envelopeMinor: '600000', maxGrantMinor: '100000' });
      const res = await api.request('POST', `${IntakePaths.programs}/${small.id}/calls`, {
        cookie: officer,
        body: callRequest({ envelopeMinor: '400001', maxGrantMinor: '100000' }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ApiErrorBody>().fields).toEqual([
        { field: 'envelopeMinor', code: 'INVALID', message: 'The envelope of 4000.01 SEK is more than the program has left: 4000.00 SEK of its 10000.00 SEK budget' },
      ]);
      await newCall(small.id, { envelopeMinor: '400000', maxGrantMinor: '100000' });
    });

    it('refuses unknown fields, at the top and inside the rubric', async () => {
      const top = await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: { ...callRequest(), status: 'published' } });
      expect(top.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnknownFields, fields: [{ field: 'status' }] });
      const body = callRequest();
      (body.rubric.criteria[0] as unknown as Record<string, unknown>)['bonus'] = 5;
      const nested = await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body });
      expect(nested.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnknownFields, fields: [{ field: 'rubric.criteria.0.bonus' }] });
      const missing = await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: { ...callRequest(), rubric: undefined } });
      expect(missing.statusCode).toBe(400);
      expect(fieldsOf(missing.json())).toContain('rubric');
    });

    it('ten officers’ calls at once never commit more than the program’s budget', async () => {
      const tight = await newProgram({ budgetMinor: '1000000' });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api.request('POST', `${IntakePaths.programs}/${tight.id}/calls`, {
            cookie: officer,
            body: callRequest({ title: `Parallel call ${i}`, envelopeMinor: '300000', maxGrantMinor: '100000' }),
          }),
        ),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 201, 201, 400, 400, 400, 400, 400, 400, 400]);
      const [sum] = await api.dataSource.query('SELECT sum(envelope_minor)::text AS total FROM grant_call WHERE program_id = $1', [tight.id]);
      expect(BigInt(sum.total)).toBe(900000n);
      for (const r of results.filter((x) => x.statusCode === 400)) expect(fieldsOf(r.json())).toEqual(['envelopeMinor']);
    });

    it('404 for a program that does not exist or is not an id', async () => {
      expect((await api.request('POST', `${IntakePaths.programs}/00000000-0000-4000-8000-000000000000/calls`, { cookie: officer, body: callRequest() })).statusCode).toBe(404);
      expect((await api.request('POST', `${IntakePaths.programs}/nope/calls`, { cookie: officer, body: callRequest() })).statusCode).toBe(404);
      expect((await api.request('GET', `${IntakePaths.calls}/nope`, { cookie: officer })).statusCode).toBe(404);
    });
  });

  describe('publishing, editing and correcting', () => {
    let program: ProgramView;
    beforeAll(async () => {
      program = await newProgram();
    });

    it('publishes a draft once; the trail records it', async () => {
      const call = await newCall(program.id, windowAround(new Date(), -60, 60 * 24));
      const published = await api.request('POST', `${IntakePaths.calls}/${call.id}/publish`, { cookie: officer });
      expect(published.statusCode).toBe(200);
      expect(published.json<CallView>()).toMatchObject({ status: 'published', isOpen: true, version: 1, publishedAt: expect.any(String) });
      expect(await lastRecord()).toMatchObject({ action: 'call.published', entity_id: call.id, before: { status: 'draft' }, after: { status: 'published' } });
      const again = await api.request('POST', `${IntakePaths.calls}/${call.id}/publish`, { cookie: officer });
      expect(again.statusCode).toBe(409);
    });

    it('will not publish a call whose closing time has passed', async () => {
      const call = await newCall(program.id, windowAround(new Date(), -120, -60));
      const res = await api.request('POST', `${IntakePaths.calls}/${call.id}/publish`, { cookie: officer });
      expect(res.statusCode).toBe(409);
      expect(fieldsOf(res.json())).toEqual(['closesAtLocal']);
    });

    it('edits a draft in place, on the trail; a correction of a draft is refused', async () => {
      const call = await newCall(program.id);
      const res = await api.request('PUT', `${IntakePaths.calls}/${call.id}`, { cookie: officer, body: callRequest({ title: 'Renamed call', adminCapBp: 800 }) });
      expect(res.statusCode).toBe(200);
      expect(res.json<CallView>()).toMatchObject({ title: 'Renamed call', adminCapBp: 800, version: 1 });
      expect(await lastRecord()).toMatchObject({ action: 'call.updated', before: { title: 'Water and livelihoods 2027', adminCapBp: 700 }, after: { title: 'Renamed call', adminCapBp: 800 } });
      const correction = await api.request('POST', `${IntakePaths.calls}/${call.id}/corrections`, { cookie: officer, body: { ...callRequest(), reason: 'typo' } });
      expect(correction.statusCode).toBe(409);
    });

    it('an edit is checked like a creation, and its own envelope does not count against itself', async () => {
      const tight = await newProgram({ budgetMinor: '1000000' });
      const call = await newCall(tight.id, { envelopeMinor: '1000000', maxGrantMinor: '100000' });
      const same = await api.request('PUT', `${IntakePaths.calls}/${call.id}`, { cookie: officer, body: callRequest({ envelopeMinor: '1000000', maxGrantMinor: '200000' }) });
      expect(same.statusCode).toBe(200);
      const over = await api.request('PUT', `${IntakePaths.calls}/${call.id}`, { cookie: officer, body: callRequest({ envelopeMinor: '1000001', maxGrantMinor: '200000' }) });
      expect(fieldsOf(over.json())).toEqual(['envelopeMinor']);
      const weights = callRequest();
      weights.rubric.criteria[2].weight = 30;
      const bad = await api.request('PUT', `${IntakePaths.calls}/${call.id}`, { cookie: officer, body: weights });
      expect(bad.json<ApiErrorBody>().fields).toEqual([{ field: 'rubric.criteria', code: 'INVALID', message: 'The weights must sum to exactly 100; they sum to 105' }]);
      const stored = (await api.request('GET', `${IntakePaths.calls}/${call.id}`, { cookie: officer })).json<CallView>();
      expect(stored.maxGrantMinor).toBe('200000');
    });

    it('after a submission, edits are refused (409: file a correction); a correction makes version 2 with the reason on the trail', async () => {
      const call = await newCall(program.id, windowAround(new Date(), -60, 60 * 24));
      await api.request('POST', `${IntakePaths.calls}/${call.id}/publish`, { cookie: officer });
      const opened = await api.request('PUT', `${IntakePaths.calls}/${call.id}`, {
        cookie: officer,
        body: callRequest({ ...windowAround(new Date(), -60, 60 * 24), title: 'Published, nobody applied yet' }),
      });
      expect(opened.statusCode).toBe(200);

      const organizationId = await insertOrganization(api.dataSource, { agencyId: north.agency.id, createdBy: north.users.applicant.id, name: 'Sabil Association' });
      await insertApplication(api.dataSource, { callId: call.id, organizationId, agencyId: north.agency.id, userId: north.users.applicant.id, state: 'submitted' });
      await insertApplication(api.dataSource, { callId: call.id, organizationId, agencyId: north.agency.id, userId: north.users.applicant.id, state: 'draft' });
      const current = (await api.request('GET', `${IntakePaths.calls}/${call.id}`, { cookie: officer })).json<CallView>();
      expect(current.submittedCount).toBe(1);

      const previousRules = callRequest({ ...windowAround(new Date(), -60, 60 * 24), title: 'Published, nobody applied yet' });
      const edit = await api.request('PUT', `${IntakePaths.calls}/${call.id}`, { cookie: officer, body: { ...previousRules, adminCapBp: 1000 } });
      expect(edit.statusCode).toBe(409);
      expect(edit.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.Conflict, message: expect.stringContaining('file a correction') });
      expect(current.adminCapBp).toBe(700);

      const noReason = await api.request('POST', `${IntakePaths.calls}/${call.id}/corrections`, { cookie: officer, body: { ...previousRules, adminCapBp: 1000, reason: '  ' } });
      expect(noReason.statusCode).toBe(400);
      expect(fieldsOf(noReason.json())).toEqual(['reason']);
      const missingReason = await api.request('POST', `${IntakePaths.calls}/${call.id}/corrections`, { cookie: officer, body: { ...previousRules, adminCapBp: 1000 } });
      expect(fieldsOf(missingReason.json())).toContain('reason');

      const corrected = await api.request('POST', `${IntakePaths.calls}/${call.id}/corrections`, {
        cookie: officer,
        body: { ...previousRules, adminCapBp: 1000, reason: 'The admin cap in the call text was 10 %, the form said 7 %' },
      });
      expect(corrected.statusCode).toBe(201);
      expect(corrected.json<CallView>()).toMatchObject({ version: 2, adminCapBp: 1000, status: 'published', submittedCount: 1 });
      const record = await lastRecord();
      expect(record).toMatchObject({
        action: 'call.corrected',
        entity_id: call.id,
        reason: 'The admin cap in the call text was 10 %, the form said 7 %',
        before: { version: 1, rules: { adminCapBp: 700 } },
        after: { version: 2, rules: { adminCapBp: 1000 } },
      });
      const [kept] = await api.dataSource.query('SELECT version, rules, reason FROM grant_call_version WHERE call_id = $1', [call.id]);
      expect(kept).toMatchObject({ version: 1, rules: { adminCapBp: 700 }, reason: 'The admin cap in the call text was 10 %, the form said 7 %' });

      const versions = (await api.request('GET', `${IntakePaths.calls}/${call.id}/versions`, { cookie: officer })).json<CallVersionView[]>();
      expect(versions.map((v) => [v.version, v.rules.adminCapBp, v.reason])).toEqual([
        [1, 700, ''],
        [2, 1000, 'The admin cap in the call text was 10 %, the form said 7 %'],
      ]);
      expect(versions[1].createdBy).toBe('officer of north');
      // Applicants may see how a published call's rules changed.
      expect((await api.request('GET', `${IntakePaths.calls}/${call.id}/versions`, { cookie: applicant })).statusCode).toBe(200);

      const overBudget = await api.request('POST', `${IntakePaths.calls}/${call.id}/corrections`, {
        cookie: officer,
        body: { ...previousRules, envelopeMinor: '5000000001', reason: 'bigger envelope' },
      });
      expect(fieldsOf(overBudget.json())).toEqual(['envelopeMinor']);
      expect((await api.request('GET', `${IntakePaths.calls}/${call.id}`, { cookie: officer })).json<CallView>().version).toBe(2);
    });

    it('lists the agency’s calls, optionally by program; an unknown program id is refused', async () => {
      const other = await newProgram({ name: 'Second program' });
      const mine = await newCall(other.id, { title: 'Only call of the second program' });
      const byProgram = (await api.request('GET', `${IntakePaths.calls}?programId=${other.id}`, { cookie: officer })).json<CallView[]>();
      expect(byProgram.map((c) => c.id)).toEqual([mine.id]);
      const all = (await api.request('GET', IntakePaths.calls, { cookie: officer })).json<CallView[]>();
      expect(all.length).toBeGreaterThan(1);
      const bad = await api.request('GET', `${IntakePaths.calls}?programId=nope`, { cookie: officer });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad.json())).toEqual(['programId']);
    });
  });

  describe('open calls for applicants', () => {
    it('lists published calls open now and opening later (isOpen false), by closing time; not closed ones, not drafts', async () => {
      const program = await newProgram({ name: 'Window program' });
      const now = new Date();
      const openLate = await newCall(program.id, { ...windowAround(now, -60, 60 * 48), title: 'Open, closes in two days' });
      const openSoon = await newCall(program.id, { ...windowAround(now, -60, 60 * 24), title: 'Open, closes tomorrow' });
      const future = await newCall(program.id, { ...windowAround(now, 60 * 24, 60 * 72), title: 'Opens tomorrow' });
      const closed = await newCall(program.id, { ...windowAround(now, 60, 120), title: 'Closed already' });
      const draft = await newCall(program.id, { ...windowAround(now, -60, 60 * 24), title: 'Still a draft' });
      for (const c of [openLate, openSoon, future, closed]) {
        expect((await api.request('POST', `${IntakePaths.calls}/${c.id}/publish`, { cookie: officer })).statusCode).toBe(200);
      }
      await api.dataSource.query(`UPDATE grant_call SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 second' WHERE id = $1`, [closed.id]);

      const res = await api.request('GET', IntakePaths.openCalls, { cookie: applicant });
      expect(res.statusCode).toBe(200);
      const list = res.json<CallView[]>().filter((c) => c.programId === program.id);
      expect(list.map((c) => [c.title, c.isOpen])).toEqual([
        ['Open, closes tomorrow', true],
        ['Open, closes in two days', true],
        ['Opens tomorrow', false],
      ]);
      expect(list.map((c) => c.id)).not.toContain(draft.id);

      // An applicant reads a published call, not a draft (404, as if it did not exist).
      expect((await api.request('GET', `${IntakePaths.calls}/${openSoon.id}`, { cookie: applicant })).json<CallView>()).toMatchObject({ isOpen: true });
      expect((await api.request('GET', `${IntakePaths.calls}/${closed.id}`, { cookie: applicant })).json<CallView>()).toMatchObject({ isOpen: false });
      expect((await api.request('GET', `${IntakePaths.calls}/${draft.id}`, { cookie: applicant })).statusCode).toBe(404);
      expect((await api.request('GET', `${IntakePaths.calls}/${draft.id}/versions`, { cookie: applicant })).statusCode).toBe(404);
    });
  });
});
