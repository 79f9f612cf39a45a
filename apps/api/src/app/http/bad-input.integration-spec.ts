import { ApiErrorBody, ApiPaths, ApplicationView, ErrorCode, IntakePaths, OrganizationView } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness, InjectResult } from '../../testing/api-harness';
import { PDF_BYTES, createCall, createOrganization, createPartner, createProgram, goodContent, multipart } from '../intake/applications/applications.fixtures';
import { ORGS, organizationInput, partnerInput } from '../intake/organizations/organization-fixtures';
import { MAX_JSON_DEPTH } from './json-depth';

/**
 * Issue 8: what the HTTP layer refuses before any DTO sees a request, through
 * the real api (Fastify, hooks, pipes, filter) on a test database. Every
 * refusal is a 4xx in the one error shape, never a 500, and never quotes the
 * request back.
 */
describe('bad input is refused in the error shape (real api)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let applicant: string;
  let officer: string;
  let admin: string;
  let application: ApplicationView;
  let organizationId: string;

  beforeAll(async () => {
    api = await ApiHarness.start('bad_input');
    const ds = api.dataSource;
    north = await seedAgency(ds, 'north');
    applicant = await api.signIn('applicant@north.test');
    officer = await api.signIn('officer@north.test');
    admin = await api.signIn('admin@north.test');
    // Creating a user is a sensitive action: the admin has given the password again.
    await api.reauth(admin);
    const programId = await createProgram(ds, north.agency.id, north.users.officer.id);
    const callId = await createCall(ds, { programId, agencyId: north.agency.id, createdBy: north.users.officer.id });
    organizationId = await createOrganization(ds, north.agency.id, 'Rafidain Health Association', [north.users.applicant.id]);
    const partnerId = await createPartner(ds, organizationId, 'Basra Mental Health Network', 'IQ-BA');
    application = (await api.request('POST', IntakePaths.applications, { cookie: applicant, body: { callId, organizationId, title: 'Clinics' } })).json<ApplicationView>();
    application = (await api.request('PUT', `${IntakePaths.applications}/${application.id}`, { cookie: applicant, body: { version: 1, content: goodContent([partnerId]) } })).json<ApplicationView>();
  });
  afterAll(async () => {
    await api?.stop();
  });

  function expectRefusal(response: InjectResult, statusCode: number, code: ErrorCode): ApiErrorBody {
    expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({ status: statusCode, type: expect.stringContaining('application/json') });
    const body = response.json<ApiErrorBody>();
    expect(body).toMatchObject({ statusCode, code, message: expect.any(String) });
    expect(Object.keys(body).every((k) => ['statusCode', 'code', 'message', 'fields'].includes(k))).toBe(true);
    return body;
  }

  async function activityCount(): Promise<number> {
    return (await api.dataSource.query('SELECT count(*)::int AS n FROM activity_record'))[0].n as number;
  }

  describe('text PostgreSQL cannot keep: NUL and lone surrogates, anywhere', () => {
    it('in the sign-in email (NUL and a lone surrogate): 400 INVALID_TEXT naming email, no 500, no failed sign-in recorded', async () => {
      const before = await activityCount();
      const nul = expectRefusal(await api.request('POST', ApiPaths.signIn, { body: { email: 'applicant\u0000@north.test', password: 'whatever it is' } }), 400, ErrorCode.InvalidText);
      expect(nul.fields).toEqual([{ field: 'email', code: 'INVALID_CHARACTER', params: { character: 'U+0000 NUL', position: 10 }, message: 'email contains a character that cannot be stored (U+0000 NUL) at position 10' }]);
      const surrogate = expectRefusal(await api.request('POST', ApiPaths.signIn, { rawBody: '{"email":"a\\ud800@north.test","password":"whatever it is"}' }), 400, ErrorCode.InvalidText);
      expect(surrogate.fields).toEqual([{ field: 'email', code: 'INVALID_CHARACTER', params: { character: 'U+D800 unpaired surrogate', position: expect.any(Number) }, message: expect.stringContaining('U+D800 unpaired surrogate') }]);
      expect(await activityCount()).toBe(before);
    });

    it('deep in a body, in an array, and in a field name: each path named', async () => {
      const content = goodContent([], { title: 'ok' });
      content.outcomes[0].outputs[0].indicators[0].name = 'trained\u0000';
      const deep = expectRefusal(await api.request('PUT', `${IntakePaths.applications}/${application.id}`, { cookie: applicant, body: { version: application.version, content } }), 400, ErrorCode.InvalidText);
      expect(deep.fields?.map((f) => f.field)).toEqual(['content.outcomes.0.outputs.0.indicators.0.name']);

      const roles = expectRefusal(
        await api.request('POST', ApiPaths.users, { cookie: admin, body: { email: 'x@north.test', displayName: 'X', password: 'long enough password', roles: ['reviewer', '\udfff'] } }),
        400,
        ErrorCode.InvalidText,
      );
      expect(roles.fields?.map((f) => f.field)).toEqual(['roles.1']);

      const key = expectRefusal(await api.request('POST', ApiPaths.signIn, { rawBody: '{"email":"a@north.test","password":"whatever it is","a\\u0000b":1}' }), 400, ErrorCode.InvalidText);
      expect(key.fields).toEqual([{ field: 'a\\u0000b', code: 'INVALID_CHARACTER', params: { character: 'U+0000 NUL', position: 2 }, message: 'the field name contains a character that cannot be stored (U+0000 NUL) at position 2' }]);
      expect(key.message).not.toContain('\u0000');
    });

    it('in a query parameter and in a route parameter', async () => {
      const query = expectRefusal(await api.request('GET', `${IntakePaths.applications}?callId=%00`, { cookie: officer }), 400, ErrorCode.InvalidText);
      expect(query.fields?.map((f) => f.field)).toEqual(['callId']);
      const param = expectRefusal(await api.request('GET', `${IntakePaths.applications}/%00`, { cookie: officer }), 400, ErrorCode.InvalidText);
      expect(param.fields?.map((f) => f.field)).toEqual(['id']);
    });

    it('in a multipart text field and in a file name', async () => {
      const field = expectRefusal(await api.request('POST', `${IntakePaths.applications}/${application.id}/attachments`, { cookie: applicant, ...multipart('notes.pdf', PDF_BYTES, 'bad\u0000') }), 400, ErrorCode.InvalidText);
      expect(field.fields?.map((f) => f.field)).toEqual(['description']);
      const name = expectRefusal(await api.request('POST', `${IntakePaths.applications}/${application.id}/attachments`, { cookie: applicant, ...multipart('no\u0000tes.pdf', PDF_BYTES) }), 400, ErrorCode.InvalidText);
      expect(name.fields?.map((f) => f.field)).toEqual(['file']);
    });
  });

  describe('JSON nested thousands of levels deep', () => {
    it.each([
      ['arrays', '['.repeat(10_000) + ']'.repeat(10_000)],
      ['objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
      ['one level too many, inside a real body', JSON.stringify({ email: 'a@north.test', password: 'whatever it is', x: JSON.parse('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)) })],
    ])('%s: 400 JSON_TOO_DEEP, before anything parses or validates it', async (_name, rawBody) => {
      const body = expectRefusal(await api.request('POST', ApiPaths.signIn, { rawBody }), 400, ErrorCode.JsonTooDeep);
      expect(body.message).toBe(`The body nests more than ${MAX_JSON_DEPTH} levels deep`);
    });

    it('brackets inside strings do not count', async () => {
      const response = await api.request('POST', ApiPaths.signIn, { body: { email: 'nobody@north.test', password: '['.repeat(200) } });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('a body of the wrong shape at the top level', () => {
    it.each([
      ['an array', '[{"email":"a@north.test","password":"whatever it is"}]', 'an array'],
      ['null', 'null', 'null'],
      ['a string', '"a@north.test"', 'a string'],
      ['a number', '42', 'a number'],
      ['true', 'true', 'a boolean'],
    ])('%s where an object belongs: 400 WRONG_BODY_SHAPE', async (_name, rawBody, described) => {
      const body = expectRefusal(await api.request('POST', ApiPaths.signIn, { rawBody }), 400, ErrorCode.WrongBodyShape);
      expect(body.fields).toEqual([{ field: 'body', code: 'INVALID', message: `the body must be a JSON object, not ${described}` }]);
    });

    it('the same on a signed-in route that changes state: nothing is written', async () => {
      const before = await activityCount();
      expectRefusal(await api.request('POST', ORGS, { cookie: applicant, rawBody: JSON.stringify([organizationInput()]) }), 400, ErrorCode.WrongBodyShape);
      expect(await activityCount()).toBe(before);
    });
  });

  describe('content types', () => {
    it.each([
      ['application/x-www-form-urlencoded', 'email=applicant%40north.test&password=correct+horse+battery+staple'],
      ['text/plain', '{"email":"applicant@north.test","password":"correct horse battery staple"}'],
      ['application/xml', '<signIn/>'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\napplicant@north.test\r\n--x--\r\n'],
    ])('sign-in with %s: 415 UNSUPPORTED_MEDIA_TYPE, no session', async (type, rawBody) => {
      const response = await api.request('POST', ApiPaths.signIn, { rawBody, headers: { 'content-type': type } });
      const body = expectRefusal(response, 415, ErrorCode.UnsupportedMediaType);
      expect(body.message).not.toContain(type.split(';')[0]);
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it('JSON on an upload route: 415 naming the file field', async () => {
      const body = expectRefusal(await api.request('POST', `${IntakePaths.applications}/${application.id}/attachments`, { cookie: applicant, body: { description: 'x' } }), 415, ErrorCode.UnsupportedMediaType);
      expect(body.fields?.[0].field).toBe('file');
    });
  });

  describe('errors of the HTTP layer itself, in the error shape, never echoing the request', () => {
    it('malformed JSON and an empty JSON body: 400 MALFORMED_JSON', async () => {
      const broken = expectRefusal(await api.request('POST', ApiPaths.signIn, { rawBody: '{"email":"secret-looking-value' }), 400, ErrorCode.MalformedJson);
      expect(JSON.stringify(broken)).not.toContain('secret-looking-value');
      expectRefusal(await api.request('POST', ApiPaths.signIn, { rawBody: '' }), 400, ErrorCode.MalformedJson);
      expectRefusal(await api.request('POST', ApiPaths.signIn, { rawBody: '{"__proto__":{"admin":true},"email":"a@north.test"}' }), 400, ErrorCode.MalformedJson);
    });

    it('a body over 1 MB: 413 PAYLOAD_TOO_LARGE', async () => {
      expectRefusal(await api.request('POST', ApiPaths.signIn, { body: { email: 'a@north.test', password: 'x'.repeat(1_100_000) } }), 413, ErrorCode.PayloadTooLarge);
    });

    it('an address that cannot be decoded: 400 BAD_URL without the path', async () => {
      const body = expectRefusal(await api.request('GET', '/api/v1/users/%E0%A4%A', { cookie: admin }), 400, ErrorCode.BadUrl);
      expect(JSON.stringify(body)).not.toContain('%E0');
    });

    it('a route parameter longer than any id: 414 PARAMETER_TOO_LONG without the path', async () => {
      const body = expectRefusal(await api.request('GET', `${IntakePaths.applications}/${'a'.repeat(500)}`, { cookie: officer }), 414, ErrorCode.ParameterTooLong);
      expect(JSON.stringify(body)).not.toContain('aaaa');
    });

    it('an unknown route: 404 NOT_FOUND without the path', async () => {
      const body = expectRefusal(await api.request('GET', '/api/v1/no-such-place<script>alert(1)</script>', { cookie: admin }), 404, ErrorCode.NotFound);
      expect(JSON.stringify(body)).not.toMatch(/no-such-place|script/);
    });
  });

  describe('bidirectional controls in names and titles are refused; downloads never carry them', () => {
    const RLO = '\u202e';

    it('organization and partner names, program and call titles, application titles, user names: 400 naming the field and the character', async () => {
      const cases: [string, Promise<InjectResult>, string][] = [
        ['legalName', api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ legalName: `Dijla${RLO}fdp.exe` }) }), 'legalName'],
        ['partner name', api.request('POST', `${ORGS}/${organizationId}/partners`, { cookie: applicant, body: partnerInput({ name: `Basra\u2066Forum` }) }), 'name'],
        ['program name', api.request('POST', IntakePaths.programs, { cookie: officer, body: { name: `Iraq${RLO}2027` } }), 'name'],
        ['application title', api.request('POST', IntakePaths.applications, { cookie: applicant, body: { callId: application.callId, organizationId, title: `Clinics\u200f` } }), 'title'],
        ['content title', api.request('PUT', `${IntakePaths.applications}/${application.id}`, { cookie: applicant, body: { version: application.version, content: goodContent([], { title: `Clinics${RLO}` }) } }), 'content.title'],
        ['user name', api.request('POST', ApiPaths.users, { cookie: admin, body: { email: 'bidi@north.test', displayName: `Layla\u061c`, password: 'long enough password', roles: ['reviewer'] } }), 'displayName'],
      ];
      for (const [name, pending, field] of cases) {
        const body = expectRefusal(await pending, 400, ErrorCode.ValidationFailed);
        expect({ name, fields: body.fields?.filter((f) => f.message.includes('text-direction')).map((f) => f.field) }).toEqual({ name, fields: [field] });
      }
      const rlo = (await api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ legalName: `Dijla${RLO}fdp.exe` }) })).json<ApiErrorBody>();
      expect(rlo.fields).toContainEqual({ field: 'legalName', code: 'INVALID_CHARACTER', params: { character: 'U+202E RIGHT-TO-LEFT OVERRIDE', position: 6 }, message: 'legalName contains an invisible text-direction character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 6; names and titles may not contain them' });
    });

    it('Arabic names without controls are welcome', async () => {
      const response = await api.request('POST', ORGS, { cookie: applicant, body: organizationInput({ legalName: 'جمعية دجلة لحقوق المرأة' }) });
      expect(response.statusCode).toBe(201);
      expect(response.json<OrganizationView>().legalName).toBe('جمعية دجلة لحقوق المرأة');
    });

    it('a file name with a direction control is refused at upload', async () => {
      const body = expectRefusal(await api.request('POST', `${IntakePaths.applications}/${application.id}/attachments`, { cookie: applicant, ...multipart(`invoice${RLO}fdp.exe`, PDF_BYTES) }), 400, ErrorCode.ValidationFailed);
      expect(body.fields).toEqual([{ field: 'file', code: 'INVALID', message: expect.stringContaining('U+202E RIGHT-TO-LEFT OVERRIDE') }]);
    });

    it('a name stored before the rule is sanitized in Content-Disposition', async () => {
      const uploaded = await api.request('POST', `${IntakePaths.applications}/${application.id}/attachments`, { cookie: applicant, ...multipart('invoice.pdf', PDF_BYTES, 'legacy') });
      expect(uploaded.statusCode).toBe(201);
      const { id, downloadPath } = uploaded.json<{ id: string; downloadPath: string }>();
      // As if written before issue 8: the refusal above did not exist then.
      await api.env.queryAs('owner', 'UPDATE application_attachment SET original_name = $1 WHERE id = $2', [`invoice${RLO}fdp.exe\r\nX-Evil: 1`, id]);
      const file = await api.request('GET', downloadPath, { cookie: officer });
      expect(file.statusCode).toBe(200);
      const header = String(file.headers['content-disposition']);
      expect(header).toBe(`attachment; filename="invoicefdp.exeX-Evil: 1"; filename*=UTF-8''invoicefdp.exeX-Evil%3A%201`);
      expect(file.headers['x-evil']).toBeUndefined();
    });
  });
});
