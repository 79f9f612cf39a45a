import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { MizanConfig } from '@mizan/server/core';

const ROOT = join(__dirname, '../../../..');

/** The real worker (apps/worker/src/main.ts) as a separate process, pointed at a test environment. */
export class WorkerProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.on('error', (error) => (this.output += `\nspawn failed: ${error.message}`));
  }

  /** `extraEnv` adds or overrides variables, e.g. SMTP_URL of a test mail server; `startTimeoutMs` how long it may take to start. */
  static async start(config: MizanConfig, extraEnv: Record<string, string> = {}, startTimeoutMs = 30_000): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'log',
        SWC_NODE_PROJECT: 'tools/tsconfig.json',
        NODE_ENV: 'test',
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        QUEUE_PREFIX: config.queuePrefix,
        STORAGE_DIR: config.storageDir,
        TRAIL_SIGNING_KEY_FILE: config.trailSigningKeyFile,
        TRAIL_PUBLIC_KEY_FILE: config.trailPublicKeyFile,
        TRAIL_CHECKPOINT_SECONDS: String(config.trailCheckpointSeconds),
        ...(config.jobLockMs ? { JOB_LOCK_MS: String(config.jobLockMs) } : {}),
        ...(config.jobStalledCheckMs ? { JOB_STALLED_CHECK_MS: String(config.jobStalledCheckMs) } : {}),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    const started = Date.now();
    while (!worker.output.includes('Mizan worker started')) {
      if (child.exitCode !== null) throw new Error(`worker exited early (${child.exitCode}):\n${worker.output}`);
      if (Date.now() - started > startTimeoutMs) {
        child.kill('SIGKILL');
        throw new Error(`worker did not start in ${startTimeoutMs / 1000} s:\n${worker.output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return worker;
  }

  /** The OS process id: BullMQ names the worker of a job `<host>:<pid>` (processedBy). */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  get log(): string {
    return this.output;
  }

  /** kill -9: no shutdown hooks, no lock released, whatever was in flight stays in flight (crash tests). */
  async killHard(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    // A worker stopped by a signal has exitCode null and signalCode set: it is gone all the same.
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
