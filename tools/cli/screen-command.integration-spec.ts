import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DEFAULT_SCREENING_THRESHOLD } from '@mizan/domain';
import { dataSourceOptions } from '@mizan/server/db';
import { SeededAgency, TestEnvironment, createTestEnvironment, seedAgency } from '@mizan/server/testing';
import { seedSanctionsList, unEntry } from '../../apps/api/src/testing/screening-fixtures';

const ROOT = join(__dirname, '../..');

/** `tools/mizan screen` as an operator runs it: one JSON object with --json, a table without, exit codes for no list and bad input. */
describe('tools/mizan screen', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  let north: SeededAgency;

  const mizan = (...args: string[]) => {
    const result = spawnSync(join(ROOT, 'tools', 'mizan'), ['screen', ...args], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: env.databaseUrl },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    env = await createTestEnvironment('cli-screen');
    ds = new DataSource(dataSourceOptions(env.databaseUrl));
    await ds.initialize();
    north = await seedAgency(ds, 'north');
  });
  afterAll(async () => {
    await ds?.destroy();
    await env?.teardown();
  });

  it('before any list: exit 1 saying so', () => {
    const result = mizan('--json', 'Izzat Ibrahim al-Duri');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no sanctions list is imported yet');
    expect(result.stdout).toBe('');
  });

  it('prints exactly one JSON object, best first, with the agency’s threshold; a table without --json', async () => {
    await seedSanctionsList(ds, north.agency.id, north.users.officer.id, [unEntry('IQi.006'), unEntry('IQi.068'), unEntry('IQe.204')]);
    const hit = mizan('--json', 'Izzat Ibrahim al-Duri', '--kind', 'person');
    expect({ status: hit.status, stderr: hit.stderr }).toEqual({ status: 0, stderr: '' });
    expect(hit.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(hit.stdout) as {
      query: string;
      potentialMatch: boolean;
      threshold: number;
      candidates: { reference: string; name: string; score: number; explanation: string }[];
    };
    expect(json).toMatchObject({ query: 'Izzat Ibrahim al-Duri', potentialMatch: true, threshold: DEFAULT_SCREENING_THRESHOLD });
    expect(json.candidates[0]).toMatchObject({ reference: 'IQi.006', name: expect.any(String), score: expect.any(Number), explanation: expect.any(String) });
    expect(json.candidates[0].score).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
    const scores = json.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const miss = JSON.parse(mizan('--json', 'Anna Svensson').stdout) as { potentialMatch: boolean };
    expect(miss.potentialMatch).toBe(false);

    const table = mizan('Izzat Ibrahim al-Duri');
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('POTENTIAL MATCH');
    expect(table.stdout).toContain('IQi.006');
  }, 120_000);

  it('bad input is exit 2 naming the problem: no name, an empty or too long name, an unknown kind, a user who may not screen, several agencies without --as', async () => {
    expect(mizan('--json').status).toBe(2);
    const empty = mizan('--json', '   ');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('name is required');
    expect(mizan('--json', 'x'.repeat(301)).status).toBe(2);
    expect(mizan('--kind', 'company', 'Izzat').status).toBe(2);
    const applicant = mizan('--as', 'applicant@north.test', 'Izzat');
    expect(applicant.status).toBe(2);
    expect(applicant.stderr).toContain('not an active officer or admin');
    await seedAgency(ds, 'south');
    const ambiguous = mizan('--json', 'Izzat Ibrahim al-Duri');
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('--as');
    const asOfficer = mizan('--json', '--as', 'officer@north.test', 'Izzat Ibrahim al-Duri');
    expect(asOfficer.status).toBe(0);
    expect((JSON.parse(asOfficer.stdout) as { potentialMatch: boolean }).potentialMatch).toBe(true);
    // South has no list of its own.
    expect(mizan('--json', '--as', 'officer@south.test', 'Izzat Ibrahim al-Duri').status).toBe(1);
  }, 120_000);
});
