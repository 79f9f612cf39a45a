/*
 * Api hot paths against a bare baseline (issue 14), one section of docs/benchmarks.md:
 *
 *   node -r @swc-node/register tools/bench/api-paths-bench.ts --database-url <url> --summary-json <file> --out <file.md>
 *        [--json <file.json>] [--scale N] [--quick] [--runs 3] [--seconds 5] [--warmup 2] [--connections 50] [--paths a,b]
 *
 * Against a database already filled (`tools/mizan generate`, or the demo seed with tools/bench/demo-summary.json):
 *  1. the built api as its own process with MIZAN_SQL_CAPTURE on: signs in as officer and auditor, sends one request
 *     of each path (tools/bench/api-paths.ts) and keeps the exact SQL it ran (with parameters);
 *  2. the api again without the capture, and tools/bench/baseline-server.ts (bare Fastify + pg, pool of the api's
 *     size) serving each path's captured SQL; autocannon (own process) at 50 connections drives each, a warm-up and
 *     then `runs` × `seconds`; requests/s and p50/p99 as min/median/max over the runs, and the ratio api/baseline;
 *  3. EXPLAIN (ANALYZE, BUFFERS) of each path's costliest captured query.
 * Sign-in (argon2id) is measured apart; its baseline runs the same SELECTs and one argon2 verify.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { API_PATHS, ApiPathSpec, SIGN_IN_PATH } from './api-paths';
import type { BaselineRoute, CapturedStatement } from './baseline-server';
import {
  BenchLogins,
  Spread,
  TARGETS,
  details,
  fillTemplate,
  fmt,
  fmtSpread,
  loginsFromSummary,
  mdTable,
  numberArg,
  parseArgs,
  parseList,
  pct,
  ratio,
  spread,
  stringArg,
  unknownArgs,
  verdict,
} from './bench-kit';
import { LoadResult, ROOT, ServerProcess, apiBase, autocannon, ensureBuilt, log, signIn, startApi, startNodeServer } from './bench-proc';

export interface PathResult {
  name: string;
  url: string;
  status: 'ok' | 'failed';
  error?: string;
  statements: number;
  responseBytes: number;
  /** A deep keyset page: how many `next` links were followed to reach it (the list may end before `follow`). */
  depth?: number;
  api?: { rps: Spread; p50: Spread; p99: Spread; non2xx: number };
  baseline?: { rps: Spread; p50: Spread; p99: Spread; non2xx: number };
  ratio?: number;
  explain?: string;
}

export interface ApiPathsJson {
  scale: string;
  connections: number;
  runs: number;
  seconds: number;
  paths: PathResult[];
}

const KNOWN = ['database-url', 'summary-json', 'out', 'json', 'command', 'scale', 'quick', 'runs', 'seconds', 'warmup', 'connections', 'paths', 'no-build'];

type Context = Record<string, string | undefined>;

/** Values for the path templates, read from the data: the busiest call, the busiest grant, common trail values. */
async function benchContext(db: Client): Promise<Context> {
  const one = async (sql: string) => ((await db.query(sql)).rows[0] ?? {}) as Record<string, unknown>;
  const call = await one(`SELECT call_id AS id FROM application GROUP BY call_id ORDER BY count(*) DESC LIMIT 1`);
  const grant = await one(`SELECT grant_id AS id FROM journal_entry WHERE grant_id IS NOT NULL GROUP BY grant_id ORDER BY count(*) DESC LIMIT 1`);
  const action = await one(`SELECT action FROM activity_record GROUP BY action ORDER BY count(*) DESC OFFSET 1 LIMIT 1`);
  const entity = await one(`SELECT entity_type FROM activity_record GROUP BY entity_type ORDER BY count(*) DESC OFFSET 1 LIMIT 1`);
  // `actor` filters on part of the actor's email or label.
  const actor = await one(`SELECT actor_label FROM activity_record WHERE actor_id IS NOT NULL GROUP BY actor_label ORDER BY count(*) DESC LIMIT 1`);
  // `actor` given as a user's id: the auditor's agency's busiest actor.
  const actorId = await one(`SELECT actor_id::text AS id FROM activity_record WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1`);
  // A word of the titles in the busiest call (a search over title, organization and receipt number).
  const word = call['id']
    ? await one(
        `SELECT w FROM application a, regexp_split_to_table(lower(a.title), '[^[:alpha:]]+') w
          WHERE a.call_id = '${String(call['id'])}' AND length(w) >= 5 GROUP BY w ORDER BY count(*) DESC, w LIMIT 1`,
      )
    : {};
  // A window in the middle of the records (not of the time span, which can have gaps): about a tenth of them.
  const span = await one(
    `SELECT percentile_disc(0.45) WITHIN GROUP (ORDER BY occurred_at) AS lo, percentile_disc(0.55) WITHIN GROUP (ORDER BY occurred_at) AS hi FROM activity_record`,
  );
  const lo = span['lo'] ? new Date(span['lo'] as string).getTime() : Date.now();
  const hi = span['hi'] ? new Date(span['hi'] as string).getTime() : Date.now();
  const mid = (lo + hi) / 2;
  const width = Math.max((hi - lo) / 2, 1000);
  return {
    callId: call['id'] as string | undefined,
    grantId: grant['id'] as string | undefined,
    action: action['action'] as string | undefined,
    entityType: entity['entity_type'] as string | undefined,
    actorLabel: actor['actor_label'] as string | undefined,
    actorId: actorId['id'] as string | undefined,
    searchWord: word['w'] as string | undefined,
    from: new Date(mid - width).toISOString(),
    to: new Date(mid + width).toISOString(),
  };
}

async function getJson(url: string, cookie: string): Promise<{ status: number; body: unknown; bytes: number }> {
  const response = await fetch(url, { headers: { cookie } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body, bytes: Buffer.byteLength(text) };
}

/** The path with its placeholders filled; a deep page asks the first page first (its total, or `next` links). */
async function resolvePath(spec: ApiPathSpec, ctx: Context, base: string, cookie: string): Promise<{ url: string; depth?: number }> {
  const values: Context = { ...ctx };
  if (spec.totalFrom) {
    const first = await getJson(`${base}${fillTemplate(spec.totalFrom, ctx)}`, cookie);
    const total = Number((first.body as { total?: number }).total ?? 0);
    const size = spec.pageSize ?? 25;
    values['deepPage'] = String(Math.max(1, Math.floor((total / size) * 0.9)));
  }
  if (spec.follow) {
    // The page measured is a full one (it has a `next`), `follow` links deep or, when the list ends first, the last
    // full page before its end: a short last page would make a small scale's deep page look cheaper than it is.
    let path = fillTemplate(spec.path.replace(/([?&])after=\{cursor\}&?/, '$1'), ctx);
    let cursor: string | undefined;
    let full: { cursor?: string; depth: number } = { depth: 0 };
    for (let depth = 0; depth <= spec.follow; depth++) {
      const page = await getJson(`${base}${path}`, cookie);
      if (page.status !== 200) throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body).slice(0, 300)}`);
      const next = (page.body as { next?: string | null }).next;
      if (!next) break;
      full = { cursor, depth };
      cursor = next;
      path = fillTemplate(spec.path, { ...ctx, cursor });
    }
    // A list of one page has no `next`: its first page is what is measured (depth 0 says so).
    if (full.cursor === undefined) return { url: fillTemplate(spec.path.replace(/([?&])after=\{cursor\}&?/, '$1').replace(/[?&]$/, ''), ctx), depth: 0 };
    values['cursor'] = full.cursor;
    return { url: fillTemplate(spec.path, values), depth: full.depth };
  }
  return { url: fillTemplate(spec.path, values) };
}

function readCapture(file: string, from: number): CapturedStatement[] {
  const text = readFileSync(file).subarray(from).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CapturedStatement);
}

const isSelect = (sql: string) => /^\s*(\(?\s*SELECT|WITH)\b/i.test(sql);

/** EXPLAIN (ANALYZE, BUFFERS) of the costliest query, inside a transaction replaying what preceded it there, rolled back. */
async function explainCostliest(db: Client, statements: CapturedStatement[]): Promise<string> {
  let best: { i: number; cost: number } | undefined;
  for (let i = 0; i < statements.length; i++) {
    if (!isSelect(statements[i].sql)) continue;
    await db.query('BEGIN');
    try {
      for (const s of precedingInTransaction(statements, i)) await db.query(s.sql, s.params);
      const plan = (await db.query(`EXPLAIN (FORMAT JSON) ${statements[i].sql}`, statements[i].params)).rows[0] as { 'QUERY PLAN': { Plan: { 'Total Cost': number } }[] };
      const cost = plan['QUERY PLAN'][0].Plan['Total Cost'];
      if (!best || cost > best.cost) best = { i, cost };
    } catch {
      // a statement EXPLAIN can't take (e.g. a function call): skipped
    } finally {
      await db.query('ROLLBACK');
    }
  }
  if (!best) return '(no SELECT captured)';
  const s = statements[best.i];
  await db.query('BEGIN');
  try {
    for (const p of precedingInTransaction(statements, best.i)) await db.query(p.sql, p.params);
    const rows = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params)).rows as { 'QUERY PLAN': string }[];
    const params = s.params.length ? `\n-- parameters: ${JSON.stringify(s.params).slice(0, 500)}` : '';
    const sequence = statements.map((x, n) => `-- ${n + 1}. ${x.sql.replace(/\s+/g, ' ').trim().slice(0, 140)}`).join('\n');
    return `-- the request's SQL, in order (the costliest explained below):\n${sequence}\n\n${s.sql.trim()}${params}\n\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`;
  } finally {
    await db.query('ROLLBACK');
  }
}

/** The statements (set_config and the like) that ran before statement i in its transaction. */
function precedingInTransaction(statements: CapturedStatement[], i: number): CapturedStatement[] {
  let start = -1;
  for (let j = i - 1; j >= 0; j--) {
    if (/^\s*(COMMIT|ROLLBACK)\b/i.test(statements[j].sql)) break;
    if (/^\s*(START TRANSACTION|BEGIN)\b/i.test(statements[j].sql)) {
      start = j;
      break;
    }
  }
  return start < 0 ? [] : statements.slice(start + 1, i).filter((s) => !/^\s*(INSERT|UPDATE|DELETE)\b/i.test(s.sql));
}

/** Statements the baseline may repeat: reads, transaction control, set_config; the api's writes of a read request
 *  (a session's last-seen time) are UPDATEs and repeat fine; INSERTs (one-off rows) are left out and counted. */
function replayable(statements: CapturedStatement[]): CapturedStatement[] {
  return statements.filter((s) => !/^\s*INSERT\b/i.test(s.sql));
}

async function measure(label: string, runs: number, seconds: number, warmup: number, opts: Omit<Parameters<typeof autocannon>[0], 'seconds'>): Promise<{ rps: Spread; p50: Spread; p99: Spread; non2xx: number }> {
  if (warmup > 0) await autocannon({ ...opts, seconds: warmup });
  const results: LoadResult[] = [];
  for (let r = 0; r < runs; r++) results.push(await autocannon({ ...opts, seconds }));
  const out = {
    rps: spread(results.map((r) => r.requestsPerSecond)),
    p50: spread(results.map((r) => r.p50)),
    p99: spread(results.map((r) => r.p99)),
    non2xx: results.reduce((a, r) => a + r.non2xx + r.errors, 0),
  };
  log(`  ${label}: ${fmt(out.rps.median)} req/s, p50 ${fmt(out.p50.median)} ms, p99 ${fmt(out.p99.median)} ms${out.non2xx ? `, ${out.non2xx} non-2xx/errors` : ''}`);
  return out;
}

export function renderApiPaths(result: ApiPathsJson, command: string): string {
  const rows = result.paths.map((p) => {
    if (p.status === 'failed' || !p.api) return [p.name, 'failed', p.error ?? '', '', '', '', '', '', '', ''];
    if (p.api.rps.median === 0) return [p.name, '0', 'every request timed out (autocannon: 10 s)', '', p.baseline ? fmtSpread(p.baseline.rps, 0) : '–', '', '–', verdict(false), verdict(false), `${p.statements}`];
    const r = p.ratio ?? NaN;
    const meetsP99 = p.api.p99.median < TARGETS.p99Ms;
    const meetsRatio = p.name === 'sign-in' ? undefined : r >= TARGETS.baselineShare;
    return [
      p.name,
      fmtSpread(p.api.rps, 0),
      fmtSpread(p.api.p50, 1),
      fmtSpread(p.api.p99, 1),
      p.baseline ? fmtSpread(p.baseline.rps, 0) : '–',
      p.baseline ? fmtSpread(p.baseline.p99, 1) : '–',
      pct(r),
      p.name === 'sign-in' ? '–' : verdict(meetsP99),
      verdict(meetsRatio),
      `${p.statements} / ${fmt(p.responseBytes / 1024, 1)} kB${p.api.non2xx || p.baseline?.non2xx ? ` / **${p.api.non2xx + (p.baseline?.non2xx ?? 0)} non-2xx**` : ''}`,
    ];
  });
  const table = mdTable(
    ['path', 'api req/s', 'api p50 ms', 'api p99 ms', 'baseline req/s', 'baseline p99 ms', 'api/baseline', `p99 < ${TARGETS.p99Ms} ms`, `≥ ${pct(TARGETS.baselineShare)}`, 'SQL statements / response'],
    rows,
  );
  const paths = mdTable(
    ['path', 'request', 'deep page'],
    result.paths.map((p) => [
      p.name,
      `\`${p.url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '…').replace(/after=[^&]+/, 'after=<cursor>')}\``,
      p.depth === undefined ? '' : p.depth === 0 ? 'the list has one page: its first page' : `page ${p.depth + 1} (${p.depth} \`next\` links followed)`,
    ]),
  );
  const plans = result.paths
    .filter((p) => p.explain)
    .map((p) => details(`EXPLAIN (ANALYZE, BUFFERS): ${p.name}`, p.explain ?? '', 'sql'))
    .join('\n\n');
  return [
    `### Api hot paths vs a bare baseline — scale ${result.scale}`,
    '',
    '```sh',
    command,
    '```',
    '',
    `${result.connections} concurrent connections (autocannon, its own process), ${result.runs} runs × ${result.seconds} s after a warm-up; ` +
      'figures are median (min–max) over the runs. Baseline: a bare Fastify + pg server (tools/bench/baseline-server.ts, pool of the ' +
      "api's size, 10) running the exact SQL the api ran for one request of the path (captured with MIZAN_SQL_CAPTURE, same parameters, " +
      'INSERTs left out). Sign-in\'s baseline: its SELECTs and one argon2 verify.',
    '',
    table,
    '',
    paths,
    '',
    plans,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['quick', 'no-build']);
  const unknown = unknownArgs(args, KNOWN);
  if (unknown.length) throw new Error(`unknown option(s): ${unknown.map((u) => `--${u}`).join(', ')}`);
  const databaseUrl = stringArg(args, 'database-url');
  const summaryFile = stringArg(args, 'summary-json');
  const out = stringArg(args, 'out');
  if (!databaseUrl || !summaryFile || !out) throw new Error('usage: api-paths-bench --database-url <url> --summary-json <file> --out <file.md> [--json <file>] [--scale N] [--quick]');
  const quick = args['quick'] === true;
  const runs = numberArg(args, 'runs', quick ? 1 : 3);
  const seconds = numberArg(args, 'seconds', quick ? 2 : 5);
  const warmup = numberArg(args, 'warmup', quick ? 1 : 2);
  const connections = numberArg(args, 'connections', 50);
  const only = stringArg(args, 'paths');
  const wanted = only ? parseList(only, '--paths') : undefined;
  const specs = API_PATHS.filter((p) => !wanted || wanted.includes(p.name));
  const withSignIn = !wanted || wanted.includes('sign-in');
  const logins: BenchLogins = loginsFromSummary(JSON.parse(readFileSync(summaryFile, 'utf8')));
  const command =
    stringArg(args, 'command') ??
    `npm run bench -- --only api-paths ${process.argv.slice(2).filter((a, i, all) => !/^--(database-url|summary-json|out|json|scale|no-build)$/.test(a) && !/^--(database-url|summary-json|out|json|scale)$/.test(all[i - 1] ?? '')).join(' ')}`.trim();

  if (args['no-build'] !== true) ensureBuilt(true);
  const work = mkdtempSync(join(tmpdir(), 'mizan-api-paths-'));
  const captureFile = join(work, 'sql.jsonl');
  writeFileSync(captureFile, '');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let api: ServerProcess | undefined;
  let baseline: ServerProcess | undefined;
  const results: PathResult[] = [];
  try {
    const ctx = await benchContext(db);
    log(`context: call ${ctx['callId']}, grant ${ctx['grantId']}, trail action ${ctx['action']}, entity ${ctx['entityType']}`);

    // 1. Capture the SQL of one request of each path.
    log('api with SQL capture: one request per path');
    api = await startApi(databaseUrl, { MIZAN_SQL_CAPTURE: captureFile });
    let base = apiBase(api);
    const cookies: Record<string, string> = {
      officer: await signIn(base, logins.officer, logins.password),
      auditor: await signIn(base, logins.auditor, logins.password),
    };
    const routes: Record<string, BaselineRoute> = {};
    const resolved: { spec: ApiPathSpec; url: string; statements: CapturedStatement[] }[] = [];
    for (const spec of specs) {
      try {
        const { url, depth } = await resolvePath(spec, ctx, base, cookies[spec.role]);
        await getJson(`${base}${url}`, cookies[spec.role]); // warm caches (prepared plans, lazy loads)
        await new Promise((r) => setTimeout(r, 50));
        const from = statSync(captureFile).size;
        const answer = await getJson(`${base}${url}`, cookies[spec.role]);
        await new Promise((r) => setTimeout(r, 100));
        if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        const statements = readCapture(captureFile, from);
        routes[spec.name] = { statements: replayable(statements) };
        resolved.push({ spec, url, statements });
        results.push({ name: spec.name, url, status: 'ok', statements: statements.length, responseBytes: answer.bytes, depth });
      } catch (error) {
        results.push({ name: spec.name, url: spec.path, status: 'failed', error: (error as Error).message.slice(0, 300), statements: 0, responseBytes: 0 });
      }
    }
    // Sign-in: the SELECTs it runs and the stored hash.
    const signInBody = JSON.stringify({ email: logins.officer, password: logins.password });
    if (withSignIn) {
      const from = statSync(captureFile).size;
      await signIn(base, logins.officer, logins.password);
      await new Promise((r) => setTimeout(r, 100));
      const statements = readCapture(captureFile, from);
      const hash = (await db.query(`SELECT password_hash FROM app_user WHERE lower(email) = lower($1)`, [logins.officer]).catch(() => ({ rows: [] }))).rows[0] as { password_hash?: string } | undefined;
      routes['sign-in'] = { statements: statements.filter((s) => isSelect(s.sql)), argon2: hash?.password_hash ? { hash: hash.password_hash, password: logins.password } : undefined };
      results.push({ name: 'sign-in', url: SIGN_IN_PATH, status: 'ok', statements: statements.length, responseBytes: 0 });
    }
    await api.stop();
    api = undefined;

    // 2. Load: the api without capture, and the baseline.
    const routesFile = join(work, 'routes.json');
    writeFileSync(routesFile, JSON.stringify(routes));
    api = await startApi(databaseUrl);
    base = apiBase(api);
    cookies['officer'] = await signIn(base, logins.officer, logins.password);
    cookies['auditor'] = await signIn(base, logins.auditor, logins.password);
    baseline = await startNodeServer(
      'baseline',
      ['-r', '@swc-node/register', join(ROOT, 'tools/bench/baseline-server.ts'), '--database-url', databaseUrl, '--routes', routesFile, '--pool', '10'],
      { ...process.env, SWC_NODE_PROJECT: 'tools/tsconfig.json' },
      /baseline listening on (\d+)/,
    );
    for (const r of results) {
      if (r.status !== 'ok') continue;
      log(`${r.name}`);
      try {
        if (r.name === 'sign-in') {
          const post = { method: 'POST' as const, body: signInBody, headers: { 'content-type': 'application/json' } };
          // argon2id answers tens a second: longer runs, and a timeout above the queue's wait at 50 connections.
          const slow = Math.max(seconds, 10);
          r.api = await measure('api', runs, slow, warmup, { url: `${base}${SIGN_IN_PATH}`, connections, timeoutSeconds: 60, ...post });
          r.baseline = await measure('baseline', runs, slow, warmup, { url: `${baseline.baseUrl}/b/sign-in`, connections, timeoutSeconds: 60, ...post });
        } else {
          const spec = resolved.find((x) => x.spec.name === r.name);
          if (!spec) continue;
          r.api = await measure('api', runs, seconds, warmup, { url: `${base}${r.url}`, connections, headers: { cookie: cookies[spec.spec.role] } });
          r.baseline = await measure('baseline', runs, seconds, warmup, { url: `${baseline.baseUrl}/b/${encodeURIComponent(r.name)}`, connections });
        }
        r.ratio = ratio(r.api.rps.median, r.baseline.rps.median);
      } catch (error) {
        r.status = 'failed';
        r.error = (error as Error).message.slice(0, 300);
      }
    }

    // 3. Plans.
    for (const { spec, statements } of resolved) {
      const r = results.find((x) => x.name === spec.name);
      if (!r) continue;
      try {
        r.explain = await explainCostliest(db, statements);
      } catch (error) {
        r.explain = `EXPLAIN failed: ${(error as Error).message}`;
      }
    }
  } finally {
    await api?.stop().catch(() => undefined);
    await baseline?.stop().catch(() => undefined);
    await db.end().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
  const json: ApiPathsJson = { scale: stringArg(args, 'scale', '?') ?? '?', connections, runs, seconds, paths: results };
  const jsonFile = stringArg(args, 'json');
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(json, null, 2));
  writeFileSync(out, `${renderApiPaths(json, command)}\n`);
  log(`wrote ${out}`);
  if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
