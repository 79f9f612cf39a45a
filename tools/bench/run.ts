/*
 * `npm run bench`: every benchmark against a generated database, written to docs/benchmarks.md (issue 14).
 *
 *   npm run bench [-- --scales 1,10] [--quick] [--only api-paths,trail-verify] [--seed 14] [--keep] [--db-prefix mizan_bench] [--reuse]
 *                 [--api-runs 3 --api-seconds 5]
 *   npm run bench -- --database-url <url> --skip-generate --summary-json tools/bench/demo-summary.json   (an existing DB)
 *
 * For each scale: a fresh database mizan_bench_s<N> (its two roles, `tools/mizan provision`), migrated, filled by
 * `tools/mizan generate --scale N --seed S --summary-json …`; then each sub-benchmark that needs a database runs
 * against it as its own process; the database is dropped at the end unless --keep. The sub-benchmarks that make
 * their own throw-away database (ledger, red-flags, …) run once. Each sub-benchmark is a standalone script:
 * `--database-url <url>` when it needs one, `--out <file.md>` where it writes its markdown section, non-zero exit on
 * failure (older ones print to stdout: their output's tail becomes the section). One failing sub-benchmark is
 * reported as failed and the others go on. The marked block at the top of docs/benchmarks.md is replaced; the
 * hand-written sections below it stay.
 *
 * `--keep` leaves each scale's database and its logins (<tmp>/mizan-bench-<db>.summary.json, with the seed) for a
 * later `--reuse`, which measures again on them without generating (generation is most of a scale-10 run); the header
 * says which scales were reused. A reused database has the rows earlier runs' write benchmarks (trail-append) added.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import {
  ParsedArgs,
  TARGETS,
  details,
  fmt,
  mdTable,
  numberArg,
  parseArgs,
  parseList,
  parseScales,
  pct,
  ratio,
  replaceGeneratedBlock,
  stringArg,
  unknownArgs,
  verdict,
} from './bench-kit';
import { ROOT, ensureBuilt, log } from './bench-proc';
import type { ApiPathsJson } from './api-paths-bench';

/** How a sub-benchmark runs: per scale against the generated database, or once making its own. */
export interface SubBench {
  name: string;
  script: string;
  perScale: boolean;
  /** Writes its section to --out (else its stdout's tail is the section). */
  out: boolean;
  /** Takes --summary-json (the logins of the generated data). */
  summary?: boolean;
  nodeArgs?: string[];
  args?: string[];
  quickArgs?: string[];
  /** The npm script of the older benchmarks, for the section's command line. */
  npmScript?: string;
}

export const SUB_BENCHES: readonly SubBench[] = [
  { name: 'api-paths', script: 'tools/bench/api-paths-bench.ts', perScale: true, out: true, summary: true, quickArgs: ['--quick'] },
  { name: 'trail-verify', script: 'tools/bench/trail-verify-bench.ts', perScale: true, out: true, quickArgs: ['--quick'] },
  { name: 'trail-export', script: 'tools/bench/trail-export-bench.ts', perScale: true, out: true, summary: true, quickArgs: ['--quick'] },
  // Makes its own throw-away database (the scale's data plays no part): once per run.
  { name: 'trail-append', script: 'tools/bench/trail-append-bench.ts', perScale: false, out: true, quickArgs: ['--appends', '400', '--runs', '2'] },
  { name: 'web', script: 'tools/bench/web-bench.ts', perScale: false, out: true },
  { name: 'ledger', script: 'tools/bench/ledger-bench.ts', perScale: false, out: false, npmScript: 'bench:ledger', quickArgs: ['--postings=100000', '--grants=200', '--posts=100', '--requests=500'] },
  { name: 'red-flags', script: 'tools/bench/red-flags-bench.ts', perScale: false, out: false, npmScript: 'bench:red-flags', nodeArgs: ['--expose-gc'], quickArgs: ['--sizes=10000,25000', '--runs=3'] },
  { name: 'report-open', script: 'tools/bench/report-open-bench.ts', perScale: false, out: false, npmScript: 'bench:report-open', quickArgs: ['--rounds=50', '--loads=3'] },
  { name: 'audit-report', script: 'tools/bench/audit-report-bench.ts', perScale: false, out: false, npmScript: 'bench:audit-report', quickArgs: ['--sizes=2000', '--rounds=1', '--skip-jobs'] },
  { name: 'screening', script: 'tools/bench/screening-bench.ts', perScale: false, out: false, npmScript: 'bench:screening', quickArgs: ['--scale=1', '--parties=2000', '--rounds=1', '--full-scan-sample=10'] },
  { name: 'directory', script: 'tools/bench/directory-bench.ts', perScale: false, out: true, quickArgs: ['--sizes=2000,10000', '--search-requests=50', '--match-requests=10'] },
  // Needs no database: the file of 2,000 generated grants built and validated in memory (what the publication job does after its reads).
  { name: 'iati', script: 'tools/bench/iati-bench.ts', perScale: false, out: false, npmScript: 'bench:iati', quickArgs: ['--grants=500', '--runs=1'] },
];

const KNOWN = ['scales', 'quick', 'only', 'seed', 'keep', 'database-url', 'skip-generate', 'summary-json', 'agencies', 'doc', 'timeout-minutes', 'admin-url', 'no-build', 'db-prefix', 'reuse', 'api-runs', 'api-seconds'];
const BOOLEANS = ['quick', 'keep', 'skip-generate', 'no-build', 'reuse'];

export interface HarnessOptions {
  scales: number[];
  quick: boolean;
  only?: string[];
  seed: string;
  keep: boolean;
  databaseUrl?: string;
  skipGenerate: boolean;
  summaryJson?: string;
  agencies?: string;
  doc: string;
  timeoutMinutes: number;
  adminUrl: string;
  build: boolean;
  /** The generated databases are <prefix>_s<N> (another name when other runs share the server). */
  dbPrefix: string;
  /** Use the database of a scale kept by an earlier `--keep` run (same prefix) instead of generating it again. */
  reuse: boolean;
  /** api-paths' runs and seconds per run (else its own defaults, or --quick's). */
  apiRuns?: number;
  apiSeconds?: number;
}

export function harnessOptions(args: ParsedArgs): HarnessOptions {
  const unknown = unknownArgs(args, KNOWN);
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.map((u) => `--${u}`).join(', ')} (known: ${KNOWN.map((k) => `--${k}`).join(' ')})`);
  const only = stringArg(args, 'only');
  const names = only ? parseList(only, '--only') : undefined;
  const bad = (names ?? []).filter((n) => !SUB_BENCHES.some((b) => b.name === n));
  if (bad.length) throw new Error(`--only: no benchmark named ${bad.join(', ')} (known: ${SUB_BENCHES.map((b) => b.name).join(', ')})`);
  const databaseUrl = stringArg(args, 'database-url');
  const skipGenerate = args['skip-generate'] === true;
  const summaryJson = stringArg(args, 'summary-json');
  if (skipGenerate && !databaseUrl) throw new Error('--skip-generate needs --database-url (the database already filled)');
  const prefix = stringArg(args, 'db-prefix');
  if (prefix !== undefined && !/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) throw new Error('--db-prefix: lower-case letters, digits and _ (at most 41), starting with a letter');
  if (skipGenerate && !summaryJson) throw new Error('--skip-generate needs --summary-json (who to sign in as; tools/bench/demo-summary.json for the demo seed)');
  return {
    scales: parseScales(stringArg(args, 'scales', '1,10') ?? '1,10'),
    quick: args['quick'] === true,
    only: names,
    seed: stringArg(args, 'seed', '14') ?? '14',
    keep: args['keep'] === true,
    databaseUrl,
    skipGenerate,
    summaryJson,
    agencies: stringArg(args, 'agencies'),
    doc: stringArg(args, 'doc', join(ROOT, 'docs/benchmarks.md')) ?? '',
    timeoutMinutes: numberArg(args, 'timeout-minutes', 60),
    adminUrl: stringArg(args, 'admin-url', process.env['DATABASE_ADMIN_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres') ?? '',
    build: args['no-build'] !== true,
    dbPrefix: stringArg(args, 'db-prefix', 'mizan_bench') ?? 'mizan_bench',
    reuse: args['reuse'] === true,
    apiRuns: args['api-runs'] === undefined ? undefined : numberArg(args, 'api-runs', 3),
    apiSeconds: args['api-seconds'] === undefined ? undefined : numberArg(args, 'api-seconds', 5),
  };
}

interface SectionResult {
  name: string;
  scale?: string;
  ok: boolean;
  markdown: string;
  seconds: number;
}

function mizan(args: string[], env: NodeJS.ProcessEnv, capture = false): string {
  const r = spawnSync(join(ROOT, 'tools', 'mizan'), args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tools/mizan ${args.join(' ')} failed (exit ${r.status})`);
  return capture ? r.stdout : '';
}

/** Where a kept scale's logins and seed are left for `--reuse`. */
export function keptSummaryFile(dbName: string): string {
  return join(tmpdir(), `mizan-bench-${dbName}.summary.json`);
}

/**
 * VACUUM (ANALYZE) as the database's owner after generating: the bulk-loaded tables get their visibility maps (index-only
 * scans without heap visits) and hint bits, as autovacuum would leave them on a database in use; without it the first
 * benchmark pays for setting hint bits and every count visits the heap.
 */
async function vacuumAnalyze(ownerUrl: string): Promise<void> {
  const t0 = Date.now();
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('VACUUM (ANALYZE)');
  } finally {
    await c.end();
  }
  log(`VACUUM (ANALYZE) in ${fmt((Date.now() - t0) / 1000, 0)} s`);
}

async function waitForFile(file: string, minutes: number): Promise<void> {
  log(`--reuse: the database exists without ${file}: waiting for its generation to finish (at most ${minutes} min)`);
  const until = Date.now() + minutes * 60_000;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`--reuse: ${file} did not appear within ${minutes} min`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    for (const role of [`${name}_app`, `${name}_owner`]) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role)}`);
  } finally {
    await c.end();
  }
}

/** Runs one sub-benchmark as a child process; its output goes to the terminal (prefixed) and to a log. */
async function runSub(bench: SubBench, opts: HarnessOptions, work: string, db?: { url: string; scale: string; summary?: string }): Promise<SectionResult> {
  const started = Date.now();
  const label = db ? `${bench.name} (scale ${db.scale})` : bench.name;
  const tag = `${bench.name}${db ? `-s${db.scale}` : ''}`;
  const out = join(work, `${tag}.md`);
  const logFile = join(work, `${tag}.log`);
  const scaleArg = db ? (opts.databaseUrl ? ` --database-url <url>${opts.skipGenerate ? ` --skip-generate --summary-json ${opts.summaryJson ?? ''}` : ''}` : ` --scales ${db.scale}`) : '';
  const command = bench.npmScript ? `npm run ${bench.npmScript}${opts.quick && bench.quickArgs ? ` -- ${bench.quickArgs.join(' ')}` : ''}` : `npm run bench -- --only ${bench.name}${scaleArg}${opts.quick ? ' --quick' : ''}${bench.name === 'api-paths' && opts.apiRuns !== undefined ? ` --api-runs ${opts.apiRuns}` : ''}${bench.name === 'api-paths' && opts.apiSeconds !== undefined ? ` --api-seconds ${opts.apiSeconds}` : ''}`;
  if (!existsSync(join(ROOT, bench.script))) {
    return { name: bench.name, scale: db?.scale, ok: false, seconds: 0, markdown: `### ${label}\n\nNot run: ${bench.script} is not in this checkout.` };
  }
  const args = [...(bench.nodeArgs ?? []), '-r', '@swc-node/register', bench.script, ...(bench.args ?? []), ...(opts.quick ? (bench.quickArgs ?? []) : [])];
  if (bench.out) args.push('--out', out);
  if (db && (bench.perScale || bench.out)) args.push('--database-url', db.url);
  if (db && bench.perScale) {
    if (bench.name === 'api-paths') {
      args.push('--scale', db.scale, '--json', join(work, `${tag}.json`), '--no-build', '--command', command);
      if (opts.apiRuns !== undefined) args.push('--runs', String(opts.apiRuns));
      if (opts.apiSeconds !== undefined) args.push('--seconds', String(opts.apiSeconds));
    }
    if (bench.summary && db.summary) args.push('--summary-json', db.summary);
    if (bench.name === 'trail-export') args.push('--command', command);
  }
  log(`▶ ${label}`);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tools/tsconfig.json' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = createWriteStream(logFile);
  let tail = '';
  const onData = (d: Buffer) => {
    file.write(d);
    tail = (tail + d.toString()).slice(-20_000);
    for (const line of d.toString().split('\n')) if (line.trim()) process.stdout.write(`  [${tag}] ${line}\n`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMinutes * 60_000);
  const code = await new Promise<number | null>((r) => {
    child.on('exit', (c, signal) => r(c ?? (signal ? 128 : 1)));
    child.on('error', () => r(1));
  });
  clearTimeout(timer);
  file.end();
  const seconds = (Date.now() - started) / 1000;
  const ok = code === 0;
  const tailLines = (n: number) => tail.split('\n').slice(-n).join('\n');
  let markdown: string;
  if (bench.out && existsSync(out)) {
    markdown = readFileSync(out, 'utf8').trim();
    if (!ok) markdown += `\n\n**${label} failed** (exit ${code}).\n\n${details('the end of its output', tailLines(40))}`;
  } else if (bench.out) {
    markdown = `### ${label}\n\n**Failed** (exit ${code}) before writing its section.\n\n${details('the end of its output', tailLines(60))}`;
  } else {
    markdown = `### ${label}\n\n\`\`\`sh\n${command}\n\`\`\`\n\n${ok ? '' : `**Failed** (exit ${code}).\n\n`}\`\`\`text\n${tailLines(ok ? 45 : 60).replace(/\s+$/, '')}\n\`\`\``;
  }
  log(`${ok ? '✓' : '✗'} ${label} in ${fmt(seconds, 0)} s`);
  return { name: bench.name, scale: db?.scale, ok, markdown, seconds };
}

async function versions(databaseUrl: string | undefined, adminUrl: string): Promise<{ pg: string; redis: string }> {
  let pg = '?';
  let redis = '?';
  const c = new Client({ connectionString: databaseUrl ?? adminUrl });
  try {
    await c.connect();
    pg = ((await c.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
  } catch {
    // left as ?
  } finally {
    await c.end().catch(() => undefined);
  }
  const r = new Redis(process.env['REDIS_URL'] || 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    redis = /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
  } catch {
    // left as ?
  } finally {
    r.disconnect();
  }
  return { pg, redis };
}

function gitCommit(): string {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return `${rev || '?'}${dirty ? ' (with uncommitted changes)' : ''}`;
}

/** Scale 1 → N: api requests/s and p99 per path, from the api-paths JSON of each scale. */
export function renderScaleComparison(byScale: ApiPathsJson[]): string {
  if (byScale.length < 2) return '';
  const first = byScale[0];
  const rows: string[][] = [];
  for (const p of first.paths) {
    if (!p.api) continue;
    for (const other of byScale.slice(1)) {
      const q = other.paths.find((x) => x.name === p.name);
      if (!q?.api) continue;
      const slowdown = ratio(p.api.rps.median, q.api.rps.median);
      rows.push([
        p.name,
        `${first.scale} → ${other.scale}`,
        `${fmt(p.api.rps.median, 0)} → ${fmt(q.api.rps.median, 0)}`,
        `${fmt(p.api.p99.median, 1)} → ${fmt(q.api.p99.median, 1)}`,
        `${fmt(slowdown, 2)}×`,
        verdict(slowdown <= TARGETS.scaleSlowdown),
      ]);
    }
  }
  return [
    '### Api hot paths: scale against scale',
    '',
    `Slowdown = requests/s at the smaller scale ÷ requests/s at the larger (target ≤ ${TARGETS.scaleSlowdown}×).`,
    '',
    mdTable(['path', 'scales', 'api req/s', 'api p99 ms', 'slowdown', `≤ ${TARGETS.scaleSlowdown}×`], rows),
  ].join('\n');
}

async function main(): Promise<void> {
  const opts = harnessOptions(parseArgs(process.argv.slice(2), BOOLEANS));
  const startedAt = new Date();
  // The commit measured: read at the start (a commit made while a long run goes on is not what it measured).
  const commit = gitCommit();
  const loadAtStart = loadavg()[0];
  const work = mkdtempSync(join(tmpdir(), 'mizan-bench-'));
  const selected = SUB_BENCHES.filter((b) => !opts.only || opts.only.includes(b.name));
  if (opts.build) ensureBuilt(true);
  const sections: SectionResult[] = [];
  const apiJsons: ApiPathsJson[] = [];
  const scaleRuns: { scale: string; url: string; summary?: string; drop?: string }[] = [];
  if (opts.databaseUrl) scaleRuns.push({ scale: opts.skipGenerate ? 'given-db' : String(opts.scales[0]), url: opts.databaseUrl, summary: opts.summaryJson });
  const perScale = selected.filter((b) => b.perScale);
  const once = selected.filter((b) => !b.perScale);
  let firstDb: { url: string; scale: string; summary?: string } | undefined;
  const reused: string[] = [];

  const scales = opts.databaseUrl ? [opts.scales[0]] : opts.scales;
  let onceDone = false;
  for (const scale of scales) {
    let db: { url: string; scale: string; summary?: string };
    let dropName: string | undefined;
    if (opts.databaseUrl) {
      db = scaleRuns[0];
      if (!opts.skipGenerate) {
        const summary = join(work, `summary-s${scale}.json`);
        log(`generating scale ${scale} into the given database`);
        mizan(['generate', '--scale', String(scale), '--seed', opts.seed, '--summary-json', summary, ...(opts.agencies ? ['--agencies', opts.agencies] : [])], { DATABASE_URL: db.url });
        db = { ...db, summary };
      }
    } else {
      dropName = `${opts.dbPrefix}_s${scale}`;
      const kept = keptSummaryFile(dropName);
      const provision = () =>
        JSON.parse(mizan(['provision', dropName ?? ''], { DATABASE_ADMIN_URL: opts.adminUrl }, true).trim().split('\n').at(-1) ?? '{}') as { databaseUrl: string; migrationDatabaseUrl: string };
      // A database being generated elsewhere for reuse (`tools/mizan generate --summary-json <kept>`): wait for its summary, never drop it.
      if (opts.reuse && !existsSync(kept) && (await databaseExists(opts.adminUrl, dropName))) await waitForFile(kept, opts.timeoutMinutes);
      const keptSeed = existsSync(kept) ? String((JSON.parse(readFileSync(kept, 'utf8')) as { seed?: unknown }).seed) : undefined;
      if (opts.reuse && keptSeed !== opts.seed) log(`scale ${scale}: nothing to reuse (${keptSeed === undefined ? `no ${kept}` : `kept with seed ${keptSeed}`}): generating`);
      if (opts.reuse && keptSeed === opts.seed && (await databaseExists(opts.adminUrl, dropName))) {
        // `tools/mizan provision` on an existing database only (re)sets its roles' passwords and prints its URLs.
        const urls = provision();
        mizan(['migrate'], { DATABASE_URL: urls.databaseUrl, MIGRATION_DATABASE_URL: urls.migrationDatabaseUrl });
        await vacuumAnalyze(urls.migrationDatabaseUrl);
        log(`scale ${scale}: reusing database ${dropName} kept by an earlier --keep run (${kept})`);
        reused.push(String(scale));
        db = { url: urls.databaseUrl, scale: String(scale), summary: kept };
      } else {
        log(`scale ${scale}: database ${dropName} (provision, migrate, generate)`);
        await dropDatabase(opts.adminUrl, dropName);
        const urls = provision();
        mizan(['migrate'], { DATABASE_URL: urls.databaseUrl, MIGRATION_DATABASE_URL: urls.migrationDatabaseUrl });
        const summary = opts.keep ? kept : join(work, `summary-s${scale}.json`);
        const t0 = Date.now();
        mizan(['generate', '--scale', String(scale), '--seed', opts.seed, '--summary-json', summary, ...(opts.agencies ? ['--agencies', opts.agencies] : [])], { DATABASE_URL: urls.databaseUrl, MIGRATION_DATABASE_URL: urls.migrationDatabaseUrl });
        log(`scale ${scale} generated in ${fmt((Date.now() - t0) / 1000, 0)} s`);
        await vacuumAnalyze(urls.migrationDatabaseUrl);
        db = { url: urls.databaseUrl, scale: String(scale), summary };
      }
    }
    firstDb ??= db;
    try {
      for (const bench of perScale) {
        const r = await runSub(bench, opts, work, db);
        sections.push(r);
        const json = join(work, `${bench.name}-s${db.scale}.json`);
        if (bench.name === 'api-paths' && existsSync(json)) apiJsons.push(JSON.parse(readFileSync(json, 'utf8')) as ApiPathsJson);
      }
    } finally {
      if (dropName && !opts.keep && !reused.includes(String(scale))) await dropDatabase(opts.adminUrl, dropName).catch((e: unknown) => log(`could not drop ${dropName}: ${(e as Error).message}`));
      else if (dropName) log(`kept database ${dropName} (--keep): ${db.url}`);
    }
    // The benchmarks that make their own database run after the first scale (while a larger one may still be generated elsewhere for --reuse).
    if (!onceDone) {
      onceDone = true;
      for (const bench of once) sections.push(await runSub(bench, opts, work, bench.out ? (firstDb && opts.databaseUrl ? firstDb : undefined) : undefined));
    }
  }
  // The document lists each scale's sections first, then those that ran once (whenever they ran).
  const ordered = [...sections.filter((s) => s.scale !== undefined), ...sections.filter((s) => s.scale === undefined)];
  const v = await versions(opts.databaseUrl, opts.adminUrl);
  const cpu = cpus();
  const command = `npm run bench -- ${process.argv.slice(2).map((a) => (a.includes('://') ? '<url>' : a)).join(' ')}`.replace(/ -- $/, '').trim();
  const header = [
    `## Generated by \`npm run bench\` (issue 14)`,
    '',
    `Made by \`${command}\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, in ${fmt((Date.now() - startedAt.getTime()) / 60000, 0)} min.`,
    '',
    mdTable(
      ['machine', 'value'],
      [
        ['CPU', `${cpu[0]?.model ?? '?'} × ${cpu.length}`],
        ['RAM', `${fmt(totalmem() / 1024 ** 3, 1)} GiB`],
        ['Node.js', process.version],
        ['PostgreSQL', v.pg],
        ['Redis', v.redis],
        ['load average (1 min) at start / end', `${fmt(loadAtStart, 1)} / ${fmt(loadavg()[0], 1)} (other work on the machine skews every figure)`],
        [
          'scales',
          opts.databaseUrl && opts.skipGenerate
            ? 'a given database (not generated here)'
            : `${scales.join(', ')} (seed ${opts.seed})${reused.length ? `; scale ${reused.join(', ')} generated earlier with the same seed (kept) and reused here` : ''}`,
        ],
      ],
    ),
    '',
    `Targets (issue 14): every api read path at scale 10 p99 < ${TARGETS.p99Ms} ms at 50 connections and ≥ ${pct(TARGETS.baselineShare)} of the bare baseline's requests/s; no path more than ${TARGETS.scaleSlowdown}× slower from scale 1 to 10; trail verification ≥ ${pct(TARGETS.verifyShare)} of the raw SHA-256 rate.`,
    '',
    mdTable(
      ['benchmark', 'scale', 'result', 'seconds'],
      ordered.map((s) => [s.name, s.scale ?? '–', s.ok ? 'ok' : '**failed / not run**', fmt(s.seconds, 0)]),
    ),
  ].join('\n');
  const comparison = renderScaleComparison(apiJsons);
  const block = [header, ...ordered.map((s) => s.markdown), ...(comparison ? [comparison] : [])].join('\n\n');
  const doc = existsSync(opts.doc) ? readFileSync(opts.doc, 'utf8') : '# Benchmarks\n';
  writeFileSync(opts.doc, replaceGeneratedBlock(doc, block));
  log(`wrote ${opts.doc} (logs of each benchmark in ${work})`);
  if (sections.some((s) => !s.ok)) process.exitCode = 1;
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
