import { ApiErrorBody, BankFileView, ErrorCode, FinancePaths, PaymentView } from '@mizan/contracts';
import { BankFileBuilder } from '@mizan/server/finance';
import { TrailService } from '@mizan/server/trail';
import { ApiHarness } from '../../testing/api-harness';
import { PaymentsWorld, insertPayment, paymentsWorld } from './payments.fixtures';

/*
 * Bank-file rules (from the review of issue 9): payment ids compare case-
 * insensitively; the execution date is today or later and at most 366 days
 * ahead; creating a file re-authenticates; the build's 'running' and 'failed'
 * states are on the trail; finance releases a file whose build FAILED, its
 * payments going back to approved (bank_file_id cleared), ready for a new file.
 */
describe('bank files: rules', () => {
  let api: ApiHarness;
  let w: PaymentsWorld;
  let builder: BankFileBuilder;
  const t = {} as Record<'financeA' | 'financeC' | 'southFinance', string>;
  const today = new Date().toISOString().slice(0, 10);
  const daysAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await ApiHarness.start('bank_file_rules', { signInIpMaxAttempts: 10_000 });
    w = await paymentsWorld(api);
    t.financeA = await api.signIn('finance@north.test');
    t.financeC = await api.signIn(w.financeC.email);
    t.southFinance = await api.signIn('finance@south.test');
    builder = new BankFileBuilder(api.dataSource, api.app.get(TrailService), { storageDir: api.env.config.storageDir });
  });
  beforeEach(async () => {
    for (const token of Object.values(t)) await api.reauth(token);
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function approvedPayment(amountMinor = 100_000n): Promise<string> {
    const { paymentId } = await insertPayment(api, w, { amountMinor, requestedBy: w.north.users.officer.id });
    expect((await api.request('POST', FinancePaths.approve(paymentId), { cookie: t.financeA })).statusCode).toBe(200);
    return paymentId;
  }
  const create = (body: object, cookie = t.financeC) => api.request('POST', FinancePaths.bankFiles, { cookie, body });
  const trailOf = async (entityId: string) =>
    ((await api.dataSource.query(`SELECT action, before, after, reason, actor_label FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [entityId])) as {
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      reason: string | null;
      actor_label: string;
    }[]);

  it('finds a payment named by its upper-case id', async () => {
    const paymentId = await approvedPayment();
    const response = await create({ executionDate: today, paymentIds: [paymentId.toUpperCase()] });
    expect(response.statusCode).toBe(201);
    expect(((await api.dataSource.query('SELECT bank_file_id FROM payment WHERE id = $1', [paymentId])) as { bank_file_id: string }[])[0].bank_file_id).toBe(
      response.json<BankFileView>().id,
    );
  });

  it('refuses an execution date in the past or more than 366 days ahead (400 naming executionDate), writing nothing', async () => {
    const paymentId = await approvedPayment();
    // Two days back is in the past everywhere on Earth; 365 ahead is inside the window wherever "today" is (the server counts from UTC−12).
    for (const executionDate of [daysAhead(-2), daysAhead(367), '9999-12-31']) {
      const response = await create({ executionDate, paymentIds: [paymentId] });
      expect({ executionDate, status: response.statusCode, field: response.json<ApiErrorBody>().fields?.[0]?.field }).toEqual({ executionDate, status: 400, field: 'executionDate' });
    }
    const [{ state }] = (await api.dataSource.query('SELECT state FROM payment WHERE id = $1', [paymentId])) as { state: string }[];
    expect(state).toBe('approved');
    expect((await create({ executionDate: daysAhead(365), paymentIds: [paymentId] })).statusCode).toBe(201);
  });

  it('re-authenticates the creation of a bank file', async () => {
    const paymentId = await approvedPayment();
    const stale = await api.signIn(w.financeC.email);
    const response = await create({ executionDate: today, paymentIds: [paymentId] }, stale);
    expect(response.statusCode).toBe(403);
    expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
  });

  it("puts the build's running and done states on the trail", async () => {
    const paymentId = await approvedPayment();
    const file = (await create({ executionDate: today, paymentIds: [paymentId] })).json<BankFileView>();
    expect(await builder.build(file.id)).toBe('done');
    expect((await trailOf(file.id)).map((r) => [r.action, r.before?.['state'] ?? null, r.after?.['state'] ?? null])).toEqual([
      ['bank_file.created', null, null],
      ['bank_file.build_started', 'queued', 'running'],
      ['bank_file.built', null, null],
    ]);
  });

  describe('a failed build', () => {
    let fileId: string;
    let paymentIds: string[];

    beforeAll(async () => {
      for (const token of Object.values(t)) await api.reauth(token);
      paymentIds = [await approvedPayment(200_000n), await approvedPayment(300_000n)];
      fileId = (await create({ executionDate: today, paymentIds })).json<BankFileView>().id;
      // The worker's last attempt failed.
      await builder.markFailed(fileId, 'storage unavailable');
    });

    it('is on the trail, with the error', async () => {
      expect((await trailOf(fileId)).find((r) => r.action === 'bank_file.build_failed')).toMatchObject({ before: { state: 'queued' }, after: { state: 'failed', error: 'storage unavailable' } });
      const file = (await api.request('GET', FinancePaths.bankFile(fileId), { cookie: t.financeA })).json<BankFileView>();
      expect(file).toMatchObject({ state: 'failed', error: 'storage unavailable' });
    });

    it('cannot be released by another agency (404), nor without a reason (400); a file that did not fail cannot be released (409)', async () => {
      const release = (id: string, cookie: string, body: object = { reason: 'Build failed; payments go into a new file' }) =>
        api.request('POST', FinancePaths.bankFileRelease(id), { cookie, body });
      expect((await release(fileId, t.southFinance)).statusCode).toBe(404);
      expect((await release(fileId, t.financeA, { reason: '  ' })).statusCode).toBe(400);
      const other = (await create({ executionDate: today, paymentIds: [await approvedPayment()] })).json<BankFileView>();
      const queued = await release(other.id, t.financeA);
      expect(queued.statusCode).toBe(409);
      expect(queued.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.BankFileNotReleasable, params: { state: 'queued' } });
    });

    it('is released by finance: its payments go back to approved, out of the file, on the trail, and into a new file', async () => {
      const released = await api.request('POST', FinancePaths.bankFileRelease(fileId), { cookie: t.financeA, body: { reason: 'Build failed; payments go into a new file' } });
      expect(released.statusCode).toBe(200);
      for (const id of paymentIds) {
        const payment = (await api.request('GET', FinancePaths.payment(id), { cookie: t.financeA })).json<PaymentView>();
        expect({ state: payment.state, bankFileId: payment.bankFileId }).toEqual({ state: 'approved', bankFileId: null });
        expect((await trailOf(id)).at(-1)).toMatchObject({
          action: 'payment.released_from_bank_file',
          before: { state: 'sent_to_bank', bankFileId: fileId },
          after: { state: 'approved', bankFileId: null },
          actor_label: 'finance@north.test',
        });
      }
      expect((await trailOf(fileId)).at(-1)).toMatchObject({ action: 'bank_file.released', reason: 'Build failed; payments go into a new file' });
      const again = await api.request('POST', FinancePaths.bankFileRelease(fileId), { cookie: t.financeA, body: { reason: 'Once more' } });
      expect(again.statusCode).toBe(409);
      expect(again.json<ApiErrorBody>().code).toBe(ErrorCode.BankFileNotReleasable);
      // The released file is not built any more.
      expect(await builder.build(fileId)).toBe('skipped');
      expect((await create({ executionDate: today, paymentIds })).statusCode).toBe(201);
    });
  });
});
