import { ApiErrorBody, ErrorCode, FinancePaths, PaymentView } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { PaymentsWorld, balances, insertPayment, paymentsWorld } from '../finance/payments.fixtures';

/*
 * Reversal through the api (POST ledger/entries/:id/reverse) of entries that
 * book a business state (from the review of issue 9): reversing the request or
 * "paid" entry of a live or paid payment would leave the payment requested or
 * paid while the books say its money is back, and break "committed ≥ live
 * payments". Such entries are refused with 409 LEDGER_ENTRY_NOT_REVERSIBLE,
 * naming the business action to use instead.
 */
describe('ledger reversal rules: business-state entries are not reversible', () => {
  let api: ApiHarness;
  let w: PaymentsWorld;
  const t = {} as Record<'financeA' | 'financeB' | 'financeC' | 'officer', string>;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await ApiHarness.start('ledger_reversal_rules', { signInIpMaxAttempts: 10_000 });
    w = await paymentsWorld(api);
    t.financeA = await api.signIn('finance@north.test');
    t.financeB = await api.signIn(w.financeB.email);
    t.financeC = await api.signIn(w.financeC.email);
    t.officer = await api.signIn('officer@north.test');
  });
  beforeEach(async () => {
    for (const token of Object.values(t)) await api.reauth(token);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const reverse = (entryId: string, token = t.financeA) => api.request('POST', FinancePaths.reverseEntry(entryId), { cookie: token, body: { reason: 'Booked by mistake' } });

  async function entryOf(paymentId: string, kind: string): Promise<string> {
    const [row] = (await api.dataSource.query(`SELECT id FROM journal_entry WHERE payment_id = $1 AND kind = $2`, [paymentId, kind])) as { id: string }[];
    return row.id;
  }

  it('refuses to reverse the request entry of a live payment (the payment stays requested and payable while the books say it was released)', async () => {
    const { paymentId } = await insertPayment(api, w, { amountMinor: 3_000n, requestedBy: w.north.users.officer.id });
    const response = await reverse(await entryOf(paymentId, 'payment_requested'));
    const after = (await (await api.request('GET', FinancePaths.payment(paymentId), { cookie: t.financeA })).json<PaymentView>()).state;
    expect({ status: response.statusCode, paymentState: after }).toEqual({ status: 409, paymentState: 'requested' });
    expect(response.json<ApiErrorBody>()).toMatchObject({
      code: ErrorCode.LedgerEntryNotReversible,
      params: { kind: 'payment_requested', paymentId, grantId: w.grantId, instead: 'payment.reject,payment.cancel' },
    });
  });

  it('keeps "committed ≥ live payments" for the payments register (reversal of a request lets the same commitment back a second payment)', async () => {
    const ds = api.dataSource;
    // A grant-sized commitment is large; measure the live payments against what the ledger says is committed + requested.
    const { paymentId } = await insertPayment(api, w, { amountMinor: 7_000n, requestedBy: w.north.users.officer.id });
    await reverse(await entryOf(paymentId, 'payment_requested'));
    const [{ live }] = (await ds.query(`SELECT coalesce(sum(amount_minor), 0)::text AS live FROM payment WHERE grant_id = $1 AND state IN ('requested','approved','sent_to_bank')`, [
      w.grantId,
    ])) as { live: string }[];
    const b = await balances(ds, w.grantId);
    // Money the ledger holds for live payments must equal what the live payments ask for.
    expect(b['payment_requested']).toBe(live);
  });

  it('(consequence) a payment whose request entry finance tried to reverse is still rejected with its own money, not other payments\' pooled money', async () => {
    const ds = api.dataSource;
    const { paymentId } = await insertPayment(api, w, { amountMinor: 4_000n, requestedBy: w.north.users.officer.id });
    await reverse(await entryOf(paymentId, 'payment_requested'));
    const before = BigInt((await balances(ds, w.grantId))['payment_requested']);
    const rejected = await api.request('POST', FinancePaths.reject(paymentId), { cookie: t.financeB, body: { reason: 'Wrong account' } });
    const after = BigInt((await balances(ds, w.grantId))['payment_requested']);
    const [{ live }] = (await ds.query(`SELECT coalesce(sum(amount_minor), 0)::text AS live FROM payment WHERE grant_id = $1 AND state IN ('requested','approved','sent_to_bank')`, [
      w.grantId,
    ])) as { live: string }[];
    expect({ status: rejected.statusCode, released: (before - after).toString(), after: after.toString() }).toEqual({ status: 200, released: '4000', after: live });
  });

  it('refuses to reverse the "paid" entry of a paid payment (the payment stays paid, the books say the money is back)', async () => {
    const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.north.users.officer.id });
    expect((await api.request('POST', FinancePaths.approve(paymentId), { cookie: t.financeA })).statusCode).toBe(200);
    const file = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: today, paymentIds: [paymentId] } });
    expect(file.statusCode).toBe(201);
    const paid = await api.request('POST', FinancePaths.paid(paymentId), {
      cookie: t.financeC,
      body: {
        valueDate: '2025-05-09',
        bankReference: 'HB-2025-0509-REV',
        debitedMinor: '5010000',
        transferCurrency: 'USD',
        transferMinor: '515230',
        rate: '0.1030',
        rateSource: 'Handelsbanken advice 4411',
        feesMinor: '2500',
      },
    });
    expect(paid.statusCode).toBe(200);
    const response = await reverse(await entryOf(paymentId, 'payment_paid'));
    const state = (await (await api.request('GET', FinancePaths.payment(paymentId), { cookie: t.financeA })).json<PaymentView>()).state;
    expect({ status: response.statusCode, code: response.statusCode >= 400 ? response.json<ApiErrorBody>().code : null, paymentState: state }).toMatchObject({
      status: 409,
      code: ErrorCode.LedgerEntryNotReversible,
      paymentState: 'paid',
    });
  });
});
