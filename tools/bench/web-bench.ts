/*
 * Web on a slow link (issue 14): `npm run bench:web` (options: --out <file.md> writes the markdown section there,
 * --runs=3, --skip-build to reuse dist/, --list to print each script the sign-in page loaded).
 *
 * Builds the api and the production web (with the precompressed copies, `nx run-many -t build compress`), makes a
 * throw-away database (own roles, migrations, the demo seed; dropped at the end), starts the real api serving the
 * built web on a port the OS picks, and drives Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) over
 * an emulated slow link: CDP `Network.emulateNetworkConditions`, 400 kbit/s down and up (50,000 bytes/s), 400 ms
 * latency. The service worker is blocked (as in the browser specs), so every figure is plain HTTP; CSP is bypassed
 * only so that the readiness checks can be evaluated in the page.
 *
 * Each run is a new browser context (empty cache):
 *  - cold: open /sign-in; "sign-in usable" = navigation start until the e-mail field is in the page, visible and
 *    enabled, and the submit button is in the page, visible and enabled. Since the sign-in shell (index.html's own
 *    form, tools/build/sign-in-shell.ts) that is the shell's form, in the visitor's language, which takes typing and
 *    a press on "Sign in" at once; "app took over" = navigation start until the app's own sign-in page has replaced
 *    it (the shell gone, the app's form there): the moment a pressed "Sign in" is sent;
 *  - then the demo applicant's credentials are typed, once the app has taken over, and submitted; "home usable" =
 *    from the click on "Sign in" until the applicant's home shows its heading and the applicant's first card's link;
 *  - early: in another new context, the credentials are typed and submitted as soon as sign-in is usable (before
 *    the app has arrived); "home usable, early submit" = navigation start until the home is usable;
 *  - warm: the session cookie is cleared (the HTTP cache is kept: same context) and both are measured again.
 * Times are taken in the page (performance.now(), polled every animation frame). Bytes: what came over the wire
 * (CDP encodedDataLength, headers included) until the app took over, and the scripts the sign-in page loaded, as
 * sent and as their raw and gzip -9 sizes (read from dist, so the figure does not depend on the server's compression).
 * Not a test: it is not run by `npm test`. Needs PostgreSQL and Redis like the integration specs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
const WEB_DIST = join(ROOT, 'dist/apps/web/browser');
const ADMIN_URL = process.env['DATABASE_ADMIN_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(option('runs') ?? 3);
const OUT = option('out');
const BYTES_PER_SECOND = 50_000;
const LATENCY_MS = 400;
const APPLICANT = 'applicant@demo.mizan.local';
const PASSWORD = 'mizan-demo-2026';

/** `--name=value` or `--name value`. */
function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

function log(line: string): void {
  process.stderr.write(`[web-bench] ${line}\n`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false', ...env }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}`);
  return result.stdout;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(url: string, instance: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      const body = (await res.json()) as { instance?: string };
      if (res.ok && body.instance === instance) return;
      if (res.ok) throw new Error(`${url} is another server`);
    } catch (error) {
      if (error instanceof Error && error.message.includes('another server')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`the api did not answer on ${url}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Load {
  /** ms from navigation start (sign-in) or from the click (home). */
  ms: number;
  /** Bytes over the wire (headers included) during the measured span (sign-in: until the app took over). */
  wireBytes: number;
  requests: number;
  /** Scripts requested during the span: path → bytes as sent (body only). */
  scripts: Map<string, number>;
}

interface Visit {
  signIn: Load;
  /** ms from navigation start until the app's sign-in page replaced the shell. */
  takeover: number;
  home: Load;
}

/** Counts what the page fetches while `action` runs, through the page's CDP session. */
async function recorded(cdp: CDPSession, action: () => Promise<number>): Promise<Load> {
  const urls = new Map<string, string>();
  const types = new Map<string, string>();
  const scripts = new Map<string, number>();
  let wireBytes = 0;
  let requests = 0;
  const onRequest = (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url);
    requests++;
  };
  const onResponse = (e: { requestId: string; type: string }) => types.set(e.requestId, e.type);
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    wireBytes += e.encodedDataLength;
    const url = urls.get(e.requestId);
    if (url && types.get(e.requestId) === 'Script') scripts.set(new URL(url).pathname, e.encodedDataLength);
  };
  cdp.on('Network.requestWillBeSent', onRequest);
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  const ms = await action();
  cdp.off('Network.requestWillBeSent', onRequest);
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  return { ms, wireBytes, requests, scripts };
}

/** performance.now() at the first animation frame where `ready` holds, as a string evaluated in the page. */
function whenReady(ready: string): string {
  return `(() => { const ok = (${ready}); return ok ? performance.now() : false; })()`;
}

const SIGN_IN_READY = whenReady(
  `(() => { const email = document.querySelector('[data-testid="sign-in-email"]'); const submit = document.querySelector('[data-testid="sign-in-submit"]');
     return !!email && !!submit && !email.disabled && !submit.disabled && email.checkVisibility() && submit.checkVisibility(); })()`,
);
/** The app's own sign-in form is on screen: the shell (index.html's form) has been taken over, or there was none. */
const APP_SIGN_IN_READY = whenReady(
  `!document.getElementById('mz-sign-in-shell') && !!document.querySelector('mz-sign-in [data-testid="sign-in-email"]')`,
);
const HOME_READY = whenReady(
  `(() => { const heading = document.querySelector('[data-testid="home-heading"]'); const link = document.querySelector('[data-testid^="home-card-applicant-"] a');
     return !!heading && !!link && heading.checkVisibility() && link.checkVisibility() && location.pathname === '/home'; })()`,
);

async function readyAt(page: Page, ready: string): Promise<number> {
  const handle = await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 120_000 });
  return (await handle.jsonValue()) as number;
}

async function visit(page: Page, cdp: CDPSession, base: string): Promise<Visit> {
  // Bytes and scripts are counted until the app has taken over: what the app needs to start, not only the shell.
  let takeover = 0;
  const signIn = await recorded(cdp, async () => {
    await page.goto(`${base}/sign-in`, { waitUntil: 'commit', timeout: 120_000 });
    const usable = await readyAt(page, SIGN_IN_READY);
    takeover = await readyAt(page, APP_SIGN_IN_READY);
    return usable;
  });
  await page.getByTestId('sign-in-email').fill(APPLICANT);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  const home = await recorded(cdp, async () => {
    const start = await page.evaluate(() => performance.now());
    await page.getByTestId('sign-in-submit').click();
    const handle = await page.waitForFunction(HOME_READY, undefined, { polling: 'raf', timeout: 120_000 });
    return ((await handle.jsonValue()) as number) - start;
  });
  return { signIn, takeover, home };
}

/** Typed and submitted as soon as sign-in is usable: navigation start until the home is usable. */
async function earlyVisit(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/sign-in`, { waitUntil: 'commit', timeout: 120_000 });
  await readyAt(page, SIGN_IN_READY);
  await page.getByTestId('sign-in-email').fill(APPLICANT);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  return readyAt(page, HOME_READY);
}

async function slowPage(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: BYTES_PER_SECOND,
    uploadThroughput: BYTES_PER_SECOND,
  });
  return { page, cdp };
}

function sizes(scripts: Map<string, number>): { sent: number; raw: number; gzip: number; count: number; largestRaw: number } {
  let sent = 0;
  let raw = 0;
  let gzip = 0;
  let largestRaw = 0;
  for (const [path, bytes] of scripts) {
    sent += bytes;
    const file = join(WEB_DIST, decodeURIComponent(path));
    if (!existsSync(file)) continue;
    const body = readFileSync(file);
    raw += body.length;
    largestRaw = Math.max(largestRaw, body.length);
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { sent, raw, gzip, count: scripts.size, largestRaw };
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const f = (v: number) => (v / 1000).toFixed(2);
  return `${f(sorted[0])} / ${f(median)} / ${f(sorted[sorted.length - 1])} s`;
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--skip-build')) {
    log('building api and web (production, with precompressed copies)…');
    run('npx', ['nx', 'run-many', '-t', 'build', 'compress', '-p', 'api', 'web', '--output-style=static']);
  }
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`no web build in ${WEB_DIST}`);
  const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

  const suffix = randomBytes(4).toString('hex');
  const dbName = `mizan_webbench_${suffix}`;
  const storageDir = join(ROOT, 'tmp', `web-bench-storage-${suffix}`);
  const instance = `web-bench-${suffix}`;
  let api: ChildProcess | undefined;
  let output = '';
  try {
    const provisioned = run(join(ROOT, 'tools', 'mizan'), ['provision', dbName], { DATABASE_ADMIN_URL: ADMIN_URL });
    const { databaseUrl, migrationDatabaseUrl } = JSON.parse(provisioned.trim().split('\n').at(-1) as string) as { databaseUrl: string; migrationDatabaseUrl: string };
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `mizan-web-bench-${suffix}`,
      STORAGE_DIR: storageDir,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      WEB_DIST_DIR: WEB_DIST,
      MIZAN_INSTANCE_ID: instance,
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://127.0.0.1:9',
      SIGN_IN_IP_MAX_ATTEMPTS: '2000',
    };
    log(`database ${dbName}: migrating and seeding the demo…`);
    run(join(ROOT, 'tools', 'mizan'), ['migrate'], { ...env, MIGRATION_DATABASE_URL: migrationDatabaseUrl });
    run(join(ROOT, 'tools', 'mizan'), ['seed'], env);
    api = spawn(process.execPath, ['dist/apps/api/main.js'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout?.on('data', (d) => (output += d));
    api.stderr?.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, instance, api, () => output);
    log(`api on ${base}; ${RUNS} runs`);

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const cold: Visit[] = [];
    const warm: Visit[] = [];
    const early: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB', serviceWorkers: 'block', viewport: { width: 412, height: 915 } });
        const { page, cdp } = await slowPage(context);
        cold.push(await visit(page, cdp, base));
        await context.clearCookies();
        warm.push(await visit(page, cdp, base));
        await context.close();
        const earlyContext = await browser.newContext({ bypassCSP: true, locale: 'en-GB', serviceWorkers: 'block', viewport: { width: 412, height: 915 } });
        early.push(await earlyVisit((await slowPage(earlyContext)).page, base));
        await earlyContext.close();
        log(
          `run ${i + 1}: cold sign-in ${cold[i].signIn.ms.toFixed(0)} ms, app ${cold[i].takeover.toFixed(0)} ms, home ${cold[i].home.ms.toFixed(0)} ms; ` +
            `early submit: home at ${early[i].toFixed(0)} ms; warm sign-in ${warm[i].signIn.ms.toFixed(0)} ms, home ${warm[i].home.ms.toFixed(0)} ms`,
        );
      }
    } finally {
      await browser.close();
    }

    const js = sizes(cold[0].signIn.scripts);
    if (process.argv.includes('--list')) {
      for (const [path, sent] of [...cold[0].signIn.scripts].sort((a, b) => b[1] - a[1])) log(`  ${path}: ${kb(sent)} as sent`);
    }
    const commit = run('git', ['rev-parse', '--short', 'HEAD']).trim();
    const lines = [
      '## Web on a slow link',
      '',
      '`npm run bench:web` (tools/bench/web-bench.ts): production build, the real api serving it, the demo database;',
      `Chromium with CDP network emulation ${(BYTES_PER_SECOND * 8) / 1000} kbit/s down and up, ${LATENCY_MS} ms latency, service worker blocked, ${RUNS} runs`,
      `(min / median / max). ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}.`,
      '',
      '- *Sign-in usable*: from navigation start until the e-mail field and the submit button are visible and enabled (the shell\'s form, index.html, or the app\'s).',
      '- *Took over*: from navigation start until the app\'s sign-in page has replaced the shell (a pressed "Sign in" is sent then).',
      '- *Home usable*: from the click on "Sign in" (demo applicant, typed once the app took over) until the home heading and the first applicant card\'s link are visible;',
      '  *early submit*: typed and submitted as soon as sign-in was usable, from navigation start.',
      '- *Cold*: new browser context (empty cache). *Warm*: the same context again after the session cookie is cleared.',
      '',
      '| Figure | Value |',
      '| --- | --- |',
      `| Scripts loaded by the sign-in page (until the app took over) | ${js.count} files, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip -9, ${kb(js.sent)} as sent; largest ${kb(js.largestRaw)} raw |`,
      `| Bytes over the wire until the app took over (cold) | ${kb(cold[0].signIn.wireBytes)} in ${cold[0].signIn.requests} requests |`,
      `| Bytes over the wire until the app took over (warm) | ${kb(warm[0].signIn.wireBytes)} in ${warm[0].signIn.requests} requests |`,
      `| Sign-in usable, cold | ${stats(cold.map((v) => v.signIn.ms))} |`,
      `| The app's sign-in page took over, cold | ${stats(cold.map((v) => v.takeover))} |`,
      `| Applicant's home usable after submit, cold | ${stats(cold.map((v) => v.home.ms))} (${kb(cold[0].home.wireBytes)}, ${cold[0].home.requests} requests) |`,
      `| Applicant's home usable from navigation start, submitted as soon as sign-in was usable, cold | ${stats(early)} |`,
      `| Sign-in usable, warm | ${stats(warm.map((v) => v.signIn.ms))} |`,
      `| The app's sign-in page took over, warm | ${stats(warm.map((v) => v.takeover))} |`,
      `| Applicant's home usable after submit, warm | ${stats(warm.map((v) => v.home.ms))} (${kb(warm[0].home.wireBytes)}, ${warm[0].home.requests} requests) |`,
      '',
    ];
    const section = lines.join('\n');
    if (OUT) writeFileSync(OUT, section);
    process.stdout.write(`${section}\n`);
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(storageDir, { recursive: true, force: true });
    const client = new Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(dbName)} WITH (FORCE)`);
      for (const role of [`${dbName}_app`, `${dbName}_owner`]) await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
    } finally {
      await client.end();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
