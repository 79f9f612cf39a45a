import { Secret, TOTP } from 'otpauth';
import {
  ApiErrorBody,
  ApiPaths,
  DecisionPaths,
  ErrorCode,
  FundingDecisionView,
  RecoveryCodes,
  SESSION_COOKIE,
  SessionInfo,
  TwoFactorEnabled,
  TwoFactorEnrolment,
  TwoFactorPaths,
  TwoFactorStatus,
  UserSummary,
} from '@mizan/contracts';
import { TEST_PASSWORD, SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness, cookieValue } from '../../testing/api-harness';
import { createUser } from '../intake/applications/applications.fixtures';
import { decisionWorld, insertInReview } from '../decisions/decisions.fixtures';

/** What the user's authenticator app shows, `offsetSeconds` from now. */
function codeFor(secret: string, offsetSeconds = 0): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + offsetSeconds * 1000 });
}

describe('two-factor sign-in and re-authentication (real PostgreSQL + Redis)', () => {
  let api: ApiHarness;
  let north: SeededAgency;
  let east: SeededAgency;

  beforeAll(async () => {
    api = await ApiHarness.start('two_factor', { signInMaxFailures: 3, signInLockoutSeconds: 120, signInIpMaxAttempts: 10_000 });
    north = await seedAgency(api.dataSource, 'north');
    // South requires a second factor of its staff in one test; north and east do not.
    await seedAgency(api.dataSource, 'south');
    east = await seedAgency(api.dataSource, 'east');
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function actionsOf(userId: string): Promise<string[]> {
    const rows = (await api.dataSource.query('SELECT action FROM activity_record WHERE entity_id = $1 ORDER BY seq', [userId])) as { action: string }[];
    return rows.map((r) => r.action);
  }

  /** A code's time step is spent once accepted; tests that sign in again forget it here instead of waiting 30 s. */
  async function forgetLastStep(userId: string): Promise<void> {
    await api.dataSource.query('UPDATE user_two_factor SET last_used_step = NULL WHERE user_id = $1', [userId]);
  }

  async function passwordStep(email: string): Promise<{ token: string; info: SessionInfo }> {
    const response = await api.request('POST', ApiPaths.signIn, { body: { email, password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    return { token: cookieValue(response, SESSION_COOKIE) ?? '', info: response.json<SessionInfo>() };
  }

  /** Signs in and sets up a second factor; returns the secret (as typed by hand) and the recovery codes. */
  async function enrol(email: string): Promise<{ token: string; secret: string; recoveryCodes: string[] }> {
    const token = await api.signIn(email);
    await api.reauth(token);
    const started = await api.request('POST', TwoFactorPaths.enrolment, { cookie: token });
    expect(started.statusCode).toBe(201);
    const { secret } = started.json<TwoFactorEnrolment>();
    const confirmed = await api.request('POST', TwoFactorPaths.enrolmentConfirm, { cookie: token, body: { code: codeFor(secret) } });
    expect(confirmed.statusCode).toBe(200);
    return { token, secret, recoveryCodes: confirmed.json<TwoFactorEnabled>().recoveryCodes };
  }

  it('enrols: QR code and secret once, the first code turns it on, ten recovery codes stored only as hashes', async () => {
    const user = await createUser(api.dataSource, north.agency.id, 'enrol@north.test', 'officer');
    const token = await api.signIn(user.email);
    // A full session gives its password again first: a stolen session cookie cannot bind the thief's authenticator.
    const unconfirmed = await api.request('POST', TwoFactorPaths.enrolment, { cookie: token });
    expect(unconfirmed.statusCode).toBe(403);
    expect(unconfirmed.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    await api.reauth(token);
    const started = await api.request('POST', TwoFactorPaths.enrolment, { cookie: token });
    expect(started.statusCode).toBe(201);
    const enrolment = started.json<TwoFactorEnrolment>();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.otpauthUri).toContain(encodeURIComponent(user.email));
    expect(enrolment.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(enrolment.qrCodeDataUrl.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [stored] = (await api.dataSource.query('SELECT secret_ciphertext, confirmed_at FROM user_two_factor WHERE user_id = $1', [user.id])) as {
      secret_ciphertext: string;
      confirmed_at: Date | null;
    }[];
    expect(stored.secret_ciphertext).not.toContain(enrolment.secret);
    expect(stored.confirmed_at).toBeNull();
    expect((await api.request('GET', TwoFactorPaths.status, { cookie: token })).json<TwoFactorStatus>()).toMatchObject({ enabled: false });

    const wrong = await api.request('POST', TwoFactorPaths.enrolmentConfirm, { cookie: token, body: { code: codeFor(enrolment.secret, 300) } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.InvalidSecondFactor, fields: [{ field: 'code' }] });

    const confirmed = await api.request('POST', TwoFactorPaths.enrolmentConfirm, { cookie: token, body: { code: codeFor(enrolment.secret) } });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<TwoFactorEnabled>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const hashes = (await api.dataSource.query('SELECT code_hash FROM user_recovery_code WHERE user_id = $1', [user.id])) as { code_hash: string }[];
    expect(hashes).toHaveLength(10);
    for (const code of recoveryCodes) {
      expect(hashes.some((h) => h.code_hash.includes(code.replace('-', '')))).toBe(false);
    }
    expect((await api.request('GET', TwoFactorPaths.status, { cookie: token })).json<TwoFactorStatus>()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // The secret is never handed out again.
    const again = await api.request('POST', TwoFactorPaths.enrolment, { cookie: token });
    expect(again.statusCode).toBe(409);
    expect(await actionsOf(user.id)).toEqual(expect.arrayContaining(['auth.two_factor_enrolment_started', 'auth.two_factor_enabled']));
    const users = (await api.request('GET', ApiPaths.users, { cookie: await api.signIn('admin@north.test') })).json<UserSummary[]>();
    expect(users.find((u) => u.id === user.id)?.twoFactorEnabled).toBe(true);
  });

  it('signs in with password then code: nothing but the code step is open before the code', async () => {
    const user = await createUser(api.dataSource, north.agency.id, 'codes@north.test', 'auditor');
    const { secret } = await enrol(user.email);
    await forgetLastStep(user.id);
    const { token, info } = await passwordStep(user.email);
    expect(info.stage).toBe('second_factor');
    expect(info.permissions).toEqual([]);
    const trail = await api.request('GET', ApiPaths.trail, { cookie: token });
    expect(trail.statusCode).toBe(401);
    expect(trail.json<ApiErrorBody>().code).toBe(ErrorCode.SecondFactorRequired);
    expect((await api.request('POST', TwoFactorPaths.enrolment, { cookie: token })).statusCode).toBe(401);
    expect((await api.request('POST', TwoFactorPaths.reauth, { cookie: token, body: { password: TEST_PASSWORD } })).statusCode).toBe(401);
    expect((await api.request('GET', ApiPaths.session, { cookie: token })).json<SessionInfo>().stage).toBe('second_factor');

    const verified = await api.request('POST', TwoFactorPaths.verify, { cookie: token, body: { code: codeFor(secret) } });
    expect(verified.statusCode).toBe(200);
    expect(verified.json<SessionInfo>()).toMatchObject({ stage: 'full', permissions: expect.arrayContaining(['trail.read']) });
    expect((await api.request('GET', ApiPaths.trail, { cookie: token })).statusCode).toBe(200);
    const actions = await actionsOf(user.id);
    expect(actions).toContain('auth.password_accepted');
    expect(actions[actions.length - 1]).toBe('auth.signed_in');
  });

  it('refuses a code accepted once already (replay), even in a new session', async () => {
    const user = await createUser(api.dataSource, north.agency.id, 'replay@north.test', 'finance');
    const { secret } = await enrol(user.email);
    await forgetLastStep(user.id);
    const code = codeFor(secret);
    const first = await passwordStep(user.email);
    expect((await api.request('POST', TwoFactorPaths.verify, { cookie: first.token, body: { code } })).statusCode).toBe(200);
    const second = await passwordStep(user.email);
    const replay = await api.request('POST', TwoFactorPaths.verify, { cookie: second.token, body: { code } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.InvalidSecondFactor, fields: [{ field: 'code', message: 'replayed' }] });
    expect((await api.request('GET', ApiPaths.session, { cookie: second.token })).json<SessionInfo>().stage).toBe('second_factor');
    // Two requests racing with the same fresh code: one wins.
    await forgetLastStep(user.id);
    const a = await passwordStep(user.email);
    const b = await passwordStep(user.email);
    const fresh = codeFor(secret);
    const raced = await Promise.all([a, b].map((s) => api.request('POST', TwoFactorPaths.verify, { cookie: s.token, body: { code: fresh } })));
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('wrong codes count towards the lock-out, across fresh password steps; the lock ends the pending session', async () => {
    const user = await createUser(api.dataSource, north.agency.id, 'guesser@north.test', 'officer');
    const { secret } = await enrol(user.email);
    const wrongCode = codeFor(secret, 600);
    const first = await passwordStep(user.email);
    const wrong = await api.request('POST', TwoFactorPaths.verify, { cookie: first.token, body: { code: wrongCode } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<ApiErrorBody>().code).toBe(ErrorCode.InvalidSecondFactor);
    // A right password does not wipe the count the wrong codes built up.
    const second = await passwordStep(user.email);
    expect((await api.request('POST', TwoFactorPaths.verify, { cookie: second.token, body: { code: wrongCode } })).statusCode).toBe(401);
    expect((await api.request('POST', TwoFactorPaths.verify, { cookie: second.token, body: { code: 'zzzzz-zzzzz' } })).statusCode).toBe(401);
    // Third failure: locked. The session goes, and so does the right password for a while.
    expect((await api.request('GET', ApiPaths.session, { cookie: second.token })).statusCode).toBe(401);
    const locked = await api.request('POST', ApiPaths.signIn, { body: { email: user.email, password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json<ApiErrorBody>().code).toBe(ErrorCode.TooManyAttempts);
    const actions = await actionsOf(user.id);
    expect(actions.filter((a) => a === 'auth.second_factor_failed')).toHaveLength(2);
    expect(actions).toContain('auth.locked_out');
  });

  it('a recovery code works instead of a code, once; its use is on the trail', async () => {
    const user = await createUser(api.dataSource, north.agency.id, 'lostphone@north.test', 'officer');
    const { recoveryCodes } = await enrol(user.email);
    const first = await passwordStep(user.email);
    // Typed back in capitals without the hyphen, as people do.
    const used = await api.request('POST', TwoFactorPaths.verify, { cookie: first.token, body: { code: recoveryCodes[0].replace('-', '').toUpperCase() } });
    expect(used.statusCode).toBe(200);
    expect(used.json<SessionInfo>().stage).toBe('full');
    expect((await api.request('GET', TwoFactorPaths.status, { cookie: first.token })).json<TwoFactorStatus>().recoveryCodesLeft).toBe(9);
    const second = await passwordStep(user.email);
    const again = await api.request('POST', TwoFactorPaths.verify, { cookie: second.token, body: { code: recoveryCodes[0] } });
    expect(again.statusCode).toBe(401);
    expect(await actionsOf(user.id)).toContain('auth.recovery_code_used');
    const [record] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE entity_id = $1 AND action = 'auth.recovery_code_used'`, [user.id])) as {
      after: { recoveryCodesLeft: number };
    }[];
    expect(record.after.recoveryCodesLeft).toBe(9);
  });

  it('when the agency requires it, staff without a factor must enrol before any other page; applicants and reviewers are not asked', async () => {
    const admin = await api.signIn('admin@south.test');
    const set = () => api.request('PUT', TwoFactorPaths.agencySecurity, { cookie: admin, body: { requiresTwoFactor: true, reason: 'Money goes out from January' } });
    const unconfirmed = await set();
    expect(unconfirmed.statusCode).toBe(403);
    expect(unconfirmed.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    await api.reauth(admin);
    expect((await set()).statusCode).toBe(200);
    expect((await api.request('GET', TwoFactorPaths.agencySecurity, { cookie: admin })).json()).toEqual({ requiresTwoFactor: true });
    const [record] = (await api.dataSource.query(`SELECT before, after, reason FROM activity_record WHERE action = 'agency.two_factor_requirement_changed'`)) as {
      before: unknown;
      after: unknown;
      reason: string;
    }[];
    expect(record).toEqual({ before: { requiresTwoFactor: false }, after: { requiresTwoFactor: true }, reason: 'Money goes out from January' });
    // Another agency is not affected.
    expect((await passwordStep('officer@north.test')).info.stage).toBe('full');

    const officer = await passwordStep('officer@south.test');
    expect(officer.info.stage).toBe('enrolment');
    const blocked = await api.request('GET', DecisionPaths.notifications, { cookie: officer.token });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json<ApiErrorBody>().code).toBe(ErrorCode.SecondFactorRequired);
    expect((await api.request('POST', TwoFactorPaths.verify, { cookie: officer.token, body: { code: '123456' } })).statusCode).toBe(401);
    expect((await api.request('GET', TwoFactorPaths.status, { cookie: officer.token })).json<TwoFactorStatus>()).toMatchObject({ enabled: false, required: true });
    const started = (await api.request('POST', TwoFactorPaths.enrolment, { cookie: officer.token })).json<TwoFactorEnrolment>();
    const confirmed = await api.request('POST', TwoFactorPaths.enrolmentConfirm, { cookie: officer.token, body: { code: codeFor(started.secret) } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<TwoFactorEnabled>().session.stage).toBe('full');
    expect((await api.request('GET', DecisionPaths.notifications, { cookie: officer.token })).statusCode).toBe(200);
    // Required: it cannot be turned off by its owner.
    await api.reauth(officer.token, TEST_PASSWORD, codeFor(started.secret, 30));
    const off = await api.request('POST', TwoFactorPaths.disable, { cookie: officer.token });
    expect(off.statusCode).toBe(409);

    for (const role of ['applicant', 'reviewer', 'partner'] as const) {
      expect((await passwordStep(`${role}@south.test`)).info.stage).toBe('full');
    }
    expect((await passwordStep('finance@south.test')).info.stage).toBe('enrolment');
  });

  it('a role change needs a re-authentication within 5 minutes: refused, given, accepted, expired', async () => {
    const admin = await api.signIn('admin@north.test');
    const change = (reason: string) =>
      api.request('PUT', `${ApiPaths.users}/${north.users.reviewer.id}/roles`, { cookie: admin, body: { roles: ['reviewer', 'finance'], reason } });
    const refused = await change('needs re-auth');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    expect((await api.dataSource.query('SELECT role FROM user_role WHERE user_id = $1', [north.users.reviewer.id])).length).toBe(1);

    const wrong = await api.request('POST', TwoFactorPaths.reauth, { cookie: admin, body: { password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.InvalidCredentials, fields: [{ field: 'password' }] });
    expect((await change('still no')).statusCode).toBe(403);

    await api.reauth(admin);
    expect((await change('covers finance during leave')).statusCode).toBe(200);
    expect(await actionsOf(north.users.admin.id)).toEqual(expect.arrayContaining(['auth.reauth_failed', 'auth.reauthenticated']));

    // Six minutes later the same session must confirm again.
    const session = cookieValue(await api.request('POST', ApiPaths.signIn, { body: { email: 'admin@north.test', password: TEST_PASSWORD } }), SESSION_COOKIE) ?? '';
    await api.reauth(session);
    await api.dataSource.query(`UPDATE user_session SET reauthenticated_at = now() - interval '6 minutes' WHERE user_id = $1 AND revoked_at IS NULL`, [north.users.admin.id]);
    const late = await api.request('PUT', `${ApiPaths.users}/${north.users.reviewer.id}/roles`, { cookie: session, body: { roles: ['reviewer'], reason: 'back from leave' } });
    expect(late.statusCode).toBe(403);
    expect(late.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
    await api.dataSource.query(`UPDATE user_session SET reauthenticated_at = now() - interval '4 minutes' WHERE user_id = $1 AND revoked_at IS NULL`, [north.users.admin.id]);
    const inTime = await api.request('PUT', `${ApiPaths.users}/${north.users.reviewer.id}/roles`, { cookie: session, body: { roles: ['reviewer'], reason: 'back from leave' } });
    expect(inTime.statusCode).toBe(200);
  });

  it('a user with a second factor re-authenticates with password and code', async () => {
    const user = await createUser(api.dataSource, north.agency.id, 'reauth2fa@north.test', 'auditor');
    const { token, secret } = await enrol(user.email);
    // Sent without its code (a dialog submitted too soon), again and again: refused before any check, so it never locks the account.
    for (let i = 0; i < 7; i++) {
      const passwordOnly = await api.request('POST', TwoFactorPaths.reauth, { cookie: token, body: { password: TEST_PASSWORD } });
      expect(passwordOnly.statusCode).toBe(401);
      expect(passwordOnly.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.InvalidSecondFactor, fields: [{ field: 'code', message: 'required' }] });
    }
    const withCode = await api.request('POST', TwoFactorPaths.reauth, { cookie: token, body: { password: TEST_PASSWORD, code: codeFor(secret, 30) } });
    expect(withCode.statusCode).toBe(200);
    // Regenerating recovery codes (a sensitive action) now goes through; the old codes stop working.
    const regenerated = await api.request('POST', TwoFactorPaths.recoveryCodes, { cookie: token });
    expect(regenerated.statusCode).toBe(200);
    expect(regenerated.json<RecoveryCodes>().recoveryCodes).toHaveLength(10);
    expect(await actionsOf(user.id)).toContain('auth.recovery_codes_regenerated');
    // Turning it off needs the same; after it sign-in is one step again.
    expect((await api.request('POST', TwoFactorPaths.disable, { cookie: token })).statusCode).toBe(204);
    expect((await passwordStep(user.email)).info.stage).toBe('full');
  });

  it('confirming a funding decision needs a re-authentication', async () => {
    const api2 = await ApiHarness.start('two_factor_decision');
    try {
      const w = await decisionWorld(api2, { envelopeMinor: '100000000', thresholdMinor: '0' });
      const proposer = await api2.signIn('officer@north.test');
      const confirmer = await api2.signIn(w.secondOfficerEmail);
      const applicationId = await insertInReview(api2.dataSource, {
        callId: w.callId,
        organizationId: w.organizationId,
        agencyId: w.north.agency.id,
        userId: w.north.users.applicant.id,
        requestedMinor: '5000000',
      });
      const proposed = await api2.request('POST', DecisionPaths.applicationDecision(applicationId), {
        cookie: proposer,
        body: { outcome: 'approved', amountMinor: '5000000', rationale: 'Strong partnership' },
      });
      expect(proposed.statusCode).toBe(201);
      const decision = proposed.json<FundingDecisionView>();
      const refused = await api2.request('POST', DecisionPaths.confirmDecision(decision.id), { cookie: confirmer });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
      await api2.reauth(confirmer);
      const confirmed = await api2.request('POST', DecisionPaths.confirmDecision(decision.id), { cookie: confirmer });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json<FundingDecisionView>().state).toBe('confirmed');
    } finally {
      await api2.stop();
    }
  });

  it('an admin resets a user’s second factor (with re-auth, on the trail): their sessions end, other agencies’ users are out of reach', async () => {
    const user = await createUser(api.dataSource, north.agency.id, 'newphone@north.test', 'officer');
    const { token } = await enrol(user.email);
    const admin = await api.signIn('admin@north.test');
    const path = TwoFactorPaths.resetUser(user.id);
    expect((await api.request('POST', path, { cookie: admin, body: { reason: 'Phone lost, identity checked in person' } })).json<ApiErrorBody>().code).toBe(
      ErrorCode.ReauthRequired,
    );
    await api.reauth(admin);
    const eastAdmin = await api.signIn('admin@east.test');
    await api.reauth(eastAdmin);
    expect((await api.request('POST', path, { cookie: eastAdmin, body: { reason: 'take over' } })).statusCode).toBe(404);
    expect(east.users.admin.agencyId).not.toBe(user.agencyId);
    expect((await api.request('POST', path, { cookie: await api.signIn('officer@north.test'), body: { reason: 'x y z' } })).statusCode).toBe(403);
    const reset = await api.request('POST', path, { cookie: admin, body: { reason: 'Phone lost, identity checked in person' } });
    expect(reset.statusCode).toBe(204);
    expect((await api.request('GET', ApiPaths.session, { cookie: token })).statusCode).toBe(401);
    expect((await passwordStep(user.email)).info.stage).toBe('full');
    expect((await api.dataSource.query('SELECT count(*)::int AS n FROM user_recovery_code WHERE user_id = $1', [user.id]))[0].n).toBe(0);
    const [record] = (await api.dataSource.query(`SELECT actor_label, reason FROM activity_record WHERE action = 'user.two_factor_reset' AND entity_id = $1`, [user.id])) as {
      actor_label: string;
      reason: string;
    }[];
    expect(record).toEqual({ actor_label: 'admin@north.test', reason: 'Phone lost, identity checked in person' });
  });

  it('rejects bad bodies with a 400 naming the field', async () => {
    const token = await api.signIn('partner@north.test');
    const empty = await api.request('POST', TwoFactorPaths.reauth, { cookie: token, body: { password: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain('password');
    const extra = await api.request('POST', TwoFactorPaths.enrolmentConfirm, { cookie: token, body: { code: '123456', secret: 'x' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json<ApiErrorBody>().code).toBe(ErrorCode.UnknownFields);
    const noCode = await api.request('POST', TwoFactorPaths.enrolmentConfirm, { cookie: token, body: {} });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain('code');
  });
});
