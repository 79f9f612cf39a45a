import createClient from 'openapi-fetch';
import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE } from '@mizan/contracts';
import { TEST_PASSWORD, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { programRequest } from '../intake/calls/calls-testing';
import type { components, paths } from './mizan-api.generated';

/**
 * The api as a partner's tool uses it: a client typed from the api's own document
 * (openapi-typescript → mizan-api.generated.ts, kept up to date by the api document
 * spec) and openapi-fetch, over real HTTP to a listening api. The calls below are
 * type-checked against the document: a wrong path, body field or response field
 * fails `tsc -p tsconfig.check.json`, a wrong answer fails here.
 */

type ApiErrorBody = components['schemas']['ApiErrorBody'];

describe('a typed client generated from the api document', () => {
  let api: ApiHarness;
  let baseUrl: string;

  beforeAll(async () => {
    api = await ApiHarness.start('openapi-client');
    await seedAgency(api.dataSource, 'north');
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  /** Signs in through the client; the session token comes back in the Set-Cookie header, and works as a bearer token too. */
  async function signIn(email: string): Promise<{ token: string; roles: string[] }> {
    const client = createClient<paths>({ baseUrl });
    const { data, error, response } = await client.POST('/api/v1/auth/sign-in', { body: { email, password: TEST_PASSWORD } });
    if (error || !data) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(error)}`);
    const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error('no session cookie');
    return { token, roles: data.user.roles };
  }

  it('signs in, reads the session with a bearer token and with the cookie', async () => {
    const { token, roles } = await signIn('officer@north.test');
    expect(roles).toEqual(['officer']);

    const bearer = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
    const viaBearer = await bearer.GET('/api/v1/auth/session');
    expect(viaBearer.response.status).toBe(200);
    expect(viaBearer.data?.user.email).toBe('officer@north.test');
    expect(viaBearer.data?.permissions).toContain('program.manage');

    const cookie = createClient<paths>({ baseUrl, headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
    const viaCookie = await cookie.GET('/api/v1/auth/session');
    expect(viaCookie.data?.user.id).toBe(viaBearer.data?.user.id);
  });

  it('creates, lists and reads programs with typed bodies and path parameters', async () => {
    const { token } = await signIn('officer@north.test');
    const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

    const body: components['schemas']['CreateProgramDto'] = programRequest({ name: 'Typed client program' });
    const created = await client.POST('/api/v1/programs', { body });
    expect(created.response.status).toBe(201);
    const program: components['schemas']['ProgramView'] | undefined = created.data;
    expect(program?.name).toBe('Typed client program');

    const listed = await client.GET('/api/v1/programs');
    expect(listed.response.status).toBe(200);
    expect(listed.data?.map((p) => p.id)).toContain(program?.id);

    const read = await client.GET('/api/v1/programs/{id}', { params: { path: { id: program?.id ?? '' } } });
    expect(read.data).toEqual(program);
  });

  it('gets the documented error shape and code on a 4xx', async () => {
    const anonymous = createClient<paths>({ baseUrl });
    const unauthenticated = await anonymous.GET('/api/v1/programs');
    expect(unauthenticated.response.status).toBe(401);
    const noSession: ApiErrorBody | undefined = unauthenticated.error;
    expect(noSession?.code).toBe('NOT_AUTHENTICATED');

    const { token } = await signIn('officer@north.test');
    const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
    const missing = await client.GET('/api/v1/programs/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });

    const { token: applicantToken } = await signIn('applicant@north.test');
    const applicant = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${applicantToken}` } });
    const refused = await applicant.POST('/api/v1/programs', { body: programRequest() });
    expect(refused.response.status).toBe(403);
    expect(refused.error?.code).toBe('FORBIDDEN');

    // The generated types refuse an unknown currency (the document lists the enum); a client that casts past them gets a 400.
    const invalid = await client.POST('/api/v1/programs', { body: { ...programRequest(), currency: 'XXX' as 'SEK' } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.code).toBe('VALIDATION_FAILED');
    expect(invalid.error?.fields?.map((f) => f.field)).toContain('currency');
  });
});
