import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplicationView, CallView, OrganizationView, ProgramView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { addPartner, apiAs, createOpenCall, createProgram, registerOrganization, submittedApplication, uploadDocument } from './support/officer-data';
import { signIn } from './support/session';

/*
 * Mixed-direction text and translations, on one call with one submitted application (made through the api):
 * in Arabic, English names stay isolated and numbers and dates use Arabic-Indic digits; in Swedish, the
 * screening page shows no English label.
 */
test.describe.configure({ mode: 'serial' });

const FSI = '\u2068';
const PDI = '\u2069';
const LATIN_DIGIT = /[0-9]/;
const ARABIC_DIGIT = /[٠-٩]/;

const stamp = Date.now();
let program: ProgramView;
let call: CallView;
let org: OrganizationView;
let application: ApplicationView;

test.beforeAll(async () => {
  const officer = await apiAs('officer');
  const applicant = await apiAs('applicant');
  program = await createProgram(officer, `E2E i18n program ${stamp}`);
  call = await createOpenCall(officer, program.id, `E2E Clean Water call ${stamp}`);
  org = await registerOrganization(applicant, `E2E Friends of Basra ${stamp}`);
  await uploadDocument(applicant, org.id, 'statutes');
  const partner = await addPartner(applicant, org.id, `E2E Basra Health ${stamp}`);
  application = (await submittedApplication(applicant, call.id, org.id, partner.id, `E2E Water for schools ${stamp}`)).application;
  await officer.dispose();
  await applicant.dispose();
});

function queueUrl(): string {
  return `/officer/screening?program=${program.id}&call=${call.id}`;
}

async function useLanguage(page: Page, lang: 'en' | 'ar' | 'sv'): Promise<void> {
  await page.evaluate((code) => localStorage.setItem('mizan.lang', code), lang);
}

function row(page: Page) {
  return page.locator(`[data-testid="queue-row"][data-application-id="${application.id}"]`);
}

test('in Arabic, English names stay isolated and numbers and dates use Arabic-Indic digits', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await useLanguage(page, 'ar');
  await page.goto(queueUrl());
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  // A name shown on its own is held by a <bdi>.
  const line = row(page);
  await expect(line.locator('bdi', { hasText: org.legalName })).toHaveCount(1);
  await expect(line.locator('bdi', { hasText: application.title ?? '' })).toHaveCount(1);

  // Amounts and dates: Arabic-Indic digits only.
  const amount = (await line.locator('td.num').first().innerText()).trim();
  expect(amount).toMatch(ARABIC_DIGIT);
  expect(amount).not.toMatch(LATIN_DIGIT);
  const submitted = (await line.locator('time').innerText()).trim();
  expect(submitted).toMatch(ARABIC_DIGIT);
  expect(submitted).not.toMatch(LATIN_DIGIT);

  // The eligibility rules name the country (not "SE") and count in Arabic-Indic digits.
  await line.getByTestId('queue-eligibility').click();
  const rules = page.getByTestId('queue-rules');
  await expect(rules.locator('[data-rule="hostland_country"] .rule-text')).toContainText('السويد');
  await expect(rules.locator('[data-rule="hostland_country"] .rule-text')).not.toContainText('SE');
  const age = await rules.locator('[data-rule="organization_age"] .rule-text').innerText();
  expect(age).toMatch(ARABIC_DIGIT);
  expect(age).not.toMatch(LATIN_DIGIT);

  // A sentence with an English name inserted: the name sits between the isolates, so it cannot reorder the Arabic.
  await line.getByTestId('queue-open').click();
  await expect(page).toHaveURL(new RegExp(application.id));
  const back = page.locator('a.back-link', { hasText: call.title });
  await expect(back).toBeVisible();
  expect(await back.textContent()).toContain(`${FSI}${call.title}${PDI}`);
  await expectNoA11yViolations(page, 'application page in Arabic with English names');
  await useLanguage(page, 'en');
});

/** The English texts of the screening page's labels that Swedish writes differently. */
function englishOnlyLabels(): Set<string> {
  const dir = join(__dirname, '../../web/src/i18n');
  const labels = new Set<string>();
  for (const area of ['core', 'officer']) {
    const en = JSON.parse(readFileSync(join(dir, 'en', `${area}.json`), 'utf8')) as Record<string, string>;
    const sv = JSON.parse(readFileSync(join(dir, 'sv', `${area}.json`), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(en)) if (!text.includes('{') && sv[key] !== text) labels.add(text);
  }
  return labels;
}

test('in Swedish, the screening page has no English label left', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await useLanguage(page, 'sv');
  await page.goto(queueUrl());
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Granskning');
  const line = row(page);
  await expect(line.getByTestId('queue-state')).toHaveText('Inlämnad');
  await expect(line.getByTestId('queue-dd')).toHaveText('Väntar');
  await expect(page.getByRole('columnheader', { name: 'Sökt belopp' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Förhandsgranskning' })).toBeVisible();
  await line.getByTestId('queue-eligibility').click();
  await expect(page.locator('[data-rule="hostland_country"] .rule-text')).toHaveText('Organisationen är registrerad i Sverige.');

  // Every piece of text on the page that is not a user's value (those are in <bdi> or dir=auto) is Swedish.
  const texts = await page.locator('main').evaluate((main) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const isolated = node.parentElement?.closest('bdi, [dir="auto"], [dir="ltr"]');
      if (text === '' || (isolated && main.contains(isolated))) continue;
      out.push(text);
    }
    const attributes = Array.from(main.querySelectorAll('[aria-label], [title]')).flatMap((e) => [e.getAttribute('aria-label') ?? '', e.getAttribute('title') ?? '']);
    return [...out, ...attributes.map((a) => a.trim()).filter((a) => a !== '')];
  });
  const english = englishOnlyLabels();
  expect(texts.length).toBeGreaterThan(20);
  expect(texts.filter((text) => english.has(text))).toEqual([]);
  await expectNoA11yViolations(page, 'screening queue in Swedish');
  await useLanguage(page, 'en');
});

test('the side navigation shows every label whole, wrapping a long one instead of cutting it off', async ({ page }) => {
  await signIn(page, 'officer');
  for (const lang of ['en', 'sv', 'ar'] as const) {
    await useLanguage(page, lang);
    await page.goto('/home');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const titles = page.locator('#main-nav .mat-mdc-list-item-title');
    await expect(titles.first()).toBeVisible();
    const cut = await titles.evaluateAll((elements) =>
      elements.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent?.trim()),
    );
    expect({ lang, cut }).toEqual({ lang, cut: [] });
  }
  await useLanguage(page, 'en');
  await page.goto('/home');
  await expect(page.getByTestId('nav-reviewDesk')).toContainText('Review and decisions');
});
