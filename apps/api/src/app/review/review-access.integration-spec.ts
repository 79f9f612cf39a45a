import { ApiErrorBody, AssignmentView, ErrorCode, Permission, ROLES, ReviewPaths, Role, can } from '@mizan/contracts';
import { createUser } from '../intake/applications/applications.fixtures';
import { ApiHarness } from '../../testing/api-harness';
import { CRITERIA, ReviewWorld, applicationPath, eligibleApplication, reviewWorld } from './review.fixtures';

/**
 * Every review route called by every role and by nobody: allowed exactly
 * when the shared permission table says so (review.assign: officers;
 * review.own: reviewers), 403 FORBIDDEN otherwise, 401 without a session.
 * Routes run in order, so the reviewer's routes follow a real review.
 */
interface Ctx {
  w: ReviewWorld;
  application: string;
  /** reviewer@north.test's assignment on the application. */
  mine: string;
  /** An assignment the officer removes. */
  removable: string;
  extraReviewers: { id: string }[];
}

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: (c: Ctx) => string;
  body?: (c: Ctx) => unknown;
  permission: Permission;
  /** What the allowed role gets. */
  status: number;
  /**
   * Another permission that also passes the route's access rule, for reading within a scope (an auditor's
   * `audit.conduct`, issue 12): nothing is in such a caller's scope in this world, so they get 404.
   */
  scoped?: Permission;
}

const ROUTES: RouteCase[] = [
  { name: 'bulk assign', method: 'POST', path: (c) => ReviewPaths.bulkAssign(c.w.call.id), body: () => ({ perApplication: 1 }), permission: 'review.assign', status: 201 },
  { name: 'call reviewers', method: 'GET', path: (c) => ReviewPaths.callReviewers(c.w.call.id), permission: 'review.assign', status: 200 },
  { name: 'application assignments', method: 'GET', path: (c) => ReviewPaths.applicationAssignments(c.application), permission: 'review.assign', status: 200, scoped: 'audit.conduct' },
  {
    name: 'assign one',
    method: 'POST',
    path: (c) => ReviewPaths.applicationAssignments(c.application),
    body: (c) => ({ reviewerId: c.extraReviewers[0].id }),
    permission: 'review.assign',
    status: 201,
  },
  {
    name: 'reassign',
    method: 'POST',
    path: (c) => ReviewPaths.reassign(c.application),
    body: (c) => ({ fromReviewerId: c.extraReviewers[0].id, toReviewerId: c.extraReviewers[1].id, reason: 'access matrix' }),
    permission: 'review.assign',
    status: 200,
  },
  {
    name: 'unassign',
    method: 'DELETE',
    path: (c) => ReviewPaths.assignment(c.application, c.removable),
    body: () => ({ reason: 'access matrix' }),
    permission: 'review.assign',
    status: 200,
  },
  { name: 'board', method: 'GET', path: (c) => ReviewPaths.board(c.w.call.id), permission: 'review.assign', status: 200 },
  { name: 'board xlsx', method: 'GET', path: (c) => ReviewPaths.boardXlsx(c.w.call.id), permission: 'review.assign', status: 200 },
  { name: 'board charts', method: 'GET', path: (c) => ReviewPaths.boardCharts(c.w.call.id), permission: 'review.assign', status: 200 },
  { name: 'my reviews', method: 'GET', path: () => ReviewPaths.reviews, permission: 'review.own', status: 200 },
  { name: 'my review', method: 'GET', path: (c) => ReviewPaths.review(c.mine), permission: 'review.own', status: 200 },
  { name: 'declaration', method: 'POST', path: (c) => ReviewPaths.declaration(c.mine), body: () => ({ hasConflict: false }), permission: 'review.own', status: 200 },
  { name: 'read application', method: 'GET', path: (c) => ReviewPaths.reviewApplication(c.mine), permission: 'review.own', status: 200 },
  {
    name: 'save scores',
    method: 'PUT',
    path: (c) => ReviewPaths.scores(c.mine),
    body: () => ({ version: 2, scores: CRITERIA.map((criterionId) => ({ criterionId, score: 3, comment: '' })), recommendation: 'reserve', overallComment: 'Fine' }),
    permission: 'review.own',
    status: 200,
  },
  { name: 'submit', method: 'POST', path: (c) => ReviewPaths.submitReview(c.mine), body: () => ({ version: 3 }), permission: 'review.own', status: 200 },
  { name: 'peers', method: 'GET', path: (c) => ReviewPaths.peers(c.mine), permission: 'review.own', status: 200 },
];

describe('review access rules: every route × every role', () => {
  let api: ApiHarness;
  const ctx = {} as Ctx;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await ApiHarness.start('review_access');
    ctx.w = await reviewWorld(api);
    for (const role of ROLES) tokens[role] = await api.signIn(`${role}@north.test`);
    ctx.application = await eligibleApplication(api, {
      applicant: tokens.applicant,
      officer: tokens.officer,
      callId: ctx.w.call.id,
      organizationId: ctx.w.orgA,
      partnerIds: [ctx.w.partnerA],
      title: 'Psychosocial support in Basra',
    });
    const assign = async (reviewerId: string) =>
      (await api.request('POST', applicationPath(ctx.application, 'assignments'), { cookie: tokens.officer, body: { reviewerId } })).json<AssignmentView>().id;
    ctx.mine = await assign(ctx.w.reviewers.r1.id);
    ctx.removable = await assign(ctx.w.reviewers.r2.id);
    ctx.extraReviewers = [
      await createUser(api.dataSource, ctx.w.north.agency.id, 'extra1@north.test', 'reviewer'),
      await createUser(api.dataSource, ctx.w.north.agency.id, 'extra2@north.test', 'reviewer'),
    ];
  });
  afterAll(async () => {
    await api?.stop();
  });

  const cases = ROUTES.flatMap((route) => [...ROLES.filter((r) => !can([r], route.permission)), ...ROLES.filter((r) => can([r], route.permission))].map((role) => [route.name, role, route] as const));

  it.each(cases)('%s as %s', async (_name, role, route) => {
    const response = await api.request(route.method, route.path(ctx), { cookie: tokens[role], body: route.body?.(ctx) });
    if (can([role], route.permission)) {
      expect(`${response.statusCode} ${response.statusCode === route.status ? '' : response.body}`).toBe(`${route.status} `);
    } else if (route.scoped && can([role], route.scoped)) {
      expect(response.statusCode).toBe(404);
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.Forbidden);
    }
  });

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s without a session is 401', async (_name, route) => {
    const response = await api.request(route.method, route.path(ctx), { body: route.body?.(ctx) });
    expect(response.statusCode).toBe(401);
  });
});
