import { expect, test, type Page } from '@playwright/test';
import type { UserSummary } from '@mizan/contracts';
import { Secret, TOTP } from 'otpauth';
import { expectNoA11yViolations } from './support/a11y';
import { apiAs } from './support/officer-data';
import { DEMO_PASSWORD } from './support/demo';
import { confirmItIsYou } from './support/reauth';
import { signIn, signOut } from './support/session';

const PASSWORD = 'a-long-enough-password-2026';
const STEP_MS = 30_000;

/**
 * The user's authenticator app: a code for a time step the server has not
 * accepted yet (each code is accepted once). The server takes the current step
 * and the next; once both are spent, wait for the clock to reach a new step.
 */
class Authenticator {
  private lastStep = -1;
  constructor(readonly secret: string) {}

  async nextCode(): Promise<string> {
    await expect
      .poll(() => Math.floor(Date.now() / STEP_MS) + 1, { timeout: 45_000 })
      .toBeGreaterThan(this.lastStep);
    const current = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(current, this.lastStep + 1);
    this.lastStep = step;
    return this.codeAt(step);
  }

  /** A code far from now: wrong at any moment of this test. */
  wrongCode(): string {
    return this.codeAt(Math.floor(Date.now() / STEP_MS) + 40);
  }

  private codeAt(step: number): string {
    return TOTP.generate({
      secret: Secret.fromBase32(this.secret),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      timestamp: step * STEP_MS + STEP_MS / 2,
    });
  }
}

/** A fresh user of the demo agency, made by the demo admin through the api. */
async function createUser(roles: UserSummary['roles']): Promise<UserSummary> {
  const admin = await apiAs('admin');
  // Creating a user is sensitive: the admin's api session gives the password again first.
  expect((await admin.post('/api/v1/auth/reauth', { data: { password: DEMO_PASSWORD } })).status()).toBe(200);
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const response = await admin.post('/api/v1/users', {
    data: {
      email: `e2e-2fa-${stamp}@demo.mizan.local`,
      displayName: `E2E Two-factor ${stamp}`,
      password: PASSWORD,
      roles,
    },
  });
  expect(response.status()).toBe(201);
  const user = (await response.json()) as UserSummary;
  await admin.dispose();
  return user;
}

async function passwordStep(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
}

test('a user sets up two-factor sign-in, then signs in with a code, a wrong code and a recovery code', async ({
  page,
}) => {
  test.slow();
  const user = await createUser(['officer']);
  await passwordStep(page, user.email);
  await expect(page).toHaveURL(/\/home$/);

  // Enrolment on the account security page: QR code, the key as text, the first code.
  await page.getByTestId('account-security').click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId('two-factor-status')).toHaveAttribute(
    'data-enabled',
    'false',
  );
  await page.getByTestId('two-factor-start').click();
  // Setting up a second factor from a signed-in session asks for the password first.
  await confirmItIsYou(page, PASSWORD);
  const qr = page.getByTestId('two-factor-qr');
  await expect(qr).toBeVisible();
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(100);
  const shown = (await page.getByTestId('two-factor-secret').innerText()).replace(
    /\s/g,
    '',
  );
  expect(shown).toMatch(/^[A-Z2-7]{32}$/);
  const app = new Authenticator(shown);
  await expectNoA11yViolations(page, 'two-factor enrolment');

  await page.getByTestId('two-factor-enrol-code').fill(app.wrongCode());
  await page.getByTestId('two-factor-enrol-confirm').click();
  await expect(page.getByTestId('two-factor-enrol-error')).toBeVisible();
  await page.getByTestId('two-factor-enrol-code').fill(await app.nextCode());
  await page.getByTestId('two-factor-enrol-confirm').click();
  const codes = page.getByTestId('recovery-code');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allInnerTexts();
  await expect(page.getByTestId('two-factor-status')).toHaveAttribute(
    'data-enabled',
    'true',
  );
  await expectNoA11yViolations(page, 'recovery codes shown once');
  await signOut(page);

  // Password, then a wrong code, then the right one.
  await passwordStep(page, user.email);
  const code = page.getByTestId('sign-in-code');
  await expect(code).toBeVisible();
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expectNoA11yViolations(page, 'sign-in code step');
  await code.fill(app.wrongCode());
  await page.getByTestId('sign-in-code-submit').click();
  await expect(page.getByTestId('sign-in-error')).toContainText(
    'The code is not correct',
  );
  await expect(page).toHaveURL(/\/sign-in/);
  await code.fill(await app.nextCode());
  await page.getByTestId('sign-in-code-submit').click();
  await expect(page).toHaveURL(/\/home$/);
  await signOut(page);

  // A recovery code instead of the app: once.
  await passwordStep(page, user.email);
  await page.getByTestId('sign-in-use-recovery').click();
  await expect(code).toHaveAttribute('inputmode', 'text');
  await code.fill(recoveryCodes[0]);
  await page.getByTestId('sign-in-code-submit').click();
  await expect(page).toHaveURL(/\/home$/);
  await signOut(page);
  await passwordStep(page, user.email);
  await page.getByTestId('sign-in-use-recovery').click();
  await code.fill(recoveryCodes[0]);
  await page.getByTestId('sign-in-code-submit').click();
  await expect(page.getByTestId('sign-in-error')).toBeVisible();
  await page.getByTestId('sign-in-use-recovery').click();
  await code.fill(await app.nextCode());
  await page.getByTestId('sign-in-code-submit').click();
  await expect(page).toHaveURL(/\/home$/);

  // New recovery codes are sensitive: password and code again, then the new codes.
  await page.getByTestId('account-security').click();
  await expect(page.getByTestId('two-factor-status')).toContainText('9');
  await page.getByTestId('recovery-codes-regenerate').click();
  await expect(page.getByTestId('reauth-code')).toBeVisible();
  await expectNoA11yViolations(page, 're-authentication dialog with a code');
  await confirmItIsYou(page, PASSWORD, await app.nextCode());
  await expect(codes).toHaveCount(10);
  expect(await codes.allInnerTexts()).not.toContain(recoveryCodes[1]);
});

test('an admin changes a role: the re-authentication dialog asks for the password, then the change is done', async ({
  page,
}) => {
  const user = await createUser(['applicant']);
  await signIn(page, 'admin');
  await page.getByTestId('nav-users').click();
  const row = page.locator(`[data-testid="user-row"][data-user-id="${user.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('user-two-factor-cell')).toHaveText(/Off/);
  await expect(page.getByTestId('agency-two-factor-toggle')).toBeVisible();

  await row.getByTestId('user-edit-roles').click();
  await page.getByTestId('roles-select').click();
  await page.getByTestId('role-option-reviewer').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('roles-reason').fill('E2E: needs re-authentication');
  await page.getByTestId('roles-submit').click();

  await expect(page.getByTestId('reauth-password')).toBeVisible();
  await expectNoA11yViolations(page, 're-authentication dialog');
  await page.getByTestId('reauth-password').fill('not the password');
  await page.getByTestId('reauth-submit').click();
  await expect(page.getByTestId('reauth-error')).toContainText(
    'password is not correct',
  );
  await confirmItIsYou(page);
  await expect(page.getByTestId('roles-submit')).toBeHidden();
  await expect(row.getByTestId('user-roles-cell')).toHaveText(
    /Applicant.*Reviewer|Reviewer.*Applicant/s,
  );
});
