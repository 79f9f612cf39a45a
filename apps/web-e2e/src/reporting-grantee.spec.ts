import { expect, test, type Page, type Request } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { confirmedApproval, paidGrant, type PaidGrant } from './support/grants-data';
import { invitedPartner, openFirstReport, receiptPhoto, type PartnerUser } from './support/reporting-data';

/*
 * Reporting from the field (issue 11): a partner user in Iraq, on a phone
 * (390 px) in Arabic, adds three expenditure lines to the grant's first report
 * with a photo of each receipt. The connection drops in the middle of one
 * upload: it resumes at the offset the server has, without starting again.
 * One more line is typed offline: it waits on the device and goes when the
 * browser is back online.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const TITLE = `E2E Reporting ${stamp}`;
const TUS = '/api/v1/uploads/tus';
let paid: PaidGrant;
let partner: PartnerUser;
let reportId: string;
let dueId: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const world = await confirmedApproval(stamp, TITLE);
  paid = await paidGrant(world);
  partner = await invitedPartner(world.organizationId, stamp);
  const opened = await openFirstReport(paid.grant.id);
  reportId = opened.report.id;
  dueId = opened.due.id;
});

async function signInAsPartner(page: Page): Promise<void> {
  await page.addInitScript(() => {
    localStorage.setItem('mizan.lang', 'ar');
    localStorage.setItem('mizan.lang.pending', '1');
  });
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(partner.email);
  await page.getByTestId('sign-in-password').fill(partner.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/home$/);
}

async function addLine(page: Page, supplier: string, amount: string): Promise<void> {
  await page.getByTestId('line-add').click();
  await expect(page.getByTestId('line-form')).toBeVisible();
  await page.getByTestId('line-supplier').fill(supplier);
  await page.getByTestId('line-description').fill('لوازم العيادة');
  await page.getByTestId('line-amount').fill(amount);
  await page.getByTestId('line-save').click();
  await expect(page.getByTestId('line-form')).toBeHidden();
}

test('a partner on a phone in Arabic adds three lines with receipt photos; an upload cut off half-way resumes', async ({ page }) => {
  test.slow();
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsPartner(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await page.goto(`/my-grants/${paid.grant.id}`);
  const reporting = page.getByTestId('grant-reporting');
  await expect(reporting).toBeVisible();
  await expect(page.getByTestId(`due-state-${dueId}`)).toBeVisible();
  // The agreement fits the phone: each budget line's category in Arabic (not its code) with the description under
  // it, and each tranche's conditions in a row of their own — nothing to scroll sideways.
  const budget = page.getByTestId('content-budget');
  await expect(budget.getByTestId('content-budget-line').first()).toContainText('الموظفون');
  await expect(budget).toContainText('Trainers');
  await expect(budget).not.toContainText('personnel');
  await expect(page.getByTestId('content-tranche-conditions').first()).toBeVisible();
  for (const table of ['content-budget', 'content-tranches']) {
    const fits = await page.getByTestId(table).evaluate((el) => el.scrollWidth <= (el.parentElement?.clientWidth ?? 0) + 1);
    expect(fits, `${table} fits a 390 px phone`).toBe(true);
  }
  await expectNoA11yViolations(page, 'grant page with the reporting schedule (partner, Arabic, phone)');
  await page.getByTestId(`due-open-${dueId}`).click();
  await expect(page).toHaveURL(new RegExp(`/my-grants/${paid.grant.id}/reports/${reportId}$`));
  await expect(page.getByTestId('report-heading')).toBeVisible();
  await expect(page.getByTestId('lines-empty')).toBeVisible();
  await expectNoA11yViolations(page, 'empty report (partner, Arabic, phone)');

  // Every tus request, to tell a resumed upload from one started again.
  const tus: { method: string; url: string; offset: string | null }[] = [];
  page.on('request', (r: Request) => {
    if (r.url().includes(TUS)) tus.push({ method: r.method(), url: r.url(), offset: r.headers()['upload-offset'] ?? null });
  });
  // The second piece of the big receipt (the only file of more than one piece) never arrives: the connection is cut once.
  let cutUrl = '';
  await page.route(`**${TUS}/**`, async (route) => {
    const r = route.request();
    if (!cutUrl && r.method() === 'PATCH' && r.headers()['upload-offset'] === '1048576') {
      cutUrl = r.url();
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });

  const suppliers = ['مكتبة الرشيد', 'صيدلية البصرة', 'مطبعة النجف'];
  const sizes = new Map<string, number>();
  for (const [i, supplier] of suppliers.entries()) {
    const seq = i + 1;
    // The second amount typed as on an Arabic keyboard: Arabic-Indic digits and the Arabic decimal separator.
    await addLine(page, supplier, seq === 2 ? '٢٥٠٫٥٠' : `${(i + 1) * 125}.50`);
    const card = page.getByTestId(`line-${seq}`);
    await expect(card).toContainText(supplier);
    await page.getByTestId(`line-toggle-${seq}`).click();
    await expect(page.getByTestId(`line-details-${seq}`)).toBeVisible();
    if (seq === 1) await expectNoA11yViolations(page, 'report with a line opened (receipts, thread)');
    // Camera on phones: the input asks for a photo or a PDF and opens the back camera.
    const input = page.getByTestId(`receipt-${seq}-file`);
    await expect(input).toHaveAttribute('accept', 'image/*,application/pdf');
    await expect(input).toHaveAttribute('capture', 'environment');
    const photo = receiptPhoto(seq === 2 ? 2_600_000 : 300_000);
    sizes.set(`receipt-${seq}.jpg`, photo.length);
    await input.setInputFiles({ name: `receipt-${seq}.jpg`, mimeType: 'image/jpeg', buffer: photo });
    await expect(page.getByTestId(`receipt-${seq}-status`)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId(`line-receipts-${seq}`)).toHaveText('إيصال واحد');
    await page.getByTestId(`line-toggle-${seq}`).click();
  }

  // The cut upload: created once, and after the cut it went on from the offset the server had (1 MiB), not from 0.
  expect(cutUrl).not.toBe('');
  expect(tus.filter((r) => r.method === 'POST' && r.url.endsWith(TUS))).toHaveLength(3);
  const cutUpload = tus.filter((r) => r.url === cutUrl);
  const patchOffsets = cutUpload.filter((r) => r.method === 'PATCH').map((r) => r.offset);
  // 0 (sent), 1 MiB (cut), then — after asking the server (HEAD) — 1 MiB again and the rest; never 0 again.
  expect(patchOffsets.slice(0, 3)).toEqual(['0', '1048576', '1048576']);
  expect(patchOffsets.filter((o) => o === '0')).toHaveLength(1);
  const headAt = cutUpload.findIndex((r) => r.method === 'HEAD');
  expect(headAt).toBeGreaterThan(cutUpload.findIndex((r) => r.method === 'PATCH' && r.offset === '1048576'));

  // ٢٥٠٫٥٠ was read as 250.50, exactly.
  const lines = (await (await page.request.get(`/api/v1/reports/${reportId}/lines`)).json()) as { items: { seq: number; amountMinor: string }[] };
  expect(lines.items.find((l) => l.seq === 2)?.amountMinor).toBe('25050');

  // The files are stored with their capture time and place (EXIF), once each.
  const files = (await (await page.request.get(`/api/v1/reports/${reportId}/files`)).json()) as { fileName: string; sizeBytes: number; latitude: number; capturedAt: string }[];
  expect(files.map((f) => f.fileName).sort()).toEqual(['receipt-1.jpg', 'receipt-2.jpg', 'receipt-3.jpg']);
  // Stored whole, once: the exact byte count of the photo the phone sent (2.6 MB of padding plus the JPEG itself).
  expect(files.find((f) => f.fileName === 'receipt-2.jpg')?.sizeBytes).toBe(sizes.get('receipt-2.jpg'));
  expect(files.every((f) => Math.abs(f.latitude - 33.34) < 1e-6 && f.capturedAt)).toBe(true);

  await expect(page.getByTestId('budget-vs-actual')).toBeVisible();
  await expectNoA11yViolations(page, 'report with three lines and receipts (partner, Arabic, phone)');
});

test('a line typed offline waits on the device and is sent when the browser is back online', async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsPartner(page);
  await page.goto(`/my-grants/${paid.grant.id}/reports/${reportId}`);
  await expect(page.getByTestId('line-3')).toBeVisible();

  await context.setOffline(true);
  await addLine(page, 'مخبز الكرادة', '40.00');
  await expect(page.getByTestId('report-waiting')).toBeVisible();
  await expect(page.getByTestId('pending-lines')).toContainText('مخبز الكرادة');
  await expect(page.getByTestId('pending-badge')).toBeVisible();
  await expectNoA11yViolations(page, 'report with a line waiting to send (offline)');

  await context.setOffline(false);
  await expect(page.getByTestId('report-waiting')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('line-4')).toContainText('مخبز الكرادة');
  // Sent once, even if the browser tried more than once.
  const lines = (await (await page.request.get(`/api/v1/reports/${reportId}/lines?page=1&pageSize=100`)).json()) as { items: { supplier: string }[] };
  expect(lines.items.filter((l) => l.supplier === 'مخبز الكرادة')).toHaveLength(1);
});
