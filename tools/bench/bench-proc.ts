/**
 * What the harness and its sub-benchmarks do with processes: start the built api (dist/apps/api/main.js) on a port
 * the OS picks, sign in, drive load with autocannon in a child process, read the machine's description.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_PREFIX, ApiPaths, SESSION_COOKIE } from '@mizan/contracts';

export const ROOT = join(__dirname, '../..');
export const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/main.js');

export const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Builds api and worker (Nx restores an unchanged build from its cache); without `force`, an existing dist is used as it is — stale if sources changed since. */
export function ensureBuilt(force = false, projects = ['api', 'worker']): void {
  if (!force && existsSync(API_MAIN) && existsSync(WORKER_MAIN)) return;
  log(`building ${projects.join(', ')} (npx nx run-many -t build)`);
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--output-style=static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status})`);
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Spawns `args` with node and waits for `listening` (its first group: the port) on stdout/stderr. */
export async function startNodeServer(name: string, args: string[], env: NodeJS.ProcessEnv, listening: RegExp, timeoutMs = 90_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited: string | undefined;
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
  child.on('exit', (code, signal) => (exited = String(code ?? signal)));
  child.on('error', (e) => (exited = e.message));
  const started = Date.now();
  let match: RegExpExecArray | null;
  while (!(match = listening.exec(output))) {
    if (exited !== undefined) throw new Error(`${name} exited early (${exited}):\n${output.slice(-4000)}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start in ${timeoutMs / 1000} s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = match[1] && /^\d+$/.test(match[1]) ? Number(match[1]) : 0;
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/** The built api as its own process: port from the OS, its own queue prefix, limits of sign-in raised for load. */
export function startApi(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['MIGRATION_DATABASE_URL'];
  delete env['DATABASE_ADMIN_URL'];
  delete env['MIZAN_SQL_CAPTURE'];
  return startNodeServer(
    'api',
    [API_MAIN],
    {
      ...env,
      LOG_LEVEL: 'log',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `bench${process.pid}`,
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      SIGN_IN_IP_MAX_ATTEMPTS: '100000000',
      SIGN_IN_MAX_FAILURES: '100000000',
      ...extraEnv,
    },
    /Mizan api listening on http:\/\/[^:]+:(\d+)\//,
  );
}

export const apiBase = (server: ServerProcess) => `${server.baseUrl}${API_PREFIX}/`;

/** Signs in like the web app: POST auth/sign-in, keep the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}${ApiPaths.signIn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  if (response.status !== 200 || !cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  return cookie;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** autocannon in its own process (so it doesn't share a core's event loop with what it measures). */
export async function autocannon(opts: {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  timeoutSeconds?: number;
}): Promise<LoadResult> {
  const args = [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-j', '-c', String(opts.connections), '-d', String(opts.seconds)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (opts.method) args.push('-m', opts.method);
  if (opts.body !== undefined) args.push('-b', opts.body);
  if (opts.timeoutSeconds) args.push('-t', String(opts.timeoutSeconds));
  args.push(opts.url);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`autocannon failed (exit ${code}): ${err.slice(-2000)}`);
  const json = JSON.parse(out) as {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    duration: number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    requestsPerSecond: json.requests.total / json.duration,
    p50: json.latency.p50,
    p99: json.latency.p99,
    requests: json.requests.total,
    non2xx: json.non2xx,
    errors: json.errors + json.timeouts,
  };
}
