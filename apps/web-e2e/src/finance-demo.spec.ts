import { expect, test, type APIRequestContext } from '@playwright/test';
import type { BankFileView, GrantStatementView, GrantSummaryView, GrantView, Page, PaymentView, TrialBalanceView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { apiAs } from './support/officer-data';
import { signIn } from './support/session';

/*
 * The finance demo (tools/cli/demo-finance-seed.ts): an active grant whose
 * first tranche was paid in USD and confirmed received with a difference,
 * its second tranche held by its report; a tranche request waiting on the
 * payments desk for two approvers; an agreement waiting for the signature.
 * Read-only: nothing here changes the demo.
 */
const API = '/api/v1';
const ACTIVE = 'Women journalists’ network in Basra';
const REQUESTED = 'Safe spaces for women in Basra';
const UNSIGNED = 'Peer support groups for women survivors in Basra';

async function get<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(`${API}/${path}`);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

async function grantTitled(api: APIRequestContext, list: string, title: string): Promise<GrantSummaryView> {
  const page = await get<Page<GrantSummaryView>>(api, `${list}?pageSize=100`);
  const found = page.items.filter((g) => g.title === title);
  expect(found, `one grant "${title}" in ${list}`).toHaveLength(1);
  return found[0];
}

test('the demo grant is active: tranche 1 paid SEK → USD at a recorded rate and confirmed 3 USD short, tranche 2 waits for its report', async () => {
  const officer = await apiAs('officer');
  const summary = await grantTitled(officer, 'grants', ACTIVE);
  expect(summary.state).toBe('active');
  expect(summary.riskRating).toBe('moderate');
  expect(summary.amountMinor).toBe('40000000');
  const grant = await get<GrantView>(officer, `grants/${summary.id}`);
  expect(grant.signedBy?.name).toBe('Layla Hassan');
  expect(grant.countersignedBy?.name).toBe('Karin Lindqvist');
  // The seed requested the agreement PDF; the worker builds it once it runs.
  await expect
    .poll(async () => (await get<GrantView>(officer, `grants/${summary.id}`)).agreements.map((a) => a.state), { timeout: 60_000 })
    .toEqual(['done']);
  expect(grant.reportsDue.map((r) => r.kind)).toContain('final');
  expect(grant.content.budgetLines.reduce((sum, l) => sum + BigInt(l.amountMinor), 0n)).toBe(40000000n);

  const [first, second] = [...grant.tranches].sort((a, b) => a.seq - b.seq);
  expect(first.state).toBe('paid');
  expect(first.amountMinor).toBe('10000000');
  expect(second.state).toBe('planned');
  expect(second.requestable).toBe(false);
  const report = second.conditions.find((c) => c.kind === 'previous_report_accepted');
  expect(report?.ok).toBe(false);

  const payment = grant.payments.find((p) => p.id === first.paymentId);
  expect(payment).toBeDefined();
  const paid = payment as PaymentView;
  expect(paid.state).toBe('paid');
  expect(paid.currency).toBe('SEK');
  expect(paid.transferCurrency).toBe('USD');
  expect(paid.rate).toMatch(/^0\.\d+$/);
  expect(paid.rateSource).toBeTruthy();
  // Three people: Karin requested, Erik approved, Sara paid.
  expect(paid.requestedBy.name).toBe('Karin Lindqvist');
  expect(paid.approvedBy?.name).toBe('Erik Johansson');
  expect(paid.paidBy?.name).toBe('Sara Nilsson');
  expect(paid.receivedCurrency).toBe('USD');
  expect(paid.receiptDifferenceMinor).toBe('-300');
  expect(BigInt(paid.receivedMinor ?? '0')).toBe(BigInt(paid.transferMinor ?? '0') - 300n);
});

test('the payments desk shows the tranche request waiting for two finance approvers', async () => {
  const finance = await apiAs('finance');
  const waiting = await get<Page<PaymentView>>(finance, 'payments?state=requested&pageSize=100');
  const safe = waiting.items.filter((p) => p.organizationName === 'Dijla Association for Women’s Rights' && p.trancheSeq === 1 && p.amountMinor === '27000000');
  expect(safe).toHaveLength(1);
  expect(safe[0].requiredApprovals).toBe(2);
  expect(safe[0].approvedBy).toBeNull();
  expect(safe[0].actions).toContain('approve');
  // The bank file of the paid tranche, built by the worker.
  await expect
    .poll(async () => (await get<Page<BankFileView>>(finance, 'bank-files')).items.filter((f) => f.controlSumMinor === '10000000').map((f) => f.state), { timeout: 60_000 })
    .toEqual(['done']);
  const officer = await apiAs('officer');
  expect((await grantTitled(officer, 'grants', REQUESTED)).state).toBe('active');
});

test('the second demo agreement waits for the grantee’s signature', async () => {
  const layla = await apiAs('applicant');
  const mine = await grantTitled(layla, 'my/grants', UNSIGNED);
  expect(mine.state).toBe('awaiting_signature');
  const grant = await get<GrantView>(layla, `my/grants/${mine.id}`);
  expect(grant.signatory?.name).toBe('Layla Hassan');
  // Layla sees her paid grant too, with the payment she confirmed.
  const active = await grantTitled(layla, 'my/grants', ACTIVE);
  expect(BigInt(active.paidMinor)).toBe(10000000n);
});

test('finance reads the demo grant’s payments and ledger: balanced, with the advance, the exchange loss and the fees', async () => {
  const finance = await apiAs('finance');
  for (const title of [REQUESTED, UNSIGNED]) await grantTitled(finance, 'grants', title);
  const active = await grantTitled(finance, 'grants', ACTIVE);
  const payments = await get<Page<PaymentView>>(finance, `payments?grantId=${active.id}`);
  expect(payments.items.map((p) => p.state)).toEqual(['paid']);

  const statement = await get<GrantStatementView>(finance, `ledger/grants/${active.id}/statement`);
  const balance = (code: string) => statement.balances.find((b) => b.code === code)?.balanceMinor;
  expect(balance('advance_with_grantee')).toBe('10000000');
  expect(balance('grant_committed')).toBe('30000000');

  const grant = await get<GrantView>(finance, `grants/${active.id}`);
  const trial = await get<TrialBalanceView>(finance, `ledger/programs/${grant.programId}/trial-balance`);
  for (const total of trial.totals) expect(total.debitMinor, `${total.currency} debits = credits`).toBe(total.creditMinor);
  const programRow = (code: string) => trial.rows.find((r) => r.code === code && r.scopeType === 'program');
  // The bank debited 0.2 % more than the 100,000 SEK requested, and charged 150 SEK.
  expect(programRow('fx_difference')?.balanceMinor).toBe('20000');
  expect(programRow('bank_fees')?.balanceMinor).toBe('15000');
});

test('the auditor reads a grant, its payments and its ledger only within an open engagement’s scope, offered nothing; the agency’s ledger stays closed', async () => {
  const officer = await apiAs('officer');
  const auditor = await apiAs('auditor');
  const all = (await get<Page<GrantSummaryView>>(officer, 'grants?pageSize=100')).items;
  const listed = (await get<Page<GrantSummaryView>>(auditor, 'grants?pageSize=100')).items.map((g) => g.id);
  // Whatever the demo's engagements cover: what the auditor lists opens, nothing else does (404, never a hint).
  for (const summary of all) {
    const status = listed.includes(summary.id) ? 200 : 404;
    expect((await auditor.get(`${API}/grants/${summary.id}`)).status(), `grant ${summary.grantNumber}`).toBe(status);
    expect((await auditor.get(`${API}/ledger/grants/${summary.id}/statement`)).status(), `statement ${summary.grantNumber}`).toBe(status);
  }
  for (const id of listed) {
    const grant = await get<GrantView>(auditor, `grants/${id}`);
    expect(grant.actions).toEqual([]);
    const payments = await get<Page<PaymentView>>(auditor, `payments?grantId=${id}`);
    expect(payments.items.every((p) => p.actions.length === 0)).toBe(true);
  }
  const active = await grantTitled(officer, 'grants', ACTIVE);
  expect((await auditor.get(`${API}/ledger/programs/${(await get<GrantView>(officer, `grants/${active.id}`)).programId}/trial-balance`)).status()).toBe(403);
});

test('in the browser: the officer sees tranche 1 paid and tranche 2 blocked by its conditions', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await page.getByTestId('nav-grants').click();
  await page.getByTestId('grant-row').filter({ hasText: ACTIVE }).getByTestId('grant-link').click();
  await expect(page.getByTestId('grant-heading')).toContainText(ACTIVE);
  await expect(page.getByTestId('grant-state')).toHaveAttribute('data-state', 'active');
  await expect(page.locator('[data-testid="tranche"][data-seq="1"]')).toHaveAttribute('data-state', 'paid');
  const second = page.locator('[data-testid="tranche"][data-seq="2"]');
  await expect(second).toHaveAttribute('data-state', 'planned');
  await expect(second.getByRole('button', { name: 'Request release' })).toBeDisabled();
  // Previous report accepted, 70 % accounted for and the decision's safety-protocol condition.
  await expect(second.getByTestId('tranche-blocked')).toHaveText('Blocked: 3 conditions do not hold.');
  await expect(page.getByTestId('grant-payment')).toHaveAttribute('data-state', 'paid');
  await expectNoA11yViolations(page, 'demo active grant');
});

test('in the browser: the payments desk shows the waiting request; the paid one shows the grantee’s difference', async ({ page }) => {
  test.slow();
  const officer = await apiAs('officer');
  const waiting = await grantTitled(officer, 'grants', REQUESTED);
  const paid = await grantTitled(officer, 'grants', ACTIVE);
  await signIn(page, 'finance');
  await page.getByTestId('nav-payments').click();
  await expect(page.getByTestId('payments-heading')).toBeVisible();
  const toApprove = page.getByTestId('payments-table-toApprove');
  await expect(toApprove.getByRole('link', { name: `Open payment ${waiting.grantNumber}, tranche 1` })).toBeVisible();
  await expectNoA11yViolations(page, 'demo payments desk');

  await page.getByTestId('payments-tab-paid').click();
  await page.getByTestId('payments-table-paid').getByRole('link', { name: `Open payment ${paid.grantNumber}, tranche 1` }).click();
  await expect(page.getByTestId('payment-state')).toContainText('Paid');
  await expect(page.getByTestId('payment-receipt-difference')).toContainText('3.00');
  await expectNoA11yViolations(page, 'demo paid payment');
});

test('in the browser: Layla is asked to sign the second agreement', async ({ page }) => {
  await signIn(page, 'applicant');
  await page.getByTestId('nav-myGrants').click();
  await page.getByTestId('my-grant').filter({ hasText: UNSIGNED }).getByTestId('my-grant-link').click();
  await expect(page.getByTestId('my-grant-state')).toHaveAttribute('data-state', 'awaiting_signature');
  await expect(page.getByRole('button', { name: 'Sign the agreement' })).toBeVisible();
  await expectNoA11yViolations(page, 'demo agreement waiting for signature');
});
