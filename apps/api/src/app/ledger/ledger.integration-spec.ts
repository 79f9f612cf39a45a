import { Workbook, Worksheet } from 'exceljs';
import {
  ApiErrorBody,
  CashForecastView,
  ErrorCode,
  FinancePaths,
  GrantStatementPage,
  LedgerEntryView,
  LedgerProgramView,
  TrialBalanceView,
  type TrailAction,
} from '@mizan/contracts';
import { envelopeAllocated, paymentPaid, paymentRequested } from '@mizan/domain';
import { LedgerService } from '@mizan/server/finance';
import { ApiHarness } from '../../testing/api-harness';
import { createUser } from '../intake/applications/applications.fixtures';
import { LedgerWorld, commitGrant, insertGrant, ledgerWorld } from './ledger.fixtures';

/*
 * The ledger's routes on the real api and database: figures of the trial
 * balance, statement and forecast for a grant with a paid, a requested and a
 * planned tranche; entry detail with its trail record; reversal (finance,
 * re-authenticated); access (another agency's finance user: 404; an applicant: 403).
 */
describe('ledger api', () => {
  let api: ApiHarness;
  let w: LedgerWorld;
  let grantId: string;
  let commitEntryId: string;
  let requestEntryId: string;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    api = await ApiHarness.start('ledger_api');
    w = await ledgerWorld(api);
    const ds = api.dataSource;
    const finance2 = await createUser(ds, w.north.agency.id, 'finance2@north.test', 'finance');
    grantId = await insertGrant(ds, {
      agencyId: w.north.agency.id,
      programId: w.programId,
      callId: w.callId,
      organizationId: w.organizationId,
      applicantId: w.north.users.applicant.id,
      officerId: w.north.users.officer.id,
      confirmerId: w.secondOfficerId,
      amountMinor: '1000000',
    });
    const officer = { id: w.north.users.officer.id, label: w.north.users.officer.email };
    commitEntryId = await commitGrant(api, { agencyId: w.north.agency.id, programId: w.programId, callId: w.callId, grantId, amountMinor: 1_000_000n, actor: officer });

    // Three tranches: 4,000.00 paid (value date 12 Feb 2027; the bank debited 4,010.00 and charged 5.00), 3,000.00 requested, 3,000.00 planned.
    const tranche = async (seq: number, plannedOn: string, amount: string, state: string) =>
      ((await ds.query(`INSERT INTO tranche (grant_id, seq, planned_on, amount_minor, currency, state) VALUES ($1, $2, $3, $4, 'SEK', $5) RETURNING id`, [
        grantId,
        seq,
        plannedOn,
        amount,
        state,
      ])) as { id: string }[])[0].id;
    const t1 = await tranche(1, '2027-02-10', '400000', 'paid');
    const t2 = await tranche(2, '2027-05-10', '300000', 'requested');
    await tranche(3, '2027-09-10', '300000', 'planned');
    const payment = async (trancheId: string, amount: string) =>
      ((await ds.query(
        `INSERT INTO payment (agency_id, program_id, grant_id, tranche_id, amount_minor, currency, required_approvals, three_people, requested_by)
         VALUES ($1, $2, $3, $4, $5, 'SEK', 1, true, $6) RETURNING id`,
        [w.north.agency.id, w.programId, grantId, trancheId, amount, w.north.users.officer.id],
      )) as { id: string }[])[0].id;
    const p1 = await payment(t1, '400000');
    const p2 = await payment(t2, '300000');
    await ds.query(`UPDATE payment SET state = 'approved', approved_by = $2, approved_at = now() WHERE id = $1`, [p1, w.north.users.finance.id]);
    // Paid only after being sent to the bank in a file (payment_guard).
    const [file] = (await ds.query(
      `INSERT INTO bank_file (agency_id, message_id, execution_date, payment_count, control_sum_minor, currency, created_by)
       VALUES ($1, 'MZ-LEDGER-SPEC', '2027-02-12', 1, 400000, 'SEK', $2) RETURNING id`,
      [w.north.agency.id, finance2.id],
    )) as { id: string }[];
    await ds.query(`UPDATE payment SET state = 'sent_to_bank', bank_file_id = $2 WHERE id = $1`, [p1, file.id]);
    await ds.query(
      `UPDATE payment SET state = 'paid', paid_by = $2, paid_at = now(), value_date = '2027-02-12', bank_reference = 'REF-1', debited_minor = 401000,
              transfer_currency = 'USD', transfer_minor = 38000, rate = 0.095, rate_source = 'bank', fees_minor = 500 WHERE id = $1`,
      [p1, finance2.id],
    );
    const ledger = api.app.get(LedgerService);
    const post = (paymentId: string, kind: string, lines: ReturnType<typeof paymentRequested>, effectiveOn: string) =>
      ds.transaction((m) =>
        ledger.post(m, {
          agencyId: w.north.agency.id,
          programId: w.programId,
          grantId,
          paymentId,
          kind,
          description: kind.replace(/_/g, ' '),
          effectiveOn,
          lines,
          trail: { actor: officer, agencyId: w.north.agency.id, action: `payment.${kind}` as TrailAction, entityType: 'payment', entityId: paymentId },
        }),
      );
    await post(p1, 'payment_requested', paymentRequested({ grantId, currency: 'SEK' }, 400_000n), '2027-02-01');
    await post(p1, 'payment_paid', paymentPaid({ programId: w.programId, grantId, currency: 'SEK' }, { requestedMinor: 400_000n, debitedMinor: 401_000n, feesMinor: 500n }), '2027-02-12');
    requestEntryId = (await post(p2, 'payment_requested', paymentRequested({ grantId, currency: 'SEK' }, 300_000n), '2027-05-02')).entryId;

    for (const who of ['finance', 'officer', 'auditor', 'applicant'] as const) t[who] = await api.signIn(`${who}@north.test`);
    t['finance2'] = await api.signIn('finance2@north.test');
    t['southFinance'] = await api.signIn('finance@south.test');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const get = (path: string, who: string) => api.request('GET', path, { cookie: t[who] });

  async function sheetOf(path: string, who: string, name: string): Promise<Worksheet> {
    const response = await get(path, who);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(response.headers['content-disposition'])).toMatch(/^attachment; filename=".+\.xlsx"/);
    const workbook = new Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook.getWorksheet(name) as Worksheet;
  }

  describe('programs', () => {
    it("lists the caller's agency's programs only", async () => {
      const north = (await get(FinancePaths.programs, 'finance')).json<LedgerProgramView[]>();
      expect(north).toEqual([{ id: w.programId, name: 'Iraq Co-Development 2027', currency: 'SEK', budgetMinor: '10000000000' }]);
      const south = (await get(FinancePaths.programs, 'southFinance')).json<LedgerProgramView[]>();
      expect(south.map((p) => p.id)).toEqual([w.southProgramId]);
      expect((await get(FinancePaths.programs, 'applicant')).statusCode).toBe(403);
    });
  });

  describe('trial balance', () => {
    it('lists every account of the program, its call and grant, and the appropriation this program drew, with equal totals', async () => {
      const response = await get(FinancePaths.trialBalance(w.programId), 'finance');
      expect(response.statusCode).toBe(200);
      const view = response.json<TrialBalanceView>();
      const balance = (code: string) => view.rows.find((r) => r.code === code)?.balanceMinor;
      expect(balance('appropriation')).toBe('-10000000000');
      expect(balance('program_budget')).toBe('4999998500');
      expect(balance('call_envelope')).toBe('4999000000');
      expect(balance('grant_committed')).toBe('300000');
      expect(balance('payment_requested')).toBe('300000');
      expect(balance('advance_with_grantee')).toBe('400000');
      expect(balance('fx_difference')).toBe('1000');
      expect(balance('bank_fees')).toBe('500');
      expect(view.rows.find((r) => r.code === 'grant_committed')).toMatchObject({ scopeType: 'grant', scopeId: grantId, debitMinor: '1000000', creditMinor: '700000' });
      expect(view.rows[0]).toMatchObject({ code: 'appropriation', scopeType: 'agency', scopeLabel: 'Agency north' });
      expect(view.totals).toHaveLength(1);
      expect(view.totals[0].currency).toBe('SEK');
      expect(view.totals[0].debitMinor).toBe(view.totals[0].creditMinor);
      const sum = view.rows.reduce((s, r) => s + BigInt(r.balanceMinor), 0n);
      expect(sum).toBe(0n);
    });

    it('is read by officers too; not by applicants or auditors (403: auditors read grants’ ledgers in scope only) nor by another agency (404)', async () => {
      expect((await get(FinancePaths.trialBalance(w.programId), 'officer')).statusCode).toBe(200);
      expect((await get(FinancePaths.trialBalance(w.programId), 'auditor')).statusCode).toBe(403);
      expect((await get(FinancePaths.trialBalance(w.programId), 'applicant')).statusCode).toBe(403);
      const other = await get(FinancePaths.trialBalance(w.programId), 'southFinance');
      expect(other.statusCode).toBe(404);
      expect(other.json<ApiErrorBody>().code).toBe(ErrorCode.NotFound);
      expect((await get(FinancePaths.trialBalanceXlsx(w.programId), 'southFinance')).statusCode).toBe(404);
      expect((await get(FinancePaths.trialBalanceXlsx(w.programId), 'applicant')).statusCode).toBe(403);
    });

    it('exports as XLSX with the same figures and the totals', async () => {
      const sheet = await sheetOf(FinancePaths.trialBalanceXlsx(w.programId), 'officer', 'Trial balance');
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[0]).toEqual(['Account', 'Scope', 'Of', 'Currency', 'Debit', 'Credit', 'Balance']);
      expect(rows.find((r) => r[0] === 'program_budget')).toEqual(['program_budget', 'program', 'Iraq Co-Development 2027', 'SEK', 100000000, 50000015, 49999985]);
      expect(rows.find((r) => r[0] === 'Total')?.slice(3)).toEqual(['SEK', 150021015, 150021015]);
    });
  });

  describe('grant statement', () => {
    it('lists every posting on the grant in entry order with the running balance of its account', async () => {
      const view = (await get(FinancePaths.grantStatement(grantId), 'finance')).json<GrantStatementPage>();
      expect(view.grantId).toBe(grantId);
      expect(view.currency).toBe('SEK');
      const committed = view.items.filter((l) => l.account === 'grant_committed');
      expect(committed.map((l) => [l.kind, l.debitMinor, l.creditMinor, l.balanceMinor])).toEqual([
        ['grant_committed', '1000000', '0', '1000000'],
        ['payment_requested', '0', '400000', '600000'],
        ['payment_requested', '0', '300000', '300000'],
      ]);
      const requested = view.items.filter((l) => l.account === 'payment_requested');
      expect(requested.map((l) => l.balanceMinor)).toEqual(['400000', '0', '300000']);
      expect(view.items.map((l) => Number(l.seq))).toEqual([...view.items.map((l) => Number(l.seq))].sort((a, b) => a - b));
      expect(view.items.find((l) => l.kind === 'payment_paid' && l.account === 'advance_with_grantee')).toMatchObject({ effectiveOn: '2027-02-12', debitMinor: '400000' });
      expect(Object.fromEntries(view.balances.map((b) => [b.code, b.balanceMinor]))).toEqual({
        advance_with_grantee: '400000',
        grant_committed: '300000',
        payment_requested: '300000',
      });
    });

    it('pages the statement by keyset: every page small or deep has the running balances of the whole', async () => {
      const whole = (await get(`${FinancePaths.grantStatement(grantId)}?pageSize=200`, 'finance')).json<GrantStatementPage>();
      expect(whole).toMatchObject({ next: null, previous: null, totalCapped: false });
      expect(whole.total).toBe(whole.items.length);
      const walked: GrantStatementPage['items'] = [];
      let page = (await get(`${FinancePaths.grantStatement(grantId)}?pageSize=2`, 'finance')).json<GrantStatementPage>();
      walked.push(...page.items);
      while (page.next) {
        page = (await get(`${FinancePaths.grantStatement(grantId)}?pageSize=2&after=${page.next}`, 'finance')).json<GrantStatementPage>();
        expect(page.balances).toEqual(whole.balances);
        walked.push(...page.items);
      }
      expect(walked).toEqual(whole.items);
      const back = (await get(`${FinancePaths.grantStatement(grantId)}?pageSize=2&before=${page.previous}`, 'finance')).json<GrantStatementPage>();
      expect(back.items).toEqual(whole.items.slice(-2 - page.items.length, -page.items.length));
      const bad = await get(`${FinancePaths.grantStatement(grantId)}?after=${Buffer.from('["x"]').toString('base64url')}`, 'finance');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ fields: { field: string }[] }>().fields[0].field).toBe('after');
    });

    it('is refused to another agency (404) and to applicants (403), and exports as XLSX', async () => {
      expect((await get(FinancePaths.grantStatement(grantId), 'southFinance')).statusCode).toBe(404);
      expect((await get(FinancePaths.grantStatement(grantId), 'applicant')).statusCode).toBe(403);
      expect((await get(FinancePaths.grantStatementXlsx(grantId), 'southFinance')).statusCode).toBe(404);
      const sheet = await sheetOf(FinancePaths.grantStatementXlsx(grantId), 'officer', 'Statement');
      expect(sheet.getRow(1).values).toEqual([undefined, 'Date', 'Entry', 'Kind', 'Description', 'Account', 'Debit', 'Credit', 'Balance', 'Trail']);
      expect(sheet.getRow(2).getCell(6).value).toBe(10000);
      // The header and the 7 grant postings: commitment 1, first request 2, paid 2 (advance, requested), second request 2.
      expect(sheet.actualRowCount).toBe(1 + 7);
    });
  });

  describe('cash forecast', () => {
    it('sums planned, requested and paid tranches by month', async () => {
      const view = (await get(FinancePaths.cashForecast(w.programId), 'officer')).json<CashForecastView>();
      expect(view.months).toEqual([
        { month: '2027-02', currency: 'SEK', plannedMinor: '0', requestedMinor: '0', paidMinor: '401000' },
        { month: '2027-05', currency: 'SEK', plannedMinor: '0', requestedMinor: '300000', paidMinor: '0' },
        { month: '2027-09', currency: 'SEK', plannedMinor: '300000', requestedMinor: '0', paidMinor: '0' },
      ]);
      expect((await get(FinancePaths.cashForecast(w.programId), 'southFinance')).statusCode).toBe(404);
      expect((await get(FinancePaths.cashForecast(w.programId), 'applicant')).statusCode).toBe(403);
      const sheet = await sheetOf(FinancePaths.cashForecastXlsx(w.programId), 'finance', 'Cash forecast');
      expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual(['2027-09', 'SEK', 3000, 0, 0]);
    });
  });

  describe('entries', () => {
    it('shows an entry with its postings and the trail record it names', async () => {
      // An auditor without an engagement covering the grant: not found (issue 12; audit-scope spec covers the in-scope read).
      expect((await get(FinancePaths.entry(requestEntryId), 'auditor')).statusCode).toBe(404);
      const view = (await get(FinancePaths.entry(requestEntryId), 'officer')).json<LedgerEntryView>();
      expect(view).toMatchObject({ id: requestEntryId, kind: 'payment_requested', grantId, reversesEntryId: null, reversedByEntryId: null });
      expect(view.postings.map((p) => [p.code, p.amountMinor]).sort()).toEqual([
        ['grant_committed', '-300000'],
        ['payment_requested', '300000'],
      ]);
      expect(view.trail).toMatchObject({ action: 'payment.payment_requested', entityType: 'payment' });
      const [row] = (await api.dataSource.query('SELECT trail_seq::text AS s FROM journal_entry WHERE id = $1', [requestEntryId])) as { s: string }[];
      expect(view.trail.seq).toBe(row.s);
      expect((await get(FinancePaths.entry(requestEntryId), 'southFinance')).statusCode).toBe(404);
      expect((await get(FinancePaths.entry(requestEntryId), 'applicant')).statusCode).toBe(403);
    });
  });

  describe('reversal', () => {
    const reverse = (entryId: string, who: string, body: unknown = { reason: 'Booked on the wrong tranche' }, headers?: Record<string, string>) =>
      api.request('POST', FinancePaths.reverseEntry(entryId), { cookie: t[who], body, headers });

    it('is finance\'s, re-authenticated: an officer gets 403, finance without a fresh password REAUTH_REQUIRED', async () => {
      expect((await reverse(requestEntryId, 'officer')).statusCode).toBe(403);
      expect((await reverse(requestEntryId, 'applicant')).statusCode).toBe(403);
      expect((await reverse(requestEntryId, 'auditor')).statusCode).toBe(403);
      const stale = await reverse(requestEntryId, 'finance');
      expect(stale.statusCode).toBe(403);
      expect(stale.json<ApiErrorBody>().code).toBe(ErrorCode.ReauthRequired);
      expect((await reverse(requestEntryId, 'finance', { reason: '   ' })).statusCode).toBe(403);
    });

    it("is refused on another agency's entry (404) and without a reason (400)", async () => {
      await api.reauth(t['southFinance']);
      expect((await reverse(requestEntryId, 'southFinance')).statusCode).toBe(404);
      await api.reauth(t['finance']);
      expect((await reverse(requestEntryId, 'finance', { reason: '   ' })).statusCode).toBe(400);
      expect((await reverse(requestEntryId, 'finance', {})).statusCode).toBe(400);
    });

    it('refuses entries that book a business state (a commitment, a payment requested) with LEDGER_ENTRY_NOT_REVERSIBLE, writing nothing', async () => {
      await api.reauth(t['finance']);
      const before = (await api.dataSource.query('SELECT count(*)::int AS n FROM journal_entry')) as { n: number }[];
      const request = await reverse(requestEntryId, 'finance');
      expect(request.statusCode).toBe(409);
      expect(request.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.LedgerEntryNotReversible, params: { kind: 'payment_requested', grantId, instead: 'payment.reject,payment.cancel' } });
      const commit = await reverse(commitEntryId, 'finance');
      expect(commit.statusCode).toBe(409);
      expect(commit.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.LedgerEntryNotReversible, params: { kind: 'grant_committed', grantId } });
      const after = (await api.dataSource.query('SELECT count(*)::int AS n FROM journal_entry')) as { n: number }[];
      expect(after[0].n).toBe(before[0].n);
    });

    it('refuses a reversal that would take a stage below zero (the envelope was already drawn on), writing nothing', async () => {
      await api.reauth(t['finance']);
      const [{ id: envelopeEntryId }] = (await api.dataSource.query(`SELECT id FROM journal_entry WHERE kind = 'envelope_allocated' AND program_id = $1`, [w.programId])) as { id: string }[];
      const before = (await api.dataSource.query('SELECT count(*)::int AS n FROM journal_entry')) as { n: number }[];
      const response = await reverse(envelopeEntryId, 'finance');
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.LedgerInsufficientFunds);
      const after = (await api.dataSource.query('SELECT count(*)::int AS n FROM journal_entry')) as { n: number }[];
      expect(after[0].n).toBe(before[0].n);
    });

    it('books the mirror of a funding entry naming the original and its own trail record with the reason; a second reversal is 409', async () => {
      await api.reauth(t['finance']);
      const officer = { id: w.north.users.officer.id, label: w.north.users.officer.email };
      const fundingEntryId = await api.dataSource.transaction(
        async (m) =>
          (
            await api.app.get(LedgerService).post(m, {
              agencyId: w.north.agency.id,
              programId: w.programId,
              kind: 'envelope_allocated',
              description: 'Envelope grown',
              effectiveOn: '2027-03-01',
              lines: envelopeAllocated({ programId: w.programId, callId: w.callId, currency: 'SEK' }, 1500n),
              trail: { actor: officer, agencyId: w.north.agency.id, action: 'call.envelope_allocated', entityType: 'call', entityId: w.callId },
            })
          ).entryId,
      );
      const response = await reverse(fundingEntryId, 'finance', { reason: '  Booked on the wrong call ' });
      expect(response.statusCode).toBe(201);
      const reversal = response.json<LedgerEntryView>();
      expect(reversal).toMatchObject({ kind: 'reversal', reversesEntryId: fundingEntryId });
      expect(reversal.postings.map((p) => [p.code, p.amountMinor]).sort()).toEqual([
        ['call_envelope', '-1500'],
        ['program_budget', '1500'],
      ]);
      expect(reversal.trail).toMatchObject({ action: 'ledger.entry_reversed', entityType: 'journal_entry', entityId: fundingEntryId, reason: 'Booked on the wrong call' });
      expect((await get(FinancePaths.entry(fundingEntryId), 'finance')).json<LedgerEntryView>().reversedByEntryId).toBe(reversal.id);

      const again = await reverse(fundingEntryId, 'finance');
      expect(again.statusCode).toBe(409);
      expect(again.json<ApiErrorBody>().code).toBe(ErrorCode.LedgerEntryAlreadyReversed);
      const ofReversal = await reverse(reversal.id, 'finance');
      expect(ofReversal.statusCode).toBe(409);
      expect(ofReversal.json<ApiErrorBody>().code).toBe(ErrorCode.LedgerEntryAlreadyReversed);
    });
  });
});
