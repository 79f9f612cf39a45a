import { ApiErrorBody, ApiPaths, ErrorCode, SESSION_COOKIE, SessionInfo, SessionProbe } from '@mizan/contracts';
import { TEST_PASSWORD, seedAgency, SeededAgency } from '@mizan/server/testing';
import { ApiHarness, cookieValue } from '../../testing/api-harness';

describe('sign-in, sessions and lockout (real PostgreSQL + Redis)', () => {
  let api: ApiHarness;
  let seeded: SeededAgency;

  beforeAll(async () => {
    api = await ApiHarness.start('auth', { signInMaxFailures: 3, signInLockoutSeconds: 120 });
    seeded = await seedAgency(api.dataSource, 'north');
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function trailActions(): Promise<string[]> {
    const rows = (await api.dataSource.query('SELECT action FROM activity_record ORDER BY seq')) as { action: string }[];
    return rows.map((r) => r.action);
  }

  it('signs in with the right password: httpOnly strict cookie with a 256-bit token, session info, trail record', async () => {
    const response = await api.request('POST', ApiPaths.signIn, { body: { email: 'Officer@North.test ', password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const info = response.json<SessionInfo>();
    expect(info.user.email).toBe('officer@north.test');
    expect(info.user.roles).toEqual(['officer']);
    expect(info.user.agencyName).toBe('Agency north');
    expect(info.permissions).toContain('session.own');
    expect(info.permissions).not.toContain('trail.read');
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const token = cookieValue(response, SESSION_COOKIE) ?? '';
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    const stored = await api.dataSource.query('SELECT token_hash FROM user_session WHERE user_id = $1', [seeded.users.officer.id]);
    expect(stored[0].token_hash).not.toContain(token);
    expect(await trailActions()).toContain('auth.signed_in');

    const session = await api.request('GET', ApiPaths.session, { cookie: token });
    expect(session.statusCode).toBe(200);
    expect(session.json<SessionInfo>().user.id).toBe(seeded.users.officer.id);
  });

  it('the session probe answers 200 to everyone: signed out (no cookie, a garbage one, one that ended) or signed in', async () => {
    const none = await api.request('GET', ApiPaths.sessionProbe);
    expect(none.statusCode).toBe(200);
    expect(none.json<SessionProbe>()).toEqual({ signedIn: false, session: null });
    const garbage = await api.request('GET', ApiPaths.sessionProbe, { cookie: 'x'.repeat(43) });
    expect(garbage.json<SessionProbe>()).toEqual({ signedIn: false, session: null });

    const token = await api.signIn('auditor@north.test');
    const signedIn = await api.request('GET', ApiPaths.sessionProbe, { cookie: token });
    expect(signedIn.statusCode).toBe(200);
    const probe = signedIn.json<SessionProbe>();
    expect(probe.signedIn).toBe(true);
    const info = (await api.request('GET', ApiPaths.session, { cookie: token })).json<SessionInfo>();
    expect(probe.session).toMatchObject({ user: info.user, permissions: info.permissions, stage: 'full' });

    expect((await api.request('POST', ApiPaths.signOut, { cookie: token })).statusCode).toBe(204);
    const ended = await api.request('GET', ApiPaths.sessionProbe, { cookie: token });
    expect(ended.statusCode).toBe(200);
    expect(ended.json<SessionProbe>()).toEqual({ signedIn: false, session: null });
    // The session route itself keeps its contract: 401 for the same visitor.
    expect((await api.request('GET', ApiPaths.session, { cookie: token })).statusCode).toBe(401);
  });

  it('says the same thing for a wrong password and for an unknown account', async () => {
    const wrong = await api.request('POST', ApiPaths.signIn, { body: { email: 'finance@north.test', password: 'not the password' } });
    const unknown = await api.request('POST', ApiPaths.signIn, { body: { email: 'nobody@north.test', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<ApiErrorBody>().code).toBe(ErrorCode.InvalidCredentials);
    expect(wrong.json<ApiErrorBody>().message).toBe(unknown.json<ApiErrorBody>().message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('locks an address after repeated failures, even for the right password, and says when to retry', async () => {
    const email = 'reviewer@north.test';
    for (let i = 0; i < 3; i++) {
      const r = await api.request('POST', ApiPaths.signIn, { body: { email, password: `guess-${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await api.request('POST', ApiPaths.signIn, { body: { email, password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    const body = locked.json<ApiErrorBody>();
    expect(body.code).toBe(ErrorCode.TooManyAttempts);
    expect(body.retryAfterSeconds).toBeGreaterThan(100);
    expect(Number(locked.headers['retry-after'])).toBe(body.retryAfterSeconds);
    // An unknown address locks the same way, so a lock reveals nothing.
    for (let i = 0; i < 3; i++) await api.request('POST', ApiPaths.signIn, { body: { email: 'ghost@north.test', password: 'x' } });
    const ghost = await api.request('POST', ApiPaths.signIn, { body: { email: 'ghost@north.test', password: 'x' } });
    expect(ghost.statusCode).toBe(429);
    const actions = await trailActions();
    expect(actions).toContain('auth.sign_in_failed');
    expect(actions).toContain('auth.locked_out');
  });

  it('signs out: the token stops working and the sign-out is on the trail', async () => {
    const token = await api.signIn('partner@north.test');
    const out = await api.request('POST', ApiPaths.signOut, { cookie: token });
    expect(out.statusCode).toBe(204);
    const after = await api.request('GET', ApiPaths.session, { cookie: token });
    expect(after.statusCode).toBe(401);
    expect(await trailActions()).toContain('auth.signed_out');
  });

  it('rotates the session at sign-in: the token the browser held before is revoked', async () => {
    const first = await api.signIn('applicant@north.test');
    const again = await api.request('POST', ApiPaths.signIn, { cookie: first, body: { email: 'applicant@north.test', password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(200);
    const second = cookieValue(again, SESSION_COOKIE);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await api.request('GET', ApiPaths.session, { cookie: first })).statusCode).toBe(401);
    expect((await api.request('GET', ApiPaths.session, { cookie: second })).statusCode).toBe(200);
  });

  it('expires idle and absolute sessions', async () => {
    const idle = await api.signIn('auditor@north.test');
    // Time passing, as the owner: the api's role may only move last_seen_at, idle_expires_at and revoked_at.
    await api.env.queryAs('owner', `UPDATE user_session SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1`, [seeded.users.auditor.id]);
    const r1 = await api.request('GET', ApiPaths.session, { cookie: idle });
    expect(r1.statusCode).toBe(401);
    expect(r1.json<ApiErrorBody>().code).toBe(ErrorCode.SessionExpired);

    const absolute = await api.signIn('admin@north.test');
    await api.env.queryAs('owner', `UPDATE user_session SET absolute_expires_at = now() - interval '1 second' WHERE user_id = $1`, [seeded.users.admin.id]);
    const r2 = await api.request('GET', ApiPaths.session, { cookie: absolute });
    expect(r2.statusCode).toBe(401);
    expect(r2.json<ApiErrorBody>().code).toBe(ErrorCode.SessionExpired);
  });

  it('refuses a deactivated account with the same message as a wrong password', async () => {
    await api.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [seeded.users.finance.id]);
    const r = await api.request('POST', ApiPaths.signIn, { body: { email: 'finance@north.test', password: TEST_PASSWORD } });
    expect(r.statusCode).toBe(401);
    expect(r.json<ApiErrorBody>().code).toBe(ErrorCode.InvalidCredentials);
  });

  it('rejects bad sign-in bodies with a 400 that names the problem, never a 500', async () => {
    const unknownField = await api.request('POST', ApiPaths.signIn, { body: { email: 'a@b.c', password: 'x', remember: true } });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.UnknownFields, fields: [{ field: 'remember' }] });
    const missing = await api.request('POST', ApiPaths.signIn, { body: { email: 'a@b.c' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain('password');
    const malformed = await api.request('POST', ApiPaths.signIn, { rawBody: '{"email": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ApiErrorBody>().code).toBe(ErrorCode.MalformedJson);
    const huge = await api.request('POST', ApiPaths.signIn, { rawBody: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2_000_000) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<ApiErrorBody>().code).toBe(ErrorCode.PayloadTooLarge);
    const wrongType = await api.request('POST', ApiPaths.signIn, { body: { email: ['a@b.c'], password: 42 } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('sends security headers', async () => {
    const r = await api.request('GET', ApiPaths.health);
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(r.headers['x-frame-options']).toBeDefined();
  });

  it('sends the same security headers, with the whole policy, on every reply: public, signed in, refused', async () => {
    const policy =
      "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';" +
      "script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests;connect-src 'self'";
    const token = await api.signIn('officer@north.test');
    const replies = [
      await api.request('GET', ApiPaths.health),
      await api.request('GET', ApiPaths.session, { cookie: token }),
      await api.request('GET', ApiPaths.session, { cookie: token }),
      await api.request('GET', ApiPaths.session),
    ];
    expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 200, 401]);
    for (const r of replies) {
      expect(r.headers['content-security-policy']).toBe(policy);
      expect(r.headers['strict-transport-security']).toBeDefined();
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cross-origin-embedder-policy']).toBeUndefined();
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });
});
