import { expect, test } from '@playwright/test';
import type { OrganizationView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import {
  addPartner,
  apiAs,
  registerOrganization,
  uploadDocument,
} from './support/officer-data';
import { signIn } from './support/session';

const stamp = Date.now();
let org: OrganizationView;

test.beforeAll(async () => {
  const applicant = await apiAs('applicant');
  org = await registerOrganization(applicant, `E2E Diaspora Forum ${stamp}`);
  await uploadDocument(applicant, org.id, 'statutes');
  await addPartner(applicant, org.id, `E2E Nineveh Relief ${stamp}`, 'IQ-NI');
  await applicant.dispose();
});

/** A date `days` from today, as the date input takes it. */
function isoDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('the officer reviews an organization and sets its due diligence to conditional', async ({
  page,
}) => {
  // Several pages, each checked with axe: allow for a loaded machine.
  test.slow();
  await signIn(page, 'officer');
  await page.getByTestId('nav-organizations').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Organizations',
  );
  await page.getByTestId('orgs-filter-pending').click();
  await expect(page).toHaveURL(/dd=pending/);
  const row = page.locator(`[data-testid="org-row"][data-org-id="${org.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('org-dd')).toHaveText('Pending');
  await expectNoA11yViolations(page, 'organizations page filtered by pending');

  await row.getByTestId('org-link').click();
  await expect(page.getByTestId('org-heading')).toHaveText(org.legalName);
  await expect(page.getByTestId('org-dd-status')).toHaveText('Pending');
  await expect(page.getByTestId('org-checks').locator('[data-check="iban_checksum"]')).toBeVisible();
  await expect(page.getByTestId('org-documents')).toContainText('Statutes');
  await expect(page.getByTestId('org-partners')).toContainText('Nineveh');
  const download = page.waitForEvent('download');
  await page.getByTestId('org-document-download').first().click();
  expect((await download).suggestedFilename()).toMatch(/^statutes-.*\.pdf$/);
  await expectNoA11yViolations(page, 'organization page');

  await page.getByTestId('org-set-dd').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('dd-status-conditional').click();
  await page.getByTestId('dd-expires').fill(isoDay(-3));
  await page.getByTestId('dd-reason').fill('Statutes and board list checked');
  await page.getByTestId('dd-submit').click();
  await expect(dialog.getByText('Say which conditions apply.')).toBeVisible();
  await expect(dialog.getByText('The expiry date must be in the future.')).toBeVisible();
  await expectNoA11yViolations(page, 'due-diligence dialog with errors');

  const expiry = isoDay(180);
  await page
    .getByTestId('dd-conditions')
    .fill('Audited accounts for 2026 within three months');
  await page.getByTestId('dd-expires').fill(expiry);
  await page.getByTestId('dd-submit').click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('org-dd-status')).toHaveText('Conditional');
  await expect(page.getByTestId('org-dd-conditions')).toHaveText(
    'Audited accounts for 2026 within three months',
  );
  await expect(page.getByTestId('org-dd-expiry')).toContainText('Expires');
  await expectNoA11yViolations(page, 'organization page after the review');

  await page.getByRole('link', { name: 'Organizations' }).first().click();
  await page.getByTestId('orgs-filter-conditional').click();
  await expect(
    page.locator(`[data-testid="org-row"][data-org-id="${org.id}"]`).getByTestId('org-dd'),
  ).toHaveText('Conditional');
});
