import { expect, test, type APIRequestContext } from '@playwright/test';
import type { AuditFindingView, BudgetVsActualView, ExpenditureLineView, GrantStatementView, GrantSummaryView, GrantView, Page, RedFlagPage, ReportDueView, ReportView } from '@mizan/contracts';
import { apiAs } from './support/officer-data';

/*
 * The reporting demo (tools/cli/demo-reporting-seed.ts, the lines in
 * demo-reporting-lines.ts): a grant that started eight months before the seed
 * day, its first report accepted (one line ineligible), its second report of
 * 40 lines submitted with four problems planted for the red-flag engine.
 * Read-only: nothing here changes the demo.
 */
const API = '/api/v1';
const GRANT = 'Legal aid clinics for women in Basra';

async function get<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(`${API}/${path}`);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

async function demoGrant(api: APIRequestContext, list: string): Promise<GrantSummaryView> {
  const page = await get<Page<GrantSummaryView>>(api, `${list}?pageSize=100`);
  const found = page.items.filter((g) => g.title === GRANT);
  expect(found, `one grant "${GRANT}" in ${list}`).toHaveLength(1);
  return found[0];
}

async function reports(api: APIRequestContext, grantId: string): Promise<{ first: ReportView; second: ReportView }> {
  const schedule = await get<ReportDueView[]>(api, `grants/${grantId}/reporting`);
  const interim = schedule.filter((d) => d.kind === 'interim' && d.state !== 'cancelled').sort((a, b) => a.periodFrom.localeCompare(b.periodFrom));
  expect(interim.map((d) => d.report?.state ?? null)).toEqual(['accepted', 'submitted']);
  const [first, second] = await Promise.all(interim.map((d) => get<ReportView>(api, `reports/${d.report?.id}`)));
  return { first, second };
}

test('the reporting demo grant started eight months ago: tranches 1 and 2 paid, report 1 accepted with one line ineligible, a refund receivable', async () => {
  const officer = await apiAs('officer');
  const summary = await demoGrant(officer, 'grants');
  expect(summary.state).toBe('active');
  expect(summary.amountMinor).toBe('50000000');
  const grant = await get<GrantView>(officer, `grants/${summary.id}`);
  const sevenMonthsAgo = new Date(Date.now() - 7 * 30 * 86_400_000).toISOString().slice(0, 10);
  expect(grant.content.startsOn < sevenMonthsAgo, `${grant.content.startsOn} is months ago`).toBe(true);
  expect([...grant.tranches].sort((a, b) => a.seq - b.seq).map((t) => t.state)).toEqual(['paid', 'paid', 'planned']);

  const { first } = await reports(officer, summary.id);
  expect(first.lineCount).toBe(16);
  const lines = await get<Page<ExpenditureLineView>>(officer, `reports/${first.id}/lines?pageSize=100`);
  expect(lines.items.filter((l) => l.state === 'accepted')).toHaveLength(15);
  const refused = lines.items.filter((l) => l.state === 'ineligible');
  expect(refused).toHaveLength(1);
  expect(refused[0].ineligibleReason).toContain('Personal phone credit');

  const statement = await get<GrantStatementView>(officer, `ledger/grants/${summary.id}/statement`);
  const balance = (code: string) => statement.balances.find((b) => b.code === code)?.balanceMinor;
  // An audit (issue 12; the browser spec audit.spec.ts confirms one on this grant) may have disallowed verified
  // expenditure since: its confirmed refunds move verified expenditure to the receivable too (docs/audit.md).
  const findings = await get<AuditFindingView[]>(officer, `grants/${summary.id}/audit-findings`);
  const disallowed = findings.filter((f) => f.refund.state === 'confirmed').reduce((sum, f) => sum + BigInt(f.ineligibleMinor), 0n);
  expect(BigInt(balance('refund_receivable') ?? '0')).toBe(BigInt(refused[0].ineligibleMinor) + disallowed);
  expect(BigInt(balance('verified_expenditure') ?? '0') + BigInt(refused[0].ineligibleMinor) + disallowed).toBe(BigInt(first.claimedMinor));
});

test('report 2 waits for the officer: 40 lines from the partner, each with a receipt, one receipt on two lines, the travel line over its tolerance', async () => {
  const officer = await apiAs('officer');
  const summary = await demoGrant(officer, 'grants');
  const { second } = await reports(officer, summary.id);
  expect(second.lineCount).toBe(40);
  expect(second.can.verify).toBe(true);
  const lines = await get<Page<ExpenditureLineView>>(officer, `reports/${second.id}/lines?pageSize=100`);
  expect(lines.items).toHaveLength(40);
  expect(lines.items.every((l) => l.state === 'submitted' && l.receipts.length === 1)).toBe(true);
  expect(new Set(lines.items.map((l) => l.createdBy.name))).toEqual(new Set(['Omar Al-Basri']));
  expect(new Set(lines.items.map((l) => l.currency))).toEqual(new Set(['IQD', 'USD']));
  // The planted duplicate: the same file (SHA-256) on the two printing lines.
  const bySha = new Map<string, number[]>();
  for (const l of lines.items) bySha.set(l.receipts[0].sha256, [...(bySha.get(l.receipts[0].sha256) ?? []), l.seq]);
  expect([...bySha.values()].filter((seqs) => seqs.length > 1)).toHaveLength(1);
  // The planted over-budget line: travel (b3) beyond the agreement's 10 % tolerance, and only travel.
  const budget = await get<BudgetVsActualView>(officer, `reports/${second.id}/budget-vs-actual`);
  expect(budget.rows.filter((r) => r.overTolerance).map((r) => r.budgetLineId)).toEqual(['b3']);

  // The grantee and the partner see their grant and its reports.
  for (const role of ['applicant', 'partner'] as const) {
    const mine = await demoGrant(await apiAs(role), 'my/grants');
    expect(mine.id).toBe(summary.id);
  }
});

test('the worker finds the four planted problems, and nothing else, once it has run the submitted reports’ red-flag runs', async () => {
  const officer = await apiAs('officer');
  const summary = await demoGrant(officer, 'grants');
  const codes = async () => (await get<RedFlagPage>(officer, `grants/${summary.id}/red-flags?state=open&pageSize=100`)).items.map((f) => `${f.code}:${f.severity}`).sort();
  await expect
    .poll(codes, { timeout: 60_000 })
    .toEqual(['BEFORE_FUNDS:medium', 'DUPLICATE_RECEIPT:high', 'OVER_BUDGET_LINE:medium', 'SPLIT_PURCHASE:medium']);
});
