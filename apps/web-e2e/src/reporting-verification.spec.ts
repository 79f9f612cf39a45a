import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { Workbook } from 'exceljs';
import type { ReportView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { confirmedApproval, paidGrant, type PaidGrant } from './support/grants-data';
import { linesByApi, openFirstReport, receiptByApi, receiptPhoto } from './support/reporting-data';
import { signIn, signOut } from './support/session';

/*
 * Reporting and verification end to end (issue 11, "Seen working"): the
 * grantee's report has three lines (one with a receipt); the grantee imports
 * twenty more from the XLSX template and submits; the officer verifies by
 * keyboard only, questions one line and marks part of another ineligible; the
 * grantee answers; the officer accepts that line and the report. The grant's
 * ledger statement then shows the verified expenditure and a refund
 * receivable of the ineligible amount, and tranche 2's "previous report
 * accepted" condition holds.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const TITLE = `E2E Verification ${stamp}`;
const QUESTION = 'Which clinic received these supplies? Please name it.';
const ANSWER = 'The Karrada clinic; the delivery note is on the receipt.';
const INELIGIBLE = '120.00';
const INELIGIBLE_MINOR = 12000n;
let paid: PaidGrant;
let report: ReportView;
/** Every line's amount in minor units of the grant currency (api lines and imported ones). */
const amounts: bigint[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const world = await confirmedApproval(stamp, TITLE);
  paid = await paidGrant(world);
  report = (await openFirstReport(paid.grant.id)).report;
  const lines = await linesByApi(report, [
    { supplier: `Rasheed Stationery ${stamp}`, amount: '125000' },
    { supplier: `Basra Pharmacy ${stamp}`, amount: '48050' },
    { supplier: `Najaf Printing ${stamp}`, amount: '30000' },
  ]);
  amounts.push(125000n, 48050n, 30000n);
  await receiptByApi(report.id, lines[0].id, 'receipt-1.jpg', receiptPhoto(200_000));
});

test('the grantee imports twenty lines from the XLSX template and submits the report', async ({ page }) => {
  test.slow();
  await signIn(page, 'applicant');
  await page.goto(`/my-grants/${paid.grant.id}/reports/${report.id}`);
  await expect(page.getByTestId('report-heading')).toBeVisible();
  await expect(page.getByTestId('line-3')).toBeVisible();
  await expectNoA11yViolations(page, 'draft report with three lines (grantee)');

  // The template, downloaded from the page: an XLSX with the grant's budget lines.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('template-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = readFileSync((await download.path()) as string);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const budgetSheet = workbook.getWorksheet('Budget lines');
  expect(budgetSheet, 'the template lists the budget lines').toBeTruthy();
  const budgetIds: string[] = [];
  budgetSheet?.eachRow((row, n) => {
    if (n > 1) budgetIds.push(String(row.getCell(1).value));
  });
  expect(budgetIds.sort()).toEqual(report.budgetLines.map((b) => b.id).sort());

  // Twenty rows, typed into the template's "Lines" sheet as a grantee would.
  const sheet = workbook.getWorksheet('Lines');
  if (!sheet) throw new Error('the template has no Lines sheet');
  for (let i = 0; i < 20; i++) {
    // 2,800.00 SEK and up: with the other lines, over 70 % of tranche 1 (80,000.00 SEK) is accounted for, as tranche 2 asks.
    const minor = 280000n + BigInt(i) * 1375n;
    amounts.push(minor);
    sheet.getRow(i + 2).values = [
      new Date().toISOString().slice(0, 10),
      report.budgetLines[i % report.budgetLines.length].id,
      `Imported supplier ${i + 1} ${stamp}`,
      `Imported line ${i + 1}`,
      Number(minor) / 100,
      report.currency,
      null,
      null,
      null,
      i % 3 === 0 ? 'cash' : 'bank',
    ];
  }
  const filled = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);

  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('import-choose').click();
  await (await choosing).setFiles({ name: 'lines.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
  await expect(page.getByTestId('line-23')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-problems')).toHaveCount(0);
  await expect(page.getByTestId('line-24')).toHaveCount(0);
  await expect(page.getByTestId('line-23')).toContainText(`Imported supplier 20 ${stamp}`);
  await expectNoA11yViolations(page, 'report with twenty imported lines (grantee)');

  await page.getByTestId('report-submit').click();
  await expect(page.getByTestId('confirm-dialog-ok')).toBeVisible();
  await expectNoA11yViolations(page, 'submit confirmation (grantee)');
  await page.getByTestId('confirm-dialog-ok').click();
  await expect(page.getByTestId('report-state')).toHaveText(/submitted/i);
  await expect(page.getByTestId('report-submit')).toHaveCount(0);
});

async function verifyPage(page: Page): Promise<void> {
  await page.goto(`/officer/reports/${report.id}/verify`);
  await expect(page.getByTestId('verify-heading')).toBeVisible();
  await expect(page.getByTestId('verify-line-23')).toBeVisible();
  // Keyboard only from here: the line list takes focus (as Tab would bring it), keys do the rest.
  await page.getByTestId('verify-lines').focus();
}

async function lineState(page: Page, seq: number, state: string): Promise<void> {
  await expect(page.getByTestId(`verify-line-${seq}`).locator(`.state-${state}`)).toBeVisible();
}

async function selected(page: Page, seq: number): Promise<void> {
  await expect(page.getByTestId(`verify-line-${seq}`)).toHaveAttribute('aria-selected', 'true');
}

test('the officer verifies by keyboard: accepts, questions one line, marks one ineligible', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await page.goto('/officer/reports');
  const row = page.locator(`[data-testid="report-submitted-row"][data-report-id="${report.id}"]`);
  await expect(row).toBeVisible();
  await expectNoA11yViolations(page, 'officer reports list');
  await row.getByTestId('report-verify-link').click();
  await expect(page).toHaveURL(new RegExp(`/officer/reports/${report.id}/verify$`));

  await verifyPage(page);
  await selected(page, 1);
  // The receipt uploaded with line 1 is beside it.
  await expect(page.getByTestId('verify-receipt')).toContainText('receipt-1.jpg');
  // The line's budget line in words ("Personnel · Trainers"), not its id.
  await expect(page.getByTestId('verify-line-budget')).toHaveText(/^\s*(Personnel|Activities|Administration) · \S/);
  await expectNoA11yViolations(page, 'verification page, line 1 with its receipt');

  // Line 1: accept (a) — the selection moves on.
  await page.keyboard.press('a');
  await selected(page, 2);
  await lineState(page, 1, 'accepted');

  // Line 2: question (q), typed and sent by keyboard.
  await page.keyboard.press('q');
  const question = page.getByTestId('verify-question-text');
  await expect(question).toBeFocused();
  await expectNoA11yViolations(page, 'question dialog');
  await page.keyboard.type(QUESTION);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('verify-dialog-submit')).toBeFocused();
  await page.keyboard.press('Enter');
  await lineState(page, 2, 'questioned');
  await expect(page.getByTestId('verify-thread')).toContainText(QUESTION);
  await selected(page, 2);

  // Line 3 (j): part of it ineligible (i), amount and reason, Enter in the amount sends it.
  await page.keyboard.press('j');
  await selected(page, 3);
  await page.keyboard.press('i');
  const amount = page.getByTestId('verify-ineligible-amount');
  await expect(amount).toBeFocused();
  await expectNoA11yViolations(page, 'ineligible dialog');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(INELIGIBLE);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('verify-ineligible-reason')).toBeFocused();
  await page.keyboard.type('Printing of party posters is outside the grant purpose.');
  await page.keyboard.press('Shift+Tab');
  await expect(amount).toBeFocused();
  await page.keyboard.press('Enter');
  await selected(page, 4);
  await lineState(page, 3, 'ineligible');

  // Lines 4–23: accept each (a), the selection walking down the list.
  for (let seq = 4; seq <= 23; seq++) {
    await selected(page, seq);
    await page.keyboard.press('a');
    await lineState(page, seq, 'accepted');
  }
  // The questioned line is still open: the report cannot be accepted yet.
  await expect(page.getByTestId('verify-accept-report')).toBeDisabled();
  await expectNoA11yViolations(page, 'verification page, all but the questioned line decided');
});

test('the grantee answers the question in the line thread', async ({ page }) => {
  await signIn(page, 'applicant');
  await page.goto(`/my-grants/${paid.grant.id}/reports/${report.id}`);
  const line = page.getByTestId('line-2');
  await expect(line).toBeVisible();
  await line.locator('button[aria-expanded]').click();
  await expect(page.getByTestId('thread-2')).toContainText(QUESTION);
  await expectNoA11yViolations(page, 'questioned line with its thread (grantee)');
  await page.getByTestId('answer-2').fill(ANSWER);
  await page.getByTestId('answer-send-2').click();
  await expect(page.getByTestId('thread-2')).toContainText(ANSWER);
});

test('the officer accepts the answered line and the report; the ledger and tranche 2 follow', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await verifyPage(page);
  await selected(page, 1);
  await page.keyboard.press('ArrowDown');
  await selected(page, 2);
  await expect(page.getByTestId('verify-thread')).toContainText(ANSWER);
  await page.keyboard.press('a');
  await lineState(page, 2, 'accepted');

  await expect(page.getByTestId('verify-accept-report')).toBeEnabled();
  await page.getByTestId('verify-accept-report').click();
  await expect(page.getByTestId('confirm-dialog-ok')).toBeVisible();
  await expectNoA11yViolations(page, 'accept report confirmation');
  await page.getByTestId('confirm-dialog-ok').click();
  await expect(page.getByTestId('verify-report-state')).toHaveText(/accepted/i);

  // The ledger statement of the grant: verified expenditure (all lines less the ineligible part) and the refund receivable.
  const total = amounts.reduce((a, b) => a + b, 0n);
  await page.goto(`/finance/ledger?program=${paid.grant.programId}&grant=${paid.grant.id}&tab=statement`);
  const balances = page.getByTestId('statement-balances');
  await expect(balances).toBeVisible();
  const digits = async (code: string): Promise<string> => ((await balances.locator(`dd[data-code="${code}"]`).textContent()) ?? '').replace(/\D/g, '');
  await expect.poll(() => digits('verified_expenditure')).toBe((total - INELIGIBLE_MINOR).toString());
  await expect.poll(() => digits('refund_receivable')).toBe(INELIGIBLE_MINOR.toString());
  await expectNoA11yViolations(page, 'grant ledger statement after the accepted report');

  // Tranche 2: the previous report is accepted; the release can be requested.
  await page.goto(`/officer/grants/${paid.grant.id}`);
  const tranche2 = page.locator('[data-testid="tranche"][data-seq="2"]');
  await expect(tranche2).toBeVisible();
  await expect(tranche2.locator('[data-testid="condition"][data-kind="previous_report_accepted"]')).toHaveAttribute('data-ok', 'true');
  await expect(tranche2.locator('[data-testid="condition"][data-ok="false"]')).toHaveCount(0);
  await expect(tranche2.getByTestId('tranche-release')).toBeEnabled();
  await expect(tranche2.getByTestId('tranche-blocked')).toHaveCount(0);
  await expectNoA11yViolations(page, 'officer grant page, tranche 2 requestable');
  await signOut(page);
});
