/*
 * Ledger benchmark (issue 9): `npm run bench:ledger` (options: --postings=1000000 --grants=2000 --requests=2000 --concurrency=50).
 *
 * In a throw-away database (created with its own roles and migrations, dropped at the end):
 *  1. 2,000 grants (20 programs × 5 calls × 20 grants) from confirmed approvals, funded and committed through
 *     LedgerService (the real path: trail record, advisory locks, balance checks);
 *  2. the ledger grown by bulk SQL to 10k, 100k and 1M postings — as the runtime role, through the real triggers and
 *     constraints (balance kept per posting, balanced entries checked at COMMIT, every entry naming a trail record:
 *     one trail record per generated batch); after each size, N entries posted one by one through LedgerService.post;
 *  3. at 1M postings, the real api as a separate process (port picked by the OS): grant statements (a keyset page of
 *     50 lines after each statement's middle line) and program trial balances at 50 concurrent connections
 *     (p50/p95/p99), then the same SQL straight through pg at the same concurrency (the page's SQL with its keyset
 *     condition and LIMIT, the capped count, the closing balances), and the ratio.
 * Not a test: it is not run by `npm test`. Needs PostgreSQL and Redis like the integration specs.
 */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { cpus, loadavg } from 'node:os';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  API_PREFIX,
  ApiPaths,
  FinancePaths,
  SESSION_COOKIE,
} from '@mizan/contracts';
import {
  emptyApplicationContent,
  grantCommitted,
  paymentRequested,
} from '@mizan/domain';
import {
  GRANT_SQL,
  GRANT_STATEMENT_RUNNING_SQL,
  LedgerService,
  PROGRAM_SQL,
  TRIAL_BALANCE_SQL,
} from '@mizan/server/finance';
import {
  TEST_PASSWORD,
  createTestEnvironment,
  seedAgency,
  walkGrantTo,
} from '@mizan/server/testing';
import type { TrailAction } from '@mizan/contracts';
import { TrailService } from '@mizan/server/trail';
import { KeysetColumn, cappedCountSql, encodeCursor, keysetCondition, keysetOrder } from '@mizan/server/core';
import { createApiApp } from '../../apps/api/src/app/create-app';
import { ApiProcess } from '../../apps/api/src/testing/api-process';
import { LatencyReport, load, log, percentile } from './bench-load';

function arg(name: string, fallback: number): number {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
}

const TARGET_POSTINGS = arg('postings', 1_000_000);
const GRANTS = arg('grants', 2000);
const PROGRAMS = 20;
const CALLS_PER_PROGRAM = 5;
const POSTS_PER_SIZE = arg('posts', 400);
const REQUESTS = arg('requests', 2000);
const CONCURRENCY = arg('concurrency', 50);
const BATCH_ENTRIES = 25_000;
const GRANT_AMOUNT = 100_000_000n;

interface GrantRow {
  id: string;
  programId: string;
  callId: string;
  committedAccount: string;
  requestedAccount: string;
}

/**
 * The statement route's page (LedgerReadService.grantStatementPage): the lines after a cursor (entry seq, posting id)
 * with their running balances, LIMIT page size + 1, then the capped count and the closing balances. $1 grant,
 * $2 agency, $3/$4 the cursor.
 */
const STATEMENT_PAGE_SIZE = 50;
const STATEMENT_ORDER: KeysetColumn[] = [
  { sql: 'l.seq', direction: 'asc', type: 'bigint' },
  { sql: 'l.posting_id', direction: 'asc', type: 'bigint' },
];
const STATEMENT_PAGE_SQL = `SELECT * FROM (${GRANT_STATEMENT_RUNNING_SQL}) l WHERE ${keysetCondition(STATEMENT_ORDER, ['0', '0'], 3).sql} ORDER BY ${keysetOrder(STATEMENT_ORDER)} LIMIT ${STATEMENT_PAGE_SIZE + 1}`;
const STATEMENT_COUNT_SQL = cappedCountSql(
  `FROM ledger_account a JOIN posting p ON p.account_id = a.id WHERE a.scope_id = $1 AND a.scope_type = 'grant' AND a.agency_id = $2`,
);
const STATEMENT_BALANCES_SQL = `SELECT a.code, sum(p.amount_minor)::text AS balance FROM ledger_account a JOIN posting p ON p.account_id = a.id
        WHERE a.scope_id = $1 AND a.scope_type = 'grant' AND a.agency_id = $2 GROUP BY a.code ORDER BY a.code`;

const fmt = (r: LatencyReport) =>
  `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, ${r.perSecond.toFixed(0)} req/s (${r.requests} in ${r.seconds.toFixed(1)} s)`;

async function main(): Promise<void> {
  const startedAt = Date.now();
  log(
    `creating a throw-away database (target ${TARGET_POSTINGS} postings over ${GRANTS} grants)`,
  );
  const env = await createTestEnvironment('ledger_bench');
  let app: NestFastifyApplication | undefined;
  let apiProcess: ApiProcess | undefined;
  let pool: Pool | undefined;
  try {
    app = await createApiApp(env.config, { logger: false });
    await app.init();
    const ds = app.get<DataSource>(getDataSourceToken());
    const ledger = app.get(LedgerService);
    const trail = app.get(TrailService);

    // --- 1. the world: programs, calls, 2,000 grants from confirmed approvals -------------------------
    const { agency, users } = await seedAgency(ds, 'bench');
    const actor = { id: users.officer.id, label: users.officer.email };
    const org = (await ds.query(
      `INSERT INTO organization (agency_id, legal_name, registration_number, hostland_country, address, founded_on, contact_email, iban, account_holder, created_by)
       VALUES ($1, 'Bench Diaspora Association', '802000001', 'SE', 'Storgatan 1, Stockholm', '2015-05-01', 'info@example.org', 'SE4550000000058398257466', 'Bench', $2) RETURNING id`,
      [agency.id, users.applicant.id],
    )) as { id: string }[];
    const grantsPerCall = Math.ceil(GRANTS / (PROGRAMS * CALLS_PER_PROGRAM));
    const callBudget = GRANT_AMOUNT * BigInt(grantsPerCall);
    const programs: string[] = [];
    const calls: { id: string; programId: string }[] = [];
    for (let p = 0; p < PROGRAMS; p++) {
      const [program] = (await ds.query(
        `INSERT INTO program (agency_id, name, countries, themes, budget_minor, currency, period_start, period_end, created_by)
         VALUES ($1, $2, '{IQ}', '{health}', $3, 'SEK', '2027-01-01', '2029-12-31', $4) RETURNING id`,
        [
          agency.id,
          `Bench program ${p + 1}`,
          (callBudget * BigInt(CALLS_PER_PROGRAM)).toString(),
          users.officer.id,
        ],
      )) as { id: string }[];
      programs.push(program.id);
      for (let c = 0; c < CALLS_PER_PROGRAM; c++) {
        const [call] = (await ds.query(
          `INSERT INTO grant_call (program_id, agency_id, status, title, description, time_zone, opens_at, closes_at, currency, envelope_minor,
                                   max_grant_minor, min_cofunding_bp, admin_cap_bp, host_countries, require_partner, min_organization_age_months,
                                   required_documents, rubric, published_at, created_by)
           VALUES ($1, $2, 'published', $3, 'Bench call', 'Europe/Stockholm', now() - interval '60 days', now() - interval '30 days', 'SEK', $4,
                   $5, 1000, 700, '{SE}', false, 12, '{}', '{"criteria":[],"scale":[]}', now(), $6) RETURNING id`,
          [
            program.id,
            agency.id,
            `Bench call ${p + 1}.${c + 1}`,
            callBudget.toString(),
            GRANT_AMOUNT.toString(),
            users.officer.id,
          ],
        )) as { id: string }[];
        calls.push({ id: call.id, programId: program.id });
      }
    }
    const content = JSON.stringify(emptyApplicationContent('Bench project'));
    const grants: GrantRow[] = [];
    for (let g = 0; g < GRANTS; g++) {
      const call = calls[g % calls.length];
      const [application] = (await ds.query(
        `INSERT INTO application (call_id, organization_id, agency_id, state, title, content, currency, requested_minor, receipt_number, submitted_at, created_by, updated_by)
         VALUES ($1, $2, $3, 'in_review', 'Bench project', $4, 'SEK', $5, $6, now() - interval '20 days', $7, $7) RETURNING id`,
        [
          call.id,
          org[0].id,
          agency.id,
          content,
          GRANT_AMOUNT.toString(),
          `MZ-BENCH-${g}`,
          users.applicant.id,
        ],
      )) as { id: string }[];
      const [decision] = (await ds.query(
        `INSERT INTO funding_decision (application_id, call_id, agency_id, outcome, state, amount_minor, currency, rationale, proposed_by)
         VALUES ($1, $2, $3, 'approved', 'proposed', $4, 'SEK', 'Bench', $5) RETURNING id`,
        [
          application.id,
          call.id,
          agency.id,
          GRANT_AMOUNT.toString(),
          users.officer.id,
        ],
      )) as { id: string }[];
      await ds.query(
        `UPDATE funding_decision SET state = 'confirmed', confirmed_by = $2, confirmed_at = now() WHERE id = $1`,
        [decision.id, users.admin.id],
      );
      const [grant] = (await ds.query(
        `INSERT INTO grant_award (agency_id, program_id, call_id, application_id, decision_id, organization_id, grant_number, title, currency, amount_minor,
                                  state, starts_on, ends_on, payee_name, payee_iban, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'Bench project', 'SEK', $8, 'draft', '2027-01-01', '2028-12-31', 'Bench', 'SE4550000000058398257466', $9) RETURNING id`,
        [
          agency.id,
          call.programId,
          call.id,
          application.id,
          decision.id,
          org[0].id,
          `B-${String(g + 1).padStart(5, '0')}`,
          GRANT_AMOUNT.toString(),
          users.officer.id,
        ],
      )) as { id: string }[];
      await walkGrantTo(ds, grant.id, 'active', { signedBy: users.applicant.id, countersignedBy: users.officer.id });
      grants.push({
        id: grant.id,
        programId: call.programId,
        callId: call.id,
        committedAccount: '',
        requestedAccount: '',
      });
    }
    log(
      `${PROGRAMS} programs, ${calls.length} calls, ${grants.length} grants created`,
    );

    // Funding and commitment through LedgerService (the real path); one request of 1 per grant opens its payment_requested account.
    for (const call of calls)
      await ds.transaction((m) =>
        ledger.ensureFunded(m, {
          agencyId: agency.id,
          programId: call.programId,
          callId: call.id,
          actor,
        }),
      );
    for (const g of grants) {
      await ds.transaction(async (m) => {
        const scopes = {
          agencyId: agency.id,
          programId: g.programId,
          callId: g.callId,
          grantId: g.id,
          currency: 'SEK' as const,
        };
        const t = {
          actor,
          agencyId: agency.id,
          entityType: 'grant' as const,
          entityId: g.id,
        };
        await ledger.postAll(m, [
          {
            ...scopes,
            kind: 'grant_committed',
            description: 'Grant committed',
            effectiveOn: '2027-01-10',
            lines: grantCommitted(scopes, GRANT_AMOUNT),
            trail: { ...t, action: 'grant.committed' },
          },
          {
            ...scopes,
            kind: 'payment_requested',
            description: 'Payment requested',
            effectiveOn: '2027-01-11',
            lines: paymentRequested(scopes, 1n),
            trail: { ...t, action: 'payment.requested' },
          },
        ]);
      });
    }
    const accounts = (await ds.query(
      `SELECT id, code, scope_id FROM ledger_account WHERE code IN ('grant_committed', 'payment_requested')`,
    )) as { id: string; code: string; scope_id: string }[];
    const byGrant = new Map(grants.map((g) => [g.id, g]));
    for (const a of accounts) {
      const g = byGrant.get(a.scope_id);
      if (!g) continue;
      if (a.code === 'grant_committed') g.committedAccount = a.id;
      else g.requestedAccount = a.id;
    }
    log(`funded and committed: ${await postingCount(ds)} postings`);

    // --- 2. grow the ledger; measure LedgerService.post at each size ------------------------------------
    let offset = 0;
    async function grow(to: number): Promise<void> {
      let have = await postingCount(ds);
      const t0 = performance.now();
      const before = have;
      while (have < to) {
        const entries = Math.min(BATCH_ENTRIES, Math.ceil((to - have) / 2));
        await ds.transaction(async (m) => {
          const record = await trail.append(m, {
            actor,
            agencyId: agency.id,
            action: 'bench.bulk_postings' as TrailAction,
            entityType: 'agency',
            entityId: agency.id,
            after: { entries },
          });
          // payment_requested of 1 minor unit on grants in turn: Dr payment_requested / Cr grant_committed (never below zero).
          await m.query(
            `WITH acc AS (
               SELECT ord - 1 AS gi, grant_id, program_id, committed, requested
                 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS t(grant_id, program_id, committed, requested, ord)
             ), src AS (
               SELECT n, acc.* FROM generate_series(0, $5::int - 1) AS n JOIN acc ON acc.gi = (($6::int + n) % $7::int)
             ), ins AS (
               INSERT INTO journal_entry (agency_id, program_id, grant_id, kind, description, effective_on, trail_seq)
               SELECT $8::uuid, program_id, grant_id, 'payment_requested', 'Bench payment requested', DATE '2027-01-12' + (n % 600), $9::bigint
                 FROM src ORDER BY n
               RETURNING id, grant_id
             )
             INSERT INTO posting (entry_id, account_id, currency, amount_minor)
             SELECT ins.id, x.account, 'SEK', x.amount
               FROM ins JOIN acc ON acc.grant_id = ins.grant_id
               CROSS JOIN LATERAL (VALUES (acc.requested, 1::bigint), (acc.committed, -1::bigint)) AS x(account, amount)`,
            [
              grants.map((g) => g.id),
              grants.map((g) => g.programId),
              grants.map((g) => g.committedAccount),
              grants.map((g) => g.requestedAccount),
              entries,
              offset,
              grants.length,
              agency.id,
              record.seq,
            ],
          );
        });
        offset += entries;
        have = await postingCount(ds);
      }
      const seconds = (performance.now() - t0) / 1000;
      if (have > before)
        log(
          `  bulk: ${have - before} postings in ${seconds.toFixed(1)} s (${((have - before) / seconds).toFixed(0)} postings/s through the triggers)`,
        );
    }

    const postRows: string[] = [];
    async function measurePost(label: string): Promise<void> {
      // What autovacuum does in steady state: the bulk batches update each balance row many times in one transaction.
      await env.queryAs('owner', 'VACUUM ANALYZE');
      // And a checkpoint, so the bulk load's dirty pages are not written out under the measured commits.
      await env.queryAs('superuser', 'CHECKPOINT');
      const size = await postingCount(ds);
      const latencies: number[] = [];
      let postings = 0;
      const t0 = performance.now();
      for (let i = 0; i < POSTS_PER_SIZE; i++) {
        const g = grants[(i * 7919) % grants.length];
        const s0 = performance.now();
        await ds.transaction(async (m) => {
          await m.query('SELECT id FROM grant_award WHERE id = $1 FOR UPDATE', [
            g.id,
          ]);
          await ledger.post(m, {
            agencyId: agency.id,
            programId: g.programId,
            grantId: g.id,
            kind: 'payment_requested',
            description: 'Payment requested',
            effectiveOn: '2027-03-01',
            lines: paymentRequested({ grantId: g.id, currency: 'SEK' }, 1n),
            trail: {
              actor,
              agencyId: agency.id,
              action: 'payment.requested',
              entityType: 'grant',
              entityId: g.id,
            },
          });
        });
        latencies.push(performance.now() - s0);
        postings += 2;
      }
      const seconds = (performance.now() - t0) / 1000;
      latencies.sort((a, b) => a - b);
      const row = `| ${label} | ${size.toLocaleString('en')} | ${POSTS_PER_SIZE} | ${(postings / seconds).toFixed(0)} | ${(POSTS_PER_SIZE / seconds).toFixed(0)} | ${percentile(latencies, 50).toFixed(2)} | ${percentile(latencies, 99).toFixed(2)} |`;
      postRows.push(row);
      log(`post at ${label}: ${row}`);
    }

    for (const [label, size] of [
      ['10k', 10_000],
      ['100k', 100_000],
      ['1M', TARGET_POSTINGS],
    ] as const) {
      await grow(Math.min(size, TARGET_POSTINGS));
      await measurePost(label);
    }
    await env.queryAs('owner', 'VACUUM ANALYZE');
    const perGrant = (await ds.query(
      `SELECT round(avg(n))::int AS avg, max(n)::int AS max FROM (SELECT a.scope_id, count(*) AS n FROM posting p JOIN ledger_account a ON a.id = p.account_id WHERE a.scope_type = 'grant' GROUP BY a.scope_id) s`,
    )) as { avg: number; max: number }[];
    const total = await postingCount(ds);
    const [{ entries }] = (await ds.query(
      'SELECT count(*)::int AS entries FROM journal_entry',
    )) as { entries: number }[];
    log(
      `ledger: ${total} postings, ${entries} entries; grant statements ${perGrant[0].avg} lines on average (max ${perGrant[0].max})`,
    );

    // --- 3. reads through the api (separate process) and straight through pg ----------------------------
    await app.close();
    app = undefined;
    apiProcess = await ApiProcess.start(env.config);
    const base = `${apiProcess.baseUrl}${API_PREFIX}/`;
    const signIn = await fetch(`${base}${ApiPaths.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: users.finance.email,
        password: TEST_PASSWORD,
      }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    if (signIn.status !== 200 || !cookie.startsWith(`${SESSION_COOKIE}=`))
      throw new Error(`sign-in failed: ${signIn.status}`);
    const getJson = async (path: string) => {
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      if (response.status !== 200)
        throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    pool = new Pool({
      connectionString: env.config.databaseUrl,
      max: CONCURRENCY,
    });
    const db = pool;
    const grantAt = (i: number) => grants[(i * 104_729) % grants.length].id;
    // Each grant's statement is read from its middle (a keyset page after the middle line), as a deep page would be.
    const middles = new Map(
      (
        (
          await db.query(
            `SELECT g, seq::text AS seq, id::text AS id FROM (
               SELECT a.scope_id AS g, e.seq, p.id, row_number() OVER (PARTITION BY a.scope_id ORDER BY e.seq, p.id) AS rn, count(*) OVER (PARTITION BY a.scope_id) AS n
                 FROM ledger_account a JOIN posting p ON p.account_id = a.id JOIN journal_entry e ON e.id = p.entry_id
                WHERE a.scope_type = 'grant' AND a.agency_id = $1) l
              WHERE rn = greatest(1, n / 2)`,
            [agency.id],
          )
        ).rows as { g: string; seq: string; id: string }[]
      ).map((r) => [r.g, [r.seq, r.id] as [string, string]]),
    );
    const middleOf = (id: string): [string, string] => middles.get(id) ?? ['0', '0'];
    const statementPath = (id: string) => `${FinancePaths.grantStatement(id)}?after=${encodeCursor(middleOf(id))}`;
    const programAt = (i: number) => programs[(i * 7) % programs.length];

    // One request at a time first: the intrinsic cost, without queueing; the api's fixed cost on a tiny authenticated read.
    await load(1, 50, () => getJson(FinancePaths.programs));
    const soloPrograms = await load(1, 200, () =>
      getJson(FinancePaths.programs),
    );
    log(
      `api, one at a time, GET ledger/programs (fixed cost): ${fmt(soloPrograms)}`,
    );
    await load(1, 50, (i) => getJson(statementPath(grantAt(i))));
    const soloStatement = await load(1, 200, (i) =>
      getJson(statementPath(grantAt(i))),
    );
    const soloTrial = await load(1, 200, (i) =>
      getJson(FinancePaths.trialBalance(programAt(i))),
    );
    log(
      `api, one at a time: statement ${fmt(soloStatement)}; trial balance ${fmt(soloTrial)}`,
    );
    const explain = async (sql: string, params: unknown[]) => {
      const { rows } = await db.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        params,
      );
      const plan = (
        rows[0] as { 'QUERY PLAN': { 'Execution Time': number }[] }
      )['QUERY PLAN'][0];
      return plan['Execution Time'];
    };
    const explained = {
      statement: await explain(STATEMENT_PAGE_SQL, [grantAt(1), agency.id, ...middleOf(grantAt(1))]),
      trial: await explain(TRIAL_BALANCE_SQL, [programAt(1), agency.id]),
    };
    if (process.argv.includes('--plans')) {
      for (const [sql, params] of [
        [STATEMENT_PAGE_SQL, [grantAt(1), agency.id, ...middleOf(grantAt(1))]],
        [TRIAL_BALANCE_SQL, [programAt(1), agency.id]],
      ] as const) {
        const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [
          ...params,
        ]);
        console.log(
          rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'),
        );
      }
    }
    log(
      `EXPLAIN ANALYZE execution time: statement ${explained.statement.toFixed(2)} ms, trial balance ${explained.trial.toFixed(2)} ms`,
    );

    // Warm-up (JIT, caches, connections) before each measured run.
    await load(CONCURRENCY, 200, (i) =>
      getJson(statementPath(grantAt(i))),
    );
    const apiStatement = await load(CONCURRENCY, REQUESTS, (i) =>
      getJson(statementPath(grantAt(i))),
    );
    log(`api grant statement: ${fmt(apiStatement)}`);
    await load(CONCURRENCY, 200, (i) =>
      getJson(FinancePaths.trialBalance(programAt(i))),
    );
    const apiTrial = await load(CONCURRENCY, REQUESTS, (i) =>
      getJson(FinancePaths.trialBalance(programAt(i))),
    );
    log(`api trial balance:   ${fmt(apiTrial)}`);

    // The same SQL the service runs for each view, one statement after the other on one connection.
    const sqlStatement = async (i: number) => {
      const client = await db.connect();
      try {
        const id = grantAt(i);
        await client.query(GRANT_SQL, [id, agency.id]);
        await client.query(STATEMENT_PAGE_SQL, [id, agency.id, ...middleOf(id)]);
        await client.query(STATEMENT_COUNT_SQL, [id, agency.id]);
        await client.query(STATEMENT_BALANCES_SQL, [id, agency.id]);
      } finally {
        client.release();
      }
    };
    const sqlTrial = async (i: number) => {
      const client = await db.connect();
      try {
        const id = programAt(i);
        await client.query(PROGRAM_SQL, [id, agency.id]);
        await client.query(TRIAL_BALANCE_SQL, [id, agency.id]);
      } finally {
        client.release();
      }
    };
    await load(CONCURRENCY, 200, sqlStatement);
    const pgStatement = await load(CONCURRENCY, REQUESTS, sqlStatement);
    log(`pg grant statement:  ${fmt(pgStatement)}`);
    await load(CONCURRENCY, 200, sqlTrial);
    const pgTrial = await load(CONCURRENCY, REQUESTS, sqlTrial);
    log(`pg trial balance:    ${fmt(pgTrial)}`);

    const [trialRows] = (
      await db.query(
        `SELECT count(*)::int AS n FROM ledger_account WHERE program_id = $1`,
        [programs[0]],
      )
    ).rows as { n: number }[];
    const row = (what: string, api: LatencyReport, sql: LatencyReport) =>
      `| ${what} | ${api.p50.toFixed(1)} / ${api.p95.toFixed(1)} / ${api.p99.toFixed(1)} | ${api.perSecond.toFixed(0)} | ${sql.p50.toFixed(1)} / ${sql.p95.toFixed(1)} / ${sql.p99.toFixed(1)} | ${sql.perSecond.toFixed(0)} | ${(api.p50 / sql.p50).toFixed(1)}× / ${(api.p99 / sql.p99).toFixed(1)}× |`;
    console.log('\n## Results (markdown)\n');
    console.log(
      `Ledger: ${total.toLocaleString('en')} postings, ${entries.toLocaleString('en')} entries, ${grants.length} grants in ${PROGRAMS} programs; statement ${perGrant[0].avg} lines on average (read as a page of ${STATEMENT_PAGE_SIZE} after its middle line); trial balance ${trialRows.n} accounts + appropriation.\n`,
    );
    console.log(
      '| ledger size | postings before | entries posted | postings/s | entries/s | p50 ms | p99 ms |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const r of postRows) console.log(r);
    console.log(
      `\n${CONCURRENCY} concurrent connections, ${REQUESTS} requests each (after 200 warm-up):\n`,
    );
    console.log(
      '| view | api p50 / p95 / p99 ms | api req/s | pg p50 / p95 / p99 ms | pg req/s | api ÷ pg (p50 / p99) |',
    );
    console.log('|---|---|---|---|---|---|');
    console.log(row('grant statement', apiStatement, pgStatement));
    console.log(row('program trial balance', apiTrial, pgTrial));
    console.log(
      `\nOne request at a time through the api: GET ledger/programs (20 rows: the api's fixed cost) p50 ${soloPrograms.p50.toFixed(1)} / p99 ${soloPrograms.p99.toFixed(1)} ms, statement p50 ${soloStatement.p50.toFixed(1)} / p99 ${soloStatement.p99.toFixed(1)} ms, trial balance p50 ${soloTrial.p50.toFixed(1)} / p99 ${soloTrial.p99.toFixed(1)} ms.`,
    );
    console.log(
      `EXPLAIN ANALYZE (one run): statement SQL ${explained.statement.toFixed(2)} ms, trial balance SQL ${explained.trial.toFixed(2)} ms.`,
    );
    console.log(
      `Machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end (1 / 5 / 15 min).`,
    );
    console.log(
      `\nTotal run: ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
    );
  } finally {
    await pool?.end().catch(() => undefined);
    await apiProcess?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await env.teardown();
    log('throw-away database dropped');
  }
}

async function postingCount(ds: DataSource): Promise<number> {
  // Exact: the balance table counts postings per account, kept by the database.
  const [row] = (await ds.query(
    'SELECT coalesce(sum(posting_count), 0)::bigint::text AS n FROM account_balance',
  )) as { n: string }[];
  return Number(row.n);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
