import { createHash } from 'node:crypto';
import { CapacityAnswer, DecisionPaths, FundingDecisionView, GrantPaths, GrantView } from '@mizan/contracts';
import { CAPACITY_QUESTIONS, emptyApplicationContent } from '@mizan/domain';
import { ApiHarness } from '../../testing/api-harness';
import { DecisionWorld, decisionWorld, insertInReview } from '../decisions/decisions.fixtures';
import { createPartner } from '../intake/applications/applications.fixtures';

/*
 * A confirmed approval built the way the decision specs build one: an
 * application in review (written to the database, with its frozen submitted
 * version holding the budget), approved through the api by an officer below
 * the confirmation threshold, so it is confirmed at once.
 */

export const SIGNATORY_NAME = 'فاطمة الزهراء';
/** Requested 1,000,000.00 SEK in three lines; approved 750,000.00 SEK (cut by a quarter). */
export const REQUESTED = '100000000';
export const APPROVED = '75000000';

export interface GrantWorld extends DecisionWorld {
  partnerOrganizationId: string;
  applicantId: string;
  coMemberId: string;
}

export async function grantWorld(api: ApiHarness): Promise<GrantWorld> {
  const w = await decisionWorld(api, { envelopeMinor: '5000000000', thresholdMinor: '400000000' });
  // The signatory's registered name is Arabic: the agreement must print it, the signature must match it.
  await api.env.queryAs('owner', 'UPDATE app_user SET display_name = $2 WHERE id = $1', [w.north.users.applicant.id, SIGNATORY_NAME]);
  await api.env.queryAs('owner', `UPDATE organization SET dd_status = 'cleared', dd_expires_on = CURRENT_DATE + 365, bic = 'ESSESESS' WHERE id = ANY($1::uuid[])`, [
    [w.organizationId, w.southOrganizationId],
  ]);
  const partnerOrganizationId = await createPartner(api.dataSource, w.organizationId, 'شركاء البصرة', 'IQ-BA', [w.north.users.partner.id]);
  const [co] = await api.env.queryAs<{ id: string }>('owner', 'SELECT id FROM app_user WHERE email = $1', [w.coMemberEmail]);
  return { ...w, partnerOrganizationId, applicantId: w.north.users.applicant.id, coMemberId: co.id };
}

let versions = 0;

/** A confirmed approval of APPROVED on an application requesting REQUESTED; returns the decision id. */
export async function confirmedApproval(api: ApiHarness, w: GrantWorld, officer: string, options: { south?: boolean; callId?: string } = {}): Promise<string> {
  const south = options.south ?? false;
  const applicationId = await insertInReview(api.dataSource, {
    callId: options.callId ?? (south ? w.southCallId : w.callId),
    organizationId: south ? w.southOrganizationId : w.organizationId,
    agencyId: south ? w.south.agency.id : w.north.agency.id,
    userId: south ? w.south.users.applicant.id : w.applicantId,
    requestedMinor: REQUESTED,
    title: `Clinics in Basra ${++versions}`,
  });
  const content = {
    ...emptyApplicationContent('Clinics in Basra'),
    summary: 'Primary care in three clinics of Basra governorate.',
    durationMonths: 12,
    activities: [{ id: 'a1', title: 'Clinic opening', governorates: ['IQ-BA'], months: [1, 2] }],
    budgetLines: [
      { id: 'b1', category: 'personnel', year: 1, description: 'Nurses and doctors', amountMinor: '60000000' },
      { id: 'b2', category: 'equipment', year: 1, description: 'معدات طبية', amountMinor: '30000000' },
      { id: 'b3', category: 'admin', year: 1, description: 'Administration', amountMinor: '10000000' },
    ],
  };
  const json = JSON.stringify(content);
  await api.env.queryAs(
    'owner',
    `INSERT INTO application_version (application_id, number, kind, content, totals, eligibility, call_version, content_sha256, receipt_number, submitted_by, submitted_at)
     VALUES ($1, 1, 'submission', $2, '{}', '{}', 1, $3, $4, $5, now() - interval '10 days')`,
    [applicationId, json, createHash('sha256').update(json).digest('hex'), `FROZEN-${applicationId}`, south ? w.south.users.applicant.id : w.applicantId],
  );
  if (!south) await api.env.queryAs('owner', 'INSERT INTO application_partner (application_id, partner_organization_id) VALUES ($1, $2)', [applicationId, w.partnerOrganizationId]);
  const response = await api.request('POST', DecisionPaths.applicationDecision(applicationId), {
    cookie: officer,
    body: { outcome: 'approved', amountMinor: APPROVED, conditions: 'Quarterly photos of the clinics.', rationale: 'Strong partnership' },
  });
  if (response.statusCode !== 201) throw new Error(`approval failed: ${response.statusCode} ${response.body}`);
  const decision = response.json<FundingDecisionView>();
  if (decision.state !== 'confirmed') throw new Error(`approval not confirmed: ${decision.state}`);
  return decision.id;
}

/** Answers scoring 2 of 3 on each question: 16 of 24, a moderate risk. */
export const MODERATE_ANSWERS: CapacityAnswer[] = CAPACITY_QUESTIONS.map((q) => ({ questionId: q.id, score: 2 }));

export interface Tokens {
  officer: string;
  applicant: string;
}

/** Draft → risk (moderate) → sent → signed → countersigned: an active grant with two tranches of 375,000.00 SEK. */
export async function signedGrant(api: ApiHarness, w: GrantWorld, t: Tokens, callId?: string): Promise<GrantView> {
  const decisionId = await confirmedApproval(api, w, t.officer, { callId });
  const ok = async (method: 'POST' | 'PUT', path: string, cookie: string, body: unknown, status = 200): Promise<GrantView> => {
    const response = await api.request(method, path, { cookie, body });
    if (response.statusCode !== status) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json<GrantView>();
  };
  const draft = await ok('POST', GrantPaths.fromDecision(decisionId), t.officer, {}, 201);
  await ok('PUT', GrantPaths.risk(draft.id), t.officer, { answers: MODERATE_ANSWERS, modality: 'advance', monitoring: 'annual_visit', reason: 'Capacity assessment visit' });
  const sent = await ok('POST', GrantPaths.send(draft.id), t.officer, { signatoryUserId: w.applicantId });
  await api.reauth(t.applicant);
  return ok('POST', GrantPaths.sign(draft.id), t.applicant, { typedName: SIGNATORY_NAME, version: sent.currentVersion });
}

export async function activeGrant(api: ApiHarness, w: GrantWorld, t: Tokens): Promise<GrantView> {
  const decisionId = await confirmedApproval(api, w, t.officer);
  const ok = async (method: 'POST' | 'PUT', path: string, cookie: string, body: unknown, status = 200): Promise<GrantView> => {
    const response = await api.request(method, path, { cookie, body });
    if (response.statusCode !== status) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json<GrantView>();
  };
  const draft = await ok('POST', GrantPaths.fromDecision(decisionId), t.officer, {}, 201);
  await ok('PUT', GrantPaths.risk(draft.id), t.officer, { answers: MODERATE_ANSWERS, modality: 'advance', monitoring: 'annual_visit', reason: 'Capacity assessment visit' });
  const sent = await ok('POST', GrantPaths.send(draft.id), t.officer, { signatoryUserId: w.applicantId });
  await api.reauth(t.applicant);
  await ok('POST', GrantPaths.sign(draft.id), t.applicant, { typedName: SIGNATORY_NAME, version: sent.currentVersion });
  await api.reauth(t.officer);
  return ok('POST', GrantPaths.countersign(draft.id), t.officer, { version: sent.currentVersion });
}
