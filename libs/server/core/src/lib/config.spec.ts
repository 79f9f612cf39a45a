import { ConfigError, DEFAULT_DATABASE_URL, DEFAULT_MIGRATION_DATABASE_URL, DEFAULT_REDIS_URL, DEFAULT_SMTP_URL, loadConfig, migrationDatabaseUrl } from './config';

describe('loadConfig', () => {
  it('gives working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', apiPort: 3000, databaseUrl: DEFAULT_DATABASE_URL, redisUrl: DEFAULT_REDIS_URL, cookieSecure: false });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses to start in production without the required settings, naming each', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL, REDIS_URL, MIZAN_SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://r' })).toThrow(/MIZAN_SESSION_SECRET/);
  });

  it('refuses a short production secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://r', MIZAN_SESSION_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('starts in production with everything given, with secure cookies', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://r', MIZAN_SESSION_SECRET: 's'.repeat(40) });
    expect(config).toMatchObject({ env: 'production', cookieSecure: true, sessionSecret: 's'.repeat(40) });
  });

  it('limits sign-in attempts per client address to 60 per 10 minutes unless told otherwise', () => {
    expect(loadConfig({}).signInIpMaxAttempts).toBe(60);
    expect(loadConfig({ SIGN_IN_IP_MAX_ATTEMPTS: '500' }).signInIpMaxAttempts).toBe(500);
  });

  it('names a malformed number', () => {
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(/API_PORT must be a whole number, got "eighty"/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '-5' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('delivers email to the local development mail server unless SMTP_URL says otherwise', () => {
    expect(loadConfig({}).smtpUrl).toBe(DEFAULT_SMTP_URL);
    expect(loadConfig({ SMTP_URL: 'smtps://mizan:secret@mail.example.org:465' }).smtpUrl).toBe('smtps://mizan:secret@mail.example.org:465');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL must be a URL/);
  });
});

describe('migrationDatabaseUrl', () => {
  it('migrates as the owner role when given, else as the one role an operator gave, else as the local owner', () => {
    const owner = 'postgres://mizan_owner:o@db/mizan';
    const runtime = 'postgres://mizan_app:a@db/mizan';
    expect(migrationDatabaseUrl({ MIGRATION_DATABASE_URL: owner, DATABASE_URL: runtime })).toBe(owner);
    expect(loadConfig({ MIGRATION_DATABASE_URL: owner, DATABASE_URL: runtime }).databaseUrl).toBe(runtime);
    expect(migrationDatabaseUrl({ DATABASE_URL: runtime })).toBe(runtime);
    expect(migrationDatabaseUrl({})).toBe(DEFAULT_MIGRATION_DATABASE_URL);
    expect(new URL(DEFAULT_MIGRATION_DATABASE_URL).username).toBe('mizan_owner');
    expect(new URL(DEFAULT_DATABASE_URL).username).toBe('mizan_app');
  });
});

describe('replica settings (docs/SCALING.md)', () => {
  it('TRUST_PROXY: one hop in production by default, none elsewhere; hops, true/false or a list of addresses', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db/m', REDIS_URL: 'redis://r', MIZAN_SESSION_SECRET: 'x'.repeat(32) };
    expect(loadConfig(production).trustProxy).toBe(1);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false', ...production }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback']);
    expect(() => loadConfig({ TRUST_PROXY: 'the balancer' })).toThrow(ConfigError);
  });

  it("job locks and stalled checks default to BullMQ's 30 s and may be shortened; zero is refused", () => {
    expect(loadConfig({})).toMatchObject({ jobLockMs: 30_000, jobStalledCheckMs: 30_000, databasePoolSize: 10 });
    expect(loadConfig({ JOB_LOCK_MS: '2000', JOB_STALLED_CHECK_MS: '500', DATABASE_POOL_SIZE: '4' })).toMatchObject({ jobLockMs: 2000, jobStalledCheckMs: 500, databasePoolSize: 4 });
    expect(() => loadConfig({ JOB_LOCK_MS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(ConfigError);
  });
});
