import {
  ApiErrorBody,
  AssignmentView,
  DecisionPaths,
  ErrorCode,
  MyReviewItem,
  NotificationListView,
  PeerReviewsView,
  ReviewApplicationView,
  ReviewView,
} from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { CRITERIA, REVIEWS, ReviewWorld, applicationPath, assignmentOf, eligibleApplication, reviewWorld, scoreAndSubmit, trailOf } from './review.fixtures';

describe('reviews: only my assignments, conflict of interest first, drafts, submission, blind until submitted', () => {
  let api: ApiHarness;
  let w: ReviewWorld;
  const t = {} as Record<'officer' | 'applicant' | 'r1' | 'r2' | 'r3' | 'southReviewer', string>;
  let appX: string;
  let appY: string;
  /** On application X: r1 and r2. On Y: r3 only. */
  const asg = {} as Record<'x1' | 'x2' | 'y3', string>;

  const assign = async (applicationId: string, reviewerId: string): Promise<string> => {
    const response = await api.request('POST', applicationPath(applicationId, 'assignments'), { cookie: t.officer, body: { reviewerId, dueOn: '2027-06-15' } });
    expect(response.statusCode).toBe(201);
    return response.json<AssignmentView>().id;
  };

  beforeAll(async () => {
    api = await ApiHarness.start('review_reviews');
    w = await reviewWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.r1 = await api.signIn(w.reviewers.r1.email);
    t.r2 = await api.signIn(w.reviewers.r2.email);
    t.r3 = await api.signIn(w.reviewers.r3.email);
    t.southReviewer = await api.signIn('reviewer@south.test');
    const base = { applicant: t.applicant, officer: t.officer, callId: w.call.id, organizationId: w.orgA, partnerIds: [w.partnerA] };
    appX = await eligibleApplication(api, { ...base, title: 'Psychosocial support in Basra' });
    appY = await eligibleApplication(api, { ...base, title: 'Midwife training in Basra', percent: 50 });
    asg.x1 = await assign(appX, w.reviewers.r1.id);
    asg.x2 = await assign(appX, w.reviewers.r2.id);
    asg.y3 = await assign(appY, w.reviewers.r3.id);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const review = (token: string, id: string, rest = '') => api.request('GET', `${REVIEWS}/${id}${rest}`, { cookie: token });
  const declare = (token: string, id: string, body: unknown) => api.request('POST', `${REVIEWS}/${id}/declaration`, { cookie: token, body });
  const save = (token: string, id: string, body: unknown) => api.request('PUT', `${REVIEWS}/${id}/scores`, { cookie: token, body });
  const submit = (token: string, id: string, version: number) => api.request('POST', `${REVIEWS}/${id}/submit`, { cookie: token, body: { version } });
  const allScores = (values: number[], comment = (s: number) => `Reason for ${s}`) => CRITERIA.map((criterionId, i) => ({ criterionId, score: values[i], comment: comment(values[i]) }));

  describe('what a reviewer sees', () => {
    it('lists only my assignments, with what I need to recognise a conflict, and the due date', async () => {
      const response = await api.request('GET', REVIEWS, { cookie: t.r1 });
      expect(response.statusCode).toBe(200);
      expect(response.json<MyReviewItem[]>()).toEqual([
        expect.objectContaining({
          assignmentId: asg.x1,
          status: 'assigned',
          applicationId: appX,
          applicationTitle: 'Psychosocial support in Basra',
          organizationName: 'Rafidain Health Association',
          partnerNames: ['Basra Mental Health Network'],
          callTitle: w.call.title,
          dueOn: '2027-06-15',
        }),
      ]);
      expect((await api.request('GET', REVIEWS, { cookie: t.southReviewer })).json<MyReviewItem[]>()).toEqual([]);
    });

    it("cannot open another reviewer's assignment, nor the application through the applications api", async () => {
      for (const rest of ['', '/application', '/peers']) expect((await review(t.r1, asg.y3, rest)).statusCode).toBe(404);
      expect((await declare(t.r1, asg.y3, { hasConflict: false })).statusCode).toBe(404);
      expect((await save(t.r1, asg.y3, { version: 1, scores: [], recommendation: null, overallComment: '' })).statusCode).toBe(404);
      expect((await api.request('GET', `applications/${appY}`, { cookie: t.r1 })).statusCode).toBe(404);
      expect((await review(t.southReviewer, asg.x1)).statusCode).toBe(404);
      expect((await review(t.r1, 'not-a-uuid')).statusCode).toBe(404);
    });

    it('cannot open or score the assigned application before declaring (403 DECLARATION_REQUIRED)', async () => {
      const read = await review(t.r1, asg.x1, '/application');
      expect(read.statusCode).toBe(403);
      expect(read.json<ApiErrorBody>().code).toBe(ErrorCode.DeclarationRequired);
      const scored = await save(t.r1, asg.x1, { version: 1, scores: [], recommendation: null, overallComment: '' });
      expect(scored.statusCode).toBe(403);
      expect(scored.json<ApiErrorBody>().code).toBe(ErrorCode.DeclarationRequired);
      expect((await review(t.r1, asg.x1)).json<ReviewView>()).toMatchObject({ status: 'assigned', mayRead: false });
    });

    it('after declaring no conflict, reads the frozen submitted version with the rubric', async () => {
      const declared = await declare(t.r1, asg.x1, { hasConflict: false });
      expect(declared.statusCode).toBe(200);
      expect(declared.json<ReviewView>()).toMatchObject({ status: 'declared', mayRead: true });
      expect((await trailOf(api.dataSource, asg.x1)).at(-1)).toMatchObject({ action: 'review.declared', actor_label: w.reviewers.r1.email, after: { status: 'declared', hasConflict: false } });
      const read = await review(t.r1, asg.x1, '/application');
      expect(read.statusCode).toBe(200);
      const body = read.json<ReviewApplicationView>();
      expect(body).toMatchObject({
        applicationId: appX,
        title: 'Psychosocial support in Basra',
        organizationName: 'Rafidain Health Association',
        partners: [{ name: 'Basra Mental Health Network', governorateCode: 'IQ-BA' }],
        versionNumber: 1,
        currency: 'SEK',
        requestedMinor: '86000000',
        totals: { requestedMinor: '86000000' },
      });
      expect(body.receiptNumber).toMatch(/^MZ-\d{4}-\d{6}$/);
      expect(body.content.summary).toBe('Training community health workers in psychological first aid.');
      expect(body.rubric.criteria.map((c) => [c.id, c.weight])).toEqual([
        ['relevance', 40],
        ['feasibility', 35],
        ['partnership', 25],
      ]);
      const again = await declare(t.r1, asg.x1, { hasConflict: true, statement: 'Too late' });
      expect(again.statusCode).toBe(409);
    });
  });

  describe('conflict of interest', () => {
    it('needs a statement', async () => {
      const response = await declare(t.r2, asg.x2, { hasConflict: true, statement: '  ' });
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().fields).toEqual([{ field: 'statement', code: 'INVALID', message: 'Describe the conflict of interest, so the officer can judge it' }]);
    });

    it('takes the reviewer off the application, tells the officers in-app, and is on the trail', async () => {
      const response = await declare(t.r2, asg.x2, { hasConflict: true, statement: 'My cousin chairs the partner organization' });
      expect(response.statusCode).toBe(200);
      expect(response.json<ReviewView>()).toMatchObject({ status: 'conflict', mayRead: false });
      expect(await assignmentOf(api.dataSource, appX, w.reviewers.r2.id)).toBeUndefined();
      expect((await review(t.r2, asg.x2, '/application')).statusCode).toBe(404);
      expect((await save(t.r2, asg.x2, { version: 2, scores: [], recommendation: null, overallComment: '' })).statusCode).toBe(404);
      const notes = (await api.dataSource.query(`SELECT user_id, kind, entity_type, entity_id, body FROM notification WHERE kind = 'review.conflict_declared'`)) as {
        user_id: string;
        kind: string;
        entity_type: string;
        entity_id: string;
        body: string;
      }[];
      expect(notes).toEqual([
        expect.objectContaining({ user_id: w.north.users.officer.id, entity_type: 'application', entity_id: appX, body: expect.stringContaining('My cousin chairs the partner organization') }),
      ]);
      const inbox = await api.request('GET', DecisionPaths.notifications, { cookie: t.officer });
      expect(inbox.json<NotificationListView>()).toMatchObject({ unreadCount: 1, items: [expect.objectContaining({ kind: 'review.conflict_declared', entityId: appX })] });
      expect((await trailOf(api.dataSource, asg.x2)).at(-1)).toMatchObject({
        action: 'review.conflict_declared',
        reason: 'My cousin chairs the partner organization',
        after: { status: 'conflict', hasConflict: true },
      });
      const mine = (await api.request('GET', REVIEWS, { cookie: t.r2 })).json<MyReviewItem[]>();
      expect(mine.map((m) => m.status)).toEqual(['conflict']);
    });

    it('the officer sees the conflict and names a replacement; the conflicted reviewer cannot be put back', async () => {
      const list = (await api.request('GET', applicationPath(appX, 'assignments'), { cookie: t.officer })).json<AssignmentView[]>();
      expect(list.find((a) => a.id === asg.x2)).toMatchObject({ status: 'conflict', conflictStatement: 'My cousin chairs the partner organization' });
      const back = await api.request('POST', applicationPath(appX, 'assignments'), { cookie: t.officer, body: { reviewerId: w.reviewers.r2.id } });
      expect(back.statusCode).toBe(409);
      expect(back.json<ApiErrorBody>().message).toBe('r2@north.test has declared a conflict of interest on this application');
      const replaced = await api.request('POST', applicationPath(appX, 'assignments/reassign'), {
        cookie: t.officer,
        body: { fromReviewerId: w.reviewers.r2.id, toReviewerId: w.reviewers.r3.id, reason: 'Conflict of interest declared' },
      });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json<AssignmentView>()).toMatchObject({ reviewerId: w.reviewers.r3.id, status: 'assigned', dueOn: '2027-06-15' });
      expect((await trailOf(api.dataSource, asg.x2)).at(-1)).toMatchObject({ action: 'review.reassigned', after: { status: 'conflict', replacedBy: w.reviewers.r3.id } });
    });
  });

  describe('scoring', () => {
    let version: number;

    it('saves a partial draft, and refuses a stale version with 409 without losing the newer draft', async () => {
      const first = await save(t.r1, asg.x1, { version: 2, scores: [{ criterionId: 'relevance', score: 4, comment: '' }], recommendation: null, overallComment: '' });
      expect(first.statusCode).toBe(200);
      const draft = first.json<ReviewView>();
      expect(draft).toMatchObject({ status: 'in_progress', version: 3, scores: [{ criterionId: 'relevance', score: 4, comment: '' }], weightedScore: null });
      const stale = await save(t.r1, asg.x1, { version: 2, scores: allScores([0, 0, 0]), recommendation: 'do_not_fund', overallComment: 'Overwrite' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json<ApiErrorBody>().code).toBe(ErrorCode.Conflict);
      expect((await review(t.r1, asg.x1)).json<ReviewView>().scores).toEqual([{ criterionId: 'relevance', score: 4, comment: '' }]);
      version = draft.version;
    });

    it('refuses unknown criteria, doubled ones and scores outside 0–5, naming the field', async () => {
      const unknown = await save(t.r1, asg.x1, { version, scores: [{ criterionId: 'beauty', score: 3, comment: '' }], recommendation: null, overallComment: '' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<ApiErrorBody>().fields).toEqual([{ field: 'scores.0.criterionId', code: 'INVALID', message: '"beauty" is not a criterion of this call\'s rubric' }]);
      const doubled = await save(t.r1, asg.x1, {
        version,
        scores: [
          { criterionId: 'relevance', score: 3, comment: '' },
          { criterionId: 'relevance', score: 4, comment: '' },
        ],
        recommendation: null,
        overallComment: '',
      });
      expect(doubled.json<ApiErrorBody>().fields).toEqual([{ field: 'scores.1.criterionId', code: 'INVALID', message: 'The criterion "relevance" is scored twice' }]);
      const six = await save(t.r1, asg.x1, { version, scores: [{ criterionId: 'relevance', score: 6, comment: '' }], recommendation: null, overallComment: '' });
      expect(six.statusCode).toBe(400);
      expect(six.json<ApiErrorBody>().fields?.[0].field).toBe('scores.0.score');
      const half = await save(t.r1, asg.x1, { version, scores: [{ criterionId: 'relevance', score: 2.5, comment: '' }], recommendation: null, overallComment: '' });
      expect(half.statusCode).toBe(400);
      const badRecommendation = await save(t.r1, asg.x1, { version, scores: [], recommendation: 'maybe', overallComment: '' });
      expect(badRecommendation.json<ApiErrorBody>().fields?.[0].field).toBe('recommendation');
    });

    it('keeps a comment written before its score in a draft, but does not submit a review with a score missing', async () => {
      const withComment = await save(t.r1, asg.x1, {
        version,
        scores: [
          { criterionId: 'relevance', score: 4, comment: '' },
          { criterionId: 'feasibility', score: null, comment: 'Budget looks thin; checking the annex first.' },
        ],
        recommendation: null,
        overallComment: '',
      });
      expect(withComment.statusCode).toBe(200);
      version = withComment.json<ReviewView>().version;
      expect((await review(t.r1, asg.x1)).json<ReviewView>().scores).toEqual([
        { criterionId: 'relevance', score: 4, comment: '' },
        { criterionId: 'feasibility', score: null, comment: 'Budget looks thin; checking the annex first.' },
      ]);
      const early = await submit(t.r1, asg.x1, version);
      expect(early.statusCode).toBe(400);
      expect(early.json<ApiErrorBody>().fields?.[0]).toEqual({ field: 'scores.1.score', code: 'INVALID', message: 'The criterion "feasibility" is not scored yet' });
      // Back to the partial draft the next steps start from.
      const back = await save(t.r1, asg.x1, { version, scores: [{ criterionId: 'relevance', score: 4, comment: '' }], recommendation: null, overallComment: '' });
      version = back.json<ReviewView>().version;
    });

    it('submission needs every criterion, a comment on scores of 0, 1 and 5, a recommendation and an overall comment', async () => {
      const incomplete = await submit(t.r1, asg.x1, version);
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json<ApiErrorBody>().fields?.map((f) => f.field)).toEqual(['scores', 'scores', 'recommendation', 'overallComment']);
      const saved = await save(t.r1, asg.x1, { version, scores: allScores([5, 3, 1], () => ''), recommendation: 'fund', overallComment: 'Strong local ownership.' });
      expect(saved.statusCode).toBe(200);
      version = saved.json<ReviewView>().version;
      const uncommented = await submit(t.r1, asg.x1, version);
      expect(uncommented.statusCode).toBe(400);
      expect(uncommented.json<ApiErrorBody>().fields).toEqual([
        { field: 'scores.0.comment', code: 'INVALID', message: 'A score of 5 needs a comment saying why' },
        { field: 'scores.2.comment', code: 'INVALID', message: 'A score of 1 needs a comment saying why' },
      ]);
    });

    it('submits with a version check; the weighted score is exact and frozen, and the review is final', async () => {
      const saved = await save(t.r1, asg.x1, {
        version,
        scores: allScores([5, 3, 1], (s) => (s === 3 ? '' : `Why ${s}`)),
        recommendation: 'fund_with_changes',
        overallComment: 'Strong local ownership.',
      });
      version = saved.json<ReviewView>().version;
      expect((await submit(t.r1, asg.x1, version - 1)).statusCode).toBe(409);
      const submitted = await submit(t.r1, asg.x1, version);
      expect(submitted.statusCode).toBe(200);
      // 40·5 + 35·3 + 25·1 = 200 + 105 + 25 = 330 hundredths
      expect(submitted.json<ReviewView>()).toMatchObject({ status: 'submitted', weightedScore: 3.3, recommendation: 'fund_with_changes' });
      const trail = await trailOf(api.dataSource, asg.x1);
      expect(trail.at(-1)).toMatchObject({ action: 'review.submitted', after: { weightedScore: 3.3, recommendation: 'fund_with_changes', status: 'submitted' } });
      const after = submitted.json<ReviewView>().version;
      const change = await save(t.r1, asg.x1, { version: after, scores: allScores([0, 0, 0]), recommendation: 'do_not_fund', overallComment: 'Changed my mind' });
      expect(change.statusCode).toBe(409);
      expect(change.json<ApiErrorBody>().message).toMatch(/final/);
      expect((await submit(t.r1, asg.x1, after)).statusCode).toBe(409);
      // The database refuses it too.
      await expect(api.dataSource.query(`DELETE FROM review_score WHERE assignment_id = $1`, [asg.x1])).rejects.toThrow(/final/);
      await expect(api.dataSource.query(`UPDATE review_score SET score = 0 WHERE assignment_id = $1`, [asg.x1])).rejects.toThrow(/permission denied/);
      await expect(api.env.queryAs('owner', `UPDATE review_score SET score = 0 WHERE assignment_id = $1`, [asg.x1])).rejects.toThrow(/final/);
      await expect(api.dataSource.query(`UPDATE review_assignment SET weighted_hundredths = 500 WHERE id = $1`, [asg.x1])).rejects.toThrow(/final/);
    });
  });

  describe("other reviewers' scores", () => {
    let x3: string;

    beforeAll(async () => {
      x3 = (await assignmentOf(api.dataSource, appX, w.reviewers.r3.id))?.id as string;
    });

    it('stay hidden until I have submitted (403 REVIEW_NOT_SUBMITTED), even after they have', async () => {
      await declare(t.r3, x3, { hasConflict: false });
      const response = await review(t.r3, x3, '/peers');
      expect(response.statusCode).toBe(403);
      expect(response.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.ReviewNotSubmitted, message: "Other reviewers' scores are shown only after you have submitted your own review" });
    });

    it("a submitted reviewer sees no unsubmitted scores of others: only that one is pending", async () => {
      await save(t.r3, x3, { version: 2, scores: allScores([2, 2, 2]), recommendation: 'reserve', overallComment: 'Draft' });
      const peers = await review(t.r1, asg.x1, '/peers');
      expect(peers.statusCode).toBe(200);
      expect(peers.json<PeerReviewsView>()).toEqual({ mine: { weightedScore: 3.3, recommendation: 'fund_with_changes' }, peers: [], pendingCount: 1 });
      expect(peers.body).not.toContain('Draft');
    });

    it('once both have submitted, each sees the other, anonymously', async () => {
      const r3 = (await review(t.r3, x3)).json<ReviewView>();
      const submitted = await submit(t.r3, x3, r3.version);
      expect(submitted.statusCode).toBe(200);
      // 40·2 + 35·2 + 25·2 = 200
      expect(submitted.json<ReviewView>().weightedScore).toBe(2);
      const seenByR3 = (await review(t.r3, x3, '/peers')).json<PeerReviewsView>();
      expect(seenByR3.peers).toEqual([
        expect.objectContaining({ label: 'Reviewer 1', weightedScore: 3.3, recommendation: 'fund_with_changes', overallComment: 'Strong local ownership.' }),
      ]);
      expect(seenByR3.peers[0].scores.map((s) => s.score)).toEqual([5, 3, 1]);
      expect(JSON.stringify(seenByR3)).not.toContain(w.reviewers.r1.email);
      expect((await review(t.r1, asg.x1, '/peers')).json<PeerReviewsView>().peers.map((p) => p.weightedScore)).toEqual([2]);
      // The conflicted reviewer sees nothing of it.
      expect((await review(t.r2, asg.x2, '/peers')).statusCode).toBe(404);
    });

    it('a whole review through the fixture helper gives the exact weighted score', async () => {
      const done = await scoreAndSubmit(api, t.r3, asg.y3, [4, 4, 3]);
      // 160 + 140 + 75 = 375
      expect(done.weightedScore).toBe(3.75);
    });
  });
});
