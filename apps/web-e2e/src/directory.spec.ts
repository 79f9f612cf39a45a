import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { expectMail } from './support/review-data';
import { signIn } from './support/session';

/*
 * The expertise directory end to end (issue 15): a diaspora professional registers in Arabic on a phone, verifies
 * the address from the mail, fills the profile and chooses who sees it; the demo partner (Basra) posts a need for an
 * online psychotherapy trainer; the officer runs the matching, reads the reasons and proposes the expert; the expert
 * accepts and the host accepts too — both now see each other's contact details; the expert logs two online sessions;
 * the host closes and rates the assignment; the expert erases the account, and the officer's search and map no longer
 * count them. Names and addresses are unique per run: the demo database is shared with the other specs.
 */

test.describe.configure({ timeout: 180_000 });

const PASSWORD = 'directory-e2e-password-2026';

async function expertContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(() => localStorage.setItem('mizan.lang', 'ar'));
  return { context, page: await context.newPage() };
}

async function userPage(browser: Browser, role: 'partner' | 'officer'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript(() => localStorage.setItem('mizan.lang', 'en'));
  await signIn(page, role);
  return page;
}

/** Picks options of a mat-select by their data-code, then closes its panel. */
async function choose(page: Page, testId: string, codes: readonly string[]): Promise<void> {
  await page.getByTestId(testId).click();
  for (const code of codes) await page.locator(`mat-option[data-code="${code}"]`).click();
  if (codes.length > 1 || (await page.locator('.mat-mdc-select-panel').isVisible())) await page.keyboard.press('Escape');
  await expect(page.locator('.mat-mdc-select-panel')).toHaveCount(0);
}

/** The number the map's table shows for Sweden (the expert lives there), as digits. */
async function swedenCount(page: Page): Promise<string> {
  await page.goto('/directory/map');
  const row = page.locator('[data-testid="map-row"][data-key="SE"] td');
  await expect(row).toBeVisible();
  return (await row.textContent())?.trim() ?? '';
}

test('an expert registers, is matched to a need in Basra, works online, is rated and erases the account', async ({ browser }) => {
  const stamp = Date.now();
  // A surname no list or demo profile has (registration is screened against the sanctions list).
  const surname = 'ليندكفيست';
  const name = `لينا ${surname} ${stamp}`;
  const email = `expert-${stamp}@e2e.mizan.local`;
  const needTitle = `Online psychotherapy trainer ${stamp}`;

  // --- The expert registers in Arabic on a phone and verifies the address.
  const { page: expert } = await expertContext(browser);
  await expert.goto('/join');
  await expect(expert.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(expert.getByTestId('join-heading')).toHaveText('انضم إلى دليل الخبراء');
  await expert.getByTestId('join-name').fill(name);
  await expert.getByTestId('join-email').fill(email);
  await expert.getByTestId('join-password').fill(PASSWORD);
  await expectNoA11yViolations(expert, 'registration in Arabic on a phone');
  await expert.getByTestId('join-submit').click();
  await expect(expert.getByTestId('join-sent')).toBeVisible();

  const mail = await expectMail(email, '');
  // The token only (base64url), whatever surrounds it: an Arabic mail isolates the link with bidi controls.
  const token = /\/directory\/verify\?token=([\w%-]+)/.exec(mail.text || mail.html)?.[1];
  expect(token, 'the verification link in the mail').toBeTruthy();
  await expert.goto(`/directory/verify?token=${token}`);
  await expect(expert.getByTestId('verify-done')).toHaveAttribute('data-status', 'active');
  await expert.getByTestId('verify-sign-in').click();
  await expert.getByTestId('sign-in-email').fill(email);
  await expert.getByTestId('sign-in-password').fill(PASSWORD);
  await expert.getByTestId('sign-in-submit').click();
  await expect(expert).toHaveURL(/\/home$/);

  // --- The profile: psychotherapy and training, Arabic, Malmö, online, visible to officers and hosts.
  await expert.goto('/expert/profile');
  await expect(expert.getByTestId('profile-heading')).toHaveText('ملفي كخبير');
  await expect(expert.getByTestId('profile-name')).toHaveValue(name);
  await expert.getByTestId('profile-profession').fill('أخصائية نفسية ومدرّبة');
  await expert.getByTestId('profile-years').fill('14');
  await choose(expert, 'profile-skills', ['mental_health.psychotherapy', 'mental_health.trainer']);
  await choose(expert, 'profile-languages', ['ar', 'sv']);
  await expert.getByTestId('profile-bio').fill('تدريب المرشدين النفسيين عن بُعد.');
  await choose(expert, 'profile-country', ['SE']);
  await expert.getByTestId('profile-city').fill('Malmö');
  await expert.getByTestId('profile-days').fill('40');
  await expert.getByTestId('profile-mode-online').click();
  await expert.getByTestId('profile-phone').fill('+46 70 123 45 67');
  await expert.getByTestId('profile-visibility-officers_and_hosts').click();
  await expectNoA11yViolations(expert, 'expert profile in Arabic on a phone');
  await expert.getByTestId('profile-save').click();
  await expect(expert.getByTestId('profile-cv-upload')).toBeVisible();

  // --- The partner (Basra) posts an online psychotherapy trainer assignment.
  const partner = await userPage(browser, 'partner');
  await partner.goto('/directory/needs/new');
  await partner.getByTestId('need-title-input').fill(needTitle);
  await partner.getByTestId('need-description').fill('Train twelve counsellors of our centre in trauma-focused therapy, online.');
  await choose(partner, 'need-sector', ['mental_health']);
  await choose(partner, 'need-governorate', ['IQ-BA']);
  await choose(partner, 'need-skills', ['mental_health.psychotherapy', 'mental_health.trainer']);
  await partner.getByTestId('need-days').fill('12');
  await expectNoA11yViolations(partner, 'posting a need');
  await partner.getByTestId('need-submit').click();
  await expect(partner.getByTestId('need-heading')).toHaveText(needTitle);
  const needUrl = new URL(partner.url()).pathname;

  // --- The officer runs the matching, reads why, and proposes the expert.
  const officer = await userPage(browser, 'officer');
  await officer.goto(needUrl);
  await officer.getByTestId('matching-run').click();
  const candidate = officer.getByTestId('candidate').filter({ hasText: name });
  await expect(candidate).toBeVisible();
  await expect(candidate.locator('[data-code="skills_matched"]')).toContainText('Psychotherapy');
  await expect(candidate.locator('[data-code="language"]')).toContainText('Arabic');
  await expect(candidate.getByTestId('candidate-reasons-score')).toContainText('of 100');
  await expectNoA11yViolations(officer, 'matching results');
  await candidate.getByTestId('candidate-propose').click();
  await officer.getByTestId('confirm-dialog-ok').click();
  await expect(candidate.getByTestId('candidate-proposed')).toBeVisible();
  await officer.goto('/directory/search');
  await officer.getByTestId('search-q').fill(surname);
  await expect(officer.getByTestId('search-row').filter({ hasText: name })).toHaveCount(1);
  await expectNoA11yViolations(officer, 'directory search');
  const swedenBefore = await swedenCount(officer);

  // --- The expert accepts: the host's contact details appear.
  await expert.goto('/expert/requests');
  const card = expert.getByTestId('match-card').filter({ hasText: needTitle });
  await expect(card).toHaveAttribute('data-state', 'proposed');
  await expect(card.getByTestId('match-no-contacts')).toBeVisible();
  await expectNoA11yViolations(expert, 'requests in Arabic on a phone');
  await card.getByTestId('match-accept').click();
  await expect(card).toHaveAttribute('data-state', 'accepted');
  await expect(card.getByTestId('match-host-contact')).toContainText('@');

  // --- The host sees the expert's contact details and accepts too.
  await partner.reload();
  const hostCard = partner.getByTestId('match-card');
  await expect(hostCard).toHaveAttribute('data-state', 'accepted');
  await expect(hostCard.getByTestId('match-expert-contact')).toContainText(email);
  await hostCard.getByTestId('match-accept').click();
  await expect(hostCard).toHaveAttribute('data-state', 'active');

  // --- The expert logs two online sessions.
  await expert.reload();
  await expect(card).toHaveAttribute('data-state', 'active');
  for (const [topic, hours] of [
    ['مبادئ العلاج المرتكز على الصدمة', '2'],
    // Typed on an Arabic keyboard: the number field takes Arabic-Indic digits and the Arabic decimal separator.
    ['الإشراف على الحالات', '١٫٥'],
  ] as const) {
    const hoursField = card.getByTestId('session-hours');
    await hoursField.fill('');
    await hoursField.pressSequentially(hours);
    await expect(hoursField).toHaveValue(hours === '2' ? '2' : '1.5');
    await card.getByTestId('session-topic').fill(topic);
    await card.getByTestId('session-save').click();
    await expect(card.getByTestId('match-session').filter({ hasText: topic })).toBeVisible();
  }
  await expect(card.getByTestId('match-session')).toHaveCount(2);

  // --- The host closes and rates it.
  await partner.reload();
  await expect(hostCard.getByTestId('match-session')).toHaveCount(2);
  await choose(partner, 'close-rating', ['5']);
  await hostCard.getByTestId('close-outcome').fill('Twelve counsellors trained; supervision continues locally.');
  await expectNoA11yViolations(partner, 'closing and rating');
  await hostCard.getByTestId('close-save').click();
  await expect(hostCard).toHaveAttribute('data-state', 'closed');
  await expect(hostCard.getByTestId('match-rating')).toBeVisible();

  // --- The expert erases the account.
  await expert.goto('/expert/profile');
  await expert.getByTestId('profile-erase-password').fill(PASSWORD);
  await expert.getByTestId('profile-erase').click();
  await expect(expert.getByTestId('confirm-dialog-body')).toBeVisible();
  await expert.getByTestId('confirm-dialog-ok').click();
  await expect(expert).toHaveURL(/\/sign-in/);

  // --- The officer's search and map no longer contain them.
  await officer.goto('/directory/search');
  await officer.getByTestId('search-q').fill(surname);
  await expect(officer.getByTestId('search-empty')).toBeVisible();
  await expect(officer.getByTestId('search-row')).toHaveCount(0);
  const swedenAfter = await swedenCount(officer);
  expect(swedenAfter).not.toBe(swedenBefore);
  await expectNoA11yViolations(officer, 'directory map');
});
