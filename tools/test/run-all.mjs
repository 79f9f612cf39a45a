#!/usr/bin/env node
// `npm test`: every check and every test layer, then one summary line.
//   typecheck → lint (zero warnings) → unit (jest; node --test for tools/) → integration (jest, real
//   PostgreSQL + Redis) → browser (Playwright in Chromium against the real api,
//   worker and web on a fresh database). The browser layer's production build runs alongside the
//   layers before it (its output in tmp/results/build-for-e2e.log): typecheck and unit leave a core idle.
// Options: --only=unit,integration,e2e,lint,typecheck   (default: all)
//          --e2e-specs=a.spec.ts,b.spec.ts                  (browser: only these spec files)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensurePostgres, redisAnswers, redisHelp, stopEmbeddedPostgres, provisionDatabase, dropDatabase } from '../dev/services.mjs';
import { choosePorts, waitForHealth, watchProcesses } from './e2e-services.mjs';

process.chdir(ROOT);
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;
const wants = (step) => !only || only.has(step);
const specsArg = process.argv.find((a) => a.startsWith('--e2e-specs='));
const e2eSpecs = specsArg ? specsArg.slice(12).split(',').filter(Boolean) : [];
const RESULTS = join(ROOT, 'tmp', 'results');
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const baseEnv = { ...process.env, NX_DAEMON: 'false', FORCE_COLOR: '0' };

/** Runs one command, its output on this terminal; the event loop keeps running (the build for e2e goes on alongside). */
function step(name, cmd, args, env = {}) {
  return stepAsync(name, cmd, args, env).done;
}

async function check(name, cmd, args) {
  const { ok, seconds } = await step(name, cmd, args);
  lines.push(`${name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  if (!ok) totals.failed += 1;
}

async function jestLayer(name, args, env) {
  const outputFile = join(RESULTS, `${name}.json`);
  const { ok, seconds } = await step(name, 'npx', ['jest', ...args, '--json', `--outputFile=${outputFile}`], env);
  if (!existsSync(outputFile)) {
    lines.push(`${name}: FAILED before reporting (${seconds} s)`);
    totals.failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(outputFile, 'utf8'));
  const failedSuites = r.numRuntimeErrorTestSuites ?? 0;
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + failedSuites;
  const skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  totals.skipped += skipped;
  lines.push(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed, ${skipped} skipped in ${r.numTotalTestSuites} suites (${seconds} s)${ok ? '' : ' — exit code non-zero'}`);
  if (!ok && r.numFailedTests + failedSuites === 0) totals.failed += 1;
}

/** Node's own test runner, for the tests of these plain-JavaScript tools (jest covers the TypeScript projects). */
async function nodeTestLayer(name, files) {
  const tapFile = join(RESULTS, `${name.replace(/\W+/g, '-')}.tap`);
  const { ok, seconds } = await step(name, process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files]);
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (what) => Number(new RegExp(`^# ${what} (\\d+)$`, 'm').exec(tap)?.[1] ?? NaN);
  const [passed, failed] = [count('pass'), count('fail') + count('cancelled')];
  if (Number.isNaN(passed) || Number.isNaN(failed)) {
    lines.push(`${name}: FAILED before reporting (${seconds} s)`);
    totals.failed += 1;
    return;
  }
  totals.passed += passed;
  totals.failed += failed + (!ok && failed === 0 ? 1 : 0);
  lines.push(`${name}: ${passed} passed, ${failed} failed (${seconds} s)`);
}

/** Starts a command, its output on this terminal, without blocking this process: the api and worker pipes keep draining and their exits are seen. */
function stepAsync(name, cmd, args, env = {}) {
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...baseEnv, ...env } });
  const done = new Promise((resolveDone) => {
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    child.on('error', (error) => {
      console.error(`${name}: ${error.message}`);
      resolveDone({ ok: false, seconds: seconds() });
    });
    child.on('exit', (code) => resolveDone({ ok: code === 0, seconds: seconds() }));
  });
  return { child, done };
}

/**
 * Starts the browser layer's production build now, its output to a log file (the layers running
 * meanwhile keep the terminal); the returned promise tells how it ended and where the log is.
 */
function startE2eBuild() {
  const log = join(RESULTS, 'build-for-e2e.log');
  const args = ['nx', 'run-many', '-t', 'build', 'compress', '-p', 'api', 'worker', 'web', '--output-style=static'];
  console.log(`\n━━ build for e2e, alongside the other layers: npx ${args.join(' ')} > ${log}`);
  const started = Date.now();
  const fd = openSync(log, 'w');
  const child = spawn('npx', args, { stdio: ['ignore', fd, fd], env: baseEnv });
  closeSync(fd);
  return new Promise((resolveBuilt) => {
    const done = (ok) => resolveBuilt({ ok, seconds: ((Date.now() - started) / 1000).toFixed(1), log });
    child.on('error', (error) => {
      appendFileSync(log, `${error.message}\n`);
      done(false);
    });
    child.on('exit', (code) => done(code === 0));
  });
}

async function e2eLayer(adminUrl, build) {
  const built = await build;
  console.log(`\n━━ build for e2e (started with the first layer, done after ${built.seconds} s): ${built.ok ? 'ok' : 'FAILED'}; its output:`);
  console.log(readFileSync(built.log, 'utf8'));
  lines.push(`build for e2e: ${built.ok ? 'ok' : 'FAILED'} (${built.seconds} s, alongside the layers before e2e)`);
  if (!built.ok) {
    lines.push('e2e: FAILED (build)');
    totals.failed += 1;
    return;
  }
  const suffix = randomBytes(4).toString('hex');
  const dbName = `mizan_e2e_${suffix}`;
  const storageDir = join(ROOT, 'tmp', `e2e-storage-${suffix}`);
  const mailDir = join(ROOT, 'tmp', `e2e-mail-${suffix}`);
  // Proves that the server answering the health check is the api started below.
  const instance = `e2e-${randomBytes(8).toString('hex')}`;
  const children = [];
  let watcher;
  const died = [];
  let output = '';
  try {
    // Ports the OS reports free (or the ones asked for, checked free): never a
    // server someone else already runs on a fixed port.
    const [port, mailPort] = await choosePorts([
      ['E2E_API_PORT (the api of the browser tests)', process.env.E2E_API_PORT],
      ['E2E_MAIL_PORT (the mail server of the browser tests)', process.env.E2E_MAIL_PORT],
    ]);
    // Migrations as the database's owner role, seed, api and worker as its runtime role (README "Database roles").
    const { databaseUrl, migrationDatabaseUrl } = provisionDatabase(adminUrl, dbName);
    const env = {
      SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
      MAIL_FROM: 'Mizan <no-reply@mizan.test>',
      ...baseEnv,
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `mizan-e2e-${suffix}`,
      STORAGE_DIR: storageDir,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      MIZAN_INSTANCE_ID: instance,
      // Playwright signs in many times from one address: lift the per-address limit for this run only.
      SIGN_IN_MAX_FAILURES: '20',
      SIGN_IN_IP_MAX_ATTEMPTS: '2000',
    };
    console.log(`Browser tests: api on 127.0.0.1:${port}, mail server on 127.0.0.1:${mailPort}, database ${dbName}`);
    // A real SMTP server for the worker, in its own process: browser specs read the messages it stores.
    const mail = spawn(process.execPath, [join(ROOT, 'tools', 'dev', 'mail-server.mjs'), String(mailPort)], {
      env: { ...baseEnv, MAIL_DIR: mailDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(mail);
    await new Promise((resolveListening, reject) => {
      mail.stdout.on('data', (d) => {
        output += d;
        if (String(d).includes('Development mail server on')) resolveListening();
      });
      mail.stderr.on('data', (d) => (output += d));
      mail.on('exit', (code) => reject(new Error(`the test mail server stopped (exit ${code}):\n${output}`)));
    });
    for (const cmd of ['migrate', 'seed']) {
      const r = spawnSync(join(ROOT, 'tools', 'mizan'), [cmd], { stdio: 'inherit', env: cmd === 'migrate' ? { ...env, MIGRATION_DATABASE_URL: migrationDatabaseUrl } : env });
      if (r.status !== 0) throw new Error(`tools/mizan ${cmd} failed`);
    }
    const started = {};
    for (const [name, script] of [['api', 'dist/apps/api/main.js'], ['worker', 'dist/apps/worker/main.js']]) {
      const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      children.push(child);
      started[name] = child;
    }
    const url = `http://127.0.0.1:${port}`;
    let playwright;
    watcher = watchProcesses({ ...started, 'mail server': mail }, (name, code) => {
      died.push(`${name} exited during the run (exit ${code})`);
      console.error(`\n${name} exited during the browser run (exit ${code}); stopping the specs.`);
      playwright?.kill('SIGTERM');
    });
    await waitForHealth({ url, instance, child: started.api, log: () => output });
    if (died.length) throw new Error(`${died.join('; ')}:\n${output}`);
    const outputFile = join(ROOT, 'tmp', 'e2e-results.json');
    rmSync(outputFile, { force: true });
    // Playwright's own cli under this node (no npx in between), so a kill reaches it.
    const run = stepAsync('e2e', process.execPath, [join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', 'apps/web-e2e/playwright.config.ts', ...e2eSpecs], {
      E2E_BASE_URL: url,
      E2E_MAIL_DIR: mailDir,
    });
    playwright = run.child;
    const { ok, seconds } = await run.done;
    watcher.stop();
    if (died.length) {
      lines.push(`e2e: FAILED — ${died.join('; ')} (${seconds} s)`);
      totals.failed += 1;
      console.error(`\nLog of the api, worker and mail server:\n${output}`);
    } else if (!existsSync(outputFile)) {
      lines.push(`e2e: FAILED before reporting (${seconds} s)`);
      totals.failed += 1;
    } else {
      const s = JSON.parse(readFileSync(outputFile, 'utf8')).stats;
      totals.passed += s.expected + (s.flaky ?? 0);
      totals.failed += s.unexpected;
      totals.skipped += s.skipped ?? 0;
      lines.push(`e2e: ${s.expected} passed, ${s.unexpected} failed, ${s.skipped ?? 0} skipped, ${s.flaky ?? 0} flaky (${seconds} s)`);
      if (!ok && s.unexpected === 0) totals.failed += 1;
    }
  } catch (error) {
    console.error(error.message);
    lines.push(`e2e: FAILED (setup: ${error.message.split('\n')[0]})`);
    totals.failed += 1;
  } finally {
    watcher?.stop();
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    if (process.env.E2E_KEEP_LOG) console.log(output);
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
    await dropDatabase(adminUrl, dbName).catch(() => undefined);
  }
}

const started = Date.now();
const needsServices = wants('integration') || wants('e2e');
let adminUrl;
if (needsServices) {
  if (!(await redisAnswers())) {
    console.error(`\n${redisHelp()}\n`);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  const pgInfo = await ensurePostgres();
  adminUrl = pgInfo.adminUrl;
  console.log(`PostgreSQL for tests: ${pgInfo.source}`);
}

// Nothing before the browser layer reads dist/ (the integration specs' jest ignores it).
const e2eBuild = wants('e2e') ? startE2eBuild() : undefined;
if (wants('typecheck')) {
  await check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.check.json']);
  await check('typecheck e2e', 'npx', ['tsc', '-p', 'apps/web-e2e/tsconfig.json', '--noEmit']);
}
if (wants('lint')) await check('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--output-style=static', '--', '--max-warnings=0']);
// Both cores: the build for the browser layer is done by now (it takes less than typecheck and lint).
if (wants('unit')) await jestLayer('unit', ['-c', 'jest.config.ts', '--maxWorkers=2']);
if (wants('unit')) await nodeTestLayer('unit tools', ['tools/test/e2e-services.test.mjs']);
// The integration layer runs beside the browser layer: the browser specs run one at a time and mostly wait on
// Chromium and the api, so one jest worker on the other core finishes within the browser layer's time instead of
// adding to it (on two cores: ~10 minutes off `npm test`). Alone, integration keeps its two workers.
const overlap = wants('integration') && wants('e2e');
await Promise.all([
  wants('integration')
    ? jestLayer('integration', ['-c', 'jest.integration.config.cjs', ...(overlap ? ['--maxWorkers=1'] : [])], { TEST_DATABASE_ADMIN_URL: adminUrl })
    : Promise.resolve(),
  wants('e2e') ? e2eLayer(adminUrl, e2eBuild) : Promise.resolve(),
]);
await stopEmbeddedPostgres();

console.log('\n━━ Summary');
for (const line of lines) console.log(`  ${line}`);
console.log(`  total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
