import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_PASSWORD } from './support/demo';
import { confirmItIsYou } from './support/reauth';
import { signIn } from './support/session';

/*
 * Exchange rates and finance settings in the browser: an ECB CSV imported
 * (and a malformed one refused with its row and column), a rate added by hand
 * and found again with the filters, the settings page saved with a reason
 * after re-authentication; the desk in Arabic at phone width.
 */

test.describe.configure({ mode: 'serial' });

const stamp = Date.now();

/** A Sunday between 2000 and 2019 picked from the stamp: the ECB publishes no rate on Sundays, so it is new. */
function sunday(offset: number): string {
  const first = Date.UTC(2000, 0, 2); // a Sunday
  const weeks = (Math.floor(stamp / 1000) + offset) % 1040;
  return new Date(first + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

test('finance imports an ECB CSV; a malformed file is refused with its row and column', async ({ page }) => {
  await signIn(page, 'finance');
  await page.getByTestId('nav-exchangeRates').click();
  await expect(page.getByTestId('rates-heading')).toBeVisible();
  await expectNoA11yViolations(page, 'exchange rates');

  const day = sunday(0);
  await page.getByTestId('rates-import-file').setInputFiles({
    name: 'eurofxref-hist.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Date,USD,SEK,IQD,\n${day},1.0950,11.2030,N/A,\n`),
  });
  await expect(page.getByTestId('rates-import-chosen')).toHaveText('eurofxref-hist.csv');
  await page.getByTestId('rates-import-submit').click();
  await expect(page.getByTestId('rates-import-result')).toContainText('2 rates imported');
  await expectNoA11yViolations(page, 'exchange rates after an import');

  await page.getByTestId('rates-import-file').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Date,USD\n${sunday(1)},not-a-rate\n`),
  });
  await page.getByTestId('rates-import-submit').click();
  await expect(page.getByTestId('rates-import-error')).toBeVisible();
  await expect(page.getByTestId('rates-import-row-errors')).toContainText(/2/);
  await expect(page.getByTestId('rates-import-row-errors')).toContainText(/USD/);
  await expectNoA11yViolations(page, 'exchange rates with an import error');

  await page.getByTestId('rates-filter-from').fill(day);
  await page.getByTestId('rates-filter-to').fill(day);
  await page.getByTestId('rates-filter-base').click();
  await page.getByRole('option', { name: 'EUR' }).click();
  await page.getByTestId('rates-filter-quote').click();
  await page.getByRole('option', { name: 'SEK' }).click();
  await page.getByTestId('rates-filter-apply').click();
  await expect(page.getByTestId('rate-row')).toHaveCount(1);
  await expect(page.getByTestId('rate-cell')).toHaveText(/^11\.203/);
});

test('finance adds a rate by hand and finds it with the filters', async ({ page }) => {
  await signIn(page, 'finance');
  await page.goto('/finance/exchange-rates');
  await page.getByTestId('rates-add').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const day = sunday(2);
  await page.getByTestId('rate-date').fill(day);
  await page.getByTestId('rate-base').click();
  await page.getByRole('option', { name: 'USD' }).click();
  await page.getByTestId('rate-quote').click();
  await page.getByRole('option', { name: 'IQD' }).click();
  await page.getByTestId('rate-value').fill('0');
  await page.getByTestId('rate-source').fill(`E2E desk ${stamp}`);
  await page.getByTestId('rate-submit').click();
  await expect(dialog.getByText('A rate is a number above zero')).toBeVisible();
  await expectNoA11yViolations(page, 'add rate dialog with an error');
  await page.getByTestId('rate-value').fill('1310.5');
  await page.getByTestId('rate-submit').click();
  await expect(dialog).toBeHidden();

  await page.getByTestId('rates-filter-from').fill(day);
  await page.getByTestId('rates-filter-to').fill(day);
  await page.getByTestId('rates-filter-base').click();
  await page.getByRole('option', { name: 'USD' }).click();
  await page.getByTestId('rates-filter-quote').click();
  await page.getByRole('option', { name: 'IQD' }).click();
  await page.getByTestId('rates-filter-apply').click();
  await expect(page.getByTestId('rate-row')).toHaveCount(1);
  await expect(page.getByTestId('rate-row')).toContainText(`E2E desk ${stamp}`);
  await expect(page.getByTestId('rate-cell')).toHaveText('1310.5');
});

test('finance saves the settings with a reason, after giving the password again', async ({ page }) => {
  await signIn(page, 'finance');
  await page.getByTestId('nav-financeSettings').click();
  await expect(page.getByTestId('finance-settings-heading')).toBeVisible();
  await expect(page.getByTestId('finance-settings-threshold')).not.toHaveValue('');
  await expectNoA11yViolations(page, 'finance settings');
  await page.getByTestId('finance-settings-save').click();
  await expect(page.getByText('Give a reason.')).toBeVisible();
  await page.getByTestId('finance-settings-bic').fill('not a bic');
  await page.getByTestId('finance-settings-reason').fill('E2E: settings reviewed, nothing changed');
  await page.getByTestId('finance-settings-save').click();
  await expect(page.getByText('A BIC has 8 or 11 letters and digits')).toBeVisible();
  await expectNoA11yViolations(page, 'finance settings with errors');
  // Back to what it was (the page loaded it), so nothing changes for the other specs.
  await page.reload();
  await page.getByTestId('finance-settings-reason').fill('E2E: settings reviewed, nothing changed');
  await page.getByTestId('finance-settings-save').click();
  await confirmItIsYou(page, DEMO_PASSWORD);
  await expect(page.getByText('Finance settings saved.')).toBeVisible();
});

test('the payments desk reads right to left in Arabic at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => window.localStorage.setItem('mizan.lang', 'ar'));
  await signIn(page, 'finance');
  await page.goto('/finance/payments');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('payments-heading')).toHaveText('مكتب المدفوعات');
  await expectNoA11yViolations(page, 'payments desk in Arabic at 390 px');
  await page.goto('/finance/ledger');
  await expect(page.getByTestId('ledger-heading')).toHaveText('دفتر الأستاذ');
  await expectNoA11yViolations(page, 'ledger in Arabic at 390 px');
});

test('the auditor has neither the agency’s ledger nor the payments desk (grants’ ledgers only within an engagement’s scope)', async ({ page }) => {
  await signIn(page, 'auditor');
  await expect(page.getByTestId('nav-grants')).toBeVisible();
  await expect(page.getByTestId('nav-ledger')).toHaveCount(0);
  await expect(page.getByTestId('nav-payments')).toHaveCount(0);
  await page.goto('/finance/ledger');
  await expect(page.getByTestId('not-allowed')).toBeVisible();
  await page.goto('/finance/payments');
  await expect(page.getByTestId('not-allowed')).toBeVisible();
});
