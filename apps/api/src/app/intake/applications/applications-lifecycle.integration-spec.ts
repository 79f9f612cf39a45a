import { createHash } from 'node:crypto';
import { ApiErrorBody, ApplicationVersionView, ApplicationView, ErrorCode, SubmitReceipt } from '@mizan/contracts';
import { APPLICATION_LIMITS, ApplicationContent, BudgetLine, LINE_AMOUNT_MAX_MINOR, canonicalJson, lineAmountProblem, parseDecimal } from '@mizan/domain';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { createCall, createOrganization, createPartner, createProgram, createUser, goodContent } from './applications.fixtures';

const PATH = 'applications';

interface TrailRow {
  action: string;
  actor_label: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

describe('applications: draft, autosave, submit, screening, resubmit', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let programId: string;
  let callId: string;
  let orgA: string;
  let orgB: string;
  let partnerA1: string;
  let partnerA2: string;
  let partnerB1: string;
  const t = {} as { alice: string; amir: string; officer: string; partner: string };

  beforeAll(async () => {
    api = await ApiHarness.start('applications_life');
    const ds = api.dataSource;
    north = await seedAgency(ds, 'north');
    const amir = await createUser(ds, north.agency.id, 'amir@north.test', 'applicant');
    const bashir = await createUser(ds, north.agency.id, 'bashir@north.test', 'applicant');
    programId = await createProgram(ds, north.agency.id, north.users.officer.id);
    callId = await createCall(ds, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id });
    orgA = await createOrganization(ds, north.agency.id, 'Rafidain Health Association', [north.users.applicant.id, amir.id]);
    orgB = await createOrganization(ds, north.agency.id, 'Tigris Culture Society', [bashir.id]);
    partnerA1 = await createPartner(ds, orgA, 'Basra Mental Health Network', 'IQ-BA', [north.users.partner.id]);
    partnerA2 = await createPartner(ds, orgA, 'Mosul Women Forum', 'IQ-NI');
    partnerB1 = await createPartner(ds, orgB, 'Najaf Heritage Group', 'IQ-NA');
    t.alice = await api.signIn('applicant@north.test');
    t.amir = await api.signIn('amir@north.test');
    t.officer = await api.signIn('officer@north.test');
    t.partner = await api.signIn('partner@north.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function createDraft(title: string, call = callId, token = t.alice): Promise<ApplicationView> {
    const response = await api.request('POST', PATH, { cookie: token, body: { callId: call, organizationId: orgA, title } });
    expect(response.statusCode).toBe(201);
    return response.json<ApplicationView>();
  }

  async function save(id: string, version: number, content: ApplicationContent, token = t.alice) {
    return api.request('PUT', `${PATH}/${id}`, { cookie: token, body: { version, content } });
  }

  async function saved(id: string, version: number, content: ApplicationContent, token = t.alice): Promise<ApplicationView> {
    const response = await save(id, version, content, token);
    expect(response.statusCode).toBe(200);
    return response.json<ApplicationView>();
  }

  async function trailOf(id: string): Promise<TrailRow[]> {
    return (await api.dataSource.query(`SELECT action, actor_label, before, after, reason FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [id])) as TrailRow[];
  }

  async function row(id: string) {
    const [r] = (await api.dataSource.query(`SELECT state, version, content, requested_minor::text AS requested, title, receipt_number FROM application WHERE id = $1`, [id])) as {
      state: string;
      version: number;
      content: ApplicationContent;
      requested: string;
      title: string;
      receipt_number: string | null;
    }[];
    return r;
  }

  async function versionCount(id: string): Promise<number> {
    const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM application_version WHERE application_id = $1`, [id])) as { n: number }[];
    return n;
  }

  describe('create', () => {
    it('creates an empty draft in the call currency, on the trail', async () => {
      const view = await createDraft('Psychosocial support in Basra');
      expect(view).toMatchObject({
        state: 'draft',
        version: 1,
        currency: 'SEK',
        title: 'Psychosocial support in Basra',
        organizationName: 'Rafidain Health Association',
        callTitle: 'Health partnerships',
        requestedMinor: '0',
        editable: true,
        receiptNumber: null,
        versions: [],
        callTimeZone: 'Europe/Stockholm',
      });
      expect(view.content.title).toBe('Psychosocial support in Basra');
      expect(view.content.budgetLines).toEqual([]);
      expect(view.allowedActions).toEqual(['submit', 'withdraw']);
      expect(view.eligibility.find((r) => r.rule === 'requested_amount')?.passed).toBe(false);
      const trail = await trailOf(view.id);
      expect(trail).toEqual([expect.objectContaining({ action: 'application.created', actor_label: 'applicant@north.test' })]);
    });

    it('refuses a call that is not yet open, or already closed, naming when in the call zone', async () => {
      const early = await createCall(api.dataSource, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id, opensInSeconds: 86_400, closesInSeconds: 2 * 86_400 });
      const late = await createCall(api.dataSource, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id, opensInSeconds: -2 * 86_400, closesInSeconds: -60 });
      const a = await api.request('POST', PATH, { cookie: t.alice, body: { callId: early, organizationId: orgA, title: 'Too early' } });
      expect(a.statusCode).toBe(409);
      expect(a.json<ApiErrorBody>().message).toMatch(/not yet open: it opens at \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Europe\/Stockholm\)/);
      const b = await api.request('POST', PATH, { cookie: t.alice, body: { callId: late, organizationId: orgA, title: 'Too late' } });
      expect(b.statusCode).toBe(409);
      expect(b.json<ApiErrorBody>().message).toMatch(/closed at \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Europe\/Stockholm\)/);
    });

    it('does not show a call still in draft, nor an organization the caller is not a member of', async () => {
      const draft = await createCall(api.dataSource, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id, status: 'draft' });
      const a = await api.request('POST', PATH, { cookie: t.alice, body: { callId: draft, organizationId: orgA, title: 'Draft call' } });
      expect(a.statusCode).toBe(404);
      const b = await api.request('POST', PATH, { cookie: t.alice, body: { callId, organizationId: orgB, title: 'Not my organization' } });
      expect(b.statusCode).toBe(404);
      expect(b.json<ApiErrorBody>().message).toBe('Organization was not found');
    });

    it('names bad fields of the request', async () => {
      const response = await api.request('POST', PATH, { cookie: t.alice, body: { callId: 'nope', organizationId: orgA, title: '  ' } });
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().fields?.map((f) => f.field).sort()).toEqual(['callId', 'title']);
    });
  });

  describe('autosave', () => {
    it('saves the content, recomputes the amount asked, keeps partners in step, and puts one small record on the trail', async () => {
      const draft = await createDraft('First sitting');
      const content = goodContent([partnerA1, partnerA2], { title: 'Second sitting title' });
      const view = await saved(draft.id, 1, content);
      expect(view.version).toBe(2);
      expect(view.title).toBe('Second sitting title');
      expect(view.content).toEqual(content);
      expect(view.requestedMinor).toBe('86000000');
      expect(view.totals).toEqual({
        totalBudgetMinor: '96000000',
        cofundingMinor: '10000000',
        requestedMinor: '86000000',
        adminMinor: '6000000',
        adminShareBp: 625,
        cofundingShareBp: 1041,
      });
      expect(view.eligibility.every((r) => r.passed)).toBe(true);
      const partners = (await api.dataSource.query(`SELECT partner_organization_id AS id FROM application_partner WHERE application_id = $1`, [draft.id])) as { id: string }[];
      expect(partners.map((p) => p.id).sort()).toEqual([partnerA1, partnerA2].sort());

      // A reload (the second sitting) shows exactly what was saved.
      const reloaded = await api.request('GET', `${PATH}/${draft.id}`, { cookie: t.alice });
      expect(reloaded.json<ApplicationView>().content).toEqual(content);

      const fewer = await saved(draft.id, 2, { ...content, partnerIds: [partnerA2] });
      expect(fewer.version).toBe(3);
      const after = (await api.dataSource.query(`SELECT partner_organization_id AS id FROM application_partner WHERE application_id = $1`, [draft.id])) as { id: string }[];
      expect(after.map((p) => p.id)).toEqual([partnerA2]);

      const saves = (await trailOf(draft.id)).filter((r) => r.action === 'application.draft_saved');
      expect(saves).toHaveLength(2);
      expect(saves[0].before).toEqual({ version: 1, requestedMinor: '0' });
      expect(saves[0].after).toEqual({ version: 2, requestedMinor: '86000000' });
    });

    it('two members saving from the same version: the second gets a conflict naming the current version, and the first keeps their work', async () => {
      const draft = await createDraft('Shared draft');
      const aliceContent = goodContent([partnerA1], { summary: 'Alice wrote this' });
      const amirContent = goodContent([partnerA1], { summary: 'Amir wrote this' });
      const first = await save(draft.id, 1, aliceContent, t.alice);
      expect(first.statusCode).toBe(200);
      const second = await save(draft.id, 1, amirContent, t.amir);
      expect(second.statusCode).toBe(409);
      const error = second.json<ApiErrorBody>();
      expect(error.code).toBe(ErrorCode.Conflict);
      expect(error.message).toBe('This application was changed by someone else (version 2 is current); reload to see their changes');
      const stored = await row(draft.id);
      expect(stored.version).toBe(2);
      expect(stored.content.summary).toBe('Alice wrote this');
      expect((await trailOf(draft.id)).filter((r) => r.action === 'application.draft_saved')).toHaveLength(1);

      // Amir reloads and saves on top of version 2.
      const third = await saved(draft.id, 2, amirContent, t.amir);
      expect(third.version).toBe(3);
    });

    it('concurrent saves from one version: exactly one wins', async () => {
      const draft = await createDraft('Race');
      const results = await Promise.all(
        ['one', 'two', 'three', 'four'].map((s, i) => save(draft.id, 1, goodContent([], { summary: s }), i % 2 ? t.amir : t.alice)),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
      expect((await row(draft.id)).version).toBe(2);
    });

    it('rejects bad content naming each field, and writes nothing of it', async () => {
      const draft = await createDraft('Validation');
      const good = await saved(draft.id, 1, goodContent([partnerA1]));
      const base = goodContent([partnerA1]);
      const line = base.budgetLines[0];
      const cases: { content: unknown; field: string }[] = [
        { content: { ...base, budgetLines: [{ ...line, amountMinor: '12.50' }] }, field: 'content.budgetLines.0.amountMinor' },
        { content: { ...base, budgetLines: [{ ...line, amountMinor: '-100' }] }, field: 'content.budgetLines.0.amountMinor' },
        { content: { ...base, budgetLines: [{ ...line, amountMinor: 1250.5 }] }, field: 'content.budgetLines.0.amountMinor' },
        { content: { ...base, budgetLines: [{ ...line, amountMinor: '1e9' }] }, field: 'content.budgetLines.0.amountMinor' },
        { content: { ...base, budgetLines: [{ ...line, amountMinor: '1234567890123456' }] }, field: 'content.budgetLines.0.amountMinor' },
        { content: { ...base, budgetLines: [{ ...line, category: 'bribes' }] }, field: 'content.budgetLines.0.category' },
        { content: { ...base, budgetLines: [{ ...line, year: 1999 }] }, field: 'content.budgetLines.0.year' },
        { content: { ...base, budgetLines: [{ ...line, id: '' }] }, field: 'content.budgetLines.0.id' },
        { content: { ...base, cofunding: [{ ...base.cofunding[0], amountMinor: '0.5' }] }, field: 'content.cofunding.0.amountMinor' },
        { content: { ...base, risks: [{ ...base.risks[0], likelihood: 'extreme' }] }, field: 'content.risks.0.likelihood' },
        { content: { ...base, risks: [{ ...base.risks[0], area: 'weather' }] }, field: 'content.risks.0.area' },
        { content: { ...base, summary: 'x'.repeat(20_001) }, field: 'content.summary' },
        { content: { ...base, durationMonths: 0 }, field: 'content.durationMonths' },
        { content: { ...base, outcomes: [{ ...base.outcomes[0], outputs: [{ id: 'o', title: 't', indicators: [{ id: 'i' }] }] }] }, field: 'content.outcomes.0.outputs.0.indicators.0.name' },
        { content: { ...base, activities: [{ ...base.activities[0], governorates: ['IQ-XX'] }] }, field: 'content.activities.0.governorates' },
        { content: { ...base, activities: [{ ...base.activities[0], months: [13] }] }, field: 'content.activities.0.months' },
        { content: { ...base, partnerIds: [partnerB1] }, field: 'content.partnerIds' },
        { content: { ...base, partnerIds: ['not-a-uuid'] }, field: 'content.partnerIds' },
      ];
      for (const c of cases) {
        const response = await api.request('PUT', `${PATH}/${draft.id}`, { cookie: t.alice, body: { version: good.version, content: c.content } });
        expect({ field: c.field, status: response.statusCode }).toEqual({ field: c.field, status: 400 });
        const body = response.json<ApiErrorBody>();
        expect(body.code).toBe(ErrorCode.ValidationFailed);
        expect(body.fields?.map((f) => f.field)).toContain(c.field);
      }
      const unknown = await api.request('PUT', `${PATH}/${draft.id}`, { cookie: t.alice, body: { version: good.version, content: { ...base, secret: 1 } } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnknownFields, fields: [{ field: 'content.secret' }] });

      const stored = await row(draft.id);
      expect(stored.version).toBe(good.version);
      expect(stored.content).toEqual(base);
    });

    it('sums 15-digit amounts exactly, past the precision of floating point', async () => {
      const draft = await createDraft('Large amounts');
      const lines: BudgetLine[] = Array.from({ length: 10 }, (_, i) => ({ id: `L${i}`, category: 'activities', year: 2027, description: 'big', amountMinor: '999999999999999' }));
      lines.push({ id: 'L10', category: 'admin', year: 2028, description: 'odd', amountMinor: '7' });
      const content = goodContent([], { budgetLines: lines, cofunding: [{ id: 'c', source: 'own', amountMinor: '2', confirmed: true }] });
      const view = await saved(draft.id, 1, content);
      // 10 × 999,999,999,999,999 + 7 = 9,999,999,999,999,997 — a double would say …996 or …998.
      expect(view.totals.totalBudgetMinor).toBe('9999999999999997');
      expect(view.totals.requestedMinor).toBe('9999999999999995');
      expect(view.requestedMinor).toBe('9999999999999995');
      expect((await row(draft.id)).requested).toBe('9999999999999995');
      expect(Number('9999999999999995').toString()).not.toBe('9999999999999995');
    });

    it('holds the limits of the domain, the ones the web editor validates with (APPLICATION_LIMITS, LINE_AMOUNT_MAX_MINOR)', async () => {
      const draft = await createDraft('Limits');
      const base = goodContent([partnerA1]);
      const line = base.budgetLines[0];
      const max = LINE_AMOUNT_MAX_MINOR.toString();
      const atLimit = await saved(draft.id, 1, { ...base, title: 't'.repeat(APPLICATION_LIMITS.shortText), budgetLines: [{ ...line, amountMinor: max }] });
      expect(atLimit.content.budgetLines[0].amountMinor).toBe(max);
      // What a browser would send for 15 digits typed in whole SEK: 17 digits of öre.
      const typed = parseDecimal('999999999999999', 'SEK').toString();
      expect(lineAmountProblem(BigInt(typed))).toBe('too_large');
      const cases: { content: ApplicationContent; field: string }[] = [
        { content: { ...base, budgetLines: [{ ...line, amountMinor: (LINE_AMOUNT_MAX_MINOR + 1n).toString() }] }, field: 'content.budgetLines.0.amountMinor' },
        { content: { ...base, budgetLines: [{ ...line, amountMinor: typed }] }, field: 'content.budgetLines.0.amountMinor' },
        { content: { ...base, cofunding: [{ ...base.cofunding[0], amountMinor: typed }] }, field: 'content.cofunding.0.amountMinor' },
        { content: { ...base, title: 't'.repeat(APPLICATION_LIMITS.shortText + 1) }, field: 'content.title' },
        { content: { ...base, monitoringPlan: 'm'.repeat(APPLICATION_LIMITS.longText + 1) }, field: 'content.monitoringPlan' },
        { content: { ...base, durationMonths: APPLICATION_LIMITS.durationMonths + 1 }, field: 'content.durationMonths' },
        { content: { ...base, budgetLines: [{ ...line, year: APPLICATION_LIMITS.yearMax + 1 }] }, field: 'content.budgetLines.0.year' },
        {
          content: { ...base, risks: Array.from({ length: APPLICATION_LIMITS.risks + 1 }, (_, i) => ({ ...base.risks[0], id: `r${i}` })) },
          field: 'content.risks',
        },
      ];
      for (const c of cases) {
        const response = await save(draft.id, atLimit.version, c.content);
        expect({ field: c.field, status: response.statusCode }).toEqual({ field: c.field, status: 400 });
        const body = response.json<ApiErrorBody>();
        expect(body.fields?.map((f) => f.field)).toContain(c.field);
      }
      const tooLarge = (await save(draft.id, atLimit.version, cases[0].content)).json<ApiErrorBody>();
      expect(tooLarge.fields?.[0].message).toContain(max);
    });
  });

  describe('submit', () => {
    it('blocks on the admin-cost cap, then submits once fixed: receipt, frozen version, sha256 on the trail', async () => {
      const draft = await createDraft('Cap check');
      const tooMuchAdmin = goodContent([partnerA1], {
        budgetLines: [
          { id: 'b1', category: 'personnel', year: 2027, description: 'Trainers', amountMinor: '60000000' },
          { id: 'b2', category: 'activities', year: 2027, description: 'Workshops', amountMinor: '30000000' },
          { id: 'b3', category: 'admin', year: 2027, description: 'Office', amountMinor: '10000000' },
        ],
      });
      const v2 = await saved(draft.id, 1, tooMuchAdmin);
      expect(v2.eligibility.find((r) => r.rule === 'admin_cost_cap')?.passed).toBe(false);

      const refused = await api.request('POST', `${PATH}/${draft.id}/submit`, { cookie: t.alice, body: { version: v2.version } });
      expect(refused.statusCode).toBe(400);
      const error = refused.json<ApiErrorBody>();
      expect(error.code).toBe(ErrorCode.ValidationFailed);
      expect(error.fields).toEqual([{ field: 'admin_cost_cap', code: 'INVALID', message: expect.stringContaining('above the cap of 7 %') }]);
      expect((await row(draft.id)).state).toBe('draft');
      expect(await versionCount(draft.id)).toBe(0);

      const fixed = goodContent([partnerA1]);
      const v3 = await saved(draft.id, v2.version, fixed);
      const response = await api.request('POST', `${PATH}/${draft.id}/submit`, { cookie: t.alice, body: { version: v3.version } });
      expect(response.statusCode).toBe(201);
      const receipt = response.json<SubmitReceipt>();
      const sha = createHash('sha256').update(canonicalJson(fixed), 'utf8').digest('hex');
      expect(receipt).toMatchObject({ versionNumber: 1, contentSha256: sha });
      expect(receipt.receiptNumber).toMatch(/^MZ-\d{4}-\d{6}$/);

      const view = (await api.request('GET', `${PATH}/${draft.id}`, { cookie: t.alice })).json<ApplicationView>();
      expect(view).toMatchObject({ state: 'submitted', receiptNumber: receipt.receiptNumber, submittedAt: receipt.submittedAt, editable: false, allowedActions: ['withdraw'] });
      expect(view.versions).toEqual([{ number: 1, kind: 'submission', submittedAt: receipt.submittedAt, receiptNumber: receipt.receiptNumber }]);

      const frozen = (await api.request('GET', `${PATH}/${draft.id}/versions/1`, { cookie: t.alice })).json<ApplicationVersionView>();
      expect(frozen).toMatchObject({ number: 1, kind: 'submission', content: fixed, contentSha256: sha, receiptNumber: receipt.receiptNumber, callVersion: 1 });
      expect(frozen.totals.requestedMinor).toBe('86000000');
      expect(frozen.eligibility.every((r) => r.passed)).toBe(true);

      const submitted = (await trailOf(draft.id)).find((r) => r.action === 'application.submitted');
      expect(submitted?.after).toMatchObject({ state: 'submitted', receiptNumber: receipt.receiptNumber, contentSha256: sha, versionNumber: 1 });
      expect(submitted?.before).toEqual({ state: 'draft' });

      // Once submitted: no second submit, no more edits, and the frozen row refuses any change in the database itself.
      const again = await api.request('POST', `${PATH}/${draft.id}/submit`, { cookie: t.alice, body: { version: view.version } });
      expect(again.statusCode).toBe(409);
      expect(again.json<ApiErrorBody>().message).toContain('submitted');
      const edit = await save(draft.id, view.version, fixed);
      expect(edit.statusCode).toBe(409);
      expect(edit.json<ApiErrorBody>().message).toBe('This application is submitted and can no longer be edited');
      // The api's role has no UPDATE or DELETE on it at all; the trigger stops even the owner.
      await expect(api.dataSource.query(`UPDATE application_version SET content = '{}'::jsonb WHERE application_id = $1`, [draft.id])).rejects.toThrow(/permission denied/);
      await expect(api.dataSource.query(`DELETE FROM application_version WHERE application_id = $1`, [draft.id])).rejects.toThrow(/permission denied/);
      await expect(api.env.queryAs('owner', `UPDATE application_version SET content = '{}'::jsonb WHERE application_id = $1`, [draft.id])).rejects.toThrow(/frozen/);
      await expect(api.env.queryAs('owner', `DELETE FROM application_version WHERE application_id = $1`, [draft.id])).rejects.toThrow(/frozen/);
      expect((await api.request('GET', `${PATH}/${draft.id}/versions/1`, { cookie: t.alice })).json<ApplicationVersionView>().contentSha256).toBe(sha);
    });

    it('refuses a submission from a stale version', async () => {
      const draft = await createDraft('Stale');
      const v2 = await saved(draft.id, 1, goodContent([partnerA1]));
      const response = await api.request('POST', `${PATH}/${draft.id}/submit`, { cookie: t.amir, body: { version: v2.version - 1 } });
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().message).toContain(`version ${v2.version} is current`);
    });

    it('refuses a submission one second after the close, naming the deadline and its zone, and writes nothing', async () => {
      const closing = await createCall(api.dataSource, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id, closesInSeconds: 3600, timeZone: 'Asia/Baghdad' });
      const draft = await createDraft('Last minute', closing);
      const v2 = await saved(draft.id, 1, goodContent([partnerA1]));
      await api.dataSource.query(`UPDATE grant_call SET closes_at = now() - interval '1 second' WHERE id = $1`, [closing]);
      const [{ local }] = (await api.dataSource.query(`SELECT to_char(closes_at AT TIME ZONE 'Asia/Baghdad', 'YYYY-MM-DD HH24:MI') AS local FROM grant_call WHERE id = $1`, [closing])) as {
        local: string;
      }[];

      const response = await api.request('POST', `${PATH}/${draft.id}/submit`, { cookie: t.alice, body: { version: v2.version } });
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().message).toBe(`The call closed at ${local} (Asia/Baghdad); the deadline has passed: the application cannot be submitted`);
      expect((await row(draft.id)).state).toBe('draft');
      expect(await versionCount(draft.id)).toBe(0);
      expect((await trailOf(draft.id)).map((r) => r.action)).toEqual(['application.created', 'application.draft_saved']);

      // The draft is frozen by the deadline too, and the view says so.
      const edit = await save(draft.id, v2.version, goodContent([partnerA1], { summary: 'late change' }));
      expect(edit.statusCode).toBe(409);
      const view = (await api.request('GET', `${PATH}/${draft.id}`, { cookie: t.alice })).json<ApplicationView>();
      expect(view.editable).toBe(false);
      expect(view.allowedActions).toEqual(['withdraw']);
    });
  });

  describe('withdraw', () => {
    it('needs a reason, and puts it on the trail', async () => {
      const draft = await createDraft('To withdraw');
      const none = await api.request('POST', `${PATH}/${draft.id}/withdraw`, { cookie: t.alice, body: {} });
      expect(none.statusCode).toBe(400);
      expect(none.json<ApiErrorBody>().fields?.[0].field).toBe('reason');
      const blank = await api.request('POST', `${PATH}/${draft.id}/withdraw`, { cookie: t.alice, body: { reason: '   ' } });
      expect(blank.statusCode).toBe(400);
      expect(blank.json<ApiErrorBody>().fields?.[0].field).toBe('reason');
      expect((await row(draft.id)).state).toBe('draft');

      const ok = await api.request('POST', `${PATH}/${draft.id}/withdraw`, { cookie: t.alice, body: { reason: 'Partner cannot take part this year' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json<ApplicationView>()).toMatchObject({ state: 'withdrawn', editable: false, allowedActions: [] });
      const record = (await trailOf(draft.id)).find((r) => r.action === 'application.withdrawn');
      expect(record).toMatchObject({ reason: 'Partner cannot take part this year', before: { state: 'draft' }, after: { state: 'withdrawn' } });

      const again = await api.request('POST', `${PATH}/${draft.id}/withdraw`, { cookie: t.alice, body: { reason: 'again' } });
      expect(again.statusCode).toBe(409);
      expect(again.json<ApiErrorBody>().message).toContain('withdrawn');
    });
  });

  describe('screening and resubmission', () => {
    it('officer screens, returns for clarification; applicant edits after the close and resubmits; both versions are kept; officer marks eligible', async () => {
      const call = await createCall(api.dataSource, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id });
      const draft = await createDraft('Clarify me', call);
      const first = goodContent([partnerA1]);
      const v2 = await saved(draft.id, 1, first);
      const receipt1 = (await api.request('POST', `${PATH}/${draft.id}/submit`, { cookie: t.alice, body: { version: v2.version } })).json<SubmitReceipt>();

      const officerView = (await api.request('GET', `${PATH}/${draft.id}`, { cookie: t.officer })).json<ApplicationView>();
      expect(officerView.allowedActions).toEqual(['start_screening', 'mark_eligible', 'mark_ineligible', 'return_for_clarification']);
      expect(officerView.editable).toBe(false);

      const screen = (action: string, reason: string | null = null, token = t.officer) =>
        api.request('POST', `${PATH}/${draft.id}/screening`, { cookie: token, body: { action, reason } });

      expect((await screen('start_screening')).json<ApplicationView>().state).toBe('screening');
      expect((await screen('start_screening')).statusCode).toBe(409);
      const noReason = await screen('mark_ineligible');
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json<ApiErrorBody>().fields).toEqual([{ field: 'reason', code: 'REASON_REQUIRED', message: 'mark ineligible needs a reason' }]);
      expect((await screen('return_for_clarification', '  ')).statusCode).toBe(400);
      expect((await screen('approve_everything', 'x')).json<ApiErrorBody>().fields?.[0].field).toBe('action');

      const message = 'Please explain the co-funding from own funds: is it confirmed by the board?';
      const returned = await screen('return_for_clarification', message);
      expect(returned.statusCode).toBe(200);
      expect(returned.json<ApplicationView>()).toMatchObject({ state: 'returned', screeningMessage: message });

      // The call closes in the meantime: answering a clarification does not depend on it.
      await api.dataSource.query(`UPDATE grant_call SET closes_at = now() - interval '1 day' WHERE id = $1`, [call]);

      const applicantView = (await api.request('GET', `${PATH}/${draft.id}`, { cookie: t.alice })).json<ApplicationView>();
      expect(applicantView).toMatchObject({ state: 'returned', screeningMessage: message, editable: true, allowedActions: ['resubmit', 'withdraw'] });
      const second = goodContent([partnerA1], { cofunding: [{ id: 'c1', source: 'Own funds (board decision 2027-01-12)', amountMinor: '10000000', confirmed: true }] });
      const edited = await saved(draft.id, applicantView.version, second, t.amir);
      const resubmitted = await api.request('POST', `${PATH}/${draft.id}/resubmit`, { cookie: t.amir, body: { version: edited.version } });
      expect(resubmitted.statusCode).toBe(201);
      const receipt2 = resubmitted.json<SubmitReceipt>();
      expect(receipt2.versionNumber).toBe(2);
      expect(receipt2.receiptNumber).not.toBe(receipt1.receiptNumber);

      const v1 = (await api.request('GET', `${PATH}/${draft.id}/versions/1`, { cookie: t.officer })).json<ApplicationVersionView>();
      const v2view = (await api.request('GET', `${PATH}/${draft.id}/versions/2`, { cookie: t.officer })).json<ApplicationVersionView>();
      expect(v1).toMatchObject({ kind: 'submission', content: first, receiptNumber: receipt1.receiptNumber });
      expect(v2view).toMatchObject({ kind: 'resubmission', content: second, receiptNumber: receipt2.receiptNumber });
      expect(v1.contentSha256).not.toBe(v2view.contentSha256);
      expect((await api.request('GET', `${PATH}/${draft.id}/versions/3`, { cookie: t.officer })).statusCode).toBe(404);
      expect((await api.request('GET', `${PATH}/${draft.id}/versions/one`, { cookie: t.officer })).statusCode).toBe(404);

      const eligible = await screen('mark_eligible');
      expect(eligible.json<ApplicationView>()).toMatchObject({ state: 'eligible', versions: [{ number: 1 }, { number: 2 }] });

      const actions = (await trailOf(draft.id)).map((r) => r.action);
      expect(actions).toEqual([
        'application.created',
        'application.draft_saved',
        'application.submitted',
        'application.screening.start_screening',
        'application.screening.return_for_clarification',
        'application.draft_saved',
        'application.resubmitted',
        'application.screening.mark_eligible',
      ]);
      const returnRecord = (await trailOf(draft.id)).find((r) => r.action === 'application.screening.return_for_clarification');
      expect(returnRecord).toMatchObject({ reason: message, actor_label: 'officer@north.test', before: { state: 'screening' }, after: { state: 'returned' } });
    });

    it('names the state when a screening action does not fit it', async () => {
      const draft = await createDraft('Not yet sent');
      const response = await api.request('POST', `${PATH}/${draft.id}/screening`, { cookie: t.officer, body: { action: 'mark_eligible', reason: null } });
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().message).toBe('This application is draft: cannot mark eligible an application that is draft');
      const resubmit = await api.request('POST', `${PATH}/${draft.id}/resubmit`, { cookie: t.alice, body: { version: draft.version } });
      expect(resubmit.statusCode).toBe(409);
    });

    it('mark ineligible keeps its reason on the trail', async () => {
      const draft = await createDraft('Ineligible');
      const v2 = await saved(draft.id, 1, goodContent([partnerA1]));
      await api.request('POST', `${PATH}/${draft.id}/submit`, { cookie: t.alice, body: { version: v2.version } });
      const response = await api.request('POST', `${PATH}/${draft.id}/screening`, { cookie: t.officer, body: { action: 'mark_ineligible', reason: 'Outside the program themes' } });
      expect(response.json<ApplicationView>().state).toBe('ineligible');
      expect((await trailOf(draft.id)).at(-1)).toMatchObject({ action: 'application.screening.mark_ineligible', reason: 'Outside the program themes' });
    });
  });

  describe('list', () => {
    it('shows members their organizations’ applications, partners those naming them, officers what was submitted to their agency', async () => {
      const mine = (await api.request('GET', PATH, { cookie: t.alice })).json<{ id: string; organizationId: string; state: string }[]>();
      expect(mine.length).toBeGreaterThan(5);
      expect(mine.every((a) => a.organizationId === orgA)).toBe(true);

      const partnerList = (await api.request('GET', PATH, { cookie: t.partner })).json<{ id: string }[]>();
      const named = (await api.dataSource.query(`SELECT application_id AS id FROM application_partner WHERE partner_organization_id = $1`, [partnerA1])) as { id: string }[];
      expect(partnerList.map((a) => a.id).sort()).toEqual(named.map((n) => n.id).sort());

      const officerResponse = await api.request('GET', `${PATH}?callId=${callId}`, { cookie: t.officer });
      expect(officerResponse.statusCode).toBe(200);
      const officerList = officerResponse.json<{ state: string; callId: string }[]>();
      expect(officerList.length).toBeGreaterThan(0);
      expect(officerList.every((a) => a.state !== 'draft' && a.callId === callId)).toBe(true);
      expect((await api.request('GET', `${PATH}?callId=x`, { cookie: t.officer })).statusCode).toBe(400);
    });
  });
});
