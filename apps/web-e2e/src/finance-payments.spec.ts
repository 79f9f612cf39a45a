import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_PASSWORD } from './support/demo';
import {
  STAFF_PASSWORD,
  financeWorld,
  ok,
  xmlValue,
  type FinanceWorld,
} from './support/finance-data';
import { apiAs } from './support/officer-data';
import { confirmItIsYou } from './support/reauth';
import { signIn, signOut } from './support/session';

/*
 * The payments desk with four eyes, in the browser, on data the spec makes
 * through the api: a user who is both officer and finance requested tranche 1
 * (400,000.00 SEK, above the agency's threshold) and cannot approve it; finance
 * user A approves once and cannot approve twice; finance user B gives the
 * second approval; the demo finance user puts it in a pain.001 bank file (the
 * XML is parsed) and records it paid at the bank's rate; the trial balance and
 * the grant statement then show the right figures.
 */

test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
let world: FinanceWorld;

async function signInAs(page: Page, email: string, password = STAFF_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/home$/);
}

function paymentRow(page: Page) {
  return page.locator(`[data-testid="payment-row"][data-payment-id="${world.paymentId}"]`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  world = await financeWorld(stamp);
});

test('a user holding the officer and finance roles cannot approve the payment they requested', async ({ page }) => {
  await signInAs(page, world.requester.email);
  await page.getByTestId('nav-payments').click();
  await expect(page.getByTestId('payments-heading')).toBeVisible();
  const row = paymentRow(page);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('payment-row-blocked')).toHaveText(
    'You requested this payment — someone else must approve it.',
  );
  await expectNoA11yViolations(page, 'payments desk, to approve');

  await row.getByTestId('payment-open').click();
  await expect(page.getByTestId('payment-heading')).toContainText(world.grant.grantNumber);
  await expect(page.getByTestId('payment-blocked')).toHaveText(
    'You requested this payment — someone else must approve it.',
  );
  await expect(page.getByTestId('payment-approve')).toHaveCount(0);
  await expect(page.getByTestId('payment-requested-by')).toContainText(world.requester.displayName);
  await expect(page.getByTestId('payment-approvals')).toHaveText('0 of 2');
  await expectNoA11yViolations(page, 'payment page, blocked for its requester');
  await signOut(page);
});

test('finance user A approves once, cannot approve twice, and finance user B gives the second approval', async ({ page }) => {
  await signInAs(page, world.financeA.email);
  await page.goto(`/finance/payments/${world.paymentId}`);
  await expect(page.getByTestId('payment-state')).toHaveText('Requested');
  await page.getByTestId('payment-approve').click();
  await confirmItIsYou(page, STAFF_PASSWORD);
  await expect(page.getByTestId('payment-second-approval')).toContainText(world.financeA.displayName);
  await expect(page.getByTestId('payment-second-approval')).toContainText('a second finance officer must approve');
  await expect(page.getByTestId('payment-approve')).toHaveCount(0);
  await expect(page.getByTestId('payment-blocked')).toHaveText(
    'You approved this payment already — a second finance officer must approve it.',
  );
  await expect(page.getByTestId('payment-approvals')).toHaveText('1 of 2');
  await expectNoA11yViolations(page, 'payment page after the first approval');
  await signOut(page);

  await signInAs(page, world.financeB.email);
  await page.goto(`/finance/payments/${world.paymentId}`);
  await page.getByTestId('payment-approve').click();
  await confirmItIsYou(page, STAFF_PASSWORD);
  await expect(page.getByTestId('payment-state')).toHaveText('Approved');
  await expect(page.getByTestId('payment-approvals')).toHaveText('2 of 2');
  await expect(page.getByTestId('payment-approved-by')).toContainText(world.financeA.displayName);
  await expect(page.getByTestId('payment-second-approved-by')).toContainText(world.financeB.displayName);

  // Rejecting needs a reason; the dialog is left without rejecting.
  await page.getByTestId('payment-reject').click();
  const dialog = page.getByRole('dialog');
  await page.getByTestId('payment-reason-submit').click();
  await expect(dialog.getByText('Give a reason.')).toBeVisible();
  await expectNoA11yViolations(page, 'reject payment dialog with an error');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('payment-state')).toHaveText('Approved');
  await signOut(page);
});

test('the bank file is built by the worker and downloads as pain.001 with the payment in it', async ({ page }) => {
  await signIn(page, 'finance');
  await page.goto('/finance/payments?tab=toExecute');
  const row = paymentRow(page);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('bank-file-create')).toBeDisabled();
  await row.getByTestId('bank-file-select').click();
  await expect(page.getByTestId('bank-file-selection')).toHaveText('1 payment selected.');
  await expectNoA11yViolations(page, 'payments desk, to execute, one selected');
  await page.getByTestId('bank-file-create').click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('bank-file-dialog-summary')).toHaveText('1 payment selected.');
  await expectNoA11yViolations(page, 'bank file dialog');
  await page.getByTestId('bank-file-submit').click();
  // Creating a bank file moves money: the api asks the finance user to confirm it is them.
  await confirmItIsYou(page);
  await expect(page.getByTestId('bank-file-progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expectNoA11yViolations(page, 'bank file dialog, built');
  const messageId = (await page.getByTestId('bank-file-message-id').textContent())?.trim() ?? '';
  expect(messageId).not.toBe('');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('bank-file-download').click();
  const download = await downloading;
  const path = await download.path();
  const xml = readFileSync(path, 'utf8');
  expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
  expect(xmlValue(xml, 'MsgId')).toBe(messageId);
  expect(xmlValue(xml, 'NbOfTxs')).toBe('1');
  // 400,000.00 SEK (the first tranche), written as an ISO 20022 decimal.
  const amount = (BigInt(world.trancheMinor) / 100n).toString() + '.' + (BigInt(world.trancheMinor) % 100n).toString().padStart(2, '0');
  expect(xmlValue(xml, 'CtrlSum')).toBe(amount);
  expect(xml).toContain(`<IBAN>${world.payeeIban}</IBAN>`);
  expect(xml).toMatch(new RegExp(`<InstdAmt Ccy="SEK">${amount.replace('.', '\\.')}</InstdAmt>`));

  await page.getByTestId('bank-file-close').click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('payments-tab-sent').click();
  await expect(paymentRow(page)).toBeVisible();
});

test('the demo finance user records it paid at the bank’s rate', async ({ page }) => {
  await signIn(page, 'finance');
  await page.goto(`/finance/payments/${world.paymentId}`);
  await expect(page.getByTestId('payment-state')).toHaveText('Sent to bank');
  await page.getByTestId('payment-record-paid').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('paid-bank-reference').fill(`E2E-REF-${stamp}`);
  // The bank debited 150.00 SEK more than requested and charged 25.00 SEK.
  const debited = BigInt(world.trancheMinor) + 15000n;
  const debitedText = `${debited / 100n}.${(debited % 100n).toString().padStart(2, '0')}`;
  await page.getByTestId('paid-debited').fill(debitedText);
  await page.getByTestId('paid-transfer-currency').click();
  await page.getByRole('option', { name: 'USD' }).click();
  await page.getByTestId('paid-rate').fill('0.0952');
  await expect(page.getByTestId('paid-rate-source')).toBeVisible();
  await page.getByTestId('paid-submit').click();
  await expect(dialog.getByText('Say where this rate comes from.')).toBeVisible();
  await page.getByTestId('paid-rate-source').fill('Bank advice');
  // 400,150.00 SEK × 0.0952 = 38,094.28 USD, proposed by the form.
  await expect(page.getByTestId('paid-transfer')).toHaveValue('38094.28');
  await page.getByTestId('paid-fees').fill('25.00');
  await expectNoA11yViolations(page, 'record paid dialog');
  await page.getByTestId('paid-submit').click();
  await confirmItIsYou(page, DEMO_PASSWORD);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('payment-state')).toHaveText('Paid');
  await expect(page.getByTestId('payment-rate')).toContainText('1 SEK = 0.0952 USD');
  await expect(page.getByTestId('payment-rate')).toContainText('Bank advice');
  await expect(page.getByTestId('payment-debited')).toContainText('400,150.00');
  await expect(page.getByTestId('payment-transfer')).toContainText('38,094.28');
  await expectNoA11yViolations(page, 'paid payment');
});

test('finance sees the grantee’s receipt and the difference from what was sent', async ({ page }) => {
  // The grantee's bank took 15.00 USD on the way: 38,079.28 USD arrived.
  const applicant = await apiAs('applicant');
  try {
    await ok(
      applicant.post(`/api/v1/my/payments/${world.paymentId}/receipt`, {
        data: { receivedMinor: '3807928', receivedCurrency: 'USD', note: 'Our bank charged a fee.' },
      }),
      'confirm receipt',
    );
  } finally {
    await applicant.dispose();
  }
  await signIn(page, 'finance');
  await page.goto(`/finance/payments/${world.paymentId}`);
  const receipt = page.getByTestId('payment-receipt');
  await expect(receipt).toContainText('38,079.28');
  await expect(receipt).toContainText('Our bank charged a fee.');
  await expect(page.getByTestId('payment-receipt-difference')).toContainText('15.00');
  await expect(page.getByTestId('payment-receipt-difference')).toContainText('received another amount');
  await expectNoA11yViolations(page, 'paid payment with a receipt difference');
});

test('the trial balance agrees and the grant statement shows the payment', async ({ page }) => {
  await signIn(page, 'finance');
  await page.getByTestId('nav-ledger').click();
  await expect(page.getByTestId('ledger-heading')).toBeVisible();
  await page.getByTestId('ledger-program').click();
  await page.getByRole('option', { name: new RegExp(world.review.program.name) }).click();

  const sek = page.getByTestId('trial-balance-SEK');
  // The page first shows the program it picks by itself (the demo's): wait until the chosen program's books replace
  // it, or the rows below may be read from the first one (a strict-mode violation fails at once, without retrying).
  await expect(sek).toContainText(world.review.program.name);
  await expect(sek.getByTestId('trial-balance-balanced-SEK')).toHaveText(
    'Totals agree: debits equal credits in SEK.',
  );
  const grantRow = (code: string) =>
    sek.locator(`[data-testid="tb-row"][data-code="${code}"][data-scope="grant"]`);
  const programRow = (code: string) =>
    sek.locator(`[data-testid="tb-row"][data-code="${code}"][data-scope="program"]`);
  // 800,000.00 committed; 400,000.00 paid out; nothing left requested.
  await expect(grantRow('advance_with_grantee')).toContainText('400,000.00');
  await expect(grantRow('grant_committed')).toContainText('400,000.00');
  await expect(programRow('fx_difference')).toContainText('150.00');
  await expect(programRow('bank_fees')).toContainText('25.00');
  await expectNoA11yViolations(page, 'trial balance');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('ledger-xlsx-trialBalance').click();
  const workbook = readFileSync(await (await downloading).path());
  // An XLSX file is a zip archive.
  expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');

  await page.getByTestId('ledger-tab-statement').click();
  await page.getByTestId('ledger-grant').click();
  await page.getByRole('option', { name: new RegExp(world.grant.grantNumber) }).click();
  const balances = page.getByTestId('statement-balances');
  await expect(balances.locator('[data-code="advance_with_grantee"]')).toContainText('400,000.00');
  await expect(balances.locator('[data-code="grant_committed"]')).toContainText('400,000.00');
  await expect(balances.locator('[data-code="payment_requested"]')).toContainText('0.00');
  const rows = page.getByTestId('statement-row');
  await expect(rows.filter({ hasText: 'Advance with the grantee' }).first()).toContainText('400,000.00');
  await expect(page.getByTestId('statement-trail-seq').first()).toHaveText(/^#\d+$/);
  await expectNoA11yViolations(page, 'grant statement');

  await page.getByTestId('ledger-tab-forecast').click();
  await expect(page.getByTestId('forecast-table-SEK')).toBeVisible();
  await expectNoA11yViolations(page, 'cash forecast');
});
