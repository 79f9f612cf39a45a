import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demoEmail, type DemoUser } from './demo';

/**
 * Opens the sign-in page and waits until the app has taken over index.html's own form (sign-in-shell.ts): until then
 * both are in the page, two headings and two forms. Typing into the shell while that happens is the shell's own spec
 * (sign-in.spec.ts); everywhere else the app's form is the one read and filled.
 */
export async function openSignIn(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.locator('#mz-sign-in-shell')).toHaveCount(0);
}

export async function signIn(
  page: Page,
  role: DemoUser,
  password = DEMO_PASSWORD,
): Promise<void> {
  await openSignIn(page);
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
