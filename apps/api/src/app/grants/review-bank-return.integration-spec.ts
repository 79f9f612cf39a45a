import { FinancePaths, GrantPaths } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { createUser } from '../intake/applications/applications.fixtures';
import { GrantWorld, Tokens, activeGrant, grantWorld } from './grants.fixtures';

/*
 * Review of issue 9 (branch i9-review). "Nothing can be paid twice": a payment
 * in a bank file can be declared "returned by the bank" (reject of a
 * sent_to_bank payment) by ONE finance user, the same day, with any text as
 * the reason and no bank evidence; the tranche goes back to planned, and the
 * same tranche is requested, approved and put into a SECOND bank file. If the
 * first file was executed, the grantee is paid twice. Fails on main (430f46a).
 */
describe('review i9: a tranche in two bank files after a unilateral "bank return"', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  const t = {} as Tokens & Record<'finance' | 'finance2', string>;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await ApiHarness.start('review_bank_return', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    await createUser(api.dataSource, w.north.agency.id, 'finance2@north.test', 'finance');
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.finance2 = await api.signIn('finance2@north.test');
    await api.dataSource.query(
      `INSERT INTO finance_settings (agency_id, agency_name, agency_iban, agency_bic) VALUES ($1, 'Agency', 'SE4550000000058398257466', 'ESSESESS')
       ON CONFLICT (agency_id) DO UPDATE SET agency_name = EXCLUDED.agency_name, agency_iban = EXCLUDED.agency_iban, agency_bic = EXCLUDED.agency_bic`,
      [w.north.agency.id],
    );
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('keeps a tranche in at most one bank file', async () => {
    const grant = await activeGrant(api, w, t);
    const tranche = grant.tranches[0];
    const approveAll = async (paymentId: string) => {
      for (const token of [t.finance, t.finance2]) {
        await api.reauth(token);
        const r = await api.request('POST', FinancePaths.approve(paymentId), { cookie: token });
        if ((await api.request('GET', FinancePaths.payment(paymentId), { cookie: t.finance })).json<{ state: string }>().state === 'approved') return r.statusCode;
      }
      return -1;
    };
    const r1 = await api.request('POST', GrantPaths.trancheRelease(grant.id, tranche.id), { cookie: t.officer, body: { note: 'First tranche' } });
    expect(r1.statusCode).toBe(201);
    const p1 = r1.json<{ paymentId: string }>().paymentId;
    expect(await approveAll(p1)).toBe(200);
    expect((await api.request('POST', FinancePaths.bankFiles, { cookie: t.finance, body: { executionDate: today, paymentIds: [p1] } })).statusCode).toBe(201);
    // One finance user, same day, no evidence:
    const returned = await api.request('POST', FinancePaths.reject(p1), { cookie: t.finance, body: { reason: 'returned' } });
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
    console.log(JSON.stringify({ returned: returned.statusCode, rerequest: r2.statusCode, secondFile, files }));
    expect(files).toBe(1);
  });
});
