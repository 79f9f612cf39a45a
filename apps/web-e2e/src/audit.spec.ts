import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { AUDIT_CHECKS, AuditPaths, type GrantSummaryView, type Page as ApiPage, type PopulationView, type SampleView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { pdfText } from './support/grants-data';
import { apiAs } from './support/officer-data';
import { receiptPhoto } from './support/reporting-data';
import { signIn, signOut } from './support/session';

/*
 * Audit end to end (issue 12, "Seen working"): an officer plans a spot check on
 * the demo program (Iraq Co-Development 2027, its verified expenditure lines);
 * the auditor draws a monetary-unit sample (the seed shown), tests items and
 * raises a high finding with an ineligible amount on the demo grant "Legal aid
 * clinics for women in Basra"; the grantee responds in Arabic on a phone and
 * completes the action with a file; the officer confirms the refund and checks
 * the action; the auditor builds the report (progress, download) whose text
 * holds a sampled item, the finding and the trail's head hash. Tranche 3 of the
 * grant counts the open high finding in its "no open high finding" condition
 * from the moment it is raised until the action is completed and checked.
 *
 * Everything is done through the pages; the api is only read (to choose what to
 * click, and to compute a materiality that gives a small sample). The engagement
 * is this spec's own (unique title): other engagements (the demo seed's) may exist.
 */
test.describe.configure({ mode: 'serial' });

const API = '/api/v1';
const PROGRAM = 'Iraq Co-Development 2027';
const GRANT = 'Legal aid clinics for women in Basra';
const stamp = Date.now();
const TITLE = `E2E spot check ${stamp}`;
const FIRM = 'Tigris Audit Partners';
const FINDING_TITLE = `Personal costs charged to the clinics ${stamp}`;
const INELIGIBLE = '150.00';
const RESPONSE_AR = 'نقرّ بالخطأ وسنعيد المبلغ إلى المنحة هذا الشهر.';
const COMPLETION_AR = 'أُعيد المبلغ بتحويل مصرفي؛ الإيصال مرفق.';

let grant: GrantSummaryView;
let engagementId = '';
let seed = '';
let exceptionItem = { id: '', label: '' };
let passItemId = '';
let findingId = '';
let openHighBefore = 0;

async function json<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(`${API}/${path}`);
  if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Minor units of a two-decimal currency as the money fields take them (1234.56). */
function major(minor: bigint): string {
  return `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;
}

async function chooseOption(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** Tranche 3 of the demo grant on the officer's grant page: its "no open high finding" condition, and how many high findings it counts open. */
async function trancheCondition(page: Page): Promise<{ ok: string | null; openHigh: number; reason: string }> {
  await page.goto(`/officer/grants/${grant.id}`);
  const tranche = page.locator('[data-testid="tranche"][data-seq="3"]');
  await expect(tranche).toBeVisible();
  const condition = tranche.locator('[data-testid="condition"][data-kind="no_open_high_finding"]');
  await expect(condition).toBeVisible();
  const reason = ((await condition.getByTestId('condition-reason').textContent()) ?? '').trim();
  const counted = /(\d+) high-priority findings? (?:is|are) open/.exec(reason);
  return { ok: await condition.getAttribute('data-ok'), openHigh: counted ? Number(counted[1]) : 0, reason };
}

test.beforeAll(async () => {
  const officer = await apiAs('officer');
  try {
    const page = await json<ApiPage<GrantSummaryView>>(officer, 'grants?pageSize=100');
    const found = page.items.filter((g) => g.title === GRANT);
    expect(found, `one demo grant "${GRANT}"`).toHaveLength(1);
    grant = found[0];
  } finally {
    await officer.dispose();
  }
});

test('the officer plans a spot check of the demo program’s verified expenditure', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  const before = await trancheCondition(page);
  openHighBefore = before.openHigh;

  await page.goto('/audit');
  await expect(page.getByTestId('audit-heading')).toBeVisible();
  await expect(page.getByTestId('audit-count')).not.toBeEmpty();
  await expectNoA11yViolations(page, 'engagement list (officer)');
  await page.getByTestId('audit-plan-link').click();
  await expect(page).toHaveURL(/\/audit\/plan$/);
  await expect(page.getByTestId('audit-plan-heading')).toBeVisible();
  await expectNoA11yViolations(page, 'plan an engagement (empty form)');

  await chooseOption(page, page.getByTestId('audit-plan-kind'), 'Spot check');
  await page.getByTestId('audit-plan-title').fill(TITLE);
  await page.getByTestId('audit-plan-scope-program').click();
  await chooseOption(page, page.getByTestId('audit-plan-scope-id'), PROGRAM);
  await page.getByTestId('audit-plan-period-from').fill(isoDay(-400));
  await page.getByTestId('audit-plan-period-to').fill(isoDay(0));
  await chooseOption(page, page.getByTestId('audit-plan-population'), 'Verified expenditure lines');
  await page.getByTestId('audit-plan-firm').fill(FIRM);
  await page.getByTestId('audit-plan-auditors').click();
  await page.getByRole('option', { name: 'Maria Svensson' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('audit-plan-lead')).toContainText('Maria Svensson');
  await page.getByTestId('audit-plan-fieldworkFrom').fill(isoDay(1));
  await page.getByTestId('audit-plan-fieldworkTo').fill(isoDay(14));
  await expectNoA11yViolations(page, 'plan an engagement (filled in)');
  await page.getByTestId('audit-plan-submit').click();

  await expect(page).toHaveURL(/\/audit\/[0-9a-f-]{36}$/);
  engagementId = /\/audit\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
  await expect(page.getByTestId('audit-workspace-heading')).toContainText(TITLE);
  await expect(page.getByTestId('audit-workspace-state')).toHaveText('Planned');
  await expect(page.getByTestId('audit-workspace-auditors')).toContainText('Maria Svensson');
  await expectNoA11yViolations(page, 'engagement workspace, overview (planned, officer)');
  await signOut(page);
});

test('the auditor draws a monetary-unit sample: the seed is shown with the formula and parameters', async ({ page }) => {
  test.slow();
  // A materiality of 3/5 of the population's value: at 95 % confidence (R = 3) a sample of about five items.
  const auditor = await apiAs('auditor');
  let valueMinor: bigint;
  try {
    const population = await json<PopulationView>(auditor, `${AuditPaths.population(engagementId)}?page=1&pageSize=1`);
    expect(population.frozen).toBe(false);
    expect(population.currency).toBe('SEK');
    expect(population.count, 'the demo program has verified expenditure lines in the period').toBeGreaterThan(5);
    valueMinor = BigInt(population.valueMinor ?? '0');
  } finally {
    await auditor.dispose();
  }

  await signIn(page, 'auditor');
  await page.goto('/audit');
  const row = page.locator(`[data-testid="audit-engagement-row"][data-engagement-id="${engagementId}"]`);
  await expect(row).toBeVisible();
  await expectNoA11yViolations(page, 'engagement list (auditor)');
  await row.getByTestId('audit-engagement-link').click();
  await expect(page.getByTestId('audit-workspace-heading')).toContainText(TITLE);
  await page.getByTestId('audit-tab-sample').click();
  await expect(page.getByTestId('population-preview')).toBeVisible();
  await expect(page.getByTestId('draw-form')).toBeVisible();

  await expect(page.getByTestId('draw-method-monetary_unit').locator('input')).toBeChecked();
  seed = (await page.getByTestId('draw-seed').inputValue()).trim();
  expect(seed).toMatch(/^\d+$/);
  await page.getByTestId('draw-materiality').fill(major((valueMinor * 3n) / 5n));
  await expect(page.getByTestId('size-calc-result')).toBeVisible();
  await expect(page.getByTestId('size-calc-formula')).not.toBeEmpty();
  await expectNoA11yViolations(page, 'sample tab: population and draw form with the calculated size');
  await page.getByTestId('draw-submit').click();

  await expect(page.getByTestId('sample-params')).toBeVisible();
  await expect(page.getByTestId('sample-seed')).toHaveText(seed);
  await expect(page.getByTestId('sample-method')).toHaveText('Monetary-unit sampling');
  await expect(page.getByTestId('sample-row').first()).toBeVisible();
  await expectNoA11yViolations(page, 'sample tab: the drawn sample with its seed');
  await signOut(page);

  // What to test: an item of the demo grant with a Latin label (read back from the PDF's text) is the exception.
  const reader = await apiAs('auditor');
  try {
    const sample = await json<SampleView>(reader, `${AuditPaths.sample(engagementId)}?page=1&pageSize=100`);
    expect(sample.sampling?.seed).toBe(seed);
    const ours = sample.items.filter((i) => i.population.grantId === grant.id && /^[\x20-\x7e]+$/.test(i.population.label));
    expect(ours.length, 'the sample holds an item of the demo grant').toBeGreaterThan(0);
    exceptionItem = { id: ours[0].id, label: ours[0].population.label };
    passItemId = sample.items.find((i) => i.id !== exceptionItem.id)?.id ?? '';
    expect(passItemId, 'the sample has a second item').not.toBe('');
  } finally {
    await reader.dispose();
  }
});

async function move(page: Page, to: string, label: string, reason: string): Promise<void> {
  await page.getByTestId(`audit-transition-${to}`).click();
  await expect(page.getByTestId('audit-transition-reason')).toBeVisible();
  await page.getByTestId('audit-transition-reason').fill(reason);
  await expectNoA11yViolations(page, `transition dialog to ${to}`);
  await page.getByTestId('audit-transition-submit').click();
  await expect(page.getByTestId('audit-workspace-state')).toHaveText(label);
}

test('the officer starts the fieldwork (the sample freezes)', async ({ page }) => {
  await signIn(page, 'officer');
  await page.goto(`/audit/${engagementId}`);
  await expect(page.getByTestId('audit-workspace-heading')).toContainText(TITLE);
  await move(page, 'fieldwork', 'Fieldwork', 'Sample drawn; the auditors start on the clinics’ receipts.');
  await expect(page.getByTestId('audit-history')).toContainText('Sample drawn; the auditors start');
  await signOut(page);
});

async function answerChecks(page: Page, no: readonly string[]): Promise<void> {
  for (const id of AUDIT_CHECKS) await page.getByTestId(`test-check-${id}-${no.includes(id) ? 'no' : 'yes'}`).click();
}

test('the auditor tests two items and raises a high finding with an ineligible amount on the exception', async ({ page }) => {
  test.slow();
  await signIn(page, 'auditor');
  await page.goto(`/audit/${engagementId}/sample`);
  await expect(page.getByTestId('sample-params')).toBeVisible();

  // A pass.
  const passRow = page.locator(`[data-testid="sample-row"][data-item-id="${passItemId}"]`);
  await passRow.getByTestId('sample-test').click();
  await expect(page.getByTestId('test-checklist')).toBeVisible();
  await expectNoA11yViolations(page, 'test dialog of a sampled item');
  await answerChecks(page, []);
  await page.getByTestId('test-result-pass').click();
  await page.getByTestId('test-notes').fill('Receipt, amount, date and supplier agree with the line.');
  await page.getByTestId('test-submit').click();
  await expect(page.getByTestId('test-checklist')).toHaveCount(0);
  await expect(passRow.getByTestId('sample-result')).toHaveText('Pass');

  // An exception: the cost is not eligible.
  const row = page.locator(`[data-testid="sample-row"][data-item-id="${exceptionItem.id}"]`);
  await row.getByTestId('sample-test').click();
  await expect(page.getByTestId('test-checklist')).toBeVisible();
  await answerChecks(page, ['eligible_cost']);
  await page.getByTestId('test-result-exception').click();
  await page.getByTestId('test-notes').fill('Part of this purchase was for the coordinator’s personal use.');
  await page.getByTestId('test-submit').click();
  await expect(page.getByTestId('test-saved')).not.toBeEmpty();
  await page.getByTestId('test-raise').click();

  await expect(page.getByTestId('finding-from-item')).toBeVisible();
  await chooseOption(page, page.getByTestId('finding-category'), 'Ineligible expenditure');
  await page.getByTestId('finding-title').fill(FINDING_TITLE);
  await page.getByTestId('finding-description').fill('A part of the sampled purchase served the coordinator personally, not the clinics.');
  await chooseOption(page, page.getByTestId('finding-priority'), 'High priority');
  await page.getByTestId('finding-ineligible').fill(INELIGIBLE);
  await page.getByTestId('finding-recommendation').fill('Repay the ineligible part and keep personal purchases apart.');
  await page.getByTestId('finding-action').fill('Repay 150.00 SEK to the grant account and send the bank receipt.');
  await page.getByTestId('finding-owner').fill('Dijla finance officer');
  await page.getByTestId('finding-due').fill(isoDay(30));
  await expectNoA11yViolations(page, 'raise a finding from the exception');
  await page.getByTestId('finding-submit').click();

  await expect(page).toHaveURL(/\/findings\?finding=[0-9a-f-]{36}$/);
  findingId = /finding=([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
  const detail = page.getByTestId('finding-detail');
  await expect(detail).toContainText(FINDING_TITLE);
  await expect(detail.getByTestId('finding-priority-badge')).toHaveText('High priority');
  await expect(detail.getByTestId('finding-blocks')).toBeVisible();
  await expectNoA11yViolations(page, 'findings tab with the new high finding (auditor)');

  // The grantee sees findings from the draft report on.
  await page.getByTestId('audit-tab-overview').click();
  await expect(page.getByTestId('audit-count-findings')).toHaveText('1');
  await move(page, 'draft_report', 'Draft report', 'Fieldwork done; findings go to management for comments.');
  await signOut(page);
});

test('the open high finding blocks tranche 3 of the grant', async ({ page }) => {
  await signIn(page, 'officer');
  const now = await trancheCondition(page);
  expect(now.ok).toBe('false');
  expect(now.openHigh, now.reason).toBe(openHighBefore + 1);
  const tranche = page.locator('[data-testid="tranche"][data-seq="3"]');
  await expect(tranche.getByTestId('tranche-release')).toBeDisabled();
  await expect(tranche.getByTestId('tranche-blocked')).toBeVisible();
  await expectNoA11yViolations(page, 'officer grant page, tranche 3 blocked by the finding');
  await signOut(page);
});

test('the grantee, in Arabic on a phone, responds and completes the action with a file', async ({ page }) => {
  test.slow();
  await page.addInitScript(() => localStorage.setItem('mizan.lang', 'ar'));
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'applicant');
  await page.goto('/my-findings');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('my-findings-heading')).toBeVisible();
  const card = page.locator(`[data-testid="my-finding"][data-finding-id="${findingId}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText(FINDING_TITLE);
  await expect(card.getByTestId('my-finding-todo')).toBeVisible();
  await expectNoA11yViolations(page, 'my findings in Arabic on a phone');

  // A finding that asks for something opens by itself.
  await expect(card.getByTestId('my-finding-toggle')).toHaveAttribute('aria-expanded', 'true');
  await card.getByTestId('finding-respond-body').fill(RESPONSE_AR);
  await expectNoA11yViolations(page, 'a finding opened to respond, in Arabic on a phone');
  await card.getByTestId('finding-respond-submit').click();
  await expect(card.getByTestId('finding-response')).toContainText(RESPONSE_AR);

  await card.getByTestId('finding-complete-note').fill(COMPLETION_AR);
  await card.getByTestId('finding-complete-file').setInputFiles({ name: 'bank-receipt.jpg', mimeType: 'image/jpeg', buffer: receiptPhoto(20_000) });
  await expect(card.getByTestId('finding-complete-file-name')).toContainText('bank-receipt.jpg');
  await card.getByTestId('finding-complete-submit').click();
  await expect(card.getByTestId('finding-completion')).toContainText(COMPLETION_AR);
  await expect(card.getByTestId('finding-completion-file')).toContainText('bank-receipt.jpg');
  await expect(card.getByTestId('finding-complete-form')).toHaveCount(0);
  await expectNoA11yViolations(page, 'the completed action in Arabic on a phone');
  await signOut(page);
});

test('the officer confirms the refund; the completed action still blocks until a second person checks it', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  const completed = await trancheCondition(page);
  expect(completed.openHigh, `completed, not yet checked: ${completed.reason}`).toBe(openHighBefore + 1);

  await page.goto(`/audit/${engagementId}/findings?finding=${findingId}`);
  const detail = page.getByTestId('finding-detail');
  await expect(detail).toContainText(FINDING_TITLE);
  await expect(detail.getByTestId('finding-response')).toContainText(RESPONSE_AR);
  await expectNoA11yViolations(page, 'findings tab (officer): refund and check to do');

  await detail.getByTestId('finding-refund-reason').fill('Ineligible part confirmed against the receipt; repayable by the grantee.');
  await detail.getByTestId('finding-refund-submit').click();
  await expect(page.getByTestId('confirm-dialog-ok')).toBeVisible();
  await expectNoA11yViolations(page, 'confirm the refund');
  await page.getByTestId('confirm-dialog-ok').click();
  await expect(detail.getByTestId('finding-refund-state')).toBeVisible();
  await expect(detail.getByTestId('finding-refund-form')).toHaveCount(0);

  await detail.getByTestId('finding-check-note').fill('Bank receipt of the repayment seen.');
  await detail.getByTestId('finding-check-submit').click();
  await expect(detail.getByTestId('finding-checked')).toBeVisible();
  await expect(detail.getByTestId('finding-blocks')).toHaveCount(0);
  await expectNoA11yViolations(page, 'findings tab (officer): the action checked');

  const after = await trancheCondition(page);
  expect(after.openHigh, after.reason).toBe(openHighBefore);
  if (openHighBefore === 0) expect(after.reason).not.toMatch(/finding/i);
  await signOut(page);
});

test('the auditor builds the report: progress, download, and its text holds the sample, the finding and the trail head hash', async ({ page }) => {
  test.slow();
  await signIn(page, 'auditor');
  await page.goto(`/audit/${engagementId}/reconciliation`);
  await expect(page.getByTestId('audit-workspace-heading')).toContainText(TITLE);
  await expectNoA11yViolations(page, 'reconciliation tab (auditor)');
  await page.getByTestId('audit-tab-reports').click();
  await expect(page.getByTestId('audit-report-draft')).toBeVisible();
  await expectNoA11yViolations(page, 'reports tab before a report');

  await page.getByTestId('audit-report-draft').click();
  await page.getByTestId('audit-report-conclusion').fill('One exception: an ineligible personal purchase, refunded and checked.');
  await expectNoA11yViolations(page, 'build a draft report dialog');
  await page.getByTestId('audit-report-submit').click();
  const report = page.getByTestId('audit-report').first();
  const progress = report.getByTestId('audit-report-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(report.getByTestId('audit-report-sha')).toHaveText(/^[0-9a-f]{64}$/);
  const head = ((await report.getByTestId('audit-report-trail').textContent()) ?? '').trim();
  expect(head).toMatch(/^[0-9a-f]{64}$/);
  await expect(report.getByTestId('audit-report-verified')).toBeVisible();
  await expectNoA11yViolations(page, 'reports tab with the built report');

  const downloading = page.waitForEvent('download');
  await report.getByTestId('audit-report-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = readFileSync((await download.path()) as string);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(bytes);
  const flat = text.replace(/\s+/g, '');
  expect(flat, 'the seed').toContain(seed);
  expect(flat, 'a sampled item').toContain(exceptionItem.label.replace(/\s+/g, ''));
  expect(flat, 'the grant of the sampled item').toContain(grant.grantNumber.replace(/\s+/g, ''));
  expect(flat, 'the finding').toContain(FINDING_TITLE.replace(/\s+/g, ''));
  expect(flat, 'the trail head hash').toContain(head);
  await signOut(page);
});
