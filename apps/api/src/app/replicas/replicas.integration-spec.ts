import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { API_PREFIX, ApiPaths, ErrorCode, REPORT_FILE_ID_HEADER, SESSION_COOKIE, SessionInfo, TrailExportView, TrailVerification, UploadPaths } from '@mizan/contracts';
import { BAGHDAD_RECEIPT, jpegWithExif } from '@mizan/contracts/testing';
import { redisConnection } from '@mizan/server/core';
import { QueueName } from '@mizan/server/jobs';
import { TEST_PASSWORD } from '@mizan/server/testing';
import { ApiHarness } from '../../testing/api-harness';
import { ApiProcess } from '../../testing/api-process';
import { rawHttp } from '../../testing/raw-http';
import { WorkerProcess } from '../../testing/worker-process';
import { GrantWorld, Tokens, activeGrant, grantWorld } from '../grants/grants.fixtures';

/*
 * Mizan as several processes over one PostgreSQL and one Redis (docs/SCALING.md):
 * api A runs in this process, api B and both workers are processes of their own,
 * so nothing one holds in memory can help another.
 */

const EXPORTS = 100;
const START_MS = 150_000;

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, log = (): string => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('two api processes and two workers over one PostgreSQL and one Redis', () => {
  let a: ApiHarness;
  let b: ApiProcess;
  let workers: WorkerProcess[] = [];
  let portA: number;
  let w: GrantWorld;
  let reportId: string;
  let lineId: string;
  const t = {} as Tokens & { partner: string };

  const base = (api: 'A' | 'B'): string => (api === 'A' ? `http://127.0.0.1:${portA}` : b.baseUrl);

  async function call(api: 'A' | 'B', method: string, path: string, options: { cookie?: string; body?: unknown; headers?: Record<string, string>; raw?: Buffer } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.cookie) headers['cookie'] = `${SESSION_COOKIE}=${options.cookie}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.raw ? new Uint8Array(options.raw) : options.body !== undefined ? JSON.stringify(options.body) : undefined;
    return fetch(`${base(api)}${path.startsWith('/') ? path : `${API_PREFIX}/${path}`}`, { method, headers, body });
  }

  async function signIn(api: 'A' | 'B', email: string, password = TEST_PASSWORD): Promise<Response> {
    return call(api, 'POST', ApiPaths.signIn, { body: { email, password } });
  }

  function cookieOf(response: Response): string {
    const token = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0].split('='))
      .find(([name]) => name === SESSION_COOKIE)?.[1];
    if (!token) throw new Error(`no session cookie: ${response.status}`);
    return token;
  }

  async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return a.env.queryAs<T>('owner', sql, params);
  }

  const logs = (): string => [`api B:\n${b?.log ?? ''}`, ...workers.map((wp, i) => `worker ${i + 1} (pid ${wp.pid}):\n${wp.log}`)].join('\n');

  beforeAll(async () => {
    // A shorter job lock and a frequent stalled check (production: 30 s each), so a dead worker's job moves on within
    // seconds. Not shorter: a lock that a busy worker cannot renew in time hands a live job on too (harmless — the
    // export is recorded once under its row lock — but then the job runs twice).
    a = await ApiHarness.start('replicas', { signInIpMaxAttempts: 10_000, trailCheckpointSeconds: 0, jobLockMs: 10_000, jobStalledCheckMs: 1000 });
    await a.app.listen(0, '127.0.0.1');
    portA = (a.app.getHttpServer().address() as AddressInfo).port;
    // Started beside the fixture; a generous start time, as a busy machine compiles three processes from source at once.
    const processes = Promise.allSettled([ApiProcess.start(a.env.config, {}, START_MS), WorkerProcess.start(a.env.config, {}, START_MS), WorkerProcess.start(a.env.config, {}, START_MS)]);
    w = await grantWorld(a);
    t.officer = await a.signIn('officer@north.test');
    t.applicant = await a.signIn('applicant@north.test');
    t.partner = await a.signIn('partner@north.test');
    const grant = await activeGrant(a, w, t);
    const [due] = await rows<{ id: string; period_from: string; period_to: string }>(
      `SELECT id, period_from::text, period_to::text FROM grant_report_due WHERE grant_id = $1 ORDER BY due_on LIMIT 1`,
      [grant.id],
    );
    // A draft report with one line, written directly as the reporting-files spec does.
    [{ id: reportId }] = await rows<{ id: string }>(
      `INSERT INTO grant_report (agency_id, grant_id, report_due_id, period_from, period_to, created_by)
       SELECT g.agency_id, g.id, $2, $3, $4, $5 FROM grant_award g WHERE g.id = $1 RETURNING id`,
      [grant.id, due.id, due.period_from, due.period_to, w.applicantId],
    );
    [{ id: lineId }] = await rows<{ id: string }>(
      `INSERT INTO expenditure_line (agency_id, grant_id, report_id, seq, spent_on, budget_line_id, supplier, amount_minor, currency, grant_amount_minor, payment_method, created_by, updated_by)
       SELECT g.agency_id, g.id, $2, 1, $3, 'bl-1', 'مكتبة الرشيد', 150000, g.currency, 150000, 'cash', $4, $4 FROM grant_award g WHERE g.id = $1 RETURNING id`,
      [grant.id, reportId, due.period_from, w.north.users.partner.id],
    );
    const [apiB, ...started] = await processes;
    // Whatever did start is stopped in afterAll, even when another did not.
    if (apiB.status === 'fulfilled') b = apiB.value;
    workers = started.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
    const failed = [apiB, ...started].find((p) => p.status === 'rejected');
    if (failed) throw failed.reason;
  }, 240_000);

  afterAll(async () => {
    await Promise.all([b?.stop(), ...workers.map((wp) => wp.stop())]);
    await a?.stop();
  });

  it('a session begun on api A continues on api B (read, change, sign out); A then refuses the cookie', async () => {
    const signedIn = await signIn('A', 'auditor@north.test');
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);

    const onB = await call('B', 'GET', ApiPaths.session, { cookie });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as SessionInfo).user.email).toBe('auditor@north.test');

    // A change through B (cookies are SameSite=Strict; there is no CSRF token to carry), seen through A.
    const changed = await call('B', 'PUT', ApiPaths.language, { cookie, body: { language: 'ar' } });
    expect(changed.status).toBe(200);
    const onA = await call('A', 'GET', ApiPaths.session, { cookie });
    expect(((await onA.json()) as SessionInfo).user.language).toBe('ar');

    expect((await call('B', 'POST', ApiPaths.signOut, { cookie })).status).toBe(204);
    const refused = await call('A', 'GET', ApiPaths.session, { cookie });
    expect(refused.status).toBe(401);
  });

  it('wrong passwords through A and B add up to one lock-out (the throttle lives in Redis)', async () => {
    const email = 'finance@north.test';
    // Five failures: three through A, two through B — neither process alone saw five.
    for (const api of ['A', 'B', 'A', 'B', 'A'] as const) {
      expect((await signIn(api, email, 'not the password')).status).toBe(401);
    }
    const lockedB = await signIn('B', email);
    expect(lockedB.status).toBe(429);
    expect(((await lockedB.json()) as { code: string }).code).toBe(ErrorCode.TooManyAttempts);
    expect((await signIn('A', email)).status).toBe(429);
  });

  it('a tus upload begun on A continues on B: B waits for A to let go of the upload, reads the offset and completes it', async () => {
    const photo = jpegWithExif({ ...BAGHDAD_RECEIPT, padding: 300_000 });
    const tus = { 'tus-resumable': '1.0.0' };
    const meta = Object.entries({ purpose: 'receipt', reportId, lineId, filename: 'receipt.jpg', filetype: 'image/jpeg' })
      .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
      .join(',');
    const created = await call('A', 'POST', UploadPaths.tus, { cookie: t.partner, headers: { ...tus, 'upload-length': String(photo.length), 'upload-metadata': meta } });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    const partial = join(a.env.config.storageDir, 'tus', location.split('/').pop() ?? '');

    const third = Math.floor(photo.length / 3);
    const first = await call('A', 'PATCH', location, { cookie: t.partner, headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, raw: photo.subarray(0, third) });
    expect(first.status).toBe(204);

    // The connection to A stalls half-way through the next piece (it stays open, nothing more comes): A holds the upload.
    const rest = photo.length - third;
    const stalled = rawHttp(portA, {
      method: 'PATCH',
      path: location,
      headers: { cookie: `${SESSION_COOKIE}=${t.partner}`, ...tus, 'upload-offset': String(third), 'content-type': 'application/offset+octet-stream', 'content-length': String(rest) },
      body: photo.subarray(third, third + Math.floor(rest / 2)),
      endAfterBody: false,
      timeoutMs: 45_000,
    });
    await until('the stalled piece reaches the shared folder', async () => (await stat(partial)).size > third);

    // The client resumes through B. B's HEAD needs the upload's lock: it asks A (through Redis) to let go, A ends its
    // stalled request, and only then B answers — with the offset the shared folder has, which no longer moves.
    const head = await call('B', 'HEAD', location, { cookie: t.partner, headers: tus });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    const answer = await stalled;
    expect(answer.statusCode === 0 || answer.statusCode >= 400 || answer.statusCode === 204).toBe(true);
    expect(offset).toBeGreaterThan(third);
    expect(offset).toBeLessThan(photo.length);
    expect((await stat(partial)).size).toBe(offset);

    const last = await call('B', 'PATCH', location, { cookie: t.partner, headers: { ...tus, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, raw: photo.subarray(offset) });
    expect(last.status).toBe(204);
    const fileId = last.headers.get(REPORT_FILE_ID_HEADER);
    const stored = await rows<{ id: string; sha256: string }>(
      `SELECT f.id, d.sha256 FROM report_file f JOIN stored_document d ON d.id = f.document_id WHERE f.report_id = $1`,
      [reportId],
    );
    expect(stored).toEqual([{ id: fileId, sha256: createHash('sha256').update(photo).digest('hex') }]);
  });

  it(`${EXPORTS} exports asked for at once through A and B are each built exactly once across the two workers`, async () => {
    const auditor = cookieOf(await signIn('B', 'auditor@north.test'));
    const asked = await Promise.all(
      Array.from({ length: EXPORTS }, async (_, i) => {
        const response = await call(i % 2 === 0 ? 'A' : 'B', 'POST', ApiPaths.trailExports, { cookie: auditor, body: { filters: { entityId: `replica-${i}` } } });
        expect(response.status).toBe(202);
        return ((await response.json()) as TrailExportView).id;
      }),
    );
    expect(new Set(asked).size).toBe(EXPORTS);

    await until(
      'every export completed',
      async () => Number((await rows<{ n: string }>(`SELECT count(*) AS n FROM trail_export WHERE id = ANY($1::uuid[]) AND state = 'completed'`, [asked]))[0].n) === EXPORTS,
      420_000,
      logs,
    );
    const built = await rows<{ id: string; document_id: string; records: string; documents: string }>(
      `SELECT e.id, e.document_id,
              (SELECT count(*) FROM activity_record r WHERE r.action = 'trail.exported' AND r.entity_id = e.id::text) AS records,
              (SELECT count(*) FROM stored_document d WHERE d.id = e.document_id) AS documents
         FROM trail_export e WHERE e.id = ANY($1::uuid[])`,
      [asked],
    );
    expect(built.filter((e) => e.records !== '1' || e.documents !== '1')).toEqual([]);
    const [{ n: documents }] = await rows<{ n: string }>(`SELECT count(*) AS n FROM stored_document WHERE kind = 'trail-export'`);
    expect(Number(documents)).toBe(EXPORTS);
    // No second run left a file behind either: one PDF per export in the shared storage folder, none half-written.
    const files = await filesUnder(join(a.env.config.storageDir, 'trail-exports'));
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(EXPORTS);
    expect(files.filter((f) => !f.endsWith('.pdf'))).toEqual([]);

    // Both workers took part (BullMQ records who processed each job).
    const connection = redisConnection(a.env.config.redisUrl);
    const queue = new Queue(QueueName.Documents, { connection, prefix: a.env.config.queuePrefix });
    try {
      const jobs = await Promise.all(asked.map((id) => queue.getJob(id)));
      expect(jobs.every((job) => job?.finishedOn !== undefined)).toBe(true);
      const by = new Set(jobs.map((job) => job?.processedBy));
      expect([...by].sort()).toEqual(workers.map((wp) => `${hostname()}:${wp.pid}`).sort());
    } finally {
      await queue.close();
      connection.disconnect();
    }

    const verification = await call('B', 'POST', ApiPaths.trailVerification, { cookie: auditor });
    const verified = (await verification.json()) as TrailVerification;
    expect(verified.intact ? 'intact' : JSON.stringify(verified)).toBe('intact');
 }, 300_000);

  it('kill -9 of the worker holding an export: the other worker finishes it, once', async () => {
    const auditor = cookieOf(await signIn('A', 'auditor@north.test'));
    const connection = redisConnection(a.env.config.redisUrl);
    const queue = new Queue(QueueName.Documents, { connection, prefix: a.env.config.queuePrefix });
    const blocker = new Client({ connectionString: a.env.ownerDatabaseUrl });
    await blocker.connect();
    try {
      // The job waits (queue paused) until the spec holds the export's row: whichever worker takes it then stays
      // inside it, blocked on the row, for as long as the spec likes — no timing involved.
      await queue.pause();
      const asked = await call('A', 'POST', ApiPaths.trailExports, { cookie: auditor, body: { filters: { entityId: 'replica-crash' } } });
      expect(asked.status).toBe(202);
      const exportId = ((await asked.json()) as TrailExportView).id;
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM trail_export WHERE id = $1 FOR UPDATE', [exportId]);
      await queue.resume();

      const holder = await until(
        'a worker holds the job',
        async () => {
          const job = await queue.getJob(exportId);
          return job && (await job.getState()) === 'active' && job.processedBy ? job.processedBy : undefined;
        },
        120_000,
        logs,
      );
      const victim = workers.find((wp) => `${hostname()}:${wp.pid}` === holder);
      const survivor = workers.find((wp) => wp !== victim);
      if (!victim || !survivor) throw new Error(`the job is held by ${holder}, not by one of ${workers.map((wp) => wp.pid).join(', ')}`);
      await victim.killHard();
      await blocker.query('ROLLBACK');

      // The dead worker stops renewing its lock; the stalled-job check hands the job to the survivor.
      await until(
        'the export completed by the other worker',
        async () => (await rows<{ state: string }>('SELECT state FROM trail_export WHERE id = $1', [exportId]))[0]?.state === 'completed',
        120_000,
        logs,
      );
      const job = await queue.getJob(exportId);
      expect(job?.processedBy).toBe(`${hostname()}:${survivor.pid}`);
      expect(await job?.getState()).toBe('completed');
      // Started by the dead worker, then again by the survivor after the stalled-job check handed it on.
      expect(job?.attemptsStarted).toBeGreaterThanOrEqual(2);
      expect(await rows(`SELECT seq FROM activity_record WHERE action = 'trail.exported' AND entity_id = $1`, [exportId])).toHaveLength(1);
      expect(await rows(`SELECT d.id FROM stored_document d JOIN trail_export e ON e.document_id = d.id WHERE e.id = $1`, [exportId])).toHaveLength(1);
      const [{ n }] = await rows<{ n: string }>(`SELECT count(*) AS n FROM stored_document WHERE kind = 'trail-export'`);
      expect(Number(n)).toBe(EXPORTS + 1);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
      await queue.close();
      connection.disconnect();
    }
  }, 300_000);
});
