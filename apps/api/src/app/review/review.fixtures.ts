import { DataSource } from 'typeorm';
import { ApplicationView, CallView, CreateCallRequest, IntakePaths, ProgramView, ReviewPaths, ReviewView, SubmitReceipt } from '@mizan/contracts';
import type { ApplicationContent } from '@mizan/domain';
import { SeededAgency, seedAgency } from '@mizan/server/testing';
import { ApiHarness, InjectResult } from '../../testing/api-harness';
import { createOrganization, createPartner, createUser, goodContent } from '../intake/applications/applications.fixtures';
import { callRequest, programRequest, windowAround } from '../intake/calls/calls-testing';

/**
 * Test data for the review specs, built through the real api where it
 * matters: the program and call (with its rubric) by an officer, and each
 * application drafted, submitted (a frozen version with a receipt) and
 * screened eligible. Organizations, partners and extra users go straight to
 * the database with the intake fixtures.
 */

/** The call's rubric (callRequest): relevance 40 %, feasibility 35 %, partnership 25 %. */
export const CRITERIA = ['relevance', 'feasibility', 'partnership'] as const;

function expectStatus(response: InjectResult, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what} failed: ${response.statusCode} ${response.body}`);
}

/** A published call, open now, with the standard rubric. */
export async function openCall(api: ApiHarness, officer: string, overrides: Partial<CreateCallRequest> = {}): Promise<CallView> {
  const program = await api.request('POST', IntakePaths.programs, { cookie: officer, body: programRequest({ budgetMinor: '90000000000' }) });
  expectStatus(program, 201, 'creating a program');
  const created = await api.request('POST', `${IntakePaths.programs}/${program.json<ProgramView>().id}/calls`, {
    cookie: officer,
    body: callRequest({
      ...windowAround(new Date(), -60, 30 * 24 * 60),
      requiredDocuments: [],
      maxGrantMinor: '100000000',
      envelopeMinor: '1000000000',
      ...overrides,
    }),
  });
  expectStatus(created, 201, 'creating a call');
  const published = await api.request('POST', `${IntakePaths.calls}/${created.json<CallView>().id}/publish`, { cookie: officer });
  expectStatus(published, 200, 'publishing the call');
  return published.json<CallView>();
}

/**
 * Good content (intake fixtures) scaled to `percent` of its amounts, so the
 * shares stay within the call's rules: 100 % requests 860,000.00 SEK.
 */
export function contentRequesting(partnerIds: string[], percent: number, title: string): ApplicationContent {
  const base = goodContent(partnerIds, { title });
  const scale = (minor: string) => ((BigInt(minor) * BigInt(percent)) / 100n).toString();
  return {
    ...base,
    budgetLines: base.budgetLines.map((l) => ({ ...l, amountMinor: scale(l.amountMinor) })),
    cofunding: base.cofunding.map((c) => ({ ...c, amountMinor: scale(c.amountMinor) })),
  };
}

export function requestedMinorFor(percent: number): bigint {
  return (86_000_000n * BigInt(percent)) / 100n;
}

/** Drafted and submitted by a member, screened eligible by an officer: what review starts from. */
export async function eligibleApplication(
  api: ApiHarness,
  a: { applicant: string; officer: string; callId: string; organizationId: string; partnerIds: string[]; title: string; percent?: number },
): Promise<string> {
  const draft = await api.request('POST', IntakePaths.applications, { cookie: a.applicant, body: { callId: a.callId, organizationId: a.organizationId, title: a.title } });
  expectStatus(draft, 201, 'creating a draft');
  const view = draft.json<ApplicationView>();
  const saved = await api.request('PUT', `${IntakePaths.applications}/${view.id}`, {
    cookie: a.applicant,
    body: { version: view.version, content: contentRequesting(a.partnerIds, a.percent ?? 100, a.title) },
  });
  expectStatus(saved, 200, 'saving the draft');
  const submitted = await api.request('POST', `${IntakePaths.applications}/${view.id}/submit`, { cookie: a.applicant, body: { version: saved.json<ApplicationView>().version } });
  expectStatus(submitted, 201, 'submitting');
  submitted.json<SubmitReceipt>();
  const screened = await api.request('POST', `${IntakePaths.applications}/${view.id}/screening`, { cookie: a.officer, body: { action: 'mark_eligible', reason: null } });
  expectStatus(screened, 200, 'screening eligible');
  return view.id;
}

export interface ReviewWorld {
  north: SeededAgency;
  south: SeededAgency;
  call: CallView;
  /** Organization A: the seeded applicant and `amina` (also a reviewer: she must never review A's applications) are members. */
  orgA: string;
  partnerA: string;
  /** Organization B: `bashir` (applicant) is a member; partner B's member is the reviewer `karim`. */
  orgB: string;
  partnerB: string;
  /** Reviewers of north by email; the seeded reviewer@north.test is one of them. */
  reviewers: Record<'r1' | 'r2' | 'r3' | 'amina' | 'karim', { id: string; email: string }>;
  southCall: CallView;
}

/** Two agencies; north has a call, two organizations, five reviewers of whom two are tied to an organization. */
export async function reviewWorld(api: ApiHarness, callOverrides: Partial<CreateCallRequest> = {}): Promise<ReviewWorld> {
  const ds = api.dataSource;
  const north = await seedAgency(ds, 'north');
  const south = await seedAgency(ds, 'south');
  const r2 = await createUser(ds, north.agency.id, 'r2@north.test', 'reviewer');
  const r3 = await createUser(ds, north.agency.id, 'r3@north.test', 'reviewer');
  const amina = await createUser(ds, north.agency.id, 'amina@north.test', 'reviewer');
  const karim = await createUser(ds, north.agency.id, 'karim@north.test', 'reviewer');
  const bashir = await createUser(ds, north.agency.id, 'bashir@north.test', 'applicant');
  const orgA = await createOrganization(ds, north.agency.id, 'Rafidain Health Association', [north.users.applicant.id, amina.id]);
  const partnerA = await createPartner(ds, orgA, 'Basra Mental Health Network', 'IQ-BA', [north.users.partner.id]);
  const orgB = await createOrganization(ds, north.agency.id, 'Tigris Water Society', [bashir.id]);
  const partnerB = await createPartner(ds, orgB, 'Mosul Water Forum', 'IQ-NI', [karim.id]);
  const officer = await api.signIn('officer@north.test');
  const call = await openCall(api, officer, callOverrides);
  const southCall = await openCall(api, await api.signIn('officer@south.test'));
  return {
    north,
    south,
    call,
    orgA,
    partnerA,
    orgB,
    partnerB,
    reviewers: {
      r1: { id: north.users.reviewer.id, email: north.users.reviewer.email },
      r2: { id: r2.id, email: r2.email },
      r3: { id: r3.id, email: r3.email },
      amina: { id: amina.id, email: amina.email },
      karim: { id: karim.id, email: karim.email },
    },
    southCall,
  };
}

export const REVIEWS = ReviewPaths.reviews;
export const callPath = (callId: string, rest: string) => `${ReviewPaths.calls}/${callId}/${rest}`;
export const applicationPath = (applicationId: string, rest: string) => `${ReviewPaths.applications}/${applicationId}/${rest}`;

/** Declares no conflict, saves all three scores with comments, submits. Returns the submitted review. */
export async function scoreAndSubmit(
  api: ApiHarness,
  reviewer: string,
  assignmentId: string,
  scores: [number, number, number],
  recommendation: 'fund' | 'fund_with_changes' | 'reserve' | 'do_not_fund' = 'fund',
): Promise<ReviewView> {
  const declared = await api.request('POST', `${REVIEWS}/${assignmentId}/declaration`, { cookie: reviewer, body: { hasConflict: false } });
  expectStatus(declared, 200, 'declaring no conflict');
  const saved = await api.request('PUT', `${REVIEWS}/${assignmentId}/scores`, {
    cookie: reviewer,
    body: {
      version: declared.json<ReviewView>().version,
      scores: CRITERIA.map((criterionId, i) => ({ criterionId, score: scores[i], comment: `Why ${scores[i]} for ${criterionId}` })),
      recommendation,
      overallComment: 'A solid proposal.',
    },
  });
  expectStatus(saved, 200, 'saving scores');
  const submitted = await api.request('POST', `${REVIEWS}/${assignmentId}/submit`, { cookie: reviewer, body: { version: saved.json<ReviewView>().version } });
  expectStatus(submitted, 200, 'submitting the review');
  return submitted.json<ReviewView>();
}

/** The live assignment of a reviewer on an application, read from the table (what an officer's response also names). */
export async function assignmentOf(ds: DataSource, applicationId: string, reviewerId: string): Promise<{ id: string; status: string } | undefined> {
  const rows = (await ds.query(
    `SELECT id, status FROM review_assignment WHERE application_id = $1 AND reviewer_id = $2 AND status NOT IN ('conflict', 'reassigned')`,
    [applicationId, reviewerId],
  )) as { id: string; status: string }[];
  return rows[0];
}

export async function trailOf(ds: DataSource, entityId: string): Promise<{ action: string; actor_label: string; before: unknown; after: Record<string, unknown>; reason: string | null }[]> {
  return ds.query('SELECT action, actor_label, before, after, reason FROM activity_record WHERE entity_id = $1 ORDER BY seq', [entityId]);
}
