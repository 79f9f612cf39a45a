import { ApiErrorBody, DecisionPaths, ErrorCode, FundingDecisionView, NotificationListView } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { DecisionWorld, decisionWorld, insertInReview } from './decisions.fixtures';

/*
 * GET decisions/:id: an officer follows a notification ("a decision needs your
 * confirmation") to the decision, and from it to the application and its call.
 */
describe('reading one decision', () => {
  let api: ApiHarness;
  let w: DecisionWorld;
  let decisionId: string;
  let applicationId: string;
  const t = {} as Record<'officer' | 'officer2' | 'applicant' | 'admin' | 'southOfficer', string>;

  beforeAll(async () => {
    api = await ApiHarness.start('decision-read');
    w = await decisionWorld(api, { envelopeMinor: '500000000', thresholdMinor: '0' });
    t.officer = await api.signIn('officer@north.test');
    t.officer2 = await api.signIn(w.secondOfficerEmail);
    t.applicant = await api.signIn('applicant@north.test');
    t.admin = await api.signIn('admin@north.test');
    t.southOfficer = await api.signIn('officer@south.test');
    applicationId = await insertInReview(api.dataSource, {
      callId: w.callId,
      organizationId: w.organizationId,
      agencyId: w.north.agency.id,
      userId: w.north.users.applicant.id,
      requestedMinor: '86000000',
      title: 'Election observers in Nineveh',
    });
    const proposed = await api.request('POST', DecisionPaths.applicationDecision(applicationId), {
      cookie: t.officer,
      body: { outcome: 'approved', amountMinor: '70000000', rationale: 'Strong partnership' },
    });
    expect(proposed.statusCode).toBe(201);
    decisionId = proposed.json<FundingDecisionView>().id;
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('the second officer follows the notification to the decision, its application and its call', async () => {
    const list = (await api.request('GET', DecisionPaths.notifications, { cookie: t.officer2 })).json<NotificationListView>();
    const notice = list.items.find((n) => n.kind === 'decision.awaiting_confirmation');
    expect(notice).toMatchObject({ entityType: 'funding_decision', entityId: decisionId });
    const response = await api.request('GET', `${DecisionPaths.decisions}/${decisionId}`, { cookie: t.officer2 });
    expect(response.statusCode).toBe(200);
    expect(response.json<FundingDecisionView>()).toMatchObject({
      id: decisionId,
      applicationId,
      callId: w.callId,
      applicationTitle: 'Election observers in Nineveh',
      state: 'proposed',
      amountMinor: '70000000',
      awaitingConfirmation: true,
      proposedBy: { email: 'officer@north.test' },
    });
  });

  it('another agency’s officer gets 404; non-officers 403; a bad id is simply not found', async () => {
    expect((await api.request('GET', `${DecisionPaths.decisions}/${decisionId}`, { cookie: t.southOfficer })).statusCode).toBe(404);
    for (const token of [t.applicant, t.admin]) {
      const response = await api.request('GET', `${DecisionPaths.decisions}/${decisionId}`, { cookie: token });
      expect(response.statusCode).toBe(403);
      expect(response.json<ApiErrorBody>().code).toBe(ErrorCode.Forbidden);
    }
    const bad = await api.request('GET', `${DecisionPaths.decisions}/not-a-uuid`, { cookie: t.officer });
    expect(bad.statusCode).toBe(404);
    expect(bad.json<ApiErrorBody>().code).toBe(ErrorCode.NotFound);
  });
});
