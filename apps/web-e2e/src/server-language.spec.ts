import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import type { CallView, SessionInfo, UserSummary } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_PASSWORD } from './support/demo';
import { addPartner, apiAs, baseUrl, createOpenCall, createProgram, registerOrganization, submittedApplication, uploadDocument } from './support/officer-data';
import { expectMail } from './support/review-data';

/*
 * Server text in the reader's language (issue 10): an applicant who reads
 * Mizan in Arabic picks Arabic in the language menu (saved as their language
 * on the server); the officer's rejection then reaches them in Arabic, in the
 * bell, on the notifications page and in the email the worker sent (subject,
 * body, and an HTML part written right to left). Signing in again on a fresh
 * browser brings Arabic back from the server.
 *
 * A fresh applicant of the demo agency, so the demo users keep their language.
 */
test.describe.configure({ mode: 'serial' });

const API = '/api/v1';
const stamp = Date.now();
const PASSWORD = 'server-language-2026';
const EMAIL = `e2e-arabic-${stamp}@demo.mizan.local`;
const TITLE = `E2E Women's radio in Basra ${stamp}`;
const NOTE = 'The studio rental is not costed.';

let applicationId: string;

async function ok<T>(call: Promise<import('@playwright/test').APIResponse>, what: string): Promise<T> {
  const response = await call;
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function signedInAs(email: string, password: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: baseUrl() });
  await ok(api.post(`${API}/auth/sign-in`, { data: { email, password } }), `sign-in as ${email}`);
  return api;
}

test.beforeAll(async () => {
  const admin = await apiAs('admin');
  const officer = await apiAs('officer');
  try {
    await ok(admin.post(`${API}/auth/reauth`, { data: { password: DEMO_PASSWORD } }), 'reauth');
    await ok<UserSummary>(admin.post(`${API}/users`, { data: { email: EMAIL, displayName: `Samira Jaber ${stamp}`, password: PASSWORD, roles: ['applicant'] } }), 'create applicant');
    const applicant = await signedInAs(EMAIL, PASSWORD);
    try {
      const program = await createProgram(officer, `E2E language program ${stamp}`);
      const call: CallView = await createOpenCall(officer, program.id, `E2E language call ${stamp}`);
      const org = await registerOrganization(applicant, `E2E Basra Women's Voices ${stamp}`);
      await uploadDocument(applicant, org.id, 'statutes');
      const partner = await addPartner(applicant, org.id, `E2E Basra Radio ${stamp}`);
      const { application } = await submittedApplication(applicant, call.id, org.id, partner.id, TITLE);
      applicationId = application.id;
      for (const action of ['start_screening', 'mark_eligible']) {
        await ok(officer.post(`${API}/applications/${applicationId}/screening`, { data: { action, reason: null } }), `screening ${action}`);
      }
      await ok(officer.post(`${API}/calls/${call.id}/assignments/bulk`, { data: { perApplication: 1, applicationIds: [applicationId] } }), 'assign a reviewer');
    } finally {
      await applicant.dispose();
    }
  } finally {
    await admin.dispose();
    await officer.dispose();
  }
});

test('an applicant picks Arabic: it is saved as their language, and the decision reaches them in Arabic in the app and by email', async ({ page }) => {
  test.slow();
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(EMAIL);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('home-heading')).toBeVisible();
  // No language stored yet: the one shown (English, the browser's) is saved once.
  await expect.poll(async () => (await (await page.request.get(`${API}/auth/session`)).json() as SessionInfo).user.language).toBe('en');

  await page.getByTestId('lang-menu').click();
  await page.getByTestId('lang-ar').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect.poll(async () => (await (await page.request.get(`${API}/auth/session`)).json() as SessionInfo).user.language).toBe('ar');

  // The officer rejects (final at once): the news is written for an Arabic reader.
  const officer = await apiAs('officer');
  try {
    await ok(
      officer.post(`${API}/applications/${applicationId}/decision`, {
        data: { outcome: 'rejected', rejectionReasons: ['budget_not_credible', 'other'], rejectionNote: NOTE, rationale: 'Below the funding line' },
      }),
      'reject',
    );
  } finally {
    await officer.dispose();
  }

  await page.reload();
  await expect(page.getByTestId('notification-count')).not.toHaveText('');
  await page.getByTestId('notification-bell').click();
  const item = page.getByTestId('notification-item').filter({ hasText: TITLE });
  await expect(item).toContainText('لم تتم الموافقة على الطلب');
  await expectNoA11yViolations(page, 'notification bell in Arabic');
  await page.keyboard.press('Escape');

  await page.goto('/notifications');
  const row = page.getByTestId('notification-item').filter({ hasText: TITLE });
  await expect(row).toContainText('لم تتم الموافقة على الطلب');
  await expect(row).toContainText('الميزانية غير واقعية');
  await expectNoA11yViolations(page, 'notifications page in Arabic');

  // Swedish in the menu: the same notification, now in Swedish.
  await page.getByTestId('lang-menu').click();
  await page.getByTestId('lang-sv').click();
  await expect(page.getByTestId('notification-item').filter({ hasText: TITLE })).toContainText('Ansökan inte beviljad');
  await page.getByTestId('lang-menu').click();
  await page.getByTestId('lang-ar').click();
  await expect(page.getByTestId('notification-item').filter({ hasText: TITLE })).toContainText('لم تتم الموافقة على الطلب');

  // The email was written while they read Arabic.
  const mail = await expectMail(EMAIL, TITLE);
  expect(mail.subject).toContain('لم تتم الموافقة على الطلب');
  expect(mail.text).toContain('الأسباب:');
  expect(mail.text).toContain('الميزانية غير واقعية بالنسبة إلى الأنشطة المخطط لها.');
  expect(mail.text).toContain(NOTE);
  expect(mail.text).toContain('ميزان. سجّل الدخول لرؤية التفاصيل');
  expect(mail.html).toMatch(/<html lang="ar" dir="rtl">/);
});

test('signing in on a fresh browser brings the saved Arabic back from the server', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.getByTestId('sign-in-email').fill(EMAIL);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('home-heading')).toBeVisible();
  await expectNoA11yViolations(page, 'home after sign-in, in the saved Arabic');
});
