import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './demo';

/**
 * Answers the "Confirm it is you" dialog the web opens when the api wants a
 * recent re-authentication (role changes, confirming a funding decision …).
 */
export async function confirmItIsYou(
  page: Page,
  password = DEMO_PASSWORD,
  code?: string,
): Promise<void> {
  await expect(page.getByTestId('reauth-password')).toBeVisible();
  await page.getByTestId('reauth-password').fill(password);
  if (code !== undefined) await page.getByTestId('reauth-code').fill(code);
  await page.getByTestId('reauth-submit').click();
  await expect(page.getByTestId('reauth-password')).toBeHidden();
}
