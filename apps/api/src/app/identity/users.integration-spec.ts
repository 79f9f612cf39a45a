import { ApiErrorBody, ApiPaths, ErrorCode, UserSummary } from '@mizan/contracts';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';

describe('user administration (real PostgreSQL)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let admin: string;

  beforeAll(async () => {
    api = await ApiHarness.start('users');
    north = await seedAgency(api.dataSource, 'north');
    admin = await api.signIn('admin@north.test');
    // Role changes need a recent re-authentication (its own spec: two-factor.integration-spec).
    await api.reauth(admin);
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function lastRecord(): Promise<{ action: string; before: unknown; after: unknown; reason: string | null; actor_label: string }> {
    return (await api.dataSource.query('SELECT action, before, after, reason, actor_label FROM activity_record ORDER BY seq DESC LIMIT 1'))[0];
  }

  it('creates a user who can then sign in; the creation is on the trail', async () => {
    const created = await api.request('POST', ApiPaths.users, {
      cookie: admin,
      body: { email: 'New.Officer@north.test', displayName: 'Nadia', password: 'twelve chars ok', roles: ['officer', 'reviewer'], rolePairReason: 'our only gender expert' },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json<UserSummary>();
    expect(user).toMatchObject({ email: 'new.officer@north.test', roles: ['officer', 'reviewer'], active: true });
    expect(await lastRecord()).toMatchObject({
      action: 'user.created',
      actor_label: 'admin@north.test',
      after: { roles: ['officer', 'reviewer'], rolePairs: ['officer+reviewer'] },
      reason: 'our only gender expert',
    });
    await expect(api.signIn('new.officer@north.test', 'twelve chars ok')).resolves.toBeTruthy();
  });

  it('refuses a duplicate email with a 409 naming the field', async () => {
    const dup = await api.request('POST', ApiPaths.users, {
      cookie: admin,
      body: { email: 'officer@north.test', displayName: 'Again', password: 'twelve chars ok', roles: [] },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<ApiErrorBody>().fields).toEqual([{ field: 'email', code: 'ALREADY_EXISTS', message: 'already in use' }]);
  });

  it('rejects an unknown role, a short password and an unknown field, naming each', async () => {
    const bad = await api.request('POST', ApiPaths.users, {
      cookie: admin,
      body: { email: 'x@north.test', displayName: 'X', password: 'short', roles: ['superuser'] },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json<ApiErrorBody>();
    expect(body.code).toBe(ErrorCode.ValidationFailed);
    const fields = body.fields?.map((f) => f.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['password', 'roles', 'displayName']));
    const unknown = await api.request('PUT', `${ApiPaths.users}/${north.users.finance.id}/roles`, {
      cookie: admin,
      body: { roles: ['finance'], reason: 'ok', isAdmin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnknownFields, message: expect.stringContaining('isAdmin') });
  });

  it('changes roles with a reason: before/after on the trail, the user’s permissions follow', async () => {
    const changed = await api.request('PUT', `${ApiPaths.users}/${north.users.partner.id}/roles`, {
      cookie: admin,
      body: { roles: ['partner', 'auditor'], reason: 'external auditor of another program' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<UserSummary>().roles).toEqual(['auditor', 'partner']);
    expect(await lastRecord()).toMatchObject({
      action: 'user.roles_changed',
      before: { roles: ['partner'] },
      after: { roles: ['auditor', 'partner'] },
      reason: 'external auditor of another program',
    });
    const token = await api.signIn('partner@north.test');
    expect((await api.request('GET', ApiPaths.trail, { cookie: token })).statusCode).toBe(200);
    const back = await api.request('PUT', `${ApiPaths.users}/${north.users.partner.id}/roles`, { cookie: admin, body: { roles: ['partner'], reason: 'audit done' } });
    expect(back.statusCode).toBe(200);
  });

  describe('segregation of duties between roles (ROLE_PAIRS of the domain)', () => {
    const rolesOf = async (id: string) =>
      ((await api.dataSource.query('SELECT role FROM user_role WHERE user_id = $1 ORDER BY role', [id])) as { role: string }[]).map((r) => r.role);

    it('refuses finance + auditor (and officer + auditor) with a code naming the pair, and changes nothing', async () => {
      const records = Number((await api.dataSource.query('SELECT count(*) AS n FROM activity_record'))[0].n);
      for (const [user, roles, pair] of [
        [north.users.finance.id, ['finance', 'auditor'], 'auditor+finance'],
        [north.users.officer.id, ['officer', 'auditor'], 'auditor+officer'],
      ] as const) {
        const refused = await api.request('PUT', `${ApiPaths.users}/${user}/roles`, {
          cookie: admin,
          body: { roles, reason: 'covers audit during leave', rolePairReason: 'a reason does not help' },
        });
        expect(refused.statusCode).toBe(422);
        expect(refused.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.RolePairRefused, params: { pair } });
        expect(await rolesOf(user)).toEqual([roles[0]]);
      }
      const created = await api.request('POST', ApiPaths.users, {
        cookie: admin,
        body: { email: 'both@north.test', displayName: 'Both', password: 'twelve chars ok', roles: ['finance', 'auditor'] },
      });
      expect(created.statusCode).toBe(422);
      expect(created.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.RolePairRefused, params: { pair: 'auditor+finance', first: 'auditor', second: 'finance' } });
      expect(await api.dataSource.query('SELECT 1 FROM app_user WHERE email = $1', ['both@north.test'])).toEqual([]);
      expect(Number((await api.dataSource.query('SELECT count(*) AS n FROM activity_record'))[0].n)).toBe(records);
    });

    it('officer + finance needs a reason for the pair; with it, the pair and its reason are on the trail', async () => {
      const url = `${ApiPaths.users}/${north.users.officer.id}/roles`;
      const missing = await api.request('PUT', url, { cookie: admin, body: { roles: ['officer', 'finance'], reason: 'small team' } });
      expect(missing.statusCode).toBe(422);
      expect(missing.json<ApiErrorBody>()).toMatchObject({
        code: ErrorCode.RolePairReasonRequired,
        params: { pair: 'finance+officer' },
        fields: [{ field: 'rolePairReason' }],
      });
      expect(await rolesOf(north.users.officer.id)).toEqual(['officer']);
      const blank = await api.request('PUT', url, { cookie: admin, body: { roles: ['officer', 'finance'], reason: 'small team', rolePairReason: '   ' } });
      expect(blank.statusCode).toBe(400);

      const given = await api.request('PUT', url, {
        cookie: admin,
        body: { roles: ['officer', 'finance'], reason: 'small team', rolePairReason: 'only two staff until March; payments she requests go to Erik' },
      });
      expect(given.statusCode).toBe(200);
      expect(await lastRecord()).toMatchObject({
        action: 'user.roles_changed',
        after: { roles: ['finance', 'officer'], rolePairs: ['finance+officer'], rolePairReason: 'only two staff until March; payments she requests go to Erik' },
        reason: 'small team',
      });
      // The pair was accepted once: a later change that keeps it needs no new reason.
      const kept = await api.request('PUT', url, { cookie: admin, body: { roles: ['officer', 'finance', 'admin'], reason: 'acting admin' } });
      expect(kept.statusCode).toBe(200);
      expect((await lastRecord()).after).toEqual({ roles: ['admin', 'finance', 'officer'] });
      expect((await api.request('PUT', url, { cookie: admin, body: { roles: ['officer'], reason: 'back to normal' } })).statusCode).toBe(200);
    });
  });

  it('deactivating a user ends their sessions at once', async () => {
    const token = await api.signIn('partner@north.test');
    const off = await api.request('PUT', `${ApiPaths.users}/${north.users.partner.id}/active`, {
      cookie: admin,
      body: { active: false, reason: 'left the organization' },
    });
    expect(off.statusCode).toBe(200);
    expect((await api.request('GET', ApiPaths.session, { cookie: token })).statusCode).toBe(401);
    expect(await lastRecord()).toMatchObject({ action: 'user.deactivated', reason: 'left the organization' });
  });

  it('an admin cannot remove their own admin role or deactivate themselves', async () => {
    const selfDemote = await api.request('PUT', `${ApiPaths.users}/${north.users.admin.id}/roles`, {
      cookie: admin,
      body: { roles: ['officer'], reason: 'oops' },
    });
    expect(selfDemote.statusCode).toBe(409);
    const selfOff = await api.request('PUT', `${ApiPaths.users}/${north.users.admin.id}/active`, {
      cookie: admin,
      body: { active: false, reason: 'oops' },
    });
    expect(selfOff.statusCode).toBe(409);
  });

  it('a malformed user id is a 404, not a 500', async () => {
    const r = await api.request('PUT', `${ApiPaths.users}/not-a-uuid/roles`, { cookie: admin, body: { roles: [], reason: 'why not' } });
    expect(r.statusCode).toBe(404);
  });
  it('creating a user or giving an account back its access needs a recent re-authentication; taking it away does not', async () => {
    const fresh = await api.signIn('admin@north.test');
    const create = await api.request('POST', ApiPaths.users, {
      cookie: fresh,
      body: { email: 'no.reauth@north.test', displayName: 'No Reauth', password: 'a long enough password', roles: ['admin'] },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    expect(await api.dataSource.query('SELECT 1 FROM app_user WHERE email = $1', ['no.reauth@north.test'])).toEqual([]);
    const off = await api.request('PUT', `${ApiPaths.users}/${north.users.reviewer.id}/active`, { cookie: fresh, body: { active: false, reason: 'on leave' } });
    expect(off.statusCode).toBe(200);
    const on = await api.request('PUT', `${ApiPaths.users}/${north.users.reviewer.id}/active`, { cookie: fresh, body: { active: true, reason: 'back' } });
    expect(on.statusCode).toBe(403);
    expect(on.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    await api.reauth(fresh);
    const onAgain = await api.request('PUT', `${ApiPaths.users}/${north.users.reviewer.id}/active`, { cookie: fresh, body: { active: true, reason: 'back' } });
    expect(onAgain.statusCode).toBe(200);
  });
});
