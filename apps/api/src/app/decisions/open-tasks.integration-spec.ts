import { AssignmentView, CallDecisionsView, DecisionPaths, FundingDecisionView, MyReviewItem, NotificationListView, NotificationView, ReviewPaths } from '@mizan/contracts';
import { backfillOpenTasks } from '@mizan/server/db';
import { ApiHarness } from '../../testing/api-harness';
import { createUser } from '../intake/applications/applications.fixtures';
import { DecisionWorld, applicationState, decisionWorld, insertInReview, trailActions } from './decisions.fixtures';

/*
 * Stale tasks (issue 10): a notification that asks for an action is resolved,
 * for everyone who was asked, in the transaction of whoever does the action;
 * the bell no longer counts it. Open reviews end when their application is
 * decided or withdrawn, and their reviewers are told. Amounts in SEK minor
 * units: approvals above 500,000.00 SEK need a second officer.
 */
const ENVELOPE = '500000000';
const THRESHOLD = '50000000';
const REQUESTED = '86000000';

describe('open tasks end when the action is done, by anyone; reviews end with their application', () => {
  let api: ApiHarness;
  let w: DecisionWorld;
  let reviewerId: string;
  let reviewer2Id: string;
  let officer3Id: string;
  const t = {} as Record<'officer' | 'officer2' | 'officer3' | 'applicant' | 'reviewer' | 'reviewer2', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('open-tasks', { signInIpMaxAttempts: 10_000 });
    w = await decisionWorld(api, { envelopeMinor: ENVELOPE, thresholdMinor: THRESHOLD });
    officer3Id = (await createUser(api.dataSource, w.north.agency.id, 'officer3@north.test', 'officer')).id;
    reviewerId = w.north.users.reviewer.id;
    reviewer2Id = (await createUser(api.dataSource, w.north.agency.id, 'reviewer2@north.test', 'reviewer')).id;
    t.officer = await api.signIn('officer@north.test');
    t.officer2 = await api.signIn(w.secondOfficerEmail);
    t.officer3 = await api.signIn('officer3@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.reviewer = await api.signIn('reviewer@north.test');
    t.reviewer2 = await api.signIn('reviewer2@north.test');
  });
  beforeEach(async () => {
    for (const token of [t.officer, t.officer2, t.officer3]) await api.reauth(token);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const inReview = (title: string) =>
    insertInReview(api.dataSource, { callId: w.callId, organizationId: w.organizationId, agencyId: w.north.agency.id, userId: w.north.users.applicant.id, requestedMinor: REQUESTED, title });

  async function notifications(token: string): Promise<NotificationListView> {
    const response = await api.request('GET', DecisionPaths.notifications, { cookie: token });
    expect(response.statusCode).toBe(200);
    return response.json<NotificationListView>();
  }
  const about = (list: NotificationListView, kind: string, entityId: string): NotificationView | undefined => list.items.find((n) => n.kind === kind && n.entityId === entityId);

  async function propose(applicationId: string, body: Record<string, unknown>, token = t.officer): Promise<FundingDecisionView> {
    const response = await api.request('POST', DecisionPaths.applicationDecision(applicationId), { cookie: token, body: { rationale: 'Ranked on the board', ...body } });
    expect(response.statusCode).toBe(201);
    return response.json<FundingDecisionView>();
  }

  async function assign(applicationId: string, reviewer: string): Promise<AssignmentView> {
    const response = await api.request('POST', ReviewPaths.applicationAssignments(applicationId), { cookie: t.officer, body: { reviewerId: reviewer } });
    expect(response.statusCode).toBe(201);
    return response.json<AssignmentView>();
  }

  async function status(assignmentId: string): Promise<string> {
    const [row] = (await api.dataSource.query('SELECT status FROM review_assignment WHERE id = $1', [assignmentId])) as { status: string }[];
    return row.status;
  }

  async function myReview(token: string, assignmentId: string): Promise<MyReviewItem | undefined> {
    const response = await api.request('GET', ReviewPaths.reviews, { cookie: token });
    expect(response.statusCode).toBe(200);
    return response.json<MyReviewItem[]>().find((i) => i.assignmentId === assignmentId);
  }

  describe('a proposal waiting for a second officer', () => {
    it('asks every other officer; once one confirms, the task is done for all of them and the bell stops counting it', async () => {
      const applicationId = await inReview('Psychological first aid in Basra');
      const before2 = await notifications(t.officer2);
      const decision = await propose(applicationId, { outcome: 'approved', amountMinor: '60000000' });
      for (const token of [t.officer2, t.officer3]) {
        const list = await notifications(token);
        expect(about(list, 'decision.awaiting_confirmation', decision.id)).toMatchObject({ actionRequired: true, resolvedAt: null, readAt: null });
      }
      expect((await notifications(t.officer2)).unreadCount).toBe(before2.unreadCount + 1);
      const before3 = await notifications(t.officer3);

      const confirmed = await api.request('POST', DecisionPaths.confirmDecision(decision.id), { cookie: t.officer2 });
      expect(confirmed.statusCode).toBe(200);

      const after2 = await notifications(t.officer2);
      const after3 = await notifications(t.officer3);
      // Officer 3 did nothing, and still sees it as done: resolved by anyone.
      for (const list of [after2, after3]) {
        const task = about(list, 'decision.awaiting_confirmation', decision.id);
        expect(task?.actionRequired).toBe(true);
        expect(task?.resolvedAt).not.toBeNull();
        expect(task?.readAt).toBeNull();
      }
      expect(after2.unreadCount).toBe(before2.unreadCount);
      expect(after3.unreadCount).toBe(before3.unreadCount - 1);
      // Who did it is kept with every copy of the task.
      const resolvers = (await api.dataSource.query(
        `SELECT DISTINCT u.email FROM notification n JOIN app_user u ON u.id = n.resolved_by WHERE n.action_key = $1`,
        [`decision.confirm:${decision.id}`],
      )) as { email: string }[];
      expect(resolvers).toEqual([{ email: w.secondOfficerEmail }]);
    });

    it('is resolved when its proposer withdraws it too', async () => {
      const applicationId = await inReview('Legal aid desk in Basra');
      const decision = await propose(applicationId, { outcome: 'approved', amountMinor: '70000000' });
      const cancelled = await api.request('POST', DecisionPaths.cancelDecision(decision.id), { cookie: t.officer, body: { reason: 'Wrong amount: proposing again' } });
      expect(cancelled.statusCode).toBe(200);
      expect(about(await notifications(t.officer2), 'decision.awaiting_confirmation', decision.id)?.resolvedAt).not.toBeNull();
    });

    it('plain news (no action asked) is never resolved', async () => {
      const list = await notifications(t.officer);
      const news = list.items.filter((n) => n.kind === 'decision.confirmed');
      expect(news.length).toBeGreaterThan(0);
      for (const n of news) expect(n).toMatchObject({ actionRequired: false, resolvedAt: null });
    });
  });

  describe('a final decision', () => {
    it('a reserve place ends the open reviews: the review task is resolved, the reviewer is told, the trail says so', async () => {
      const applicationId = await inReview('Women journalists’ network in Basra');
      const first = await assign(applicationId, reviewerId);
      const second = await assign(applicationId, reviewer2Id);
      const declared = await api.request('POST', ReviewPaths.declaration(second.id), { cookie: t.reviewer2, body: { hasConflict: false } });
      expect(declared.statusCode).toBe(200);
      expect(about(await notifications(t.reviewer), 'review.assigned', first.id)).toMatchObject({ actionRequired: true, resolvedAt: null });
      const unreadBefore = (await notifications(t.reviewer)).unreadCount;

      const decision = await propose(applicationId, { outcome: 'reserve' });
      expect(decision.state).toBe('confirmed');
      expect(await applicationState(api.dataSource, applicationId)).toBe('reserve');

      expect(await status(first.id)).toBe('closed');
      expect(await status(second.id)).toBe('closed');
      const list = await notifications(t.reviewer);
      expect(about(list, 'review.assigned', first.id)?.resolvedAt).not.toBeNull();
      expect(about(list, 'review.closed_decided', first.id)).toMatchObject({ actionRequired: false, readAt: null });
      // The task left the bell, the news of its end came in.
      expect(list.unreadCount).toBe(unreadBefore);
      expect(about(await notifications(t.reviewer2), 'review.closed_decided', second.id)).toBeDefined();

      expect(await trailActions(api.dataSource, first.id)).toEqual(['review.assigned', 'review.closed']);
      expect(await trailActions(api.dataSource, second.id)).toEqual(['review.assigned', 'review.declared', 'review.closed']);
      const [record] = (await api.dataSource.query(
        `SELECT actor_label, before, after FROM activity_record WHERE entity_id = $1 AND action = 'review.closed'`,
        [second.id],
      )) as { actor_label: string; before: { status: string }; after: Record<string, unknown> }[];
      expect(record).toEqual({ actor_label: 'officer@north.test', before: { status: 'declared' }, after: { status: 'closed', applicationId, because: 'reserve' } });

      // The reviewer's list no longer asks for it, and scoring it is refused with a reason.
      expect((await myReview(t.reviewer, first.id))?.status).toBe('closed');
      const declare = await api.request('POST', ReviewPaths.declaration(first.id), { cookie: t.reviewer, body: { hasConflict: false } });
      expect(declare.statusCode).toBe(409);
      expect(declare.json<{ message: string }>().message).toMatch(/decided or withdrawn/);
      const read = await api.request('GET', ReviewPaths.reviewApplication(second.id), { cookie: t.reviewer2 });
      expect(read.statusCode).toBe(409);
      expect(read.json<{ message: string }>().message).toMatch(/decided or withdrawn/);
    });

    it('a rejection ends them too, while a submitted review stays as it was', async () => {
      const applicationId = await inReview('Archive of Mosul’s old city');
      const open = await assign(applicationId, reviewerId);
      const done = await assign(applicationId, reviewer2Id);
      // As if scored and submitted (the scoring rules have their own specs).
      await api.dataSource.query(
        `UPDATE review_assignment SET status = 'submitted', recommendation = 'fund', overall_comment = 'Good', weighted_hundredths = 400, submitted_at = now() WHERE id = $1`,
        [done.id],
      );
      await propose(applicationId, { outcome: 'rejected', rejectionReasons: ['low_score'], rejectionNote: null });
      expect(await status(open.id)).toBe('closed');
      expect(await status(done.id)).toBe('submitted');
      expect(about(await notifications(t.reviewer2), 'review.closed_decided', done.id)).toBeUndefined();
    });
  });

  describe('a conflict of interest asks the officers for another reviewer', () => {
    it('until one is assigned', async () => {
      const applicationId = await inReview('Heritage trail in Nineveh');
      const assignment = await assign(applicationId, reviewerId);
      const declared = await api.request('POST', ReviewPaths.declaration(assignment.id), { cookie: t.reviewer, body: { hasConflict: true, statement: 'My sister chairs the applicant' } });
      expect(declared.statusCode).toBe(200);
      expect(about(await notifications(t.reviewer), 'review.assigned', assignment.id)?.resolvedAt).not.toBeNull();
      const ask = about(await notifications(t.officer2), 'review.conflict_declared', applicationId);
      expect(ask).toMatchObject({ actionRequired: true, resolvedAt: null });
      await assign(applicationId, reviewer2Id);
      expect(about(await notifications(t.officer2), 'review.conflict_declared', applicationId)?.resolvedAt).not.toBeNull();
    });
  });

  describe('a withdrawal during review', () => {
    it('ends the open reviews and cancels the proposal waiting for confirmation, on the trail as the applicant', async () => {
      const applicationId = await inReview('Radio drama for displaced youth');
      const assignment = await assign(applicationId, reviewerId);
      const decision = await propose(applicationId, { outcome: 'approved', amountMinor: '80000000' });
      const committedBefore = (await api.request('GET', DecisionPaths.callDecisions(w.callId), { cookie: t.officer })).json<CallDecisionsView>().envelope.committedMinor;

      const withdrawn = await api.request('POST', `applications/${applicationId}/withdraw`, { cookie: t.applicant, body: { reason: 'Our partner left the project' } });
      expect(withdrawn.statusCode).toBe(200);
      expect(await applicationState(api.dataSource, applicationId)).toBe('withdrawn');

      expect(await status(assignment.id)).toBe('closed');
      expect(about(await notifications(t.reviewer), 'review.closed_withdrawn', assignment.id)).toBeDefined();
      expect(about(await notifications(t.reviewer), 'review.assigned', assignment.id)?.resolvedAt).not.toBeNull();

      const cancelled = (await api.request('GET', `${DecisionPaths.decisions}/${decision.id}`, { cookie: t.officer })).json<FundingDecisionView>();
      expect(cancelled).toMatchObject({ state: 'cancelled', cancelledBy: { email: 'applicant@north.test' } });
      expect(about(await notifications(t.officer2), 'decision.awaiting_confirmation', decision.id)?.resolvedAt).not.toBeNull();
      expect(about(await notifications(t.officer), 'decision.cancelled', decision.id)).toBeDefined();
      const committedAfter = (await api.request('GET', DecisionPaths.callDecisions(w.callId), { cookie: t.officer })).json<CallDecisionsView>().envelope.committedMinor;
      expect(BigInt(committedBefore) - BigInt(committedAfter)).toBe(80000000n);

      expect(await trailActions(api.dataSource, decision.id)).toEqual(['decision.proposed', 'decision.cancelled']);
      expect(await trailActions(api.dataSource, assignment.id)).toEqual(['review.assigned', 'review.closed']);
      const rows = (await api.dataSource.query(
        `SELECT action, actor_label FROM activity_record WHERE entity_id = ANY($1::text[]) AND action IN ('application.withdrawn', 'review.closed', 'decision.cancelled') ORDER BY seq`,
        [[applicationId, assignment.id, decision.id]],
      )) as { action: string; actor_label: string }[];
      expect(rows).toEqual([
        { action: 'application.withdrawn', actor_label: 'applicant@north.test' },
        { action: 'review.closed', actor_label: 'applicant@north.test' },
        { action: 'decision.cancelled', actor_label: 'applicant@north.test' },
      ]);

      // Too late for the second officer: the proposal is gone.
      const confirm = await api.request('POST', DecisionPaths.confirmDecision(decision.id), { cookie: t.officer2 });
      expect(confirm.statusCode).toBe(409);
    });
  });

  describe('notifications written before tasks existed (migration 1765420000000 backfills them)', () => {
    it('get their action keys; those whose action was done are resolved, the others stay open', async () => {
      const done = await propose(await inReview('Seed bank for Nineveh farmers'), { outcome: 'approved', amountMinor: '55000000' });
      const open = await propose(await inReview('Water committees in Basra'), { outcome: 'approved', amountMinor: '56000000' });
      expect((await api.request('POST', DecisionPaths.confirmDecision(done.id), { cookie: t.officer2 })).statusCode).toBe(200);
      // As the code before the migration wrote them: no action key.
      const old = async (decisionId: string) => {
        const [row] = await api.env.queryAs<{ id: string }>(
          'owner',
          `INSERT INTO notification (user_id, kind, title, body, entity_type, entity_id) VALUES ($1, 'decision.awaiting_confirmation', 'Old', 'Old', 'funding_decision', $2) RETURNING id`,
          [officer3Id, decisionId],
        );
        return row.id;
      };
      const oldDone = await old(done.id);
      const oldOpen = await old(open.id);
      const news = (await api.env.queryAs<{ id: string }>('owner', `INSERT INTO notification (user_id, kind, title, body) VALUES ($1, 'decision.confirmed', 'Old', 'Old') RETURNING id`, [officer3Id]))[0].id;

      await backfillOpenTasks({ query: (sql, parameters) => api.env.queryAs('owner', sql, parameters) });

      const rows = await api.env.queryAs<{ id: string; action_key: string | null; resolved: boolean; resolved_by: string | null }>(
        'owner',
        'SELECT id, action_key, resolved_at IS NOT NULL AS resolved, resolved_by FROM notification WHERE id = ANY($1::uuid[])',
        [[oldDone, oldOpen, news]],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const [{ id: johan }] = await api.env.queryAs<{ id: string }>('owner', 'SELECT id FROM app_user WHERE email = $1', [w.secondOfficerEmail]);
      expect(byId.get(oldDone)).toEqual({ id: oldDone, action_key: `decision.confirm:${done.id}`, resolved: true, resolved_by: johan });
      expect(byId.get(oldOpen)).toEqual({ id: oldOpen, action_key: `decision.confirm:${open.id}`, resolved: false, resolved_by: null });
      expect(byId.get(news)).toEqual({ id: news, action_key: null, resolved: false, resolved_by: null });
      // Open until someone acts, as any other: the proposal's cancellation resolves the old copy too.
      expect((await api.request('POST', DecisionPaths.cancelDecision(open.id), { cookie: t.officer, body: { reason: 'Proposed twice' } })).statusCode).toBe(200);
      const [after] = await api.env.queryAs<{ resolved: boolean }>('owner', 'SELECT resolved_at IS NOT NULL AS resolved FROM notification WHERE id = $1', [oldOpen]);
      expect(after.resolved).toBe(true);
    });
  });
});
