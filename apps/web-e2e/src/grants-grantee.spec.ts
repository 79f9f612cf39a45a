import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { confirmedApproval, paidGrant, type GrantWorld, type PaidGrant } from './support/grants-data';
import { signIn } from './support/session';

/*
 * The grantee's side of a running grant (issue 9): tranche 1 was paid
 * (80,000.00 SEK, made through the api by the officer, finance and a second
 * finance user), and the officer amended the grant. The grantee reads what
 * the amendment changed and confirms the receipt with a small difference.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const TITLE = `E2E Grant paid ${stamp}`;
let world: GrantWorld;
let paid: PaidGrant;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  world = await confirmedApproval(stamp, TITLE);
  paid = await paidGrant(world);
});

test('the grantee sees the amendment and confirms receipt of tranche 1 with the amount that arrived', async ({ page }) => {
  test.slow();
  await signIn(page, 'applicant');
  await page.getByTestId('nav-myGrants').click();
  const card = page.locator(`[data-testid="my-grant"][data-grant-id="${paid.grant.id}"]`);
  await expect(card).toContainText(TITLE);
  await expect(card).toContainText('SEK 80,000.00');
  await card.getByTestId('my-grant-link').click();
  await expect(page.getByTestId('my-grant-heading')).toContainText(TITLE);
  await expect(page.getByTestId('my-grant-state')).toHaveAttribute('data-state', 'active');

  // What the amendment changed: tranche 2, with the officer's reason.
  const changes = page.getByTestId('my-changes');
  await expect(changes.getByTestId('version-change').first()).toContainText('Tranche 2');
  await expect(changes).toContainText('brought forward a month');

  // Tranche 1's conditions all hold; the payment is paid and waits for the receipt.
  await expect(page.locator('[data-testid="my-tranche"][data-seq="1"] [data-testid="condition"][data-ok="false"]')).toHaveCount(0);
  const payment = page.locator('[data-testid="my-payment"][data-state="paid"]');
  await expect(payment).toBeVisible();
  await expectNoA11yViolations(page, 'grantee grant page with a paid tranche and an amendment');

  await payment.getByTestId('receipt-open').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // Too many decimals is refused on the field, before anything is sent.
  await page.getByTestId('receipt-amount').fill('79950.123');
  await page.getByTestId('receipt-submit').click();
  await expect(dialog.locator('mat-error')).toContainText('at most 2 decimals');
  await page.getByTestId('receipt-amount').fill('79 950,00');
  await page.getByTestId('receipt-note').fill('The intermediary bank deducted 50 kronor.');
  await expectNoA11yViolations(page, 'confirm receipt dialog');
  await page.getByTestId('receipt-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('my-grant-live')).toContainText('Receipt confirmed.');
  await expect(page.getByTestId('my-payment-received')).toContainText('SEK 79,950.00');
  await expect(page.getByTestId('receipt-open')).toHaveCount(0);
  await expectNoA11yViolations(page, 'grantee grant page after the receipt');
});

test('the officer sees the payment and what the grantee received', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto(`/officer/grants/${paid.grant.id}`);
  const row = page.getByTestId('grant-payment').first();
  await expect(row).toHaveAttribute('data-state', 'paid');
  await expect(row).toContainText('SEK 79,950.00');
  await expect(page.getByTestId('grant-paid')).toContainText('SEK 80,000.00');
  await expect(page.locator('[data-testid="version"]').first()).toContainText('Amendment');
  await expectNoA11yViolations(page, 'officer grant page with a paid tranche');
});
