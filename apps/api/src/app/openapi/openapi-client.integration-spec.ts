import createClient, { ClientOptions, Middleware } from 'openapi-fetch';
import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '@mizan/contracts';
import { TEST_PASSWORD, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { ResponseValidator } from '../../testing/openapi-responses';
import { programRequest } from '../intake/calls/calls-testing';
import type { components, paths } from './mizan-api.generated';

/**
 * The api as a partner's tool uses it: a client typed from the api's own document
 * (openapi-typescript → mizan-api.generated.ts, kept up to date by the api document
 * spec) and openapi-fetch, over real HTTP to a listening api. The calls below are
 * type-checked against the document: a wrong path, body field or response field
 * fails `tsc -p tsconfig.check.json`, a wrong answer fails here. Every answer is
 * also validated against the schema the document gives for its status (ajv), so
 * the document's response schemas are shown to match what the api really sends.
 */

type ApiErrorBody = components['schemas']['ApiErrorBody'];

describe('a typed client generated from the api document', () => {
  let api: ApiHarness;
  let baseUrl: string;
  let checkResponses: Middleware;
  /** "METHOD /path status" of every answer validated against its documented schema. */
  const validated = new Set<string>();
  const mismatches: string[] = [];

  beforeAll(async () => {
    api = await ApiHarness.start('openapi-client');
    await seedAgency(api.dataSource, 'north');
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();

    const validator = new ResponseValidator((await (await fetch(`${baseUrl}/api/docs/openapi.json`)).json()) as OpenAPIObject);
    checkResponses = {
      async onResponse({ request, response, schemaPath }) {
        const what = `${request.method} ${schemaPath} ${response.status}`;
        const problem = validator.check(request.method, schemaPath, response.status, await response.clone().text());
        if (problem) mismatches.push(`${what}: ${problem}`);
        validated.add(what);
        return undefined;
      },
    };
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  /** A client of the document's paths whose every answer is checked against the document. */
  function client(options: ClientOptions = {}) {
    const made = createClient<paths>({ baseUrl, ...options });
    made.use(checkResponses);
    return made;
  }

  /** Signs in through the client; the session token comes back in the Set-Cookie header, and works as a bearer token too. */
  async function signIn(email: string): Promise<{ token: string; roles: string[] }> {
    const { data, error, response } = await client().POST('/api/v1/auth/sign-in', { body: { email, password: TEST_PASSWORD } });
    if (error || !data) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(error)}`);
    const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error('no session cookie');
    return { token, roles: data.user.roles };
  }

  it('signs in, reads the session with a bearer token and with the cookie', async () => {
    const { token, roles } = await signIn('officer@north.test');
    expect(roles).toEqual(['officer']);

    const bearer = client({ headers: { Authorization: `Bearer ${token}` } });
    const viaBearer = await bearer.GET('/api/v1/auth/session');
    expect(viaBearer.response.status).toBe(200);
    expect(viaBearer.data?.user.email).toBe('officer@north.test');
    expect(viaBearer.data?.permissions).toContain('program.manage');

    const cookie = client({ headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
    const viaCookie = await cookie.GET('/api/v1/auth/session');
    expect(viaCookie.data?.user.id).toBe(viaBearer.data?.user.id);
  });

  it('creates, lists and reads programs with typed bodies and path parameters', async () => {
    const { token } = await signIn('officer@north.test');
    const officer = client({ headers: { Authorization: `Bearer ${token}` } });

    const body: components['schemas']['CreateProgramDto'] = programRequest({ name: 'Typed client program' });
    const created = await officer.POST('/api/v1/programs', { body });
    expect(created.response.status).toBe(201);
    const program: components['schemas']['ProgramView'] | undefined = created.data;
    expect(program?.name).toBe('Typed client program');

    const listed = await officer.GET('/api/v1/programs');
    expect(listed.response.status).toBe(200);
    expect(listed.data?.map((p) => p.id)).toContain(program?.id);

    const read = await officer.GET('/api/v1/programs/{id}', { params: { path: { id: program?.id ?? '' } } });
    expect(read.data).toEqual(program);
  });

  it('gets the documented error shape and code on a 4xx', async () => {
    const anonymous = client();
    const unauthenticated = await anonymous.GET('/api/v1/programs');
    expect(unauthenticated.response.status).toBe(401);
    const noSession: ApiErrorBody | undefined = unauthenticated.error;
    expect(noSession?.code).toBe('NOT_AUTHENTICATED');

    const { token } = await signIn('officer@north.test');
    const officer = client({ headers: { Authorization: `Bearer ${token}` } });
    const missing = await officer.GET('/api/v1/programs/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });

    const { token: applicantToken } = await signIn('applicant@north.test');
    const applicant = client({ headers: { Authorization: `Bearer ${applicantToken}` } });
    const refused = await applicant.POST('/api/v1/programs', { body: programRequest() });
    expect(refused.response.status).toBe(403);
    expect(refused.error?.code).toBe('FORBIDDEN');

    // The generated types refuse an unknown currency (the document lists the enum); a client that casts past them gets a 400.
    const invalid = await officer.POST('/api/v1/programs', { body: { ...programRequest(), currency: 'XXX' as 'SEK' } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.code).toBe('VALIDATION_FAILED');
    expect(invalid.error?.fields?.map((f) => f.field)).toContain('currency');
  });

  it('got only answers that match the schemas the document gives for their status', () => {
    expect(mismatches).toEqual([]);
    expect([...validated].sort()).toEqual([
      'GET /api/v1/auth/session 200',
      'GET /api/v1/programs 200',
      'GET /api/v1/programs 401',
      'GET /api/v1/programs/{id} 200',
      'GET /api/v1/programs/{id} 404',
      'POST /api/v1/auth/sign-in 200',
      'POST /api/v1/programs 201',
      'POST /api/v1/programs 400',
      'POST /api/v1/programs 403',
    ]);
  });
});
