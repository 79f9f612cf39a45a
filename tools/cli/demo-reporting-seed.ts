import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { convertMinor, parseRate } from '@mizan/domain';
import {
  BankFilesService,
  GrantsService,
  PaymentsService,
} from '@mizan/server/finance';
import {
  ApplicationsService,
  GrantCall,
  Organization,
  PartnerOrganization,
} from '@mizan/server/intake';
import {
  type Actors,
  demoActors,
  draftToSignature,
  planFrom,
  reviewAndApprove,
  signAndCountersign,
} from './demo-finance-seed';
import { DEMO_CALL, demoApplicationContent } from './demo-intake-seed';
import {
  DEMO_REPORTING_AMOUNT_MINOR,
  DEMO_REPORTING_BUDGET,
  DEMO_REPORTING_GRANT,
  DEMO_REPORTING_MONTHS,
  DEMO_REPORTING_TRANCHES,
  demoGrantStart,
  demoTrancheValueDates,
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
 * statement days after it was made) and, later, the expenditure dates. The one
 * date the services rightly refuse in the past is a bank file's execution
 * date (a pain.001 file instructs a bank; it cannot order a payment for a day
 * gone by): the demo's bank file executes on the seed day, its own date, and
 * the payment is then recorded paid with the value date on the (demo) bank
 * statement. Tranche 1's receipt is not confirmed by the grantee: a
 * confirmation made today would say the money arrived today.
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
async function seedGrant(
  app: INestApplicationContext,
  ds: DataSource,
  a: Actors,
  today: string,
): Promise<GrantRow | null> {
  const call = await ds
    .getRepository(GrantCall)
    .findOneBy({ title: DEMO_CALL });
  const dijla = await ds
    .getRepository(Organization)
    .findOneBy({ legalName: 'Dijla Association for Women’s Rights' });
  if (!call || !dijla) return null;
  const basra = await ds
    .getRepository(PartnerOrganization)
    .findOneByOrFail({ organizationId: dijla.id });
  const applications = app.get(ApplicationsService);
  const [existing] = (await ds.query(
    'SELECT id FROM application WHERE call_id = $1 AND title = $2',
    [call.id, DEMO_REPORTING_GRANT],
  )) as { id: string }[];
  if (existing) return reportingGrant(ds);
  const created = await applications.create(a.layla, {
    callId: call.id,
    organizationId: dijla.id,
    title: DEMO_REPORTING_GRANT,
  });
  // 4,700 SEK × 107 = 502,900 SEK requested; approved at 500,000.
  const saved = await applications.save(a.layla, created.id, {
    version: created.version,
    content: demoApplicationContent(
      DEMO_REPORTING_GRANT,
      [basra.id],
      'IQ-BA',
      107n,
    ),
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
export async function payReportingTranche(
  app: INestApplicationContext,
  ds: DataSource,
  a: Actors,
  grant: GrantRow,
  seq: number,
  today: string,
): Promise<boolean> {
  const paid = demoTrancheValueDates(grant.starts_on).find(
    (t) => t.seq === seq,
  );
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
    const note =
      seq === 1
        ? 'Start-up tranche: the lawyers’ first months and the clinics’ rooms.'
        : 'Second tranche: the first report is accepted.';
    paymentId = (
      await app
        .get(GrantsService)
        .requestRelease(a.karin, grant.id, tranche.id, note)
    ).paymentId;
    state = 'requested';
  }
  const payments = app.get(PaymentsService);
  if (state === 'requested')
    state = (await payments.approve(a.erik, paymentId)).state;
  if (state === 'approved') {
    await app
      .get(BankFilesService)
      .create(a.sara, { executionDate: today, paymentIds: [paymentId] });
    state = 'sent_to_bank';
  }
  const requested = BigInt(tranche.amount_minor);
  const bankReference = `SEB-${paid.valueDate.replace(/-/g, '')}-${String(730 + seq).padStart(4, '0')}`;
  await payments.recordPaid(a.sara, paymentId, {
    valueDate: paid.valueDate,
    bankReference,
    debitedMinor: requested.toString(),
    transferCurrency: 'USD',
    transferMinor: convertMinor(
      requested,
      'SEK',
      'USD',
      parseRate(paid.rate),
    ).toString(),
    feesMinor: '12500',
    rate: paid.rate,
    rateSource: `SEB advice ${bankReference}`,
  });
  return true;
}

/** The reporting demo; see the file's comment. Needs the intake and finance demos (Dijla, the first call, the ECB rates). */
export async function seedReportingDemo(
  app: INestApplicationContext,
): Promise<ReportingDemoResult> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const today = new Date().toISOString().slice(0, 10);
  const a = await demoActors(ds);
  const done: string[] = [];
  const before = await reportingGrant(ds);
  const grant = before ?? (await seedGrant(app, ds, a, today));
  if (!grant) return { created: false, grantNumber: null, done };
  if (!before)
    done.push(
      `grant ${grant.grant_number} (500,000 SEK, started ${grant.starts_on}) approved, signed and countersigned`,
    );
  if (await payReportingTranche(app, ds, a, grant, 1, today))
    done.push('tranche 1 (180,000 SEK) paid in USD');
  return { created: done.length > 0, grantNumber: grant.grant_number, done };
}
