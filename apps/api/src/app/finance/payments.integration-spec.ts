import { JSDOM } from 'jsdom';
import { ApiErrorBody, BankFileView, ErrorCode, FinancePaths, GrantPaths, Page, PaymentView } from '@mizan/contracts';
import { BankFileBuilder, PAIN001_NAMESPACE } from '@mizan/server/finance';
import { TrailService } from '@mizan/server/trail';
import { ApiHarness } from '../../testing/api-harness';
import { asOwner, insertEngagement } from '../../testing/audit-fixtures';
import { DEBTOR, GRANT_STARTS_ON, PaymentsWorld, balances, counts, insertPayment, paymentsWorld } from './payments.fixtures';

/**
 * The payments desk on the real database: segregation of duties in the api
 * and in the database, two approvals above the threshold, bank files,
 * recording paid with the ledger's postings, the grantee's receipt, and
 * tenancy (another agency's finance user, another organization's member).
 */
describe('payments desk', () => {
  let api: ApiHarness;
  let w: PaymentsWorld;
  const t = {} as Record<'officer' | 'financeA' | 'financeB' | 'financeC' | 'dual' | 'southFinance' | 'applicant' | 'southApplicant' | 'auditor', string>;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await ApiHarness.start('payments_desk', { signInIpMaxAttempts: 10_000 });
    w = await paymentsWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.financeA = await api.signIn('finance@north.test');
    t.financeB = await api.signIn(w.financeB.email);
    t.financeC = await api.signIn(w.financeC.email);
    t.dual = await api.signIn(w.dual.email);
    t.southFinance = await api.signIn('finance@south.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.southApplicant = await api.signIn('applicant@south.test');
    t.auditor = await api.signIn('auditor@north.test');
  });
  // Approving and recording paid need a re-authentication within the last minutes.
  beforeEach(async () => {
    for (const token of [t.financeA, t.financeB, t.financeC, t.dual, t.southFinance]) await api.reauth(token);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const approve = (id: string, token: string) => api.request('POST', FinancePaths.approve(id), { cookie: token });
  const view = async (id: string, token = t.financeA) => (await api.request('GET', FinancePaths.payment(id), { cookie: token })).json<PaymentView>();
  const error = (response: { json<T>(): T }) => response.json<ApiErrorBody>();

  async function approved(amountMinor = 5_000_000n, requestedBy = w.north.users.officer.id): Promise<string> {
    const { paymentId } = await insertPayment(api, w, { amountMinor, requestedBy });
    expect((await approve(paymentId, t.financeA)).statusCode).toBe(200);
    if (amountMinor > 10_000_000n) expect((await approve(paymentId, t.financeB)).statusCode).toBe(200);
    return paymentId;
  }

  async function sent(paymentIds: string[]): Promise<BankFileView> {
    const response = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: today, paymentIds } });
    expect(response.statusCode).toBe(201);
    return response.json<BankFileView>();
  }

  function paidBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      valueDate: '2025-05-09',
      bankReference: 'HB-2025-0509-001',
      debitedMinor: '5010000',
      transferCurrency: 'USD',
      transferMinor: '515230',
      rate: '0.1030',
      rateSource: 'Handelsbanken advice 4411',
      feesMinor: '2500',
      ...overrides,
    };
  }

  describe('approval and segregation of duties', () => {
    it('the requester cannot approve, also holding both the officer and finance roles: the desk says why and the api refuses', async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.dual.id });
      const seen = await view(paymentId, t.dual);
      expect(seen.actions).not.toContain('approve');
      expect(seen.blockedBy).toBe('SOD_REQUESTER_CANNOT_APPROVE');
      const before = await counts(api.dataSource);
      const response = await approve(paymentId, t.dual);
      expect(response.statusCode).toBe(403);
      expect(error(response)).toMatchObject({ code: ErrorCode.SodRequesterCannotApprove, message: expect.stringContaining('You requested this payment') });
      expect(await counts(api.dataSource)).toEqual(before);
      expect((await view(paymentId)).state).toBe('requested');
      // Another finance user sees the action offered, and may take it (cancelling is the officers').
      expect((await view(paymentId, t.financeA))).toMatchObject({ actions: ['approve', 'reject'], blockedBy: null });
      expect((await view(paymentId, t.officer)).actions).toEqual(['cancel']);
      const ok = await approve(paymentId, t.financeA);
      expect(ok.statusCode).toBe(200);
      expect(ok.json<PaymentView>()).toMatchObject({ state: 'approved', requiredApprovals: 1, approvedBy: { id: w.north.users.finance.id } });
    });

    it('the database refuses requester = approver even when the api check is bypassed (a raw UPDATE as the runtime role)', async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.dual.id });
      await expect(api.dataSource.query(`UPDATE payment SET approved_by = requested_by, approved_at = now(), state = 'approved' WHERE id = $1`, [paymentId])).rejects.toThrow(
        /ck_payment_sod_approver/,
      );
      // Second approver = first approver, and payer = approver with three people: refused too.
      const other = await approved(20_000_000n);
      await expect(api.dataSource.query(`UPDATE payment SET paid_by = approved_by WHERE id = $1`, [other])).rejects.toThrow(/ck_payment_sod_payer/);
      expect((await view(paymentId)).approvedBy).toBeNull();
    });

    it('above the threshold: two different finance approvers; the first stays requested; the same user cannot approve twice', async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 20_000_000n, requestedBy: w.north.users.officer.id });
      expect((await view(paymentId)).requiredApprovals).toBe(2);
      const first = await approve(paymentId, t.financeA);
      expect(first.statusCode).toBe(200);
      expect(first.json<PaymentView>()).toMatchObject({ state: 'requested', approvedBy: { id: w.north.users.finance.id }, secondApprovedBy: null });
      const seenByA = await view(paymentId, t.financeA);
      expect(seenByA.blockedBy).toBe('SOD_ALREADY_APPROVED');
      const again = await approve(paymentId, t.financeA);
      expect(again.statusCode).toBe(403);
      expect(error(again).code).toBe(ErrorCode.SodAlreadyApproved);
      const second = await approve(paymentId, t.financeB);
      expect(second.statusCode).toBe(200);
      expect(second.json<PaymentView>()).toMatchObject({ state: 'approved', secondApprovedBy: { id: w.financeB.id } });
      const actions = (await api.dataSource.query(`SELECT action FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [paymentId])) as { action: string }[];
      expect(actions.map((a) => a.action)).toEqual(['payment.requested', 'payment.approved', 'payment.second_approved']);
      // Approved is approved: a third approval is a state problem.
      const third = await approve(paymentId, t.financeC);
      expect(third.statusCode).toBe(409);
      expect(error(third).code).toBe(ErrorCode.PaymentTransitionNotAllowed);
    });

    it('approving needs a fresh re-authentication; an officer cannot approve at all', async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.north.users.officer.id });
      const fresh = await api.signIn('finance@north.test');
      const stale = await approve(paymentId, fresh);
      expect(stale.statusCode).toBe(403);
      expect(error(stale).code).toBe(ErrorCode.ReauthRequired);
      expect((await approve(paymentId, t.officer)).statusCode).toBe(403);
    });

    it('a suspended grant: approving, bank files and recording paid wait (409), rejecting still works', async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.north.users.officer.id });
      const inBank = await approved(5_000_000n);
      await sent([inBank]);
      const ready = await approved(1_000_000n);
      await api.dataSource.query(`UPDATE grant_award SET state = 'suspended' WHERE id = $1`, [w.grantId]);
      try {
        const before = await counts(api.dataSource);
        const approving = await approve(paymentId, t.financeA);
        expect(approving.statusCode).toBe(409);
        expect(error(approving)).toMatchObject({ code: ErrorCode.PaymentTransitionNotAllowed, message: expect.stringContaining('is suspended') });
        const filing = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: today, paymentIds: [ready] } });
        expect(filing.statusCode).toBe(409);
        const paying = await api.request('POST', FinancePaths.paid(inBank), { cookie: t.financeC, body: paidBody() });
        expect(paying.statusCode).toBe(409);
        expect(await counts(api.dataSource)).toEqual(before);
        const rejecting = await api.request('POST', FinancePaths.reject(paymentId), { cookie: t.financeA, body: { reason: 'Suspended after a finding' } });
        expect(rejecting.statusCode).toBe(200);
      } finally {
        await api.dataSource.query(`UPDATE grant_award SET state = 'active' WHERE id = $1`, [w.grantId]);
      }
    });

    it("another agency's finance user gets 404 for reading, approving, rejecting and paying", async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.north.users.officer.id });
      expect((await api.request('GET', FinancePaths.payment(paymentId), { cookie: t.southFinance })).statusCode).toBe(404);
      expect((await approve(paymentId, t.southFinance)).statusCode).toBe(404);
      expect((await api.request('POST', FinancePaths.reject(paymentId), { cookie: t.southFinance, body: { reason: 'no' } })).statusCode).toBe(404);
      expect((await api.request('POST', FinancePaths.paid(paymentId), { cookie: t.southFinance, body: paidBody() })).statusCode).toBe(404);
      const list = (await api.request('GET', FinancePaths.payments, { cookie: t.southFinance })).json<Page<PaymentView>>();
      expect(list.total).toBe(0);
      expect((await view(paymentId)).state).toBe('requested');
    });

    it('the desk lists by state, paged', async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 5_000_000n, requestedBy: w.north.users.officer.id });
      // Without an engagement the auditor lists nothing; with one covering the grantee organization, its payments (issue 12).
      expect((await api.request('GET', `${FinancePaths.payments}?state=requested&pageSize=200`, { cookie: t.auditor })).json<Page<PaymentView>>().total).toBe(0);
      await insertEngagement(asOwner(api), { agencyId: w.north.agency.id, scope: { kind: 'organization', id: w.organizationId }, auditorIds: [w.north.users.auditor.id], createdBy: w.north.users.officer.id, populationKind: null });
      const requested = (await api.request('GET', `${FinancePaths.payments}?state=requested&pageSize=200`, { cookie: t.auditor })).json<Page<PaymentView>>();
      expect(requested.items.map((p) => p.id)).toContain(paymentId);
      expect(requested.items.every((p) => p.state === 'requested')).toBe(true);
      // The auditor reads, and is offered nothing.
      expect(requested.items.every((p) => p.actions.length === 0)).toBe(true);
      const page = (await api.request('GET', `${FinancePaths.payments}?pageSize=1&page=1`, { cookie: t.financeA })).json<Page<PaymentView>>();
      expect(page.items).toHaveLength(1);
      expect(page.total).toBeGreaterThan(1);
      expect((await api.request('GET', `${FinancePaths.payments}?state=lost`, { cookie: t.financeA })).statusCode).toBe(400);
    });
  });

  describe('reject and cancel give the money back to the commitment', () => {
    it('finance rejects with a reason: rejected, tranche planned again, payment_requested back to grant_committed', async () => {
      const before = await balances(api.dataSource, w.grantId);
      const { paymentId, trancheId } = await insertPayment(api, w, { amountMinor: 3_000_000n, requestedBy: w.north.users.officer.id });
      const requested = await balances(api.dataSource, w.grantId);
      expect(BigInt(requested['grant_committed'])).toBe(BigInt(before['grant_committed']) - 3_000_000n);
      const noReason = await api.request('POST', FinancePaths.reject(paymentId), { cookie: t.financeA, body: { reason: '  ' } });
      expect(noReason.statusCode).toBe(400);
      const response = await api.request('POST', FinancePaths.reject(paymentId), { cookie: t.financeA, body: { reason: 'The IBAN does not match the organization' } });
      expect(response.statusCode).toBe(200);
      expect(response.json<PaymentView>()).toMatchObject({ state: 'rejected', closeReason: 'The IBAN does not match the organization' });
      const [tranche] = (await api.dataSource.query('SELECT state FROM tranche WHERE id = $1', [trancheId])) as { state: string }[];
      expect(tranche.state).toBe('planned');
      expect(await balances(api.dataSource, w.grantId)).toEqual(before);
      const [entry] = (await api.dataSource.query(
        `SELECT e.kind, r.action, r.reason FROM journal_entry e JOIN activity_record r ON r.seq = e.trail_seq WHERE e.payment_id = $1 AND e.kind = 'payment_released'`,
        [paymentId],
      )) as { kind: string; action: string; reason: string }[];
      expect(entry).toEqual({ kind: 'payment_released', action: 'payment.rejected', reason: 'The IBAN does not match the organization' });
      const again = await api.request('POST', FinancePaths.reject(paymentId), { cookie: t.financeA, body: { reason: 'twice' } });
      expect(again.statusCode).toBe(409);
    });

    it('the requesting officer cancels; a finance-only user may not', async () => {
      const { paymentId } = await insertPayment(api, w, { amountMinor: 3_000_000n, requestedBy: w.north.users.officer.id });
      expect((await api.request('POST', FinancePaths.cancel(paymentId), { cookie: t.financeA, body: { reason: 'x' } })).statusCode).toBe(403);
      const response = await api.request('POST', FinancePaths.cancel(paymentId), { cookie: t.officer, body: { reason: 'Requested too early' } });
      expect(response.statusCode).toBe(200);
      expect(response.json<PaymentView>().state).toBe('cancelled');
    });
  });

  describe('a payment the bank returns', () => {
    it('in a bank file it cannot be cancelled; finance rejects it as returned, the money goes back, the file link stays', async () => {
      const id = await approved(5_000_000n);
      const file = await sent([id]);
      const cancel = await api.request('POST', FinancePaths.cancel(id), { cookie: t.officer, body: { reason: 'too late' } });
      expect(cancel.statusCode).toBe(409);
      expect(error(cancel).code).toBe(ErrorCode.PaymentTransitionNotAllowed);
      const before = await balances(api.dataSource, w.grantId);
      // A bank return: with the bank's reference, by a finance user who neither made the file (financeC) nor approved the payment (financeA).
      const byApprover = await api.request('POST', FinancePaths.reject(id), { cookie: t.financeA, body: { reason: 'Returned by the bank: account closed', bankReturnReference: 'RET-77' } });
      expect(error(byApprover)).toMatchObject({ code: ErrorCode.SodBankReturnNotIndependent, params: { role: 'approver' } });
      const returned = await api.request('POST', FinancePaths.reject(id), { cookie: t.financeB, body: { reason: 'Returned by the bank: account closed', bankReturnReference: 'RET-77' } });
      expect(returned.statusCode).toBe(200);
      expect(returned.json<PaymentView>()).toMatchObject({ state: 'rejected', bankFileId: file.id });
      const after = await balances(api.dataSource, w.grantId);
      expect(BigInt(after['grant_committed']) - BigInt(before['grant_committed'])).toBe(5_000_000n);
      const [trail] = (await api.dataSource.query(`SELECT action, reason FROM activity_record WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`, [id])) as { action: string; reason: string }[];
      expect(trail).toEqual({ action: 'payment.returned_by_bank', reason: 'Returned by the bank: account closed' });
    });
  });

  describe('bank files', () => {
    it('approved payments into one pain.001 file in one transaction; a payment already in a file is refused with 409 naming it', async () => {
      const a = await approved(5_000_000n);
      const b = await approved(20_000_000n);
      const file = await sent([a, b]);
      expect(file).toMatchObject({ state: 'queued', paymentCount: 2, controlSumMinor: '25000000', currency: 'SEK' });
      for (const id of [a, b]) expect(await view(id)).toMatchObject({ state: 'sent_to_bank', bankFileId: file.id });

      const c = await approved(1_000_000n);
      const before = await counts(api.dataSource);
      const twice = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: today, paymentIds: [c, a] } });
      expect(twice.statusCode).toBe(409);
      expect(error(twice)).toMatchObject({ code: ErrorCode.PaymentInBankFile, message: expect.stringContaining(a) });
      expect(error(twice).message).not.toContain(c);
      expect(await counts(api.dataSource)).toEqual(before);
      expect((await view(c)).state).toBe('approved');

      // Not approved yet, or a date in the past: refused, nothing written.
      const { paymentId: notYet } = await insertPayment(api, w, { amountMinor: 1_000_000n, requestedBy: w.north.users.officer.id });
      const beforeRefusals = await counts(api.dataSource);
      const early = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: today, paymentIds: [notYet] } });
      expect(early.statusCode).toBe(409);
      expect(error(early).code).toBe(ErrorCode.PaymentTransitionNotAllowed);
      const past = await api.request('POST', FinancePaths.bankFiles, { cookie: t.financeC, body: { executionDate: '2020-01-01', paymentIds: [c] } });
      expect(past.statusCode).toBe(400);
      expect(await counts(api.dataSource)).toEqual(beforeRefusals);

      // The database refuses moving a payment to another file, whatever the api does.
      const other = await sent([c]);
      await expect(api.dataSource.query('UPDATE payment SET bank_file_id = $2 WHERE id = $1', [a, other.id])).rejects.toThrow(/already in bank file/);
    });

    it('the worker writes the XML: it parses, has the structure, counts and control sum; stored with its SHA-256, on the trail, downloadable', async () => {
      const a = await approved(5_000_000n);
      const b = await approved(1_234_567n);
      const file = await sent([a, b]);
      const builder = new BankFileBuilder(api.dataSource, api.app.get(TrailService), api.env.config);
      expect(await builder.build(file.id)).toBe('done');
      expect(await builder.build(file.id)).toBe('skipped');
      const built = (await api.request('GET', FinancePaths.bankFile(file.id), { cookie: t.financeC })).json<BankFileView>();
      expect(built.state).toBe('done');
      expect(built.sha256).toMatch(/^[0-9a-f]{64}$/);

      const download = await api.request('GET', FinancePaths.bankFileDownload(file.id), { cookie: t.financeC });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="pain001-/);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(built.sha256);
      expect(download.headers['x-content-sha256']).toBe(built.sha256);

      const document = new (new JSDOM('').window.DOMParser)().parseFromString(download.body, 'application/xml');
      expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
      const text = (tag: string) => Array.from(document.getElementsByTagNameNS(PAIN001_NAMESPACE, tag)).map((e) => e.textContent);
      expect(document.documentElement.namespaceURI).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
      expect(text('MsgId')).toEqual([file.messageId]);
      expect(text('NbOfTxs')).toEqual(['2', '2']);
      expect(text('CtrlSum')).toEqual(['62345.67', '62345.67']);
      expect(text('Dt')).toEqual([today]);
      expect(text('PmtMtd')).toEqual(['TRF']);
      expect(text('EndToEndId').sort()).toEqual([a, b].map((id) => id.replace(/-/g, '')).sort());
      expect(text('IBAN')).toEqual([DEBTOR.agencyIban, 'IQ98NBIQ850123456789012', 'IQ98NBIQ850123456789012']);
      expect(text('BICFI')).toEqual([DEBTOR.agencyBic, 'NBIQIQBA', 'NBIQIQBA']);
      // The Arabic payee name, romanized into the EPC basic Latin set; the agency's Swedish name without its accent.
      expect(text('Nm')).toEqual(['Styrelsen for internationellt utvecklingssamarbete', 'Styrelsen for internationellt utvecklingssamarbete', "jm'yh albsrh llshh Basra Health", "jm'yh albsrh llshh Basra Health"]);
      expect(text('Ustrd')[0]).toMatch(/^Grant G-2025-\d{4} tranche \d+$/);

      const [trail] = (await api.dataSource.query(`SELECT after FROM activity_record WHERE entity_id = $1 AND action = 'bank_file.built'`, [file.id])) as { after: { sha256: string } }[];
      expect(trail.after.sha256).toBe(built.sha256);
      expect((await api.request('GET', FinancePaths.bankFileDownload(file.id), { cookie: t.southFinance })).statusCode).toBe(404);
    });
  });

  describe('recording paid', () => {
    it('payer rules: not the requester; with three people not an approver', async () => {
      const byDual = await approved(5_000_000n, w.dual.id);
      await sent([byDual]);
      const requester = await api.request('POST', FinancePaths.paid(byDual), { cookie: t.dual, body: paidBody() });
      expect(requester.statusCode).toBe(403);
      expect(error(requester).code).toBe(ErrorCode.SodPayerIsRequester);
      const approver = await api.request('POST', FinancePaths.paid(byDual), { cookie: t.financeA, body: paidBody() });
      expect(approver.statusCode).toBe(403);
      expect(error(approver).code).toBe(ErrorCode.SodPayerIsApprover);
      expect((await view(byDual, t.financeA)).blockedBy).toBe('SOD_PAYER_IS_APPROVER');
      expect((await view(byDual, t.financeC)).actions).toContain('pay');
      expect((await view(byDual)).state).toBe('sent_to_bank');
    });

    it('at a recorded rate: exchange loss and fees booked, the money with the grantee, tranche paid, all on the trail', async () => {
      const id = await approved(5_000_000n);
      await sent([id]);
      const grantBefore = await balances(api.dataSource, w.grantId);
      const programBefore = await balances(api.dataSource, w.programId);
      const response = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody() });
      expect(response.statusCode).toBe(200);
      expect(response.json<PaymentView>()).toMatchObject({
        state: 'paid',
        paidBy: { id: w.financeC.id },
        valueDate: '2025-05-09',
        debitedMinor: '5010000',
        transferCurrency: 'USD',
        transferMinor: '515230',
        rate: '0.103',
        rateSource: 'Handelsbanken advice 4411',
        feesMinor: '2500',
      });
      const grantAfter = await balances(api.dataSource, w.grantId);
      const programAfter = await balances(api.dataSource, w.programId);
      expect(BigInt(grantAfter['payment_requested']) - BigInt(grantBefore['payment_requested'])).toBe(-5_000_000n);
      expect(BigInt(grantAfter['advance_with_grantee'] ?? '0') - BigInt(grantBefore['advance_with_grantee'] ?? '0')).toBe(5_000_000n);
      // 50,100.00 debited for 50,000.00 requested: a loss of 100.00; fees 25.00; both from the program budget.
      expect(BigInt(programAfter['fx_difference'] ?? '0') - BigInt(programBefore['fx_difference'] ?? '0')).toBe(10_000n);
      expect(BigInt(programAfter['bank_fees'] ?? '0') - BigInt(programBefore['bank_fees'] ?? '0')).toBe(2_500n);
      expect(BigInt(programAfter['program_budget']) - BigInt(programBefore['program_budget'])).toBe(-12_500n);
      const [entry] = (await api.dataSource.query(
        `SELECT e.kind, e.effective_on::text AS effective_on, e.details, r.action, r.actor_id FROM journal_entry e JOIN activity_record r ON r.seq = e.trail_seq
          WHERE e.payment_id = $1 AND e.kind = 'payment_paid'`,
        [id],
      )) as { kind: string; effective_on: string; details: Record<string, string>; action: string; actor_id: string }[];
      expect(entry).toMatchObject({ effective_on: '2025-05-09', action: 'payment.paid', actor_id: w.financeC.id });
      expect(entry.details).toMatchObject({ rate: '0.103', transferCurrency: 'USD', transferMinor: '515230', fxDifferenceMinor: '10000', requestedAtRateMinor: '515000' });
      const [tranche] = (await api.dataSource.query('SELECT t.state FROM tranche t JOIN payment p ON p.tranche_id = t.id WHERE p.id = $1', [id])) as { state: string }[];
      expect(tranche.state).toBe('paid');
    });

    it('an exchange gain (less debited than requested) is credited to fx_difference', async () => {
      const id = await approved(5_000_000n);
      await sent([id]);
      const before = await balances(api.dataSource, w.programId);
      const response = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody({ debitedMinor: '4990000', feesMinor: '0' }) });
      expect(response.statusCode).toBe(200);
      const after = await balances(api.dataSource, w.programId);
      expect(BigInt(after['fx_difference']) - BigInt(before['fx_difference'] ?? '0')).toBe(-10_000n);
      expect(BigInt(after['program_budget']) - BigInt(before['program_budget'])).toBe(10_000n);
    });

    it.each([
      ['a value date in the future', { valueDate: '2999-01-01' }, 'valueDate', 'in the future'],
      ['a value date before the grant', { valueDate: '2024-12-31' }, 'valueDate', `before the grant starts (${GRANT_STARTS_ON})`],
      ['a value date that is no date', { valueDate: '2025-02-30' }, 'valueDate', 'calendar date'],
      ['a rate of zero', { rate: '0' }, 'rate', 'RATE_ZERO'],
      ['a rate that is not a number', { rate: 'ten' }, 'rate', 'RATE_NOT_A_NUMBER'],
      ['a negative rate', { rate: '-0.1' }, 'rate', 'RATE_NEGATIVE'],
      ['a rate with too many decimals', { rate: '0.1234567890123' }, 'rate', 'RATE_TOO_MANY_DECIMALS'],
      ['a rate without its source', { rateSource: undefined }, 'rateSource', 'where the rate comes from'],
      ['a debited amount of zero', { debitedMinor: '0' }, 'debitedMinor', 'more than zero'],
      ['a negative debited amount', { debitedMinor: '-5010000' }, 'debitedMinor', 'minor units'],
      ['a transfer amount of zero', { transferMinor: '0' }, 'transferMinor', 'more than zero'],
      ['an amount with decimals', { transferMinor: '5152.30' }, 'transferMinor', 'minor units'],
      ['an unknown currency', { transferCurrency: 'XYZ' }, 'transferCurrency', 'must be one of'],
      ['negative fees', { feesMinor: '-1' }, 'feesMinor', 'minor units'],
      ['a rate ten times off the amounts', { rate: '1.03' }, 'rate', 'PAYMENT_RATE_IMPLAUSIBLE'],
      ['a debited amount far from the request', { debitedMinor: '9000000', transferMinor: '927000' }, 'debitedMinor', 'PAYMENT_DEBITED_FAR_FROM_REQUESTED'],
      ['a rate other than 1 in the same currency', { transferCurrency: 'SEK', transferMinor: '5010000' }, 'rate', 'PAYMENT_RATE_NOT_ONE'],
    ])('%s → 400 naming %s, nothing written', async (_what, overrides, field, message) => {
      const id = await approved(5_000_000n);
      await sent([id]);
      const before = await counts(api.dataSource);
      const response = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody(overrides) });
      expect(response.statusCode).toBe(400);
      const body = error(response);
      expect(body.fields?.map((f) => f.field)).toContain(field);
      expect(JSON.stringify(body)).toContain(message);
      expect(await counts(api.dataSource)).toEqual(before);
      expect((await view(id)).state).toBe('sent_to_bank');
    });

    it('without a rate and none published within 7 days: 422 naming the pair and the date; with a published ECB rate: the cross rate via EUR', async () => {
      const id = await approved(5_000_000n);
      await sent([id]);
      const before = await counts(api.dataSource);
      const missing = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody({ rate: undefined, rateSource: undefined, valueDate: '2025-03-10' }) });
      expect(missing.statusCode).toBe(422);
      expect(error(missing)).toMatchObject({ code: ErrorCode.RateNotFound, message: expect.stringContaining('SEK→USD'), params: { base: 'SEK', quote: 'USD', valueDate: '2025-03-10' } });
      expect(await counts(api.dataSource)).toEqual(before);
      // The ECB's rates of Friday 2025-03-07 (EUR→SEK 11.0105, EUR→USD 1.0807); Monday's value date has none yet.
      for (const [quote, rate] of [['SEK', '11.0105'], ['USD', '1.0807']]) {
        const created = await api.request('POST', FinancePaths.rates, { cookie: t.financeA, body: { rateDate: '2025-03-07', base: 'EUR', quote, rate, source: 'ECB' } });
        expect(created.statusCode).toBe(201);
      }
      const response = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody({ rate: undefined, rateSource: undefined, valueDate: '2025-03-10' }) });
      expect(response.statusCode).toBe(200);
      // 1.0807 / 11.0105 to 12 decimals, half even.
      expect(response.json<PaymentView>()).toMatchObject({ rate: '0.098151764225', rateSource: 'ECB (cross via EUR)' });
    });

    it('the same Idempotency-Key twice records one payment and answers the same; another body with that key is 409', async () => {
      const id = await approved(5_000_000n);
      await sent([id]);
      const headers = { 'idempotency-key': `paid-${id}` };
      const first = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody(), headers });
      expect(first.statusCode).toBe(200);
      const entries = await counts(api.dataSource);
      const second = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody(), headers });
      expect(second.statusCode).toBe(200);
      expect(second.json<PaymentView>()).toEqual(first.json<PaymentView>());
      expect(await counts(api.dataSource)).toEqual(entries);
      const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM journal_entry WHERE payment_id = $1 AND kind = 'payment_paid'`, [id])) as { n: number }[];
      expect(n).toBe(1);
      const other = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody({ bankReference: 'another' }), headers });
      expect(other.statusCode).toBe(409);
      // Without the key, a second record of the same payment is a state problem, not a second payment.
      const again = await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody() });
      expect(again.statusCode).toBe(409);
    });
  });

  describe("the grantee's receipt", () => {
    async function paid(): Promise<string> {
      const id = await approved(5_000_000n);
      await sent([id]);
      expect((await api.request('POST', FinancePaths.paid(id), { cookie: t.financeC, body: paidBody() })).statusCode).toBe(200);
      return id;
    }

    it('a member confirms what arrived once; the difference is recorded and finance is told', async () => {
      const id = await paid();
      const response = await api.request('POST', GrantPaths.confirmReceipt(id), { cookie: t.applicant, body: { receivedMinor: '513230', receivedCurrency: 'USD', note: 'Correspondent bank fee' } });
      expect(response.statusCode).toBe(200);
      expect(response.json<PaymentView>()).toMatchObject({ receivedMinor: '513230', receivedCurrency: 'USD', receiptDifferenceMinor: '-2000', receiptNote: 'Correspondent bank fee', actions: [] });
      const notes = (await api.dataSource.query(`SELECT n.user_id, n.kind FROM notification n WHERE n.entity_id = $1`, [id])) as { user_id: string; kind: string }[];
      expect(notes.map((n) => n.kind)).toEqual(notes.map(() => 'payment.receipt_difference'));
      expect(notes.map((n) => n.user_id).sort()).toEqual([w.north.users.finance.id, w.financeB.id, w.financeC.id, w.dual.id].sort());
      expect((await view(id)).receiptDifferenceMinor).toBe('-2000');
      const twice = await api.request('POST', GrantPaths.confirmReceipt(id), { cookie: t.applicant, body: { receivedMinor: '515230', receivedCurrency: 'USD' } });
      expect(twice.statusCode).toBe(409);
      expect(error(twice).code).toBe(ErrorCode.ReceiptAlreadyConfirmed);
    });

    it('in a currency that was neither sent nor granted: 400; another organization: 404; before it is paid: 409', async () => {
      const id = await paid();
      const wrong = await api.request('POST', GrantPaths.confirmReceipt(id), { cookie: t.applicant, body: { receivedMinor: '100', receivedCurrency: 'IQD' } });
      expect(wrong.statusCode).toBe(400);
      expect(error(wrong).fields?.[0]).toMatchObject({ field: 'receivedCurrency', code: 'INVALID', message: expect.stringContaining('USD or SEK') });
      const stranger = await api.request('POST', GrantPaths.confirmReceipt(id), { cookie: t.southApplicant, body: { receivedMinor: '515230', receivedCurrency: 'USD' } });
      expect(stranger.statusCode).toBe(404);
      const { paymentId } = await insertPayment(api, w, { amountMinor: 1_000_000n, requestedBy: w.north.users.officer.id });
      const early = await api.request('POST', GrantPaths.confirmReceipt(paymentId), { cookie: t.applicant, body: { receivedMinor: '1', receivedCurrency: 'SEK' } });
      expect(early.statusCode).toBe(409);
      // In the grant currency the difference is against the payment's amount.
      const inSek = await api.request('POST', GrantPaths.confirmReceipt(id), { cookie: t.applicant, body: { receivedMinor: '5000000', receivedCurrency: 'SEK' } });
      expect(inSek.json<PaymentView>().receiptDifferenceMinor).toBe('0');
    });
  });
});
