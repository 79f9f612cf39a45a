/*
 * Trail PDF export of 100,000 records (issue 14), one section of docs/benchmarks.md:
 *
 *   node -r @swc-node/register tools/bench/trail-export-bench.ts --database-url <url> --summary-json <file> --out <file.md>
 *        [--records 100000] [--quick] [--timeout-minutes 20] [--command <how it was run, for the section>]
 *
 * The built api and the built worker as their own processes (their own queue prefix and storage directory); the
 * worker's idle memory read after it started; then, as the auditor, one export through the api of the newest
 * `records` records of the auditor's agency (a `from` date chosen so the filter matches about that many; the whole
 * trail when it is smaller), polled until done. Reports the time to done, the PDF's size, and the worker's peak RSS
 * (VmHWM in /proc/<pid>/status) against its idle RSS.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiPaths, TrailExportView } from '@mizan/contracts';
import { fmt, loginsFromSummary, mdTable, numberArg, parseArgs, stringArg, unknownArgs } from './bench-kit';
import { ServerProcess, WORKER_MAIN, apiBase, ensureBuilt, log, signIn, startApi, startNodeServer } from './bench-proc';

const KNOWN = ['database-url', 'summary-json', 'out', 'records', 'quick', 'no-build', 'timeout-minutes', 'command'];

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['quick', 'no-build']);
  const unknown = unknownArgs(args, KNOWN);
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.map((u) => `--${u}`).join(', ')}`);
  const databaseUrl = stringArg(args, 'database-url');
  const summaryFile = stringArg(args, 'summary-json');
  const out = stringArg(args, 'out');
  if (!databaseUrl || !summaryFile || !out) throw new Error('usage: trail-export-bench --database-url <url> --summary-json <file> --out <file.md> [--records 100000]');
  const wanted = numberArg(args, 'records', args['quick'] === true ? 10_000 : 100_000);
  const timeoutMs = numberArg(args, 'timeout-minutes', args['quick'] === true ? 5 : 20) * 60_000;
  const logins = loginsFromSummary(JSON.parse(readFileSync(summaryFile, 'utf8')));
  if (args['no-build'] !== true) ensureBuilt(true);

  const work = mkdtempSync(join(tmpdir(), 'mizan-trail-export-'));
  const shared = {
    QUEUE_PREFIX: `benchx${process.pid}`,
    STORAGE_DIR: join(work, 'storage'),
    TRAIL_SIGNING_KEY_FILE: join(work, 'keys', 'trail-signing-key.pem'),
    TRAIL_CHECKPOINT_SECONDS: '86400',
  };
  let api: ServerProcess | undefined;
  let worker: ServerProcess | undefined;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'log', DATABASE_URL: databaseUrl, REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379', ...shared };
    delete env['MIGRATION_DATABASE_URL'];
    delete env['DATABASE_ADMIN_URL'];
    worker = await startNodeServer('worker', [WORKER_MAIN], env, /Mizan worker (started)/);
    api = await startApi(databaseUrl, shared);
    await new Promise((r) => setTimeout(r, 3000));
    const idle = memory(worker.child.pid ?? 0);
    const base = apiBase(api);
    const cookie = await signIn(base, logins.auditor, logins.password);

    const [me] = (await db.query(`SELECT agency_id FROM app_user WHERE lower(email) = lower($1)`, [logins.auditor])).rows as { agency_id: string }[];
    const [edge] = (await db.query(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM activity_record WHERE agency_id = $1 ORDER BY occurred_at DESC OFFSET $2 LIMIT 1`,
      [me.agency_id, wanted - 1],
    )).rows as { at: string }[];
    const filters = edge ? { from: edge.at } : {};
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM activity_record WHERE agency_id = $1 AND ($2::timestamptz IS NULL OR occurred_at >= $2::timestamptz)`, [me.agency_id, edge?.at ?? null])).rows as { n: number }[];
    log(`export of ${n} records of the auditor's agency${edge ? ` (from ${edge.at})` : ' (the whole trail)'}; worker idle RSS ${fmt(idle.rss, 0)} MiB`);

    const t0 = performance.now();
    const requested = await fetch(`${base}${ApiPaths.trailExports}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ filters }) });
    if (requested.status !== 202) throw new Error(`export request: ${requested.status} ${await requested.text()}`);
    const view = (await requested.json()) as TrailExportView;
    let state: TrailExportView = view;
    let peakSeen = idle.rss;
    let timedOut = false;
    while (state.state !== 'completed' && state.state !== 'failed') {
      if (performance.now() - t0 > timeoutMs) {
        timedOut = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
      peakSeen = Math.max(peakSeen, memory(worker.child.pid ?? 0).rss);
      const r = await fetch(`${base}${ApiPaths.trailExports}/${view.id}`, { headers: { cookie } });
      state = (await r.json()) as TrailExportView;
    }
    const seconds = (performance.now() - t0) / 1000;
    const end = memory(worker.child.pid ?? 0);
    if (state.state === 'failed') throw new Error(`export failed: ${state.failedReason}`);
    if (timedOut) process.exitCode = 1;
    const done = timedOut ? `not done after ${fmt(seconds / 60, 0)} min (${state.state}, ${state.progress} %)` : fmt(seconds, 1);
    log(`${timedOut ? 'NOT done after' : 'done in'} ${fmt(seconds, 1)} s, ${fmt((state.file?.sizeBytes ?? 0) / 1024 ** 2, 1)} MiB PDF; worker peak RSS ${fmt(end.peak, 0)} MiB`);
    const md = [
      '### Trail PDF export',
      '',
      '```sh',
      stringArg(args, 'command') ?? `npm run bench -- --only trail-export${args['quick'] === true ? ' --quick' : ''}`,
      '```',
      '',
      `One export requested as the auditor through the api (built api and worker, each its own process), of ${fmt(n, 0)} records ` +
        `(${edge ? `the newest ${fmt(wanted, 0)} of the auditor's agency: filter from ${edge.at}` : 'the whole trail of the agency'}), polled every 250 ms until done. ` +
        "Memory: the worker's RSS in /proc/<pid>/status (VmHWM = the peak since it started).",
      '',
      mdTable(
        ['records', 'time to done s', 'records/s', 'PDF MiB', 'worker idle RSS MiB', 'worker peak RSS MiB (VmHWM)', 'peak − idle MiB'],
        [[fmt(n, 0), done, timedOut ? '–' : fmt(n / seconds, 0), fmt((state.file?.sizeBytes ?? 0) / 1024 ** 2, 1), fmt(idle.rss, 0), fmt(Math.max(end.peak, peakSeen), 0), fmt(Math.max(end.peak, peakSeen) - idle.rss, 0)]],
      ),
    ].join('\n');
    writeFileSync(out, `${md}\n`);
    log(`wrote ${out}`);
  } finally {
    await api?.stop().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await db.end().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
