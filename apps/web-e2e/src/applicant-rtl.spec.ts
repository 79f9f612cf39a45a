import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import {
  draftApplication,
  openCallForApplicants,
} from './support/applicant-data';
import { signIn } from './support/session';

/* The registration page and the editor in Arabic: right to left, translated, and usable on a phone. */

test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('mizan.lang', 'ar'));
});

test('the registration page in Arabic is right-to-left, with the IBAN check in Arabic', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill('applicant@demo.mizan.local');
  await page.getByTestId('sign-in-password').fill('mizan-demo-2026');
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/home$/);

  await page.goto('/my-organizations/new');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'تسجيل منظمة',
  );
  await page.getByTestId('org-iban').fill('SE45 5000 0000 0583 9825 7467');
  await expect(page.getByTestId('org-iban-error')).toHaveText(
    'رقما التحقق في IBAN غير مطابقين: تحقّق من وجود خطأ في الكتابة.',
  );
  await expectNoA11yViolations(page, 'registration page in Arabic');
});

test('on a phone, in Arabic, the editor is a vertical stepper', async ({
  page,
}) => {
  const stamp = Date.now();
  const call = await openCallForApplicants(stamp);
  const draft = await draftApplication(stamp, call.id);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'applicant');
  await page.goto(`/my-applications/${draft.id}/edit`);
  await expect(page.getByTestId('editor-heading')).toHaveText(draft.title);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('mat-stepper')).toHaveClass(/mat-stepper-vertical/);
  await expect(page.getByTestId('save-status')).toHaveText(
    /لا توجد تغييرات غير محفوظة/,
  );
  await expectNoA11yViolations(page, 'editor in Arabic on a phone');

  // A budget line typed with Arabic-Indic digits is read exactly.
  await page.locator('mat-step-header').nth(4).click();
  await page.getByTestId('add-line').click();
  await page.getByTestId('line-amount').fill('١٢٥٠٠٫٥');
  await expect(page.getByTestId('bar-requested')).toContainText(
    /12,500\.50|١٢٬٥٠٠٫٥٠/,
  );
  await expect(page.getByTestId('save-status')).toHaveAttribute(
    'data-status',
    'saved',
    {
      timeout: 20_000,
    },
  );
  await expectNoA11yViolations(page, 'budget step in Arabic on a phone');
});
