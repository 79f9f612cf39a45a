import { ApiErrorBody, ApiPaths, ApplicationView, AssignmentView, ErrorCode, IntakePaths, OrganizationView, ProgramView, ReviewPaths, ROLES, Role } from '@mizan/contracts';
import { ApiHarness, InjectResult } from '../testing/api-harness';
import { goodContent } from './intake/applications/applications.fixtures';
import { callRequest, programRequest } from './intake/calls/calls-testing';
import { organizationInput, registerOrganization } from './intake/organizations/organization-fixtures';
import { applicationPath, eligibleApplication, reviewWorld, ReviewWorld } from './review/review.fixtures';

/**
 * Bad input reaches no service: numbers beyond their column or domain, page
 * numbers, bodies of the wrong shape at nested levels and path ids that are
 * not ids each get a 4xx in the one error shape naming the field — where a
 * 500 ("integer out of range", "invalid input syntax for type uuid") used to
 * be possible. Each case is sent raw, because JSON.stringify cannot write -0
 * or 9007199254740993.
 */

/** Numbers `Number.isInteger` accepts or JSON carries that no integer column should. */
const BAD_INTEGERS = ['1e308', '3000000000', '2147483648', '9007199254740993', '-0', '1.5', '-1', '"7"', 'null'];

function expectRefused(response: InjectResult, field: string, status = 400, code = ErrorCode.ValidationFailed): void {
  const body = response.json<ApiErrorBody>();
  expect({ status: response.statusCode, code: body.code }).toEqual({ status, code });
  expect(typeof body.message).toBe('string');
  expect(body.fields?.map((f) => f.field)).toContain(field);
}

/** The body as JSON text with one value written raw: `{"version":1e308}`. */
function withRaw(body: Record<string, unknown>, path: string, raw: string): string {
  const marker = '"__RAW__"';
  const clone = structuredClone(body) as Record<string, unknown>;
  const steps = path.split('.');
  let node = clone as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
  node[steps[steps.length - 1]] = '__RAW__';
  return JSON.stringify(clone).replace(marker, raw);
}

describe('input bounds: numbers, pages, nested shapes and path ids never reach PostgreSQL unchecked', () => {
  let api: ApiHarness;
  let world: ReviewWorld;
  const t = {} as Record<Role, string>;
  let draft: ApplicationView;
  let eligibleId: string;
  let assignmentId: string;
  let organization: OrganizationView;

  beforeAll(async () => {
    api = await ApiHarness.start('input_bounds');
    world = await reviewWorld(api);
    for (const role of ROLES) t[role] = await api.signIn(`${role}@north.test`);
    // Role changes and the confirmation threshold need a recent re-authentication: without it the guard answers first.
    await api.reauth(t.admin);
    await api.reauth(t.officer);
    eligibleId = await eligibleApplication(api, {
      applicant: t.applicant,
      officer: t.officer,
      callId: world.call.id,
      organizationId: world.orgA,
      partnerIds: [world.partnerA],
      title: 'Bounds',
    });
    const assigned = await api.request('POST', applicationPath(eligibleId, 'assignments'), { cookie: t.officer, body: { reviewerId: world.reviewers.r1.id } });
    expect(assigned.statusCode).toBe(201);
    assignmentId = assigned.json<AssignmentView>().id;
    const created = await api.request('POST', IntakePaths.applications, { cookie: t.applicant, body: { callId: world.call.id, organizationId: world.orgA, title: 'Draft' } });
    expect(created.statusCode).toBe(201);
    draft = created.json<ApplicationView>();
    organization = await registerOrganization(api, t.applicant);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  describe('integers beyond their column or the domain’s range', () => {
    const cases: { name: string; method: 'POST' | 'PUT'; path: () => string; role: Role; body: () => Record<string, unknown>; field: string; at?: string }[] = [
      { name: 'application version (int4)', method: 'PUT', path: () => `${IntakePaths.applications}/${draft.id}`, role: 'applicant', body: () => ({ version: 1, content: goodContent([world.partnerA]) }), field: 'version' },
      { name: 'application duration', method: 'PUT', path: () => `${IntakePaths.applications}/${draft.id}`, role: 'applicant', body: () => ({ version: 1, content: goodContent([world.partnerA]) }), field: 'content.durationMonths' },
      { name: 'budget line year', method: 'PUT', path: () => `${IntakePaths.applications}/${draft.id}`, role: 'applicant', body: () => ({ version: 1, content: goodContent([world.partnerA]) }), field: 'content.budgetLines.0.year' },
      { name: 'activity month', method: 'PUT', path: () => `${IntakePaths.applications}/${draft.id}`, role: 'applicant', body: () => ({ version: 1, content: goodContent([world.partnerA]) }), field: 'content.activities.0.months', at: 'content.activities.0.months.0' },
      { name: 'submission version', method: 'POST', path: () => `${IntakePaths.applications}/${draft.id}/submit`, role: 'applicant', body: () => ({ version: 1 }), field: 'version' },
      { name: 'organization version (int4)', method: 'PUT', path: () => `${IntakePaths.organizations}/${organization.id}`, role: 'applicant', body: () => ({ ...organizationInput(), version: 1 }), field: 'version' },
      { name: 'call co-funding share (int4 basis points)', method: 'POST', path: () => `${IntakePaths.programs}/${world.call.programId}/calls`, role: 'officer', body: () => ({ ...callRequest() }), field: 'minCofundingBp' },
      { name: 'call admin cap (int4 basis points)', method: 'POST', path: () => `${IntakePaths.programs}/${world.call.programId}/calls`, role: 'officer', body: () => ({ ...callRequest() }), field: 'adminCapBp' },
      { name: 'call minimum organization age (int4)', method: 'POST', path: () => `${IntakePaths.programs}/${world.call.programId}/calls`, role: 'officer', body: () => ({ ...callRequest() }), field: 'minOrganizationAgeMonths' },
      { name: 'rubric weight', method: 'POST', path: () => `${IntakePaths.programs}/${world.call.programId}/calls`, role: 'officer', body: () => ({ ...callRequest() }), field: 'rubric.criteria.0.weight' },
      { name: 'reviewers per application', method: 'POST', path: () => `${ReviewPaths.calls}/${world.call.id}/assignments/bulk`, role: 'officer', body: () => ({ perApplication: 1 }), field: 'perApplication' },
      { name: 'review score (smallint)', method: 'PUT', path: () => `${ReviewPaths.reviews}/${assignmentId}/scores`, role: 'reviewer', body: () => ({ scores: [{ criterionId: 'relevance', score: 3, comment: '' }], recommendation: null, overallComment: '', version: 1 }), field: 'scores.0.score' },
      { name: 'review draft version (int4)', method: 'PUT', path: () => `${ReviewPaths.reviews}/${assignmentId}/scores`, role: 'reviewer', body: () => ({ scores: [], recommendation: null, overallComment: '', version: 1 }), field: 'version' },
      { name: 'review submission version', method: 'POST', path: () => `${ReviewPaths.reviews}/${assignmentId}/submit`, role: 'reviewer', body: () => ({ version: 1 }), field: 'version' },
    ];

    // A draft's score may be null (a comment written before its score): every other bad integer still applies.
    const badFor = (field: string) => (field.endsWith('.score') ? BAD_INTEGERS.filter((v) => v !== 'null') : BAD_INTEGERS);
    it.each(cases.flatMap((c) => badFor(c.field).map((raw) => [c.name, raw, c] as const)))('%s = %s is a 400 naming the field', async (_name, raw, c) => {
      const response = await api.request(c.method, c.path(), { cookie: t[c.role], rawBody: withRaw(c.body(), c.at ?? c.field, raw) });
      expectRefused(response, c.field);
    });

    it('the largest value each column holds is still accepted where the domain allows it', async () => {
      // 2147483647 is a valid int4: the version check answers (409, stale), not the validation.
      const stale = await api.request('PUT', `${IntakePaths.applications}/${draft.id}`, { cookie: t.applicant, body: { version: 2_147_483_647, content: goodContent([world.partnerA]) } });
      expect(stale.statusCode).toBe(409);
      const org = await api.request('PUT', `${IntakePaths.organizations}/${organization.id}`, { cookie: t.applicant, body: { ...organizationInput(), version: 2_147_483_647 } });
      expect(org.statusCode).toBe(409);
    });
  });

  describe('decimals', () => {
    it.each(['1e-320', '5e-324', '-0', '1.234', '5.01', '-0.01', '1e308', '"1.5"', 'null', '0.30000000000000004'])(
      'a disagreement threshold of %s is a 400 naming it',
      async (raw) => {
        const response = await api.request('PUT', `${ReviewPaths.calls}/${world.call.id}/disagreement-threshold`, { cookie: t.officer, rawBody: `{"threshold":${raw},"reason":"why"}` });
        expectRefused(response, 'threshold');
      },
    );
  });

  describe('money in minor units, written as digits', () => {
    const BAD_MONEY = ['"9007199254740993"', '"99999999999999999999"', '"9223372036854775808"', '"-1"', '"12.50"', '"1e9"', '" 100"', '"１００"', '1000', '1e308'];
    const cases: { name: string; method: 'POST' | 'PUT'; path: () => string; role: Role; body: () => Record<string, unknown>; field: string }[] = [
      { name: 'program budget', method: 'POST', path: () => IntakePaths.programs, role: 'officer', body: () => ({ ...programRequest() }), field: 'budgetMinor' },
      { name: 'call envelope', method: 'POST', path: () => `${IntakePaths.programs}/${world.call.programId}/calls`, role: 'officer', body: () => ({ ...callRequest() }), field: 'envelopeMinor' },
      { name: 'call maximum grant', method: 'POST', path: () => `${IntakePaths.programs}/${world.call.programId}/calls`, role: 'officer', body: () => ({ ...callRequest() }), field: 'maxGrantMinor' },
      { name: 'budget line amount', method: 'PUT', path: () => `${IntakePaths.applications}/${draft.id}`, role: 'applicant', body: () => ({ version: 1, content: goodContent([world.partnerA]) }), field: 'content.budgetLines.0.amountMinor' },
      { name: 'co-funding amount', method: 'PUT', path: () => `${IntakePaths.applications}/${draft.id}`, role: 'applicant', body: () => ({ version: 1, content: goodContent([world.partnerA]) }), field: 'content.cofunding.0.amountMinor' },
      { name: 'approved amount', method: 'POST', path: () => `applications/${eligibleId}/decision`, role: 'officer', body: () => ({ outcome: 'approved', amountMinor: '1000', rationale: 'why' }), field: 'amountMinor' },
      { name: 'confirmation threshold', method: 'PUT', path: () => `calls/${world.call.id}/confirmation-threshold`, role: 'officer', body: () => ({ confirmationThresholdMinor: '0', reason: 'why' }), field: 'confirmationThresholdMinor' },
    ];

    it.each(cases.flatMap((c) => BAD_MONEY.map((raw) => [c.name, raw, c] as const)))('%s = %s is a 400 naming the field', async (_name, raw, c) => {
      const response = await api.request(c.method, c.path(), { cookie: t[c.role], rawBody: withRaw(c.body(), c.field, raw) });
      expectRefused(response, c.field);
    });

    it('2^53 − 1 minor units is accepted as a program budget', async () => {
      const response = await api.request('POST', IntakePaths.programs, { cookie: t.officer, body: programRequest({ budgetMinor: String(Number.MAX_SAFE_INTEGER) }) });
      expect(response.statusCode).toBe(201);
      expect(response.json<ProgramView>().budgetMinor).toBe('9007199254740991');
    });
  });

  describe('page numbers and sizes of every paged list', () => {
    const BAD_PAGES = ['1e308', '1.5', '-1', '0', 'abc', '', 'NaN', 'Infinity', '9007199254740993', '100001', '0x10'];

    it.each(BAD_PAGES)('trail ?pageSize=%s is a 400 naming it', async (value) => {
      const response = await api.request('GET', `${ApiPaths.trail}?pageSize=${encodeURIComponent(value)}`, { cookie: t.auditor });
      expectRefused(response, 'pageSize');
    });

    it('a repeated size, a size above 200 and an offset page number are 400s', async () => {
      expectRefused(await api.request('GET', `${ApiPaths.trail}?pageSize=1&pageSize=2`, { cookie: t.auditor }), 'pageSize');
      expectRefused(await api.request('GET', `${ApiPaths.trail}?pageSize=201`, { cookie: t.auditor }), 'pageSize');
      expect((await api.request('GET', `${ApiPaths.trail}?page=2`, { cookie: t.auditor })).statusCode).toBe(400);
    });

    const cursor = (values: unknown) => Buffer.from(typeof values === 'string' ? values : JSON.stringify(values)).toString('base64url');
    it.each([
      ['garbage', 'after', 'not a cursor!'],
      ['wrong arity', 'after', cursor(['1', '2'])],
      ['wrong type', 'before', cursor([true])],
      ['a number past bigint', 'after', cursor(['99999999999999999999'])],
      ['NUL', 'after', cursor(['1\u0000'])],
      ['a lone surrogate', 'before', cursor('["\\ud800"]')],
    ])('a trail cursor that is %s is a 400 naming %s', async (_what, field, value) => {
      expectRefused(await api.request('GET', `${ApiPaths.trail}?${field}=${encodeURIComponent(value)}`, { cookie: t.auditor }), field);
    });

    it('after and before together is a 400 naming before', async () => {
      expectRefused(await api.request('GET', `${ApiPaths.trail}?after=${cursor(['5'])}&before=${cursor(['1'])}`, { cookie: t.auditor }), 'before');
    });

    it.each(['0000-01-01', '-000001-01-01', '+275760-09-13', '9999-12-31T23:59:59.999Z', '2026-02-30', '2026-11-29T24:00:01Z', '1e308'].flatMap((v) => [['from', v] as const, ['to', v] as const]))(
      'trail ?%s=%s is answered without a 5xx, a refusal naming it',
      async (name, value) => {
        const response = await api.request('GET', `${ApiPaths.trail}?${name}=${encodeURIComponent(value)}`, { cookie: t.auditor });
        if (response.statusCode !== 200) expectRefused(response, name);
      },
    );

    it('a cursor past the first record answers with an empty page, not an error', async () => {
      const response = await api.request('GET', `${ApiPaths.trail}?after=${cursor(['1'])}&pageSize=200`, { cookie: t.auditor });
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: unknown[]; next: string | null }>()).toMatchObject({ items: [], next: null });
    });
  });

  describe('nested bodies of the wrong shape', () => {
    const content = () => goodContent([world.partnerA]) as unknown as Record<string, unknown>;
    const save = (body: unknown) => api.request('PUT', `${IntakePaths.applications}/${draft.id}`, { cookie: t.applicant, body });
    const createCall = (body: unknown) => api.request('POST', `${IntakePaths.programs}/${world.call.programId}/calls`, { cookie: t.officer, body });

    it.each([
      ['content as an array', () => ({ version: 1, content: [content()] }), 'content'],
      ['content as a string', () => ({ version: 1, content: 'x' }), 'content'],
      ['budget lines as an object', () => ({ version: 1, content: { ...content(), budgetLines: { 0: (content()['budgetLines'] as unknown[])[0] } } }), 'content.budgetLines'],
      ['a budget line as an array', () => ({ version: 1, content: { ...content(), budgetLines: [[(content()['budgetLines'] as unknown[])[0]]] } }), 'content.budgetLines'],
      ['a budget line as a number', () => ({ version: 1, content: { ...content(), budgetLines: [1] } }), 'content.budgetLines'],
      ['an output as an array (two levels down)', () => ({ version: 1, content: { ...content(), outcomes: [{ id: 'o', title: 't', outputs: [[]] }] } }), 'content.outcomes.0.outputs'],
      ['indicators as an object (three levels down)', () => ({ version: 1, content: { ...content(), outcomes: [{ id: 'o', title: 't', outputs: [{ id: 'p', title: 't', indicators: {} }] }] } }), 'content.outcomes.0.outputs.0.indicators'],
      ['months as an object', () => ({ version: 1, content: { ...content(), activities: [{ id: 'a', title: 't', governorates: [], months: { 0: 1 } }] } }), 'content.activities.0.months'],
    ])('saving an application with %s is a 400 naming it', async (_name, body, field) => {
      expectRefused(await save(body()), field);
    });

    it.each([
      ['the rubric as an array', { ...callRequest(), rubric: [callRequest().rubric] }, 'rubric'],
      ['rubric criteria as an object', { ...callRequest(), rubric: { ...callRequest().rubric, criteria: { relevance: callRequest().rubric.criteria[0] } } }, 'rubric.criteria'],
      ['a rubric criterion as an array', { ...callRequest(), rubric: { ...callRequest().rubric, criteria: [[callRequest().rubric.criteria[0]]] } }, 'rubric.criteria'],
      ['a rubric criterion as null', { ...callRequest(), rubric: { ...callRequest().rubric, criteria: [null] } }, 'rubric.criteria'],
    ])('creating a call with %s is a 400 naming it', async (_name, body, field) => {
      expectRefused(await createCall(body), field);
    });

    it.each([
      ['roles as an object', { email: 'new@north.test', displayName: 'New', password: 'a long enough password', roles: { 0: 'reviewer' } }, 'roles'],
      ['roles as a string', { email: 'new@north.test', displayName: 'New', password: 'a long enough password', roles: 'reviewer' }, 'roles'],
      ['a role as an array', { email: 'new@north.test', displayName: 'New', password: 'a long enough password', roles: [['reviewer']] }, 'roles'],
    ])('creating a user with %s is a 400 naming it', async (_name, body, field) => {
      expectRefused(await api.request('POST', ApiPaths.users, { cookie: t.admin, body }), field);
    });

    it.each([
      ['scores as an object', { scores: { 0: { criterionId: 'relevance', score: 3, comment: '' } }, recommendation: null, overallComment: '', version: 1 }, 'scores'],
      ['a score as an array', { scores: [[{ criterionId: 'relevance', score: 3, comment: '' }]], recommendation: null, overallComment: '', version: 1 }, 'scores'],
      ['a score as a string', { scores: ['3'], recommendation: null, overallComment: '', version: 1 }, 'scores'],
    ])('saving review scores with %s is a 400 naming it', async (_name, body, field) => {
      expectRefused(await api.request('PUT', `${ReviewPaths.reviews}/${assignmentId}/scores`, { cookie: t.reviewer, body }), field);
    });

    it('nothing of the refused saves reached the database', async () => {
      const row = (await api.dataSource.query('SELECT version FROM application WHERE id = $1', [draft.id])) as { version: number }[];
      expect(row[0].version).toBe(draft.version);
    });
  });

  describe('path ids that are not ids', () => {
    const NOT_IDS = ['not-a-uuid', '1e308', '-1', '0', "'%20OR%201=1", '00000000-0000-0000-0000-00000000000g', '00000000-0000-0000-0000-0000000000001', 'x'.repeat(90), '%E2%80%AE'];
    const routes: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: (id: string) => string; role: Role; param: string; body?: unknown }[] = [
      { method: 'GET', path: (id) => `${IntakePaths.programs}/${id}`, role: 'officer', param: 'id' },
      { method: 'GET', path: (id) => `${IntakePaths.calls}/${id}`, role: 'applicant', param: 'id' },
      { method: 'GET', path: (id) => `${IntakePaths.applications}/${id}`, role: 'applicant', param: 'id' },
      { method: 'GET', path: (id) => `${IntakePaths.organizations}/${id}/partners`, role: 'applicant', param: 'id' },
      { method: 'PUT', path: (id) => `${IntakePaths.organizations}/${world.orgA}/partners/${id}`, role: 'applicant', param: 'partnerId', body: {} },
      { method: 'PUT', path: (id) => `${ApiPaths.users}/${id}/roles`, role: 'admin', param: 'id', body: { roles: ['reviewer'], reason: 'why not' } },
      { method: 'GET', path: (id) => `${ReviewPaths.reviews}/${id}`, role: 'reviewer', param: 'assignmentId' },
      { method: 'DELETE', path: (id) => `${ReviewPaths.applications}/${eligibleId}/assignments/${id}`, role: 'officer', param: 'assignmentId', body: { reason: 'why' } },
      { method: 'GET', path: (id) => `calls/${id}/decisions`, role: 'officer', param: 'callId' },
      { method: 'POST', path: (id) => `notifications/${id}/read`, role: 'applicant', param: 'id' },
      { method: 'GET', path: (id) => `outbox/${id}`, role: 'admin', param: 'id' },
      { method: 'GET', path: (id) => `${ApiPaths.trailExports}/${id}/file`, role: 'auditor', param: 'id' },
    ];

    it.each(routes.flatMap((r) => NOT_IDS.map((id) => [r.method, r.param, id, r] as const)))('%s with %s = %s is a 404 naming the parameter', async (_m, _p, id, r) => {
      const response = await api.request(r.method, r.path(id), { cookie: t[r.role], body: r.body });
      expectRefused(response, r.param, 404, ErrorCode.NotFound);
    });

    it('a well-formed id in capitals finds the same record', async () => {
      const response = await api.request('GET', `${IntakePaths.applications}/${draft.id.toUpperCase()}`, { cookie: t.applicant });
      expect(response.statusCode).toBe(200);
      expect(response.json<ApplicationView>().id).toBe(draft.id);
    });

    it('an over-long id never reaches the api’s handlers and is never a 5xx', async () => {
      const response = await api.request('GET', `${IntakePaths.applications}/${'a'.repeat(5000)}`, { cookie: t.applicant });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    });
  });
});
