import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/a11y';
import { signIn } from './support/session';

/*
 * The demo seed (tools/cli/demo-review-seed.ts) leaves a call mid-review, so a
 * newcomer sees a living board. Read-only: nothing here changes the demo.
 */
const DEMO_CALL = 'Small grants: media and heritage';

test('the demo has a call mid-review with a visible funding line, a disagreement and a decision waiting for a second officer', async ({
  page,
}) => {
  test.slow();
  await signIn(page, 'officer2');
  await page.getByTestId('nav-reviewDesk').click();
  await page.getByRole('link', { name: new RegExp(DEMO_CALL) }).first().click();
  await expect(page.getByTestId('board-row')).toHaveCount(5);
  await expect(page.getByTestId('funding-line')).toBeVisible();
  await expect(page.getByTestId('board-above-count')).toContainText('2');
  // 470,000 + 423,000 of 1,300,000: the third (517,000) does not fit.
  await expect(page.getByTestId('board-funded')).toContainText('893,000.00');
  await expect(page.getByTestId('board-remaining')).toContainText('407,000.00');
  const manuscripts = page.getByTestId('board-row').filter({ hasText: 'Digitising Nineveh' });
  await expect(manuscripts.getByTestId('board-disagreement')).toBeVisible();
  await expectNoA11yViolations(page, 'demo review board');

  await page.getByTestId('tab-decisions').click();
  const awaiting = page.getByTestId('awaiting-decision').filter({ hasText: 'Oral histories' });
  await expect(awaiting).toBeVisible();
  // Karin proposed it: Johan, the second officer, may confirm it.
  await expect(awaiting.getByTestId('decision-confirm')).toBeEnabled();
  await expect(page.getByTestId('envelope-confirmed')).toContainText('400,000.00');
});

test('the demo reviewer sees submitted reviews and one still to do', async ({ page }) => {
  await signIn(page, 'reviewer2');
  await page.getByTestId('nav-myReviews').click();
  await page.getByTestId('reviews-filter-all').click();
  // Only the demo call's: other specs may have given this reviewer more.
  const demo = page.getByTestId('review-card').filter({ hasText: DEMO_CALL });
  await expect(demo).toHaveCount(5);
  await expect(demo.filter({ hasText: 'Legal literacy' })).toHaveAttribute(
    'data-status',
    'declared',
  );
  await expectNoA11yViolations(page, 'demo reviewer list');
});
