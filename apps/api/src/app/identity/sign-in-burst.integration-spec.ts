import IORedis from 'ioredis';
import { ApiErrorBody, ApiPaths, ErrorCode } from '@mizan/contracts';
import { SeededAgency, TEST_PASSWORD, seedAgency } from '@mizan/server/testing';
import { ApiHarness, InjectResult } from '../../testing/api-harness';

/**
 * Guesses sent all at once: the lock-out must hold whatever the timing. Checks
 * are counted from what an auditor sees (the trail's failed sign-ins) and from
 * the answers (a 401 or 200 is a password that was compared; 429 is one that was not).
 */
describe('sign-in lock-out under concurrent guesses (real api, PostgreSQL, Redis)', () => {
  let api: ApiHarness;
  let seeded: SeededAgency;

  beforeAll(async () => {
    // The per-address limit is raised here so that only the per-account limit (5, the default) is in play.
    api = await ApiHarness.start('signin_burst', { signInMaxFailures: 5, signInLockoutSeconds: 900, signInIpMaxAttempts: 1000 });
    seeded = await seedAgency(api.dataSource, 'burst');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const signIn = (email: string, password: string) => api.request('POST', ApiPaths.signIn, { body: { email, password } });

  async function failedChecksOnTrail(userId: string): Promise<number> {
    const rows = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM activity_record WHERE entity_id = $1 AND action IN ('auth.sign_in_failed', 'auth.locked_out')`,
      [userId],
    )) as { n: number }[];
    return rows[0].n;
  }

  function statuses(responses: InjectResult[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
    return counts;
  }

  /** Starts the guesses at once; resolves `firstRefusal` with the first 429 while the rest may still be checking. */
  function burst(email: string, count: number) {
    let refused: (r: InjectResult) => void = () => undefined;
    const firstRefusal = new Promise<InjectResult>((resolve) => (refused = resolve));
    const all = Promise.all(
      Array.from({ length: count }, (_, i) =>
        signIn(email, `wrong guess ${i}`).then((r) => {
          if (r.statusCode === 429) refused(r);
          return r;
        }),
      ),
    );
    return { all, firstRefusal };
  }

  it('30 wrong passwords at once: 5 are checked, 25 refused with Retry-After; the right password in the same burst does not sign in', async () => {
    const user = seeded.users.officer;
    const { all, firstRefusal } = burst(user.email, 30);
    // The limit has been reached (a guess was refused) while the checks allowed may still be running: now the right password.
    // (If none is ever refused, go on once all have answered: the assertions below then say what went wrong.)
    await Promise.race([firstRefusal, all]);
    const right = await signIn(user.email, TEST_PASSWORD);
    const responses = await all;

    expect(right.statusCode).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();
    expect(statuses(responses)).toEqual({ 401: 5, 429: 25 });
    for (const r of responses.filter((x) => x.statusCode === 429)) {
      const body = r.json<ApiErrorBody>();
      expect(body.code).toBe(ErrorCode.TooManyAttempts);
      expect(body.retryAfterSeconds).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBe(body.retryAfterSeconds);
    }
    // What the auditor sees: exactly five password checks, the last of which locked the account; no session.
    expect(await failedChecksOnTrail(user.id)).toBe(5);
    // Order on the trail follows when each answer was written (the lock is written before the delayed failures), so compare as a set.
    const actions = (await api.dataSource.query(`SELECT action FROM activity_record WHERE entity_id = $1`, [user.id])) as { action: string }[];
    expect(actions.map((a) => a.action).sort()).toEqual(['auth.locked_out', 'auth.sign_in_failed', 'auth.sign_in_failed', 'auth.sign_in_failed', 'auth.sign_in_failed']);
    expect(await api.dataSource.query('SELECT id FROM user_session WHERE user_id = $1', [user.id])).toEqual([]);

    // And the lock stands afterwards, for the right password too, with the lock-out's full wait.
    const after = await signIn(user.email, TEST_PASSWORD);
    expect(after.statusCode).toBe(429);
    expect(after.json<ApiErrorBody>().retryAfterSeconds).toBeGreaterThan(800);
  });

  it('an address without an account gets the very same answers to a burst', async () => {
    const { all } = burst('nobody-here@burst.test', 30);
    const responses = await all;
    expect(statuses(responses)).toEqual({ 401: 5, 429: 25 });
    const wrong = responses.find((r) => r.statusCode === 401);
    const refused = responses.find((r) => r.statusCode === 429);
    expect(wrong?.json<ApiErrorBody>().code).toBe(ErrorCode.InvalidCredentials);
    expect(refused?.json<ApiErrorBody>().code).toBe(ErrorCode.TooManyAttempts);
    const after = await signIn('nobody-here@burst.test', 'anything');
    expect(after.statusCode).toBe(429);
    expect(after.json<ApiErrorBody>().retryAfterSeconds).toBeGreaterThan(800);
  });

  it('the right password clears earlier failures: four wrong, right, four wrong again are all checked', async () => {
    const user = seeded.users.reviewer;
    for (let i = 0; i < 4; i++) expect((await signIn(user.email, `wrong ${i}`)).statusCode).toBe(401);
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(200);
    const again = await Promise.all(Array.from({ length: 4 }, (_, i) => signIn(user.email, `wrong again ${i}`)));
    expect(statuses(again)).toEqual({ 401: 4 });
    expect(await failedChecksOnTrail(user.id)).toBe(8);
  });
});

describe('sign-in attempts per client address under concurrency', () => {
  let api: ApiHarness;
  let redis: IORedis;

  beforeAll(async () => {
    api = await ApiHarness.start('signin_ip', { signInIpMaxAttempts: 10 });
    await seedAgency(api.dataSource, 'ipburst');
    redis = new IORedis(api.env.config.redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.stop();
  });

  it('30 sign-ins for 30 different accounts at once from one address: 10 are checked, 20 refused; every counter expires', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api.request('POST', ApiPaths.signIn, { body: { email: `person-${i}@ipburst.test`, password: 'a guess' } })),
    );
    const counts: Record<number, number> = {};
    for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
    expect(counts).toEqual({ 401: 10, 429: 20 });
    const refused = responses.find((r) => r.statusCode === 429);
    expect(refused?.json<ApiErrorBody>().message).toMatch(/from this address/);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(500);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(600);

    // No throttle key may live for ever (a key without a TTL would lock someone out for good).
    const keys = await redis.keys(`${api.env.config.queuePrefix}:signin:*`);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(await redis.ttl(key)).toBeGreaterThan(0);
  });
});
