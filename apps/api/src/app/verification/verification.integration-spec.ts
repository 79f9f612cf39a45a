import {
  ApiErrorBody,
  ErrorCode,
  FinancePaths,
  GrantStatementPage,
  GrantPaths,
  GrantView,
  LineMessageView,
  RefundPositionView,
  ReportDecisionView,
  ReportingPaths,
  VerificationPaths,
  VerificationProgressView,
  VerifiedLineView,
} from '@mizan/contracts';
import { convertMinor, convertMinorInverse, parseRate } from '@mizan/domain';
import { GrantReport } from '@mizan/server/reporting';
import { ApiHarness } from '../../testing/api-harness';
import { balances, counts } from '../finance/payments.fixtures';
import { GrantWorld, grantWorld } from '../grants/grants.fixtures';
import { createUser } from '../intake/applications/applications.fixtures';
import { ADVANCE_RATE, PaidGrant, grantWithPaidTranche, simpleFinanceSettings, submittedLine, submittedReport } from './verification.fixtures';

/*
 * Verification on the real database: each decision's ledger entry and trail
 * record in one transaction, the exchange difference against the rate the
 * advance was received at, refunds receivable, a second or concurrent
 * verification, the line thread, report acceptance opening tranche 2's
 * report condition, return, repayment and offset (tranche 2 requested net),
 * and who may do what (another agency's officer, a stranger: 404).
 * Grant: 750,000.00 SEK, tranche 1 (375,000.00 SEK) paid in IQD at 1 SEK = 125 IQD.
 */
describe('verification of a report, refunds', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  let paid: PaidGrant;
  let report: GrantReport;
  const t = {} as Record<'officer' | 'officer2' | 'applicant' | 'partner' | 'finance' | 'southOfficer' | 'reviewer', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('verification', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    await simpleFinanceSettings(api, w.north.agency.id);
    const officer2 = await createUser(api.dataSource, w.north.agency.id, 'verifier2@north.test', 'officer');
    t.officer = await api.signIn('officer@north.test');
    t.officer2 = await api.signIn(officer2.email);
    t.applicant = await api.signIn('applicant@north.test');
    t.partner = await api.signIn('partner@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    t.reviewer = await api.signIn('reviewer@north.test');
    paid = await grantWithPaidTranche(api, w, t);
    report = await submittedReport(api, paid.grant, w.applicantId);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  const call = (method: 'GET' | 'POST', path: string, cookie: string, body?: unknown, headers?: Record<string, string>) => api.request(method, path, { cookie, body, headers });
  const error = (response: { json<T>(): T }) => response.json<ApiErrorBody>();
  const grantBalances = () => balances(api.dataSource, paid.grant.id);
  const programBalances = () => balances(api.dataSource, paid.grant.programId);
  const verify = (lineId: string, body: Record<string, unknown>, token = t.officer) => call('POST', VerificationPaths.verifyLine(report.id, lineId), token, body);
  const entryOf = async (lineId: string) =>
    (await api.dataSource.query(
      `SELECT e.id, e.kind, r.action, r.entity_id FROM expenditure_line l JOIN journal_entry e ON e.id = l.journal_entry_id JOIN activity_record r ON r.seq = e.trail_seq WHERE l.id = $1`,
      [lineId],
    )) as { id: string; kind: string; action: string; entity_id: string }[];

  it('the paid tranche left the advance with the grantee', async () => {
    expect(await grantBalances()).toMatchObject({ advance_with_grantee: '37500000', grant_committed: '37500000' });
  });

  it('another agency’s officer and a stranger get 404; the grantee cannot verify', async () => {
    const line = await submittedLine(api, report, { amountMinor: 1_000n, currency: 'SEK', createdBy: w.applicantId });
    expect((await verify(line.id, { decision: 'accept', rowVersion: 1 }, t.southOfficer)).statusCode).toBe(404);
    expect((await call('GET', VerificationPaths.progress(report.id), t.southOfficer)).statusCode).toBe(404);
    expect((await call('GET', ReportingPaths.lineMessages(report.id, line.id), t.southOfficer)).statusCode).toBe(404);
    expect((await call('GET', ReportingPaths.lineMessages(report.id, line.id), t.reviewer)).statusCode).toBe(404);
    expect((await call('GET', VerificationPaths.refunds(paid.grant.id), t.southOfficer)).statusCode).toBe(404);
    expect((await verify(line.id, { decision: 'accept', rowVersion: 1 }, t.applicant)).statusCode).toBe(403);
    expect((await call('GET', ReportingPaths.lineMessages(report.id, line.id), t.partner)).statusCode).toBe(200);
    // Tidy: accept it so it does not block the report later.
    expect((await verify(line.id, { decision: 'accept', rowVersion: 1 })).statusCode).toBe(200);
  });

  it('accept at the tranche rate: advance → verified expenditure, entry and trail record together', async () => {
    const before = await grantBalances();
    // 1,250,000.000 IQD at the tranche's 1 IQD = 0.008 SEK = 10,000.00 SEK.
    const line = await submittedLine(api, report, { amountMinor: 1_250_000_000n, currency: 'IQD', rate: '0.008', rateSource: 'tranche', createdBy: w.north.users.partner.id });
    expect(line.grantAmountMinor).toBe('1000000');
    const response = await verify(line.id, { decision: 'accept', rowVersion: 1 });
    expect(response.statusCode).toBe(200);
    const view = response.json<VerifiedLineView>();
    expect(view).toMatchObject({ state: 'accepted', posted: { verifiedMinor: '1000000', fxDifferenceMinor: '0', advanceMinor: '1000000', refundReceivableMinor: '0' } });
    const after = await grantBalances();
    expect(BigInt(after['advance_with_grantee'])).toBe(BigInt(before['advance_with_grantee']) - 1_000_000n);
    expect(BigInt(after['verified_expenditure'])).toBe(BigInt(before['verified_expenditure'] ?? '0') + 1_000_000n);
    const [entry] = await entryOf(line.id);
    expect(entry).toMatchObject({ kind: 'expenditure_verified', action: 'report.line_accepted', entity_id: line.id, id: view.journalEntryId });
    const [stored] = (await api.dataSource.query('SELECT verified_by, verified_at FROM expenditure_line WHERE id = $1', [line.id])) as { verified_by: string; verified_at: Date }[];
    expect(stored.verified_by).toBe(w.north.users.officer.id);
    expect(stored.verified_at).not.toBeNull();
  });

  it('a line at another rate books the exchange difference against the rate the advance was received at', async () => {
    const before = await grantBalances();
    const fxBefore = BigInt((await programBalances())['fx_difference'] ?? '0');
    // 2,600,000.000 IQD at a reference rate of 0.0075 = 19,500.00 SEK; at the advance's 125 IQD per SEK it used 20,800.00 SEK.
    const iqd = 2_600_000_000n;
    const line = await submittedLine(api, report, { amountMinor: iqd, currency: 'IQD', rate: '0.0075', rateSource: 'reference', createdBy: w.applicantId });
    const atLine = convertMinor(iqd, 'IQD', 'SEK', parseRate('0.0075'));
    const atAdvance = convertMinorInverse(iqd, 'IQD', 'SEK', parseRate(ADVANCE_RATE));
    expect([atLine, atAdvance]).toEqual([1_950_000n, 2_080_000n]);
    expect((await verify(line.id, { decision: 'accept', rowVersion: 1 })).json<VerifiedLineView>().posted).toEqual({
      verifiedMinor: '1950000',
      refundReceivableMinor: '0',
      fxDifferenceMinor: '130000',
      advanceMinor: '2080000',
    });
    const after = await grantBalances();
    expect(BigInt(before['advance_with_grantee']) - BigInt(after['advance_with_grantee'])).toBe(2_080_000n);
    expect(BigInt(after['verified_expenditure']) - BigInt(before['verified_expenditure'])).toBe(1_950_000n);
    // A loss of 1,300.00 SEK: a debit on the program's fx_difference.
    expect(BigInt((await programBalances())['fx_difference']) - fxBefore).toBe(130_000n);
  });

  it('a second verification of a verified line is 409 LINE_ALREADY_VERIFIED and changes nothing; a stale row version is 409 STALE_REPORT', async () => {
    const line = await submittedLine(api, report, { amountMinor: 20_000n, currency: 'SEK', createdBy: w.applicantId });
    expect((await verify(line.id, { decision: 'accept', rowVersion: 7 })).json<ApiErrorBody>().code).toBe(ErrorCode.StaleReport);
    expect((await verify(line.id, { decision: 'accept', rowVersion: 1 })).statusCode).toBe(200);
    const before = await counts(api.dataSource);
    const balancesBefore = await grantBalances();
    for (const body of [
      { decision: 'accept', rowVersion: 2 },
      { decision: 'ineligible', rowVersion: 2, ineligibleMinor: '100', reason: 'No receipt' },
      { decision: 'question', rowVersion: 2, question: 'Which clinic?' },
    ]) {
      const again = await verify(line.id, body);
      expect(again.statusCode).toBe(409);
      expect(error(again)).toMatchObject({ code: ErrorCode.LineAlreadyVerified, params: { state: 'accepted' } });
    }
    expect(await counts(api.dataSource)).toEqual(before);
    expect(await grantBalances()).toEqual(balancesBefore);
  });

  it('ineligible: bad amounts and a missing reason are 400 naming the field; a partly ineligible line books a refund receivable', async () => {
    const line = await submittedLine(api, report, { amountMinor: 500_000n, currency: 'SEK', createdBy: w.applicantId });
    const field = async (body: Record<string, unknown>) => {
      const response = await verify(line.id, { decision: 'ineligible', rowVersion: 1, ...body });
      expect(response.statusCode).toBe(400);
      return error(response).fields?.[0]?.field;
    };
    expect(await field({ ineligibleMinor: '0', reason: 'Personal use' })).toBe('ineligibleMinor');
    expect(await field({ ineligibleMinor: '500001', reason: 'Personal use' })).toBe('ineligibleMinor');
    expect(await field({ ineligibleMinor: '1.5', reason: 'Personal use' })).toBe('ineligibleMinor');
    expect(await field({ ineligibleMinor: '200000' })).toBe('reason');
    expect(await field({ ineligibleMinor: '200000', reason: '   ' })).toBe('reason');
    const before = await grantBalances();
    const response = await verify(line.id, { decision: 'ineligible', rowVersion: 1, ineligibleMinor: '200000', reason: 'Part of the invoice is for a private car' });
    expect(response.statusCode).toBe(200);
    expect(response.json<VerifiedLineView>()).toMatchObject({ state: 'ineligible', ineligibleMinor: '200000', ineligibleReason: 'Part of the invoice is for a private car' });
    const after = await grantBalances();
    expect(after['refund_receivable']).toBe('200000');
    expect(BigInt(after['verified_expenditure']) - BigInt(before['verified_expenditure'])).toBe(300_000n);
    expect(BigInt(before['advance_with_grantee']) - BigInt(after['advance_with_grantee'])).toBe(500_000n);
    const [entry] = await entryOf(line.id);
    expect(entry).toMatchObject({ kind: 'expenditure_ineligible', action: 'report.line_ineligible' });
  });

  it('two officers accepting the same line at once: one wins, the ledger is posted once', async () => {
    const line = await submittedLine(api, report, { amountMinor: 70_000n, currency: 'SEK', createdBy: w.applicantId });
    const [a, b] = await Promise.all([verify(line.id, { decision: 'accept', rowVersion: 1 }, t.officer), verify(line.id, { decision: 'accept', rowVersion: 1 }, t.officer2)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [{ n }] = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM journal_entry e JOIN activity_record r ON r.seq = e.trail_seq WHERE r.entity_id = $1`,
      [line.id],
    )) as { n: number }[];
    expect(n).toBe(1);
  });

  it('question and answer: the line waits for the grantee, who is told; the answer makes it verifiable again and tells the officer', async () => {
    const line = await submittedLine(api, report, { amountMinor: 40_000n, currency: 'SEK', createdBy: w.north.users.partner.id });
    expect((await verify(line.id, { decision: 'question', rowVersion: 1 })).statusCode).toBe(400);
    const asked = await verify(line.id, { decision: 'question', rowVersion: 1, question: 'Which clinic received the supplies?' });
    expect(asked.json<VerifiedLineView>().state).toBe('questioned');
    // Nothing is posted for a question; a questioned line cannot be accepted before it is answered.
    expect(await entryOf(line.id)).toEqual([]);
    expect(error(await verify(line.id, { decision: 'accept', rowVersion: 2 })).code).toBe(ErrorCode.LineNotSubmitted);
    const notified = (await api.dataSource.query(`SELECT user_id, message_key FROM notification WHERE entity_id = $1 AND message_key = 'report.line_question'`, [report.id])) as {
      user_id: string;
    }[];
    expect(notified.map((n) => n.user_id)).toEqual(expect.arrayContaining([w.applicantId, w.north.users.partner.id]));

    // A follow-up question from the officer on the thread itself.
    expect((await call('POST', ReportingPaths.lineMessages(report.id, line.id), t.officer, { body: 'And the delivery note?' })).statusCode).toBe(201);
    const answer = await call('POST', ReportingPaths.lineMessages(report.id, line.id), t.partner, { body: 'Al-Zubair clinic; delivery note attached.' });
    expect(answer.statusCode).toBe(201);
    expect(answer.json<LineMessageView>()).toMatchObject({ kind: 'answer', author: { id: w.north.users.partner.id } });
    // No open question now: a second answer is refused.
    expect((await call('POST', ReportingPaths.lineMessages(report.id, line.id), t.applicant, { body: 'Also…' })).statusCode).toBe(409);
    const thread = (await call('GET', ReportingPaths.lineMessages(report.id, line.id), t.applicant)).json<LineMessageView[]>();
    expect(thread.map((m) => m.kind)).toEqual(['question', 'question', 'answer']);
    const told = (await api.dataSource.query(`SELECT user_id FROM notification WHERE entity_id = $1 AND message_key = 'report.line_answer'`, [report.id])) as { user_id: string }[];
    expect(told.map((n) => n.user_id)).toEqual([w.north.users.officer.id]);
    const [{ row_version, state }] = (await api.dataSource.query('SELECT row_version, state FROM expenditure_line WHERE id = $1', [line.id])) as { row_version: number; state: string }[];
    expect(state).toBe('submitted');
    expect((await verify(line.id, { decision: 'accept', rowVersion: row_version })).statusCode).toBe(200);
    const actions = (await api.dataSource.query(`SELECT action FROM activity_record WHERE entity_id = $1 ORDER BY seq`, [line.id])) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['report.line_questioned', 'report.line_questioned', 'report.line_answered', 'report.line_accepted']);
  });

  it('accepting the report: open lines are named (422); then accepted, tranche 2’s report condition holds; a second accept is 409', async () => {
    const open = await submittedLine(api, report, { amountMinor: 30_000n, currency: 'SEK', createdBy: w.applicantId });
    const progress = (await call('GET', VerificationPaths.progress(report.id), t.officer)).json<VerificationProgressView>();
    expect(progress).toMatchObject({ canAccept: false, openLineSeqs: [open.seq] });
    expect(progress.verified).toBe(progress.total - 1);

    // Before: tranche 2 is refused for its report condition.
    const blocked = await call('POST', GrantPaths.trancheRelease(paid.grant.id, paid.grant.tranches[1].id), t.officer, {});
    expect(blocked.statusCode).toBe(422);
    expect(error(blocked).message).toContain('previous_report_accepted');

    const refused = await call('POST', VerificationPaths.acceptReport(report.id), t.officer, { rowVersion: progress.rowVersion });
    expect(refused.statusCode).toBe(422);
    expect(error(refused)).toMatchObject({ code: ErrorCode.ReportLinesOpen, params: { count: 1, lines: String(open.seq) } });
    expect((await verify(open.id, { decision: 'accept', rowVersion: 1 })).statusCode).toBe(200);
    expect((await call('POST', VerificationPaths.acceptReport(report.id), t.officer, { rowVersion: progress.rowVersion + 5 })).json<ApiErrorBody>().code).toBe(ErrorCode.StaleReport);

    const accepted = await call('POST', VerificationPaths.acceptReport(report.id), t.officer, { rowVersion: progress.rowVersion, note: 'Receipts match' });
    expect(accepted.statusCode).toBe(200);
    const decision = accepted.json<ReportDecisionView>();
    const verified = (await grantBalances())['verified_expenditure'];
    expect(decision).toMatchObject({ state: 'accepted', tranche: { id: paid.grant.tranches[0].id, seq: 1, accountedMinor: verified } });
    const [due] = (await api.dataSource.query('SELECT state FROM grant_report_due WHERE id = $1', [report.reportDueId])) as { state: string }[];
    expect(due.state).toBe('accepted');

    const grant = (await call('GET', GrantPaths.grant(paid.grant.id), t.officer)).json<GrantView>();
    expect(grant.tranches[1].conditions.find((c) => c.kind === 'previous_report_accepted')?.ok).toBe(true);
    const still = await call('POST', GrantPaths.trancheRelease(paid.grant.id, paid.grant.tranches[1].id), t.officer, {});
    // Only the accounted share (a small report) holds it back now.
    expect(still.statusCode).toBe(422);
    expect(error(still).message).not.toContain('previous_report_accepted');

    const again = await call('POST', VerificationPaths.acceptReport(report.id), t.officer, { rowVersion: decision.rowVersion });
    expect(again.statusCode).toBe(409);
    expect(error(again).code).toBe(ErrorCode.ReportAlreadyAccepted);
    const trail = (await api.dataSource.query(`SELECT action, reason FROM activity_record WHERE entity_id = ANY($1::text[]) AND action IN ('report.accepted', 'tranche.report_accepted') ORDER BY seq`, [
      [report.id, paid.grant.tranches[0].id],
    ])) as { action: string; reason: string }[];
    expect(trail).toEqual([
      { action: 'report.accepted', reason: 'Receipts match' },
      { action: 'tranche.report_accepted', reason: 'Receipts match' },
    ]);
    const told = (await api.dataSource.query(`SELECT user_id FROM notification WHERE entity_id = $1 AND message_key = 'report.accepted'`, [report.id])) as { user_id: string }[];
    expect(told.map((n) => n.user_id)).toContain(w.applicantId);
    // Lines of an accepted report are not verified again.
    expect(error(await verify(open.id, { decision: 'accept', rowVersion: 2 })).code).toBe(ErrorCode.LineAlreadyVerified);
  });

  it('repayment: finance only, bad amounts named, at most what is outstanding, Idempotency-Key replays', async () => {
    const path = VerificationPaths.refundRepayments(paid.grant.id);
    const body = { amountMinor: '50000', receivedOn: new Date().toISOString().slice(0, 10), reference: 'IN-2026-0042' };
    expect((await call('POST', path, t.officer, body)).statusCode).toBe(403);
    for (const [amountMinor, code] of [
      ['0', ErrorCode.ValidationFailed],
      ['1.5', ErrorCode.ValidationFailed],
      ['-5', ErrorCode.ValidationFailed],
      ['200001', ErrorCode.RefundAboveOutstanding],
    ] as const) {
      const response = await call('POST', path, t.finance, { ...body, amountMinor });
      expect(error(response)).toMatchObject({ code });
      expect(error(response).fields?.[0]?.field).toBe('amountMinor');
    }
    expect((await call('POST', path, t.finance, { ...body, receivedOn: '2999-01-01' })).statusCode).toBe(400);
    expect((await call('POST', path, t.finance, { ...body, reference: ' ' })).statusCode).toBe(400);
    const first = await call('POST', path, t.finance, body, { 'Idempotency-Key': 'repay-1' });
    expect(first.statusCode).toBe(201);
    const replay = await call('POST', path, t.finance, body, { 'Idempotency-Key': 'repay-1' });
    expect(replay.statusCode).toBe(201);
    const position = replay.json<RefundPositionView>();
    expect(position).toMatchObject({ ineligibleMinor: '200000', repaidMinor: '50000', offsetMinor: '0', outstandingMinor: '150000' });
    expect(position.settlements).toHaveLength(1);
    expect(await grantBalances()).toMatchObject({ refund_receivable: '150000', refunded: '50000' });
    const [entry] = (await api.dataSource.query(`SELECT e.kind, r.action FROM journal_entry e JOIN activity_record r ON r.seq = e.trail_seq WHERE e.id = $1`, [
      position.settlements[0].journalEntryId,
    ])) as { kind: string; action: string }[];
    expect(entry).toEqual({ kind: 'refund_repaid', action: 'refund.repaid' });
  });

  it('offset against tranche 2: officer only, not a paid tranche, on the ledger; tranche 2 is then requested net', async () => {
    const path = VerificationPaths.refundOffsets(paid.grant.id);
    const [first, second] = paid.grant.tranches;
    const body = { trancheId: second.id, amountMinor: '100000', reason: 'The grantee asked to settle it with the next tranche' };
    expect((await call('POST', path, t.finance, body)).statusCode).toBe(403);
    const paidTranche = await call('POST', path, t.officer, { ...body, trancheId: first.id });
    expect(paidTranche.statusCode).toBe(409);
    expect(error(paidTranche)).toMatchObject({ code: ErrorCode.TrancheNotOffsettable, params: { seq: 1, state: 'paid' } });
    expect(error(await call('POST', path, t.officer, { ...body, amountMinor: '150001' })).code).toBe(ErrorCode.RefundAboveOutstanding);
    expect((await call('POST', path, t.officer, { ...body, amountMinor: '0' })).statusCode).toBe(400);
    expect((await call('POST', path, t.officer, { ...body, reason: '' })).statusCode).toBe(400);

    const before = await grantBalances();
    const offset = await call('POST', path, t.officer, body, { 'Idempotency-Key': 'offset-1' });
    expect(offset.statusCode).toBe(201);
    const position = offset.json<RefundPositionView>();
    expect(position).toMatchObject({ repaidMinor: '50000', offsetMinor: '100000', outstandingMinor: '50000' });
    expect(position.offsetTranches.find((x) => x.id === second.id)).toMatchObject({ offsetMinor: '100000', netMinor: String(BigInt(second.amountMinor) - 100_000n) });
    const after = await grantBalances();
    expect(after['refund_receivable']).toBe('50000');
    expect(after['refunded']).toBe('150000');
    expect(BigInt(before['grant_committed']) - BigInt(after['grant_committed'])).toBe(100_000n);
    expect(BigInt(after['advance_with_grantee']) - BigInt(before['advance_with_grantee'])).toBe(100_000n);

    // Tranche 2 made requestable by the officer's manual record (the small report accounted for too little): its payment is net.
    await api.reauth(t.officer);
    expect((await call('POST', GrantPaths.trancheReportAccepted(paid.grant.id, first.id), t.officer, { note: 'Audited figures', accountedMinor: first.amountMinor })).statusCode).toBe(200);
    const released = await call('POST', GrantPaths.trancheRelease(paid.grant.id, second.id), t.officer, {});
    expect(released.statusCode).toBe(201);
    const { paymentId } = released.json<{ paymentId: string }>();
    const [payment] = (await api.dataSource.query('SELECT amount_minor::text AS amount FROM payment WHERE id = $1', [paymentId])) as { amount: string }[];
    expect(payment.amount).toBe(String(BigInt(second.amountMinor) - 100_000n));
    expect((await grantBalances())['payment_requested']).toBe(payment.amount);
    // Requested now: no more offsets against it.
    const late = await call('POST', path, t.officer, { ...body, amountMinor: '1000' });
    expect(late.statusCode).toBe(409);
    expect(error(late).params).toMatchObject({ seq: 2, state: 'requested' });
  });

  it('the ledger read service shows the verification, refund and offset entries and the same balances', async () => {
    const statement = await call('GET', `${FinancePaths.grantStatement(paid.grant.id)}?pageSize=200`, t.officer);
    expect(statement.statusCode).toBe(200);
    const view = statement.json<GrantStatementPage>();
    const kinds = new Set(view.items.map((l) => l.kind));
    for (const kind of ['expenditure_verified', 'expenditure_ineligible', 'refund_repaid', 'refund_offset']) expect(kinds).toContain(kind);
    const fromRead = Object.fromEntries(view.balances.map((b) => [b.code, b.balanceMinor]));
    const raw = await grantBalances();
    for (const code of ['advance_with_grantee', 'verified_expenditure', 'refund_receivable', 'refunded', 'grant_committed']) expect(fromRead[code]).toBe(raw[code]);
    // Verification entries are business-state entries: the reversal route refuses them.
    const [{ entry_id }] = (await api.dataSource.query(`SELECT id AS entry_id FROM journal_entry WHERE grant_id = $1 AND kind = 'expenditure_verified' LIMIT 1`, [paid.grant.id])) as {
      entry_id: string;
    }[];
    await api.reauth(t.finance);
    const reversed = await call('POST', FinancePaths.reverseEntry(entry_id), t.finance, { reason: 'test' });
    expect(reversed.statusCode).toBe(409);
    expect(error(reversed).code).toBe(ErrorCode.LedgerEntryNotReversible);
  });

  it('returning a report: a reason is required; unverified lines go back to the grantee, verified ones stay', async () => {
    const second = await submittedReport(api, paid.grant, w.applicantId, 1);
    const verifiedLine = await submittedLine(api, second, { amountMinor: 10_000n, currency: 'SEK', createdBy: w.applicantId });
    const pending = await submittedLine(api, second, { amountMinor: 12_000n, currency: 'SEK', createdBy: w.applicantId });
    expect((await call('POST', VerificationPaths.verifyLine(second.id, verifiedLine.id), t.officer, { decision: 'accept', rowVersion: 1 })).statusCode).toBe(200);
    expect((await call('POST', VerificationPaths.returnReport(second.id), t.officer, { rowVersion: 1, reason: ' ' })).statusCode).toBe(400);
    expect((await call('POST', VerificationPaths.returnReport(second.id), t.southOfficer, { rowVersion: 1, reason: 'x' })).statusCode).toBe(404);
    const returned = await call('POST', VerificationPaths.returnReport(second.id), t.officer, { rowVersion: 1, reason: 'Receipts for March are missing' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json<ReportDecisionView>().state).toBe('returned');
    const states = (await api.dataSource.query('SELECT id, state FROM expenditure_line WHERE report_id = $1 ORDER BY seq', [second.id])) as { id: string; state: string }[];
    expect(states).toEqual([
      { id: verifiedLine.id, state: 'accepted' },
      { id: pending.id, state: 'draft' },
    ]);
    expect((await call('POST', VerificationPaths.returnReport(second.id), t.officer, { rowVersion: 2, reason: 'again' })).json<ApiErrorBody>().code).toBe(ErrorCode.ReportNotSubmitted);
    expect((await call('POST', VerificationPaths.acceptReport(second.id), t.officer, { rowVersion: 2 })).json<ApiErrorBody>().code).toBe(ErrorCode.ReportNotSubmitted);
    const [trail] = (await api.dataSource.query(`SELECT reason, after FROM activity_record WHERE entity_id = $1 AND action = 'report.returned'`, [second.id])) as {
      reason: string;
      after: { reopenedLines: number[] };
    }[];
    expect(trail).toEqual({ reason: 'Receipts for March are missing', after: expect.objectContaining({ reopenedLines: [pending.seq] }) });
  });
});
