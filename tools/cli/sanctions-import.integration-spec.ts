import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mizan/server/db';
import { TestEnvironment, createTestEnvironment, seedAgency } from '@mizan/server/testing';

const ROOT = join(__dirname, '../..');
const LIST = join(ROOT, 'data/sanctions/un-sc-consolidated-2018-10-29.xml');

/* `tools/mizan sanctions import` as an operator runs it: a child process on a test database, no worker. */
describe('tools/mizan sanctions import', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  let scratch: string;

  function mizan(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(join(ROOT, 'tools', 'mizan'), args, {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: env.config.databaseUrl,
          REDIS_URL: env.config.redisUrl,
          QUEUE_PREFIX: env.config.queuePrefix,
          STORAGE_DIR: env.config.storageDir,
          TRAIL_SIGNING_KEY_FILE: env.config.trailSigningKeyFile,
          TRAIL_PUBLIC_KEY_FILE: env.config.trailPublicKeyFile,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  beforeAll(async () => {
    env = await createTestEnvironment('sanctions_cli');
    ds = new DataSource(dataSourceOptions(env.databaseUrl));
    await ds.initialize();
    await seedAgency(ds, 'north');
    scratch = await mkdtemp(join(tmpdir(), 'mizan-sanctions-'));
  }, 120_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await ds?.destroy();
    await env?.teardown();
  });

  it('imports the list for the only agency as its admin, prints the counts on one line and queues the screening run', async () => {
    const result = await mizan('sanctions', 'import', LIST);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/703 individuals, 390 entities, 3055 aliases; entries 1093 added, 0 removed, 0 changed, 0 unchanged/);
    expect(lines[0]).toMatch(/screening run [0-9a-f-]{36} queued/);
    const [version] = (await ds.query(
      `SELECT v.state, v.individuals, v.entities, u.email FROM sanctions_list_version v JOIN app_user u ON u.id = v.imported_by`,
    )) as Record<string, unknown>[];
    expect(version).toEqual({ state: 'done', individuals: 703, entities: 390, email: 'admin@north.test' });
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM sanctions_entry WHERE removed_in_version_id IS NULL`)) as { n: number }[];
    expect(n).toBe(1093);
    const [run] = (await ds.query(`SELECT trigger, state FROM screening_run`)) as Record<string, string>[];
    expect(run).toEqual({ trigger: 'import', state: 'queued' });
  }, 120_000);

  it('names the problem of a file that is not a valid list and exits 1, importing nothing', async () => {
    const bad = join(scratch, 'not-a-list.xml');
    await writeFile(bad, '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2018-10-29T00:00:00Z">\n<PEOPLE/>\n</CONSOLIDATED_LIST>\n');
    const result = await mizan('sanctions', 'import', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a valid UN consolidated list \(line 3\).*PEOPLE/);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM sanctions_list_version`)) as { n: number }[];
    expect(n).toBe(1);
    const missing = await mizan('sanctions', 'import', join(scratch, 'missing.xml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/is not a file/);
  }, 60_000);

  it('asks whose list it is when there is more than one agency, and imports for the agency of --as', async () => {
    await seedAgency(ds, 'south');
    const ambiguous = await mizan('sanctions', 'import', LIST);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/more than one agency.*--as/);
    const applicant = await mizan('sanctions', 'import', LIST, '--as', 'applicant@south.test');
    expect(applicant.code).toBe(2);
    expect(applicant.stderr).toMatch(/applicant@south\.test/);

    const south = await mizan('sanctions', 'import', LIST, '--as', 'officer@south.test');
    expect(south.code).toBe(0);
    expect(south.stdout).toMatch(/entries 1093 added/);
    const again = await mizan('sanctions', 'import', LIST, '--as', 'OFFICER@north.test');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/entries 0 added, 0 removed, 0 changed, 1093 unchanged/);
    const byAgency = (await ds.query(
      `SELECT a.slug, count(*)::int AS n FROM sanctions_entry e JOIN agency a ON a.id = e.agency_id GROUP BY a.slug ORDER BY a.slug`,
    )) as { slug: string; n: number }[];
    expect(byAgency).toEqual([
      { slug: 'north', n: 1093 },
      { slug: 'south', n: 1093 },
    ]);
  }, 180_000);
});
