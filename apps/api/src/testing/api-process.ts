import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { MizanConfig } from '@mizan/server/core';

const ROOT = join(__dirname, '../../../..');
const LISTENING = /Mizan api listening on http:\/\/[^:]+:(\d+)\//;

/**
 * The real api (apps/api/src/main.ts, compiled by SWC as it loads) as a
 * separate process on a port the operating system picks (API_PORT=0), pointed
 * at a test environment. For what only a process can show: that a request
 * cannot crash it.
 */
export class ApiProcess {
  private output = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private listeningPort = 0;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.on('exit', (code, signal) => (this.exit = { code, signal }));
    // A process that cannot be spawned reports it as 'error': keep it for the start loop's message instead of crashing the spec.
    child.on('error', (error) => {
      this.output += `\nspawn failed: ${error.message}`;
      this.exit ??= { code: null, signal: null };
    });
  }

  static async start(config: MizanConfig, extraEnv: Record<string, string> = {}, startTimeoutMs = 60_000): Promise<ApiProcess> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        // The "listening on" line below is a log-level line: whatever LOG_LEVEL the caller has, this process prints it.
        LOG_LEVEL: 'log',
        SWC_NODE_PROJECT: 'tools/tsconfig.json',
        NODE_ENV: 'test',
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        QUEUE_PREFIX: config.queuePrefix,
        STORAGE_DIR: config.storageDir,
        WEB_DIST_DIR: config.webDistDir,
        // The public half of the workers' checkpoint key: verification checks the signatures with it.
        TRAIL_SIGNING_KEY_FILE: config.trailSigningKeyFile,
        TRAIL_PUBLIC_KEY_FILE: config.trailPublicKeyFile,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child);
    const started = Date.now();
    let match: RegExpExecArray | null;
    while (!(match = LISTENING.exec(api.output))) {
      if (api.exit) throw new Error(`api exited early (${api.exit.code ?? api.exit.signal}):\n${api.output}`);
      if (Date.now() - started > startTimeoutMs) {
        child.kill('SIGKILL');
        throw new Error(`api did not start in ${startTimeoutMs / 1000} s:\n${api.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    api.listeningPort = Number(match[1]);
    return api;
  }

  get port(): number {
    return this.listeningPort;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything the process wrote to stdout and stderr. */
  get log(): string {
    return this.output;
  }

  /** Undefined while the process runs. */
  get exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exit;
  }

  async stop(): Promise<void> {
    if (this.exit || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
