import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { signIn } from './support/session';

test.describe('activity trail (auditor)', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'auditor');
    await page.getByTestId('nav-trail').click();
    await expect(page).toHaveURL(/\/trail$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Activity trail',
    );
    await expect(page.getByTestId('trail-total')).toHaveText(
      /Records found: \d+/,
    );
  });

  test('lists records newest first, with details and a working filter', async ({
    page,
  }) => {
    await expectNoA11yViolations(page, 'trail page');

    // The seeded demo wrote many records (and this sign-in one more): the page
    // must list them; an empty page is a failure, not a reason to skip.
    const rows = page.getByTestId('trail-row');
    await expect(rows.nth(1)).toBeVisible();
    const seqs = await rows.evaluateAll((els) =>
      els.map((el) => Number(el.getAttribute('data-seq'))),
    );
    expect(seqs.length).toBeGreaterThan(1);
    expect(seqs.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    expect(seqs, 'newest first').toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size, 'no record listed twice').toBe(seqs.length);

    await rows.first().getByTestId('trail-row-toggle').click();
    const detail = page.getByTestId('trail-row-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
    await expectNoA11yViolations(page, 'trail page with an expanded record');

    await page
      .getByTestId('trail-filter-actor')
      .fill('nobody-matches-this-actor-xyz');
    await page.getByTestId('trail-filter-apply').click();
    await expect(page.getByTestId('trail-empty')).toBeVisible();
    await expect(page.getByTestId('trail-row')).toHaveCount(0);
    await expectNoA11yViolations(page, 'trail page with no matching records');

    await page.getByTestId('trail-filter-reset').click();
    await expect(page.getByTestId('trail-empty')).toBeHidden();
  });

  test('verifies the hash chain and reports it intact', async ({ page }) => {
    await page.getByTestId('trail-verify').click();
    const result = page.getByTestId('trail-verify-result');
    await expect(result).toContainText(/intact/i);
    await expect(result).toHaveAttribute('data-intact', 'true');
    await expect(result).toContainText(/head hash [0-9a-f]{64}/);
    await expectNoA11yViolations(page, 'trail page after verification');
  });

  test('exports the trail as a PDF with progress, then a download', async ({
    page,
  }) => {
    await page.getByTestId('trail-export').click();

    const progress = page.getByTestId('trail-export-progress');
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('role', 'progressbar');
    await expect(progress).toHaveAttribute(
      'aria-label',
      'Trail export progress',
    );

    const link = page.getByTestId('trail-export-download');
    await expect(link).toBeVisible({ timeout: 60_000 });
    await expect(link).toHaveAttribute(
      'href',
      /^\/api\/v1\/trail\/exports\/[^/]+\/file$/,
    );
    await expect(page.getByTestId('trail-export-sha256')).toHaveText(
      /^[0-9a-f]{64}$/,
    );
    await expect(page.getByTestId('trail-export-size')).not.toBeEmpty();
    await expectNoA11yViolations(page, 'trail page with a finished export');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      link.click(),
    ]);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

    await page.reload();
    await expect(page.getByTestId('trail-export-previous')).toBeVisible();
  });
});

test('an admin may verify but not export the trail', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByTestId('nav-trail').click();
  await expect(page.getByTestId('trail-verify')).toBeVisible();
  await expect(page.getByTestId('trail-export')).toHaveCount(0);
});
