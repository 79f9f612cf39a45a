/*
 * Trail append benchmark (issue 14): `npm run bench:trail-append -- --database-url <url> --out <file.md>`
 * (options: --appends=2000 per run, --runs=3).
 *
 * `--database-url` names a PostgreSQL SERVER: the administrator's connection to any database on it (default
 * DATABASE_ADMIN_URL, else postgres://postgres@127.0.0.1:5432/postgres). The database it names is only used to
 * connect; the benchmark never writes to it. It creates a throw-away database of its own on that server (with its own
 * owner and runtime roles, like the integration specs), runs the migrations as the owner, appends as the runtime role,
 * and drops database and roles at the end, also after a failure.
 *
 * What is measured: concurrent writers, each append its own transaction through the real TrailService.record (the way
 * every state change writes its record: the chain's advisory lock, the head read, the hash, the insert, the commit),
 * with 1, 10 and 50 writers, all in one agency and spread over 10 agencies (writer i writes to agency i mod 10).
 * Records/s = appends of the run / wall time of the run; each configuration `--runs` times, min / median / max.
 *
 * `--out` writes one markdown section (the bench harness's contract: a `## ` heading, the command, machine, date,
 * commit, then the figures); without it the section is printed. Not a test: `npm test` does not run it.
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { DataSource } from 'typeorm';
import { CURRENT_HASH_VERSION } from '@mizan/domain';
import { dataSourceOptions, dropProvisionedDatabase, provisionDatabase, runMigrations } from '@mizan/server/db';
import { TrailService } from '@mizan/server/trail';
import { log } from './bench-load';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found?.slice(name.length + 3);
}

const SERVER_URL = option('database-url') ?? process.env['DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const OUT = option('out');
const APPENDS = Number(option('appends') ?? 2000);
const RUNS = Number(option('runs') ?? 3);
const WRITERS = [1, 10, 50];
const AGENCIES = 10;

/**
 * Measured with this script (800 appends per run) on the code before per-agency chains (one global chain, one lock
 * for the whole deployment: hash version 2), commit 7aa3476, on 2 cores shared with other work (load average about
 * 30: figures vary run to run). Kept here so the section always shows the change; docs/benchmarks.md has the runs.
 */
const BEFORE: { commit: string; rows: { writers: number; agencies: number; min: number; median: number; max: number }[] } = {
  commit: '7aa3476',
  rows: [
    { writers: 1, agencies: 1, min: 38, median: 59, max: 134 },
    { writers: 10, agencies: 1, min: 23, median: 48, max: 54 },
    { writers: 50, agencies: 1, min: 24, median: 27, max: 34 },
    { writers: 1, agencies: 10, min: 47, median: 58, max: 66 },
    { writers: 10, agencies: 10, min: 53, median: 60, max: 78 },
    { writers: 50, agencies: 10, min: 52, median: 54, max: 60 },
  ],
};

interface Row {
  writers: number;
  agencies: number;
  runs: number[];
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function appendRun(trail: TrailService, agencyIds: string[], writers: number, spread: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const agencyId = agencyIds[w % spread];
      while (next < APPENDS) {
        const i = next++;
        await trail.record(async () => ({
          result: null,
          entries: [
            {
              actor: { id: null, label: 'bench' },
              agencyId,
              action: 'agency.created' as const,
              entityType: 'agency' as const,
              entityId: agencyId,
              after: { i, writer: w },
            },
          ],
        }));
      }
    }),
  );
  return APPENDS / ((performance.now() - started) / 1000);
}

function commitOf(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

function table(rows: { writers: number; agencies: number; min: number; median: number; max: number }[]): string[] {
  return [
    '| writers | agencies | records/s min | median | max |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.writers} | ${r.agencies === 1 ? '1 (all in one)' : `${r.agencies} (spread)`} | ${r.min.toFixed(0)} | ${r.median.toFixed(0)} | ${r.max.toFixed(0)} |`),
  ];
}

async function main(): Promise<void> {
  const database = `mizan_bench_trail_${randomBytes(4).toString('hex')}`;
  log(`creating the throw-away database ${database} on ${new URL(SERVER_URL).host}`);
  const loadBefore = loadavg()[0];
  const provisioned = await provisionDatabase(SERVER_URL, database);
  const rows: Row[] = [];
  let serverVersion = '';
  try {
    await runMigrations(provisioned.migrationDatabaseUrl);
    const ds = new DataSource({ ...dataSourceOptions(provisioned.databaseUrl), extra: { max: Math.max(...WRITERS) + 5 } });
    await ds.initialize();
    try {
      [{ server_version: serverVersion }] = (await ds.query('SHOW server_version')) as { server_version: string }[];
      const agencyIds: string[] = [];
      for (let i = 0; i < AGENCIES; i++) {
        const [{ id }] = (await ds.query(`INSERT INTO agency (name, slug, country_code) VALUES ($1, $2, 'SE') RETURNING id`, [
          `Bench agency ${i}`,
          `bench-${i}`,
        ])) as { id: string }[];
        agencyIds.push(id);
      }
      const trail = new TrailService(ds);
      await appendRun(trail, agencyIds, 10, AGENCIES); // warm-up: pool connections, plans
      for (const spread of [1, AGENCIES]) {
        for (const writers of WRITERS) {
          const row: Row = { writers, agencies: spread, runs: [] };
          for (let run = 0; run < RUNS; run++) row.runs.push(await appendRun(trail, agencyIds, writers, spread));
          log(`${writers} writers, ${spread} agencies: ${row.runs.map((r) => r.toFixed(0)).join(' / ')} records/s`);
          rows.push(row);
        }
      }
      const verification = await trail.verify();
      if (!verification.intact) throw new Error(`the trail written by the benchmark does not verify: ${verification.problem}`);
      log(`verified: ${verification.count} records intact`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await dropProvisionedDatabase(SERVER_URL, database);
    log(`dropped ${database}`);
  }

  const now = rows.map((r) => ({ writers: r.writers, agencies: r.agencies, min: Math.min(...r.runs), median: median(r.runs), max: Math.max(...r.runs) }));
  const lines = [
    '## Trail appends (concurrent writers)',
    '',
    `Command: \`npm run bench:trail-append -- --database-url <server url> --out <file>\` (${APPENDS} appends per run, ${RUNS} runs each).`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, PostgreSQL ${serverVersion}, Node ${process.version}.`,
    `Date: ${new Date().toISOString()}. Commit: ${commitOf()} (hash version ${CURRENT_HASH_VERSION}). Load average (1 min) ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at the end: other work on the machine shows in the figures.`,
    '',
    'Each append is its own transaction through TrailService.record, the way every state change writes its record.',
    'Writers of one agency append to the same chain and take turns on its lock; writers of different agencies',
    'append to different chains (hash version 3, one chain per agency) and do not wait for each other: with',
    'writers spread over agencies the figure grows with the writers; writers of ONE agency stay serialized on its',
    'chain (one append at a time, as before).',
    '',
    ...table(now),
  ];
  if (BEFORE.rows.length > 0) {
    lines.push(
      '',
      `Before (one chain and one lock for the whole deployment, hash version 2, commit ${BEFORE.commit}, same script and machine, 800 appends per run):`,
      '',
      ...table(BEFORE.rows),
    );
  }
  const section = `${lines.join('\n')}\n`;
  if (OUT) {
    await writeFile(OUT, section);
    log(`wrote ${OUT}`);
  } else {
    console.log(`\n${section}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
