import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_ROLES, EXPECTED_NAV, NAV_IDS, demoEmail } from './support/demo';
import { openSignIn, signIn, signOut } from './support/session';

test.describe('signing in', () => {
  test('a wrong password shows a clear error and keeps the visitor on sign-in', async ({
    page,
  }) => {
    await openSignIn(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Sign in to Mizan',
    );
    await expectNoA11yViolations(page, 'sign-in page');

    await page.getByTestId('sign-in-email').fill(demoEmail('admin'));
    await page.getByTestId('sign-in-password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();

    await expect(page.getByTestId('sign-in-error')).toHaveText(
      'The email or password is not correct.',
    );
    await expect(page).toHaveURL(/\/sign-in/);
    await expectNoA11yViolations(page, 'sign-in page with an error');
  });

  test('an empty form names the missing fields', async ({ page }) => {
    await openSignIn(page);
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByText('Enter your email address.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
    await expectNoA11yViolations(page, 'sign-in page with field errors');
  });

  test('a signed-out visitor is sent to sign-in and comes back afterwards', async ({
    page,
  }) => {
    await page.goto('/trail');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Ftrail/);
    await page.getByTestId('sign-in-email').fill(demoEmail('auditor'));
    await page.getByTestId('sign-in-password').fill('mizan-demo-2026');
    await page.getByTestId('sign-in-submit').click();
    await expect(page).toHaveURL(/\/trail$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Activity trail',
    );
  });
});

/** One card link each role's home must have (the menu label of its main page). */
const HOME_LINK: Record<(typeof DEMO_ROLES)[number], string> = {
  applicant: 'Go to My grants',
  partner: 'Go to My grants',
  officer: 'Go to Reports',
  reviewer: 'Go to My reviews',
  finance: 'Go to Payments desk',
  auditor: 'Go to Audit',
  admin: 'Go to Users',
  monitor: 'Go to My assigned grants',
};

test.describe('each role has its own home', () => {
  for (const role of DEMO_ROLES) {
    test(`${role} sees their home and only their navigation`, async ({
      page,
    }) => {
      await signIn(page, role);

      await expect(page.getByTestId('home-heading')).toHaveText(
        /^\s*Welcome, \S.*$/,
      );
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expect(page.getByTestId(`home-role-${role}`)).toBeVisible();
      await expect(page.getByTestId('user-roles')).toBeVisible();

      const nav = page.getByRole('navigation');
      for (const id of NAV_IDS) {
        if (EXPECTED_NAV[role].includes(id)) {
          await expect(
            nav.getByTestId(id),
            `${role} should see ${id}`,
          ).toBeVisible();
        } else {
          await expect(
            nav.getByTestId(id),
            `${role} must not see ${id}`,
          ).toHaveCount(0);
        }
      }
      const section = page.getByTestId(`home-role-${role}`);
      await expect(
        section.getByRole('link', { name: HOME_LINK[role] }),
      ).toBeVisible();
      // Every card opens its page: none is a promise of something to come.
      const cards = section.locator('[data-testid^="home-card-"]');
      await expect(cards.first()).toBeVisible();
      await expect(section.getByRole('link')).toHaveCount(await cards.count());
      if (EXPECTED_NAV[role].includes('nav-trail')) {
        await expect(
          section.getByRole('link', { name: 'Go to Activity trail' }),
        ).toBeVisible();
      }
      await expectNoA11yViolations(page, `${role} home`);

      if (!EXPECTED_NAV[role].includes('nav-trail')) {
        await page.goto('/trail');
        await expect(page.getByTestId('not-allowed')).toBeVisible();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(
          'Not allowed',
        );
        await expectNoA11yViolations(page, `${role} not-allowed page`);
      }

      await signOut(page);
      await page.goto('/home');
      await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fhome/);
    });
  }
});

test.describe("index.html's sign-in form, before the app has arrived", () => {
  test('shows the page in the chosen language, takes typing and Enter, and the app carries them on', async ({
    page,
  }) => {
    // The app's entry script is held back, as on a slow link; the shell (tools/build/sign-in-shell.ts) is all there is.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/main-[A-Za-z0-9_-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.addInitScript(() => {
      localStorage.setItem('mizan.lang', 'ar');
      localStorage.setItem('mizan.lang.pending', '1');
    });
    await page.goto('/sign-in', { waitUntil: 'commit' });
    await expect(page.locator('#mz-sign-in-shell')).toBeVisible();
    const html = page.locator('html');
    await expect(html).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'تسجيل الدخول إلى ميزان',
    );
    await expectNoA11yViolations(page, 'sign-in page before the app, Arabic', {
      signInShell: true,
    });

    await page.getByTestId('sign-in-email').fill(demoEmail('auditor'));
    await page.getByTestId('sign-in-password').fill('mizan-demo-2026');
    await page.getByTestId('sign-in-password').press('Enter');
    await expect(page.locator('#mz-sign-in-shell')).toHaveAttribute(
      'data-submitted',
      '1',
    );
    await expect(page).toHaveURL(/\/sign-in$/);

    release();
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByTestId('home-heading')).toContainText('أهلاً بك');
    await expect(page.locator('#mz-sign-in-shell')).toHaveCount(0);
  });
});

test.describe('languages', () => {
  test('Arabic turns the page right-to-left, and the choice is remembered', async ({
    page,
  }) => {
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

    await page.getByTestId('lang-menu').click();
    await page.getByTestId('lang-ar').click();

    const html = page.locator('html');
    await expect(html).toHaveAttribute('dir', 'rtl');
    await expect(html).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'تسجيل الدخول إلى ميزان',
    );
    await expectNoA11yViolations(page, 'sign-in page in Arabic');

    await page.reload();
    await expect(html).toHaveAttribute('dir', 'rtl');

    await page.getByTestId('sign-in-email').fill(demoEmail('auditor'));
    await page.getByTestId('sign-in-password').fill('mizan-demo-2026');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('home-heading')).toContainText('أهلاً بك');
    await expect(page.getByTestId('nav-trail')).toContainText('سجلّ النشاط');
    await expectNoA11yViolations(page, 'auditor home in Arabic');

    await page.getByTestId('lang-menu').click();
    await page.getByTestId('lang-sv').click();
    await expect(html).toHaveAttribute('dir', 'ltr');
    await expect(html).toHaveAttribute('lang', 'sv');
    await expect(page.getByTestId('sign-out')).toContainText('Logga ut');
  });
});

test.describe('small screens', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the side navigation folds into a menu button', async ({ page }) => {
    await signIn(page, 'admin');
    const menu = page.getByRole('button', { name: 'Open navigation menu' });
    await expect(menu).toBeVisible();
    await expect(page.getByTestId('nav-users')).toBeHidden();
    await menu.click();
    await expect(page.getByTestId('nav-users')).toBeVisible();
    await expectNoA11yViolations(
      page,
      'admin home on a phone with the menu open',
    );
    await page.getByTestId('nav-users').click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByTestId('nav-users')).toBeHidden();
  });
});
