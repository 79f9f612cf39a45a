import { ApiErrorBody, CallDecisionsView, DecisionPaths, EnvelopeView, ErrorCode, FundingDecisionView } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { createCall } from '../intake/applications/applications.fixtures';
import { DecisionWorld, decisionWorld, insertInReview, setCallMoney } from './decisions.fixtures';

/* A seeded PRNG (mulberry32): the random amounts are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The envelope under concurrency: twenty approvals fired at the same moment by
 * two officers, on twenty applications of one call. Every request runs on its
 * own database connection (the pool holds ten), so without the lock on the
 * call's row several would read the same sum and all pass.
 */
describe('the envelope: approvals never exceed it, even all at once', () => {
  let api: ApiHarness;
  let w: DecisionWorld;
  let programId: string;
  const t = {} as Record<'officer' | 'officer2', string>;

  beforeAll(async () => {
    // Every test re-authenticates its officers, which counts as attempts from the one test address.
    api = await ApiHarness.start('decisions_envelope', { signInIpMaxAttempts: 10_000 });
    w = await decisionWorld(api, { envelopeMinor: '10000000', thresholdMinor: '1000000000' });
    const [row] = (await api.dataSource.query('SELECT program_id FROM grant_call WHERE id = $1', [w.callId])) as { program_id: string }[];
    programId = row.program_id;
    t.officer = await api.signIn('officer@north.test');
    t.officer2 = await api.signIn(w.secondOfficerEmail);
  });
  // Confirming needs a re-authentication within the last minutes (its own spec: two-factor.integration-spec).
  beforeEach(async () => {
    for (const token of [t.officer, t.officer2]) await api.reauth(token);
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function newCall(envelopeMinor: string, thresholdMinor: string): Promise<string> {
    const callId = await createCall(api.dataSource, { programId, agencyId: w.north.agency.id, createdBy: w.north.users.officer.id });
    await setCallMoney(api.dataSource, callId, { envelopeMinor, thresholdMinor });
    return callId;
  }

  async function applications(callId: string, n: number, requestedMinor = '5000000'): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(await insertInReview(api.dataSource, { callId, organizationId: w.organizationId, agencyId: w.north.agency.id, userId: w.north.users.applicant.id, requestedMinor }));
    }
    return ids;
  }

  async function committed(callId: string): Promise<{ proposed: bigint; confirmed: bigint; approvedApplications: number }> {
    const [row] = (await api.dataSource.query(
      `SELECT COALESCE(SUM(amount_minor) FILTER (WHERE state = 'proposed'), 0)::text AS proposed,
              COALESCE(SUM(amount_minor) FILTER (WHERE state = 'confirmed'), 0)::text AS confirmed,
              (SELECT count(*)::int FROM application WHERE call_id = $1 AND state = 'approved') AS approved
         FROM funding_decision WHERE call_id = $1 AND outcome = 'approved'`,
      [callId],
    )) as { proposed: string; confirmed: string; approved: number }[];
    return { proposed: BigInt(row.proposed), confirmed: BigInt(row.confirmed), approvedApplications: row.approved };
  }

  const approve = (applicationId: string, amountMinor: string, token: string) =>
    api.request('POST', DecisionPaths.applicationDecision(applicationId), { cookie: token, body: { outcome: 'approved', amountMinor, rationale: 'Above the funding line' } });

  it('20 equal approvals in parallel against room for 14: exactly 14 pass, 6 are refused saying what is left', async () => {
    // 100,000.00 SEK envelope, 7,000.00 SEK each: 14 fit (98,000.00), 2,000.00 SEK stays.
    const ids = await applications(w.callId, 20);
    const responses = await Promise.all(ids.map((id, i) => approve(id, '700000', i % 2 === 0 ? t.officer : t.officer2)));
    const passed = responses.filter((r) => r.statusCode === 201);
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(passed).toHaveLength(14);
    expect(refused).toHaveLength(6);
    for (const response of refused) {
      expect(response.statusCode).toBe(409);
      expect(response.json<ApiErrorBody>()).toMatchObject({
        code: ErrorCode.EnvelopeExceeded,
        message: "The call's envelope of 100000.00 SEK has 2000.00 SEK left; an approval of 7000.00 SEK does not fit",
        fields: [{ field: 'amountMinor', message: expect.stringContaining('2000.00 SEK left') }],
      });
    }
    const sums = await committed(w.callId);
    expect(sums).toEqual({ proposed: 0n, confirmed: 9_800_000n, approvedApplications: 14 });
    // Every refusal left nothing behind: no decision, no state change, no trail record.
    const [{ n }] = (await api.dataSource.query(`SELECT count(*)::int AS n FROM activity_record WHERE action = 'decision.proposed'`)) as { n: number }[];
    expect(n).toBe(14);
    const view = (await api.request('GET', DecisionPaths.callDecisions(w.callId), { cookie: t.officer })).json<CallDecisionsView>();
    expect(view.envelope).toMatchObject({ committedMinor: '9800000', remainingMinor: '200000' });
  });

  it('with four eyes on every approval, proposals count against the envelope too; a cancellation frees room; confirming them all at once still fits', async () => {
    const callId = await newCall('20000000', '0');
    const ids = await applications(callId, 20);
    const rng = mulberry32(20270501);
    const amounts = ids.map(() => String(500_000 + Math.floor(rng() * 1_500_000)));
    const responses = await Promise.all(ids.map((id, i) => approve(id, amounts[i], i % 2 === 0 ? t.officer : t.officer2)));
    const proposals = responses.filter((r) => r.statusCode === 201).map((r) => r.json<FundingDecisionView>());
    const refusedAt = responses.map((r, i) => (r.statusCode === 201 ? -1 : i)).filter((i) => i >= 0);
    expect(proposals.length).toBeGreaterThan(0);
    expect(refusedAt.length).toBeGreaterThan(0);
    expect(proposals.every((p) => p.state === 'proposed')).toBe(true);
    for (const i of refusedAt) expect(responses[i].json<ApiErrorBody>().code).toBe(ErrorCode.EnvelopeExceeded);
    let sums = await committed(callId);
    expect(sums.proposed).toBeLessThanOrEqual(20_000_000n);
    expect(sums.proposed).toBe(proposals.reduce((s, p) => s + BigInt(p.amountMinor), 0n));
    // A refused amount did not fit into what was left when all were done.
    const left = 20_000_000n - sums.proposed;
    for (const i of refusedAt) expect(BigInt(amounts[i])).toBeGreaterThan(left);

    // A proposal withdrawn gives its amount back: the smallest refused approval now fits.
    const largest = proposals.reduce((best, p) => (BigInt(p.amountMinor) > BigInt(best.amountMinor) ? p : best), proposals[0]);
    const smallestRefused = refusedAt.reduce((best, i) => (BigInt(amounts[i]) < BigInt(amounts[best]) ? i : best), refusedAt[0]);
    expect(BigInt(amounts[smallestRefused])).toBeLessThanOrEqual(left + BigInt(largest.amountMinor));
    const cancel = await api.request('POST', DecisionPaths.cancelDecision(largest.id), { cookie: t.officer2, body: { reason: 'Made room for the reserve list' } });
    expect(cancel.statusCode).toBe(200);
    const retry = await approve(ids[smallestRefused], amounts[smallestRefused], t.officer);
    expect(retry.statusCode).toBe(201);
    const open = [...proposals.filter((p) => p.id !== largest.id), retry.json<FundingDecisionView>()];

    // Each confirmed by the officer who did not propose it, all at the same moment.
    const confirmations = await Promise.all(
      open.map((p) => api.request('POST', DecisionPaths.confirmDecision(p.id), { cookie: p.proposedBy.email === 'officer@north.test' ? t.officer2 : t.officer })),
    );
    expect(confirmations.map((r) => r.statusCode)).toEqual(open.map(() => 200));
    sums = await committed(callId);
    expect(sums).toEqual({ proposed: 0n, confirmed: open.reduce((s, p) => s + BigInt(p.amountMinor), 0n), approvedApplications: open.length });
    expect(sums.confirmed).toBeLessThanOrEqual(20_000_000n);
  });

  it('an envelope cut after proposals: confirmations that no longer fit are refused and the proposals stay open', async () => {
    const callId = await newCall('3000000', '0');
    const [a, b] = await applications(callId, 2);
    const first = (await approve(a, '2000000', t.officer)).json<FundingDecisionView>();
    const second = (await approve(b, '1000000', t.officer)).json<FundingDecisionView>();
    await setCallMoney(api.dataSource, callId, { envelopeMinor: '2500000' });
    const refused = await api.request('POST', DecisionPaths.confirmDecision(second.id), { cookie: t.officer2 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ApiErrorBody>()).toMatchObject({ code: ErrorCode.EnvelopeExceeded, message: expect.stringContaining('has 5000.00 SEK left') });
    const [row] = (await api.dataSource.query('SELECT state FROM funding_decision WHERE id = $1', [second.id])) as { state: string }[];
    expect(row.state).toBe('proposed');
    // Both still count; once the second is cancelled the first fits the smaller envelope.
    expect((await api.request('POST', DecisionPaths.confirmDecision(first.id), { cookie: t.officer2 })).statusCode).toBe(409);
    await api.request('POST', DecisionPaths.cancelDecision(second.id), { cookie: t.officer2, body: { reason: 'The envelope was cut' } });
    expect((await api.request('POST', DecisionPaths.confirmDecision(first.id), { cookie: t.officer2 })).statusCode).toBe(200);
  });

  it('the confirmation threshold: set by an officer with a reason, on the trail, deciding which approvals wait for a second officer', async () => {
    const callId = await newCall('10000000', '0');
    const path = DecisionPaths.callConfirmationThreshold(callId);
    const set = await api.request('PUT', path, { cookie: t.officer, body: { confirmationThresholdMinor: '1000000', reason: 'Small grants need one signature' } });
    expect(set.statusCode).toBe(200);
    expect(set.json<EnvelopeView>()).toMatchObject({ confirmationThresholdMinor: '1000000', envelopeMinor: '10000000' });
    const [record] = (await api.dataSource.query(`SELECT action, before, after, reason FROM activity_record WHERE entity_id = $1`, [callId])) as Record<string, unknown>[];
    expect(record).toEqual({
      action: 'call.confirmation_threshold_changed',
      before: { confirmationThresholdMinor: '0' },
      after: { confirmationThresholdMinor: '1000000' },
      reason: 'Small grants need one signature',
    });
    const [small, large] = await applications(callId, 2);
    expect((await approve(small, '1000000', t.officer)).json<FundingDecisionView>().state).toBe('confirmed');
    expect((await approve(large, '1000001', t.officer)).json<FundingDecisionView>().state).toBe('proposed');

    const bad = async (body: Record<string, unknown>, field: string) => {
      const response = await api.request('PUT', path, { cookie: t.officer, body });
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>().fields?.map((f) => f.field)).toContain(field);
    };
    await bad({ confirmationThresholdMinor: '12.5', reason: 'r' }, 'confirmationThresholdMinor');
    await bad({ confirmationThresholdMinor: '-1', reason: 'r' }, 'confirmationThresholdMinor');
    await bad({ confirmationThresholdMinor: '10000001', reason: 'r' }, 'confirmationThresholdMinor');
    await bad({ confirmationThresholdMinor: '5', reason: '  ' }, 'reason');
    await bad({ confirmationThresholdMinor: '5' }, 'reason');
    const applicant = await api.signIn('applicant@north.test');
    expect((await api.request('PUT', path, { cookie: applicant, body: { confirmationThresholdMinor: '5', reason: 'r' } })).statusCode).toBe(403);
    const south = await api.signIn('officer@south.test');
    // Re-authenticated, so that what answers is the agency check, not the re-authentication.
    await api.reauth(south);
    expect((await api.request('PUT', path, { cookie: south, body: { confirmationThresholdMinor: '5', reason: 'r' } })).statusCode).toBe(404);
    const view = (await api.request('GET', DecisionPaths.callDecisions(callId), { cookie: t.officer })).json<CallDecisionsView>();
    expect(view.envelope.confirmationThresholdMinor).toBe('1000000');
  });
});
