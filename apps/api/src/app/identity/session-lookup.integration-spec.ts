import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiErrorBody, ApiPaths, ErrorCode, SESSION_COOKIE, SessionInfo } from '@mizan/contracts';
import { Agency, SessionService, User, UserSession } from '@mizan/server/identity';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { createApiApp } from '../create-app';

/**
 * The session lookup every authenticated request makes (SessionService.resolve, one statement): what it loads, and
 * that nothing of it is kept in a process — a second api process over the same database sees a sign-out, a
 * deactivation or a role change made through the first on its very next request.
 */
describe('session lookup on every request (real PostgreSQL + Redis, two api instances)', () => {
  let api: ApiHarness;
  let other: NestFastifyApplication;
  let north: SeededAgency;

  beforeAll(async () => {
    api = await ApiHarness.start('session_lookup');
    other = await createApiApp(api.env.config, { logger: false });
    await other.init();
    await other.getHttpAdapter().getInstance().ready();
    north = await seedAgency(api.dataSource, 'north');
  });
  afterAll(async () => {
    await other?.close();
    await api?.stop();
  });

  async function onOther(path: string, token: string, method: 'GET' | 'POST' = 'GET') {
    const response = await other.inject({ method, url: `/api/v1/${path}`, headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    return { statusCode: response.statusCode, json: <T>() => response.json() as T };
  }

  it('loads the session, the user, the sorted roles and the agency as entities', async () => {
    const token = await api.signIn('officer@north.test');
    await api.env.queryAs('owner', `INSERT INTO user_role (user_id, role) VALUES ($1, 'finance')`, [north.users.officer.id]);
    const ctx = await api.app.get(SessionService).resolve(token);
    expect(ctx.session).toBeInstanceOf(UserSession);
    expect(ctx.user).toBeInstanceOf(User);
    expect(ctx.agency).toBeInstanceOf(Agency);
    const [stored] = (await api.dataSource.query(
      `SELECT s.id, s.user_id, s.created_at, s.absolute_expires_at, s.stage, s.revoked_at, u.email, u.password_hash, u.active, a.slug, a.name
         FROM user_session s JOIN app_user u ON u.id = s.user_id JOIN agency a ON a.id = u.agency_id WHERE s.token_hash = $1`,
      [api.app.get(SessionService).tokenHash(token)],
    )) as { id: string; user_id: string; created_at: Date; absolute_expires_at: Date; stage: string; revoked_at: null; email: string; password_hash: string; active: boolean; slug: string; name: string }[];
    expect(ctx.session).toMatchObject({ id: stored.id, userId: stored.user_id, createdAt: stored.created_at, absoluteExpiresAt: stored.absolute_expires_at, stage: 'full', revokedAt: null });
    expect(ctx.user).toMatchObject({ id: north.users.officer.id, agencyId: north.agency.id, email: stored.email, passwordHash: stored.password_hash, active: true });
    expect(ctx.user.roles()).toEqual(['finance', 'officer']);
    expect(ctx.agency).toMatchObject({ id: north.agency.id, slug: stored.slug, name: stored.name });
    await api.env.queryAs('owner', `DELETE FROM user_role WHERE user_id = $1 AND role = 'finance'`, [north.users.officer.id]);
  });

  it('a user without any role resolves with no roles (and no permission), not an error', async () => {
    const token = await api.signIn('partner@north.test');
    await api.env.queryAs('owner', `DELETE FROM user_role WHERE user_id = $1`, [north.users.partner.id]);
    const ctx = await api.app.get(SessionService).resolve(token);
    expect(ctx.user.roles()).toEqual([]);
    const session = await onOther(ApiPaths.session, token);
    expect(session.statusCode).toBe(403);
    await api.env.queryAs('owner', `INSERT INTO user_role (user_id, role) VALUES ($1, 'partner')`, [north.users.partner.id]);
    expect((await onOther(ApiPaths.session, token)).statusCode).toBe(200);
  });

  it('a session made through one api works through the other, and a sign-out through the first holds on the next request to the second', async () => {
    const token = await api.signIn('applicant@north.test');
    const here = await api.request('GET', ApiPaths.session, { cookie: token });
    const there = await onOther(ApiPaths.session, token);
    expect(there.statusCode).toBe(200);
    expect(there.json<SessionInfo>()).toEqual(here.json<SessionInfo>());

    expect((await api.request('POST', ApiPaths.signOut, { cookie: token })).statusCode).toBe(204);
    const after = await onOther(ApiPaths.session, token);
    expect(after.statusCode).toBe(401);
    expect(after.json<ApiErrorBody>().code).toBe(ErrorCode.NotAuthenticated);
  });

  it('a deactivation and a role change are seen by the next request on the other api', async () => {
    const token = await api.signIn('reviewer@north.test');
    expect((await onOther(ApiPaths.session, token)).json<SessionInfo>().user.roles).toEqual(['reviewer']);

    await api.env.queryAs('owner', `INSERT INTO user_role (user_id, role) VALUES ($1, 'auditor')`, [north.users.reviewer.id]);
    const widened = await onOther(ApiPaths.session, token);
    expect(widened.json<SessionInfo>().user.roles).toEqual(['auditor', 'reviewer']);
    expect(widened.json<SessionInfo>().permissions).toContain('trail.read');

    await api.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [north.users.reviewer.id]);
    const refused = await onOther(ApiPaths.session, token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json<ApiErrorBody>().code).toBe(ErrorCode.NotAuthenticated);
  });

  it('an expired session is refused as expired, before the account is looked at', async () => {
    const token = await api.signIn('auditor@north.test');
    await api.env.queryAs('owner', `UPDATE user_session SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1`, [north.users.auditor.id]);
    await api.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [north.users.auditor.id]);
    const r = await onOther(ApiPaths.session, token);
    expect(r.statusCode).toBe(401);
    expect(r.json<ApiErrorBody>().code).toBe(ErrorCode.SessionExpired);
  });
});
