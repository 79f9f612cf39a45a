import { expect, test, type Page } from '@playwright/test';
import type { GrantView, RedFlagPage, RedFlagView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { confirmedApproval, paidGrant, type PaidGrant } from './support/grants-data';
import { apiAs } from './support/officer-data';
import { submittedReportWithLines } from './support/reporting-data';
import { signIn } from './support/session';

/*
 * Red flags (issue 11): a report with a planted problem — a line dated the day
 * before the grant period began, when no tranche had arrived yet — is submitted
 * through the api; the engine runs (its progress on the page, then done); the
 * officer reads the counts per rule and each flag in words with its numbers,
 * clears one with a reason by keyboard, escalates the other; the next tranche
 * is held while a high flag is open or escalated and free once it is cleared.
 * The thresholds page lists the defaults.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const TITLE = `E2E Red flags ${stamp}`;
const SUPPLIER = `Al-Rafidain Print House ${stamp}`;
let paid: PaidGrant;

const isoDay = (offset: number): string => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const world = await confirmedApproval(stamp, TITLE);
  paid = await paidGrant(world);
  const budgetLineId = paid.grant.content.budgetLines[0].id;
  await submittedReportWithLines(paid.grant.id, [
    // The day before the period began (and before tranche 1 arrived): outside the period, spent before the funds.
    { spentOn: isoDay(-1), budgetLineId, supplier: SUPPLIER, description: 'Printed training manuals', amountMinor: '125000', currency: 'SEK', paymentMethod: 'bank' },
    { spentOn: isoDay(0), budgetLineId, supplier: 'Basra Pharmacy', description: 'First-aid kits', amountMinor: '30000', currency: 'SEK', paymentMethod: 'bank' },
  ]);
});

async function grantFlags(): Promise<RedFlagView[]> {
  const officer = await apiAs('officer');
  try {
    return ((await (await officer.get(`/api/v1/grants/${paid.grant.id}/red-flags?pageSize=100`)).json()) as RedFlagPage).items;
  } finally {
    await officer.dispose();
  }
}

/** The "no open high finding or flag" condition of tranche 2, as the grant page shows it. */
async function highFlagCondition(): Promise<{ ok: boolean; reasonCode: string }> {
  const officer = await apiAs('officer');
  try {
    const grant = (await (await officer.get(`/api/v1/grants/${paid.grant.id}`)).json()) as GrantView;
    const tranche = grant.tranches.find((t) => t.seq === 2);
    const condition = tranche?.conditions.find((c) => c.kind === 'no_open_high_finding');
    expect(condition, 'tranche 2 has the findings-and-flags condition').toBeTruthy();
    return { ok: condition?.ok ?? false, reasonCode: condition?.reasonCode ?? '' };
  } finally {
    await officer.dispose();
  }
}

function flagRow(page: Page, code: string) {
  return page.locator(`[data-testid="flag-row"][data-code="${code}"]`);
}

test('the run shows its progress then done; the grant’s flags are counted per rule and explained with their numbers', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto(`/officer/red-flags/grants/${paid.grant.id}`);
  await expect(page.getByTestId('flags-heading')).toBeVisible();
  const run = page.getByTestId('flags-run-progress');
  await expect(run).toBeVisible();
  await expect(run).toHaveAttribute('data-state', /queued|running|done/);
  // The page polls while the engine runs: it ends on done without a reload.
  await expect(run).toHaveAttribute('data-state', 'done', { timeout: 90_000 });

  await expect(flagRow(page, 'OUTSIDE_GRANT_PERIOD')).toBeVisible();
  const counts = page.getByTestId('flags-counts');
  await expect(counts.locator('[data-code="OUTSIDE_GRANT_PERIOD"]')).toContainText('Outside the grant period');
  await expect(counts.locator('[data-code="OUTSIDE_GRANT_PERIOD"]')).toContainText('1 (1 high, 0 medium, 0 low)');
  await expect(counts.locator('[data-code="BEFORE_FUNDS"]')).toContainText('1 (1 high, 0 medium, 0 low)');

  const outside = flagRow(page, 'OUTSIDE_GRANT_PERIOD');
  await expect(outside.getByTestId('flag-why')).toContainText('outside the grant period');
  await expect(outside).toContainText(SUPPLIER);
  const before = flagRow(page, 'BEFORE_FUNDS');
  await expect(before.getByTestId('flag-why')).toContainText('1,250.00');
  await expect(before.getByTestId('flag-why')).toContainText('had been spent but only');
  await expectNoA11yViolations(page, 'red flags of one grant');

  // The next tranche is held while the high flags are open.
  const held = await highFlagCondition();
  expect(held.ok).toBe(false);
  expect(held.reasonCode).toBe('CONDITION_OPEN_HIGH_FLAGS');

  // The agency-wide page counts the rules too and links to the grant's flags.
  await page.goto('/officer/red-flags');
  await expect(page.getByTestId('flags-counts').locator('[data-code="OUTSIDE_GRANT_PERIOD"]')).toBeVisible();
  await expect(page.getByTestId('flag-row').first()).toBeVisible();
  await expectNoA11yViolations(page, 'red flags of the agency');
});

test('the officer clears one flag by keyboard and escalates the other; the tranche is held until both are cleared', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto(`/officer/red-flags/grants/${paid.grant.id}`);
  const outside = flagRow(page, 'OUTSIDE_GRANT_PERIOD');
  await expect(outside).toBeVisible();

  // Clear, by keyboard only.
  const clearReason = 'The invoice date is the supplier’s order date; the manuals were delivered and paid within the period.';
  await outside.getByTestId('flag-clear').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Outside the grant period');
  await page.getByTestId('flag-clear-note').focus();
  await page.keyboard.type(clearReason);
  await expectNoA11yViolations(page, 'clear a flag dialog');
  await page.getByTestId('flag-clear-submit').focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(outside.getByTestId('flag-resolution')).toContainText(clearReason);
  await expect(outside.getByTestId('flag-clear')).toHaveCount(0);

  // Escalate the other one.
  const before = flagRow(page, 'BEFORE_FUNDS');
  await before.getByTestId('flag-escalate').click();
  await page.getByTestId('flag-escalate-note').fill('Ask the grantee for the bank statement showing how the manuals were paid before tranche 1.');
  await page.getByTestId('flag-escalate-submit').click();
  await expect(dialog).toBeHidden();
  await expect(before.getByTestId('flag-escalate')).toHaveCount(0);
  await expect(before.getByTestId('flag-clear')).toBeVisible();
  await expectNoA11yViolations(page, 'red flags with one cleared and one escalated');

  let flags = await grantFlags();
  expect(flags.find((f) => f.code === 'OUTSIDE_GRANT_PERIOD')?.state).toBe('cleared');
  expect(flags.find((f) => f.code === 'BEFORE_FUNDS')?.state).toBe('escalated');
  // An escalated high flag still holds the tranche.
  expect((await highFlagCondition()).ok).toBe(false);

  // Cleared after the bank statement came: the tranche is free of flags.
  await before.getByTestId('flag-clear').click();
  await page.getByTestId('flag-clear-note').fill('Bank statement received: paid on the first day of the period from the grant account.');
  await page.getByTestId('flag-clear-submit').click();
  await expect(dialog).toBeHidden();
  await expect(before.getByTestId('flag-resolution')).toContainText('Bank statement received');
  flags = await grantFlags();
  expect(flags.filter((f) => f.severity === 'high' && f.state !== 'cleared')).toEqual([]);
  expect(await highFlagCondition()).toEqual({ ok: true, reasonCode: 'CONDITION_MET' });
});

test('the thresholds page lists each setting with its default', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto('/officer/red-flags');
  await page.getByTestId('flags-settings-link').click();
  await expect(page).toHaveURL(/\/officer\/red-flags\/settings$/);
  const form = page.getByTestId('flag-settings-form');
  await expect(form).toBeVisible();
  await expect(form.getByText('Default:').first()).toBeVisible();
  await expect(page.getByTestId('fs-splitWindowDays')).toBeVisible();
  // Each rule's number with its bounds and default, e.g. the split-purchase window.
  await expect(form).toContainText(/From 1 to 90; default \d+\./);
  await expectNoA11yViolations(page, 'red flag thresholds');
});
