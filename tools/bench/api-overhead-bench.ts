/*
 * The api's own cost per request (issue 14): `npm run bench:api-overhead -- [--out=docs/section.md]`
 * (options: --connections=50 --duration=10 --rounds=3 --warmup=10 --api=dist/apps/api/main.js --cpu-prof=<dir>).
 *
 * In a throw-away database (its own roles and migrations, dropped at the end) with the demo seed's agency and users:
 *  1. the real api as a separate process (the built dist/apps/api/main.js when it exists — `npx nx build api` —
 *     else apps/api/src/main.ts through SWC), NODE_ENV=production, on a port the system picks;
 *  2. the bare baseline as a separate process (tools/bench/api-overhead-server.ts): Fastify + pg answering the same
 *     request with the same SQL as the api's session lookup (SESSION_RESOLVE_SQL), nothing else;
 *  3. the demo officer signs in once; then autocannon drives GET /api/v1/auth/session (a cheap authenticated read:
 *     access guard, session lookup, the session's JSON) on the api and GET /session on the baseline, at 50
 *     connections, alternating api and baseline each round. Reported: requests/s and p50/p99 (min/median/max over
 *     the rounds), the api's share of the baseline's requests/s, each server's CPU time per request (user + system,
 *     from /proc: steadier than requests/s on a busy machine) and the statements PostgreSQL committed per request.
 * With --cpu-prof=<dir> the api runs under `node --cpu-prof` and the top self-time frames of its profile are printed.
 * Not a test: not run by `npm test`. Needs PostgreSQL and Redis like the integration specs.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { API_PREFIX, ApiPaths, SESSION_COOKIE } from '@mizan/contracts';
import { createTestEnvironment } from '@mizan/server/testing';
import { dataSourceOptions } from '@mizan/server/db';
import { DEMO_PASSWORD, seedDemo } from '../cli/demo-seed';
import { log } from './bench-load';

// autocannon ships no types: the part used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = require('autocannon') as (opts: { url: string; connections: number; duration?: number; amount?: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;

function option(name: string): string | undefined {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (found) return found.slice(name.length + 3);
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const num = (name: string, fallback: number) => Number(option(name) ?? fallback);

const CONNECTIONS = num('connections', 50);
const DURATION = num('duration', 10);
const ROUNDS = num('rounds', 3);
const WARMUP = num('warmup', 10);
const OUT = option('out');
const CPU_PROF = option('cpu-prof');
const ROOT = join(__dirname, '../..');
const SECRET = 'api-overhead-bench-session-secret-0123456789';

interface Child {
  process: ChildProcess;
  output: string;
  port: number;
}

async function startChild(what: string, args: string[], env: Record<string, string>, listening: RegExp): Promise<Child> {
  const child: Child = { process: spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }), output: '', port: 0 };
  child.process.stdout?.on('data', (d: Buffer) => (child.output += d.toString()));
  child.process.stderr?.on('data', (d: Buffer) => (child.output += d.toString()));
  const started = Date.now();
  let match: RegExpExecArray | null;
  while (!(match = listening.exec(child.output))) {
    if (child.process.exitCode !== null) throw new Error(`${what} exited early:\n${child.output}`);
    if (Date.now() - started > 90_000) throw new Error(`${what} did not start in 90 s:\n${child.output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.port = Number(match[1]);
  return child;
}

async function stopChild(child: Child | undefined): Promise<void> {
  if (!child || child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** CPU time (user + system) the server process spent per request: what the machine's other load does not change much. */
  cpuMsPerRequest: number;
}

let stats: Client | undefined;

/**
 * Transactions committed in the bench's database so far (each autocommit statement is one). A backend reports its
 * counts when it has been idle a while (PostgreSQL 15: up to 10 s), so this waits 11 s first.
 */
async function commits(): Promise<number> {
  if (!stats) return 0;
  await new Promise((r) => setTimeout(r, 11_000));
  const { rows } = await stats.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]?.n ?? 0);
}

/** User + system CPU time of a process so far, in ms (Linux /proc; 0 elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return 0;
  }
}

async function drive(url: string, cookie: string, duration: number, server: Child, warmUp = false): Promise<Run> {
  const cpuBefore = cpuMs(server.process.pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
  const cpu = cpuMs(server.process.pid) - cpuBefore;
  if (result.non2xx > 0 || (!warmUp && (result.errors > 0 || result.timeouts > 0))) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total}`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuMsPerRequest: cpu / Math.max(1, result.requests.total) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[], digits = 0) => `${Math.min(...xs).toFixed(digits)} / **${median(xs).toFixed(digits)}** / ${Math.max(...xs).toFixed(digits)}`;

/** The frames with the most self time in a V8 .cpuprofile (node --cpu-prof), in % of the busy (not idle) samples. */
function topFrames(file: string, count: number): { frame: string; percent: number }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    const cf = byId.get(id)?.callFrame;
    if (!cf || cf.functionName === '(idle)' || cf.functionName === '(program)') continue;
    total++;
    const where = cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|apps|libs)\//, '$1/');
    const key = `${cf.functionName || '(anonymous)'} ${where}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, n]) => ({ frame, percent: (100 * n) / total }));
}

async function main(): Promise<void> {
  log('creating a throw-away database with the demo agency and users');
  const env = await createTestEnvironment('api_overhead');
  let api: Child | undefined;
  let bare: Child | undefined;
  try {
    const ds = new DataSource(dataSourceOptions(env.databaseUrl));
    await ds.initialize();
    await seedDemo(ds);
    await ds.destroy();

    const built = option('api') ?? join('dist', 'apps', 'api', 'main.js');
    const apiArgs = existsSync(isAbsolute(built) ? built : join(ROOT, built)) ? [built] : ['-r', '@swc-node/register', 'apps/api/src/main.ts'];
    if (CPU_PROF) apiArgs.unshift('--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`);
    log(`starting the api: node ${apiArgs.join(' ')}`);
    api = await startChild(
      'the api',
      apiArgs,
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'log',
        SWC_NODE_PROJECT: 'tools/tsconfig.json',
        DATABASE_URL: env.config.databaseUrl,
        REDIS_URL: env.config.redisUrl,
        QUEUE_PREFIX: env.config.queuePrefix,
        STORAGE_DIR: env.config.storageDir,
        WEB_DIST_DIR: env.config.webDistDir,
        TRAIL_SIGNING_KEY_FILE: env.config.trailSigningKeyFile,
        TRAIL_PUBLIC_KEY_FILE: env.config.trailPublicKeyFile,
        MIZAN_SESSION_SECRET: SECRET,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
      },
      /Mizan api listening on http:\/\/[^:]+:(\d+)\//,
    );
    bare = await startChild(
      'the bare baseline',
      ['-r', '@swc-node/register', 'tools/bench/api-overhead-server.ts', env.config.databaseUrl, SECRET],
      { SWC_NODE_PROJECT: 'tools/tsconfig.json', NODE_ENV: 'production' },
      /listening (\d+)/,
    );

    stats = new Client({ connectionString: env.superuserDatabaseUrl });
    await stats.connect();
    const base = `http://127.0.0.1:${api.port}${API_PREFIX}/`;
    const signIn = await fetch(`${base}${ApiPaths.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'officer@demo.mizan.local', password: DEMO_PASSWORD }),
    });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    const cookie = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)?.[1];
    if (!signIn.ok || !cookie) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);

    const apiUrl = `${base}${ApiPaths.session}`;
    const bareUrl = `http://127.0.0.1:${bare.port}/session`;
    const check = await fetch(apiUrl, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    if (!check.ok) throw new Error(`GET ${apiUrl}: ${check.status} ${await check.text()}`);

    log(`warming up (${WARMUP} s each)`);
    await drive(apiUrl, cookie, WARMUP, api, true);
    await drive(bareUrl, cookie, WARMUP, bare, true);
    const apiRuns: Run[] = [];
    const bareRuns: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      apiRuns.push(await drive(apiUrl, cookie, DURATION, api));
      bareRuns.push(await drive(bareUrl, cookie, DURATION, bare));
      const a = apiRuns[apiRuns.length - 1];
      const b = bareRuns[bareRuns.length - 1];
      log(`round ${round}: api ${a.rps.toFixed(0)}/s p50 ${a.p50} ms p99 ${a.p99} ms ${a.cpuMsPerRequest.toFixed(2)} ms CPU/request · bare ${b.rps.toFixed(0)}/s p50 ${b.p50} ms p99 ${b.p99} ms ${b.cpuMsPerRequest.toFixed(2)} ms CPU/request · ${((100 * a.rps) / b.rps).toFixed(0)} %`);
    }
    log('counting statements per request (2,000 requests each, PostgreSQL statistics)');
    const perRequest = async (url: string): Promise<number> => {
      const before = await commits();
      const result = await autocannon({ url, connections: 10, amount: 2_000, headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
      return ((await commits()) - before) / result.requests.total;
    };
    const apiStatements = await perRequest(apiUrl);
    const bareStatements = await perRequest(bareUrl);
    const ratios = apiRuns.map((a, i) => (100 * a.rps) / bareRuns[i].rps);

    let profileText = '';
    await stopChild(api);
    api = undefined;
    if (CPU_PROF) {
      const files = readdirSync(CPU_PROF).filter((f) => f.endsWith('.cpuprofile')).sort();
      const newest = files[files.length - 1];
      if (newest) {
        const frames = topFrames(join(CPU_PROF, newest), 25);
        profileText = frames.map((f) => `${f.percent.toFixed(1).padStart(5)} %  ${f.frame}`).join('\n');
        console.log(`\nTop self-time frames of the api (${newest}):\n${profileText}\n`);
      }
    }

    const section = [
      '## Api request overhead',
      '',
      `Command: \`npm run bench:api-overhead -- --out=<file>\` (tools/bench/api-overhead-bench.ts). ${new Date().toISOString().slice(0, 10)}, ` +
        `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; autocannon in the same machine, ${CONNECTIONS} connections, ` +
        `${ROUNDS} rounds of ${DURATION} s after ${WARMUP} s of warm-up, api and baseline alternating.`,
      '',
      'GET /api/v1/auth/session as the demo officer: the whole request pipeline (helmet, cookies, input checks, access guard with the',
      'session lookup, the session view as JSON) against a bare Fastify + pg route running the same SQL (`SESSION_RESOLVE_SQL`) and',
      'answering the same JSON. Min / **median** / max over the rounds. Server CPU per request is the process\'s user + system',
      'time over the requests it answered: on a busy machine it moves less than requests/s. Statements per request: transactions',
      'PostgreSQL committed in the database (pg_stat_database) over 2,000 more requests, divided by 2,000.',
      '',
      '| | requests/s | p50 ms | p99 ms | server CPU ms / request | statements / request |',
      '|---|---|---|---|---|---|',
      `| api | ${spread(apiRuns.map((r) => r.rps))} | ${spread(apiRuns.map((r) => r.p50))} | ${spread(apiRuns.map((r) => r.p99))} | ${spread(apiRuns.map((r) => r.cpuMsPerRequest), 2)} | ${apiStatements.toFixed(2)} |`,
      `| bare Fastify + pg | ${spread(bareRuns.map((r) => r.rps))} | ${spread(bareRuns.map((r) => r.p50))} | ${spread(bareRuns.map((r) => r.p99))} | ${spread(bareRuns.map((r) => r.cpuMsPerRequest), 2)} | ${bareStatements.toFixed(2)} |`,
      `| api / bare | ${spread(ratios)} % | | | | |`,
      '',
    ].join('\n');
    console.log(`\n${section}`);
    if (OUT) {
      writeFileSync(OUT, `${section}\n`);
      log(`wrote ${OUT}`);
    }
  } finally {
    await stats?.end().catch(() => undefined);
    await stopChild(api);
    await stopChild(bare);
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
