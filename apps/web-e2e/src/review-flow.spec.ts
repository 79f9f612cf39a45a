import { expect, test, type Page } from '@playwright/test';
import type { AssignmentView, CallReviewerView, MyReviewItem, NotificationListView } from '@mizan/contracts';
import { expectNoA11yViolations } from './support/a11y';
import { DEMO_REVIEWER_NAMES, demoEmail } from './support/demo';
import { apiAs } from './support/officer-data';
import { confirmItIsYou } from './support/reauth';
import { reviewWorld, type ReviewWorld } from './support/review-data';
import { signIn, signOut } from './support/session';

/*
 * Issue 10, the review and decision flow (items 5–7):
 * - a form that just succeeded shows nothing red (the assignment form, the decision form after a reserve place);
 * - a decision that is final at once asks first, and cancelling records nothing;
 * - a task done is done for everyone: the second officer's "needs your confirmation" once he confirmed,
 *   a reviewer's "please review" once the application is decided (and the reviewer is told).
 * One fresh call with two eligible applications (every approval needs a second officer: threshold 0).
 */
test.describe.configure({ mode: 'serial' });

const API = '/api/v1';
const stamp = Date.now();
const TITLES = {
  reserve: `E2E Radio for displaced youth ${stamp}`,
  approve: `E2E Midwives network ${stamp}`,
};

let world: ReviewWorld;
let ids: Record<keyof typeof TITLES, string>;

async function json<T>(response: { ok(): boolean; status(): number; text(): Promise<string>; json(): Promise<unknown> }, what: string): Promise<T> {
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

function deskUrl(tab?: string): string {
  return `/officer/review/${world.call.id}${tab ? `?tab=${tab}` : ''}`;
}

/** No field of the form is shown in error and no error text is under it. */
async function expectNothingRed(page: Page, form: string): Promise<void> {
  await expect(page.locator(`${form} .mat-form-field-invalid`)).toHaveCount(0);
  await expect(page.locator(`${form} mat-error`)).toHaveCount(0);
  await expect(page.locator(`${form} [aria-invalid="true"]`)).toHaveCount(0);
}

test.beforeAll(async () => {
  world = await reviewWorld(stamp, [TITLES.reserve, TITLES.approve]);
  const [reserve, approve] = world.applications;
  ids = { reserve: reserve.id, approve: approve.id };
  // The approval's application goes into review with reviewer 2 (through the api: the browser part is the other one).
  const officer = await apiAs('officer');
  try {
    const reviewers = await json<CallReviewerView[]>(await officer.get(`${API}/calls/${world.call.id}/reviewers`), 'reviewers');
    const reviewer2 = reviewers.find((r) => r.email === demoEmail('reviewer2'));
    if (!reviewer2) throw new Error('no demo reviewer2');
    await json<AssignmentView>(
      await officer.post(`${API}/applications/${ids.approve}/assignments`, { data: { reviewerId: reviewer2.reviewerId } }),
      'assign reviewer2',
    );
  } finally {
    await officer.dispose();
  }
});

test('an assignment leaves the form clean; a reserve place asks first, cancelling records nothing', async ({ page }) => {
  test.slow();
  await signIn(page, 'officer');
  await page.goto(`${deskUrl()}/applications/${ids.reserve}`);
  await expect(page.getByTestId('review-app-heading')).toContainText(TITLES.reserve);

  await page.getByTestId('assign-reviewer-select').click();
  await page.getByRole('option', { name: new RegExp(`^${DEMO_REVIEWER_NAMES.reviewer3}`) }).click();
  await page.getByTestId('assign-reviewer-submit').click();
  await expect(page.getByTestId('review-app-assignment')).toHaveCount(1);
  // Ready for the next reviewer: "Choose a reviewer." is not shown for the one just assigned.
  await expectNothingRed(page, 'form.assign');

  await page.reload();
  await expect(page.getByTestId('decision-form')).toBeVisible();
  await page.getByTestId('decision-outcome-reserve').click();
  await page.getByTestId('decision-rationale').fill('Ranked just below the line; first on the reserve list.');
  await page.getByTestId('decision-submit').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`You put “${TITLES.reserve}” on the reserve list.`);
  await expect(dialog).toContainText('told now, in the app and by email');
  await expectNoA11yViolations(page, 'confirmation of a final decision');
  await page.getByTestId('confirm-dialog-cancel').click();
  await expect(dialog).toBeHidden();

  // Nothing was recorded: no decision, the application still in review, the form as it was.
  const officer = await apiAs('officer');
  try {
    const decision = await json<{ decision: unknown; live?: unknown }>(await officer.get(`${API}/applications/${ids.reserve}/decision`), 'decision');
    expect(decision.decision).toBeNull();
    expect(decision.live ?? null).toBeNull();
  } finally {
    await officer.dispose();
  }
  await expect(page.getByTestId('decision-rationale')).toHaveValue('Ranked just below the line; first on the reserve list.');

  await page.getByTestId('decision-submit').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('confirm-dialog-ok').click();
  await expect(page.getByTestId('decision-live')).toBeVisible();
  // From the reserve list the form offers approve or reject next, and nothing in it is red ("Rationale" included).
  await expect(page.getByTestId('decision-form')).toBeVisible();
  await expect(page.getByTestId('decision-rationale')).toHaveValue('');
  await expectNothingRed(page, '[data-testid="decision-form"]');
  await expectNoA11yViolations(page, 'application on the reserve list');
});

test('the reviewer is no longer asked to review the decided application, and was told', async ({ page }) => {
  await signIn(page, 'reviewer3');
  await page.getByTestId('nav-myReviews').click();
  const card = page.getByTestId('review-card').filter({ hasText: TITLES.reserve });
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'closed');
  await expect(page.getByTestId('reviews-group-todo').getByTestId('review-card').filter({ hasText: TITLES.reserve })).toHaveCount(0);
  await expectNoA11yViolations(page, 'my reviews with a closed one');

  await page.getByTestId('notification-bell').click();
  const told = page.locator('[data-testid="notification-item"][data-kind="review.closed_decided"]').filter({ hasText: TITLES.reserve });
  await expect(told).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto('/notifications');
  const asked = page.locator('[data-testid="notification-item"][data-kind="review.assigned"]').filter({ hasText: TITLES.reserve });
  await expect(asked).toHaveAttribute('data-done', 'true');
  await expect(asked.getByTestId('notification-done')).toBeVisible();
  await expectNoA11yViolations(page, 'notifications with a task done');

  const reviewer = await apiAs('reviewer3');
  try {
    const mine = await json<MyReviewItem[]>(await reviewer.get(`${API}/reviews`), 'my reviews');
    expect(mine.find((r) => r.applicationId === ids.reserve)?.status).toBe('closed');
  } finally {
    await reviewer.dispose();
  }
  await signOut(page);
});

test('once the second officer confirms, his bell no longer counts the task and shows it done', async ({ page }) => {
  test.slow();
  const officer = await apiAs('officer');
  try {
    await json(
      await officer.post(`${API}/applications/${ids.approve}/decision`, {
        data: { outcome: 'approved', amountMinor: '60000000', conditions: 'Quarterly reports', rationale: 'Ranked first' },
      }),
      'propose approval',
    );
  } finally {
    await officer.dispose();
  }
  const johan = await apiAs('officer2');
  const unread = async () => json<NotificationListView>(await johan.get(`${API}/notifications`), 'notifications');
  try {
    const before = await unread();
    const task = before.items.find((n) => n.kind === 'decision.awaiting_confirmation' && n.title.includes(TITLES.approve));
    expect(task).toMatchObject({ actionRequired: true, resolvedAt: null, readAt: null });

    await signIn(page, 'officer2');
    await page.getByTestId('notification-bell').click();
    const item = page.locator('[data-testid="notification-item"][data-kind="decision.awaiting_confirmation"]').filter({ hasText: TITLES.approve });
    await expect(item).toHaveAttribute('data-done', 'false');
    await page.keyboard.press('Escape');

    await page.goto(deskUrl('decisions'));
    const awaiting = page.getByTestId('awaiting-decision').filter({ hasText: TITLES.approve });
    await awaiting.getByTestId('decision-confirm').click();
    await page.getByTestId('confirm-dialog-ok').click();
    await confirmItIsYou(page);
    await expect(page.getByTestId('awaiting-decision').filter({ hasText: TITLES.approve })).toHaveCount(0);

    const after = await unread();
    expect(after.items.find((n) => n.id === task?.id)?.resolvedAt).not.toBeNull();
    expect(after.unreadCount).toBe(before.unreadCount - 1);

    await page.goto('/notifications');
    const done = page.locator('[data-testid="notification-item"][data-kind="decision.awaiting_confirmation"]').filter({ hasText: TITLES.approve });
    await expect(done).toHaveAttribute('data-done', 'true');
    await page.getByTestId('notification-bell').click();
    await expect(
      page.locator('[data-testid="notification-item"][data-kind="decision.awaiting_confirmation"]').filter({ hasText: TITLES.approve }).first(),
    ).toHaveAttribute('data-done', 'true');
    await page.keyboard.press('Escape');
  } finally {
    await johan.dispose();
  }

  // The review board and the decisions tab name their two "remaining" figures apart.
  await page.goto(deskUrl());
  await expect(page.getByTestId('board-facts')).toContainText('Remaining if all above the line are funded as requested');
  await expect(page.getByTestId('board-remaining-note')).toBeVisible();
  await page.goto(deskUrl('decisions'));
  await expect(page.getByTestId('envelope-remaining')).toContainText('Remaining after decisions (approved amounts)');
  await expectNoA11yViolations(page, 'decisions tab with the envelope explained');
});
