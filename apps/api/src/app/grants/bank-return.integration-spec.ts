import { ApiErrorBody, ErrorCode, FinancePaths, GrantPaths, GrantView, PaymentView } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { createUser } from '../intake/applications/applications.fixtures';
import { GrantWorld, Tokens, activeGrant, grantWorld } from './grants.fixtures';

/*
 * "Nothing can be paid twice" (from the review of issue 9): a payment in a bank
 * file could be declared "returned by the bank" (reject of a sent_to_bank
 * payment) by ONE finance user, the same day, with any text and no bank
 * evidence; the tranche went back to planned and into a SECOND bank file. A
 * bank return now needs the bank's return reference, the file's execution date
 * reached, and a finance user who neither created the file nor (three people)
 * approved the payment; it is on the trail with the reference and the file.
 */
describe('bank return: a tranche in at most one bank file', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Tokens & Record<'finance' | 'finance2' | 'finance4', string>;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await ApiHarness.start('bank_return', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    await createUser(api.dataSource, w.north.agency.id, 'finance2@north.test', 'finance');
    await createUser(api.dataSource, w.north.agency.id, 'finance4@north.test', 'finance');
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.finance2 = await api.signIn('finance2@north.test');
    t.finance4 = await api.signIn('finance4@north.test');
    await api.dataSource.query(
      `INSERT INTO finance_settings (agency_id, agency_name, agency_iban, agency_bic) VALUES ($1, 'Agency', 'SE4550000000058398257466', 'ESSESESS')
       ON CONFLICT (agency_id) DO UPDATE SET agency_name = EXCLUDED.agency_name, agency_iban = EXCLUDED.agency_iban, agency_bic = EXCLUDED.agency_bic`,
      [w.north.agency.id],
    );
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  let grant: GrantView;
  /** The first tranche's payment, sent to the bank in a file made by `finance` (who also approved it). */
  let p1: string;
  const approveAll = async (paymentId: string) => {
    for (const token of [t.finance, t.finance2]) {
      await api.reauth(token);
      const r = await api.request('POST', FinancePaths.approve(paymentId), { cookie: token });
      if ((await api.request('GET', FinancePaths.payment(paymentId), { cookie: t.finance })).json<{ state: string }>().state === 'approved') return r.statusCode;
    }
    return -1;
  };
  beforeEach(async () => {
    for (const token of [t.finance, t.finance2, t.finance4]) await api.reauth(token);
  });

  it('keeps a tranche in at most one bank file', async () => {
    grant = await activeGrant(api, w, t);
    const tranche = grant.tranches[0];
    const r1 = await api.request('POST', GrantPaths.trancheRelease(grant.id, tranche.id), { cookie: t.officer, body: { note: 'First tranche' } });
    expect(r1.statusCode).toBe(201);
    p1 = r1.json<{ paymentId: string }>().paymentId;
    expect(await approveAll(p1)).toBe(200);
    expect((await api.request('POST', FinancePaths.bankFiles, { cookie: t.finance, body: { executionDate: today, paymentIds: [p1] } })).statusCode).toBe(201);
    // One finance user, same day, no evidence:
    await api.reauth(t.finance);
    const returned = await api.request('POST', FinancePaths.reject(p1), { cookie: t.finance, body: { reason: 'returned' } });
    expect(returned.statusCode).toBe(400);
    expect(returned.json<ApiErrorBody>().fields?.[0]?.field).toBe('bankReturnReference');
    const byCreator = await api.request('POST', FinancePaths.reject(p1), { cookie: t.finance, body: { reason: 'returned', bankReturnReference: 'RET-1' } });
    expect(byCreator.statusCode).toBe(403);
    expect(byCreator.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.SodBankReturnNotIndependent, params: { role: 'bank_file_creator' } });
    const r2 = await api.request('POST', GrantPaths.trancheRelease(grant.id, tranche.id), { cookie: t.officer, body: { note: 'Again' } });
    let secondFile = 0;
    if (r2.statusCode === 201) {
      const p2 = r2.json<{ paymentId: string }>().paymentId;
      await approveAll(p2);
      secondFile = (await api.request('POST', FinancePaths.bankFiles, { cookie: t.finance, body: { executionDate: today, paymentIds: [p2] } })).statusCode;
    }
    const [{ files }] = (await api.dataSource.query(`SELECT count(DISTINCT bank_file_id)::int AS files FROM payment WHERE tranche_id = $1 AND bank_file_id IS NOT NULL`, [
      tranche.id,
    ])) as { files: number }[];
    // The tranche is still requested (its payment still sent to the bank): it cannot be requested again.
    expect({ rerequested: r2.statusCode === 201, secondFile, files }).toEqual({ rerequested: false, secondFile: 0, files: 1 });
  });

  it('records a bank return only with the bank reference, on or after the execution date, by a finance user independent of the file and the approvals; on the trail', async () => {
    const paymentId = p1;
    const [{ bankFileId }] = (await api.dataSource.query('SELECT bank_file_id AS "bankFileId" FROM payment WHERE id = $1', [paymentId])) as { bankFileId: string }[];
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await api.env.queryAs('owner', `UPDATE bank_file SET execution_date = $2 WHERE id = $1`, [bankFileId, tomorrow]);
    const reject = (cookie: string, body: object) => api.request('POST', FinancePaths.reject(paymentId), { cookie, body: { reason: 'Returned by the bank: account closed', ...body } });

    const early = await reject(t.finance4, { bankReturnReference: 'RET-2' });
    expect(early.statusCode).toBe(409);
    expect(early.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.BankReturnBeforeExecution, params: { executionDate: tomorrow } });
    // The execution day comes.
    await api.env.queryAs('owner', `UPDATE bank_file SET execution_date = CURRENT_DATE WHERE id = $1`, [bankFileId]);
    expect((await reject(t.finance, { bankReturnReference: 'RET-2' })).json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.SodBankReturnNotIndependent, params: { role: 'bank_file_creator' } });
    const [{ second }] = (await api.dataSource.query('SELECT second_approved_by AS second FROM payment WHERE id = $1', [paymentId])) as { second: string | null }[];
    if (second) {
      // Two approvals (finance, then finance2): finance2 approved it and, three people, may not record its return.
      expect((await reject(t.finance2, { bankReturnReference: 'RET-2' })).json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.SodBankReturnNotIndependent, params: { role: 'approver' } });
    }
    expect((await reject(t.finance4, { bankReturnReference: '   ' })).statusCode).toBe(400);

    const ok = await reject(t.finance4, { bankReturnReference: ' RET-2026-0042 ' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<PaymentView>().state).toBe('rejected');
    const [trail] = (await api.dataSource.query(`SELECT actor_label, after, reason FROM activity_record WHERE action = 'payment.returned_by_bank' AND entity_id = $1`, [paymentId])) as {
      actor_label: string;
      after: Record<string, unknown>;
      reason: string;
    }[];
    expect(trail).toMatchObject({
      actor_label: 'finance4@north.test',
      reason: 'Returned by the bank: account closed',
      after: { state: 'rejected', bankReturnReference: 'RET-2026-0042', bankFileId, bankFileExecutionDate: expect.any(String) },
    });
  });

  it('re-authenticates a reject', async () => {
    const stale = await api.signIn('finance4@north.test');
    const response = await api.request('POST', FinancePaths.reject(p1), { cookie: stale, body: { reason: 'Wrong account' } });
    expect(response.statusCode).toBe(403);
    expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
  });
});
