import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ApplicationView, CallView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import {
  apiSignedInAs,
  fakePdfBytes,
  openCallForApplicants,
  pdfBytes,
} from './support/applicant-data';
import { signIn } from './support/session';

/*
 * The applicant's half of intake, as one story: register an organization,
 * add a partner in Basra, upload the due-diligence file, draft an application
 * over two sittings, hit the admin-cost cap, fix it and submit; withdraw
 * another draft; invite a partner user who then reads the application.
 */

const stamp = Date.now();
const orgName = `E2E Föreningen Dijla ${stamp}`;
const partnerName = `E2E Basra Partner ${stamp}`;
const applicationTitle = `E2E water for schools ${stamp}`;
const VALID_IBAN = 'SE45 5000 0000 0583 9825 7466';
const TYPO_IBAN = 'SE45 5000 0000 0583 9825 7467';

let call: CallView;
let organizationId = '';
let applicationId = '';
let receiptNumber = '';

// Long stories with an accessibility check on every page: more time than the default.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  call = await openCallForApplicants(stamp);
});

/** Opens a mat-select from the keyboard (as a keyboard user would) and picks an option. */
async function chooseOption(
  page: Page,
  selectTestId: string,
  optionTestId: string,
) {
  await openSelect(page.getByTestId(selectTestId));
  await page.getByTestId(optionTestId).click();
}

async function openSelect(select: Locator) {
  await select.focus();
  await select.press('Enter');
  await expect(select).toHaveAttribute('aria-expanded', 'true');
}

/**
 * Layla belongs to the seeded Dijla association and to the organization of the
 * first test, so the start dialog must offer the choice: pick the new one.
 */
async function chooseOurOrganization(page: Page) {
  const choice = page.getByTestId(`start-org-${organizationId}`);
  await expect(choice).toBeVisible();
  await choice.click();
  await expect(choice.getByRole('radio')).toBeChecked();
}

/** The application the start dialog creates, as the api returned it. */
async function createdApplication(page: Page): Promise<ApplicationView> {
  const response = await page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' &&
      new URL(r.url()).pathname === '/api/v1/applications',
  );
  expect(response.status()).toBe(201);
  return (await response.json()) as ApplicationView;
}

async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute(
    'data-status',
    'saved',
    {
      timeout: 20_000,
    },
  );
}

async function goToStep(page: Page, index: number) {
  await page.locator('mat-step-header').nth(index).click();
}

test('the applicant registers an organization, adds a partner in Basra and uploads the due-diligence file', async ({
  page,
}) => {
  await signIn(page, 'applicant');
  await page.getByTestId('nav-myOrganizations').click();
  await expect(page).toHaveURL(/\/my-organizations$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'My organizations',
  );
  await expect(page.getByTestId('org-register').first()).toBeVisible();
  await expectNoA11yViolations(page, 'my organizations');

  await page.getByTestId('org-register').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Register an organization',
  );
  await page.getByTestId('org-legal-name').fill(orgName);
  await page
    .getByTestId('org-registration-number')
    .fill(`802${String(stamp).slice(-6)}-1234`);
  await expect(page.getByTestId('org-country')).toContainText('Sweden');
  await page.getByTestId('org-founded-on').fill('2015-04-01');
  await page.getByTestId('org-address').fill('Storgatan 1, 211 34 Malmö');
  await page.getByTestId('org-email').fill(`board-${stamp}@dijla.example`);
  await page.getByTestId('org-phone').fill('+46 40 123 456');
  await page.getByTestId('org-iban').fill(TYPO_IBAN);
  await expect(page.getByTestId('org-iban-error')).toHaveText(
    'The IBAN check digits do not match: please check for a typing mistake.',
  );
  // An account holder that differs from the legal name must be explained.
  await page.getByTestId('org-holder').fill('Fiscal Host AB');
  await expect(page.getByTestId('org-holder-mismatch')).toBeVisible();
  await expect(page.getByTestId('org-holder-explanation')).toBeVisible();
  await page.getByTestId('org-expertise-input').fill('Water');
  await page.getByTestId('org-expertise-input').press('Enter');
  await expectNoA11yViolations(page, 'registration form with an IBAN error');

  await page.getByTestId('org-iban').fill(VALID_IBAN);
  await expect(page.getByTestId('org-iban-error')).toHaveCount(0);
  await expect(page.getByTestId('org-iban-ok')).toBeVisible();
  await page.getByTestId('org-holder').fill(orgName);
  await expect(page.getByTestId('org-holder-explanation')).toHaveCount(0);
  await page.getByTestId('org-submit').click();

  await expect(page).toHaveURL(
    /\/my-organizations\/[0-9a-f-]{36}\?tab=documents$/,
  );
  await expect(page.getByTestId('org-heading')).toHaveText(orgName);
  organizationId =
    /my-organizations\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  await expect(page.getByTestId('docs-empty')).toBeVisible();
  await expectNoA11yViolations(page, 'documents tab, empty');

  // Due-diligence documents: real PDFs are taken, with a progress bar while they go up…
  for (const kind of [
    'statutes',
    'board_list',
    'annual_report',
    'accounts',
  ] as const) {
    await chooseOption(page, 'doc-kind', `doc-kind-${kind}`);
    await page.getByTestId('doc-file').setInputFiles({
      name: `${kind}-${stamp}.pdf`,
      mimeType: 'application/pdf',
      buffer: pdfBytes(`${kind} ${stamp}`),
    });
    await expect(page.getByTestId('doc-file-name')).toContainText(
      `${kind}-${stamp}.pdf`,
    );
    await page.getByTestId('doc-upload').click();
    await expect(page.getByTestId('doc-uploaded')).toContainText(
      `${kind}-${stamp}.pdf`,
    );
    await expect(
      page.locator(`[data-testid="doc-row"][data-kind="${kind}"]`),
    ).toHaveCount(1);
  }
  await expect(page.getByTestId('docs-missing')).toHaveCount(0);

  // …an executable named .pdf is refused by its content, with the api's reason…
  await chooseOption(page, 'doc-kind', 'doc-kind-other');
  await page.getByTestId('doc-file').setInputFiles({
    name: 'invoice.pdf',
    mimeType: 'application/pdf',
    buffer: fakePdfBytes(),
  });
  await page.getByTestId('doc-upload').click();
  await expect(page.getByTestId('doc-error')).toContainText(
    'is really an executable program (ELF)',
  );
  // …and the same file twice is recognised by its hash.
  await chooseOption(page, 'doc-kind', 'doc-kind-other');
  await page.getByTestId('doc-file').setInputFiles({
    name: 'copy-of-statutes.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes(`statutes ${stamp}`),
  });
  await page.getByTestId('doc-upload').click();
  await expect(page.getByTestId('doc-error')).toContainText('already uploaded');
  await expect(page.getByTestId('doc-row')).toHaveCount(4);
  await expectNoA11yViolations(page, 'documents tab with a refused file');

  // A partner organization in Basra.
  await page.getByRole('tab', { name: 'Partners' }).click();
  await expect(page.getByTestId('partners-empty')).toBeVisible();
  await page.getByTestId('partner-add').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('partner-submit').click();
  await expect(
    dialog.getByText('This field is required.').first(),
  ).toBeVisible();
  await expectNoA11yViolations(page, 'partner dialog with errors');
  await page.getByTestId('partner-name').fill(partnerName);
  await chooseOption(page, 'partner-governorate', 'governorate-IQ-BA');
  await page
    .getByTestId('partner-registration')
    .fill(`BA-${String(stamp).slice(-5)}`);
  await page.getByTestId('partner-contact').fill('Zainab Ali');
  await page.getByTestId('partner-email').fill(`zainab-${stamp}@basra.example`);
  await page.getByTestId('partner-phone').fill('+964 770 123 4567');
  await page
    .getByTestId('partner-relationship')
    .fill('We have run girls’ schooling projects together since 2019.');
  await page.getByTestId('partner-submit').click();
  await expect(dialog).toBeHidden();
  const partnerCard = page
    .getByTestId('partner-card')
    .filter({ hasText: partnerName });
  await expect(partnerCard.getByTestId('partner-governorate')).toHaveText(
    'Basra',
  );
  await expectNoA11yViolations(page, 'partners tab');

  await page.getByRole('tab', { name: 'Due diligence' }).click();
  await expect(page.getByTestId('dd-status')).toHaveText('Pending review');
  await expect(
    page.locator(
      '[data-testid="dd-check"][data-check="iban_checksum"][data-passed="true"]',
    ),
  ).toBeVisible();
  await expect(
    page.locator(
      '[data-testid="dd-check"][data-check="documents_complete"][data-passed="true"]',
    ),
  ).toBeVisible();
  await expectNoA11yViolations(page, 'due-diligence tab');
});

test('the applicant drafts an application over two sittings, hits the admin-cost cap, fixes it and submits', async ({
  page,
}) => {
  expect(organizationId, 'needs the organization of the first test').toBeTruthy();
  await signIn(page, 'applicant');
  await page.getByTestId('nav-openCalls').click();
  const card = page.locator(
    `[data-testid="call-card"][data-call-id="${call.id}"]`,
  );
  await expect(card).toBeVisible();
  await expect(card.getByTestId('call-deadline')).toContainText(
    '(Europe/Stockholm)',
  );
  await expect(card.getByTestId('call-admin-cap')).toHaveText('7%');
  await expectNoA11yViolations(page, 'open calls');

  await card.getByTestId('call-start').click();
  const dialog = page.getByRole('dialog');
  await chooseOurOrganization(page);
  await page.getByTestId('start-title').fill(applicationTitle);
  await expectNoA11yViolations(page, 'start-application dialog');
  const created = createdApplication(page);
  await page.getByTestId('start-submit').click();
  expect((await created).organizationId, 'drafted under the new organization').toBe(organizationId);
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/my-applications\/[0-9a-f-]{36}\/edit$/);
  applicationId =
    /my-applications\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  await expect(page.getByTestId('editor-heading')).toHaveText(applicationTitle);
  await expect(page.getByTestId('rules-count')).toContainText('not met');

  // Partners.
  await page
    .getByTestId('partner-choice')
    .filter({ hasText: partnerName })
    .getByRole('checkbox')
    .check();
  await waitSaved(page);
  await expectNoA11yViolations(page, 'editor, partners step');

  // Summary, then a reload: the draft is on the server.
  await goToStep(page, 1);
  await page
    .getByTestId('app-summary')
    .fill('Clean drinking water for ten schools in Basra.');
  await page.getByTestId('app-duration').fill('12');
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('editor-heading')).toHaveText(applicationTitle);
  await goToStep(page, 1);
  await expect(page.getByTestId('app-summary')).toHaveValue(
    'Clean drinking water for ten schools in Basra.',
  );

  // A second sitting cut short: the tab closes before the autosave fires, and nothing is lost.
  await page
    .getByTestId('app-summary')
    .fill(
      'Clean drinking water for ten schools in Basra, with the parents’ committees.',
    );
  await page.reload();
  await expect(page.getByTestId('restored-banner')).toBeVisible();
  await goToStep(page, 1);
  await expect(page.getByTestId('app-summary')).toHaveValue(
    'Clean drinking water for ten schools in Basra, with the parents’ committees.',
  );
  await waitSaved(page);

  // Logframe: one outcome, one output, one indicator.
  await goToStep(page, 2);
  await page.getByTestId('add-outcome').click();
  await page
    .getByTestId('outcome-title')
    .fill('Children drink safe water at school');
  await page
    .getByTestId('output-title')
    .fill('Filters installed and maintained');
  await page.getByTestId('indicator-name').fill('Schools with working filters');
  await page.getByTestId('indicator-unit').fill('schools');
  await page.getByTestId('indicator-baseline').fill('0');
  await page.getByTestId('indicator-target').fill('10');
  await page
    .getByTestId('indicator-verification')
    .fill('Quarterly visits by the partner');

  // Activities in Basra, months 1 to 3.
  await goToStep(page, 3);
  await page.getByTestId('add-activity').click();
  await page.getByTestId('activity-title').fill('Install filters');
  await openSelect(page.getByTestId('activity-governorates'));
  await page.getByTestId('activity-gov-IQ-BA').click();
  await page.keyboard.press('Escape');
  for (const month of [1, 2, 3]) {
    await page
      .locator(`[data-testid="activity-months"] [data-month="${month}"]`)
      .click();
  }
  await waitSaved(page);

  // Budget with too much administration: the cap error shows next to the budget.
  await goToStep(page, 4);
  const lines = page.getByTestId('budget-line');
  const addLine = async (
    category: string,
    description: string,
    amount: string,
  ) => {
    await page.getByTestId('add-line').click();
    const line = lines.last();
    await openSelect(line.getByTestId('line-category'));
    await page.getByTestId(`category-${category}`).click();
    await line.getByTestId('line-description').fill(description);
    await line.getByTestId('line-amount').fill(amount);
  };
  await addLine('equipment', 'Water filters', '100000');
  await addLine('personnel', 'Technician, part time', '50000');
  await addLine('admin', 'Office and bookkeeping', '20000');
  await page.getByTestId('add-source').click();
  await page.getByTestId('source-name').fill('Members’ contributions');
  await page.getByTestId('source-amount').fill('20 000');
  await page.getByTestId('source-confirmed').getByRole('checkbox').check();
  const adminRule = page
    .getByTestId('budget-rules')
    .locator('[data-testid="rule"][data-rule="admin_cost_cap"]');
  await expect(adminRule).toContainText('above the cap of 7%');
  await waitSaved(page);
  await expectNoA11yViolations(
    page,
    'budget step with the admin-cost cap error',
  );

  // The cap error blocks submission; fixing the line clears it.
  await expect(page.getByTestId('side-submit')).toBeDisabled();
  await lines.nth(2).getByTestId('line-amount').fill('5000');
  await expect(adminRule).toHaveCount(0);
  await expect(page.getByTestId('bar-requested')).toContainText('135,000.00');

  // Risks and monitoring.
  await goToStep(page, 5);
  await page.getByTestId('add-risk-security').click();
  await page
    .getByTestId('risk-description')
    .fill('Road closures delay deliveries');
  await page.getByTestId('risk-mitigation').fill('Buy filters in Basra');
  await goToStep(page, 6);
  await page
    .getByTestId('app-monitoring')
    .fill('The partner visits each school every quarter.');

  // An attachment.
  await goToStep(page, 7);
  await page
    .getByTestId('attachment-description')
    .fill('Letter of support from the school board');
  await page.getByTestId('attachment-file').setInputFiles({
    name: 'support-letter.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes(`support ${stamp}`),
  });
  await page.getByTestId('attachment-upload').click();
  await expect(page.getByTestId('attachment-uploaded')).toContainText(
    'support-letter.pdf',
  );
  await waitSaved(page);

  // Review and submit.
  await goToStep(page, 8);
  await expect(page.getByTestId('rules-count')).toHaveText(
    /All rules of the call are met/,
  );
  await expectNoA11yViolations(page, 'review step');
  await page.getByTestId('submit').click();
  const submitDialog = page.getByRole('dialog');
  await expect(submitDialog).toBeVisible();
  await page.getByTestId('submit-confirm').click();
  await expect(page.getByTestId('receipt-number')).toHaveText(
    /^MZ-\d{4}-\d{6}$/,
  );
  await expect(page.getByTestId('receipt-version')).toHaveText('1');
  await expect(page.getByTestId('receipt-sha')).toHaveText(/^[0-9a-f]{64}$/);
  receiptNumber =
    (await page.getByTestId('receipt-number').textContent())?.trim() ?? '';
  await expectNoA11yViolations(page, 'submission receipt');
  await page.getByTestId('receipt-close').click();

  await expect(page).toHaveURL(
    new RegExp(`/my-applications/${applicationId}$`),
  );
  await expect(page.getByTestId('application-state')).toHaveText('Submitted');
  await expect(page.getByTestId('application-receipt')).toHaveText(
    receiptNumber,
  );
  await expect(page.getByTestId('version-row')).toHaveCount(1);
  await expect(page.getByTestId('application-edit')).toHaveCount(0);
  await expectNoA11yViolations(page, 'submitted application');

  await page.getByTestId('nav-myApplications').click();
  const listed = page.locator(
    `[data-testid="application-card"][data-application-id="${applicationId}"]`,
  );
  await expect(listed.getByTestId('application-state')).toHaveText('Submitted');
  await expect(listed.getByTestId('application-receipt')).toHaveText(
    receiptNumber,
  );
  await expectNoA11yViolations(page, 'my applications');
});

test('returned for clarification, the applicant edits and resubmits, and compares the two versions', async ({
  page,
}) => {
  expect(applicationId, 'needs the submitted application').toBeTruthy();
  const officer = await apiSignedInAs('officer');
  const returned = await officer.post(
    `/api/v1/applications/${applicationId}/screening`,
    {
      data: {
        action: 'return_for_clarification',
        reason: 'Please explain what the technician does.',
      },
    },
  );
  expect(returned.status()).toBe(200);
  await officer.dispose();

  await signIn(page, 'applicant');
  await page.goto(`/my-applications/${applicationId}`);
  await expect(page.getByTestId('application-state')).toHaveText(
    'Returned for clarification',
  );
  await expect(page.getByTestId('screening-message')).toContainText(
    'Please explain what the technician does.',
  );
  await expectNoA11yViolations(page, 'returned application');
  await page.getByTestId('application-edit-resubmit').click();
  await expect(page.getByTestId('editor-screening-message')).toBeVisible();

  await goToStep(page, 1);
  await page
    .getByTestId('app-summary')
    .fill(
      'Clean drinking water for ten schools in Basra. The technician maintains the filters every month.',
    );
  await waitSaved(page);
  await goToStep(page, 8);
  await page.getByTestId('submit').click();
  await expect(page.getByRole('dialog')).toContainText(
    'Resubmit this application?',
  );
  await page.getByTestId('submit-confirm').click();
  await expect(page.getByTestId('receipt-version')).toHaveText('2');
  await page.getByTestId('receipt-close').click();

  await expect(page.getByTestId('application-state')).toHaveText('Resubmitted');
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  await page.getByTestId('compare-open').click();
  await expect(page).toHaveURL(/\/compare\?left=1&right=2$/);
  await expect(
    page.locator('[data-testid="compare-row"][data-row="summary"]'),
  ).toHaveAttribute('data-changed', 'true');
  await expect(
    page.locator('[data-testid="compare-row"][data-row="title"]'),
  ).toHaveAttribute('data-changed', 'false');
  await expect(page.getByTestId('compare-summary')).toHaveText(
    '1 field differs.',
  );
  await expectNoA11yViolations(page, 'version comparison');
});

test('two tabs on the same draft never overwrite each other; then the draft is withdrawn with a reason', async ({
  page,
  context,
}) => {
  expect(organizationId, 'needs the organization of the first test').toBeTruthy();
  await signIn(page, 'applicant');
  await page.goto('/open-calls');
  const card = page.locator(
    `[data-testid="call-card"][data-call-id="${call.id}"]`,
  );
  await card.getByTestId('call-start').click();
  await chooseOurOrganization(page);
  await page.getByTestId('start-title').fill(`E2E draft to withdraw ${stamp}`);
  const created = createdApplication(page);
  await page.getByTestId('start-submit').click();
  expect((await created).organizationId, 'drafted under the new organization').toBe(organizationId);
  await expect(page).toHaveURL(/\/edit$/);
  const draftId =
    /my-applications\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  await expect(page.getByTestId('editor-heading')).toBeVisible();

  // A second tab opens the same draft, then the first one saves a change.
  const other = await context.newPage();
  await other.goto(`/my-applications/${draftId}/edit`);
  await expect(other.getByTestId('editor-version')).toHaveText('Version 1');
  await goToStep(page, 1);
  await page.getByTestId('app-summary').fill('Written in the first tab.');
  await waitSaved(page);
  // The second tab's change is refused, said clearly, and kept.
  await goToStep(other, 1);
  await other.getByTestId('app-summary').fill('Written in the second tab.');
  await expect(other.getByTestId('conflict-banner')).toContainText(
    'Someone else saved this application (version 2) — reload to see their changes.',
  );
  await expect(other.getByTestId('save-status')).toHaveAttribute(
    'data-status',
    'conflict',
  );
  await expectNoA11yViolations(other, 'editor with a save conflict');
  await other.getByTestId('conflict-reload').click();
  await goToStep(other, 1);
  await expect(other.getByTestId('app-summary')).toHaveValue(
    'Written in the first tab.',
  );
  await expect(other.getByTestId('stale-backup')).toBeVisible();
  await other.getByTestId('stale-discard').click();
  await expect(other.getByTestId('stale-backup')).toHaveCount(0);
  await other.close();

  await page.goto(`/my-applications/${draftId}`);
  await expect(page.getByTestId('application-state')).toHaveText('Draft');
  await page.getByTestId('application-withdraw').click();
  const dialog = page.getByRole('dialog');
  await page.getByTestId('withdraw-submit').click();
  await expect(dialog.getByText('Give a reason.')).toBeVisible();
  await expectNoA11yViolations(page, 'withdraw dialog with an error');
  await page
    .getByTestId('withdraw-reason')
    .fill('We merged it into our other application.');
  await page.getByTestId('withdraw-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('application-state')).toHaveText('Withdrawn');
  await expect(page.getByTestId('application-withdraw')).toHaveCount(0);
  await expect(page.getByTestId('withdrawn-note')).toBeVisible();
});

test('a partner user, invited by link, reads the application that names their organization', async ({
  page,
  browser,
}) => {
  expect(applicationId, 'needs the submitted application').toBeTruthy();
  const email = `e2e-partner-${stamp}@demo.mizan.local`;
  await signIn(page, 'applicant');
  await page.goto(`/my-organizations/${organizationId}?tab=members`);
  await page.getByTestId('invite-email').fill(email);
  await chooseOption(page, 'invite-role', 'invite-role-partner');
  await openSelect(page.getByTestId('invite-partner'));
  await page.getByRole('option', { name: partnerName }).click();
  await page.getByTestId('invite-submit').click();
  const link = await page.getByTestId('invite-link').inputValue();
  expect(link).toMatch(/\/accept-invitation\?token=[\w-]+$/);
  await expectNoA11yViolations(page, 'members tab with an invitation link');

  const guest = await browser.newContext();
  const visitor = await guest.newPage();
  await visitor.goto(new URL(link).pathname + new URL(link).search);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
    'Accept an invitation',
  );
  await visitor.getByTestId('accept-name').fill('Zainab Ali');
  await visitor.getByTestId('accept-password').fill('short');
  await visitor.getByTestId('accept-submit').click();
  await expect(visitor.getByText('Use at least 12 characters.')).toBeVisible();
  await expectNoA11yViolations(visitor, 'accept-invitation page with an error');
  await visitor.getByTestId('accept-password').fill('a-partner-password-2026');
  await visitor.getByTestId('accept-submit').click();
  await expect(visitor.getByTestId('accept-done')).toContainText(orgName);
  await visitor.getByTestId('accept-sign-in').click();
  await visitor.getByTestId('sign-in-email').fill(email);
  await visitor.getByTestId('sign-in-password').fill('a-partner-password-2026');
  await visitor.getByTestId('sign-in-submit').click();
  await expect(visitor).toHaveURL(/\/home$/);

  await visitor.getByTestId('nav-partnerApplications').click();
  const card = visitor.locator(
    `[data-testid="application-card"][data-application-id="${applicationId}"]`,
  );
  await expect(card).toContainText(applicationTitle);
  await expectNoA11yViolations(visitor, 'partner: applications');
  await card.getByTestId('application-link').click();
  await expect(visitor.getByTestId('application-heading')).toHaveText(
    applicationTitle,
  );
  await expect(visitor.getByTestId('application-state')).toHaveText(
    'Resubmitted',
  );
  await expect(visitor.getByTestId('application-withdraw')).toHaveCount(0);
  await expect(visitor.getByTestId('view-summary')).toContainText(
    'technician maintains the filters',
  );
  await expectNoA11yViolations(visitor, 'partner: application, read-only');

  await visitor.getByTestId('nav-partnerOrganization').click();
  await expect(visitor.getByTestId('my-partner-card')).toContainText(
    partnerName,
  );
  await expectNoA11yViolations(visitor, 'partner: my partner organization');
  await guest.close();
});
