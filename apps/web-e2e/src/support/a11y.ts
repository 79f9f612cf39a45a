import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
];

/**
 * Waits until the page is at rest: no CSS/Web animation still running (a dialog
 * or tab sliding in, a snack-bar entering) and every Material snack-bar has
 * moved its message out of the aria-hidden holder into its live region (Material
 * does that ~150 ms after opening). Axe then judges what a user meets, not a
 * frame in the middle of a transition; no rule is switched off for it. A page
 * that never settles fails here.
 */
export async function waitForSettledPage(
  page: Page,
  options: { signInShell?: boolean } = {},
): Promise<void> {
  await page.waitForFunction(
    (shellAllowed) => {
      // index.html's sign-in form (tools/build/sign-in-shell.ts) is on screen only until the app takes it over.
      if (!shellAllowed && document.getElementById('mz-sign-in-shell')) return false;
      // Endless ones (a spinner, an indeterminate bar) never finish by design.
      const running = document
        .getAnimations()
        .some(
          (a) =>
            (a.playState === 'running' || a.pending) &&
            a.effect?.getTiming().iterations !== Infinity,
        );
      const announcing = Array.from(
        document.querySelectorAll('mat-snack-bar-container'),
      ).some((c) => c.querySelector('[aria-hidden="true"]') !== null);
      return !running && !announcing;
    },
    options.signInShell === true,
    { timeout: 10_000 },
  );
}

/**
 * Runs axe-core with the WCAG 2.2 AA rule set on what the page shows once it is at rest (`signInShell`: index.html's
 * sign-in form may be what it shows, a spec holding the app's scripts back).
 */
export async function expectNoA11yViolations(
  page: Page,
  where: string,
  options: { signInShell?: boolean } = {},
): Promise<void> {
  await waitForSettledPage(page, options);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes
      .slice(0, 5)
      .map((n) => `${n.target.join(' ')} :: ${n.failureSummary ?? ''}`),
  }));
  expect(violations, `axe WCAG 2.2 AA violations on ${where}`).toEqual([]);
}
