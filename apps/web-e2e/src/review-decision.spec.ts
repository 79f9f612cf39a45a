import { expect, test, type Page } from '@playwright/test';
import type { AssignmentView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_REVIEWER_NAMES, demoEmail } from './support/demo';
import { apiAs } from './support/officer-data';
import {
  assignmentsOf,
  expectMail,
  reviewWorld,
  scoreThroughApi,
  type ReviewWorld,
} from './support/review-data';
import { signIn, signOut } from './support/session';
import { confirmItIsYou } from './support/reauth';

/*
 * The life of a grant through review and decision, in the browser:
 * bulk assignment → a conflict declared and the reviewer replaced → two
 * reviewers score → the board with its funding line → an approval with a
 * reduced amount confirmed by a second officer, a rejection → the applicant
 * reads the decision, in the app and in the mail the worker sent.
 *
 * One call (envelope 1,500,000.00 SEK) with three eligible applications of
 * 860,000.00 SEK each, made through the api in beforeAll. The tests run in order.
 */
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const TITLES = {
  trauma: `E2E Trauma care in Basra ${stamp}`,
  youth: `E2E Youth clinics ${stamp}`,
  labs: `E2E Mobile labs ${stamp}`,
};
const REVIEWERS = ['reviewer', 'reviewer2', 'reviewer3'] as const;
type Reviewer = (typeof REVIEWERS)[number];

let world: ReviewWorld;
let ids: Record<keyof typeof TITLES, string>;
/** Who declared a conflict on "trauma", who stayed, and who replaced the first. */
const cast = {} as Record<'conflicted' | 'stayed' | 'replacement', Reviewer>;

function userOf(assignment: AssignmentView): Reviewer {
  const user = REVIEWERS.find((r) => demoEmail(r) === assignment.reviewerEmail);
  if (!user) throw new Error(`not a demo reviewer: ${assignment.reviewerEmail}`);
  return user;
}

function live(assignments: AssignmentView[]): AssignmentView[] {
  return assignments.filter((a) => !['conflict', 'reassigned'].includes(a.status));
}

function deskUrl(tab?: string): string {
  return `/officer/review/${world.call.id}${tab ? `?tab=${tab}` : ''}`;
}

function boardRow(page: Page, applicationId: string) {
  return page.locator(`[data-testid="board-row"][data-application-id="${applicationId}"]`);
}

async function openReview(page: Page, title: string): Promise<void> {
  await page.getByTestId('nav-myReviews').click();
  const card = page.getByTestId('review-card').filter({ hasText: title });
  await expect(card).toBeVisible();
  await card.getByTestId('review-open').click();
  await expect(page.getByTestId('review-heading')).toContainText(title);
}

test.beforeAll(async () => {
  world = await reviewWorld(stamp, [TITLES.trauma, TITLES.youth, TITLES.labs]);
  const [trauma, youth, labs] = world.applications;
  ids = { trauma: trauma.id, youth: youth.id, labs: labs.id };
});

test('the officer bulk-assigns two reviewers to every application, balanced', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await page.getByTestId('nav-reviewDesk').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByTestId(`review-call-${world.call.id}`).click();
  await expect(page.getByTestId('desk-heading')).toContainText(world.call.title);
  await expectNoA11yViolations(page, 'review desk, board before review');

  await page.getByTestId('tab-reviewers').click();
  await page.getByTestId('bulk-assign-open').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('bulk-per-application').fill('2');
  await expectNoA11yViolations(page, 'bulk assignment dialog');
  await page.getByTestId('bulk-assign-submit').click();
  await expect(page.getByTestId('bulk-result')).toBeVisible();
  await expect(page.getByTestId('bulk-made')).toContainText('6');
  await expect(page.getByTestId('bulk-no-shortfall')).toBeVisible();
  await page.getByTestId('bulk-close').click();
  await expect(dialog).toBeHidden();

  // Three reviewers, two assignments each.
  const loads = page.getByTestId('reviewer-load');
  await expect(loads).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(loads.nth(i)).toContainText('2');
  await expectNoA11yViolations(page, 'reviewers tab with loads');

  for (const id of Object.values(ids)) expect(live(await assignmentsOf(id))).toHaveLength(2);
});

test('a reviewer declares a conflict, the officer is told and assigns the third reviewer instead', async ({ page }) => {
  test.slow();
  const onTrauma = live(await assignmentsOf(ids.trauma)).map(userOf);
  cast.conflicted = onTrauma[0];
  cast.stayed = onTrauma[1];
  cast.replacement = REVIEWERS.find((r) => !onTrauma.includes(r)) as Reviewer;

  await signIn(page, cast.conflicted);
  await openReview(page, TITLES.trauma);
  // Nothing of the application before the declaration: only who is involved.
  await expect(page.getByTestId('declaration-step')).toBeVisible();
  await expect(page.getByTestId('declaration-organization')).toContainText(world.organizationName);
  await expect(page.getByTestId('review-application')).toHaveCount(0);
  await expectNoA11yViolations(page, 'conflict-of-interest declaration');
  await page.getByTestId('declare-conflict').click();
  await page.getByTestId('conflict-statement').fill('My sister chairs the partner clinic in Basra.');
  await page.getByTestId('declaration-submit').click();
  await expect(page.getByTestId('conflict-confirmation')).toBeVisible();
  await expectNoA11yViolations(page, 'conflict declared');
  await signOut(page);

  await signIn(page, 'officer');
  await expect(page.getByTestId('notification-count')).toBeVisible();
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-item').filter({ hasText: TITLES.trauma }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto(`${deskUrl()}/applications/${ids.trauma}`);
  await expect(page.getByTestId('review-app-heading')).toContainText(TITLES.trauma);
  await expect(page.getByTestId('review-app-conflict')).toContainText('My sister chairs the partner clinic');
  await expectNoA11yViolations(page, 'application in review with a conflict');

  await page.getByTestId('assign-reviewer-select').click();
  await page.getByRole('option', { name: new RegExp(`^${DEMO_REVIEWER_NAMES[cast.replacement]}`) }).click();
  await page.getByTestId('assign-reviewer-submit').click();
  await expect(page.getByTestId('review-app-assignment')).toHaveCount(2);
  // The form is ready for the next one: nothing red from the assignment that just succeeded.
  await expect(page.locator('form.assign .mat-form-field-invalid')).toHaveCount(0);
  await expect(page.locator('form.assign mat-error')).toHaveCount(0);

  const now = live(await assignmentsOf(ids.trauma)).map(userOf).sort();
  expect(now).toEqual([cast.stayed, cast.replacement].sort());
});

async function scoreInBrowser(
  page: Page,
  reviewer: Reviewer,
  scores: [number, number],
  expectedWeighted: string,
): Promise<void> {
  await signIn(page, reviewer);
  await openReview(page, TITLES.trauma);
  await page.getByTestId('declare-no-conflict').click();
  await page.getByTestId('declaration-submit').click();
  await expect(page.getByTestId('review-application')).toBeVisible();
  await expect(page.getByTestId('scoring-form')).toBeVisible();
  await expect(page.getByTestId('peers-hidden-note')).toBeVisible();
  // A comment written before its score is kept in the draft (autosave), even across a reload.
  const early = 'Feasibility: timeline checked against the partner’s capacity.';
  await page.getByTestId('criterion-comment-1').fill(early);
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('criterion-comment-1')).toHaveValue(early);
  for (const [i, score] of scores.entries()) {
    await page.getByTestId(`score-${i}-${score}`).click();
    await page.getByTestId(`criterion-comment-${i}`).fill(`Criterion ${i + 1}: well argued, with evidence.`);
  }
  await page.getByTestId('recommendation-fund').click();
  await page.getByTestId('overall-comment').fill('Credible partner, clear plan; fund.');
  await expect(page.getByTestId('weighted-preview')).toContainText(expectedWeighted);
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expectNoA11yViolations(page, `scoring form of ${reviewer}`);
  await page.getByTestId('submit-review').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByTestId('confirm-dialog-ok').click();
  await expect(page.getByTestId('my-weighted-score')).toContainText(expectedWeighted);
  await expect(page.getByTestId('peers-panel')).toBeVisible();
}

test('two reviewers score in the browser; each sees the other only after submitting', async ({ page }) => {
  test.slow();
  await scoreInBrowser(page, cast.stayed, [5, 4], '4.60');
  await expect(page.getByTestId('peers-pending')).toBeVisible();
  await signOut(page);

  await scoreInBrowser(page, cast.replacement, [4, 4], '4.00');
  await expect(page.getByTestId('peer-weighted-1')).toContainText('4.60');
  await expectNoA11yViolations(page, 'submitted review with peers');
  await signOut(page);

  // The other two applications are scored through the api: youth 4.00 and labs 3.00.
  for (const [key, scores] of [
    ['youth', [4, 4]],
    ['labs', [3, 3]],
  ] as const) {
    for (const assignment of live(await assignmentsOf(ids[key]))) {
      const reviewer = await apiAs(userOf(assignment));
      await scoreThroughApi(reviewer, assignment.id, [...scores]);
      await reviewer.dispose();
    }
  }
});

test('the board ranks by score and draws the funding line where the envelope runs out', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await page.goto(deskUrl());
  await expect(page.getByTestId('board-row')).toHaveCount(3);
  await expect(boardRow(page, ids.trauma).getByTestId('board-rank')).toHaveText('1');
  await expect(boardRow(page, ids.trauma).getByTestId('board-score')).toContainText('4.30');
  await expect(boardRow(page, ids.youth).getByTestId('board-rank')).toHaveText('2');
  await expect(boardRow(page, ids.labs).getByTestId('board-rank')).toHaveText('3');
  // 1,500,000.00 holds one request of 860,000.00: the line runs under "trauma".
  await expect(page.getByTestId('funding-line')).toBeVisible();
  await expect(page.getByTestId('board-funded')).toContainText('860,000.00');
  await expect(page.getByTestId('board-remaining')).toContainText('640,000.00');
  await expectNoA11yViolations(page, 'review board with funding line');

  const download = page.waitForEvent('download');
  await page.getByTestId('board-xlsx').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  await page.getByTestId('tab-charts').click();
  await expect(page.getByTestId('score-chart')).toBeVisible();
  await expectNoA11yViolations(page, 'review charts');
});

test('the officer approves a reduced amount, a second officer confirms, and another application is rejected', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await page.goto(deskUrl());
  await boardRow(page, ids.trauma).getByTestId('board-open').click();
  await expect(page.getByTestId('review-app-heading')).toContainText(TITLES.trauma);
  await expect(page.getByTestId('decision-form')).toBeVisible();
  await page.getByTestId('decision-outcome-approve').click();
  await page.getByTestId('decision-amount').fill('800000');
  await expect(page.getByTestId('decision-reduced')).toBeVisible();
  await page.getByTestId('decision-conditions').fill('Quarterly financial reports; the vehicle line is removed.');
  await page.getByTestId('decision-rationale').fill('Ranked first; vehicle costs not justified.');
  await expect(page.getByTestId('decision-four-eyes')).toBeVisible();
  await expectNoA11yViolations(page, 'decision form');
  await page.getByTestId('decision-submit').click();
  await expect(page.getByTestId('decision-live')).toBeVisible();
  await expect(page.getByTestId('decision-own-proposal')).toBeVisible();
  await expect(page.getByTestId('decision-confirm')).toBeDisabled();
  await expectNoA11yViolations(page, 'proposed decision awaiting a second officer');

  await page.goto(`${deskUrl()}/applications/${ids.labs}`);
  await page.getByTestId('decision-outcome-reject').click();
  await page.getByTestId('decision-reason-low_score').click();
  await page.getByTestId('decision-note').fill('The reviewers found the lab logistics unclear.');
  await page.getByTestId('decision-rationale').fill('Ranked last, far below the line.');
  await page.getByTestId('decision-submit').click();
  // A rejection is final at once and tells the applicant: the officer confirms it first.
  await page.getByTestId('confirm-dialog-ok').click();
  await expect(page.getByTestId('decision-live')).toBeVisible();
  await signOut(page);

  await signIn(page, 'officer2');
  await page.goto(deskUrl('decisions'));
  const awaiting = page.getByTestId('awaiting-decision').filter({ hasText: TITLES.trauma });
  await expect(awaiting).toBeVisible();
  await expectNoA11yViolations(page, 'decisions awaiting a second officer');
  await awaiting.getByTestId('decision-confirm').click();
  await page.getByTestId('confirm-dialog-ok').click();
  // Confirming commits money: the second officer gives their password again first.
  await confirmItIsYou(page);
  await expect(page.getByTestId('envelope-confirmed')).toContainText('800,000.00');
  await expect(page.getByTestId('awaiting-decision').filter({ hasText: TITLES.trauma })).toHaveCount(0);
});

test('the applicant reads the decisions in the app and in the email the worker sent', async ({ page }) => {
  test.slow();
  await signIn(page, 'applicant');
  await expect(page.getByTestId('notification-count')).toBeVisible();
  await page.goto(`/my-applications/${ids.trauma}`);
  const notice = page.getByTestId('applicant-decision');
  await expect(notice).toBeVisible();
  await expect(page.getByTestId('applicant-decision-amount')).toContainText('800,000.00');
  await expect(page.getByTestId('applicant-decision-reduced')).toBeVisible();
  await expect(page.getByTestId('applicant-decision-conditions')).toContainText('Quarterly financial reports');
  await expectNoA11yViolations(page, 'applicant decision notice (approved)');

  await page.goto(`/my-applications/${ids.labs}`);
  await expect(page.getByTestId('applicant-decision-note')).toContainText('lab logistics unclear');
  await expectNoA11yViolations(page, 'applicant decision notice (rejected)');

  // The treasurer on a phone, in Arabic.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('lang-menu').click();
  await page.getByTestId('lang-ar').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto(`/my-applications/${ids.trauma}`);
  await expect(page.getByTestId('applicant-decision')).toBeVisible();
  await expectNoA11yViolations(page, 'applicant decision notice in Arabic on a phone');
  await page.getByTestId('lang-menu').click();
  await page.getByTestId('lang-en').click();

  const approved = await expectMail(demoEmail('applicant'), TITLES.trauma);
  expect(approved.text).toContain('800,000.00');
  expect(approved.text).toContain('Quarterly financial reports');
  const rejected = await expectMail(demoEmail('applicant'), TITLES.labs);
  expect(rejected.text).toContain('lab logistics unclear');
});

test('the officer reads the sent mail in the outbox', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await page.getByTestId('nav-outbox').click();
  const row = page.getByTestId('outbox-row').filter({ hasText: TITLES.trauma });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('outbox-status')).toContainText(/sent/i);
  await expectNoA11yViolations(page, 'outbox');
  await row.getByTestId('outbox-open').click();
  await expect(page.getByTestId('outbox-body')).toContainText('800,000.00');
  await expectNoA11yViolations(page, 'outbox message');
});
