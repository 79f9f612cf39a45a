import { resolve } from 'node:path';

/**
 * Configuration, read once from the environment. Every variable has a documented
 * default for development (README "Configuration"); in production the secrets
 * must be given or the process refuses to start.
 */
export interface MizanConfig {
  env: 'development' | 'test' | 'production';
  apiPort: number;
  apiHost: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every BullMQ key, so test runs and deployments can share one Redis. */
  queuePrefix: string;
  storageDir: string;
  webDistDir: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  signInMaxFailures: number;
  signInLockoutSeconds: number;
  /** Sign-in attempts one client address may make per 10 minutes. */
  signInIpMaxAttempts: number;
  cookieSecure: boolean;
  /** Where the worker delivers email (smtp:// or smtps://, credentials in the URL). */
  smtpUrl: string;
  /** The From header of every email Mizan sends. */
  mailFrom: string;
  /** Ed25519 private key (PEM) with which the worker signs trail checkpoints; only the worker reads it. */
  trailSigningKeyFile: string;
  /** Its public key (PEM), written beside it by the worker; the api and verify-trail check checkpoints with it. */
  trailPublicKeyFile: string;
  /** How often the worker signs a checkpoint when the trail moved; 0 = only at exports. */
  trailCheckpointSeconds: number;
  /** When the worker sends the reminders of reports due (cron, UTC); REPORT_REMINDERS_CRON, default daily at 06:00. Optional: older configs built in code lack it. */
  reportRemindersCron?: string;
  /**
   * BullMQ's lock on a job a worker is running (JOB_LOCK_MS, default 30 s), renewed every half of it while the worker
   * lives. A worker killed mid-job stops renewing: after the lock expires, the next stalled-job check
   * (JOB_STALLED_CHECK_MS, default 30 s) puts the job back for another worker. Optional: older configs built in code lack them.
   */
  jobLockMs?: number;
  jobStalledCheckMs?: number;
  /**
   * Which proxies in front of the api are trusted to name the client's address (X-Forwarded-For), which the sign-in
   * throttle and the trail use: TRUST_PROXY = a number of hops, addresses/CIDRs separated by commas, true or false.
   * Default: 1 hop in production (one load balancer or reverse proxy), none elsewhere. Optional for configs built in code.
   */
  trustProxy?: boolean | number | string[];
  /** Connections each process keeps to PostgreSQL at most (DATABASE_POOL_SIZE, default 10). Optional for configs built in code. */
  databasePoolSize?: number;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** The runtime role of the local database `mizan` (README "Database roles"): what the api, worker and seed use. */
export const DEFAULT_DATABASE_URL = 'postgres://mizan_app@127.0.0.1:5432/mizan';
/** The owner role of the local database `mizan`: what `tools/mizan migrate` uses. */
export const DEFAULT_MIGRATION_DATABASE_URL = 'postgres://mizan_owner@127.0.0.1:5432/mizan';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** tools/dev/mail-server.mjs listens here; `npm start` runs it when SMTP_URL is not set. */
export const DEFAULT_SMTP_URL = 'smtp://127.0.0.1:2525';
/** BullMQ's own defaults: a job's lock lasts 30 s, stalled jobs are looked for every 30 s. */
export const DEFAULT_JOB_LOCK_MS = 30_000;
export const DEFAULT_JOB_STALLED_CHECK_MS = 30_000;
export const DEFAULT_DATABASE_POOL_SIZE = 10;
/** The reminders of reports due: every day at 06:00 UTC (09:00 in Baghdad). */
export const DEFAULT_REPORT_REMINDERS_CRON = '0 6 * * *';

function smtpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value is not echoed: it may carry a password.
    throw new ConfigError('SMTP_URL must be a URL like smtp://host:port');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  return raw;
}

/** The public key lives beside the private one unless named: `x.pem` → `x.pub.pem`. */
function trailKeyFiles(env: NodeJS.ProcessEnv): { trailSigningKeyFile: string; trailPublicKeyFile: string } {
  const signing = resolve(env['TRAIL_SIGNING_KEY_FILE'] || 'var/keys/trail-signing-key.pem');
  const publicKey = env['TRAIL_PUBLIC_KEY_FILE'] ? resolve(env['TRAIL_PUBLIC_KEY_FILE']) : signing.replace(/(\.pem)?$/, '.pub.pem');
  return { trailSigningKeyFile: signing, trailPublicKeyFile: publicKey };
}

/** TRUST_PROXY: a hop count, true/false, or a list of trusted proxy addresses and CIDRs. */
export function trustProxyFrom(raw: string | undefined, mode: MizanConfig['env']): boolean | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '') return mode === 'production' ? 1 : false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (list.length === 0 || list.some((item) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(item) && !['loopback', 'linklocal', 'uniquelocal'].includes(item))) {
    throw new ConfigError(`TRUST_PROXY must be a number of hops, true, false, or addresses/CIDRs separated by commas, got "${value}"`);
  }
  return list;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = int(env, name, fallback);
  if (value === 0) throw new ConfigError(`${name} must be greater than 0`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): MizanConfig {
  const mode = env['NODE_ENV'] === 'production' ? 'production' : env['NODE_ENV'] === 'test' ? 'test' : 'development';
  const sessionSecret = env['MIZAN_SESSION_SECRET'];
  if (mode === 'production') {
    const missing = ['DATABASE_URL', 'REDIS_URL', 'MIZAN_SESSION_SECRET'].filter((n) => !env[n]);
    if (missing.length > 0) {
      throw new ConfigError(
        `Mizan refuses to start in production without ${missing.join(', ')}. Set ${missing.length > 1 ? 'them' : 'it'} in the environment (see README, Configuration).`,
      );
    }
    if ((sessionSecret ?? '').length < 32) {
      throw new ConfigError('MIZAN_SESSION_SECRET must be at least 32 characters in production.');
    }
  }
  return {
    env: mode,
    apiPort: int(env, 'API_PORT', 3000),
    apiHost: env['API_HOST'] || '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || DEFAULT_DATABASE_URL,
    redisUrl: env['REDIS_URL'] || DEFAULT_REDIS_URL,
    queuePrefix: env['QUEUE_PREFIX'] || 'mizan',
    storageDir: resolve(env['STORAGE_DIR'] || 'var/storage'),
    webDistDir: resolve(env['WEB_DIST_DIR'] || 'dist/apps/web/browser'),
    // Development and tests only: production refuses to start without a real secret (above).
    sessionSecret: sessionSecret || 'mizan-development-secret-do-not-use-in-production',
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12),
    signInMaxFailures: int(env, 'SIGN_IN_MAX_FAILURES', 5),
    signInLockoutSeconds: int(env, 'SIGN_IN_LOCKOUT_SECONDS', 900),
    signInIpMaxAttempts: int(env, 'SIGN_IN_IP_MAX_ATTEMPTS', 60),
    cookieSecure: env['COOKIE_SECURE'] ? env['COOKIE_SECURE'] === 'true' : mode === 'production',
    smtpUrl: smtpUrl(env['SMTP_URL'] || DEFAULT_SMTP_URL),
    mailFrom: env['MAIL_FROM'] || 'Mizan <no-reply@mizan.local>',
    ...trailKeyFiles(env),
    trailCheckpointSeconds: int(env, 'TRAIL_CHECKPOINT_SECONDS', 600),
    reportRemindersCron: env['REPORT_REMINDERS_CRON'] || DEFAULT_REPORT_REMINDERS_CRON,
    jobLockMs: positive(env, 'JOB_LOCK_MS', DEFAULT_JOB_LOCK_MS),
    jobStalledCheckMs: positive(env, 'JOB_STALLED_CHECK_MS', DEFAULT_JOB_STALLED_CHECK_MS),
    trustProxy: trustProxyFrom(env['TRUST_PROXY'], mode),
    databasePoolSize: positive(env, 'DATABASE_POOL_SIZE', DEFAULT_DATABASE_POOL_SIZE),
  };
}

export const MIZAN_CONFIG = Symbol('MIZAN_CONFIG');

/**
 * Where migrations run: MIGRATION_DATABASE_URL (the owner role); else, when an
 * operator gives only DATABASE_URL, that one role migrates and runs the app as
 * before the roles were split (the api and worker then warn at start); else the
 * local owner role.
 */
export function migrationDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['MIGRATION_DATABASE_URL'] || env['DATABASE_URL'] || DEFAULT_MIGRATION_DATABASE_URL;
}
