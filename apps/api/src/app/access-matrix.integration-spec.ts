import { ApiErrorBody, ApiPaths, ErrorCode, Permission, ROLES, Role, UserSummary, can } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../testing/api-harness';

/**
 * Every route of the platform, called by every role and by nobody: allowed
 * exactly when the shared permission table says so, denied otherwise.
 */
interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: (ctx: Ctx) => string;
  body?: (ctx: Ctx, role: Role) => unknown;
  permission: Permission | 'public';
}

interface Ctx {
  north: SeededAgency;
  exportId: string;
}

const ROUTES: RouteCase[] = [
  { name: 'health', method: 'GET', path: () => ApiPaths.health, permission: 'public' },
  { name: 'session', method: 'GET', path: () => ApiPaths.session, permission: 'session.own' },
  { name: 'session probe', method: 'GET', path: () => ApiPaths.sessionProbe, permission: 'public' },
  { name: 'trail list', method: 'GET', path: () => ApiPaths.trail, permission: 'trail.read' },
  { name: 'trail verify', method: 'POST', path: () => ApiPaths.trailVerification, permission: 'trail.verify' },
  { name: 'export request', method: 'POST', path: () => ApiPaths.trailExports, permission: 'trail.export' },
  { name: 'export list', method: 'GET', path: () => ApiPaths.trailExports, permission: 'trail.export' },
  { name: 'export status', method: 'GET', path: (c) => `${ApiPaths.trailExports}/${c.exportId}`, permission: 'trail.export' },
  { name: 'user list', method: 'GET', path: () => ApiPaths.users, permission: 'user.read' },
  {
    name: 'user create',
    method: 'POST',
    path: () => ApiPaths.users,
    body: (_c, role) => ({ email: `made-by-${role}@north.test`, displayName: 'New Person', password: 'a long enough password', roles: ['reviewer'] }),
    permission: 'user.manage',
  },
  {
    name: 'user roles',
    method: 'PUT',
    path: (c) => `${ApiPaths.users}/${c.north.users.reviewer.id}/roles`,
    body: () => ({ roles: ['reviewer'], reason: 'access matrix test' }),
    permission: 'user.manage',
  },
  {
    name: 'user active',
    method: 'PUT',
    path: (c) => `${ApiPaths.users}/${c.north.users.partner.id}/active`,
    body: () => ({ active: true, reason: 'access matrix test' }),
    permission: 'user.manage',
  },
];

describe('access rules: every route × every role', () => {
  let api: ApiHarness;
  const ctx = {} as Ctx;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await ApiHarness.start('access');
    ctx.north = await seedAgency(api.dataSource, 'north');
    for (const role of ROLES) {
      tokens[role] = await api.signIn(`${role}@north.test`);
      // Sensitive routes also want a recent re-authentication; that rule has its own spec (two-factor).
      await api.reauth(tokens[role]);
    }
    const exp = await api.request('POST', ApiPaths.trailExports, { cookie: tokens.auditor });
    ctx.exportId = exp.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await api?.stop();
  });

  const cases = ROUTES.flatMap((route) => ROLES.map((role) => [route.name, role, route] as const));

  it.each(cases)('%s as %s', async (_name, role, route) => {
    const response = await api.request(route.method, route.path(ctx), { cookie: tokens[role], body: route.body?.(ctx, role) });
    const allowed = route.permission === 'public' || can([role], route.permission);
    if (allowed) {
      expect(response.statusCode).toBeGreaterThanOrEqual(200);
      expect(response.statusCode).toBeLessThan(300);
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.Forbidden);
    }
  });

  it.each(ROUTES.filter((r) => r.permission !== 'public').map((r) => [r.name, r] as const))('%s without signing in is 401', async (_n, route) => {
    const response = await api.request(route.method, route.path(ctx), { body: route.body?.(ctx, 'admin') });
    expect(response.statusCode).toBe(401);
    expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.NotAuthenticated);
  });

  it('a forged or garbage token is 401', async () => {
    const response = await api.request('GET', ApiPaths.session, { cookie: 'x'.repeat(43) });
    expect(response.statusCode).toBe(401);
  });
});

describe('tenancy: one agency never reaches another’s data', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let south: SeededAgency;

  beforeAll(async () => {
    api = await ApiHarness.start('tenancy');
    north = await seedAgency(api.dataSource, 'north');
    south = await seedAgency(api.dataSource, 'south');
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('an admin lists only their own agency’s users', async () => {
    const token = await api.signIn('admin@south.test');
    const users = (await api.request('GET', ApiPaths.users, { cookie: token })).json<UserSummary[]>();
    expect(users).toHaveLength(ROLES.length);
    expect(users.every((u) => u.email.endsWith('@south.test'))).toBe(true);
  });

  it('an admin cannot change roles or activation of another agency’s user (404, nothing changed, nothing on the trail)', async () => {
    const token = await api.signIn('admin@south.test');
    await api.reauth(token);
    const before = (await api.dataSource.query('SELECT count(*)::int AS n FROM activity_record'))[0].n as number;
    const roles = await api.request('PUT', `${ApiPaths.users}/${north.users.officer.id}/roles`, {
      cookie: token,
      body: { roles: ['admin'], reason: 'take over' },
    });
    expect(roles.statusCode).toBe(404);
    const active = await api.request('PUT', `${ApiPaths.users}/${north.users.officer.id}/active`, {
      cookie: token,
      body: { active: false, reason: 'take over' },
    });
    expect(active.statusCode).toBe(404);
    const officerRoles = await api.dataSource.query('SELECT role FROM user_role WHERE user_id = $1', [north.users.officer.id]);
    expect(officerRoles).toEqual([{ role: 'officer' }]);
    const after = (await api.dataSource.query('SELECT count(*)::int AS n FROM activity_record'))[0].n as number;
    expect(after).toBe(before);
  });

  it('an auditor sees only their own agency’s trail and cannot open another agency’s export', async () => {
    const northAuditor = await api.signIn('auditor@north.test');
    const southAuditor = await api.signIn('auditor@south.test');
    const northTrail = (await api.request('GET', ApiPaths.trail, { cookie: northAuditor })).json<{ items: { actorLabel: string }[] }>();
    expect(northTrail.items.length).toBeGreaterThan(0);
    expect(northTrail.items.every((r) => !r.actorLabel.includes('south'))).toBe(true);
    const exp = (await api.request('POST', ApiPaths.trailExports, { cookie: northAuditor })).json<{ id: string }>();
    const peek = await api.request('GET', `${ApiPaths.trailExports}/${exp.id}`, { cookie: southAuditor });
    expect(peek.statusCode).toBe(404);
    const file = await api.request('GET', `${ApiPaths.trailExports}/${exp.id}/file`, { cookie: southAuditor });
    expect(file.statusCode).toBe(404);
    expect(south.agency.id).not.toBe(north.agency.id);
  });
});
