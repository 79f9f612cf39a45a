import { ApiErrorBody, AssignmentView, BulkAssignResult, CallReviewerView, ErrorCode } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { ReviewWorld, applicationPath, callPath, eligibleApplication, reviewWorld, trailOf } from './review.fixtures';

describe('review assignments: bulk balanced, one by one, reassignment, loads', () => {
  let api: ApiHarness;
  let w: ReviewWorld;
  const t = {} as Record<'officer' | 'applicant' | 'bashir' | 'southOfficer', string>;
  /** Three applications of organization A, two of B. */
  const apps = {} as Record<'a1' | 'a2' | 'a3' | 'b1' | 'b2', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('review_assign');
    w = await reviewWorld(api);
    t.officer = await api.signIn('officer@north.test');
    t.applicant = await api.signIn('applicant@north.test');
    t.bashir = await api.signIn('bashir@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    const make = (title: string, org: 'A' | 'B') =>
      eligibleApplication(api, {
        applicant: org === 'A' ? t.applicant : t.bashir,
        officer: t.officer,
        callId: w.call.id,
        organizationId: org === 'A' ? w.orgA : w.orgB,
        partnerIds: [org === 'A' ? w.partnerA : w.partnerB],
        title,
      });
    apps.a1 = await make('Psychosocial support in Basra', 'A');
    apps.a2 = await make('Midwife training in Basra', 'A');
    apps.a3 = await make('School counsellors in Basra', 'A');
    apps.b1 = await make('Water kiosks in Mosul', 'B');
    apps.b2 = await make('Irrigation repair in Nineveh', 'B');
  });
  afterAll(async () => {
    await api?.stop();
  });

  const live = async () =>
    (await api.dataSource.query(
      `SELECT application_id, reviewer_id, status FROM review_assignment WHERE call_id = $1 AND status NOT IN ('conflict', 'reassigned') ORDER BY application_id, reviewer_id`,
      [w.call.id],
    )) as { application_id: string; reviewer_id: string; status: string }[];

  describe('bulk', () => {
    let result: BulkAssignResult;

    it('gives every eligible application two distinct reviewers, never a member of the applying organization or of its partner', async () => {
      const response = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.officer, body: { perApplication: 2, dueOn: '2027-05-31' } });
      expect(response.statusCode).toBe(201);
      result = response.json<BulkAssignResult>();
      expect(result.shortfalls).toEqual([]);
      expect(result.assignments).toHaveLength(10);
      const rows = await live();
      expect(rows).toHaveLength(10);
      for (const id of Object.values(apps)) {
        const mine = rows.filter((r) => r.application_id === id).map((r) => r.reviewer_id);
        expect(new Set(mine).size).toBe(2);
      }
      // Amina is a member of organization A, Karim of B's partner: never on those applications. A and B both
      // apply to this call, so Amina, a member of a competitor of B, reviews none of B's either.
      expect(rows.some((r) => r.reviewer_id === w.reviewers.amina.id)).toBe(false);
      for (const id of [apps.b1, apps.b2]) expect(rows.some((r) => r.application_id === id && r.reviewer_id === w.reviewers.karim.id)).toBe(false);
      expect(result.assignments.every((a) => a.status === 'assigned' && a.dueOn === '2027-05-31')).toBe(true);
    });

    it('balances the load: 10 reviews over the 4 reviewers free to take them is 3, 3, 2, 2', async () => {
      const loads = new Map(result.loads.map((l) => [l.reviewerId, l.load]));
      expect(loads.get(w.reviewers.amina.id)).toBe(0);
      const others = result.loads.filter((l) => l.reviewerId !== w.reviewers.amina.id).map((l) => l.load);
      expect([...others].sort()).toEqual([2, 2, 3, 3]);
      const reviewers = await api.request('GET', callPath(w.call.id, 'reviewers'), { cookie: t.officer });
      expect(reviewers.statusCode).toBe(200);
      const list = reviewers.json<CallReviewerView[]>();
      expect(list).toHaveLength(5);
      expect(list.every((r) => r.load === loads.get(r.reviewerId) && r.assigned === r.load && r.submitted === 0 && r.conflicts === 0)).toBe(true);
    });

    it('refuses, one by one too, a reviewer who is a member of another organization applying to the call', async () => {
      const response = await api.request('POST', applicationPath(apps.b1, 'assignments'), { cookie: t.officer, body: { reviewerId: w.reviewers.amina.id } });
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().message).toBe('amina@north.test is a member of another organization applying to the same call');
    });

    it('moves each application from eligible to in review, all on the trail', async () => {
      expect([...result.startedReview].sort()).toEqual(Object.values(apps).sort());
      const states = (await api.dataSource.query(`SELECT DISTINCT state FROM application WHERE call_id = $1`, [w.call.id])) as { state: string }[];
      expect(states).toEqual([{ state: 'in_review' }]);
      const appTrail = await trailOf(api.dataSource, apps.a1);
      expect(appTrail.at(-1)).toMatchObject({ action: 'application.review_started', actor_label: 'officer@north.test', before: { state: 'eligible' }, after: { state: 'in_review' } });
      for (const a of result.assignments) {
        const trail = await trailOf(api.dataSource, a.id);
        expect(trail).toEqual([expect.objectContaining({ action: 'review.assigned', after: expect.objectContaining({ applicationId: a.applicationId, reviewerId: a.reviewerId, how: 'bulk' }) })]);
      }
    });

    it('tells each reviewer in the app about each new assignment, linking to it (no email)', async () => {
      for (const a of result.assignments) {
        const rows = (await api.dataSource.query(`SELECT user_id, kind, title, body FROM notification WHERE entity_type = 'review_assignment' AND entity_id = $1`, [a.id])) as {
          user_id: string;
          kind: string;
          title: string;
          body: string;
        }[];
        expect(rows).toEqual([{ user_id: a.reviewerId, kind: 'review.assigned', title: expect.stringContaining('New application to review'), body: expect.stringContaining('due 31 May 2027') }]);
      }
      const emails = (await api.dataSource.query(`SELECT count(*)::int AS n FROM outbound_email WHERE subject LIKE 'New application to review%'`)) as { n: number }[];
      expect(emails[0].n).toBe(0);
    });

    it('a second run tops up nothing: every application already has two', async () => {
      const response = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.officer, body: { perApplication: 2 } });
      expect(response.statusCode).toBe(201);
      expect(response.json<BulkAssignResult>()).toMatchObject({ assignments: [], shortfalls: [], startedReview: [] });
      expect(await live()).toHaveLength(10);
    });

    it('reports applications that cannot get enough reviewers free of conflicts, and assigns what it can', async () => {
      // Three per application: for A's applications only 4 of 5 reviewers are free, for B's also 4.
      const response = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.officer, body: { perApplication: 5, applicationIds: [apps.a1] } });
      expect(response.statusCode).toBe(201);
      const body = response.json<BulkAssignResult>();
      expect(body.assignments).toHaveLength(2);
      expect(body.shortfalls).toEqual([{ applicationId: apps.a1, title: 'Psychosocial support in Basra', missing: 1 }]);
      expect(body.assignments.some((a) => a.reviewerId === w.reviewers.amina.id)).toBe(false);
    });

    it('refuses bad input naming the field, applications of another call, and writes nothing', async () => {
      const before = (await live()).length;
      const zero = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.officer, body: { perApplication: 0 } });
      expect(zero.statusCode).toBe(400);
      expect(zero.json<ApiErrorBody>().fields?.[0].field).toBe('perApplication');
      const extra = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.officer, body: { perApplication: 2, everyone: true } });
      expect(extra.json<ApiErrorBody>().code).toBe(ErrorCode.UnknownFields);
      const badDate = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.officer, body: { perApplication: 2, dueOn: '2027-02-30' } });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json<ApiErrorBody>().fields?.[0].field).toBe('dueOn');
      const foreign = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), {
        cookie: t.officer,
        body: { perApplication: 2, applicationIds: [apps.a1, '00000000-0000-4000-8000-000000000000'] },
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json<ApiErrorBody>().fields).toEqual([{ field: 'applicationIds.1', code: 'INVALID', message: 'This is not an application of the call' }]);
      expect((await live()).length).toBe(before);
    });
  });

  describe('one by one', () => {
    let extra: string;

    beforeAll(async () => {
      extra = await eligibleApplication(api, { applicant: t.bashir, officer: t.officer, callId: w.call.id, organizationId: w.orgB, partnerIds: [w.partnerB], title: 'Late eligible' });
    });

    it('assigns a reviewer, which starts the review', async () => {
      const response = await api.request('POST', applicationPath(extra, 'assignments'), { cookie: t.officer, body: { reviewerId: w.reviewers.r1.id } });
      expect(response.statusCode).toBe(201);
      expect(response.json<AssignmentView>()).toMatchObject({ applicationId: extra, reviewerId: w.reviewers.r1.id, reviewerEmail: 'reviewer@north.test', status: 'assigned', dueOn: null });
      const [{ state }] = (await api.dataSource.query(`SELECT state FROM application WHERE id = $1`, [extra])) as { state: string }[];
      expect(state).toBe('in_review');
    });

    it('refuses the same reviewer twice, a member of the partner, someone who is not a reviewer, with the reason', async () => {
      const twice = await api.request('POST', applicationPath(extra, 'assignments'), { cookie: t.officer, body: { reviewerId: w.reviewers.r1.id } });
      expect(twice.statusCode).toBe(409);
      expect(twice.json<ApiErrorBody>().message).toMatch(/already reviewing/);
      const karim = await api.request('POST', applicationPath(extra, 'assignments'), { cookie: t.officer, body: { reviewerId: w.reviewers.karim.id } });
      expect(karim.statusCode).toBe(409);
      expect(karim.json<ApiErrorBody>().message).toBe('karim@north.test is a member of a partner organization named in the application');
      const applicant = await api.request('POST', applicationPath(extra, 'assignments'), { cookie: t.officer, body: { reviewerId: w.north.users.applicant.id } });
      expect(applicant.statusCode).toBe(400);
      expect(applicant.json<ApiErrorBody>().fields).toEqual([{ field: 'reviewerId', code: 'INVALID', message: 'This is not an active reviewer of your agency' }]);
      const southReviewer = await api.request('POST', applicationPath(extra, 'assignments'), { cookie: t.officer, body: { reviewerId: w.south.users.reviewer.id } });
      expect(southReviewer.statusCode).toBe(400);
    });

    it('refuses an application that is not eligible or in review', async () => {
      const [{ id: draft }] = (await api.dataSource.query(
        `INSERT INTO application (call_id, organization_id, agency_id, state, title, content, currency, requested_minor, created_by, updated_by)
         SELECT call_id, organization_id, agency_id, 'draft', 'A draft', content, currency, 0, created_by, updated_by FROM application WHERE id = $1 RETURNING id`,
        [extra],
      )) as { id: string }[];
      const response = await api.request('POST', applicationPath(draft, 'assignments'), { cookie: t.officer, body: { reviewerId: w.reviewers.r2.id } });
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>().message).toMatch(/This application is draft/);
    });

    it('reassigns with a reason: the old assignment stays as history, the new one is live, both on the trail', async () => {
      const old = (await api.request('GET', applicationPath(extra, 'assignments'), { cookie: t.officer })).json<AssignmentView[]>()[0];
      const noReason = await api.request('POST', applicationPath(extra, 'assignments/reassign'), {
        cookie: t.officer,
        body: { fromReviewerId: w.reviewers.r1.id, toReviewerId: w.reviewers.r2.id, reason: ' ' },
      });
      expect(noReason.statusCode).toBe(400);
      const response = await api.request('POST', applicationPath(extra, 'assignments/reassign'), {
        cookie: t.officer,
        body: { fromReviewerId: w.reviewers.r1.id, toReviewerId: w.reviewers.r2.id, reason: 'Reviewer on leave' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<AssignmentView>()).toMatchObject({ reviewerId: w.reviewers.r2.id, status: 'assigned' });
      const list = (await api.request('GET', applicationPath(extra, 'assignments'), { cookie: t.officer })).json<AssignmentView[]>();
      expect(list.map((a) => [a.reviewerId, a.status])).toEqual([
        [w.reviewers.r1.id, 'reassigned'],
        [w.reviewers.r2.id, 'assigned'],
      ]);
      expect(await trailOf(api.dataSource, old.id)).toEqual([
        expect.objectContaining({ action: 'review.assigned' }),
        expect.objectContaining({ action: 'review.reassigned', reason: 'Reviewer on leave', after: expect.objectContaining({ status: 'reassigned', replacedBy: w.reviewers.r2.id }) }),
      ]);
      // Taken off by an officer: bulk assignment does not put them back.
      const bulk = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.officer, body: { perApplication: 2, applicationIds: [extra] } });
      expect(bulk.json<BulkAssignResult>().assignments.map((a) => a.reviewerId)).not.toContain(w.reviewers.r1.id);
    });

    it('removes a reviewer with a reason; a removed assignment cannot be removed again', async () => {
      const list = (await api.request('GET', applicationPath(extra, 'assignments'), { cookie: t.officer })).json<AssignmentView[]>();
      const target = list.find((a) => a.status === 'assigned') as AssignmentView;
      const response = await api.request('DELETE', applicationPath(extra, `assignments/${target.id}`), { cookie: t.officer, body: { reason: 'Too many reviewers' } });
      expect(response.statusCode).toBe(200);
      expect(response.json<AssignmentView>().status).toBe('reassigned');
      expect((await trailOf(api.dataSource, target.id)).at(-1)).toMatchObject({ action: 'review.unassigned', reason: 'Too many reviewers' });
      const again = await api.request('DELETE', applicationPath(extra, `assignments/${target.id}`), { cookie: t.officer, body: { reason: 'Again' } });
      expect(again.statusCode).toBe(409);
    });
  });

  describe('other agencies and other roles', () => {
    it("an officer of another agency finds neither the call nor its applications, and can assign nobody to them", async () => {
      const paths: ['GET' | 'POST', string, unknown?][] = [
        ['POST', callPath(w.call.id, 'assignments/bulk'), { perApplication: 2 }],
        ['GET', callPath(w.call.id, 'reviewers')],
        ['GET', applicationPath(apps.a1, 'assignments')],
        ['POST', applicationPath(apps.a1, 'assignments'), { reviewerId: w.south.users.reviewer.id }],
        ['POST', applicationPath(apps.a1, 'assignments/reassign'), { fromReviewerId: w.reviewers.r1.id, toReviewerId: w.south.users.reviewer.id, reason: 'x' }],
      ];
      for (const [method, path, body] of paths) {
        const response = await api.request(method, path, { cookie: t.southOfficer, body });
        expect(response.statusCode).toBe(404);
      }
      // South's own bulk run on its own (empty) call sees nothing of north.
      const own = await api.request('POST', callPath(w.southCall.id, 'assignments/bulk'), { cookie: t.southOfficer, body: { perApplication: 2 } });
      expect(own.statusCode).toBe(201);
      expect(own.json<BulkAssignResult>().assignments).toEqual([]);
    });

    it('applicants cannot assign (403), and an unknown call is 404', async () => {
      const response = await api.request('POST', callPath(w.call.id, 'assignments/bulk'), { cookie: t.applicant, body: { perApplication: 2 } });
      expect(response.statusCode).toBe(403);
      expect((await api.request('GET', callPath('not-a-uuid', 'reviewers'), { cookie: t.officer })).statusCode).toBe(404);
    });
  });
});
