import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { MizanConfig, loadConfig } from '@mizan/server/core';
import { runMigrations } from '@mizan/server/db';

/**
 * A database of its own (created, migrated, then dropped), a Redis key prefix
 * of its own and a storage folder of its own, so spec files never share state
 * and never depend on demo data or on the order they run in.
 */
export interface TestEnvironment {
  config: MizanConfig;
  databaseUrl: string;
  teardown(): Promise<void>;
}

/** Where to create test databases: TEST_DATABASE_ADMIN_URL, else the local server's `postgres` database. */
export function adminDatabaseUrl(): string {
  return process.env['TEST_DATABASE_ADMIN_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export async function createTestEnvironment(label: string, overrides: Partial<MizanConfig> = {}): Promise<TestEnvironment> {
  const suffix = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase().slice(0, 20)}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dbName = `mizan_test_${suffix}`;
  const admin = adminDatabaseUrl();
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  await runMigrations(databaseUrl);
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
    async teardown() {
      await rm(storageDir, { recursive: true, force: true });
      await deleteRedisKeys(config.redisUrl, `${queuePrefix}:*`);
      const c = new Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
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
