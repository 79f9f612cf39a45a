import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import {
  addPartner,
  apiAs,
  createOpenCall,
  createProgram,
  registerOrganization,
  submittedApplication,
  uploadDocument,
} from './support/officer-data';
import { signIn } from './support/session';

test('the officer creates a program and a call with a rubric, fixes the weights and publishes it', async ({
  page,
}) => {
  // Several pages, each checked with axe: allow for a loaded machine.
  test.slow();
  const stamp = Date.now();
  const programName = `E2E program ${stamp}`;
  const callTitle = `E2E call ${stamp}`;

  await signIn(page, 'officer');
  await page.getByTestId('nav-programs').click();
  await expect(page).toHaveURL(/\/officer\/programs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programs');
  await expectNoA11yViolations(page, 'programs page');

  // New program: budget as decimal text, countries default to IQ.
  await page.getByTestId('program-create').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('program-name').fill(programName);
  await page.getByTestId('program-theme-input').fill('Mental');
  await page.getByRole('option', { name: 'Mental health' }).click();
  await page.getByTestId('program-budget').fill('12500000.555');
  await page.getByTestId('program-period-start').fill('2027-01-01');
  await page.getByTestId('program-period-end').fill('2029-12-31');
  await page.getByTestId('program-submit').click();
  await expect(dialog.getByText(/at most 2 decimals/)).toBeVisible();
  await expect(dialog.getByTestId('program-countries')).toContainText('IQ');
  await expectNoA11yViolations(page, 'new-program dialog with an error');
  await page.getByTestId('program-budget').fill('12500000.50');
  await page.getByTestId('program-submit').click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('program-heading')).toHaveText(programName);
  await expect(page.getByTestId('program-budget-value')).toHaveText(
    /12,500,000\.50/,
  );
  await expect(page.getByTestId('calls-empty')).toBeVisible();
  await expectNoA11yViolations(page, 'program page without calls');

  // New call with a rubric whose weights do not add up to 100 at first.
  await page.getByTestId('call-create').click();
  await expect(page.getByTestId('call-form-heading')).toHaveText(
    'New call for proposals',
  );
  await page.getByTestId('call-title').fill(callTitle);
  await page
    .getByTestId('call-description')
    .fill('Small grants for diaspora-led projects in Iraq.');
  await page.getByTestId('call-envelope').fill('2000000');
  await page.getByTestId('call-max-grant').fill('250000');
  await page.getByTestId('call-admin-cap').fill('7.5');
  const rows = page.getByTestId('criterion-row');
  await rows.nth(0).getByTestId('criterion-title').fill('Relevance');
  await rows.nth(0).getByTestId('criterion-weight').fill('60');
  await page.getByTestId('criterion-add').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId('criterion-title')).toBeFocused();
  await rows.nth(1).getByTestId('criterion-title').fill('Feasibility');
  await rows.nth(1).getByTestId('criterion-weight').fill('30');
  await expect(page.getByTestId('rubric-sum')).toHaveText(
    'Total weight: 90 of 100',
  );
  await page.getByTestId('call-save').click();
  await expect(page.getByTestId('rubric-sum-error')).toHaveText(
    'The weights must add up to exactly 100; they add up to 90.',
  );
  await expect(page).toHaveURL(/\/calls\/new$/);
  await expectNoA11yViolations(page, 'call form with the weights error');

  await rows.nth(1).getByTestId('criterion-weight').fill('40');
  await expect(page.getByTestId('rubric-sum')).toHaveText(
    'Total weight: 100 of 100',
  );
  await expect(page.getByTestId('rubric-sum-error')).toHaveCount(0);
  await page.getByTestId('call-save').click();

  // The draft call: its rules, formatted; then publish it.
  await expect(page.getByTestId('call-heading')).toHaveText(callTitle);
  await expect(page.getByTestId('call-status')).toHaveText('Draft');
  await expect(page.getByTestId('call-envelope-value')).toHaveText(
    /2,000,000\.00/,
  );
  await expect(page.getByTestId('call-admin-cap-value')).toHaveText(/7\.5\s?%/);
  await expect(page.getByTestId('call-closes-value')).toContainText(
    'Europe/Stockholm',
  );
  await expect(page.getByTestId('call-rubric')).toContainText('Feasibility');
  await expectNoA11yViolations(page, 'draft call page');

  await page.getByTestId('call-publish').click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText(`Publish “${callTitle}”?`);
  await expectNoA11yViolations(page, 'publish confirmation');
  await page.getByTestId('confirm-dialog-ok').click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('call-status')).toHaveText(/Open|Published/);
  await expect(page.getByTestId('call-publish')).toHaveCount(0);
  await expect(page.getByTestId('call-edit')).toBeVisible();

  // Back on the program page, the call is listed with its window and zone.
  await page.getByRole('link', { name: programName }).click();
  const callRow = page.getByTestId('call-row');
  await expect(callRow).toHaveCount(1);
  await expect(callRow).toContainText(callTitle);
  await expect(callRow).toContainText('(Europe/Stockholm)');
  await expectNoA11yViolations(page, 'program page with a call');
});

test('a call with submissions is changed only by a correction, kept as a new version', async ({
  page,
}) => {
  // Several pages, each checked with axe: allow for a loaded machine.
  test.slow();
  const stamp = Date.now();
  const officer = await apiAs('officer');
  const applicant = await apiAs('applicant');
  const program = await createProgram(officer, `E2E corrections ${stamp}`);
  const call = await createOpenCall(officer, program.id, `E2E locked call ${stamp}`);
  const org = await registerOrganization(applicant, `E2E Förening ${stamp}`);
  await uploadDocument(applicant, org.id, 'statutes');
  const partner = await addPartner(applicant, org.id, `E2E Basra partner ${stamp}`);
  await submittedApplication(applicant, call.id, org.id, partner.id, `E2E application ${stamp}`);
  await officer.dispose();
  await applicant.dispose();

  await signIn(page, 'officer');
  await page.goto(`/officer/programs/${program.id}/calls/${call.id}`);
  await expect(page.getByTestId('call-heading')).toHaveText(call.title);
  await expect(page.getByTestId('call-locked-note')).toBeVisible();
  await expect(page.getByTestId('call-edit')).toHaveCount(0);

  await page.getByTestId('call-correct').click();
  await expect(page.getByTestId('call-form-heading')).toHaveText(
    'File a correction',
  );
  await expect(page.getByTestId('call-title')).toHaveValue(call.title);
  await page
    .getByTestId('call-description')
    .fill('Small grants for diaspora-led health projects, Basra and Nineveh.');
  await page.getByTestId('call-save').click();
  await expect(page.getByText('Give a reason.')).toBeVisible();
  await page
    .getByTestId('call-reason')
    .fill('The description now names the governorates');
  await expectNoA11yViolations(page, 'correction form');
  await page.getByTestId('call-save').click();

  await expect(page.getByTestId('call-version')).toHaveText('Version 2');
  const latest = page.locator(
    '[data-testid="call-version-panel"][data-version="2"]',
  );
  await expect(latest).toContainText(
    'The description now names the governorates',
  );
  const diff = page.getByTestId('call-version-diff').first();
  await expect(diff).toContainText('Description');
  await expect(diff).toContainText('Basra and Nineveh');
  await expectNoA11yViolations(page, 'call page with two versions');
});
