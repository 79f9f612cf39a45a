import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { confirmedApproval, pdfText, type GrantWorld } from './support/grants-data';
import { confirmItIsYou } from './support/reauth';
import { signIn } from './support/session';
import { DEMO_PASSWORD } from './support/demo';

/*
 * The life of a grant in the browser (issue 9, "Seen working"): the officer
 * turns a confirmed approval into a draft grant, rates the partner's risk,
 * adds a custom release condition to tranche 1, generates the agreement PDF
 * (progress, download, its text holds the grant number) and sends it for
 * signature; the grantee signs in Arabic on a 390 px phone; the officer
 * countersigns (re-authentication); tranche 1 is first blocked — the checklist
 * says why — and once the officer ticks the condition its release is requested.
 * The approval is made through the api in beforeAll. The tests run in order.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const TITLE = `E2E Grant for trauma care ${stamp}`;
const CUSTOM = 'Inception visit to Basra held';
/** The capacity questions (the domain's CAPACITY_QUESTIONS ids, which the grants api checks). */
const QUESTIONS = [
  'financial_management',
  'internal_control',
  'procurement',
  'reporting',
  'staff',
  'previous_grants',
  'audited_accounts',
  'partner_monitoring',
];

let world: GrantWorld;
let grantUrl = '';
let grantNumber = '';

async function openGrant(page: Page): Promise<void> {
  await page.goto(grantUrl);
  await expect(page.getByTestId('grant-heading')).toContainText(TITLE);
}

test.beforeAll(async () => {
  world = await confirmedApproval(stamp, TITLE);
});

test('the officer creates a grant from the approval, rates risk, sets a tranche condition, builds the PDF and sends it for signature', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'officer');
  await page.getByTestId('nav-grants').click();
  await expect(page.getByTestId('grants-heading')).toBeVisible();
  const ready = page.locator(`[data-testid="grantable-row"][data-decision-id="${world.decisionId}"]`);
  await expect(ready).toContainText(TITLE);
  await expect(ready).toContainText('800,000.00');
  await expectNoA11yViolations(page, 'grants list with an approval ready to become a grant');

  await ready.getByTestId('grantable-create').click();
  await expect(page).toHaveURL(/\/officer\/grants\/[0-9a-f-]{36}$/);
  grantUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('grant-heading')).toContainText(TITLE);
  grantNumber = (await page.getByTestId('grant-heading').locator('bdi').first().innerText()).trim();
  expect(grantNumber).not.toBe('');
  await expect(page.getByTestId('grant-state')).toHaveAttribute('data-state', 'draft');
  // The budget lines and tranches proposed from the application add up to the approved amount.
  await expect(page.getByTestId('editor-line-sum')).toHaveAttribute('data-standing', 'equal');
  await expect(page.getByTestId('editor-tranche-sum')).toHaveAttribute('data-standing', 'equal');
  await expectNoA11yViolations(page, 'draft grant with the agreement editor');

  // Risk: a strong capacity on every question gives a low rating.
  await page.getByTestId('grant-risk').click();
  const risk = page.getByRole('dialog');
  await expect(risk).toBeVisible();
  for (const q of QUESTIONS) await page.getByTestId(`risk-q-${q}-3`).locator('input').check();
  await page.getByTestId('risk-reason').fill('Audited accounts 2023–2025, two earlier grants reported on time.');
  await expectNoA11yViolations(page, 'risk assessment dialog');
  await page.getByTestId('risk-submit').click();
  await expect(risk).toBeHidden();
  await expect(page.getByTestId('grant-rating')).toContainText('Low risk');

  // Tranche 1 gets a custom release condition; a wrong amount is caught live first.
  const firstTranche = page.getByTestId('editor-tranche').first();
  const amount = firstTranche.getByTestId('editor-tranche-amount');
  const kept = await amount.inputValue();
  await amount.fill('1');
  await expect(page.getByTestId('editor-tranche-sum')).toHaveAttribute('data-standing', 'under');
  await amount.fill(kept);
  await expect(page.getByTestId('editor-tranche-sum')).toHaveAttribute('data-standing', 'equal');
  await firstTranche.getByTestId('editor-add-condition-custom').click();
  await firstTranche.getByTestId('editor-condition-label').last().fill(CUSTOM);
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('grant-live')).toContainText('Draft saved.');

  // The agreement PDF: progress while the worker builds it, then download and SHA-256.
  await page.getByTestId('pdf-generate').click();
  await expect(page.getByTestId('pdf-progress')).toBeVisible();
  await expect(page.getByTestId('pdf-progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('pdf-sha')).toHaveText(/^[0-9a-f]{64}$/);
  await expectNoA11yViolations(page, 'draft grant with its agreement PDF');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('pdf-download').first().click();
  const download = await downloading;
  const path = await download.path();
  const text = pdfText(readFileSync(path));
  expect(text).toContain(grantNumber);
  expect(text).toContain(CUSTOM);

  // Send for signature, naming the demo applicant.
  await page.getByTestId('grant-send').click();
  const send = page.getByRole('dialog');
  await expect(send).toBeVisible();
  await page.getByTestId('send-signatory').click();
  await page.getByRole('option', { name: new RegExp(world.signatoryName) }).click();
  await expectNoA11yViolations(page, 'send for signature dialog');
  await page.getByTestId('send-submit').click();
  await expect(send).toBeHidden();
  await expect(page.getByTestId('grant-state')).toHaveAttribute('data-state', 'awaiting_signature');
  await expect(page.getByTestId('grant-signatory')).toContainText(world.signatoryName);
  await expectNoA11yViolations(page, 'grant awaiting signature');
});

test('the grantee signs the agreement in Arabic on a 390 px phone', async ({ page }) => {
  test.slow();
  await page.addInitScript(() => localStorage.setItem('mizan.lang', 'ar'));
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'applicant');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('/my-grants');
  const card = page.getByTestId('my-grant').filter({ hasText: TITLE });
  await expect(card).toBeVisible();
  await expectNoA11yViolations(page, 'my grants in Arabic on a phone');
  await card.getByTestId('my-grant-link').click();
  await expect(page.getByTestId('my-grant-heading')).toContainText(TITLE);
  await expect(page.getByTestId('sign-panel')).toContainText('مطلوب توقيعك');
  await expect(page.getByTestId('my-tranche-conditions-1')).toContainText(CUSTOM);
  await expectNoA11yViolations(page, 'grant to sign in Arabic on a phone');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'nothing wider than the phone').toBeLessThanOrEqual(390);

  await page.getByTestId('sign-open').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // A name that is not the signatory's is refused, on the field.
  await page.getByTestId('sign-name').fill('Someone Else');
  await page.getByTestId('sign-password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-submit').click();
  await expect(dialog.locator('mat-error')).toBeVisible();
  await page.getByTestId('sign-name').fill(world.signatoryName);
  await page.getByTestId('sign-password').fill(DEMO_PASSWORD);
  await expectNoA11yViolations(page, 'sign dialog in Arabic on a phone');
  await page.getByTestId('sign-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('my-grant-state')).toHaveAttribute('data-state', 'awaiting_countersignature');
  await expect(page.getByTestId('awaiting-countersignature')).toBeVisible();
  await expect(page.getByTestId('my-grant-signed')).toContainText(world.signatoryName);
  await expectNoA11yViolations(page, 'signed grant in Arabic on a phone');
});

test('the officer countersigns after confirming it is them', async ({ page }) => {
  await signIn(page, 'officer');
  await openGrant(page);
  await expect(page.getByTestId('grant-state')).toHaveAttribute('data-state', 'awaiting_countersignature');
  await expect(page.getByTestId('grant-signed')).toContainText(world.signatoryName);
  await page.getByTestId('grant-countersign').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoA11yViolations(page, 'countersign confirmation');
  await page.getByTestId('confirm-dialog-ok').click();
  await confirmItIsYou(page);
  await expect(page.getByTestId('grant-state')).toHaveAttribute('data-state', 'active');
  await expect(page.getByTestId('grant-countersigned')).not.toHaveText('—');
});

test('tranche 1 is blocked by its unticked condition, then the officer ticks it and requests the release', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await openGrant(page);
  const tranche = page.locator('[data-testid="tranche"][data-seq="1"]');
  const release = tranche.getByTestId('tranche-release');
  await expect(release).toBeDisabled();
  await expect(tranche.getByTestId('tranche-blocked')).toContainText('Blocked: 1 condition does not hold.');
  const custom = tranche.locator('[data-testid="condition"][data-kind="custom"]');
  await expect(custom).toHaveAttribute('data-ok', 'false');
  await expect(custom.getByTestId('condition-reason')).toHaveText('Not ticked yet by the officer.');
  await expect(tranche.locator('[data-testid="condition"][data-kind="agreement_countersigned"]')).toHaveAttribute('data-ok', 'true');
  await expectNoA11yViolations(page, 'active grant, tranche 1 blocked');

  await custom.getByTestId('condition-tick').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByTestId('tick-note').fill('Visit held on site; minutes filed.');
  await expectNoA11yViolations(page, 'tick condition dialog');
  await page.getByTestId('tick-submit').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(custom).toHaveAttribute('data-ok', 'true');
  await expect(release).toBeEnabled();

  await release.click();
  await expect(page.getByTestId('grant-live')).toContainText('Release of tranche 1 requested');
  await expect(tranche).toHaveAttribute('data-state', 'requested');
  await expect(page.getByTestId('grant-payment').first()).toHaveAttribute('data-state', 'requested');
  await expectNoA11yViolations(page, 'tranche 1 requested');
});
