import { expect, type Page } from '@playwright/test';

/**
 * Presses "Apply" on the trail's filters and waits until the table shows the answer to those filters: the list
 * request carrying each of `params`, then the total and the rows of that answer on screen. Reading the table any
 * earlier may read the list from before the filters, which is still drawn while the filtered one loads.
 */
export async function applyTrailFilters(page: Page, params: Record<string, string>): Promise<void> {
  const answer = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return r.request().method() === 'GET' && url.pathname === '/api/v1/trail' && Object.entries(params).every(([k, v]) => url.searchParams.get(k) === v);
  });
  await page.getByTestId('trail-filter-apply').click();
  const response = await answer;
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { total: number; items: unknown[] };
  await expect(page.getByTestId('trail-total')).toHaveText(new RegExp(`: ${body.total}\\s*$`));
  await expect(page.getByTestId('trail-row')).toHaveCount(body.items.length);
}
