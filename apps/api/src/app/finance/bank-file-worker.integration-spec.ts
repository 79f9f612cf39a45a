import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { BankFileView, FinancePaths, PaymentView } from '@mizan/contracts';
import { PAIN001_NAMESPACE } from '@mizan/server/finance';
import { JobProducer, QueueName } from '@mizan/server/jobs';
import { ApiHarness } from '../../testing/api-harness';
import { WorkerProcess } from '../../testing/worker-process';
import { PaymentsWorld, insertPayment, paymentsWorld } from './payments.fixtures';

/**
 * The bank file end to end: the api writes the file's row and queues the job,
 * the real worker process (apps/worker) picks it up from Redis, writes the
 * pain.001 XML and records its SHA-256; the api serves it.
 */
describe('bank file through the real worker', () => {
  let api: ApiHarness;
  let worker: WorkerProcess;
  let w: PaymentsWorld;
  const t = {} as Record<'financeA' | 'financeC', string>;
  /** A file whose job never reached Redis (as when Redis was away at that moment): the worker's sweep must queue it. */
  let orphanId: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await ApiHarness.start('bank_file_worker', { signInIpMaxAttempts: 10_000 });
    w = await paymentsWorld(api);
    t.financeA = await api.signIn('finance@north.test');
    t.financeC = await api.signIn(w.financeC.email);
    await api.reauth(t.financeA);
    await api.reauth(t.financeC);
    const { paymentId } = await insertPayment(api, w, { amountMinor: 900_000n, requestedBy: w.north.users.officer.id });
    expect((await api.request('POST', FinancePaths.approve(paymentId), { cookie: t.financeA })).statusCode).toBe(200);
    const orphan = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: today, paymentIds: [paymentId] } });
    orphanId = orphan.json<BankFileView>().id;
    expect(await api.app.get(JobProducer).queue(QueueName.Documents).remove(orphanId)).toBe(1);
    await api.dataSource.query(`UPDATE bank_file SET created_at = now() - interval '5 minutes' WHERE id = $1`, [orphanId]);
    worker = await WorkerProcess.start(api.env.config);
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
  });

  async function finished(id: string): Promise<BankFileView> {
    const seen = new Set<string>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const file = (await api.request('GET', FinancePaths.bankFile(id), { cookie: t.financeC })).json<BankFileView>();
      seen.add(file.state);
      if (file.state === 'done' || file.state === 'failed') return file;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`bank file ${id} did not finish; states seen: ${[...seen].join(', ')}\n${worker.log}`);
  }

  it('three approved payments: queued, built by the worker, downloaded, parsed, hash on the trail', async () => {
    const ids: string[] = [];
    for (const amount of [1_000_000n, 2_500_050n, 700_000n]) {
      const { paymentId } = await insertPayment(api, w, { amountMinor: amount, requestedBy: w.north.users.officer.id });
      const approved = await api.request('POST', FinancePaths.approve(paymentId), { cookie: t.financeA });
      expect(approved.json<PaymentView>().state).toBe('approved');
      ids.push(paymentId);
    }
    const created = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: today, paymentIds: ids } });
    expect(created.statusCode).toBe(201);
    const file = await finished(created.json<BankFileView>().id);
    expect(file).toMatchObject({ state: 'done', paymentCount: 3, controlSumMinor: '4200050', error: null });

    const download = await api.request('GET', FinancePaths.bankFileDownload(file.id), { cookie: t.financeC });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/xml');
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(file.sha256);
    const document = new (new JSDOM('').window.DOMParser)().parseFromString(download.body, 'application/xml');
    expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
    const text = (tag: string) => Array.from(document.getElementsByTagNameNS(PAIN001_NAMESPACE, tag)).map((e) => e.textContent);
    expect(text('NbOfTxs')).toEqual(['3', '3']);
    expect(text('CtrlSum')).toEqual(['42000.50', '42000.50']);
    expect(text('InstdAmt').sort()).toEqual(['10000.00', '25000.50', '7000.00']);
    expect(text('EndToEndId').sort()).toEqual(ids.map((id) => id.replace(/-/g, '')).sort());

    const trail = (await api.dataSource.query(`SELECT action, actor_label, after FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [file.id])) as {
      action: string;
      actor_label: string;
      after: { sha256?: string };
    }[];
    expect(trail.map((r) => r.action)).toEqual(['bank_file.created', 'bank_file.build_started', 'bank_file.built']);
    expect(trail[1]).toMatchObject({ actor_label: 'system', after: { state: 'running' } });
    expect(trail[2]).toMatchObject({ actor_label: 'system', after: { sha256: file.sha256 } });
  });

  it("a file left queued without its job is picked up by the worker's sweep", async () => {
    const file = await finished(orphanId);
    expect(file).toMatchObject({ state: 'done', paymentCount: 1, controlSumMinor: '900000' });
  });
});
