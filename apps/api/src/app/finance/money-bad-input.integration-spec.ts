import { FinancePaths, GrantPaths } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { PaymentsWorld, insertPayment, paymentsWorld } from './payments.fixtures';

/* A battery of bad input on the money routes (from the review of issue 9): each is a 4xx naming the problem, never a 5xx. */
describe('money routes: bad input never gives a 5xx', () => {
  let api: ApiHarness;
  let w: PaymentsWorld;
  const t = {} as Record<'financeA' | 'financeC' | 'officer' | 'applicant', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('money_bad_input', { signInIpMaxAttempts: 10_000 });
    w = await paymentsWorld(api);
    t.financeA = await api.signIn('finance@north.test');
    t.financeC = await api.signIn(w.financeC.email);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    for (const token of Object.values(t)) await api.reauth(token);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('answers 4xx to each', async () => {
    const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.north.users.officer.id });
    expect((await api.request('POST', FinancePaths.approve(paymentId), { cookie: t.financeA })).statusCode).toBe(200);
    const paid = (o: Record<string, unknown>) => ({
      valueDate: '2025-05-09', bankReference: 'HB', debitedMinor: '5000000', transferCurrency: 'USD', transferMinor: '515000', rate: '0.103', rateSource: 'bank', feesMinor: '0', ...o,
    });
    const cases: Array<[string, 'POST' | 'PUT' | 'GET', string, string, unknown, Record<string, string>?]> = [
      ['bank file 2026-02-30', 'POST', FinancePaths.bankFiles, t.financeC, { executionDate: '2026-02-30', paymentIds: [paymentId] }],
      ['bank file 9999-99-99', 'POST', FinancePaths.bankFiles, t.financeC, { executionDate: '9999-12-31', paymentIds: [paymentId.toUpperCase()] }],
      ['paid 2025-02-30', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ valueDate: '2025-02-30' })],
      ['paid rate 1e3', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ rate: '1e3' })],
      ['paid rate number', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ rate: 0.103 })],
      ['paid huge fees', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ feesMinor: '99999999999999999999999' })],
      ['paid fractional', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ debitedMinor: '5000000.5' })],
      ['paid negative', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ transferMinor: '-1' })],
      ['paid huge rate', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ rate: '9999999999999999.999999999999' })],
      ['paid long reference', 'POST', FinancePaths.paid(paymentId), t.financeC, paid({ bankReference: 'x'.repeat(100_000) })],
      ['rate 2026-02-30', 'POST', FinancePaths.rates, t.financeA, { rateDate: '2026-02-30', base: 'SEK', quote: 'USD', rate: '0.1', source: 'x' }],
      ['rate same pair', 'POST', FinancePaths.rates, t.financeA, { rateDate: '2025-01-02', base: 'SEK', quote: 'SEK', rate: '1', source: 'x' }],
      ['rate huge', 'POST', FinancePaths.rates, t.financeA, { rateDate: '2025-01-02', base: 'SEK', quote: 'IQD', rate: '99999999999999999', source: 'x' }],
      ['rate list bad from', 'GET', `${FinancePaths.rates}?from=2026-02-30`, t.financeA, undefined],
      ['suggest bad date', 'GET', `${FinancePaths.suggestedRate}?base=SEK&quote=USD&valueDate=2026-02-30`, t.financeA, undefined],
      ['settings huge threshold', 'PUT', FinancePaths.settings, t.financeA, { secondApprovalThresholdMinor: '9223372036854775808', threePeople: true, reason: 'x' }],
      ['receipt huge', 'POST', GrantPaths.confirmReceipt(paymentId), t.applicant, { receivedMinor: '99999999999999999999', receivedCurrency: 'USD' }],
      ['idempotency key unicode', 'POST', FinancePaths.reject(paymentId), t.financeA, { reason: 'x' }, { 'Idempotency-Key': 'ключ' }],
      ['statement of a non-uuid', 'GET', FinancePaths.grantStatement('not-a-uuid'), t.financeA, undefined],
      ['statement bad from', 'GET', `${FinancePaths.grantStatement(w.grantId)}?from=2026-02-30`, t.financeA, undefined],
      ['trial balance bad asOf', 'GET', `${FinancePaths.trialBalance(w.programId)}?asOf=2026-02-30`, t.financeA, undefined],
      ['payments bad page', 'GET', `${FinancePaths.payments}?page=99999999999999999999`, t.financeA, undefined],
      ['payments bad state', 'GET', `${FinancePaths.payments}?state=%00`, t.financeA, undefined],
    ];
    const results: string[] = [];
    for (const [label, method, path, cookie, body, headers] of cases) {
      const r = await api.request(method as 'POST', path, { cookie, body, headers });
      results.push(`${r.statusCode} ${label}${r.statusCode >= 500 ? ` ${r.body.slice(0, 200)}` : ''}`);
    }
    console.log(results.join('\n'));
    expect(results.filter((r) => r.startsWith('5'))).toEqual([]);
  });
});
