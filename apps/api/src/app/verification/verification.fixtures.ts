import { BankFileView, FinancePaths, GrantPaths, GrantView } from '@mizan/contracts';
import { CurrencyCode, convertMinor, parseRate } from '@mizan/domain';
import { ExpenditureLine, GrantReport } from '@mizan/server/reporting';
import { ApiHarness } from '../../testing/api-harness';
import { DEBTOR } from '../finance/payments.fixtures';
import { GrantWorld, Tokens, activeGrant } from '../grants/grants.fixtures';

/*
 * Verification specs build on a real grant: an active grant from the grants
 * fixtures (750,000.00 SEK in two tranches of 375,000.00), tranche 1 released
 * through the api, approved, put in a bank file and recorded paid by finance
 * with the money sent in IQD at 1 SEK = 125 IQD — so the ledger holds the
 * advance and the payment holds the rate the advance was received at. Reports
 * and lines are written straight through the entities (the reports helper
 * builds filing and submitting alongside).
 */

export const ADVANCE_RATE = '125';

/** One approval, no third person: the desk's rules are the payments specs' business, not these. */
export async function simpleFinanceSettings(api: ApiHarness, agencyId: string): Promise<void> {
  await api.dataSource.query(
    `INSERT INTO finance_settings (agency_id, second_approval_threshold_minor, three_people, agency_name, agency_iban, agency_bic) VALUES ($1, 100000000000, false, $2, $3, $4)
     ON CONFLICT (agency_id) DO UPDATE SET second_approval_threshold_minor = 100000000000, three_people = false, agency_name = $2, agency_iban = $3, agency_bic = $4`,
    [agencyId, DEBTOR.agencyName, DEBTOR.agencyIban, DEBTOR.agencyBic],
  );
}

export interface PaidGrant {
  grant: GrantView;
  paymentId: string;
}

/** An active grant whose first tranche is paid (sent in IQD at ADVANCE_RATE). */
export async function grantWithPaidTranche(api: ApiHarness, w: GrantWorld, t: Tokens & { finance: string }): Promise<PaidGrant> {
  const grant = await activeGrant(api, w, t);
  // The proposal starts the grant next year; the money here moves today, inside its period.
  await api.env.queryAs('owner', `UPDATE grant_award SET starts_on = CURRENT_DATE - 60 WHERE id = $1`, [grant.id]);
  const ok = async (method: 'POST', path: string, cookie: string, body: unknown, status: number) => {
    const response = await api.request(method, path, { cookie, body });
    if (response.statusCode !== status) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const { paymentId } = (await ok('POST', GrantPaths.trancheRelease(grant.id, grant.tranches[0].id), t.officer, { note: 'First tranche' }, 201)).json<{ paymentId: string }>();
  await api.reauth(t.finance);
  await ok('POST', FinancePaths.approve(paymentId), t.finance, undefined, 200);
  const today = new Date().toISOString().slice(0, 10);
  (await ok('POST', FinancePaths.bankFiles, t.finance, { executionDate: today, paymentIds: [paymentId] }, 201)).json<BankFileView>();
  const amount = BigInt(grant.tranches[0].amountMinor);
  await ok(
    'POST',
    FinancePaths.paid(paymentId),
    t.finance,
    {
      valueDate: today,
      bankReference: 'HB-VERIFY-1',
      debitedMinor: amount.toString(),
      transferCurrency: 'IQD',
      transferMinor: convertMinor(amount, 'SEK', 'IQD', parseRate(ADVANCE_RATE)).toString(),
      rate: ADVANCE_RATE,
      rateSource: 'Handelsbanken advice 7781',
      feesMinor: '0',
    },
    200,
  );
  const refreshed = (await api.request('GET', GrantPaths.grant(grant.id), { cookie: t.officer })).json<GrantView>();
  return { grant: refreshed, paymentId };
}

/** A submitted report for the grant's n-th reporting schedule item (0-based), written through the entity. */
export async function submittedReport(api: ApiHarness, grant: GrantView, createdBy: string, index = 0): Promise<GrantReport> {
  const ds = api.dataSource;
  const dues = (await ds.query(
    `SELECT id, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to FROM grant_report_due WHERE grant_id = $1 ORDER BY due_on`,
    [grant.id],
  )) as { id: string; period_from: string; period_to: string }[];
  const due = dues[index];
  await ds.query(`UPDATE grant_report_due SET state = 'submitted' WHERE id = $1`, [due.id]);
  const now = new Date();
  return ds.getRepository(GrantReport).save({
    agencyId: await agencyOf(api, grant.id),
    grantId: grant.id,
    reportDueId: due.id,
    periodFrom: due.period_from,
    periodTo: due.period_to,
    state: 'submitted',
    narrative: { activities: 'Clinics opened', indicators: [] },
    submissionCount: 1,
    submittedBy: createdBy,
    submittedAt: now,
    returnedBy: null,
    returnedAt: null,
    returnReason: null,
    acceptedBy: null,
    acceptedAt: null,
    acceptNote: null,
    createdBy,
    createdAt: now,
    updatedAt: now,
    rowVersion: 1,
  });
}

async function agencyOf(api: ApiHarness, grantId: string): Promise<string> {
  const [row] = (await api.dataSource.query('SELECT agency_id FROM grant_award WHERE id = $1', [grantId])) as { agency_id: string }[];
  return row.agency_id;
}

let lineSeq = 0;

/** A submitted line; `rate` is 1 line currency = rate SEK, and the grant amount is converted at it as the reports service would. */
export async function submittedLine(
  api: ApiHarness,
  report: GrantReport,
  line: { amountMinor: bigint; currency: CurrencyCode; rate?: string; rateSource?: ExpenditureLine['rateSource']; createdBy: string; state?: ExpenditureLine['state'] },
): Promise<ExpenditureLine> {
  const ds = api.dataSource;
  const [{ next }] = (await ds.query('SELECT COALESCE(max(seq), 0) + 1 AS next FROM expenditure_line WHERE report_id = $1', [report.id])) as { next: number }[];
  const grantAmount = line.currency === 'SEK' ? line.amountMinor : convertMinor(line.amountMinor, line.currency, 'SEK', parseRate(line.rate as string));
  const now = new Date();
  return ds.getRepository(ExpenditureLine).save({
    agencyId: report.agencyId,
    grantId: report.grantId,
    reportId: report.id,
    seq: next,
    clientId: null,
    spentOn: new Date().toISOString().slice(0, 10),
    budgetLineId: 'b1',
    supplier: `Supplier ${++lineSeq}`,
    description: 'Medical supplies',
    amountMinor: line.amountMinor.toString(),
    currency: line.currency,
    rate: line.currency === 'SEK' ? null : (line.rate as string),
    rateSource: line.currency === 'SEK' ? 'same_currency' : (line.rateSource ?? 'tranche'),
    rateNote: null,
    grantAmountMinor: grantAmount.toString(),
    paymentMethod: 'bank',
    state: line.state ?? 'submitted',
    ineligibleMinor: '0',
    ineligibleReason: null,
    verifiedBy: null,
    verifiedAt: null,
    journalEntryId: null,
    removedAt: null,
    removedBy: null,
    createdBy: line.createdBy,
    updatedBy: line.createdBy,
    createdAt: now,
    updatedAt: now,
    rowVersion: 1,
  });
}
