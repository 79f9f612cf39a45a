import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { confirmItIsYou } from './support/reauth';
import { signIn } from './support/session';
import { applyTrailFilters } from './support/trail';

test('the admin creates a user, changes their roles, and the change is on the trail', async ({
  page,
}) => {
  const stamp = Date.now();
  const email = `e2e-${stamp}@demo.mizan.local`;
  const reason = `E2E role change ${stamp}`;

  await signIn(page, 'admin');
  await page.getByTestId('nav-users').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await expectNoA11yViolations(page, 'users page');

  // Create a fresh user, so the demo users keep their roles for the other tests.
  await page.getByTestId('user-create').click();
  const createDialog = page.getByRole('dialog');
  await expect(createDialog).toBeVisible();
  await page.getByTestId('create-user-email').fill(email);
  await page.getByTestId('create-user-name').fill(`E2E User ${stamp}`);
  await page.getByTestId('create-user-password').fill('short');
  await page.getByTestId('create-user-roles').click();
  await page.getByTestId('role-option-applicant').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('create-user-submit').click();
  await expect(
    createDialog.getByText('Use at least 12 characters.'),
  ).toBeVisible();
  await expectNoA11yViolations(page, 'create-user dialog with an error');
  await page
    .getByTestId('create-user-password')
    .fill('a-long-enough-password-2026');
  await page.getByTestId('create-user-submit').click();
  // Creating a user is sensitive: the api asks for the password again first.
  await confirmItIsYou(page);
  await expect(createDialog).toBeHidden();

  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('user-roles-cell')).toHaveText(/Applicant/);
  const userId = await row.getAttribute('data-user-id');
  expect(userId).toBeTruthy();

  // Give the new user the reviewer role as well.
  await row.getByTestId('user-edit-roles').click();
  const rolesDialog = page.getByRole('dialog');
  await expect(rolesDialog).toBeVisible();
  await page.getByTestId('roles-select').click();
  await page.getByTestId('role-option-reviewer').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('roles-submit').click();
  await expect(rolesDialog.getByText('Give a reason.')).toBeVisible();
  await page.getByTestId('roles-reason').fill(reason);
  await expectNoA11yViolations(page, 'edit-roles dialog');
  await page.getByTestId('roles-submit').click();
  // A role change is sensitive too; the password given for the creation still holds (five minutes).
  await expect(rolesDialog).toBeHidden();
  await expect(row.getByTestId('user-roles-cell')).toHaveText(
    /Applicant.*Reviewer|Reviewer.*Applicant/s,
  );

  // The change is on the trail, with the reason given.
  await page.getByTestId('nav-trail').click();
  await expect(page).toHaveURL(/\/trail$/);
  await page.getByTestId('trail-filter-entity-id').fill(userId ?? '');
  await applyTrailFilters(page, { entityId: userId ?? '' });
  const rows = page.getByTestId('trail-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('trail-total')).not.toHaveText(
    'Records found: 0',
  );
  const toggles = page.getByTestId('trail-row-toggle');
  for (let i = 0; i < (await toggles.count()); i++)
    await toggles.nth(i).click();
  await expect(
    page.getByTestId('trail-row-reason').filter({ hasText: reason }),
  ).toHaveCount(1);
  await expect(
    // The change as a difference: the roles after it, in words.
    page.getByTestId('trail-change-after').filter({ hasText: 'reviewer' }).first(),
  ).toBeVisible();
  await expectNoA11yViolations(page, 'trail filtered by the changed user');
});
