/*
 * Opening a report of 500 lines for verification (issue 11): `npm run bench:report-open`
 * (options: --lines=500 --background-reports=200 --background-lines=50 --rounds=200 --loads=10).
 *
 * In a throw-away database (created with its own roles and migrations, dropped at the end):
 *  1. the verification specs' world through the real api (in-process): an agency, an active grant whose first
 *     tranche is paid in IQD (grantWithPaidTranche), a submitted report (submittedReport); then, in bulk SQL as the
 *     runtime role, 500 submitted lines with a receipt each (report_file → stored_document; the report's receipts are
 *     real files in the store), one line in ten questioned with a question and an answer, a few red flags naming
 *     lines; and background data so the indexes matter: 200 other submitted reports of 50 lines each, with receipts,
 *     messages and 1,000 red flags naming their lines;
 *  2. the real api as a separate process (port picked by the OS, serving the built web app like the e2e run):
 *     the requests the verification page makes when it opens (report, verification progress, the first page of 50
 *     lines, the first line's thread) each alone and as the page's set in parallel, plus budget vs actual, at 1 and
 *     10 concurrent clients (p50/p95/p99); baselines: GET health (the api stack's floor) and the SQL the lines
 *     request runs, straight through pg on one connection per round;
 *  3. Chromium (Playwright, /usr/bin/chromium as in apps/web-e2e): the officer signs in, then the verification page
 *     is loaded N times (after 2 warm-up loads): from navigation start to "first line selected and the list focused",
 *     and to "pressing j selected line 2"; baseline: the same browser loading /home (until its heading shows).
 * Not a test: it is not run by `npm test`. Needs PostgreSQL and Redis like the integration specs, and the web
 * built into dist/apps/web/browser (`NX_DAEMON=false npx nx build web`) for part 3.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { Pool } from 'pg';
import {
  API_PREFIX,
  ApiPaths,
  ReportingPaths,
  SESSION_COOKIE,
  VerificationPaths,
  type ReportView,
} from '@mizan/contracts';
import { TEST_PASSWORD } from '@mizan/server/testing';
import { FileStore } from '@mizan/server/storage';
import { ApiHarness } from '../../apps/api/src/testing/api-harness';
import { ApiProcess } from '../../apps/api/src/testing/api-process';
import { grantWorld } from '../../apps/api/src/app/grants/grants.fixtures';
import {
  grantWithPaidTranche,
  simpleFinanceSettings,
  submittedReport,
} from '../../apps/api/src/app/verification/verification.fixtures';
import { LatencyReport, load, log, percentile } from './bench-load';

function arg(name: string, fallback: number): number {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
}

const LINES = arg('lines', 500);
const BACKGROUND_REPORTS = arg('background-reports', 200);
const BACKGROUND_LINES = arg('background-lines', 50);
const BACKGROUND_FLAGS = arg('background-flags', 1000);
const ROUNDS = arg('rounds', 200);
const LOADS = arg('loads', 10);
const PAGE_SIZE = 50; // LINES_PAGE_SIZE of the verification page
const ROOT = join(__dirname, '../..');
const WEB_DIST = join(ROOT, 'dist/apps/web/browser');

const ms = (n: number) => n.toFixed(1);

// The SQL ReportsService.lines runs (reportRow, count, LINE_SELECT page, then lineViews' receipts, threads and flags),
// copied from libs/server/reporting/src/lib/reports/reports.service.ts; the grant-access check is left out.
const REPORT_SQL = `
  SELECT r.id, r.agency_id, r.grant_id, r.report_due_id, to_char(r.period_from, 'YYYY-MM-DD') AS period_from, to_char(r.period_to, 'YYYY-MM-DD') AS period_to,
         to_char(d.due_on, 'YYYY-MM-DD') AS due_on, r.state, r.narrative, r.submission_count, r.submitted_at, r.accepted_at, r.return_reason, r.accept_note,
         r.row_version, g.grant_number, g.title AS grant_title, g.organization_id, o.legal_name AS organization_name, g.application_id, g.currency, g.current_version
    FROM grant_report r JOIN grant_report_due d ON d.id = r.report_due_id JOIN grant_award g ON g.id = r.grant_id JOIN organization o ON o.id = g.organization_id
   WHERE r.id = $1`;
const COUNT_SQL = 'SELECT count(*)::int AS total FROM expenditure_line WHERE report_id = $1 AND removed_at IS NULL';
const LINES_SQL = `
  SELECT l.id, l.seq, l.client_id, to_char(l.spent_on, 'YYYY-MM-DD') AS spent_on, l.budget_line_id, l.supplier, l.description, l.amount_minor::text AS amount_minor,
         l.currency, l.rate::text AS rate, l.rate_source, l.rate_note, l.grant_amount_minor::text AS grant_amount_minor, l.payment_method, l.state,
         l.ineligible_minor::text AS ineligible_minor, l.ineligible_reason, l.created_by, u.display_name AS created_by_name, l.row_version
    FROM expenditure_line l JOIN app_user u ON u.id = l.created_by
   WHERE l.report_id = $1 AND l.removed_at IS NULL ORDER BY l.seq LIMIT $2 OFFSET $3`;
const FILES_SQL = `
  SELECT f.id, f.purpose, f.line_id, f.file_name, f.content_type, f.sha256, f.size_bytes::text AS size_bytes, f.captured_at, f.latitude, f.longitude,
         f.uploaded_by, u.display_name AS uploaded_by_name, f.created_at
    FROM report_file f JOIN app_user u ON u.id = f.uploaded_by
   WHERE f.line_id = ANY($1::uuid[]) AND f.purpose = 'receipt' AND f.removed_at IS NULL ORDER BY f.created_at, f.id`;
const MESSAGES_SQL = `SELECT line_id, count(*)::int AS n, (array_agg(kind ORDER BY created_at DESC, id DESC))[1] AS last_kind FROM line_message WHERE line_id = ANY($1::uuid[]) GROUP BY line_id`;
const FLAGS_SQL = `
  SELECT x.id AS line_id, count(DISTINCT f.id)::int AS n FROM red_flag f CROSS JOIN LATERAL unnest(f.line_ids) AS x(id)
   WHERE f.active AND f.state IN ('open','escalated') AND f.line_ids && $1::uuid[] AND x.id = ANY($1::uuid[]) GROUP BY x.id`;

/** A tiny valid PNG (1×1), with `n` in a trailing comment chunk-free tail so each receipt has its own sha256. */
function receiptPng(n: number): Buffer {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  );
  return Buffer.concat([png, Buffer.from(`#${n}`)]);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  log('creating a throw-away database and the verification world (grant, paid tranche, submitted report)');
  const api = await ApiHarness.start('report_open_bench', { signInIpMaxAttempts: 100_000 });
  let apiProcess: ApiProcess | undefined;
  let pool: Pool | undefined;
  let appClosed = false;
  try {
    const ds = api.dataSource;
    const w = await grantWorld(api);
    await simpleFinanceSettings(api, w.north.agency.id);
    const t = {
      officer: await api.signIn('officer@north.test'),
      applicant: await api.signIn('applicant@north.test'),
      finance: await api.signIn('finance@north.test'),
    };
    const paid = await grantWithPaidTranche(api, w, t);
    const report = await submittedReport(api, paid.grant, w.applicantId);
    const view = (await api.request('GET', ReportingPaths.report(report.id), { cookie: t.officer })).json<ReportView>();
    const budgetLine = view.budgetLines[0].id;
    const agencyId = report.agencyId;
    const grantId = report.grantId;
    const applicant = w.applicantId;
    const officerId = w.north.users.officer.id;

    // --- the report of 500 lines ------------------------------------------------------------------------
    const insertLines = (reportIds: string[], perReport: number, questionedEvery: number) =>
      ds.query(
        `INSERT INTO expenditure_line (agency_id, grant_id, report_id, seq, spent_on, budget_line_id, supplier, description, amount_minor, currency,
                                       rate_source, grant_amount_minor, payment_method, state, created_by, updated_by)
         SELECT $1, $2, r.id, n, CURRENT_DATE - (n % 40), $3, 'Supplier ' || (n % 37), 'Medical supplies, batch ' || n, 10000 + n * 7, 'SEK',
                'same_currency', 10000 + n * 7, CASE WHEN n % 5 = 0 THEN 'cash' ELSE 'bank' END,
                CASE WHEN n % $6::int = 0 THEN 'questioned' ELSE 'submitted' END, $4, $4
           FROM unnest($5::uuid[]) AS r(id) CROSS JOIN generate_series(1, $7::int) AS n`,
        [agencyId, grantId, budgetLine, applicant, reportIds, questionedEvery, perReport],
      );
    await insertLines([report.id], LINES, 10);
    // Receipts of the measured report: real files in the store (the page previews the selected line's receipt).
    const store = new FileStore(api.env.config.storageDir);
    const lines = (await ds.query('SELECT id, seq FROM expenditure_line WHERE report_id = $1 ORDER BY seq', [report.id])) as { id: string; seq: number }[];
    const stored: { key: string; sha: string; size: number }[] = [];
    for (const l of lines) {
      const file = await store.put(receiptPng(l.seq), 'reports', 'png');
      stored.push({ key: file.storageKey, sha: file.sha256, size: file.sizeBytes });
    }
    await ds.query(
      `WITH src AS (
         SELECT * FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[]) AS t(line_id, storage_key, sha, size)
       ), docs AS (
         INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes)
         SELECT $1, 'report_receipt', 'receipt.png', 'image/png', storage_key, sha, size FROM src RETURNING id, storage_key
       )
       INSERT INTO report_file (agency_id, grant_id, report_id, line_id, purpose, document_id, file_name, content_type, sha256, size_bytes, uploaded_by)
       SELECT $1, $2, $7, src.line_id, 'receipt', docs.id, 'receipt.png', 'image/png', src.sha, src.size, $8
         FROM src JOIN docs ON docs.storage_key = src.storage_key`,
      [agencyId, grantId, lines.map((l) => l.id), stored.map((s) => s.key), stored.map((s) => s.sha), stored.map((s) => s.size), report.id, applicant],
    );
    log(`report of ${lines.length} lines with ${stored.length} receipts`);

    // --- background: 200 other submitted reports of 50 lines ------------------------------------------------
    const dues = (await api.env.queryAs<{ id: string }>(
      'owner',
      `INSERT INTO grant_report_due (grant_id, kind, period_from, period_to, due_on, state)
       SELECT $1, 'interim', DATE '2020-01-01' + n * 7, DATE '2020-01-01' + n * 7 + 6, DATE '2020-01-01' + n * 7 + 30, 'submitted'
         FROM generate_series(1, $2::int) AS n RETURNING id`,
      [grantId, BACKGROUND_REPORTS],
    )) as { id: string }[];
    const background = (await ds.query(
      `INSERT INTO grant_report (agency_id, grant_id, report_due_id, period_from, period_to, state, submission_count, submitted_by, submitted_at, created_by)
       SELECT $1, $2, d.id, d.period_from, d.period_to, 'submitted', 1, $3, now(), $3 FROM grant_report_due d WHERE d.id = ANY($4::uuid[]) RETURNING id`,
      [agencyId, grantId, applicant, dues.map((d) => d.id)],
    )) as { id: string }[];
    const backgroundIds = background.map((r) => r.id);
    await insertLines(backgroundIds, BACKGROUND_LINES, 10);
    // Receipts for every background line (documents not in the store: only their rows matter here).
    await ds.query(
      `WITH src AS (
         SELECT id AS line_id, report_id, md5(id::text) || md5(report_id::text) AS sha FROM expenditure_line WHERE report_id = ANY($3::uuid[])
       ), docs AS (
         INSERT INTO stored_document (agency_id, kind, file_name, content_type, storage_key, sha256, size_bytes)
         SELECT $1, 'report_receipt', 'receipt.jpg', 'image/jpeg', 'bench/' || line_id || '.jpg', sha, 1000 FROM src RETURNING id, sha256
       )
       INSERT INTO report_file (agency_id, grant_id, report_id, line_id, purpose, document_id, file_name, content_type, sha256, size_bytes, uploaded_by)
       SELECT $1, $2, src.report_id, src.line_id, 'receipt', docs.id, 'receipt.jpg', 'image/jpeg', src.sha, 1000, $4
         FROM src JOIN docs ON docs.sha256 = src.sha`,
      [agencyId, grantId, backgroundIds, applicant],
    );
    // Threads on the questioned lines (all reports): the officer's question and the grantee's answer.
    await ds.query(
      `INSERT INTO line_message (line_id, report_id, author_id, kind, body, created_at)
       SELECT l.id, l.report_id, x.author, x.kind, x.body, now() - x.ago
         FROM expenditure_line l
        CROSS JOIN (VALUES ($1::uuid, 'question', 'Which clinic received this batch?', interval '2 days'),
                           ($2::uuid, 'answer', 'The Basra clinic; the delivery note is attached.', interval '1 day')) AS x(author, kind, body, ago)
        WHERE l.state = 'questioned'`,
      [officerId, applicant],
    );
    // Red flags: five naming lines of the measured report, and background ones naming lines of the other reports.
    await ds.query(
      `INSERT INTO red_flag (agency_id, grant_id, report_id, code, severity, fingerprint, line_ids, params)
       SELECT $1, $2, $3, 'DUPLICATE_LINE', 'medium', 'bench-main-' || n, ARRAY(SELECT id FROM expenditure_line WHERE report_id = $3 AND seq IN (n * 7, n * 7 + 1)), '{}'
         FROM generate_series(1, 5) AS n`,
      [agencyId, grantId, report.id],
    );
    await ds.query(
      `INSERT INTO red_flag (agency_id, grant_id, report_id, code, severity, fingerprint, line_ids, params)
       SELECT $1, $2, r.id, 'SPLIT_PURCHASE', 'medium', 'bench-bg-' || r.ord || '-' || n,
              ARRAY(SELECT id FROM expenditure_line WHERE report_id = r.id AND seq IN (n, n + 1, n + 2)), '{}'
         FROM unnest($3::uuid[]) WITH ORDINALITY AS r(id, ord) CROSS JOIN generate_series(1, $4::int) AS n`,
      [agencyId, grantId, backgroundIds, Math.max(1, Math.round(BACKGROUND_FLAGS / Math.max(1, backgroundIds.length)))],
    );
    await api.env.queryAs('owner', 'VACUUM ANALYZE');
    const [counts] = (await ds.query(
      `SELECT (SELECT count(*) FROM grant_report)::int AS reports, (SELECT count(*) FROM expenditure_line)::int AS lines,
              (SELECT count(*) FROM report_file)::int AS files, (SELECT count(*) FROM line_message)::int AS messages,
              (SELECT count(*) FROM red_flag)::int AS flags`,
    )) as { reports: number; lines: number; files: number; messages: number; flags: number }[];
    log(`database: ${JSON.stringify(counts)}`);
    const firstLine = lines[0].id;

    // --- the api as a separate process, serving the built web app -------------------------------------------
    await api.app.close();
    appClosed = true;
    const webBuilt = existsSync(join(WEB_DIST, 'index.html'));
    apiProcess = await ApiProcess.start(api.env.config, webBuilt ? { WEB_DIST_DIR: WEB_DIST } : {});
    const base = `${apiProcess.baseUrl}${API_PREFIX}/`;
    const signIn = await fetch(`${base}${ApiPaths.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'officer@north.test', password: TEST_PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    if (signIn.status !== 200 || !cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`sign-in failed: ${signIn.status}`);
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    // What is measured is what the page gets: the first page has 50 of the 500 lines, each with its receipt.
    const first = (await (await fetch(`${base}${ReportingPaths.lines(report.id)}?page=1&pageSize=${PAGE_SIZE}`, { headers: { cookie } })).json()) as {
      total: number;
      items: { receipts: unknown[]; openFlagCount: number; messageCount?: number }[];
    };
    if (first.total !== LINES || first.items.length !== PAGE_SIZE || first.items.some((l) => l.receipts.length !== 1))
      throw new Error(`unexpected first page: total ${first.total}, ${first.items.length} items`);
    const requests: [string, () => Promise<void>][] = [
      ['GET health (floor of the api stack)', () => get(ApiPaths.health)],
      ['GET report', () => get(ReportingPaths.report(report.id))],
      ['GET verification progress', () => get(VerificationPaths.progress(report.id))],
      [`GET lines, page 1 of ${PAGE_SIZE}`, () => get(`${ReportingPaths.lines(report.id)}?page=1&pageSize=${PAGE_SIZE}`)],
      [`GET lines, page ${Math.ceil(LINES / PAGE_SIZE)} (last)`, () => get(`${ReportingPaths.lines(report.id)}?page=${Math.ceil(LINES / PAGE_SIZE)}&pageSize=${PAGE_SIZE}`)],
      ['GET first line’s thread', () => get(ReportingPaths.lineMessages(report.id, firstLine))],
      ['GET budget vs actual', () => get(ReportingPaths.budgetVsActual(report.id))],
      [
        'the page’s opening set in parallel (report + progress + lines page 1, then the first line’s thread)',
        async () => {
          await Promise.all([
            get(ReportingPaths.report(report.id)),
            get(VerificationPaths.progress(report.id)),
            get(`${ReportingPaths.lines(report.id)}?page=1&pageSize=${PAGE_SIZE}`),
          ]);
          await get(ReportingPaths.lineMessages(report.id, firstLine));
        },
      ],
    ];
    pool = new Pool({ connectionString: api.env.config.databaseUrl, max: 10 });
    const db = pool;
    const sqlLines = async () => {
      const client = await db.connect();
      try {
        await client.query(REPORT_SQL, [report.id]);
        await client.query(COUNT_SQL, [report.id]);
        const { rows } = await client.query(LINES_SQL, [report.id, PAGE_SIZE, 0]);
        const ids = rows.map((r: { id: string }) => r.id);
        await client.query(FILES_SQL, [ids]);
        await client.query(MESSAGES_SQL, [ids]);
        await client.query(FLAGS_SQL, [ids]);
      } finally {
        client.release();
      }
    };
    const sqlLabel = 'pg: the lines request’s SQL (6 statements, one connection)';
    const results: { what: string; c1: LatencyReport; c10: LatencyReport }[] = [];
    for (const [what, one] of [...requests, [sqlLabel, sqlLines] as [string, () => Promise<void>]]) {
      await load(2, 30, one); // warm-up
      const c1 = await load(1, ROUNDS, one);
      await load(10, 30, one);
      const c10 = await load(10, ROUNDS, one);
      results.push({ what, c1, c10 });
      log(`${what}: c=1 p50 ${ms(c1.p50)} p99 ${ms(c1.p99)}; c=10 p50 ${ms(c10.p50)} p99 ${ms(c10.p99)} ms`);
    }
    // Where the SQL time goes: each statement's execution time (EXPLAIN ANALYZE, one run).
    const ids = ((await db.query(LINES_SQL, [report.id, PAGE_SIZE, 0])).rows as { id: string }[]).map((r) => r.id);
    const explain = async (sql: string, params: unknown[]) => {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      const plan = (rows[0] as { 'QUERY PLAN': { 'Execution Time': number }[] })['QUERY PLAN'][0];
      return plan['Execution Time'];
    };
    const explained: [string, number][] = [
      ['report', await explain(REPORT_SQL, [report.id])],
      ['count', await explain(COUNT_SQL, [report.id])],
      ['lines page', await explain(LINES_SQL, [report.id, PAGE_SIZE, 0])],
      ['receipts', await explain(FILES_SQL, [ids])],
      ['threads', await explain(MESSAGES_SQL, [ids])],
      ['red flags', await explain(FLAGS_SQL, [ids])],
    ];
    if (process.argv.includes('--plans')) {
      for (const [sql, params] of [[FLAGS_SQL, [ids]], [FILES_SQL, [ids]]] as const) {
        const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [...params]);
        console.log(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
      }
    }
    log(`EXPLAIN ANALYZE: ${explained.map(([k, v]) => `${k} ${v.toFixed(2)} ms`).join(', ')}`);

    // --- Chromium: time to interactive of the verification page ------------------------------------------------
    let browserRows: string[] = [];
    if (!webBuilt) {
      log(`no web build in ${WEB_DIST}: browser part skipped (NX_DAEMON=false npx nx build web)`);
    } else {
      browserRows = await measureBrowser(apiProcess.baseUrl, report.id);
    }

    // --- results ------------------------------------------------------------------------------------------
    console.log('\n## Results (markdown)\n');
    console.log(
      `Database: ${counts.reports} reports, ${counts.lines.toLocaleString('en')} expenditure lines, ${counts.files.toLocaleString('en')} receipts, ${counts.messages.toLocaleString('en')} line messages, ${counts.flags.toLocaleString('en')} red flags; the measured report has ${LINES} lines (${LINES / 10} questioned with a thread, 5 red flags naming 10 of its lines).\n`,
    );
    console.log(`${ROUNDS} rounds per row after a warm-up; closed loop (each client sends its next round when the last one answered):\n`);
    console.log('| request | c=1 p50 / p95 / p99 ms | c=10 p50 / p95 / p99 ms | c=10 rounds/s |');
    console.log('|---|---|---|---|');
    for (const r of results)
      console.log(`| ${r.what} | ${ms(r.c1.p50)} / ${ms(r.c1.p95)} / ${ms(r.c1.p99)} | ${ms(r.c10.p50)} / ${ms(r.c10.p95)} / ${ms(r.c10.p99)} | ${r.c10.perSecond.toFixed(0)} |`);
    console.log(`\nEXPLAIN ANALYZE of the lines request's statements (one run): ${explained.map(([k, v]) => `${k} ${v.toFixed(2)} ms`).join(', ')}.`);
    if (browserRows.length) {
      console.log(`\nChromium (headless, ${LOADS} loads after 2 warm-up loads, HTTP cache warm, same signed-in session), ms from navigation start:\n`);
      console.log('| page, moment | median ms | p95 ms | min ms | max ms |');
      console.log('|---|---|---|---|---|');
      for (const r of browserRows) console.log(r);
    }
    console.log(
      `\nMachine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end (1 / 5 / 15 min).`,
    );
    console.log(`\nTotal run: ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    await pool?.end().catch(() => undefined);
    await apiProcess?.stop().catch(() => undefined);
    if (appClosed) await api.env.teardown();
    else await api.stop();
    log('throw-away database dropped');
  }
}

async function measureBrowser(baseUrl: string, reportId: string): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill('officer@north.test');
    await page.getByTestId('sign-in-password').fill(TEST_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/home$/, { timeout: 30_000 });

    /** performance.now() (ms since the document's navigation start) at the first animation frame where `ready` holds. */
    const timeTo = async (p: Page, ready: () => number | false): Promise<number> => {
      // A function, not a string: the app's CSP forbids eval, and Playwright sends a function through the DevTools protocol.
      const handle = await p.waitForFunction(ready, undefined, { polling: 'raf', timeout: 60_000 });
      return (await handle.jsonValue()) as number;
    };
    const verifyUrl = `/officer/reports/${reportId}/verify`;
    const firstLineReady = () => {
      const row = document.querySelector('[data-testid="verify-line-1"]');
      const list = document.querySelector('[data-testid="verify-lines"]');
      return !!row && row.getAttribute('aria-selected') === 'true' && !!list && document.activeElement === list ? performance.now() : false;
    };
    const secondLineSelected = () => (document.querySelector('[data-testid="verify-line-2"]')?.getAttribute('aria-selected') === 'true' ? performance.now() : false);
    const homeReady = () => {
      const heading = document.querySelector('[data-testid="home-heading"]') as HTMLElement | null;
      return !!heading && heading.offsetParent !== null ? performance.now() : false;
    };
    const verifyFocused: number[] = [];
    const verifyKey: number[] = [];
    const keyLatency: number[] = [];
    const home: number[] = [];
    for (let i = 0; i < LOADS + 2; i++) {
      await page.goto('about:blank');
      await page.goto(verifyUrl, { waitUntil: 'commit' });
      const focused = await timeTo(page, firstLineReady);
      const before = (await page.evaluate('performance.now()')) as number;
      await page.keyboard.press('j');
      const moved = await timeTo(page, secondLineSelected);
      await page.goto('about:blank');
      await page.goto('/home', { waitUntil: 'commit' });
      const homeAt = await timeTo(page, homeReady);
      if (i < 2) continue;
      verifyFocused.push(focused);
      verifyKey.push(moved);
      keyLatency.push(moved - before);
      home.push(homeAt);
      log(`load ${i - 1}: verify first line focused ${ms(focused)} ms, j moved at ${ms(moved)} ms; /home ${ms(homeAt)} ms`);
    }
    const row = (what: string, values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `| ${what} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(sorted[0])} | ${ms(sorted[sorted.length - 1])} |`;
    };
    return [
      row('verification page (500 lines): first line selected, list focused', verifyFocused),
      row('verification page (500 lines): after pressing j, line 2 selected', verifyKey),
      row('verification page: j pressed → line 2 selected (key latency, not from navigation)', keyLatency),
      row('baseline: /home, heading shown', home),
    ];
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
