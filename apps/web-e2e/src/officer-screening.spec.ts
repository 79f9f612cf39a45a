import { expect, test, type Page } from '@playwright/test';
import type { ApplicationView, CallView, ProgramView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import {
  addPartner,
  apiAs,
  createOpenCall,
  createProgram,
  getApplication,
  goodContent,
  registerOrganization,
  resubmit,
  saveContent,
  submittedApplication,
  uploadDocument,
} from './support/officer-data';
import { signIn } from './support/session';

/*
 * One call with two submitted applications, made through the api in beforeAll:
 * the tests below screen them in order (returned, resubmitted, compared, eligible).
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
let program: ProgramView;
let call: CallView;
let first: ApplicationView;
let second: ApplicationView;
let partnerId: string;

test.beforeAll(async () => {
  const officer = await apiAs('officer');
  const applicant = await apiAs('applicant');
  program = await createProgram(officer, `E2E screening program ${stamp}`);
  call = await createOpenCall(officer, program.id, `E2E screening call ${stamp}`);
  const org = await registerOrganization(applicant, `E2E Bro till Basra ${stamp}`);
  await uploadDocument(applicant, org.id, 'statutes');
  const partner = await addPartner(applicant, org.id, `E2E Basra Health ${stamp}`);
  partnerId = partner.id;
  first = (
    await submittedApplication(applicant, call.id, org.id, partner.id, `E2E first ${stamp}`)
  ).application;
  second = (
    await submittedApplication(applicant, call.id, org.id, partner.id, `E2E second ${stamp}`)
  ).application;
  await officer.dispose();
  await applicant.dispose();
});

function queueUrl(): string {
  return `/officer/screening?program=${program.id}&call=${call.id}`;
}

function row(page: Page, application: ApplicationView) {
  return page.locator(
    `[data-testid="queue-row"][data-application-id="${application.id}"]`,
  );
}

test('the officer sees the queue of a call with eligibility and due diligence, and returns one for clarification', async ({
  page,
}) => {
  // Several pages, each checked with axe: allow for a loaded machine.
  test.slow();
  await signIn(page, 'officer');
  await page.getByTestId('nav-screening').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Screening');
  await expect(page.getByTestId('screening-pick')).toBeVisible();
  await expectNoA11yViolations(page, 'screening page before a call is picked');

  await page.goto(queueUrl());
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  const firstRow = row(page, first);
  await expect(firstRow.getByTestId('queue-state')).toHaveText('Submitted');
  await expect(firstRow).toContainText(first.receiptNumber ?? '');
  await expect(firstRow).toContainText('860,000.00');
  await expect(firstRow.getByTestId('queue-dd')).toHaveText('Pending');
  await expect(firstRow).toContainText('Basra');
  await expect(firstRow.getByTestId('queue-eligibility')).toHaveText(
    '10/10',
  );
  await expect(page.getByTestId('queue-chart')).toContainText('2 applications');
  await expectNoA11yViolations(page, 'screening queue');

  // The eligibility rules of a row, each with its reason.
  await firstRow.getByTestId('queue-eligibility').click();
  const rules = page.getByTestId('queue-rules');
  await expect(rules.locator('[data-rule="admin_cost_cap"]')).toContainText(
    'within the cap of 7%',
  );
  await expect(rules.locator('[data-passed="false"]')).toHaveCount(0);
  await expectNoA11yViolations(page, 'screening queue with a row expanded');

  // Keyboard: the rows are reachable and j moves down.
  await firstRow.focus();
  await page.keyboard.press('j');
  await expect(page.locator('[data-testid="queue-row"][tabindex="0"]')).toHaveAttribute(
    'data-row-index',
    '1',
  );

  // Start screening from the row's menu, then open the application.
  await firstRow.getByTestId('queue-actions').click();
  await page.getByTestId('queue-action-start_screening').click();
  await expect(firstRow.getByTestId('queue-state')).toHaveText('In screening');

  await firstRow.getByTestId('queue-open').click();
  await expect(page.getByTestId('application-heading')).toHaveText(first.title);
  await expect(page.getByTestId('application-state')).toHaveText('In screening');
  await expect(page.getByTestId('content-summary')).toContainText(
    'psychological first aid',
  );
  await expect(page.getByTestId('content-totals')).toContainText('960,000.00');
  await expect(page.getByTestId('application-eligibility')).toContainText(
    '10 passed · 0 failed',
  );
  await expectNoA11yViolations(page, 'application page');

  await page.getByTestId('application-action-return_for_clarification').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('screening-submit').click();
  await expect(dialog.getByText('Write the message to the applicant.')).toBeVisible();
  await page
    .getByTestId('screening-reason')
    .fill('Please lower the office costs and explain the trainers’ fees.');
  await expectNoA11yViolations(page, 'return-for-clarification dialog');
  await page.getByTestId('screening-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('application-state')).toHaveText('Returned');
  await expect(page.getByTestId('application-message')).toContainText(
    'Please lower the office costs',
  );
});

test('after the applicant resubmits, the officer compares the versions and marks it eligible', async ({
  page,
}) => {
  // Several pages, each checked with axe: allow for a loaded machine.
  test.slow();
  // The applicant answers: lower office costs, a longer summary; then resubmits.
  const applicant = await apiAs('applicant');
  const current = await getApplication(applicant, first.id);
  expect(current.state).toBe('returned');
  const revised = goodContent([partnerId], {
    title: first.title,
    summary:
      'Training community health workers in psychological first aid, with supervision by the partner.',
    budgetLines: [
      { id: 'b1', category: 'personnel', year: 2027, description: 'Trainers', amountMinor: '60000000' },
      { id: 'b2', category: 'activities', year: 2027, description: 'Workshops', amountMinor: '30000000' },
      { id: 'b3', category: 'admin', year: 2027, description: 'Office', amountMinor: '5000000' },
    ],
  });
  const saved = await saveContent(applicant, first.id, current.version, revised);
  await resubmit(applicant, first.id, saved.version);
  await applicant.dispose();

  await signIn(page, 'officer');
  await page.goto(queueUrl());
  const firstRow = row(page, first);
  await expect(firstRow.getByTestId('queue-state')).toHaveText('Resubmitted');
  await page.getByTestId('queue-filter-resubmitted').click();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await page.getByTestId('queue-filter-all').click();
  await expect(page.getByTestId('queue-row')).toHaveCount(2);

  await firstRow.getByTestId('queue-open').click();
  await expect(page.getByTestId('application-state')).toHaveText('Resubmitted');
  await expect(page.getByTestId('application-versions').locator('li')).toHaveCount(2);
  await page.getByTestId('application-compare').click();

  await expect(page.getByTestId('compare-heading')).toHaveText(
    'Version 1 and version 2 side by side',
  );
  const changed = page.locator('[data-testid="compare-row"][data-changed="true"]');
  await expect(page.locator('[data-testid="compare-row"][data-key="summary"]')).toHaveAttribute(
    'data-changed',
    'true',
  );
  await expect(
    page.locator('[data-testid="compare-row"][data-key="budget.b3.amount"]'),
  ).toContainText('60,000.00');
  await expect(
    page.locator('[data-testid="compare-row"][data-key="budget.b3.amount"]'),
  ).toContainText('50,000.00');
  await expect(
    page.locator('[data-testid="compare-row"][data-key="budget.b1.amount"]'),
  ).toHaveAttribute('data-changed', 'false');
  // Summary and one budget line changed: the filter must leave exactly those.
  const changedCount = await changed.count();
  expect(changedCount).toBeGreaterThanOrEqual(2);
  await page.getByTestId('compare-only-changes').click();
  await expect(page.getByTestId('compare-row')).toHaveCount(changedCount);
  await expectNoA11yViolations(page, 'compare versions page');

  await page.getByRole('link', { name: first.title }).click();
  await page.getByTestId('application-action-mark_eligible').click();
  const dialog = page.getByRole('dialog');
  await page.getByTestId('screening-reason').fill('All rules met after the clarification.');
  await page.getByTestId('screening-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('application-state')).toHaveText('Eligible');
  await expect(page.getByTestId('application-action-mark_eligible')).toHaveCount(0);

  await page.goto(queueUrl());
  await expect(row(page, first).getByTestId('queue-state')).toHaveText('Eligible');
  await expect(row(page, second).getByTestId('queue-state')).toHaveText('Submitted');
});

test('the screening page in Arabic is right-to-left', async ({ page }) => {
  // Several pages, each checked with axe: allow for a loaded machine.
  test.slow();
  await signIn(page, 'officer');
  await page.evaluate(() => localStorage.setItem('mizan.lang', 'ar'));
  await page.goto(queueUrl());
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('الفرز');
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await expect(row(page, second).getByTestId('queue-state')).toHaveText('مقدَّم');
  await expect(row(page, second)).toContainText('البصرة');
  await expectNoA11yViolations(page, 'screening queue in Arabic');
  await page.evaluate(() => localStorage.setItem('mizan.lang', 'en'));
});
