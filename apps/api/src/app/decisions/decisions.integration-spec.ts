import {
  ApiErrorBody,
  ApplicationDecisionView,
  CallDecisionsView,
  DecisionPaths,
  ErrorCode,
  FundingDecisionView,
  MakeDecisionRequest,
  NotificationListView,
  NotificationView,
  OutboundEmailSummary,
  OutboundEmailView,
  ROLES,
  Role,
} from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { DecisionWorld, applicationState, decisionWorld, insertInReview, trailActions } from './decisions.fixtures';

/*
 * Amounts in SEK minor units. The call's envelope is 5,000,000.00 SEK and
 * approvals above 500,000.00 SEK need a second officer.
 */
const ENVELOPE = '500000000';
const THRESHOLD = '50000000';
const REQUESTED = '86000000';

describe('funding decisions: four eyes, outcomes, what the applicant sees, who may do what', () => {
  let api: ApiHarness;
  let w: DecisionWorld;
  const t = {} as Record<'officer' | 'officer2' | 'applicant' | 'comember' | 'reviewer' | 'admin' | 'southOfficer' | 'southApplicant' | 'southAdmin', string>;

  beforeAll(async () => {
    // Every test re-authenticates its officers, which counts as attempts from the one test address.
    api = await ApiHarness.start('decisions', { signInIpMaxAttempts: 10_000 });
    w = await decisionWorld(api, { envelopeMinor: ENVELOPE, thresholdMinor: THRESHOLD });
    t.officer = await api.signIn('officer@north.test');
    t.officer2 = await api.signIn(w.secondOfficerEmail);
    t.applicant = await api.signIn('applicant@north.test');
    t.comember = await api.signIn(w.coMemberEmail);
    t.reviewer = await api.signIn('reviewer@north.test');
    t.admin = await api.signIn('admin@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    t.southApplicant = await api.signIn('applicant@south.test');
    t.southAdmin = await api.signIn('admin@south.test');
  });
  // Confirming needs a re-authentication within the last minutes (its own spec: two-factor.integration-spec).
  beforeEach(async () => {
    for (const token of [t.officer, t.officer2, t.southOfficer]) await api.reauth(token);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const inReview = (overrides: { requestedMinor?: string; title?: string; state?: string } = {}) =>
    insertInReview(api.dataSource, {
      callId: w.callId,
      organizationId: w.organizationId,
      agencyId: w.north.agency.id,
      userId: w.north.users.applicant.id,
      requestedMinor: overrides.requestedMinor ?? REQUESTED,
      title: overrides.title,
      state: overrides.state,
    });

  const decide = (applicationId: string, body: Partial<MakeDecisionRequest> | Record<string, unknown>, token = t.officer) =>
    api.request('POST', DecisionPaths.applicationDecision(applicationId), { cookie: token, body });

  const approve = (applicationId: string, amountMinor: string, token = t.officer, conditions?: string) =>
    decide(applicationId, { outcome: 'approved', amountMinor, conditions, rationale: 'Ranked third; strong partnership' }, token);

  async function notifications(token: string): Promise<NotificationListView> {
    const response = await api.request('GET', DecisionPaths.notifications, { cookie: token });
    expect(response.statusCode).toBe(200);
    return response.json<NotificationListView>();
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await api.dataSource.query(sql, params)) as { n: number }[];
    return Number(row.n);
  }

  describe('an approval above the threshold', () => {
    let applicationId: string;
    let decision: FundingDecisionView;

    beforeAll(async () => {
      applicationId = await inReview({ title: 'Psychological first aid in Basra' });
      const response = await approve(applicationId, '60000000', t.officer, 'Quarterly narrative reports; a named safeguarding focal point');
      expect(response.statusCode).toBe(201);
      decision = response.json<FundingDecisionView>();
    });

    it('is proposed and changes nothing for the application until a second officer confirms', async () => {
      expect(decision).toMatchObject({
        applicationId,
        outcome: 'approved',
        state: 'proposed',
        amountMinor: '60000000',
        requestedMinor: REQUESTED,
        currency: 'SEK',
        awaitingConfirmation: true,
        proposedBy: { email: 'officer@north.test' },
        confirmedBy: null,
      });
      expect(await applicationState(api.dataSource, applicationId)).toBe('in_review');
      expect(await trailActions(api.dataSource, decision.id)).toEqual(['decision.proposed']);
      expect(await count('SELECT count(*) AS n FROM outbound_email WHERE entity_id = $1', [applicationId])).toBe(0);
    });

    it('the applicant sees no decision yet; the officer sees the proposal', async () => {
      const mine = await api.request('GET', DecisionPaths.applicationDecision(applicationId), { cookie: t.applicant });
      expect(mine.statusCode).toBe(200);
      expect(mine.json<ApplicationDecisionView>()).toEqual({ applicationId, decision: null });
      const officers = (await api.request('GET', DecisionPaths.applicationDecision(applicationId), { cookie: t.officer2 })).json<ApplicationDecisionView>();
      expect(officers.decision).toBeNull();
      expect(officers.live).toMatchObject({ id: decision.id, state: 'proposed' });
    });

    it('the other officers are told that a decision waits for them', async () => {
      const list = await notifications(t.officer2);
      expect(list.items.find((n) => n.entityId === decision.id)).toMatchObject({ kind: 'decision.awaiting_confirmation', readAt: null });
      expect(list.items[0].body).toContain('600,000.00 SEK');
      expect((await notifications(t.officer)).items.some((n) => n.entityId === decision.id)).toBe(false);
    });

    it('the proposer cannot confirm their own decision (403 FOUR_EYES_REQUIRED), and nothing changes', async () => {
      const before = await count('SELECT count(*) AS n FROM activity_record');
      const response = await api.request('POST', DecisionPaths.confirmDecision(decision.id), { cookie: t.officer });
      expect(response.statusCode).toBe(403);
      expect(response.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.FourEyesRequired, message: expect.stringContaining('another officer') });
      expect(await count('SELECT count(*) AS n FROM activity_record')).toBe(before);
      expect(await applicationState(api.dataSource, applicationId)).toBe('in_review');
    });

    it('the database refuses the same: a confirmation by the proposer, or one without a second officer', async () => {
      await expect(
        api.dataSource.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_by = proposed_by, confirmed_at = now() WHERE id = $1`, [decision.id]),
      ).rejects.toThrow(/ck_funding_decision_four_eyes/);
      await expect(api.dataSource.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_at = now() WHERE id = $1`, [decision.id])).rejects.toThrow(
        /confirmed only by a second officer/,
      );
      // The api's role may not write the amount at all; the trigger stops even the owner.
      await expect(api.dataSource.query(`UPDATE funding_decision SET amount_minor = 1 WHERE id = $1`, [decision.id])).rejects.toThrow(/permission denied/);
      await expect(api.env.queryAs('owner', `UPDATE funding_decision SET amount_minor = 1 WHERE id = $1`, [decision.id])).rejects.toThrow(/never edited/);
    });

    it('a second decision on the same application waits for this one (409)', async () => {
      const response = await decide(applicationId, { outcome: 'rejected', rejectionReasons: ['low_score'], rationale: 'x' }, t.officer2);
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().message).toContain('waiting for confirmation');
    });

    it('a second officer confirms: the application is approved, on the trail, and its members are told in-app and by email', async () => {
      const response = await api.request('POST', DecisionPaths.confirmDecision(decision.id), { cookie: t.officer2 });
      expect(response.statusCode).toBe(200);
      expect(response.json<FundingDecisionView>()).toMatchObject({
        state: 'confirmed',
        awaitingConfirmation: false,
        confirmedBy: { email: w.secondOfficerEmail },
        confirmedAt: expect.any(String),
      });
      expect(await applicationState(api.dataSource, applicationId)).toBe('approved');
      expect(await trailActions(api.dataSource, decision.id)).toEqual(['decision.proposed', 'decision.confirmed']);
      const appTrail = (await api.dataSource.query(`SELECT actor_label, before, after FROM activity_record WHERE entity_id = $1 AND action = 'application.approved'`, [
        applicationId,
      ])) as { actor_label: string; before: { state: string }; after: { state: string; amountMinor: string } }[];
      expect(appTrail).toEqual([
        expect.objectContaining({ actor_label: w.secondOfficerEmail, before: { state: 'in_review' }, after: expect.objectContaining({ state: 'approved', amountMinor: '60000000' }) }),
      ]);
      const emails = (await api.dataSource.query(`SELECT to_address, subject, text_body, status FROM outbound_email WHERE entity_id = $1 ORDER BY to_address`, [applicationId])) as {
        to_address: string;
        subject: string;
        text_body: string;
        status: string;
      }[];
      expect(emails.map((e) => e.to_address)).toEqual(['applicant@north.test', w.coMemberEmail].sort());
      expect(emails[0].subject).toBe('Application approved: Psychological first aid in Basra');
      expect(emails[0].text_body).toContain('Amount granted: 600,000.00 SEK (you requested 860,000.00 SEK)');
      expect(emails[0].text_body).toContain('a named safeguarding focal point');
      expect(emails[0].text_body).not.toContain('Ranked third');
      expect(emails.every((e) => e.status === 'queued')).toBe(true);
      // The proposer hears that their decision went through.
      expect((await notifications(t.officer)).items.find((n) => n.entityId === decision.id)).toMatchObject({ kind: 'decision.confirmed' });
    });

    it('the applicant and a co-member now see the decision, its amount and conditions — not the internal rationale', async () => {
      for (const token of [t.applicant, t.comember]) {
        const view = (await api.request('GET', DecisionPaths.applicationDecision(applicationId), { cookie: token })).json<ApplicationDecisionView>();
        expect(view).toEqual({
          applicationId,
          decision: {
            outcome: 'approved',
            amountMinor: '60000000',
            requestedMinor: REQUESTED,
            currency: 'SEK',
            conditions: 'Quarterly narrative reports; a named safeguarding focal point',
            rejectionReasons: [],
            rejectionNote: null,
            decidedAt: expect.any(String),
          },
        });
        const list = await notifications(token);
        expect(list.unreadCount).toBe(1);
        expect(list.items[0]).toMatchObject({ kind: 'application.approved', title: 'Application approved: Psychological first aid in Basra', entityId: applicationId });
        expect(list.items[0].body).toContain('600,000.00 SEK');
      }
    });

    it('a confirmed decision is final: no second confirmation, no cancellation, no further decision', async () => {
      expect((await api.request('POST', DecisionPaths.confirmDecision(decision.id), { cookie: t.officer2 })).statusCode).toBe(409);
      const cancel = await api.request('POST', DecisionPaths.cancelDecision(decision.id), { cookie: t.officer2, body: { reason: 'changed my mind' } });
      expect(cancel.statusCode).toBe(409);
      expect(cancel.json<ApiErrorBody>().message).toBe('Cannot cancel: this decision is already confirmed');
      expect((await decide(applicationId, { outcome: 'rejected', rejectionReasons: ['low_score'], rationale: 'x' })).statusCode).toBe(409);
      await expect(api.dataSource.query(`UPDATE funding_decision SET state = 'cancelled' WHERE id = $1`, [decision.id])).rejects.toThrow(/final/);
      await expect(api.dataSource.query(`UPDATE funding_decision SET conditions = 'none' WHERE id = $1`, [decision.id])).rejects.toThrow(/permission denied/);
      await expect(api.dataSource.query(`DELETE FROM funding_decision WHERE id = $1`, [decision.id])).rejects.toThrow(/permission denied/);
      await expect(api.env.queryAs('owner', `UPDATE funding_decision SET conditions = 'none' WHERE id = $1`, [decision.id])).rejects.toThrow(/final/);
      await expect(api.env.queryAs('owner', `DELETE FROM funding_decision WHERE id = $1`, [decision.id])).rejects.toThrow(/DELETE refused/);
    });
  });

  it('an approval within the threshold is final at once: approved, on the trail, members told', async () => {
    const id = await inReview();
    const response = await approve(id, '50000000');
    expect(response.statusCode).toBe(201);
    const decision = response.json<FundingDecisionView>();
    expect(decision).toMatchObject({ state: 'confirmed', confirmedBy: null, confirmedAt: expect.any(String), awaitingConfirmation: false });
    expect(await applicationState(api.dataSource, id)).toBe('approved');
    expect(await trailActions(api.dataSource, decision.id)).toEqual(['decision.proposed', 'decision.confirmed']);
    expect(await trailActions(api.dataSource, id)).toEqual(['application.approved']);
    expect(await count('SELECT count(*) AS n FROM outbound_email WHERE entity_id = $1', [id])).toBe(2);
  });

  describe('rejections', () => {
    it('need a reason from the list, and a note when the reason is "other"; nothing is written when refused', async () => {
      const id = await inReview();
      const none = await decide(id, { outcome: 'rejected', rejectionReasons: [], rationale: 'Below the line' });
      expect(none.statusCode).toBe(400);
      expect(none.json<ApiErrorBody>().fields).toEqual([{ field: 'rejectionReasons', code: 'INVALID', message: 'Choose at least one reason for the rejection' }]);
      const other = await decide(id, { outcome: 'rejected', rejectionReasons: ['other'], rationale: 'Below the line' });
      expect(other.statusCode).toBe(400);
      expect(other.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['rejectionNote']);
      const unknown = await decide(id, { outcome: 'rejected', rejectionReasons: ['too_late'], rationale: 'x' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<ApiErrorBody>().fields?.[0].field).toBe('rejectionReasons');
      expect(await count('SELECT count(*) AS n FROM funding_decision WHERE application_id = $1', [id])).toBe(0);
      expect(await trailActions(api.dataSource, id)).toEqual([]);
    });

    it('are final at once; the applicant reads the reasons and the note', async () => {
      const id = await inReview({ title: 'Radio for Sinjar' });
      const response = await decide(id, {
        outcome: 'rejected',
        rejectionReasons: ['budget_not_credible', 'other'],
        rejectionNote: 'The equipment costs are twice the market price.',
        rationale: 'Internal: ranked 14th of 20',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<FundingDecisionView>()).toMatchObject({ state: 'confirmed', outcome: 'rejected', amountMinor: '0' });
      expect(await applicationState(api.dataSource, id)).toBe('rejected');
      expect(await trailActions(api.dataSource, id)).toEqual(['application.rejected']);
      const view = (await api.request('GET', DecisionPaths.applicationDecision(id), { cookie: t.applicant })).json<ApplicationDecisionView>();
      expect(view.decision).toMatchObject({ outcome: 'rejected', rejectionReasons: ['budget_not_credible', 'other'], rejectionNote: 'The equipment costs are twice the market price.' });
      expect(JSON.stringify(view)).not.toContain('Internal');
      const [email] = (await api.dataSource.query(`SELECT subject, text_body FROM outbound_email WHERE entity_id = $1 LIMIT 1`, [id])) as { subject: string; text_body: string }[];
      expect(email.subject).toBe('Application not approved: Radio for Sinjar');
      expect(email.text_body).toContain('The budget is not credible');
      expect(email.text_body).toContain('twice the market price');
    });
  });

  describe('the reserve list', () => {
    it('a reserve place is final at once; a later approval from it waits for confirmation, and a cancelled one leaves the reserve place standing', async () => {
      const id = await inReview();
      const reserve = await decide(id, { outcome: 'reserve', rationale: 'First on the reserve list' });
      expect(reserve.statusCode).toBe(201);
      expect(await applicationState(api.dataSource, id)).toBe('reserve');
      expect((await api.request('GET', DecisionPaths.applicationDecision(id), { cookie: t.applicant })).json<ApplicationDecisionView>().decision?.outcome).toBe('reserve');

      const proposal = (await approve(id, '70000000', t.officer2)).json<FundingDecisionView>();
      expect(proposal.state).toBe('proposed');
      expect(await applicationState(api.dataSource, id)).toBe('reserve');

      const noReason = await api.request('POST', DecisionPaths.cancelDecision(proposal.id), { cookie: t.officer, body: { reason: '   ' } });
      expect(noReason.statusCode).toBe(400);
      const cancelled = await api.request('POST', DecisionPaths.cancelDecision(proposal.id), { cookie: t.officer, body: { reason: 'Funds are held back for the mid-term review' } });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json<FundingDecisionView>()).toMatchObject({ state: 'cancelled', cancelledBy: { email: 'officer@north.test' }, cancelReason: 'Funds are held back for the mid-term review' });
      expect(await trailActions(api.dataSource, proposal.id)).toEqual(['decision.proposed', 'decision.cancelled']);
      expect(await applicationState(api.dataSource, id)).toBe('reserve');
      expect((await api.request('GET', DecisionPaths.applicationDecision(id), { cookie: t.applicant })).json<ApplicationDecisionView>().decision?.outcome).toBe('reserve');
      expect((await notifications(t.officer2)).items.find((n) => n.entityId === proposal.id && n.kind === 'decision.cancelled')).toBeDefined();

      // Approved from the reserve list in the end.
      const again = (await approve(id, '70000000', t.officer2)).json<FundingDecisionView>();
      expect((await api.request('POST', DecisionPaths.confirmDecision(again.id), { cookie: t.officer })).statusCode).toBe(200);
      expect(await applicationState(api.dataSource, id)).toBe('approved');
      expect((await api.request('GET', DecisionPaths.applicationDecision(id), { cookie: t.applicant })).json<ApplicationDecisionView>().decision).toMatchObject({
        outcome: 'approved',
        amountMinor: '70000000',
      });
    });
  });

  describe('bad requests name the field and write nothing', () => {
    it.each([
      ['more than requested', { outcome: 'approved', amountMinor: '86000001', rationale: 'x' }, 'amountMinor'],
      ['zero', { outcome: 'approved', amountMinor: '0', rationale: 'x' }, 'amountMinor'],
      ['a decimal amount', { outcome: 'approved', amountMinor: '12.50', rationale: 'x' }, 'amountMinor'],
      ['no rationale', { outcome: 'approved', amountMinor: '100' }, 'rationale'],
      ['a blank rationale', { outcome: 'reserve', rationale: '  ' }, 'rationale'],
      ['an unknown outcome', { outcome: 'maybe', rationale: 'x' }, 'outcome'],
      ['an amount on a rejection', { outcome: 'rejected', amountMinor: '5', rejectionReasons: ['low_score'], rationale: 'x' }, 'amountMinor'],
      ['conditions on a reserve place', { outcome: 'reserve', conditions: 'c', rationale: 'x' }, 'conditions'],
    ])('%s', async (_name, body, field) => {
      const id = await inReview();
      const response = await decide(id, body);
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain(field);
      expect(await count('SELECT count(*) AS n FROM funding_decision WHERE application_id = $1', [id])).toBe(0);
    });

    it('unknown fields are refused', async () => {
      const id = await inReview();
      const response = await decide(id, { outcome: 'approved', amountMinor: '100', rationale: 'x', confirmedBy: w.north.users.officer.id });
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.UnknownFields);
    });

    it('an application that is not in review cannot be decided (409)', async () => {
      for (const state of ['eligible', 'screening', 'withdrawn']) {
        const id = await inReview({ state });
        const response = await approve(id, '100');
        expect(response.statusCode).toBe(409);
        expect(response.json<ApiErrorBody>().message).toContain(`This application is ${state}`);
      }
    });

    it('an id that is not a uuid is simply not found', async () => {
      expect((await approve('not-a-uuid', '100')).statusCode).toBe(404);
      expect((await api.request('POST', DecisionPaths.confirmDecision('x'), { cookie: t.officer2 })).statusCode).toBe(404);
      expect((await api.request('GET', DecisionPaths.callDecisions('x'), { cookie: t.officer })).statusCode).toBe(404);
    });
  });

  it("the call's decisions: newest first, with the envelope's standing", async () => {
    const response = await api.request('GET', DecisionPaths.callDecisions(w.callId), { cookie: t.officer });
    expect(response.statusCode).toBe(200);
    const view = response.json<CallDecisionsView>();
    const approvals = view.decisions.filter((d) => d.outcome === 'approved' && d.state !== 'cancelled');
    const committed = approvals.reduce((sum, d) => sum + BigInt(d.amountMinor), 0n);
    const confirmed = approvals.filter((d) => d.state === 'confirmed').reduce((sum, d) => sum + BigInt(d.amountMinor), 0n);
    expect(view.envelope).toEqual({
      envelopeMinor: ENVELOPE,
      committedMinor: committed.toString(),
      confirmedMinor: confirmed.toString(),
      remainingMinor: (BigInt(ENVELOPE) - committed).toString(),
      confirmationThresholdMinor: THRESHOLD,
      currency: 'SEK',
    });
    const times = view.decisions.map((d) => d.proposedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(view.decisions.some((d) => d.state === 'cancelled')).toBe(true);
  });

  describe('notifications', () => {
    it('mark one read, then all; someone else’s is not found', async () => {
      const list = await notifications(t.comember);
      expect(list.unreadCount).toBeGreaterThan(1);
      const first = list.items[0];
      const other = await api.request('POST', DecisionPaths.readNotification(first.id), { cookie: t.applicant });
      expect(other.statusCode).toBe(404);
      const read = await api.request('POST', DecisionPaths.readNotification(first.id), { cookie: t.comember });
      expect(read.statusCode).toBe(200);
      expect(read.json<NotificationView>().readAt).not.toBeNull();
      expect((await notifications(t.comember)).unreadCount).toBe(list.unreadCount - 1);
      const all = await api.request('POST', DecisionPaths.notificationsReadAll, { cookie: t.comember });
      expect(all.json<{ marked: number }>()).toEqual({ marked: list.unreadCount - 1 });
      expect((await notifications(t.comember)).unreadCount).toBe(0);
      expect((await notifications(t.applicant)).unreadCount).toBeGreaterThan(0);
    });
  });

  describe('the outbox', () => {
    it('officers and admins of the agency list its email with status and attempts, and read one', async () => {
      for (const token of [t.officer, t.admin]) {
        const response = await api.request('GET', DecisionPaths.outbox, { cookie: token });
        expect(response.statusCode).toBe(200);
        const list = response.json<OutboundEmailSummary[]>();
        expect(list.length).toBeGreaterThan(0);
        expect(list.every((e) => e.status === 'queued' && e.attempts === 0)).toBe(true);
        const one = await api.request('GET', `${DecisionPaths.outbox}/${list[0].id}`, { cookie: token });
        expect(one.json<OutboundEmailView>().textBody).toContain('Mizan');
      }
      const queued = await api.request('GET', `${DecisionPaths.outbox}?status=queued`, { cookie: t.officer });
      expect(queued.statusCode).toBe(200);
      expect((await api.request('GET', `${DecisionPaths.outbox}?status=lost`, { cookie: t.officer })).statusCode).toBe(400);
    });
  });

  describe('access', () => {
    let applicationId: string;
    let decisionId: string;
    let emailId: string;

    beforeAll(async () => {
      applicationId = await inReview();
      decisionId = (await approve(applicationId, '60000000')).json<FundingDecisionView>().id;
      const [email] = (await api.dataSource.query('SELECT id FROM outbound_email LIMIT 1')) as { id: string }[];
      emailId = email.id;
    });

    const nonOfficers = ROLES.filter((r) => r !== 'officer');
    it.each(nonOfficers)('%s of the same agency: 403 on every officer route, nothing written', async (role: Role) => {
      const token = await api.signIn(`${role}@north.test`);
      const before = await count('SELECT count(*) AS n FROM activity_record');
      const calls = [
        await approve(applicationId, '100', token),
        await api.request('POST', DecisionPaths.confirmDecision(decisionId), { cookie: token }),
        await api.request('POST', DecisionPaths.cancelDecision(decisionId), { cookie: token, body: { reason: 'r' } }),
        await api.request('GET', DecisionPaths.callDecisions(w.callId), { cookie: token }),
      ];
      for (const response of calls) {
        expect(response.statusCode).toBe(403);
        expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.Forbidden);
      }
      const outbox = await api.request('GET', DecisionPaths.outbox, { cookie: token });
      expect(outbox.statusCode).toBe(role === 'admin' ? 200 : 403);
      expect(await count('SELECT count(*) AS n FROM activity_record')).toBe(before);
      expect(await count(`SELECT count(*) AS n FROM funding_decision WHERE id = $1 AND state = 'proposed'`, [decisionId])).toBe(1);
    });

    it('a reviewer (not assigned) and a member of another agency do not reach an application’s decision (404)', async () => {
      for (const token of [t.reviewer, t.southApplicant, t.southOfficer]) {
        expect((await api.request('GET', DecisionPaths.applicationDecision(applicationId), { cookie: token })).statusCode).toBe(404);
      }
    });

    it('agency B’s officer reaches nothing of agency A: not the application, the decision, the call or the outbox', async () => {
      const before = await count('SELECT count(*) AS n FROM activity_record');
      expect((await approve(applicationId, '100', t.southOfficer)).statusCode).toBe(404);
      expect((await api.request('POST', DecisionPaths.confirmDecision(decisionId), { cookie: t.southOfficer })).statusCode).toBe(404);
      expect((await api.request('POST', DecisionPaths.cancelDecision(decisionId), { cookie: t.southOfficer, body: { reason: 'r' } })).statusCode).toBe(404);
      expect((await api.request('GET', DecisionPaths.callDecisions(w.callId), { cookie: t.southOfficer })).statusCode).toBe(404);
      for (const token of [t.southOfficer, t.southAdmin]) {
        expect((await api.request('GET', DecisionPaths.outbox, { cookie: token })).json<OutboundEmailSummary[]>()).toEqual([]);
        expect((await api.request('GET', `${DecisionPaths.outbox}/${emailId}`, { cookie: token })).statusCode).toBe(404);
      }
      const southList = await api.request('GET', DecisionPaths.callDecisions(w.southCallId), { cookie: t.southOfficer });
      expect(southList.json<CallDecisionsView>().decisions).toEqual([]);
      expect(await count('SELECT count(*) AS n FROM activity_record')).toBe(before);
      expect((await notifications(t.southApplicant)).items).toEqual([]);
    });

    it('an officer who is also a member of the applying organization does not decide on its application (403)', async () => {
      const [user] = (await api.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [w.secondOfficerEmail])) as { id: string }[];
      await api.dataSource.query(`INSERT INTO organization_member (organization_id, user_id, role_in_organization) VALUES ($1, $2, 'treasurer')`, [w.organizationId, user.id]);
      try {
        const propose = await approve(await inReview(), '100', t.officer2);
        expect(propose.statusCode).toBe(403);
        expect(propose.json<ApiErrorBody>().message).toContain('member of the applying organization');
        expect((await api.request('POST', DecisionPaths.confirmDecision(decisionId), { cookie: t.officer2 })).statusCode).toBe(403);
      } finally {
        // Cleaning up the fixture: the api itself never removes a member, so its role may not.
        await api.env.queryAs('owner', `DELETE FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [w.organizationId, user.id]);
      }
    });

    it('signed out: 401', async () => {
      expect((await api.request('GET', DecisionPaths.notifications)).statusCode).toBe(401);
      expect((await api.request('GET', DecisionPaths.applicationDecision(applicationId))).statusCode).toBe(401);
    });
  });
});
