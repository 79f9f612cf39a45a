import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoEmail, type DemoUser } from './demo';

export async function signIn(
  page: Page,
  role: DemoUser,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto('/sign-in');
  // index.html's own form is taken over by the app once its scripts have run (sign-in-shell.ts); typing into it while
  // that happens is the shell's own spec (sign-in.spec.ts). Here the app's form is the one filled.
  await expect(page.locator('#mz-sign-in-shell')).toHaveCount(0);
  // The language this browser shows now is kept at sign-in (as if picked on the sign-in page) and saved
  // as the user's: a spec never inherits a language another spec left on the shared demo user.
  await page.evaluate(() => localStorage.setItem('mizan.lang.pending', '1'));
  await page.getByTestId('sign-in-email').fill(demoEmail(role));
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByTestId('home-heading')).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in/);
}
