import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CallView, ProgramView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import {
  addPartner,
  apiAs,
  createOpenCall,
  createProgram,
  registerOrganization,
  submittedApplication,
  uploadDocument,
} from './support/officer-data';
import { signIn } from './support/session';

/*
 * Wide tables at a laptop's 1280 px and a phone's 390 px: nothing is cut off. On a laptop the board, the program's
 * calls and the screening queue fit without scrolling sideways; on a phone the board keeps rank, title and score
 * and folds the rest into a row that opens; where a table still scrolls sideways it shows so and takes the focus.
 * The board is the demo's (tools/cli/demo-review-seed.ts, read only); the call and queue are made here.
 */
test.describe.configure({ mode: 'serial' });

const DEMO_CALL = 'Small grants: media and heritage';
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const stamp = Date.now();
let program: ProgramView;
let call: CallView;

test.beforeAll(async () => {
  const officer = await apiAs('officer');
  const applicant = await apiAs('applicant');
  program = await createProgram(officer, `E2E tables program ${stamp}`);
  call = await createOpenCall(officer, program.id, `E2E tables call with a rather long title to test wrapping ${stamp}`);
  const org = await registerOrganization(applicant, `E2E Diaspora Association for Health and Education ${stamp}`);
  await uploadDocument(applicant, org.id, 'statutes');
  const partner = await addPartner(applicant, org.id, `E2E Basra partner ${stamp}`);
  await submittedApplication(applicant, call.id, org.id, partner.id, `E2E psychosocial support for families in Basra ${stamp}`);
  await officer.dispose();
  await applicant.dispose();
});

function regionOf(table: Locator): Locator {
  return table.locator('xpath=ancestor::*[@data-testid="scroll-region"][1]');
}

/** The table fits: its region does not scroll, and every header cell lies inside the region and the window. */
async function expectNothingCutOff(page: Page, table: Locator): Promise<void> {
  const region = regionOf(table);
  await expect(region).toHaveAttribute('data-overflowing', 'false');
  const frame = await region.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  if (!frame) throw new Error('the scroll region is not shown');
  expect(frame.x + frame.width).toBeLessThanOrEqual(width);
  const headers = table.locator('thead th');
  const count = await headers.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const box = await headers.nth(i).boundingBox();
    if (!box) throw new Error(`header ${i} is not shown`);
    expect(box.x).toBeGreaterThanOrEqual(frame.x - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
  }
}

async function openDemoBoard(page: Page): Promise<void> {
  await page.getByTestId('nav-reviewDesk').click();
  await page.getByRole('link', { name: new RegExp(DEMO_CALL) }).first().click();
  await expect(page.getByTestId('board-row')).toHaveCount(5);
}

test('at 1280 px the review board shows every column, the cumulative sum under the amount', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, 'officer2');
  await openDemoBoard(page);
  const table = page.getByTestId('board-table');
  for (const name of ['Rank', 'Application', 'Requested', 'Reviewers', 'Mean score', 'Spread', 'Funding line']) {
    await expect(table.getByRole('columnheader', { name })).toBeVisible();
  }
  await expect(table.getByTestId('board-cumulative-line').first()).toBeVisible();
  await expect(table.getByTestId('board-line').first()).toBeVisible();
  await expect(page.getByTestId('board-expand')).toHaveCount(0);
  await expectNothingCutOff(page, table);
  await expectNoA11yViolations(page, 'review board at 1280 px');
});

test('at 1280 px the program’s calls show the way to screening, and the queue all its columns', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await signIn(page, 'officer');
  await page.goto(`/officer/programs/${program.id}`);
  const calls = page.getByTestId('calls-table');
  const screening = calls.getByTestId('call-screening');
  await expect(screening).toBeVisible();
  await expect(screening).toBeInViewport({ ratio: 1 });
  await expectNothingCutOff(page, calls);
  await expectNoA11yViolations(page, 'program calls at 1280 px');

  await screening.click();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  const queue = page.getByTestId('queue-table');
  for (const name of ['Title', 'Requested', 'State', 'Eligibility', 'Due diligence']) {
    await expect(queue.getByRole('columnheader', { name })).toBeVisible();
  }
  // The receipt number and the organisation are written under the title.
  await expect(page.getByTestId('queue-details')).toContainText('E2E Diaspora Association');
  await expect(page.getByTestId('queue-actions')).toBeInViewport({ ratio: 1 });
  await expectNothingCutOff(page, queue);
  await expectNoA11yViolations(page, 'screening queue at 1280 px');
});

test('on a phone in Arabic the board keeps its essential columns and opens a row for the rest', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'officer2');
  await page.evaluate(() => localStorage.setItem('mizan.lang', 'ar'));
  await page.goto('/officer/review');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('link', { name: new RegExp(DEMO_CALL) }).first().click();
  await expect(page.getByTestId('board-row')).toHaveCount(5);
  const table = page.getByTestId('board-table');
  // Rank, application, mean score and the expand control; the reviewers and the cumulative sum are folded.
  await expect(table.locator('thead th')).toHaveCount(4);
  await expect(table.getByRole('columnheader', { name: 'متوسط الدرجة' })).toBeVisible();
  await expect(page.getByTestId('board-reviewer')).toHaveCount(0);
  await expectNothingCutOff(page, table);

  const manuscripts = page.getByTestId('board-row').filter({ hasText: 'Digitising Nineveh' });
  const expand = manuscripts.getByTestId('board-expand');
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expand.click();
  await expect(expand).toHaveAttribute('aria-expanded', 'true');
  const details = page.getByTestId('board-details');
  await expect(details).toBeVisible();
  await expect(details.getByTestId('board-reviewer').first()).toBeVisible();
  await expect(details.getByTestId('board-disagreement')).toBeVisible();
  await expect(details).toContainText('المطلوب التراكمي');
  await expectNoA11yViolations(page, 'review board on a phone in Arabic, a row open');
  await page.evaluate(() => localStorage.setItem('mizan.lang', 'en'));
});

test('a table that still scrolls sideways on a phone says so and can be scrolled from the keyboard', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, 'officer');
  await page.goto('/officer/programs');
  const table = page.getByTestId('programs-table');
  await expect(table.getByTestId('program-row').first()).toBeVisible();
  const region = regionOf(table);
  await expect(region).toHaveAttribute('data-overflowing', 'true');
  await expect(region).toHaveAttribute('role', 'region');
  await expect(region).toHaveAttribute('aria-label', 'Programs');
  await expect(region).toHaveAttribute('tabindex', '0');
  await expect(page.getByTestId('scroll-hint')).toBeVisible();
  // The edge with more casts a shadow; the start has none yet.
  const shadows = () =>
    region.evaluate((box) => {
      const frame = box.parentElement as HTMLElement;
      return {
        start: getComputedStyle(frame, '::before').opacity,
        end: getComputedStyle(frame, '::after').opacity,
        scrolled: Math.abs(box.scrollLeft),
      };
    });
  await expect.poll(shadows).toEqual({ start: '0', end: '1', scrolled: 0 });

  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await shadows()).scrolled).toBeGreaterThan(0);
  await expect.poll(async () => (await shadows()).start).toBe('1');
  await expectNoA11yViolations(page, 'programs list on a phone');
});
