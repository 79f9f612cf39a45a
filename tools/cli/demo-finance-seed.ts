import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CapacityAnswer, GrantContent, GrantView, ReportingScheduleItem, TranchePlanItem } from '@mizan/contracts';
import { type CapacityQuestionId, convertMinor, formatRate } from '@mizan/domain';
import { BankFilesService, FinanceSettingsService, GrantAgreementsService, GrantsService, PaymentsService, RatesService } from '@mizan/server/finance';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { ApplicationsService, GrantCall, Organization, PartnerOrganization } from '@mizan/server/intake';
import { AssignmentsService, DecisionsService, ReviewsService } from '@mizan/server/review';
import { DEMO_CALL, actingAs, demoApplicationContent } from './demo-intake-seed';
import { DEMO_REVIEW_CALL } from './demo-review-seed';
import { addDays, addMonths } from './demo-dates';
import { DEMO_AGENCY } from './demo-seed';

/** The confirmed approval of the review demo that becomes the active grant. */
export const DEMO_ACTIVE_GRANT = 'Women journalists’ network in Basra';
/** Dijla's application of the first call that is approved here and becomes an active grant whose first tranche waits for finance. */
export const DEMO_REQUESTED_GRANT = 'Safe spaces for women in Basra';
/** A new application of Dijla in the first call, approved here: its agreement waits for Layla's signature. */
export const DEMO_UNSIGNED_GRANT = 'Peer support groups for women survivors in Basra';

/** The ECB's euro reference rates, 1999-01-04 … 2025-05-09 (source: ECB), kept in the repository. */
export const ECB_RATES_FILE = join(__dirname, '../../data/fx/ecb-eurofxref-hist.csv');
/** The agency's own account, the debtor of its bank files (a valid Swedish IBAN, not a grantee's, and the BIC of SEB). */
const AGENCY_ACCOUNT = { name: 'Ministry for Foreign Affairs Co-Development Unit', iban: 'SE3550000000054910000003', bic: 'ESSESESS' };
/** 250,000.00 SEK: the demo's larger tranches need the second finance login. */
const SECOND_APPROVAL_THRESHOLD_MINOR = '25000000';

/** A partner with sound bookkeeping and audited accounts, thinner on procurement and monitoring in Basra: 16 of 24 → moderate. */
const DIJLA_ASSESSMENT: Array<CapacityAnswer & { questionId: CapacityQuestionId }> = [
  { questionId: 'financial_management', score: 3, note: 'Double-entry books kept by a part-time accountant; monthly bank reconciliation.' },
  { questionId: 'internal_control', score: 2, note: 'Two board signatures on payments above 20,000 SEK; no written cash policy in Basra.' },
  { questionId: 'procurement', score: 1, note: 'Three quotes asked for above 10,000 SEK, not documented for the 2024 workshops.' },
  { questionId: 'reporting', score: 2, note: 'Narrative and financial reports to the municipality on time in 2023 and 2024.' },
  { questionId: 'staff', score: 2, note: 'Coordinator at 50 %; the partner forum has two paid staff.' },
  { questionId: 'previous_grants', score: 2, note: 'Göteborg municipal grants since 2016, no findings.' },
  { questionId: 'audited_accounts', score: 3, note: 'Accounts 2023 and 2024 audited by an authorised auditor, clean opinions.' },
  { questionId: 'partner_monitoring', score: 1, note: 'Remote monitoring only; no visit to Basra since 2022.' },
];

/**
 * The grant period starting on `today` (so the first tranche can be paid that day),
 * the given tranche amounts spread over it with the conditions the risk policy
 * proposed (the first tranche's for the first, the second's for the others),
 * and the reporting schedule of the policy: an interim report for each tranche
 * but the last, due 30 days after the period it covers; the final report 60
 * days after the end.
 */
export function planFrom(proposed: GrantContent, today: string, months: number, amounts: bigint[], extra: Record<number, TranchePlanItem['conditions']> = {}): GrantContent {
  const startsOn = today;
  const endsOn = addDays(addMonths(startsOn, months), -1);
  const step = Math.floor(months / amounts.length);
  const first = proposed.tranches.find((t) => t.seq === 1)?.conditions ?? [];
  const later = proposed.tranches.find((t) => t.seq === 2)?.conditions ?? first;
  const tranches: TranchePlanItem[] = amounts.map((amount, i) => ({
    seq: i + 1,
    plannedOn: addMonths(startsOn, i * step),
    amountMinor: amount.toString(),
    conditions: [...(i === 0 ? first : later), ...(extra[i + 1] ?? [])],
  }));
  const reportingSchedule: ReportingScheduleItem[] = [];
  for (let i = 0; i < tranches.length - 1; i++) {
    const periodFrom = i === 0 ? startsOn : tranches[i].plannedOn;
    const periodTo = addDays(tranches[i + 1].plannedOn, -1);
    reportingSchedule.push({ kind: 'interim', periodFrom, periodTo, dueOn: addDays(periodTo, 30) });
  }
  reportingSchedule.push({ kind: 'final', periodFrom: startsOn, periodTo: endsOn, dueOn: addDays(endsOn, 60) });
  return { ...proposed, startsOn, endsOn, tranches, reportingSchedule };
}

export interface Actors {
  karin: AuthenticatedRequestContext;
  johan: AuthenticatedRequestContext;
  layla: AuthenticatedRequestContext;
  erik: AuthenticatedRequestContext;
  sara: AuthenticatedRequestContext;
  samir: AuthenticatedRequestContext;
}

/** The demo people who act in the finance and reporting demos. */
export async function demoActors(ds: DataSource): Promise<Actors> {
  return {
    karin: await actingAs(ds, 'officer@demo.mizan.local'),
    johan: await actingAs(ds, 'officer2@demo.mizan.local'),
    layla: await actingAs(ds, 'applicant@demo.mizan.local'),
    erik: await actingAs(ds, 'finance@demo.mizan.local'),
    sara: await actingAs(ds, 'finance2@demo.mizan.local'),
    samir: await actingAs(ds, 'reviewer@demo.mizan.local'),
  };
}

export async function confirmedDecision(ds: DataSource, title: string): Promise<string | null> {
  const [row] = (await ds.query(
    `SELECT d.id FROM funding_decision d JOIN application a ON a.id = d.application_id
      WHERE a.title = $1 AND d.outcome = 'approved' AND d.state = 'confirmed' ORDER BY d.confirmed_at DESC LIMIT 1`,
    [title],
  )) as { id: string }[];
  return row?.id ?? null;
}

/**
 * One reviewer's review of a first-call application (the first call's rubric
 * has five criteria), then the approval: proposed by Karin, confirmed by Johan
 * (the first call asks a second officer for every approval).
 */
export async function reviewAndApprove(app: INestApplicationContext, a: Actors, applicationId: string, amountMinor: string, conditions: string, rationale: string): Promise<string> {
  const assignments = app.get(AssignmentsService);
  const reviews = app.get(ReviewsService);
  const decisions = app.get(DecisionsService);
  const dueOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const assignment = await assignments.assign(a.karin, applicationId, a.samir.user.id, dueOn);
  let review = await reviews.declare(a.samir, assignment.id, false, null);
  const scores: Array<[string, number, string]> = [
    ['relevance', 5, 'Needs named by the women of the forum themselves.'],
    ['feasibility', 4, 'Realistic plan; the venue costs are well sourced.'],
    ['partnership', 4, 'The Basra forum leads the sessions; Dijla does the books.'],
    ['accountability', 4, 'Attendance lists and receipts uploaded monthly.'],
    ['sustainability', 3, 'Volunteers trained to carry on; funding after year one unclear.'],
  ];
  review = await reviews.saveScores(a.samir, assignment.id, {
    version: review.version,
    scores: scores.map(([criterionId, score, comment]) => ({ criterionId, score, comment })),
    recommendation: 'fund',
    overallComment: 'A credible partnership with a clear plan; fund.',
  });
  await reviews.submit(a.samir, assignment.id, review.version);
  const proposed = await decisions.propose(a.karin, applicationId, { outcome: 'approved', amountMinor, conditions, rationale });
  if (proposed.state === 'proposed') await decisions.confirm(a.johan, proposed.id);
  return proposed.id;
}

/** Draft → risk rated → plan → agreement PDF requested (the worker builds it) → sent to Layla for signature. */
export async function draftToSignature(
  app: INestApplicationContext,
  a: Actors,
  decisionId: string,
  plan: ((proposed: GrantContent) => GrantContent) | null,
  riskReason: string,
): Promise<GrantView> {
  const grants = app.get(GrantsService);
  let grant = await grants.createFromDecision(a.karin, decisionId);
  grant = await grants.setRisk(a.karin, grant.id, { answers: DIJLA_ASSESSMENT, modality: 'advance', monitoring: 'annual_visit', reason: riskReason });
  if (plan) grant = await grants.updateDraft(a.karin, grant.id, plan(grant.content), grant.rowVersion);
  await app.get(GrantAgreementsService).request(a.karin, grant.id);
  return grants.sendForSignature(a.karin, grant.id, a.layla.user.id);
}

export async function signAndCountersign(app: INestApplicationContext, a: Actors, grant: GrantView): Promise<GrantView> {
  const grants = app.get(GrantsService);
  const signed = await grants.sign(a.layla, grant.id, a.layla.user.displayName, grant.currentVersion);
  return grants.countersign(a.karin, grant.id, signed.currentVersion);
}

/**
 * The finance demo (issue 9), made through the same services as the api so
 * the trail, the ledger and the notifications hold what really happened:
 *
 * - *Women journalists’ network in Basra* (400,000 SEK, confirmed in the review
 *   demo) is an active grant: risk rated moderate, three tranches, signed by
 *   Layla and countersigned by Karin; tranche 1 (100,000 SEK, below the
 *   agency's 250,000 SEK threshold: one approver) requested by Karin, approved
 *   by Erik, put in a bank file and paid by Sara (three people) in USD at the
 *   rate of the value date, and confirmed received by Layla 3 USD short;
 *   tranche 2 waits for the report.
 * - *Safe spaces for women in Basra* (first call) is approved at 470,000 SEK
 *   and active; its tranche 1 (270,000 SEK, above the threshold: two
 *   approvers) is requested by Karin and waits on the payments desk.
 * - *Peer support groups for women survivors in Basra* (a new application of
 *   the first call) is approved at 250,000 SEK; its agreement waits for
 *   Layla's signature.
 *
 * Before them, Erik sets the agency's finance settings (threshold 250,000 SEK,
 * three people, the agency's account for bank files) and imports the ECB's
 * rates. Each part does nothing when its data exists.
 */
export async function seedFinanceDemo(app: INestApplicationContext): Promise<{ created: boolean; rates: number; grants: number }> {
  const rates = await seedFinanceSettings(app);
  const grants = await seedGrants(app);
  return { created: rates !== null || grants > 0, rates: rates ?? 0, grants };
}

/**
 * The demo agency's finance set-up, through the services (so it is on the
 * trail like any other): the debtor account of its bank files, the
 * second-approval threshold (three people stay required), and the ECB's
 * published rates (EUR→X), so cross rates such as SEK→USD can be suggested
 * for any past value date. Null when already done.
 */
async function seedFinanceSettings(app: INestApplicationContext): Promise<number | null> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [done] = (await ds.query(
    `SELECT 1 FROM finance_settings s JOIN agency a ON a.id = s.agency_id WHERE a.slug = $1 AND s.agency_iban IS NOT NULL`,
    [DEMO_AGENCY.slug],
  )) as unknown[];
  if (done) return null;
  const erik = await actingAs(ds, 'finance@demo.mizan.local');
  await app.get(FinanceSettingsService).update(erik, {
    secondApprovalThresholdMinor: SECOND_APPROVAL_THRESHOLD_MINOR,
    threePeople: true,
    agencyName: AGENCY_ACCOUNT.name,
    agencyIban: AGENCY_ACCOUNT.iban,
    agencyBic: AGENCY_ACCOUNT.bic,
    reason: 'Unit policy: a second approver above 250,000 SEK, three people on every payment; our disbursement account at SEB is the debtor of the bank files.',
  });
  const imported = await app.get(RatesService).importEcb(erik, readFileSync(ECB_RATES_FILE), 'ecb-eurofxref-hist.csv');
  return imported.imported;
}

/** The three demo grants; 0 when the first exists already (or the review demo is not there). */
async function seedGrants(app: INestApplicationContext): Promise<number> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const journalists = await confirmedDecision(ds, DEMO_ACTIVE_GRANT);
  if (!journalists) return 0;
  const [existing] = (await ds.query('SELECT 1 FROM grant_award WHERE decision_id = $1', [journalists])) as unknown[];
  if (existing) return 0;
  const firstCall = await ds.getRepository(GrantCall).findOneBy({ title: DEMO_CALL });
  const reviewCall = await ds.getRepository(GrantCall).findOneBy({ title: DEMO_REVIEW_CALL });
  if (!firstCall || !reviewCall) return 0;

  const a = await demoActors(ds);
  const grants = app.get(GrantsService);
  const payments = app.get(PaymentsService);
  const rates = app.get(RatesService);
  const today = new Date().toISOString().slice(0, 10);

  // 1. The active grant: 400,000 SEK in three tranches; the decision's safety-protocol condition guards tranche 2.
  const journalistsGrant = await draftToSignature(
    app,
    a,
    journalists,
    (proposed) =>
      planFrom(proposed, today, 12, [10_000_000n, 15_000_000n, 15_000_000n], {
        2: [{ id: 'safety_protocol', kind: 'custom', params: { label: 'Safety protocol for the journalists reported (decision condition)' } }],
      }),
    'Sound books and audited accounts; procurement undocumented and no monitoring visit to Basra since 2022: moderate, with an annual visit.',
  );
  const active = await signAndCountersign(app, a, journalistsGrant);
  const tranche1 = active.tranches.find((t) => t.seq === 1);
  if (!tranche1) throw new Error('the demo grant has no first tranche');
  const { paymentId } = await grants.requestRelease(a.karin, active.id, tranche1.id, 'Start-up tranche: training of the first facilitators in Basra.');
  await payments.approve(a.erik, paymentId);
  await app.get(BankFilesService).create(a.sara, { executionDate: today, paymentIds: [paymentId] });

  // Paid in USD (the partner's costs in Basra are in dollars) at the rate of the value date, if the ECB published one
  // within 7 days; else (the bundled ECB file is older) Sara records the bank's rate, which was the latest ECB cross rate.
  const requested = BigInt(tranche1.amountMinor);
  const published = await rates.find(ds.manager, a.sara.user.agencyId, 'SEK', 'USD', today);
  const bankReference = `SEB-${today.replace(/-/g, '')}-0417`;
  let rateFields: { rate?: string; rateSource?: string } = {};
  let rate = published?.rate;
  if (!rate) {
    const [{ latest }] = (await ds.query(`SELECT max(rate_date)::text AS latest FROM exchange_rate WHERE agency_id = $1 AND base = 'EUR' AND quote = 'USD'`, [
      a.sara.user.agencyId,
    ])) as { latest: string | null }[];
    const fallback = latest ? await rates.find(ds.manager, a.sara.user.agencyId, 'SEK', 'USD', latest) : null;
    if (!fallback) throw new Error(`no SEK→USD rate could be derived from ${ECB_RATES_FILE}`);
    rate = fallback.rate;
    rateFields = { rate: formatRate(rate), rateSource: `SEB advice ${bankReference}` };
  }
  const sentUsd = convertMinor(requested, 'SEK', 'USD', rate);
  await payments.recordPaid(a.sara, paymentId, {
    valueDate: today,
    bankReference,
    // The bank's conversion cost 0.2 % more than the requested amount (an exchange loss) and it charged 150 SEK.
    debitedMinor: (requested + requested / 500n).toString(),
    transferCurrency: 'USD',
    transferMinor: sentUsd.toString(),
    feesMinor: '15000',
    ...rateFields,
  });
  await payments.confirmReceipt(a.layla, paymentId, {
    receivedMinor: (sentUsd - 300n).toString(),
    receivedCurrency: 'USD',
    note: 'Our bank in Göteborg charged 3 USD for the incoming transfer.',
  });

  // 2. An active grant whose first tranche waits for finance: above the threshold, so Erik and Sara must both approve.
  const dijla = await ds.getRepository(Organization).findOneByOrFail({ legalName: 'Dijla Association for Women’s Rights' });
  const [safeSpaces] = (await ds.query(`SELECT id FROM application WHERE call_id = $1 AND title = $2 AND state = 'eligible'`, [firstCall.id, DEMO_REQUESTED_GRANT])) as {
    id: string;
  }[];
  if (safeSpaces) {
    const decision = await reviewAndApprove(
      app,
      a,
      safeSpaces.id,
      '47000000',
      'A social worker supervises the volunteers from month 6, as the clarification promised.',
      'Clear need, staffing explained after the clarification; approved as requested.',
    );
    // The rent and furniture of both spaces come first: 270,000 SEK (57 %, within the 60 % a moderate risk allows).
    const sent = await draftToSignature(app, a, decision, (proposed) => planFrom(proposed, today, 12, [27_000_000n, 20_000_000n]), 'Same partner and assessment as the journalists’ network grant: moderate.');
    const safe = await signAndCountersign(app, a, sent);
    const first = safe.tranches.find((t) => t.seq === 1);
    if (first) await grants.requestRelease(a.karin, safe.id, first.id, 'First tranche: rent and furniture of the two safe spaces.');
  }

  // 3. A grant waiting for the signature: a new application of Dijla in the first call, approved at 250,000 SEK.
  const basra = await ds.getRepository(PartnerOrganization).findOneByOrFail({ organizationId: dijla.id });
  const applications = app.get(ApplicationsService);
  const peer = await applications.create(a.layla, { callId: firstCall.id, organizationId: dijla.id, title: DEMO_UNSIGNED_GRANT });
  const saved = await applications.save(a.layla, peer.id, { version: peer.version, content: demoApplicationContent(DEMO_UNSIGNED_GRANT, [basra.id], 'IQ-BA', 55n) });
  await applications.submit(a.layla, peer.id, saved.version);
  await applications.screen(a.karin, peer.id, 'start_screening', null);
  await applications.screen(a.karin, peer.id, 'mark_eligible', null);
  const peerDecision = await reviewAndApprove(
    app,
    a,
    peer.id,
    '25000000',
    'Groups led by trained peers with a psychologist on call; no cash incentives to participants.',
    'Strong review; approved at 250,000 SEK.',
  );
  await draftToSignature(app, a, peerDecision, null, 'Same partner and assessment as the journalists’ network grant: moderate.');
  return 3;
}
