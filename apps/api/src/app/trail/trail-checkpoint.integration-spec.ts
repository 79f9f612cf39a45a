import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { ApiPaths, TrailExportView, TrailVerification, type TrailAction, type TrailEntityType } from '@mizan/contracts';
import { ChainedContent, GENESIS_HASH, HashVersion, SignedCheckpoint, canonicalRecord, chainHash, checkpointSigningText } from '@mizan/domain';
import { DataSource } from 'typeorm';
import { MizanConfig } from '@mizan/server/core';
import { MIGRATIONS, dataSourceOptions } from '@mizan/server/db';
import { TestEnvironment, adminDatabaseUrl, createTestEnvironment, seedAgency } from '@mizan/server/testing';
import { TrailService, sha256Hex } from '@mizan/server/trail';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';

/**
 * An UPDATE that gives the records matching `where` another time, `time` (SQL over the row's occurred_at): the time
 * is a member of the body (the column is generated from it), so the body's occurredAt text is what changes.
 */
const retimed = (time: string, where: string): string =>
  `UPDATE activity_record SET body = replace(body, '"occurredAt":"' || (body::jsonb ->> 'occurredAt') || '"',
     '"occurredAt":"' || to_char((${time}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"') WHERE ${where}`;

const ROOT = join(__dirname, '../../../../..');

/** A superuser connection to the spec's database, as an attacker with full database rights would have. */
async function superuser<T>(databaseUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const url = new URL(adminDatabaseUrl());
  url.pathname = new URL(databaseUrl).pathname;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Switches the append-only triggers off for this transaction only.
    await client.query('SET LOCAL session_replication_role = replica');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

interface CheckpointRow {
  seq: string;
  after: SignedCheckpoint & { file: string; reason: string; exportId?: string };
}

/**
 * North's auditor, north's chain: the records written go to north's chain, the auditor verifies it through the api
 * (the agency's chain, besides the legacy one); `verifyAll` is what tools/mizan verify-trail checks (every chain).
 * The worker signs north's chain first in each round, then the platform's chain that holds the checkpoints' records.
 */
class Scenario {
  worker: WorkerProcess | undefined;
  auditor = '';
  agencyId = '';

  private constructor(readonly api: ApiHarness) {}

  static async start(label: string, trailCheckpointSeconds: number): Promise<Scenario> {
    const scenario = new Scenario(await ApiHarness.start(label, { trailCheckpointSeconds }));
    scenario.agencyId = (await seedAgency(scenario.api.dataSource, 'north')).agency.id;
    scenario.auditor = await scenario.api.signIn('auditor@north.test');
    await scenario.write(6);
    return scenario;
  }

  get config(): MizanConfig {
    return this.api.env.config;
  }

  async write(n: number): Promise<void> {
    const trail = new TrailService(this.api.dataSource);
    for (let i = 0; i < n; i++) {
      await trail.record(async () => ({
        result: i,
        entries: [{ actor: { id: null, label: 'spec' }, agencyId: this.agencyId, action: 'spec.wrote' as TrailAction, entityType: 'thing' as TrailEntityType, entityId: String(i), after: { amountMinor: 1000 * i } }],
      }));
    }
  }

  /** The head of north's chain: its position (`seq`), hash, and deployment-wide seq. */
  async head(): Promise<{ seq: string; hash: string; globalSeq: string }> {
    const head = await new TrailService(this.api.dataSource).chainHead(this.agencyId);
    return { seq: head.chainSeq, hash: head.hash, globalSeq: head.seq ?? '0' };
  }

  /** The checkpoints of north's chain recorded on the trail (on the platform's chain). */
  async checkpointRows(): Promise<CheckpointRow[]> {
    return (await this.api.dataSource.query(
      `SELECT seq::text AS seq, after FROM activity_record WHERE action = 'trail.checkpoint' AND after->>'chain' = $1 ORDER BY seq`,
      [this.agencyId],
    )) as CheckpointRow[];
  }

  /** Waits (bounded) until the trail records the `n`-th checkpoint of north's chain (or the first at position `at`). */
  async waitForCheckpoint(n: number, at?: string): Promise<CheckpointRow> {
    const started = Date.now();
    for (;;) {
      const rows = await this.checkpointRows();
      const found = at === undefined ? rows[n - 1] : rows.find((r) => r.after.seq === at);
      if (found) return found;
      if (Date.now() - started > 30_000) throw new Error(`checkpoint #${n} was not recorded in 30 s\n${this.worker?.log ?? ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  checkpointFile(n: number): string {
    return join(this.config.storageDir, 'checkpoints', `checkpoint-${String(n).padStart(8, '0')}.json`);
  }

  async readCheckpointFile(n: number): Promise<SignedCheckpoint> {
    return JSON.parse(await readFile(this.checkpointFile(n), 'utf8')) as SignedCheckpoint;
  }

  async verify(): Promise<TrailVerification> {
    const response = await this.api.request('POST', ApiPaths.trailVerification, { cookie: this.auditor });
    expect(response.statusCode).toBe(200);
    return response.json<TrailVerification>();
  }

  /** Every chain against every checkpoint, as tools/mizan verify-trail checks them. */
  verifyAll(): Promise<TrailVerification> {
    return new TrailService(this.api.dataSource, this.config).verify();
  }

  /** North's chain alone, without looking at checkpoints. */
  verifyChainAlone(): Promise<TrailVerification> {
    return new TrailService(this.api.dataSource).verify({ agencyId: this.agencyId });
  }

  /** tools/mizan verify-trail against the same database, checkpoints and public key. */
  verifyTrailCli(): { status: number | null; output: string } {
    const result = spawnSync(join(ROOT, 'tools', 'mizan'), ['verify-trail'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: this.config.databaseUrl,
        STORAGE_DIR: this.config.storageDir,
        TRAIL_SIGNING_KEY_FILE: join(this.config.storageDir, 'no-private-key-needed.pem'),
        TRAIL_PUBLIC_KEY_FILE: this.config.trailPublicKeyFile,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    await this.api.stop();
  }
}

describe('trail checkpoints are signed by the real worker', () => {
  let s: Scenario;
  afterEach(async () => {
    await s?.stop();
  });

  it('on its interval when the trail moved, verifiable with the public key alone', async () => {
    s = await Scenario.start('cp_interval', 1);
    const before = await s.head();
    s.worker = await WorkerProcess.start(s.config);
    const first = await s.waitForCheckpoint(1);
    expect(first.after).toMatchObject({ number: 1, chain: s.agencyId, seq: before.seq, headHash: before.hash, reason: 'interval', file: 'checkpoints/checkpoint-00000001.json' });
    // The checkpoint's own record is on the platform's chain, after the head it signed.
    const [own] = (await s.api.dataSource.query(`SELECT agency_id, chain_seq FROM activity_record WHERE seq = $1`, [first.seq])) as { agency_id: string | null; chain_seq: string }[];
    expect(own.agency_id).toBeNull();
    expect(BigInt(first.seq)).toBeGreaterThan(BigInt(before.globalSeq));

    // The file in the store is the same statement, and its Ed25519 signature checks out under the public key file.
    const file = await s.readCheckpointFile(1);
    expect(file).toEqual({ format: 'mizan-trail-checkpoint/2', chain: s.agencyId, number: 1, seq: before.seq, headHash: before.hash, signedAt: first.after.signedAt, keyId: first.after.keyId, signature: first.after.signature });
    const publicKey = createPublicKey(await readFile(s.config.trailPublicKeyFile, 'utf8'));
    expect(publicKey.asymmetricKeyType).toBe('ed25519');
    expect(verifySignature(null, Buffer.from(checkpointSigningText(file)), publicKey, Buffer.from(file.signature, 'base64'))).toBe(true);
    expect(s.worker.log).toContain(`Ed25519 key ${file.keyId}`);

    // The trail moves; the next checkpoint covers the new head.
    await s.write(2);
    const moved = await s.head();
    const second = await s.waitForCheckpoint(2, moved.seq);
    expect(second.after).toMatchObject({ chain: s.agencyId, seq: moved.seq, headHash: moved.hash });
    // No more checkpoints from here on: the counts below are then the ones verification sees.
    await s.worker.stop();
    // In between, the platform's chain (holding checkpoint #1's record) was signed too.
    const platform = (await s.api.dataSource.query(`SELECT after FROM activity_record WHERE action = 'trail.checkpoint' AND after->>'chain' = 'platform'`)) as CheckpointRow[];
    expect(platform.length).toBeGreaterThan(0);

    const result = await s.verify();
    expect(result).toMatchObject({ intact: true, brokenAtSeq: null, problem: null });
    // The auditor's verification looks at north's checkpoints only.
    const north = (await s.checkpointRows()).length;
    expect(result.checkpoints).toMatchObject({ agreeing: north, keyId: file.keyId, problems: [], latest: { number: second.after.number, chain: s.agencyId, seq: moved.seq } });
    expect(await s.verifyAll()).toMatchObject({ intact: true, checkpoints: { agreeing: north + platform.length, problems: [] } });

    // Cutting north's chain (and everything after it) back to checkpoint #1's position removes both checkpoint
    // records; removing file #1 as well leaves a gap in the numbers, reported beside the truncation the second shows.
    await s.worker.stop();
    await superuser(s.config.databaseUrl, (c) => c.query(`DELETE FROM activity_record WHERE seq > $1`, [before.globalSeq]));
    await rm(s.checkpointFile(1), { force: true });
    const cut = await s.verify();
    expect(cut).toMatchObject({ intact: false, problem: expect.stringMatching(/^MISSING: checkpoint #1 is not in the checkpoint store \(checkpoint #\d+ is\)$/) });
    expect(cut.checkpoints.problems[1]).toMatch(new RegExp(`^TRUNCATED: checkpoint #${second.after.number} at seq ${moved.seq} `));
  }, 120_000);

  it('at every export, covering the export’s own record', async () => {
    s = await Scenario.start('cp_export', 0);
    s.worker = await WorkerProcess.start(s.config);
    const requested = await s.api.request('POST', ApiPaths.trailExports, { cookie: s.auditor });
    expect(requested.statusCode).toBe(202);
    const id = requested.json<TrailExportView>().id;
    const checkpoint = await s.waitForCheckpoint(1);
    const exported = (await s.api.dataSource.query(`SELECT chain_seq::text AS seq, hash FROM activity_record WHERE action = 'trail.exported' AND entity_id = $1`, [id])) as { seq: string; hash: string }[];
    expect(exported).toHaveLength(1);
    expect(checkpoint.after).toMatchObject({ number: 1, chain: s.agencyId, reason: 'export', exportId: id, seq: exported[0].seq, headHash: exported[0].hash });
    const view = (await s.api.request('GET', `${ApiPaths.trailExports}/${id}`, { cookie: s.auditor })).json<TrailExportView>();
    expect(view.state).toBe('completed');

    const result = await s.verify();
    expect(result).toMatchObject({ intact: true, checkpoints: { found: 1, agreeing: 1, latest: { number: 1, seq: exported[0].seq } } });
  }, 120_000);
});

describe('a tail cut off or rewritten by someone with full database rights', () => {
  let s: Scenario;
  let checkpoint: CheckpointRow;

  beforeEach(async () => {
    s = await Scenario.start('cp_tamper', 1);
    s.worker = await WorkerProcess.start(s.config);
    checkpoint = await s.waitForCheckpoint(1);
    // Nothing signs while the attacker works, so what is checked is exactly checkpoint #1.
    await s.worker.stop();
  }, 120_000);
  afterEach(async () => {
    await s?.stop();
  });

  it('cutting the newest records is reported as TRUNCATED, naming the checkpoint, by the api and by verify-trail', async () => {
    const signedSeq = Number(checkpoint.after.seq);
    await superuser(s.config.databaseUrl, (c) => c.query(`DELETE FROM activity_record WHERE agency_id = $1 AND chain_seq >= $2`, [s.agencyId, signedSeq - 2]));
    // The chain that is left is a perfect chain on its own…
    expect(await s.verifyChainAlone()).toMatchObject({ intact: true, count: signedSeq - 3 });

    // …but it no longer reaches what the worker signed.
    const result = await s.verify();
    const message = `TRUNCATED: checkpoint #1 at seq ${signedSeq} signed ${checkpoint.after.signedAt}; the chain ends at seq ${signedSeq - 3} (chain ${s.agencyId})`;
    expect(result).toMatchObject({ intact: false, brokenAtSeq: String(signedSeq - 2), problem: message });
    expect(result.checkpoints).toMatchObject({ agreeing: 0, problems: [message] });

    const cli = s.verifyTrailCli();
    expect(cli.output).toContain(message);
    expect(cli.status).toBe(1);
  }, 120_000);

  it('re-hashing the tail consistently is reported as REWRITTEN at the checkpoint’s record', async () => {
    const signedSeq = checkpoint.after.seq;
    const from = Number(signedSeq) - 2;
    await superuser(s.config.databaseUrl, async (c) => {
      const rows = (
        await c.query(
          `SELECT seq::text AS global_seq, chain_seq::text AS seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at, actor_id, actor_label,
                  agency_id, action, entity_type, entity_id, before, after, reason, previous_hash, hash_version
           FROM activity_record WHERE agency_id = $2 AND chain_seq >= $1 ORDER BY chain_seq`,
          [from, s.agencyId],
        )
      ).rows as Record<string, unknown>[];
      let previousHash = rows[0]['previous_hash'] as string;
      for (const row of rows) {
        // The amount of the first record changes; every hash after it is recomputed the way Mizan computes it.
        const after = row['seq'] === String(from) ? { amountMinor: 1 } : row['after'];
        const content: ChainedContent = {
          seq: row['seq'] as string,
          occurredAt: row['occurred_at'] as string,
          hashVersion: row['hash_version'] as HashVersion,
          actorId: row['actor_id'] as string | null,
          actorLabel: row['actor_label'] as string,
          agencyId: row['agency_id'] as string | null,
          action: row['action'] as string,
          entityType: row['entity_type'] as string,
          entityId: row['entity_id'] as string,
          before: row['before'] ?? null,
          after: after ?? null,
          reason: row['reason'] as string | null,
        };
        const hash = chainHash(sha256Hex, previousHash, content);
        // The body is what the hash covers; the amount (a column generated from it) follows.
        await c.query(`UPDATE activity_record SET body = $2, previous_hash = $3, hash = $4 WHERE seq = $1`, [row['global_seq'], canonicalRecord(content), previousHash, hash]);
        previousHash = hash;
      }
    });
    const alone = await s.verifyChainAlone();
    expect(alone).toMatchObject({ intact: true, problem: null });

    const result = await s.verify();
    const message = `REWRITTEN: record ${signedSeq} hash differs from checkpoint #1 signed ${checkpoint.after.signedAt} (chain ${s.agencyId})`;
    expect(result).toMatchObject({ intact: false, brokenAtSeq: signedSeq, problem: message });
    expect(result.checkpoints.problems).toEqual([message]);
  }, 120_000);

  it('a checkpoint file with a bad signature, a forged statement or a missing file is reported', async () => {
    const path = s.checkpointFile(1);
    const original = await readFile(path, 'utf8');
    const signed = JSON.parse(original) as SignedCheckpoint;
    await chmod(path, 0o644);

    const flipped = Buffer.from(signed.signature, 'base64');
    flipped[0] ^= 0xff;
    await writeFile(path, JSON.stringify({ ...signed, signature: flipped.toString('base64') }));
    let result = await s.verifyAll();
    expect(result.intact).toBe(false);
    expect(result.problem).toBe(`BAD SIGNATURE: checkpoint #1 (checkpoints/checkpoint-00000001.json) does not verify under key ${signed.keyId}`);

    // A statement moved back to an earlier record keeps a signature that was made for another text.
    await writeFile(path, JSON.stringify({ ...signed, seq: '2', headHash: (await s.api.dataSource.query(`SELECT hash FROM activity_record WHERE agency_id = $1 AND chain_seq = 2`, [s.agencyId]))[0].hash }));
    result = await s.verifyAll();
    expect(result.problem).toMatch(/^BAD SIGNATURE: checkpoint #1 /);

    // The trail records every checkpoint, so taking the file away is noticed too.
    await rm(path);
    result = await s.verifyAll();
    expect(result).toMatchObject({ intact: false, brokenAtSeq: checkpoint.seq });
    expect(result.problem).toBe(`MISSING: checkpoint #1, recorded on the trail at seq ${checkpoint.seq}, is not in the checkpoint store`);

    // Restored, and without a public key the checkpoints cannot be vouched for.
    await writeFile(path, original);
    expect(await s.verify()).toMatchObject({ intact: true, checkpoints: { agreeing: 1 } });
    expect(await s.verifyAll()).toMatchObject({ intact: true });
    await rename(s.config.trailPublicKeyFile, `${s.config.trailPublicKeyFile}.away`);
    result = await s.verify();
    expect(result.intact).toBe(false);
    expect(result.problem).toMatch(/^NO PUBLIC KEY: 1 checkpoint\(s\) cannot be checked/);
  }, 120_000);
});

describe('record times are hashed at the precision PostgreSQL stores them', () => {
  let s: Scenario;
  afterEach(async () => {
    await s?.stop();
  });

  it('changing only the microseconds of a version-3 record is detected at that record', async () => {
    s = await Scenario.start('cp_micros', 0);
    const versions = (await s.api.dataSource.query(`SELECT DISTINCT hash_version FROM activity_record`)) as { hash_version: number }[];
    expect(versions).toEqual([{ hash_version: 3 }]);
    const at3 = `agency_id = '${s.agencyId}' AND chain_seq = 3`;
    const readMs = async (): Promise<number> => ((await s.api.dataSource.query(`SELECT occurred_at FROM activity_record WHERE ${at3}`))[0].occurred_at as Date).getTime();
    const msBefore = await readMs();
    // The microseconds move within the same millisecond: what a JavaScript Date sees does not change.
    await superuser(s.config.databaseUrl, (c) =>
      c.query(
        retimed(`date_trunc('milliseconds', occurred_at) + ((((extract(microseconds FROM occurred_at)::bigint % 1000) + 1) % 1000) * interval '1 microsecond')`, at3),
      ),
    );
    expect(await readMs()).toBe(msBefore);
    const result = await s.verify();
    expect(result).toMatchObject({ intact: false, brokenAtSeq: '3', count: 2 });
    expect(result.problem).toMatch(/record #3 was altered/);
  }, 120_000);
});

describe('a chain written before hash versions existed', () => {
  const admin = adminDatabaseUrl();
  const dbName = `mizan_test_cp_v1_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  async function adminQuery(sql: string): Promise<void> {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async function migrate(migrations: typeof MIGRATIONS): Promise<void> {
    const ds = await new DataSource({ ...dataSourceOptions(databaseUrl), migrations }).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  }

  beforeAll(() => adminQuery(`CREATE DATABASE "${dbName}"`));
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));

  it('still verifies after migration 1765100000000 and 1765800000000, followed by version-3 records; microseconds added to an old record are caught', async () => {
    // The database as it was before this migration, with records written exactly the way the old code wrote them:
    // the time a JavaScript Date (milliseconds), hashed as its ISO text.
    await migrate(MIGRATIONS.filter((m) => Number(/\d{13}$/.exec(m.name)?.[0]) < 1765100000000));
    const old = new Client({ connectionString: databaseUrl });
    await old.connect();
    let previousHash = GENESIS_HASH;
    try {
      for (let i = 1; i <= 4; i++) {
        const occurredAt = new Date(Date.UTC(2026, 0, i, 9, 30, 0, 123 * i));
        const content = { seq: String(i), occurredAt: occurredAt.toISOString(), actorId: null, actorLabel: 'system', agencyId: null, action: 'spec.old', entityType: 'thing', entityId: `old-${i}`, before: null, after: { n: i, note: 'مرحبا' }, reason: null };
        const hash = chainHash(sha256Hex, previousHash, content);
        await old.query(
          `INSERT INTO activity_record (seq, occurred_at, agency_id, actor_id, actor_label, action, entity_type, entity_id, before, after, reason, previous_hash, hash)
           VALUES ($1, $2, NULL, NULL, $3, $4, $5, $6, NULL, $7, NULL, $8, $9)`,
          [content.seq, occurredAt, content.actorLabel, content.action, content.entityType, content.entityId, JSON.stringify(content.after), previousHash, hash],
        );
        previousHash = hash;
      }
    } finally {
      await old.end();
    }

    await migrate(MIGRATIONS);
    const ds = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
    try {
      const trail = new TrailService(ds);
      for (let i = 0; i < 2; i++) {
        await trail.record(async () => ({ result: i, entries: [{ actor: { id: null, label: 'spec' }, agencyId: null, action: 'spec.new' as TrailAction, entityType: 'thing' as TrailEntityType, entityId: `new-${i}` }] }));
      }
      const versions = (await ds.query(`SELECT hash_version FROM activity_record ORDER BY seq`)) as { hash_version: number }[];
      // The old records stay the legacy chain; new records start the platform's chain (version 3) at the genesis hash.
      expect(versions.map((v) => v.hash_version)).toEqual([1, 1, 1, 1, 3, 3]);
      expect((await ds.query(`SELECT previous_hash, chain_seq::text AS p FROM activity_record WHERE seq = 5`))[0]).toEqual({ previous_hash: GENESIS_HASH, p: '1' });
      const intact = await trail.verify();
      expect(intact).toMatchObject({ intact: true, count: 6, brokenAtSeq: null });
      expect(intact.chains.map((c) => [c.kind, c.count, c.headSeq])).toEqual([
        ['legacy', 4, '4'],
        ['platform', 2, '2'],
      ]);
      expect(intact.chains[0].headHash).toBe(previousHash);

      await superuser(databaseUrl, (c) => c.query(retimed(`occurred_at + interval '1 microsecond'`, 'seq = 2')));
      const result = await trail.verify();
      expect(result).toMatchObject({ intact: false, brokenAtSeq: '2', count: 3 });
      expect(result.problem).toMatch(/microseconds that a version-1 record never had/);
      expect(result.chains.map((c) => [c.kind, c.intact])).toEqual([
        ['legacy', false],
        ['platform', true],
      ]);
    } finally {
      await ds.destroy();
    }
  }, 120_000);
});

describe('the signing key, as an operator meets it', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment('cp_keys');
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('in production the worker refuses to start without its signing key, naming the file and how to make one', async () => {
    const production = { NODE_ENV: 'production', MIZAN_SESSION_SECRET: 'x'.repeat(40) };
    await expect(WorkerProcess.start(env.config, production)).rejects.toThrow(
      new RegExp(`mizan worker: the trail signing key ${env.config.trailSigningKeyFile} \\(TRAIL_SIGNING_KEY_FILE\\) does not exist; create one with: openssl genpkey -algorithm ed25519`),
    );
    await expect(readFile(env.config.trailSigningKeyFile)).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it('a public key file that belongs to another key is refused rather than producing checkpoints nobody can verify', async () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await mkdir(dirname(env.config.trailPublicKeyFile), { recursive: true });
    await writeFile(env.config.trailPublicKeyFile, other);
    await expect(WorkerProcess.start(env.config)).rejects.toThrow(/is not the one of .*checkpoints would not verify/);
    // The development key was created (0600, readable by the worker alone) before the mismatch was found.
    expect((await stat(env.config.trailSigningKeyFile)).mode & 0o777).toBe(0o600);
  }, 60_000);
});
