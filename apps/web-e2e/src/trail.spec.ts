import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { UserSummary } from '@mizan/contracts';
import { overlappingText, pdfTextItems } from '@mizan/contracts/testing';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_PASSWORD } from './support/demo';
import { pdfText } from './support/grants-data';
import { apiAs } from './support/officer-data';
import { signIn } from './support/session';
import { applyTrailFilters } from './support/trail';

/** Picks a choice of one of the trail's filter selects and applies the filters. */
async function filterBy(page: Page, select: 'trail-filter-action' | 'trail-filter-entity-type', option: string): Promise<void> {
  await page.getByTestId(select).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

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
    // The agency's own chain is listed (per-agency chains, issue 14), intact.
    const chain = page
      .getByTestId('trail-verify-chains')
      .locator('li[data-kind="agency"]');
    await expect(chain).toHaveAttribute('data-intact', 'true');
    await expect(chain).toContainText(/Chain of .+intact/);
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
    // The demo's whole trail, as pdf.js reads the file: many pages, and no two text runs on top of each other.
    const items = pdfTextItems(bytes);
    expect(new Set(items.map((i) => i.page)).size).toBeGreaterThan(2);
    expect(overlappingText(items)).toEqual([]);
    const text = pdfText(bytes);
    expect(text).toContain('Filters applied: none');
    expect(text).toContain('Payment requested');

    await page.reload();
    await expect(page.getByTestId('trail-export-previous')).toBeVisible();
  });
});

test.describe('the trail for people (issue 10)', () => {
  test('actions in words, filters by action and entity, names, and a payment’s change with formatted money', async ({ page }) => {
    await signIn(page, 'auditor');
    await page.goto('/trail');
    await filterBy(page, 'trail-filter-action', 'Payment requested');
    await applyTrailFilters(page, { action: 'payment.requested' });
    const rows = page.getByTestId('trail-row');
    await expect(rows.first()).toBeVisible();
    const actions = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    expect(new Set(actions)).toEqual(new Set(['payment.requested']));
    // The newest request the demo officer made (other specs' requests may be newer, by their own staff users).
    const first = rows.filter({ has: page.getByTestId('trail-row-actor').getByText('Karin Lindqvist', { exact: true }) }).first();
    await expect(first.getByTestId('trail-row-action')).toHaveText('Payment requested');
    // The officer who asked, by name, not by id or email.
    await expect(first.getByTestId('trail-row-actor')).toHaveText('Karin Lindqvist');
    // The auditor does not open the payments desk: said, no dead link.
    await expect(first.getByTestId('trail-row-no-link')).toHaveText('Its page is not open to your role');
    await expect(first.getByTestId('trail-row-entity-link')).toHaveCount(0);

    await first.getByTestId('trail-row-toggle').click();
    const detail = page.getByTestId('trail-row-detail');
    const changes = detail.getByTestId('trail-row-changes');
    await expect(changes).toBeVisible();
    await expect(changes.getByRole('rowheader', { name: 'amount', exact: true })).toBeVisible();
    await expect(changes.locator('mz-money-text').first()).toHaveText(/^SEK\s?\d{1,3}(,\d{3})*\.\d{2}$/);
    await expect(changes).not.toContainText('amountMinor');
    await expectNoA11yViolations(page, 'trail filtered by action, a payment’s change open');

    // The same payment by entity: type and id.
    const paymentId = (await detail.locator('code.entity-id').first().textContent())?.trim() ?? '';
    expect(paymentId).toMatch(/^[0-9a-f-]{36}$/);
    await filterBy(page, 'trail-filter-action', 'Any action');
    await filterBy(page, 'trail-filter-entity-type', 'Payment');
    await page.getByTestId('trail-filter-entity-id').fill(paymentId);
    await applyTrailFilters(page, { entityType: 'payment', entityId: paymentId });
    await expect(page.getByTestId('trail-total')).toHaveText(/Records found: [1-9]/);
    const ids = await page.getByTestId('trail-row').locator('code.entity-id').allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids.map((id) => id.trim()))).toEqual(new Set([paymentId]));
  });

  test('an export with a filter lists only those records and the PDF says which filter', async ({ page }) => {
    await signIn(page, 'auditor');
    await page.goto('/trail');
    await filterBy(page, 'trail-filter-action', 'Marked eligible');
    await page.getByTestId('trail-filter-apply').click();
    await expect(page.getByTestId('trail-row').first()).toBeVisible();
    await expect(page.getByTestId('trail-export-scope')).toContainText('only the records that match the filters on screen: action “Marked eligible”');

    await page.getByTestId('trail-export').click();
    const link = page.getByTestId('trail-export-download');
    await expect(link).toBeVisible({ timeout: 60_000 });
    // What the job was given: the export carries the filters it applied.
    await expect(page.getByTestId('trail-export-filters')).toHaveText('action “Marked eligible”');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/-filtered\.pdf$/);
    const bytes = await readFile(await download.path());
    const text = pdfText(bytes);
    expect(text).toContain('Filters applied:');
    expect(text).toContain('Action: Marked eligible (application.screening.mark_eligible)');
    expect(text).toContain('Marked eligible');
    expect(text).not.toContain('auth.signed_in');
    expect(text).not.toContain('Payment requested');
    expect(overlappingText(pdfTextItems(bytes))).toEqual([]);
    await expectNoA11yViolations(page, 'trail with a filtered export');
  });

  test('a reader who may also open applications follows a record to its application page', async ({ page }) => {
    const admin = await apiAs('admin');
    expect((await admin.post('/api/v1/auth/reauth', { data: { password: DEMO_PASSWORD } })).status()).toBe(200);
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const email = `e2e-trail-${stamp}@demo.mizan.local`;
    const created = await admin.post('/api/v1/users', {
      data: { email, displayName: `E2E Administering officer ${stamp}`, password: DEMO_PASSWORD, roles: ['admin', 'officer'] satisfies UserSummary['roles'] },
    });
    expect(created.status()).toBe(201);
    await admin.dispose();

    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect(page).toHaveURL(/\/home$/);
    await page.goto('/trail');
    await filterBy(page, 'trail-filter-action', 'Marked eligible');
    await applyTrailFilters(page, { action: 'application.screening.mark_eligible' });
    const first = page.getByTestId('trail-row').first();
    const id = (await first.getByTestId('trail-row-entity-link').locator('code').textContent())?.trim() ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The link of that very record, wherever the table puts it if it is drawn again meanwhile.
    await page.getByTestId('trail-row-entity-link').filter({ has: page.locator('code', { hasText: id }) }).first().click();
    await expect(page).toHaveURL(new RegExp(`/officer/screening/applications/${id}$`));
    await expect(page.getByTestId('application-heading')).toBeVisible();
  });

  test('at phone width in Arabic the trail shows the essentials, with the rest one tap away', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('mizan.lang', 'ar'));
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'auditor');
    await page.goto('/trail');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const first = page.getByTestId('trail-row').first();
    await expect(first).toBeVisible();
    // Essentials: what (in Arabic), when and who under it, and the toggle; the hash and the time column fold away.
    await expect(first.getByTestId('trail-row-action')).toHaveText(/[\u0600-\u06FF]/);
    await expect(first.locator('.narrow-meta time')).toBeVisible();
    // Who, by name (or Mizan itself) — never an empty line, an id or a bare email.
    await expect(first.locator('bdi.narrow-meta')).toHaveText(/^[^@]+$/);
    await expect(first.locator('td.mat-column-hash')).toBeHidden();
    await expect(first.locator('td.mat-column-time')).toBeHidden();
    await expect(page.getByTestId('trail-narrow-hint')).toBeVisible();
    const toggle = first.getByTestId('trail-row-toggle');
    await first.scrollIntoViewIfNeeded();
    // In view once the row is: not pushed off the side of the screen.
    await expect(toggle).toBeInViewport();
    await page.screenshot({ path: test.info().outputPath('trail-phone-ar.png') });
    // Nothing pushes the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await toggle.click();
    const detail = page.getByTestId('trail-row-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
    await expectNoA11yViolations(page, 'trail at phone width in Arabic, a record open');
  });

  test('at 1280 px the table fits: no column cut off, the toggle in view', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, 'auditor');
    await page.goto('/trail');
    const first = page.getByTestId('trail-row').first();
    await expect(first).toBeVisible();
    const wrap = page.locator('.table-wrap');
    const fits = await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits, 'the table fits without scrolling sideways').toBe(true);
    await first.scrollIntoViewIfNeeded();
    await expect(first.getByTestId('trail-row-toggle')).toBeInViewport();
    await page.screenshot({ path: test.info().outputPath('trail-1280.png') });
  });
});

test('an admin may verify but not export the trail', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByTestId('nav-trail').click();
  await expect(page.getByTestId('trail-verify')).toBeVisible();
  await expect(page.getByTestId('trail-export')).toHaveCount(0);
});
