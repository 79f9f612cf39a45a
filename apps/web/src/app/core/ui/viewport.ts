import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/**
 * How wide the window is, in the steps the shell uses: a phone (< 600 px), a tablet or a narrow window (the side
 * navigation is a drawer below 960 px), a desktop (the navigation takes 240 px), and a wide screen (≥ 1440 px).
 */
export type ViewportTier = 'phone' | 'tablet' | 'desktop' | 'wide';

export const TIER_QUERIES = {
  tablet: '(min-width: 600px)',
  desktop: '(min-width: 960px)',
  wide: '(min-width: 1440px)',
} as const;

/** The tier from which of `TIER_QUERIES` match. */
export function tierOf(matches: (query: string) => boolean): ViewportTier {
  if (matches(TIER_QUERIES.wide)) return 'wide';
  if (matches(TIER_QUERIES.desktop)) return 'desktop';
  if (matches(TIER_QUERIES.tablet)) return 'tablet';
  return 'phone';
}

/** The window's tier as a signal (call in an injection context). */
export function injectViewportTier(): Signal<ViewportTier> {
  const observer = inject(BreakpointObserver);
  const queries = Object.values(TIER_QUERIES);
  return toSignal(
    observer.observe(queries).pipe(map((state) => tierOf((q) => state.breakpoints[q] ?? false))),
    { initialValue: tierOf((q) => observer.isMatched(q)) },
  );
}

const TIER_ORDER: readonly ViewportTier[] = ['phone', 'tablet', 'desktop', 'wide'];

/**
 * A table's columns and the narrowest tier each is its own column from. A column not shown at the current tier is
 * "folded": the page writes it as a details line under the main cell or in an expandable row, never drops it.
 */
export type ColumnPlan<C extends string> = ReadonlyArray<readonly [column: C, from: ViewportTier]>;

export function shownColumns<C extends string>(plan: ColumnPlan<C>, tier: ViewportTier): C[] {
  const at = TIER_ORDER.indexOf(tier);
  return plan.filter(([, from]) => TIER_ORDER.indexOf(from) <= at).map(([column]) => column);
}

export function foldedColumns<C extends string>(plan: ColumnPlan<C>, tier: ViewportTier): C[] {
  const shown = new Set(shownColumns(plan, tier));
  return plan.map(([column]) => column).filter((c) => !shown.has(c));
}
