import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VISIT_CHECKLIST_ITEMS, addDaysIso, convertMinor, parseRate } from '@mizan/domain';
import { addMonths } from './demo-dates';
import { BankFilesService, GrantsService, PaymentsService, RatesService } from '@mizan/server/finance';
import type { AuthenticatedRequestContext } from '@mizan/server/identity';
import { ApplicationsService, GrantCall, Organization, PartnerOrganization } from '@mizan/server/intake';
import { MonitoringService, ReportFilesService, ReportsService, VerificationService } from '@mizan/server/reporting';
import { type Actors, demoActors, draftToSignature, planFrom, reviewAndApprove, signAndCountersign } from './demo-finance-seed';
import { DEMO_CALL, actingAs, demoApplicationContent } from './demo-intake-seed';
import {
  DEMO_REPORTING_AMOUNT_MINOR,
  DEMO_REPORTING_BUDGET,
  DEMO_REPORTING_GRANT,
  DEMO_REPORTING_MONTHS,
  DEMO_REPORTING_TRANCHES,
  demoGrantStart,
  demoTrancheValueDates,
  DEMO_REPORTING_NARRATIVES,
  demoReportPeriods,
  demoReportingLines,
  demoUuid,
} from './demo-reporting-lines';

export { DEMO_REPORTING_GRANT } from './demo-reporting-lines';

/*
 * The reporting demo (issue 11): a grant whose period began eight months
 * before the seed day, so its reports cover months that have passed and its
 * expenditure can be dated (the demo's other grants start on the seed day).
 *
 * Honest about time: everything is recorded through the services on the seed
 * day — the trail, the ledger's entry times and every created_at say so. What
 * lies in the past are the business dates the services take as input: the
 * grant period, the payments' value dates (recordPaid accepts any value date
 * from the grant's start to today: a payment is often recorded from the bank
 * statement days after it was made), the dates of the CBI rates and of the
 * monitoring visit, and the expenditure dates. The one date the services
 * rightly refuse in the past is a bank file's execution date (a pain.001 file
 * instructs a bank; it cannot order a payment for a day gone by): the demo's
 * bank files execute on the seed day, their own date, and each payment is then
 * recorded paid with the value date of the (demo) bank statement — so in this
 * demo, and only here, a value date precedes its bank file's execution date.
 * The grantee does not confirm the tranches' receipt: a confirmation made
 * today would say the money arrived today (the reports date a tranche's rate
 * from the confirmation when there is one).
 *
 * Each part does nothing when its data exists, so the seed can run again.
 */

export interface ReportingDemoResult {
  created: boolean;
  grantNumber: string | null;
  /** What this run did, in words, for the seed's summary. */
  done: string[];
}

interface GrantRow {
  id: string;
  grant_number: string;
  starts_on: string;
  state: string;
}

async function reportingGrant(ds: DataSource): Promise<GrantRow | null> {
  const [row] = (await ds.query(
    `SELECT g.id, g.grant_number, to_char(g.starts_on, 'YYYY-MM-DD') AS starts_on, g.state
       FROM grant_award g JOIN application a ON a.id = g.application_id JOIN grant_call c ON c.id = a.call_id
      WHERE a.title = $1 AND c.title = $2`,
    [DEMO_REPORTING_GRANT, DEMO_CALL],
  )) as GrantRow[];
  return row ?? null;
}

/**
 * A new application of Dijla in the first call, with the Basra Women's Forum
 * as partner, reviewed and approved at 500,000 SEK with the helpers of the
 * finance demo; the agreement's period starts eight months ago (12 months,
 * three tranches of 180,000 / 220,000 / 100,000 SEK, an interim report every
 * four months), its budget the one the reporting lines are planned against;
 * signed by Layla and countersigned by Karin.
 */
async function seedGrant(app: INestApplicationContext, ds: DataSource, a: Actors, today: string): Promise<GrantRow | null> {
  const call = await ds.getRepository(GrantCall).findOneBy({ title: DEMO_CALL });
  const dijla = await ds.getRepository(Organization).findOneBy({ legalName: 'Dijla Association for Women’s Rights' });
  if (!call || !dijla) return null;
  const basra = await ds.getRepository(PartnerOrganization).findOneByOrFail({ organizationId: dijla.id });
  const applications = app.get(ApplicationsService);
  const [existing] = (await ds.query('SELECT id FROM application WHERE call_id = $1 AND title = $2', [call.id, DEMO_REPORTING_GRANT])) as { id: string }[];
  if (existing) return reportingGrant(ds);
  const created = await applications.create(a.layla, {
    callId: call.id,
    organizationId: dijla.id,
    title: DEMO_REPORTING_GRANT,
  });
  // 4,700 SEK × 107 = 502,900 SEK requested; approved at 500,000.
  const saved = await applications.save(a.layla, created.id, {
    version: created.version,
    content: demoApplicationContent(DEMO_REPORTING_GRANT, [basra.id], 'IQ-BA', 107n),
  });
  await applications.submit(a.layla, created.id, saved.version);
  await applications.screen(a.karin, created.id, 'start_screening', null);
  await applications.screen(a.karin, created.id, 'mark_eligible', null);
  const decision = await reviewAndApprove(
    app,
    a,
    created.id,
    DEMO_REPORTING_AMOUNT_MINOR.toString(),
    'Client files kept confidential; receipts of the clinics uploaded every month.',
    'Strong review; approved at 500,000 SEK, the co-funding as offered.',
  );
  const startsOn = demoGrantStart(today);
  const sent = await draftToSignature(
    app,
    a,
    decision,
    (proposed) => ({
      ...planFrom(
        proposed,
        startsOn,
        DEMO_REPORTING_MONTHS,
        DEMO_REPORTING_TRANCHES.map((t) => t.amountMinor),
      ),
      budgetLines: DEMO_REPORTING_BUDGET.map((b) => ({ ...b })),
    }),
    'Same partner and assessment as the journalists’ network grant: moderate.',
  );
  await signAndCountersign(app, a, sent);
  return reportingGrant(ds);
}

/**
 * A tranche of the reporting grant released and paid in USD, each step by its
 * own person (Karin requests, Erik approves, Sara puts it in a bank file and
 * records it paid): carried on from whatever step it reached, nothing when
 * paid.
 */
export async function payReportingTranche(app: INestApplicationContext, ds: DataSource, a: Actors, grant: GrantRow, seq: number, today: string): Promise<boolean> {
  const paid = demoTrancheValueDates(grant.starts_on).find((t) => t.seq === seq);
  if (!paid) throw new Error(`the reporting demo pays no tranche ${seq}`);
  const [tranche] = (await ds.query(
    `SELECT t.id, t.amount_minor::text AS amount_minor, p.id AS payment_id, p.state AS payment_state
       FROM tranche t LEFT JOIN payment p ON p.tranche_id = t.id AND p.state NOT IN ('rejected', 'cancelled')
      WHERE t.grant_id = $1 AND t.seq = $2`,
    [grant.id, seq],
  )) as {
    id: string;
    amount_minor: string;
    payment_id: string | null;
    payment_state: string | null;
  }[];
  if (!tranche) throw new Error(`the reporting grant has no tranche ${seq}`);
  if (tranche.payment_state === 'paid') return false;
  let paymentId = tranche.payment_id;
  let state = tranche.payment_state;
  if (!paymentId) {
    const note = seq === 1 ? 'Start-up tranche: the lawyers’ first months and the clinics’ rooms.' : 'Second tranche: the first report is accepted.';
    paymentId = (await app.get(GrantsService).requestRelease(a.karin, grant.id, tranche.id, note)).paymentId;
    state = 'requested';
  }
  const payments = app.get(PaymentsService);
  if (state === 'requested') state = (await payments.approve(a.erik, paymentId)).state;
  if (state === 'approved') {
    await app.get(BankFilesService).create(a.sara, { executionDate: today, paymentIds: [paymentId] });
    state = 'sent_to_bank';
  }
  const requested = BigInt(tranche.amount_minor);
  const bankReference = `SEB-${paid.valueDate.replace(/-/g, '')}-${String(730 + seq).padStart(4, '0')}`;
  await payments.recordPaid(a.sara, paymentId, {
    valueDate: paid.valueDate,
    bankReference,
    debitedMinor: requested.toString(),
    transferCurrency: 'USD',
    transferMinor: convertMinor(requested, 'SEK', 'USD', parseRate(paid.rate)).toString(),
    // No fee is booked on these transfers: the program's bank fees and exchange differences stay those of the
    // finance demo, which its browser spec (finance-demo.spec.ts) checks to the krona.
    feesMinor: '0',
    rate: paid.rate,
    rateSource: `SEB advice ${bankReference}`,
  });
  return true;
}

/**
 * Erik records the Central Bank of Iraq's official rate (1,310 IQD per USD)
 * on the days the tranches arrived: with it the agency's rates know IQD, so
 * the grant accepts lines in dinars (each line carries the rate the partner
 * actually got, with its source). Nothing for a day already recorded.
 */
async function recordIqdRates(app: INestApplicationContext, ds: DataSource, a: Actors, grant: GrantRow): Promise<number> {
  let recorded = 0;
  for (const { valueDate } of demoTrancheValueDates(grant.starts_on)) {
    const [known] = (await ds.query(`SELECT 1 FROM exchange_rate WHERE agency_id = $1 AND base = 'USD' AND quote = 'IQD' AND rate_date = $2`, [
      a.erik.user.agencyId,
      valueDate,
    ])) as unknown[];
    if (known) continue;
    await app.get(RatesService).create(a.erik, { rateDate: valueDate, base: 'USD', quote: 'IQD', rate: '1310', source: 'Central Bank of Iraq, official rate' });
    recorded++;
  }
  return recorded;
}

/**
 * Karin's on-site visit to the clinics in month 5 (Basra is accessible: an
 * on-site visit every 180 days), recorded through the monitoring service with
 * the whole checklist; without it the grant's monitoring would be overdue and
 * flagged beside the planted problems. Nothing when the grant has a visit.
 */
async function recordMonitoringVisit(app: INestApplicationContext, ds: DataSource, a: Actors, grant: GrantRow): Promise<boolean> {
  const [known] = (await ds.query('SELECT 1 FROM monitoring_visit WHERE grant_id = $1', [grant.id])) as unknown[];
  if (known) return false;
  const visitedOn = addDaysIso(addMonths(grant.starts_on, 4), 20);
  const notes: Partial<Record<(typeof VISIT_CHECKLIST_ITEMS)[number], string>> = {
    activities_seen: 'Consultations in the Ashar clinic: 9 clients in the morning.',
    records_reviewed: 'Case files kept locked; 30 files sampled, consent forms signed.',
    receipts_match: 'Desks, chairs and the hall hire of months 1–4 matched to their receipts.',
  };
  await app.get(MonitoringService).recordVisit(
    a.karin,
    grant.id,
    {
      kind: 'on_site',
      visitedOn,
      checklist: VISIT_CHECKLIST_ITEMS.map((id) => ({ id, answer: 'yes', note: notes[id] ?? '' })),
      findings: 'The clinic in Ashar works as planned; the forum intends to open a second clinic in Zubair. No concern.',
      outcome: 'satisfactory',
    },
    'officer',
  );
  return true;
}

/** The report of a schedule item (interim report 1 or 2 of the grant), as far as it got. */
async function reportOf(ds: DataSource, grant: GrantRow, report: 1 | 2): Promise<{ dueId: string; reportId: string | null; state: string | null }> {
  const period = demoReportPeriods(grant.starts_on).find((p) => p.report === report);
  const [due] = (await ds.query(
    `SELECT d.id AS due_id, r.id AS report_id, r.state FROM grant_report_due d LEFT JOIN grant_report r ON r.report_due_id = d.id
      WHERE d.grant_id = $1 AND d.kind = 'interim' AND d.state <> 'cancelled' AND d.period_from = $2 AND d.period_to = $3`,
    [grant.id, period?.periodFrom, period?.periodTo],
  )) as { due_id: string; report_id: string | null; state: string | null }[];
  if (!due) throw new Error(`the reporting grant has no interim report for ${period?.periodFrom} – ${period?.periodTo}`);
  return { dueId: due.due_id, reportId: due.report_id, state: due.state };
}

/**
 * Layla opens the report, Omar (the partner in Basra) types its lines and
 * uploads a receipt for each through the services of the api and the upload
 * path (each line by its client id, each receipt by its upload id: a second
 * run adds nothing), Layla writes the narrative and submits it (which queues
 * the red-flag run). Nothing when it was submitted already.
 */
async function fileReport(app: INestApplicationContext, ds: DataSource, a: Actors, omar: AuthenticatedRequestContext, grant: GrantRow, report: 1 | 2): Promise<boolean> {
  const found = await reportOf(ds, grant, report);
  if (found.state && found.state !== 'draft' && found.state !== 'returned') return false;
  const reports = app.get(ReportsService);
  const files = app.get(ReportFilesService);
  const reportId = found.reportId ?? (await reports.open(a.layla, grant.id, found.dueId)).view.id;
  for (const line of demoReportingLines(grant.starts_on).filter((l) => l.report === report)) {
    const { line: added } = await reports.addLine(omar, reportId, {
      clientId: line.clientId,
      spentOn: line.spentOn,
      budgetLineId: line.budgetLineId,
      supplier: line.supplier,
      description: line.description,
      amountMinor: line.amountMinor,
      currency: line.currency,
      ...(line.rate ? { rate: line.rate, rateSource: line.rateSource, ...(line.rateNote ? { rateNote: line.rateNote } : {}) } : {}),
      paymentMethod: line.paymentMethod,
    });
    await files.storeUpload(
      omar,
      demoUuid(`receipt:${line.key}`),
      { purpose: 'receipt', reportId, lineId: added.id, filename: line.receipt.fileName, filetype: line.receipt.contentType },
      line.receipt.bytes,
    );
  }
  const view = await reports.view(a.layla, reportId);
  await reports.saveNarrative(a.layla, reportId, DEMO_REPORTING_NARRATIVES[report], view.rowVersion);
  await reports.submit(a.layla, reportId);
  return true;
}

/**
 * Karin verifies every line of the first report — accepts them, finds the
 * coordinator's personal phone credit ineligible (a refund receivable) — and
 * accepts the report, which satisfies tranche 2's "previous report accepted".
 */
async function verifyFirstReport(app: INestApplicationContext, ds: DataSource, a: Actors, grant: GrantRow): Promise<boolean> {
  const found = await reportOf(ds, grant, 1);
  if (!found.reportId || found.state !== 'submitted') return false;
  const reportId = found.reportId;
  const verification = app.get(VerificationService);
  const refused = new Map(
    demoReportingLines(grant.starts_on)
      .filter((l) => l.report === 1 && l.ineligible)
      .map((l) => [l.clientId, l.ineligible?.reason ?? '']),
  );
  const lines = (await ds.query(
    `SELECT id, client_id, row_version, grant_amount_minor::text AS grant_amount_minor FROM expenditure_line
      WHERE report_id = $1 AND removed_at IS NULL AND state = 'submitted' ORDER BY seq`,
    [reportId],
  )) as { id: string; client_id: string | null; row_version: number; grant_amount_minor: string }[];
  for (const line of lines) {
    const reason = line.client_id ? refused.get(line.client_id) : undefined;
    await verification.verifyLine(
      a.karin,
      reportId,
      line.id,
      reason ? { decision: 'ineligible', rowVersion: line.row_version, ineligibleMinor: line.grant_amount_minor, reason } : { decision: 'accept', rowVersion: line.row_version },
    );
  }
  const [{ row_version }] = (await ds.query('SELECT row_version FROM grant_report WHERE id = $1', [reportId])) as { row_version: number }[];
  await verification.acceptReport(a.karin, reportId, {
    rowVersion: row_version,
    note: 'Receipts match the lines; the coordinator’s phone credit is refused and is to be repaid or offset.',
  });
  return true;
}

/** The reporting demo; see the file's comment. Needs the intake and finance demos (Dijla, the first call, the ECB rates). */
export async function seedReportingDemo(app: INestApplicationContext): Promise<ReportingDemoResult> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const today = new Date().toISOString().slice(0, 10);
  const a = await demoActors(ds);
  const done: string[] = [];
  const before = await reportingGrant(ds);
  const grant = before ?? (await seedGrant(app, ds, a, today));
  if (!grant) return { created: false, grantNumber: null, done };
  if (!before) done.push(`grant ${grant.grant_number} (500,000 SEK, started ${grant.starts_on}) approved, signed and countersigned`);
  if (await payReportingTranche(app, ds, a, grant, 1, today)) done.push('tranche 1 (180,000 SEK) paid in USD');
  // Before any report is filed: a red-flag run of report 1 must not find the grant's monitoring overdue (it would block tranche 2).
  if (await recordMonitoringVisit(app, ds, a, grant)) done.push('an on-site monitoring visit in month 5 recorded');
  const omar = await actingAs(ds, 'partner@demo.mizan.local');
  if ((await recordIqdRates(app, ds, a, grant)) > 0) done.push('the Central Bank of Iraq’s USD→IQD rate recorded on the tranches’ value dates');
  if (await fileReport(app, ds, a, omar, grant, 1)) done.push('report 1 (months 1–4, 16 lines with receipts) submitted');
  if (await verifyFirstReport(app, ds, a, grant)) done.push('report 1 verified (one line ineligible: a refund receivable) and accepted');
  if (await payReportingTranche(app, ds, a, grant, 2, today)) done.push('tranche 2 (220,000 SEK) paid in USD');
  if (await fileReport(app, ds, a, omar, grant, 2)) {
    done.push('report 2 (months 5–8, 40 lines: a duplicate receipt, a split purchase, rent paid before tranche 2 arrived, travel over budget) submitted, its red-flag run queued');
  }
  return { created: done.length > 0, grantNumber: grant.grant_number, done };
}
