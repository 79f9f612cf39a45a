import { DecisionPaths, FundingDecisionView } from '@mizan/contracts';
import { ApiHarness } from '../../testing/api-harness';
import { DecisionWorld, decisionWorld, insertInReview } from './decisions.fixtures';

/*
 * Four eyes against direct SQL on INSERT (migration 1764900000000): someone with
 * write access to the table must not be able to create a confirmed approval
 * above the threshold that no second officer ever saw. SEK minor units: approvals
 * above 500,000.00 SEK need a second officer.
 */
const THRESHOLD = '50000000';

describe('funding decisions: the database keeps four eyes on INSERT', () => {
  let api: ApiHarness;
  let w: DecisionWorld;
  let officerId: string;
  let secondOfficerId: string;

  beforeAll(async () => {
    api = await ApiHarness.start('decision_insert');
    w = await decisionWorld(api, { envelopeMinor: '900000000', thresholdMinor: THRESHOLD });
    officerId = w.north.users.officer.id;
    const [second] = (await api.dataSource.query('SELECT id FROM app_user WHERE email = $1', [w.secondOfficerEmail])) as { id: string }[];
    secondOfficerId = second.id;
  });
  afterAll(async () => {
    await api?.stop();
  });

  const inReview = () =>
    insertInReview(api.dataSource, { callId: w.callId, organizationId: w.organizationId, agencyId: w.north.agency.id, userId: w.north.users.applicant.id, requestedMinor: '86000000' });

  /** A raw INSERT as someone with table rights would write it. */
  async function insertDecision(d: { applicationId: string; outcome: string; state: string; amountMinor: string; confirmedBy?: string | null; cancelled?: boolean }): Promise<string> {
    const rows = (await api.dataSource.query(
      `INSERT INTO funding_decision (application_id, call_id, agency_id, outcome, state, amount_minor, currency, rationale, proposed_by,
                                     confirmed_by, confirmed_at, cancelled_by, cancelled_at, cancel_reason, rejection_reasons)
       VALUES ($1, $2, $3, $4, $5, $6, 'SEK', 'direct SQL', $7, $8, CASE WHEN $5 = 'confirmed' THEN now() END,
               CASE WHEN $9 THEN $7::uuid END, CASE WHEN $9 THEN now() END, CASE WHEN $9 THEN 'direct SQL' END,
               CASE WHEN $4 = 'rejected' THEN ARRAY['low_score'] ELSE '{}' END)
       RETURNING id`,
      [d.applicationId, w.callId, w.north.agency.id, d.outcome, d.state, d.amountMinor, officerId, d.confirmedBy ?? null, d.cancelled ?? false],
    )) as { id: string }[];
    return rows[0].id;
  }

  async function decisionsOf(applicationId: string): Promise<number> {
    const [row] = (await api.dataSource.query('SELECT count(*)::int AS n FROM funding_decision WHERE application_id = $1', [applicationId])) as { n: number }[];
    return row.n;
  }

  it('refuses an approval above the threshold inserted as confirmed with no second officer', async () => {
    const applicationId = await inReview();
    await expect(insertDecision({ applicationId, outcome: 'approved', state: 'confirmed', amountMinor: '60000000' })).rejects.toThrow(/needs a second officer \(four eyes\)/);
    // One minor unit above the threshold is above it.
    await expect(insertDecision({ applicationId, outcome: 'approved', state: 'confirmed', amountMinor: String(BigInt(THRESHOLD) + 1n) })).rejects.toThrow(
      /needs a second officer/,
    );
    expect(await decisionsOf(applicationId)).toBe(0);
  });

  it('refuses a confirmation written into the INSERT: by the proposer, or by a second officer who never acted', async () => {
    const applicationId = await inReview();
    await expect(insertDecision({ applicationId, outcome: 'approved', state: 'confirmed', amountMinor: '60000000', confirmedBy: officerId })).rejects.toThrow(
      /not in the same INSERT/,
    );
    await expect(insertDecision({ applicationId, outcome: 'approved', state: 'confirmed', amountMinor: '60000000', confirmedBy: secondOfficerId })).rejects.toThrow(
      /not in the same INSERT/,
    );
    // Within the threshold too: a second officer's name is only ever written by confirming a proposal.
    await expect(insertDecision({ applicationId, outcome: 'approved', state: 'confirmed', amountMinor: '10000000', confirmedBy: secondOfficerId })).rejects.toThrow(
      /not in the same INSERT/,
    );
    expect(await decisionsOf(applicationId)).toBe(0);
  });

  it('refuses a decision born cancelled', async () => {
    const applicationId = await inReview();
    await expect(insertDecision({ applicationId, outcome: 'approved', state: 'cancelled', amountMinor: '60000000', cancelled: true })).rejects.toThrow(
      /starts proposed or confirmed, not cancelled/,
    );
  });

  it('accepts what needs no second officer: an approval within the threshold, a rejection, a reserve place', async () => {
    await expect(insertDecision({ applicationId: await inReview(), outcome: 'approved', state: 'confirmed', amountMinor: THRESHOLD })).resolves.toEqual(expect.any(String));
    await expect(insertDecision({ applicationId: await inReview(), outcome: 'rejected', state: 'confirmed', amountMinor: '0' })).resolves.toEqual(expect.any(String));
    await expect(insertDecision({ applicationId: await inReview(), outcome: 'reserve', state: 'confirmed', amountMinor: '0' })).resolves.toEqual(expect.any(String));
  });

  it('the legitimate path in SQL: proposed, then confirmed by a second officer; the proposer still cannot confirm', async () => {
    const applicationId = await inReview();
    const id = await insertDecision({ applicationId, outcome: 'approved', state: 'proposed', amountMinor: '60000000' });
    await expect(
      api.dataSource.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_by = proposed_by, confirmed_at = now() WHERE id = $1`, [id]),
    ).rejects.toThrow(/ck_funding_decision_four_eyes/);
    await api.dataSource.query(`UPDATE funding_decision SET state = 'confirmed', confirmed_by = $2, confirmed_at = now() WHERE id = $1`, [id, secondOfficerId]);
    const [row] = (await api.dataSource.query('SELECT state, confirmed_by FROM funding_decision WHERE id = $1', [id])) as { state: string; confirmed_by: string }[];
    expect(row).toEqual({ state: 'confirmed', confirmed_by: secondOfficerId });
  });

  it('the legitimate path through the api still works: proposal above the threshold confirmed by the second officer, and an approval within it final at once', async () => {
    const officer = await api.signIn('officer@north.test');
    const second = await api.signIn(w.secondOfficerEmail);
    // Confirming a decision is a sensitive action: the second officer gives the password again first.
    await api.reauth(second);
    const above = await api.request('POST', DecisionPaths.applicationDecision(await inReview()), {
      cookie: officer,
      body: { outcome: 'approved', amountMinor: '60000000', rationale: 'Strong partnership' },
    });
    expect(above.statusCode).toBe(201);
    expect(above.json<FundingDecisionView>().state).toBe('proposed');
    const confirmed = await api.request('POST', DecisionPaths.confirmDecision(above.json<FundingDecisionView>().id), { cookie: second });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<FundingDecisionView>()).toMatchObject({ state: 'confirmed', confirmedBy: { email: w.secondOfficerEmail } });

    const within = await api.request('POST', DecisionPaths.applicationDecision(await inReview()), {
      cookie: officer,
      body: { outcome: 'approved', amountMinor: '20000000', rationale: 'Small and clear' },
    });
    expect(within.statusCode).toBe(201);
    expect(within.json<FundingDecisionView>()).toMatchObject({ state: 'confirmed', confirmedBy: null });
  });
});
