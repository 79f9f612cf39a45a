import { ApiErrorBody, AuditFindingView, AuditPaths, ErrorCode, GrantPaths, GrantView, RefundPositionView, VerificationPaths, VerifiedLineView } from '@mizan/contracts';
import { addDaysIso } from '@mizan/domain';
import { ApiHarness } from '../../testing/api-harness';
import { asOwner, insertEngagement, insertSampledPayment } from '../../testing/audit-fixtures';
import { balances } from '../finance/payments.fixtures';
import { GrantWorld, activeGrant, grantWorld } from '../grants/grants.fixtures';
import { createUser } from '../intake/applications/applications.fixtures';
import { PaidGrant, grantWithPaidTranche, simpleFinanceSettings, submittedLine, submittedReport } from '../verification/verification.fixtures';

/*
 * Audit findings on the real database (issue 12): an engagement (written with SQL: the
 * engagements and sampling helpers build those routes) whose chosen-grants scope holds
 * grant A (tranche 1 paid, 10,000.00 SEK of expenditure verified) and grant B (active,
 * tranche 1 not yet requested), with a frozen population and a sample; a second
 * engagement over grant A only, with its own sample. Bad input, who may do what on each
 * side, the refund receivable on the ledger (once, also under a burst), follow-up with
 * the second person's check, and the tranche block lifted only by the check.
 */
describe('audit findings, responses, follow-up and refunds', () => {
  let api: ApiHarness;
  let w: GrantWorld;
  let paid: PaidGrant;
  let grantB: GrantView;
  let engagementId: string;
  let otherEngagementId: string;
  let sampleA: string;
  let sampleB: string;
  let otherSample: string;
  const t = {} as Record<'officer' | 'officer2' | 'applicant' | 'coMember' | 'partner' | 'finance' | 'auditor' | 'auditor2' | 'southOfficer' | 'southApplicant' | 'southAuditor', string>;
  const ids = {} as Record<'auditor' | 'auditor2' | 'officer', string>;

  const owner = <T = unknown>(sql: string, params: unknown[] = []) => api.env.queryAs<T>('owner', sql, params);
  const error = (response: { json<T>(): T }) => response.json<ApiErrorBody>();
  const setState = (id: string, state: string) => owner('UPDATE audit_engagement SET state = $2 WHERE id = $1', [id, state]);
  const findingCount = async () => Number((await owner<{ n: string }>('SELECT count(*) AS n FROM audit_finding'))[0].n);

  async function engagement(reference: string, grantIds: string[], auditorIds: string[]): Promise<string> {
    const today = new Date().toISOString().slice(0, 10);
    const period = { from: addDaysIso(today, -365), to: addDaysIso(today, 30) };
    const scope = { kind: 'grants' as const, grantIds };
    return (await insertEngagement(asOwner(api), { agencyId: w.north.agency.id, reference, kind: 'spot_check', title: 'Spot check', scope, period, firmName: 'Basra Audit Partners', auditorIds, createdBy: ids.officer })).id;
  }
  const sampled = (engagement: string, seq: number, grantId: string, sourceId: string) => insertSampledPayment(asOwner(api), engagement, seq, grantId, sourceId);

  const finding = (overrides: Record<string, unknown> = {}) => ({
    grantId: paid.grant.id,
    sampleItemId: sampleA,
    category: 'ineligible_expenditure',
    description: 'Fuel receipts for a vehicle the budget does not hold.',
    priority: 'high',
    affectedMinor: '5000000',
    ineligibleMinor: '1500000',
    recommendation: 'Refund the fuel and keep a vehicle log.',
    action: 'Refund and vehicle log',
    actionOwner: 'Finance manager',
    actionDueOn: '2027-03-31',
    ...overrides,
  });
  const raise = (body: unknown, token = t.auditor, engagement = engagementId) => api.request('POST', AuditPaths.findings(engagement), { cookie: token, body });
  const get = (findingId: string, token: string) => api.request('GET', AuditPaths.finding(engagementId, findingId), { cookie: token });
  const respond = (findingId: string, token: string, kind: string, body = 'We agree and will act.') => api.request('POST', AuditPaths.findingResponses(engagementId, findingId), { cookie: token, body: { kind, body } });
  const confirm = (findingId: string, token = t.officer) => api.request('POST', AuditPaths.findingRefund(engagementId, findingId), { cookie: token, body: { reason: 'Agreed with the grantee' } });
  const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const complete = (findingId: string, token: string, note: string, file?: Buffer) =>
    api.postMultipart(AuditPaths.findingCompletion(engagementId, findingId), { cookie: token, fields: { note }, file: file ? { name: 'vehicle-log.pdf', contentType: 'application/pdf', content: file } : undefined });
  const check = (findingId: string, token: string) => api.request('POST', AuditPaths.findingCheck(engagementId, findingId), { cookie: token, body: { note: 'Log seen' } });

  beforeAll(async () => {
    api = await ApiHarness.start('audit-findings', { signInIpMaxAttempts: 10_000 });
    w = await grantWorld(api);
    await simpleFinanceSettings(api, w.north.agency.id);
    ids.officer = w.north.users.officer.id;
    ids.auditor = w.north.users.auditor.id;
    const officer2 = await createUser(api.dataSource, w.north.agency.id, 'officer2.audit@north.test', 'officer');
    const auditor2 = await createUser(api.dataSource, w.north.agency.id, 'auditor2@north.test', 'auditor');
    ids.auditor2 = auditor2.id;
    t.officer = await api.signIn('officer@north.test');
    t.officer2 = await api.signIn(officer2.email);
    t.applicant = await api.signIn('applicant@north.test');
    t.coMember = await api.signIn('comember@north.test');
    t.partner = await api.signIn('partner@north.test');
    t.finance = await api.signIn('finance@north.test');
    t.auditor = await api.signIn('auditor@north.test');
    t.auditor2 = await api.signIn(auditor2.email);
    t.southOfficer = await api.signIn('officer@south.test');
    t.southApplicant = await api.signIn('applicant@south.test');
    t.southAuditor = await api.signIn('auditor@south.test');
    paid = await grantWithPaidTranche(api, w, t);
    // 10,000.00 SEK of expenditure verified on grant A.
    const report = await submittedReport(api, paid.grant, w.applicantId);
    const line = await submittedLine(api, report, { amountMinor: 1_000_000n, currency: 'SEK', createdBy: w.applicantId });
    const verified = await api.request('POST', VerificationPaths.verifyLine(report.id, line.id), { cookie: t.officer, body: { decision: 'accept', rowVersion: 1 } });
    expect(verified.json<VerifiedLineView>().state).toBe('accepted');
    grantB = await activeGrant(api, w, t);
    // The proposal starts the grant next year; its first tranche is requested today, inside its period.
    await owner('UPDATE grant_award SET starts_on = CURRENT_DATE - 60 WHERE id = $1', [grantB.id]);
    engagementId = await engagement('AUD-2026-001', [paid.grant.id, grantB.id], [ids.auditor, ids.auditor2]);
    otherEngagementId = await engagement('AUD-2026-002', [paid.grant.id], [ids.auditor]);
    sampleA = await sampled(engagementId, 1, paid.grant.id, paid.paymentId);
    sampleB = await sampled(engagementId, 2, grantB.id, grantB.tranches[0].id);
    otherSample = await sampled(otherEngagementId, 1, paid.grant.id, paid.paymentId);
  }, 240_000);
  afterAll(async () => {
    await api?.stop();
  });

  describe('bad input: 4xx naming the problem, nothing saved', () => {
    it('an item of another engagement’s sample, or no sampled item at all: AUDIT_ITEM_NOT_IN_SAMPLE', async () => {
      for (const sampleItemId of [otherSample, '00000000-0000-4000-8000-000000000000']) {
        const response = await raise(finding({ sampleItemId }));
        expect(response.statusCode).toBe(422);
        expect(error(response)).toMatchObject({ code: ErrorCode.AuditItemNotInSample, fields: [expect.objectContaining({ field: 'sampleItemId' })] });
      }
      // A sampled item of this engagement, but of grant B.
      const other = await raise(finding({ sampleItemId: sampleB }));
      expect(other.statusCode).toBe(400);
      expect(error(other).fields?.[0].field).toBe('sampleItemId');
      expect(await findingCount()).toBe(0);
    });

    it('a grant outside the scope: AUDIT_GRANT_OUT_OF_SCOPE', async () => {
      const response = await raise(finding({ grantId: grantB.id, sampleItemId: null }), t.auditor, otherEngagementId);
      expect(response.statusCode).toBe(422);
      expect(error(response)).toMatchObject({ code: ErrorCode.AuditGrantOutOfScope, params: { grantId: grantB.id } });
      const south = await raise(finding({ grantId: '00000000-0000-4000-8000-000000000001', sampleItemId: null }));
      expect(error(south).code).toBe(ErrorCode.AuditGrantOutOfScope);
      expect(await findingCount()).toBe(0);
    });

    it('amounts: ineligible above affected, fractional, negative, huge, not text; NUL bytes; no title', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ affectedMinor: '1000', ineligibleMinor: '1001' }, 'ineligibleMinor'],
        [{ affectedMinor: '12.50' }, 'affectedMinor'],
        [{ affectedMinor: '-5' }, 'affectedMinor'],
        [{ affectedMinor: '1000000000000000', ineligibleMinor: '0' }, 'affectedMinor'],
        [{ ineligibleMinor: 1500 }, 'ineligibleMinor'],
        [{ category: null, title: '' }, 'title'],
        [{ category: 'made_up' }, 'category'],
        [{ actionDueOn: '31/03/2027' }, 'actionDueOn'],
      ];
      for (const [overrides, field] of cases) {
        const response = await raise(finding(overrides));
        expect({ overrides, status: response.statusCode }).toEqual({ overrides, status: 400 });
        expect(error(response).fields?.map((f) => f.field)).toContain(field);
      }
      const nul = await raise(finding({ description: 'fuel\u0000receipts' }));
      expect(nul.statusCode).toBeGreaterThanOrEqual(400);
      expect(nul.statusCode).toBeLessThan(500);
      expect(await findingCount()).toBe(0);
    });

    it('who may raise: only the engagement’s auditors, only during fieldwork', async () => {
      expect((await raise(finding(), t.officer)).statusCode).toBe(403);
      expect((await raise(finding(), t.applicant)).statusCode).toBe(403);
      expect((await raise(finding(), t.southAuditor)).statusCode).toBe(404);
      await setState(engagementId, 'planned');
      const planned = await raise(finding());
      expect(planned.statusCode).toBe(409);
      expect(error(planned)).toMatchObject({ code: ErrorCode.AuditFindingStageClosed, params: { state: 'planned', action: 'raise' } });
      await setState(engagementId, 'fieldwork');
      expect(await findingCount()).toBe(0);
    });
  });

  let high: AuditFindingView;
  let medium: AuditFindingView;

  it('raises a finding numbered per engagement, on the trail in the same transaction', async () => {
    const response = await raise(finding());
    expect(response.statusCode).toBe(201);
    high = response.json<AuditFindingView>();
    expect(high).toMatchObject({
      number: 1,
      grantId: paid.grant.id,
      sampleItemId: sampleA,
      title: 'Ineligible expenditure',
      affectedMinor: '5000000',
      ineligibleMinor: '1500000',
      currency: 'SEK',
      actionState: 'open',
      blocksTranche: true,
      refund: { state: 'pending', journalEntryId: null },
      actions: ['edit'],
    });
    const records = await owner<{ action: string }>(`SELECT action FROM activity_record WHERE entity_type = 'audit_finding' AND entity_id = $1`, [high.id]);
    expect(records.map((r) => r.action)).toEqual(['audit.finding_raised']);
  });

  it('numbers stay unique under ten raises at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => raise(finding({ category: null, title: `Missing receipt ${i}`, priority: 'medium', sampleItemId: null, affectedMinor: '1000', ineligibleMinor: '0' }))),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    const numbers = responses.map((r) => r.json<AuditFindingView>().number).sort((a, b) => a - b);
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    medium = responses[0].json<AuditFindingView>();
  });

  it('edits with the row version (stale → STALE_FINDING), and the edit is on the trail', async () => {
    const stale = await api.request('PATCH', AuditPaths.finding(engagementId, medium.id), { cookie: t.auditor, body: { recommendation: 'Keep receipts', rowVersion: 99 } });
    expect(stale.statusCode).toBe(409);
    expect(error(stale).code).toBe(ErrorCode.StaleFinding);
    const bad = await api.request('PATCH', AuditPaths.finding(engagementId, medium.id), { cookie: t.auditor, body: { ineligibleMinor: '2000', rowVersion: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(error(bad).fields?.[0].field).toBe('ineligibleMinor');
    const ok = await api.request('PATCH', AuditPaths.finding(engagementId, medium.id), { cookie: t.auditor, body: { ineligibleMinor: '600', recommendation: 'Keep receipts', rowVersion: 1 } });
    expect(ok.statusCode).toBe(200);
    medium = ok.json<AuditFindingView>();
    expect(medium).toMatchObject({ ineligibleMinor: '600', recommendation: 'Keep receipts', rowVersion: 2 });
    const [record] = await owner<{ before: unknown; after: unknown }>(`SELECT before, after FROM activity_record WHERE action = 'audit.finding_updated' AND entity_id = $1`, [medium.id]);
    expect(record).toEqual({ before: { ineligibleMinor: '0', recommendation: 'Refund the fuel and keep a vehicle log.' }, after: { ineligibleMinor: '600', recommendation: 'Keep receipts' } });
  });

  describe('the grantee’s side', () => {
    it('sees nothing during fieldwork; responses are not open yet', async () => {
      expect((await get(high.id, t.applicant)).statusCode).toBe(404);
      expect((await api.request('GET', AuditPaths.myFindings, { cookie: t.applicant })).json<AuditFindingView[]>()).toEqual([]);
      expect((await api.request('GET', AuditPaths.findings(engagementId), { cookie: t.applicant })).statusCode).toBe(404);
      const early = await respond(high.id, t.officer, 'response');
      expect(early.statusCode).toBe(409);
      expect(error(early).code).toBe(ErrorCode.AuditFindingStageClosed);
    });

    it('from the draft report on: members and partners of the grant see its findings; another organization’s member gets 404', async () => {
      await setState(engagementId, 'draft_report');
      const mine = (await api.request('GET', AuditPaths.myFindings, { cookie: t.applicant })).json<AuditFindingView[]>();
      expect(mine.map((f) => f.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(mine.find((f) => f.id === high.id)?.actions).toEqual(['respond', 'complete']);
      const asPartner = (await get(high.id, t.partner)).json<AuditFindingView>();
      expect(asPartner.actions).toEqual(['respond']);
      expect((await get(high.id, t.coMember)).statusCode).toBe(200);
      expect((await get(high.id, t.southApplicant)).statusCode).toBe(404);
      expect((await api.request('GET', AuditPaths.grantFindings(paid.grant.id), { cookie: t.southApplicant })).statusCode).toBe(404);
      expect((await api.request('GET', AuditPaths.findings(engagementId), { cookie: t.southApplicant })).statusCode).toBe(404);
      expect((await get(high.id, t.southOfficer)).statusCode).toBe(404);
      expect((await get(high.id, t.finance)).statusCode).toBe(404);
      expect((await api.request('GET', AuditPaths.grantFindings(paid.grant.id), { cookie: t.applicant })).json<AuditFindingView[]>()).toHaveLength(11);
      expect((await api.request('GET', AuditPaths.grantFindings(paid.grant.id), { cookie: t.finance })).json<AuditFindingView[]>()).toHaveLength(11);
    });
  });

  describe('responses', () => {
    it('each side posts its own kind; others are refused', async () => {
      expect((await respond(high.id, t.applicant, 'accepted')).statusCode).toBe(400);
      expect((await respond(high.id, t.auditor, 'response')).statusCode).toBe(400);
      expect((await respond(high.id, t.southApplicant, 'response')).statusCode).toBe(404);
      expect((await respond(high.id, t.southOfficer, 'response')).statusCode).toBe(404);
      expect((await respond(high.id, t.finance, 'response')).statusCode).toBe(404);
      expect((await respond(high.id, t.applicant, 'response', '   ')).statusCode).toBe(400);
      const grantee = await respond(high.id, t.applicant, 'response', 'The fuel was for the clinic generator; we will show the log.');
      expect(grantee.statusCode).toBe(201);
      expect((await respond(high.id, t.partner, 'response', 'Partner agrees.')).statusCode).toBe(201);
      expect((await respond(high.id, t.officer, 'response', 'The agency expects the log.')).statusCode).toBe(201);
      const auditor = await respond(high.id, t.auditor, 'comment', 'The log must cover March.');
      expect(auditor.statusCode).toBe(201);
      const view = auditor.json<AuditFindingView>();
      expect(view.responses.map((r) => [r.side, r.kind])).toEqual([
        ['grantee', 'response'],
        ['grantee', 'response'],
        ['officer', 'response'],
        ['auditor', 'comment'],
      ]);
      const trail = await owner<{ n: string }>(`SELECT count(*) AS n FROM activity_record WHERE action = 'audit.finding_responded' AND entity_id = $1`, [high.id]);
      expect(Number(trail[0].n)).toBe(4);
    });

    it('notifies the auditors of management’s responses and the grantee members of the auditor’s answer', async () => {
      const rows = await owner<{ user_id: string; kind: string }>(`SELECT user_id, kind FROM notification WHERE entity_type = 'audit_finding' AND entity_id = $1`, [high.id]);
      const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.user_id).sort();
      expect(of('audit.finding_responded')).toEqual([ids.auditor, ids.auditor, ids.auditor, ids.auditor2, ids.auditor2, ids.auditor2].sort());
      expect(of('audit.finding_answered')).toEqual([w.applicantId, w.coMemberId].sort());
    });
  });

  describe('the refund receivable', () => {
    it('only an officer confirms, and only an amount above zero', async () => {
      expect((await confirm(high.id, t.auditor)).statusCode).toBe(403);
      expect((await confirm(high.id, t.applicant)).statusCode).toBe(403);
      expect((await confirm(high.id, t.southOfficer)).statusCode).toBe(404);
      const zero = (await api.request('GET', AuditPaths.findings(engagementId), { cookie: t.officer })).json<AuditFindingView[]>().find((f) => f.ineligibleMinor === '0');
      if (!zero) throw new Error('a finding without an ineligible amount');
      const none = await confirm(zero.id);
      expect(none.statusCode).toBe(400);
      expect(error(none).fields?.[0].field).toBe('ineligibleMinor');
    });

    it('posts one balanced entry (verified expenditure first, the rest from the advance) with its trail record; the refund position shows it', async () => {
      const before = await balances(api.dataSource, paid.grant.id);
      expect(before['verified_expenditure']).toBe('1000000');
      const response = await confirm(high.id);
      expect(response.statusCode).toBe(200);
      const view = response.json<AuditFindingView>();
      expect(view.refund).toMatchObject({ state: 'confirmed', confirmedBy: { id: ids.officer } });
      const after = await balances(api.dataSource, paid.grant.id);
      expect(after['refund_receivable']).toBe('1500000');
      expect(after['verified_expenditure']).toBe('0');
      expect(BigInt(after['advance_with_grantee'])).toBe(BigInt(before['advance_with_grantee']) - 500_000n);
      const postings = await owner<{ code: string; amount: string; kind: string; action: string; entity_id: string }>(
        `SELECT a.code, p.amount_minor::text AS amount, e.kind, r.action, r.entity_id FROM journal_entry e JOIN posting p ON p.entry_id = e.id JOIN ledger_account a ON a.id = p.account_id
           JOIN activity_record r ON r.seq = e.trail_seq WHERE e.id = $1 ORDER BY a.code`,
        [view.refund.journalEntryId],
      );
      expect(postings.map((p) => [p.code, p.amount])).toEqual([
        ['advance_with_grantee', '-500000'],
        ['refund_receivable', '1500000'],
        ['verified_expenditure', '-1000000'],
      ]);
      expect(postings.every((p) => p.kind === 'audit_disallowed' && p.action === 'audit.refund_confirmed' && p.entity_id === high.id)).toBe(true);
      const position = (await api.request('GET', VerificationPaths.refunds(paid.grant.id), { cookie: t.officer })).json<RefundPositionView>();
      expect(position).toMatchObject({ outstandingMinor: '1500000', ineligibleMinor: '1500000' });
      const granteeView = (await api.request('GET', AuditPaths.myFindings, { cookie: t.applicant })).json<AuditFindingView[]>().find((f) => f.id === high.id);
      expect(granteeView?.refund.state).toBe('confirmed');
    });

    it('a second confirm is refused (409), and the ineligible amount no longer changes', async () => {
      const again = await confirm(high.id);
      expect(again.statusCode).toBe(409);
      expect(error(again).code).toBe(ErrorCode.AuditRefundAlreadyConfirmed);
      const edit = await api.request('PATCH', AuditPaths.finding(engagementId, high.id), { cookie: t.auditor, body: { ineligibleMinor: '100', rowVersion: (await get(high.id, t.auditor)).json<AuditFindingView>().rowVersion } });
      expect(edit.statusCode).toBe(409);
      expect(error(edit).code).toBe(ErrorCode.AuditRefundAlreadyConfirmed);
    });

    it('twenty confirms at once: exactly one entry', async () => {
      const entriesBefore = Number((await owner<{ n: string }>(`SELECT count(*) AS n FROM journal_entry WHERE kind = 'audit_disallowed'`))[0].n);
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => confirm(medium.id, i % 2 === 0 ? t.officer : t.officer2)));
      const statuses = responses.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([200, ...Array(19).fill(409)]);
      const entriesAfter = Number((await owner<{ n: string }>(`SELECT count(*) AS n FROM journal_entry WHERE kind = 'audit_disallowed'`))[0].n);
      expect(entriesAfter - entriesBefore).toBe(1);
      const trail = await owner<{ n: string }>(`SELECT count(*) AS n FROM activity_record WHERE action = 'audit.refund_confirmed' AND entity_id = $1`, [medium.id]);
      expect(Number(trail[0].n)).toBe(1);
      expect((await balances(api.dataSource, paid.grant.id))['refund_receivable']).toBe('1500600');
    });
  });

  describe('follow-up', () => {
    it('a high finding’s completion needs a file (422), nothing changes; a partner or the auditor cannot complete', async () => {
      const without = await complete(high.id, t.applicant, 'Vehicle log kept since March');
      expect(without.statusCode).toBe(422);
      expect(error(without)).toMatchObject({ code: ErrorCode.AuditAttachmentRequired, fields: [expect.objectContaining({ field: 'file' })] });
      expect((await complete(high.id, t.applicant, '  ', PDF)).statusCode).toBe(400);
      expect((await complete(high.id, t.partner, 'done', PDF)).statusCode).toBe(403);
      expect((await complete(high.id, t.auditor, 'done', PDF)).statusCode).toBe(403);
      expect((await complete(high.id, t.southApplicant, 'done', PDF)).statusCode).toBe(404);
      const bad = await complete(high.id, t.applicant, 'done', Buffer.from('#!/bin/sh\n'));
      expect(bad.statusCode).toBe(415);
      const [row] = await owner<{ action_state: string; completion_document_id: string | null }>('SELECT action_state, completion_document_id FROM audit_finding WHERE id = $1', [high.id]);
      expect(row).toEqual({ action_state: 'open', completion_document_id: null });
    });

    it('the grantee completes with the file; the completer cannot check (422), a grantee cannot check (403), the auditor can', async () => {
      const done = await complete(high.id, t.applicant, 'Vehicle log kept since March', PDF);
      expect(done.statusCode).toBe(200);
      expect(done.json<AuditFindingView>()).toMatchObject({ actionState: 'completed', completedBy: { id: w.applicantId }, completionFile: { name: 'vehicle-log.pdf', sizeBytes: String(PDF.length) }, blocksTranche: true });
      const file = await api.request('GET', AuditPaths.findingCompletionFile(engagementId, high.id), { cookie: t.officer });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(PDF)).toBe(true);
      expect((await api.request('GET', AuditPaths.findingCompletionFile(engagementId, high.id), { cookie: t.southApplicant })).statusCode).toBe(404);
      expect((await complete(high.id, t.applicant, 'again', PDF)).statusCode).toBe(409);
      expect((await check(high.id, t.coMember)).statusCode).toBe(403);
      const checked = await check(high.id, t.auditor);
      expect(checked.statusCode).toBe(200);
      expect(checked.json<AuditFindingView>()).toMatchObject({ actionState: 'checked', checkedBy: { id: ids.auditor }, blocksTranche: false });
      const actions = await owner<{ action: string }>(`SELECT action FROM activity_record WHERE entity_id = $1 AND action LIKE 'audit.action_%' ORDER BY seq`, [high.id]);
      expect(actions.map((a) => a.action)).toEqual(['audit.action_completed', 'audit.action_checked']);
    });

    it('the person who completed the action cannot check it: AUDIT_SECOND_PERSON_REQUIRED', async () => {
      expect((await complete(medium.id, t.officer, 'Receipts filed')).statusCode).toBe(200);
      const self = await check(medium.id, t.officer);
      expect(self.statusCode).toBe(422);
      expect(error(self).code).toBe(ErrorCode.AuditSecondPersonRequired);
      expect((await check(medium.id, t.officer2)).statusCode).toBe(200);
    });
  });

  describe('the tranche block', () => {
    const conditionOf = async () => {
      const grant = (await api.request('GET', GrantPaths.grant(grantB.id), { cookie: t.officer })).json<GrantView>();
      return grant.tranches[0].conditions.find((c) => c.kind === 'no_open_high_finding');
    };

    it('an open high finding blocks the next tranche until its action is checked', async () => {
      expect(await conditionOf()).toMatchObject({ ok: true });
      const raised = await raise(finding({ grantId: grantB.id, sampleItemId: sampleB, ineligibleMinor: '0' }));
      expect(raised.statusCode).toBe(201);
      const blocker = raised.json<AuditFindingView>();
      expect(await conditionOf()).toMatchObject({ ok: false, reasonCode: 'CONDITION_OPEN_HIGH_FINDINGS', reasonParams: { count: 1 } });
      await api.reauth(t.officer);
      const release = () => api.request('POST', GrantPaths.trancheRelease(grantB.id, grantB.tranches[0].id), { cookie: t.officer, body: { note: 'First tranche' } });
      const refused = await release();
      expect(refused.statusCode).toBe(422);
      expect(error(refused)).toMatchObject({ code: ErrorCode.ReleaseConditionsUnmet, params: { failing: 'no_open_high_finding' } });
      // Completed is not enough: the check lifts the block.
      expect((await complete(blocker.id, t.officer, 'Log introduced', PDF)).statusCode).toBe(200);
      expect(await conditionOf()).toMatchObject({ ok: false });
      expect((await release()).statusCode).toBe(422);
      expect((await check(blocker.id, t.auditor2)).statusCode).toBe(200);
      expect(await conditionOf()).toMatchObject({ ok: true });
      const released = await release();
      expect(released.statusCode).toBe(201);
    });
  });

  it('after the engagement closed, its auditors change nothing', async () => {
    await setState(engagementId, 'closed');
    // The auditors' access ends with the engagement (AuditAccess): their engagement is gone, not merely closed.
    const late = await respond(high.id, t.auditor, 'comment', 'late');
    expect(late.statusCode).toBe(404);
    expect((await confirm(medium.id)).statusCode).toBe(409);
  });
});
