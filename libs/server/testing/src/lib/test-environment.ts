import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { MizanConfig, loadConfig } from '@mizan/server/core';
import { cloneProvisionedDatabase, dropProvisionedDatabase, onDatabase, provisionDatabase, runMigrations, sealAsTemplate } from '@mizan/server/db';

/**
 * A database of its own (created, migrated, then dropped), a Redis key prefix
 * of its own and a storage folder of its own, so spec files never share state
 * and never depend on demo data or on the order they run in.
 *
 * Like a deployment, the database has two roles of its own (named after it,
 * so spec files never race for one): migrations run as the owner, and the api
 * and worker of the spec connect as the runtime role (`config.databaseUrl`),
 * so every integration spec also proves the runtime role's grants suffice.
 *
 * Under `npm test` (jest.integration.config.cjs names MIZAN_TEST_TEMPLATE in its global setup), the migrations
 * run once per jest run, into a template database; each spec's database is then a copy of it whose objects
 * and grants are handed to the spec's own two roles (`cloneProvisionedDatabase`): the same state as migrating,
 * ~3 times faster. `{ fresh: true }` (or no MIZAN_TEST_TEMPLATE) migrates the spec's own database instead.
 */
export interface TestEnvironment {
  config: MizanConfig;
  /** The runtime role (what the api and worker use). */
  databaseUrl: string;
  /** The owner role, which ran the migrations. */
  ownerDatabaseUrl: string;
  /** The administrator (TEST_DATABASE_ADMIN_URL) on this database: what an attacker with full database rights would use. */
  superuserDatabaseUrl: string;
  /** One statement (or several, without parameters) as the owner or the administrator, on a connection of its own. */
  queryAs<T = Record<string, unknown>>(who: 'owner' | 'superuser', sql: string, params?: unknown[]): Promise<T[]>;
  teardown(): Promise<void>;
}

/** Where to create test databases: TEST_DATABASE_ADMIN_URL, else the local server's `postgres` database. */
export function adminDatabaseUrl(): string {
  return process.env['TEST_DATABASE_ADMIN_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestEnvironmentOptions {
  /** Migrate this database itself rather than copy the run's migrated template (what database-roles.integration-spec checks). */
  fresh?: boolean;
}

export async function createTestEnvironment(label: string, overrides: Partial<MizanConfig> = {}, options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
  const suffix = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 20)}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dbName = `mizan_test_${suffix}`;
  const admin = adminDatabaseUrl();
  const template = options.fresh ? undefined : process.env['MIZAN_TEST_TEMPLATE'];
  let provisioned: { databaseUrl: string; migrationDatabaseUrl: string };
  if (template) {
    await migratedTemplate(admin, template);
    provisioned = await cloneProvisionedDatabase(admin, template, dbName);
  } else {
    provisioned = await provisionDatabase(admin, dbName);
    await runMigrations(provisioned.migrationDatabaseUrl);
  }
  const { databaseUrl, migrationDatabaseUrl } = provisioned;
  const superuserDatabaseUrl = onDatabase(admin, dbName);
  const storageDir = await mkdtemp(join(tmpdir(), 'mizan-test-storage-'));
  const queuePrefix = `mizan-test-${suffix}`;
  const config: MizanConfig = {
    ...loadConfig({ NODE_ENV: 'test', REDIS_URL: process.env['REDIS_URL'] }),
    databaseUrl,
    queuePrefix,
    storageDir,
    webDistDir: join(storageDir, 'no-web'),
    // The worker creates the pair on first start (not production); the api reads only the public half.
    trailSigningKeyFile: join(storageDir, 'keys', 'trail-signing-key.pem'),
    trailPublicKeyFile: join(storageDir, 'keys', 'trail-signing-key.pub.pem'),
    ...overrides,
  };
  return {
    config,
    databaseUrl,
    ownerDatabaseUrl: migrationDatabaseUrl,
    superuserDatabaseUrl,
    async queryAs<T>(who: 'owner' | 'superuser', sql: string, params?: unknown[]): Promise<T[]> {
      const client = new Client({ connectionString: who === 'owner' ? migrationDatabaseUrl : superuserDatabaseUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async teardown() {
      await rm(storageDir, { recursive: true, force: true });
      await deleteRedisKeys(config.redisUrl, `${queuePrefix}:*`);
      await dropProvisionedDatabase(admin, dbName);
    },
  };
}

let templateReady: Promise<void> | undefined;

/**
 * The run's template database, migrated by whichever jest worker asks first (the others wait on an
 * advisory lock, then find it sealed). Dropped with its roles by the run's global teardown.
 */
function migratedTemplate(admin: string, template: string): Promise<void> {
  templateReady ??= (async () => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
      const found = await client.query<{ sealed: boolean }>('SELECT datistemplate AS sealed FROM pg_database WHERE datname = $1', [template]);
      if (found.rows[0]?.sealed) return;
      // Not there, or left half-made by a worker that died while migrating it: made afresh.
      if (found.rowCount) await dropProvisionedDatabase(admin, template);
      const { migrationDatabaseUrl } = await provisionDatabase(admin, template);
      await runMigrations(migrationDatabaseUrl);
      await sealAsTemplate(admin, template);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]).catch(() => undefined);
      await client.end();
    }
  })();
  templateReady.catch(() => (templateReady = undefined));
  return templateReady;
}

async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
