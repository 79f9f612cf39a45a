import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiErrorBody, AuditPaths, AuditReportView, ErrorCode, ReconciliationView, VerificationPaths } from '@mizan/contracts';
import { pdfTextItems } from '@mizan/contracts/testing';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';
import { GrantWorld, grantWorld } from '../grants/grants.fixtures';
import { createUser } from '../intake/applications/applications.fixtures';
import { PaidGrant, grantWithPaidTranche, simpleFinanceSettings, submittedLine, submittedReport } from '../verification/verification.fixtures';
import { EngagementFixture, insertEngagement, insertFinding, insertSample } from '../../testing/audit-fixtures';

const ROOT = join(__dirname, '../../../../..');

/*
 * Ledger reconciliation and audit reports on the real database, api and worker: the reconciliation of a grant whose
 * first tranche was paid and whose lines were verified (one partly ineligible, part of it repaid) balances, and finds
 * a planted payment recorded paid with no ledger posting; twenty identical report requests make one row and one job;
 * the worker streams the PDF (sample, finding, Arabic names, trail head hash) into the store; asking again for the
 * same data returns the same report; final reports need an opinion and supersede with a reason; tools/mizan
 * verify-report recognizes the file; and a worker killed with -9 mid-report leaves exactly one report.
 */
describe('audit reconciliation and reports', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  let paid: PaidGrant;
  let engagement: EngagementFixture;
  let worker: WorkerProcess | undefined;
  const t = {} as Record<'officer' | 'finance' | 'auditor' | 'otherAuditor' | 'southOfficer' | 'applicant', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('audit-reports', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    await simpleFinanceSettings(api, w.north.agency.id);
    const otherAuditor = await createUser(api.dataSource, w.north.agency.id, 'auditor2@north.test', 'auditor');
    t.officer = await api.signIn('officer@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.auditor = await api.signIn('auditor@north.test');
    t.otherAuditor = await api.signIn(otherAuditor.email);
    t.southOfficer = await api.signIn('officer@south.test');
    t.applicant = await api.signIn('applicant@north.test');
    paid = await grantWithPaidTranche(api, w, t);
    // Two verified lines: one accepted, one partly ineligible (a refund receivable), and part of the refund repaid.
    const report = await submittedReport(api, paid.grant, w.applicantId);
    const accepted = await submittedLine(api, report, { amountMinor: 100_000n, currency: 'SEK', createdBy: w.applicantId });
    const partly = await submittedLine(api, report, { amountMinor: 50_000n, currency: 'SEK', createdBy: w.applicantId });
    const ok = async (path: string, cookie: string, body: unknown, headers?: Record<string, string>) => {
      const response = await api.request('POST', path, { cookie, body, headers });
      if (response.statusCode >= 300) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
    };
    await ok(VerificationPaths.verifyLine(report.id, accepted.id), t.officer, { decision: 'accept', rowVersion: 1 });
    await ok(VerificationPaths.verifyLine(report.id, partly.id), t.officer, { decision: 'ineligible', rowVersion: 1, ineligibleMinor: '20000', reason: 'No receipt for part' });
    await ok(VerificationPaths.refundRepayments(paid.grant.id), t.finance, { amountMinor: '5000', receivedOn: new Date().toISOString().slice(0, 10), reference: 'IN-2026-7' }, { 'Idempotency-Key': 'audit-repay-1' });

    engagement = await insertEngagement(api.dataSource, {
      agencyId: w.north.agency.id,
      scope: { kind: 'program', id: paid.grant.programId },
      sample: {},
      createdBy: w.north.users.officer.id,
      auditorIds: [w.north.users.auditor.id],
    });
    await insertSample(api.dataSource, engagement.id, paid.grant.id, 240, w.north.users.auditor.id);
    await insertFinding(api.dataSource, {
      engagementId: engagement.id,
      agencyId: w.north.agency.id,
      grantId: paid.grant.id,
      pickOrder: 7,
      raisedBy: w.north.users.auditor.id,
      responder: w.applicantId,
      title: 'Ineligible expenditure on fuel',
      affectedMinor: '25000',
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  const get = (path: string, cookie: string) => api.request('GET', path, { cookie });
  const post = (path: string, cookie: string, body: unknown) => api.request('POST', path, { cookie, body });
  const rows = <T>(sql: string, params: unknown[] = []) => api.dataSource.query(sql, params) as Promise<T[]>;

  async function waitFor(reportId: string, state: 'done' | 'failed' = 'done', timeoutMs = 120_000): Promise<AuditReportView> {
    const started = Date.now();
    for (;;) {
      const response = await get(AuditPaths.report(engagement.id, reportId), t.auditor);
      const view = response.json<AuditReportView>();
      if (view.state === state) return view;
      if (view.state === 'failed') throw new Error(`report ${reportId} failed: ${view.error}\n${worker?.log ?? ''}`);
      if (Date.now() - started > timeoutMs) throw new Error(`report ${reportId} still ${view.state} after ${timeoutMs} ms\n${worker?.log ?? ''}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  describe('reconciliation', () => {
    it('balances the paid tranche, the verified lines and the refunds of the scope, for the auditor and the planner', async () => {
      const response = await get(AuditPaths.reconciliation(engagement.id), t.auditor);
      expect(response.statusCode).toBe(200);
      const view = response.json<ReconciliationView>();
      const line = (check: string) => view.lines.find((l) => l.grantId === paid.grant.id && l.check === check);
      const tranche = paid.grant.tranches[0].amountMinor;
      expect(line('payments_ledger_vs_bank')).toMatchObject({ leftMinor: tranche, rightMinor: tranche, differenceMinor: '0' });
      // 100,000 accepted + (50,000 − 20,000) partly ineligible.
      expect(line('expenditure_ledger_vs_lines')).toMatchObject({ leftMinor: '130000', rightMinor: '130000', differenceMinor: '0' });
      expect(line('refunds_due_vs_received')).toMatchObject({ leftMinor: '20000', rightMinor: '5000', differenceMinor: '15000' });
      expect(view.differences).toEqual([expect.objectContaining({ code: 'refund_outstanding', grantId: paid.grant.id, amountMinor: '15000', params: { dueMinor: '20000', receivedMinor: '5000', outstandingMinor: '15000' } })]);
      expect(view.balanced).toBe(true);
      expect((await get(AuditPaths.reconciliation(engagement.id), t.officer)).statusCode).toBe(200);
    });

    it('another agency’s officer, an auditor not on the engagement and a grantee get 404', async () => {
      for (const token of [t.southOfficer, t.otherAuditor, t.applicant]) {
        expect((await get(AuditPaths.reconciliation(engagement.id), token)).statusCode).toBe(404);
        expect((await get(AuditPaths.reports(engagement.id), token)).statusCode).toBe(404);
      }
      expect((await post(AuditPaths.reports(engagement.id), t.otherAuditor, { final: false })).statusCode).toBe(404);
      expect((await post(AuditPaths.reports(engagement.id), t.officer, { final: false })).statusCode).toBe(403);
    });
  });

  describe('reports', () => {
    let draft: AuditReportView;

    it('a final report without an opinion is refused naming the field, and nothing is written', async () => {
      const response = await post(AuditPaths.reports(engagement.id), t.auditor, { final: true });
      expect(response.statusCode).toBe(422);
      expect(response.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.AuditOpinionRequired, fields: [{ field: 'opinion' }] });
      expect((await post(AuditPaths.reports(engagement.id), t.auditor, { final: true, opinion: 'brilliant' })).statusCode).toBe(400);
      expect(await rows('SELECT id FROM audit_report WHERE engagement_id = $1', [engagement.id])).toEqual([]);
    });

    it('twenty identical requests at once make one report row, one trail record and one job', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, () => post(AuditPaths.reports(engagement.id), t.auditor, { final: false })));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(202));
      const ids = new Set(responses.map((r) => r.json<AuditReportView>().id));
      expect(ids.size).toBe(1);
      draft = responses[0].json<AuditReportView>();
      expect(draft).toMatchObject({ version: 1, final: false, state: 'queued', total: 240 });
      expect(await rows('SELECT id FROM audit_report WHERE engagement_id = $1', [engagement.id])).toHaveLength(1);
      expect(await rows(`SELECT seq FROM activity_record WHERE action = 'audit.report_requested' AND entity_id = $1`, [draft.id])).toHaveLength(1);
    });

    it('the worker streams the PDF into the store: the sample, the finding, the Arabic names and the trail head hash', async () => {
      worker = await WorkerProcess.start(api.env.config);
      const done = await waitFor(draft.id);
      expect(done).toMatchObject({ state: 'done', progress: 240, total: 240, trailVerified: true });
      expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
      const file = await get(AuditPaths.reportFile(engagement.id, draft.id), t.officer);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      const pdf = file.rawPayload;
      expect(file.headers['x-content-sha256']).toBe(done.sha256);
      const text = pdfTextItems(pdf)
        .map((i) => i.text)
        .join(' ')
        .replace(/\s+/g, ' ');
      for (const expected of [engagement.reference, 'DRAFT', 'Ineligible expenditure on fuel', 'فاطمة الزهراء', 'دفعة الشريحة', 'Tranche payment 239', done.trailHeadHash as string, 'Verification: INTACT', paid.grant.grantNumber, 'refund_outstanding']) {
        expect(text).toContain(expected);
      }
      const [issued] = await rows<{ after: Record<string, unknown> }>(`SELECT after FROM activity_record WHERE action = 'audit.report_issued' AND entity_id = $1`, [draft.id]);
      expect(issued.after).toMatchObject({ sha256: done.sha256, version: 1, final: false });
      const [doc] = await rows<{ sha256: string; size_bytes: string }>('SELECT sha256, size_bytes::text AS size_bytes FROM stored_document WHERE id = (SELECT document_id FROM audit_report WHERE id = $1)', [draft.id]);
      expect(doc).toEqual({ sha256: done.sha256, size_bytes: String(pdf.length) });

      // tools/mizan verify-report: the file is a report Mizan issued; one changed byte and it is not.
      const path = join(api.env.config.storageDir, 'downloaded.pdf');
      await writeFile(path, pdf);
      const cli = (file: string) =>
        spawnSync(join(ROOT, 'tools', 'mizan'), ['verify-report', file], { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: api.env.config.databaseUrl }, encoding: 'utf8', timeout: 60_000 });
      const yes = cli(path);
      expect(`${yes.stdout}${yes.stderr}`).toContain('issued: yes');
      expect(yes.stdout).toContain(`engagement: ${engagement.reference}`);
      expect(yes.stdout).toContain('version 1, draft');
      expect(yes.status).toBe(0);
      const changed = Buffer.from(await readFile(path));
      changed[changed.length - 10] ^= 1;
      await writeFile(path, changed);
      const no = cli(path);
      expect(no.stdout).toContain('issued: no');
      expect(no.status).toBe(1);
    }, 180_000);

    it('asking again for the same data returns the same report; the snapshot is reproducible', async () => {
      const again = await post(AuditPaths.reports(engagement.id), t.auditor, { final: false });
      expect(again.json<AuditReportView>()).toMatchObject({ id: draft.id, state: 'done', snapshotSha256: draft.snapshotSha256 });
      expect(await rows('SELECT id FROM audit_report WHERE engagement_id = $1', [engagement.id])).toHaveLength(1);
    });

    it('final reports: an opinion, then a second final only with a reason, superseding the first once', async () => {
      const first = await post(AuditPaths.reports(engagement.id), t.auditor, { final: true, opinion: 'qualified' });
      expect(first.statusCode).toBe(202);
      const v2 = first.json<AuditReportView>();
      expect(v2).toMatchObject({ version: 2, final: true });
      // Same data, but a final report is not the draft: its own row and snapshot (the opinion is in it).
      expect(v2.snapshotSha256).not.toBe(draft.snapshotSha256);
      await waitFor(v2.id);
      const again = await post(AuditPaths.reports(engagement.id), t.auditor, { final: true, opinion: 'adverse' });
      expect(again.statusCode).toBe(409);
      expect(again.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.AuditFinalReportExists, fields: [{ field: 'supersedeReason' }] });
      const superseding = await post(AuditPaths.reports(engagement.id), t.auditor, { final: true, opinion: 'adverse', supersedeReason: 'The refund was not received after all' });
      expect(superseding.statusCode).toBe(202);
      const v3 = superseding.json<AuditReportView>();
      expect(v3).toMatchObject({ version: 3, final: true, supersedesId: v2.id, supersedeReason: 'The refund was not received after all' });
      const old = (await get(AuditPaths.report(engagement.id, v2.id), t.auditor)).json<AuditReportView>();
      expect(old).toMatchObject({ supersededById: v3.id, state: 'done', sha256: v2.sha256 ?? old.sha256 });
      const [record] = await rows<{ reason: string }>(`SELECT reason FROM activity_record WHERE action = 'audit.report_superseded' AND entity_id = $1`, [v2.id]);
      expect(record.reason).toBe('The refund was not received after all');
      await waitFor(v3.id);
      // A final report never changes: not even through the database, and superseded_by only once.
      await expect(api.dataSource.query(`UPDATE audit_report SET sha256 = repeat('0', 64) WHERE id = $1`, [v2.id])).rejects.toThrow(/final and cannot be changed/);
      await expect(api.dataSource.query(`UPDATE audit_report SET superseded_by = $2 WHERE id = $1`, [v2.id, draft.id])).rejects.toThrow(/final and cannot be changed/);
      const listed = (await get(AuditPaths.reports(engagement.id), t.officer)).json<AuditReportView[]>();
      expect(listed.map((r) => r.version)).toEqual([3, 2, 1]);
    }, 180_000);
  });

  it('finds a planted difference: a payment recorded paid with a bank reference and no ledger posting', async () => {
    // The payment guards refuse a payment born paid, so it is planted as the database's administrator would, with the
    // triggers of this session off: what someone with full database rights could do, which the reconciliation must show.
    const trancheId = randomUUID();
    const payment = { id: randomUUID() };
    await api.env.queryAs(
      'superuser',
      `SET session_replication_role = replica;
       INSERT INTO tranche (id, grant_id, seq, planned_on, amount_minor, currency, state) VALUES ('${trancheId}', '${paid.grant.id}', 99, CURRENT_DATE, 12345, 'SEK', 'paid');
       INSERT INTO payment (id, agency_id, program_id, grant_id, tranche_id, amount_minor, currency, state, required_approvals, three_people, requested_by, approved_by, approved_at,
                            paid_by, paid_at, value_date, bank_reference, debited_minor, transfer_currency, transfer_minor, rate, rate_source, fees_minor)
       VALUES ('${payment.id}', '${w.north.agency.id}', '${paid.grant.programId}', '${paid.grant.id}', '${trancheId}', 12345, 'SEK', 'paid', 1, false,
               '${w.north.users.officer.id}', '${w.north.users.finance.id}', now(), '${w.north.users.finance.id}', now(), CURRENT_DATE, 'PLANTED-1', 12345, 'SEK', 12345, 1, 'same currency', 0);
       SET session_replication_role = DEFAULT;`,
    );
    const view = (await get(AuditPaths.reconciliation(engagement.id), t.auditor)).json<ReconciliationView>();
    expect(view.balanced).toBe(false);
    expect(view.differences).toContainEqual(
      expect.objectContaining({
        check: 'payments_ledger_vs_bank',
        code: 'payment_not_on_ledger',
        entityType: 'payment',
        entityId: payment.id,
        amountMinor: '12345',
        params: { paymentId: payment.id, bankReference: 'PLANTED-1', recordedMinor: '12345' },
      }),
    );
    const line = view.lines.find((l) => l.check === 'payments_ledger_vs_bank' && l.grantId === paid.grant.id);
    expect(line?.differenceMinor).toBe('-12345');
  });

  it('kill -9 mid-report: the next worker finishes it, and exactly one report, one document and one issue record result', async () => {
    await worker?.stop();
    worker = undefined;
    const big = await insertEngagement(api.dataSource, { agencyId: w.north.agency.id, scope: { kind: 'program', id: paid.grant.programId }, sample: {}, createdBy: w.north.users.officer.id, auditorIds: [w.north.users.auditor.id] });
    await insertSample(api.dataSource, big.id, paid.grant.id, 8_000, w.north.users.auditor.id);
    const requested = (await post(AuditPaths.reports(big.id), t.auditor, { final: false })).json<AuditReportView>();
    expect(requested.total).toBe(8_000);
    const progress = async () => (await rows<{ state: string; progress: number }>('SELECT state, progress FROM audit_report WHERE id = $1', [requested.id]))[0];

    const first = await WorkerProcess.start(api.env.config);
    const started = Date.now();
    while ((await progress()).progress === 0) {
      if (Date.now() - started > 120_000) throw new Error(`no progress in 120 s\n${first.log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await first.killHard();
    const mid = await progress();
    expect(mid.state).toBe('running');
    expect(mid.progress).toBeGreaterThan(0);
    expect(mid.progress).toBeLessThan(8_000);

    worker = await WorkerProcess.start(api.env.config);
    const deadline = Date.now() + 180_000;
    while ((await progress()).state !== 'done') {
      if (Date.now() > deadline) throw new Error(`not rebuilt in 180 s\n${worker.log}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await rows('SELECT id FROM audit_report WHERE engagement_id = $1', [big.id])).toHaveLength(1);
    const [row] = await rows<{ document_id: string; sha256: string }>('SELECT document_id, sha256 FROM audit_report WHERE id = $1', [requested.id]);
    const docs = await rows<{ id: string }>(`SELECT id FROM stored_document WHERE kind = 'audit-report' AND file_name LIKE $1`, [`audit-report-${big.reference}-%`]);
    expect(docs).toEqual([{ id: row.document_id }]);
    expect(await rows(`SELECT seq FROM activity_record WHERE action = 'audit.report_issued' AND entity_id = $1`, [requested.id])).toHaveLength(1);
    // The rebuilt file is whole: its hash is the one on record.
    const file = await get(AuditPaths.reportFile(big.id, requested.id), t.auditor);
    expect(file.headers['x-content-sha256']).toBe(row.sha256);
    expect(file.rawPayload.subarray(-6).toString()).toContain('%%EOF');
  }, 420_000);

  it('a sampled item changed after the request: the build fails with snapshot_changed, nothing is issued, and asking again builds anew', async () => {
    await worker?.stop();
    worker = undefined;
    const small = await insertEngagement(api.dataSource, { agencyId: w.north.agency.id, scope: { kind: 'program', id: paid.grant.programId }, sample: {}, createdBy: w.north.users.officer.id, auditorIds: [w.north.users.auditor.id] });
    await insertSample(api.dataSource, small.id, paid.grant.id, 30, w.north.users.auditor.id);
    const first = (await post(AuditPaths.reports(small.id), t.auditor, { final: false })).json<AuditReportView>();
    await api.dataSource.query(`UPDATE audit_sample_item SET notes = 'Retested: receipt found', row_version = row_version + 1 WHERE engagement_id = $1 AND pick_order = 3`, [small.id]);
    worker = await WorkerProcess.start(api.env.config);
    const state = async (id: string) => (await rows<{ state: string; error: string | null }>('SELECT state, error FROM audit_report WHERE id = $1', [id]))[0];
    const deadline = Date.now() + 120_000;
    while ((await state(first.id)).state !== 'failed') {
      if (Date.now() > deadline) throw new Error(`not failed in 120 s: ${JSON.stringify(await state(first.id))}\n${worker.log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await state(first.id)).toEqual({ state: 'failed', error: 'snapshot_changed' });
    expect(await rows(`SELECT seq FROM activity_record WHERE action = 'audit.report_issued' AND entity_id = $1`, [first.id])).toEqual([]);
    const second = (await post(AuditPaths.reports(small.id), t.auditor, { final: false })).json<AuditReportView>();
    expect(second.id).not.toBe(first.id);
    expect(second.version).toBe(2);
    const until = Date.now() + 120_000;
    while ((await state(second.id)).state !== 'done') {
      if (Date.now() > until) throw new Error(`not done in 120 s\n${worker.log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 300_000);
});
