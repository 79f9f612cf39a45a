import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { signIn } from './support/session';

/*
 * The officer's reports page: reached from the navigation, both lists (awaiting
 * verification, late) shown with their rows or their empty state, accessible
 * in English and in Arabic at phone width; other roles have no such page.
 */

test('the officer opens the reports page from the navigation', async ({ page }) => {
  await signIn(page, 'officer');
  await page.getByTestId('nav-officerReports').click();
  await expect(page).toHaveURL(/\/officer\/reports$/);
  await expect(page.getByTestId('officer-reports-heading')).toHaveText('Reports');
  await expect(page.getByTestId('reports-submitted')).toBeVisible();
  await expect(page.getByTestId('reports-late')).toBeVisible();
  await expectNoA11yViolations(page, 'officer reports');
  // Each late row opens its grant.
  const late = page.getByTestId('report-grant-link');
  if ((await late.count()) > 0) {
    await late.first().click();
    await expect(page).toHaveURL(/\/officer\/grants\/[0-9a-f-]{36}$/);
  }
});

test('the reports page reads right to left in Arabic at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => window.localStorage.setItem('mizan.lang', 'ar'));
  await signIn(page, 'officer');
  await page.goto('/officer/reports');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('officer-reports-heading')).toHaveText('التقارير');
  await expectNoA11yViolations(page, 'officer reports in Arabic at 390 px');
});

test('a grantee has no reports desk', async ({ page }) => {
  await signIn(page, 'applicant');
  await expect(page.getByTestId('nav-officerReports')).toHaveCount(0);
  await page.goto('/officer/reports');
  await expect(page.getByTestId('not-allowed')).toBeVisible();
});
