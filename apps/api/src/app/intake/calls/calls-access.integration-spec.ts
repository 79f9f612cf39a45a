import { CallView, IntakePaths, ProgramView, Role } from '@mizan/contracts';
import { seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../../testing/api-harness';
import { callRequest, programRequest, windowAround } from './calls-testing';

/**
 * Who reaches programs and calls: officers only their own agency's (another
 * agency's ids answer 404, as if they did not exist), applicants only published
 * calls of their agency, everybody else nothing (403 on officer routes).
 */
describe('programs and calls: access (real PostgreSQL)', () => {
  let api: ApiHarness;
  const tokens: Record<string, string> = {};
  let program: ProgramView;
  let draft: CallView;
  let published: CallView;

  beforeAll(async () => {
    api = await ApiHarness.start('calls_access');
    await seedAgency(api.dataSource, 'north');
    await seedAgency(api.dataSource, 'south');
    for (const who of ['officer@north.test', 'officer@south.test', 'applicant@north.test', 'applicant@south.test', 'partner@north.test', 'reviewer@north.test', 'finance@north.test', 'admin@north.test']) {
      tokens[who] = await api.signIn(who);
    }
    const officer = tokens['officer@north.test'];
    program = (await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest() })).json<ProgramView>();
    draft = (await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, { cookie: officer, body: callRequest({ title: 'North draft' }) })).json<CallView>();
    published = (
      await api.request('POST', `${IntakePaths.programs}/${program.id}/calls`, {
        cookie: officer,
        body: callRequest({ ...windowAround(new Date(), -60, 60 * 24), title: 'North published' }),
      })
    ).json<CallView>();
    expect((await api.request('POST', `${IntakePaths.calls}/${published.id}/publish`, { cookie: officer })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api?.stop();
  });

  type Route = { name: string; method: 'GET' | 'POST' | 'PUT'; path: () => string; body?: () => unknown };
  const officerRoutes: Route[] = [
    { name: 'create program', method: 'POST', path: () => IntakePaths.programs, body: () => programRequest() },
    { name: 'list programs', method: 'GET', path: () => IntakePaths.programs },
    { name: 'get program', method: 'GET', path: () => `${IntakePaths.programs}/${program.id}` },
    { name: 'create call', method: 'POST', path: () => `${IntakePaths.programs}/${program.id}/calls`, body: () => callRequest() },
    { name: 'list calls', method: 'GET', path: () => IntakePaths.calls },
    { name: 'edit call', method: 'PUT', path: () => `${IntakePaths.calls}/${draft.id}`, body: () => callRequest() },
    { name: 'publish call', method: 'POST', path: () => `${IntakePaths.calls}/${draft.id}/publish` },
    { name: 'correct call', method: 'POST', path: () => `${IntakePaths.calls}/${published.id}/corrections`, body: () => ({ ...callRequest(), reason: 'not allowed' }) },
    { name: 'screening queue', method: 'GET', path: () => `${IntakePaths.calls}/${published.id}/screening` },
  ];

  const outsiders: Role[] = ['applicant', 'partner', 'reviewer', 'finance', 'admin'];
  for (const role of outsiders) {
    it(`${role}: 403 on every officer route, and nothing changes`, async () => {
      const before = await api.dataSource.query('SELECT (SELECT count(*) FROM program)::int AS programs, (SELECT count(*) FROM grant_call)::int AS calls');
      for (const route of officerRoutes) {
        const res = await api.request(route.method, route.path(), { cookie: tokens[`${role}@north.test`], body: route.body?.() });
        expect({ route: route.name, status: res.statusCode }).toEqual({ route: route.name, status: 403 });
      }
      expect(await api.dataSource.query('SELECT (SELECT count(*) FROM program)::int AS programs, (SELECT count(*) FROM grant_call)::int AS calls')).toEqual(before);
      expect((await api.request('GET', `${IntakePaths.calls}/${draft.id}`, { cookie: tokens[`${role}@north.test`] })).statusCode).toBe(role === 'applicant' ? 404 : 403);
    });
  }

  it('nobody signed in: 401 everywhere', async () => {
    for (const route of officerRoutes) {
      expect((await api.request(route.method, route.path(), { body: route.body?.() })).statusCode).toBe(401);
    }
    expect((await api.request('GET', IntakePaths.openCalls)).statusCode).toBe(401);
  });

  it('an officer of another agency gets 404 on this agency’s program and calls, and sees none of them in lists', async () => {
    const south = tokens['officer@south.test'];
    for (const route of officerRoutes.filter((r) => r.name !== 'create program' && r.name !== 'list programs' && r.name !== 'list calls')) {
      const res = await api.request(route.method, route.path(), { cookie: south, body: route.body?.() });
      expect({ route: route.name, status: res.statusCode }).toEqual({ route: route.name, status: 404 });
    }
    for (const path of [`${IntakePaths.calls}/${published.id}`, `${IntakePaths.calls}/${published.id}/versions`, `${IntakePaths.calls}/${draft.id}`]) {
      expect((await api.request('GET', path, { cookie: south })).statusCode).toBe(404);
    }
    expect((await api.request('GET', IntakePaths.programs, { cookie: south })).json()).toEqual([]);
    expect((await api.request('GET', IntakePaths.calls, { cookie: south })).json()).toEqual([]);
    expect((await api.request('GET', `${IntakePaths.calls}?programId=${program.id}`, { cookie: south })).statusCode).toBe(404);
    const [unchanged] = await api.dataSource.query('SELECT status, title, version FROM grant_call WHERE id = $1', [draft.id]);
    expect(unchanged).toEqual({ status: 'draft', title: 'North draft', version: 1 });
  });

  it('an applicant of another agency does not see this agency’s calls, open or not', async () => {
    const south = tokens['applicant@south.test'];
    expect((await api.request('GET', IntakePaths.openCalls, { cookie: south })).json()).toEqual([]);
    expect((await api.request('GET', `${IntakePaths.calls}/${published.id}`, { cookie: south })).statusCode).toBe(404);
    const northOpen = (await api.request('GET', IntakePaths.openCalls, { cookie: tokens['applicant@north.test'] })).json<CallView[]>();
    expect(northOpen.map((c) => c.id)).toEqual([published.id]);
  });

  it('partners, reviewers and officers do not browse open calls (403)', async () => {
    for (const who of ['partner@north.test', 'reviewer@north.test', 'officer@north.test']) {
      expect((await api.request('GET', IntakePaths.openCalls, { cookie: tokens[who] })).statusCode).toBe(403);
    }
  });

  it('the north officer still reaches everything (the denials above are not a broken route)', async () => {
    const officer = tokens['officer@north.test'];
    expect((await api.request('GET', `${IntakePaths.programs}/${program.id}`, { cookie: officer })).statusCode).toBe(200);
    expect((await api.request('GET', `${IntakePaths.calls}/${draft.id}`, { cookie: officer })).statusCode).toBe(200);
    expect((await api.request('GET', `${IntakePaths.calls}/${published.id}/screening`, { cookie: officer })).statusCode).toBe(200);
  });
});
