#!/usr/bin/env node
// `npm start`: one command from a fresh clone to a running Mizan.
// Installs what is missing, finds or starts PostgreSQL, checks Redis, builds,
// migrates, seeds the demo agency, starts api (which also serves the web app)
// and worker, then prints the URL and the demo logins.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
process.chdir(ROOT);

function run(cmd, args, extraEnv = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', ...extraEnv } });
  if (result.status !== 0) {
    console.error(`\nmizan start: "${cmd} ${args.join(' ')}" failed (exit ${result.status}).`);
    process.exit(1);
  }
}

if (!existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const { ensurePostgres, provisionDatabase, redisAnswers, redisHelp, stopEmbeddedPostgres } = await import('../dev/services.mjs');

const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
if (!(await redisAnswers(redisUrl))) {
  console.error(`\n${redisHelp(redisUrl)}\n`);
  process.exit(1);
}

// Two roles (README "Database roles"): migrations run as the owner, the api, worker and seed as the
// runtime role. Given DATABASE_URL (and MIGRATION_DATABASE_URL), they are used as they are.
let databaseUrl = process.env.DATABASE_URL;
let migrationDatabaseUrl = process.env.MIGRATION_DATABASE_URL || databaseUrl;
if (!databaseUrl) {
  const { adminUrl, source } = await ensurePostgres();
  // The passwords stay in var/ (git-ignored): the embedded PostgreSQL asks for them on every start.
  ({ databaseUrl, migrationDatabaseUrl } = provisionDatabase(adminUrl, 'mizan', { secretsFile: join(ROOT, 'var', 'database-roles.json') }));
  console.log(`Database: ${source}, database "mizan"; migrations as role mizan_owner, api and worker as role mizan_app.`);
}

// Without SMTP_URL, mail goes to a local development server that keeps each message in var/mail/.
let mailServer;
if (!process.env.SMTP_URL) {
  const { startMailServer, DEFAULT_MAIL_PORT } = await import('../dev/mail-server.mjs');
  try {
    mailServer = await startMailServer({ log: (line) => console.log(`[mail] ${line}`) });
    console.log(`Mail: development mail server on ${mailServer.url}; messages are stored in var/mail/.`);
  } catch (error) {
    console.log(`Mail: 127.0.0.1:${DEFAULT_MAIL_PORT} is taken (${error.code ?? error.message}); assuming a development mail server already listens there.`);
  }
}

// Quiet unless asked: Nest's ~150 lines of route mapping would hide the address printed at the end.
// `LOG_LEVEL=debug npm start` or `npm start -- --verbose` shows everything (README "Quick start").
const verbose = process.argv.includes('--verbose');
const env = {
  LOG_LEVEL: process.env.LOG_LEVEL || (verbose ? 'verbose' : 'warn'),
  SMTP_URL: process.env.SMTP_URL || 'smtp://127.0.0.1:2525',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  API_PORT: process.env.API_PORT || '3000',
  API_HOST: process.env.API_HOST || '127.0.0.1',
  STORAGE_DIR: process.env.STORAGE_DIR || join(ROOT, 'var', 'storage'),
};

console.log('Building api, worker and web…');
run('npx', ['nx', 'run-many', '-t', 'build', 'compress', '-p', 'api', 'worker', 'web', '--output-style=static']);
console.log('Migrating and seeding…');
run(join(ROOT, 'tools', 'mizan'), ['migrate'], { ...env, MIGRATION_DATABASE_URL: migrationDatabaseUrl });
run(join(ROOT, 'tools', 'mizan'), ['seed'], env);

const children = [];
function start(name, script) {
  // The api and worker get the runtime role only, never the owner's or the administrator's URL.
  const inherited = { ...process.env };
  delete inherited.MIGRATION_DATABASE_URL;
  delete inherited.DATABASE_ADMIN_URL;
  const child = spawn(process.execPath, [script], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (stream, out) =>
    stream.on('data', (d) => {
      for (const line of d.toString().split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[${name}] exited with code ${code}; stopping Mizan.`);
      void shutdown(1);
    }
  });
  children.push(child);
}

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await mailServer?.close();
  await stopEmbeddedPostgres();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

start('api', 'dist/apps/api/main.js');
start('worker', 'dist/apps/worker/main.js');

const url = `http://${env.API_HOST === '0.0.0.0' ? 'localhost' : env.API_HOST}:${env.API_PORT}`;
for (let i = 0; i < 120; i++) {
  try {
    const res = await fetch(`${url}/api/v1/health`);
    if (res.ok) break;
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 500));
}

const logins = [
  ['applicant', 'applicant, applicant2'],
  ['partner', 'partner, partner2'],
  ['officer', 'officer, officer2 (a second officer confirms decisions)'],
  ['reviewer', 'reviewer, reviewer2, reviewer3'],
  ['finance', 'finance'],
  ['auditor', 'auditor'],
  ['admin', 'admin'],
];
console.log(`
  Mizan is running:  ${url}
  API docs:          ${url}/api/docs
  Mail:              ${process.env.SMTP_URL ? 'sent through SMTP_URL' : 'kept in var/mail/ (local development mail server)'}

  Demo logins (password for all: mizan-demo-2026)
${logins.map(([role, users]) => `    ${role.padEnd(10)} ${users.split(', ').map((u) => u.replace(/^(\w+)/, '$1@demo.mizan.local')).join(', ')}`).join('\n')}

  Press Ctrl-C to stop.
`);
