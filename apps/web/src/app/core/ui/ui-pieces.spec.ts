import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideIcons } from '../icons/icons';
import { LANGUAGE_STORAGE } from '../i18n/i18n.service';
import { EmptyStateComponent } from './empty-state.component';
import { PageHeaderComponent } from './page-header.component';
import { ScrollRegionComponent, scrollEdges } from './scroll-region.component';
import { TableFrameComponent } from './table-frame.component';
import { ToneBadgeComponent } from './tone-badge.component';
import { type ColumnPlan, foldedColumns, shownColumns, TIER_QUERIES, tierOf } from './viewport';

function configure(lang = 'en'): void {
  TestBed.configureTestingModule({
    providers: [provideIcons(), { provide: LANGUAGE_STORAGE, useValue: { get: () => lang, set: () => undefined } }],
  });
}

async function render<T>(type: new (...args: never[]) => T): Promise<{ root: HTMLElement; host: T }> {
  const fixture = TestBed.createComponent(type);
  await fixture.whenStable();
  return { root: fixture.nativeElement as HTMLElement, host: fixture.componentInstance };
}

describe('scrollEdges', () => {
  it('says nothing when the content fits (one pixel of slack for sub-pixel widths)', () => {
    expect(scrollEdges(800, 800, 0)).toEqual({ overflowing: false, moreAtStart: false, moreAtEnd: false });
    expect(scrollEdges(801, 800, 0)).toEqual({ overflowing: false, moreAtStart: false, moreAtEnd: false });
  });

  it('has more at the end before scrolling, at both ends midway and at the start at the end', () => {
    expect(scrollEdges(1200, 800, 0)).toEqual({ overflowing: true, moreAtStart: false, moreAtEnd: true });
    expect(scrollEdges(1200, 800, 200)).toEqual({ overflowing: true, moreAtStart: true, moreAtEnd: true });
    expect(scrollEdges(1200, 800, 400)).toEqual({ overflowing: true, moreAtStart: true, moreAtEnd: false });
  });

  it('reads a right-to-left box, whose scrollLeft runs negative', () => {
    expect(scrollEdges(1200, 800, 0)).toMatchObject({ moreAtStart: false, moreAtEnd: true });
    expect(scrollEdges(1200, 800, -400)).toMatchObject({ moreAtStart: true, moreAtEnd: false });
  });
});

describe('viewport tiers and column plans', () => {
  const plan: ColumnPlan<'title' | 'amount' | 'who' | 'sum'> = [
    ['title', 'phone'],
    ['amount', 'tablet'],
    ['who', 'desktop'],
    ['sum', 'wide'],
  ];

  it('takes the widest tier whose query matches', () => {
    const matching = (...queries: string[]) => (q: string) => queries.includes(q);
    expect(tierOf(matching())).toBe('phone');
    expect(tierOf(matching(TIER_QUERIES.tablet))).toBe('tablet');
    expect(tierOf(matching(TIER_QUERIES.tablet, TIER_QUERIES.desktop))).toBe('desktop');
    expect(tierOf(matching(TIER_QUERIES.tablet, TIER_QUERIES.desktop, TIER_QUERIES.wide))).toBe('wide');
  });

  it('shows a column from its tier up and folds it below, keeping the plan order', () => {
    expect(shownColumns(plan, 'phone')).toEqual(['title']);
    expect(foldedColumns(plan, 'phone')).toEqual(['amount', 'who', 'sum']);
    expect(shownColumns(plan, 'desktop')).toEqual(['title', 'amount', 'who']);
    expect(foldedColumns(plan, 'desktop')).toEqual(['sum']);
    expect(shownColumns(plan, 'wide')).toEqual(['title', 'amount', 'who', 'sum']);
    expect(foldedColumns(plan, 'wide')).toEqual([]);
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent],
  template: `<mz-empty-state data-testid="things-empty" icon="inbox" title="No things yet" [body]="body()"
    ><a href="/new" data-testid="things-new">Make one</a></mz-empty-state
  >`,
})
class EmptyHost {
  readonly body = signal<string | null>('Things appear here once made.');
}

describe('EmptyStateComponent', () => {
  beforeEach(() => configure());

  it('shows the icon, title, body and the projected action, with the page test id on the element', async () => {
    const { root } = await render(EmptyHost);
    const empty = root.querySelector<HTMLElement>('[data-testid="things-empty"]');
    expect(empty?.classList).toContain('mz-empty-state');
    expect(empty?.querySelector('mat-icon')).not.toBeNull();
    expect(empty?.querySelector('.mz-empty-title')?.textContent?.trim()).toBe('No things yet');
    expect(empty?.querySelector('.mz-empty-body')?.textContent?.trim()).toBe('Things appear here once made.');
    expect(empty?.querySelector('[data-testid="things-new"]')?.textContent).toBe('Make one');
  });

  it('leaves the body out when there is none', async () => {
    const fixture = TestBed.createComponent(EmptyHost);
    fixture.componentInstance.body.set(null);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('.mz-empty-body')).toBeNull();
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PageHeaderComponent],
  template: `<mz-page-header [title]="title()" [intro]="intro()" headingTestId="page-heading"
    ><button type="button" data-testid="page-action">New</button></mz-page-header
  >`,
})
class HeaderHost {
  readonly title = signal('Programs');
  readonly intro = signal<string | null>('Programs hold calls.');
}

describe('PageHeaderComponent', () => {
  beforeEach(() => configure());

  it('gives the page one level-1 heading, isolated, with the intro and the projected actions', async () => {
    const { root } = await render(HeaderHost);
    const headings = root.querySelectorAll('h1');
    expect(headings).toHaveLength(1);
    expect(headings[0].getAttribute('data-testid')).toBe('page-heading');
    expect(headings[0].querySelector('bdi')?.textContent).toBe('Programs');
    expect(root.querySelector('.mz-page-intro')?.textContent).toBe('Programs hold calls.');
    expect(root.querySelector('.head-actions [data-testid="page-action"]')).not.toBeNull();
  });

  it('has no intro paragraph without an intro', async () => {
    const fixture = TestBed.createComponent(HeaderHost);
    fixture.componentInstance.intro.set(null);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('.mz-page-intro')).toBeNull();
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ScrollRegionComponent],
  template: `<mz-scroll-region label="Review board"><table><tr><td>wide</td></tr></table></mz-scroll-region>`,
})
class ScrollHost {}

/** jsdom lays nothing out: give the box the measures a browser would. */
function lay(box: HTMLElement, scrollWidth: number, clientWidth: number, scrollLeft = 0): void {
  Object.defineProperty(box, 'scrollWidth', { configurable: true, value: scrollWidth });
  Object.defineProperty(box, 'clientWidth', { configurable: true, value: clientWidth });
  box.scrollLeft = scrollLeft;
}

describe('ScrollRegionComponent', () => {
  beforeEach(() => configure());

  it('is a named region, out of the tab order and without a hint while the table fits', async () => {
    const { root } = await render(ScrollHost);
    const box = root.querySelector<HTMLElement>('[data-testid="scroll-region"]');
    expect(box?.getAttribute('role')).toBe('region');
    expect(box?.getAttribute('aria-label')).toBe('Review board');
    expect(box?.hasAttribute('tabindex')).toBe(false);
    expect(root.querySelector('[data-testid="scroll-hint"]')).toBeNull();
    expect(box?.querySelector('table')).not.toBeNull();
  });

  it('joins the tab order, shows the hint and shadows the edge with more once the table is wider than the box', async () => {
    const fixture = TestBed.createComponent(ScrollHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const box = root.querySelector<HTMLElement>('[data-testid="scroll-region"]');
    if (!box) throw new Error('no scroll region');
    lay(box, 1200, 800);
    box.dispatchEvent(new Event('scroll'));
    await fixture.whenStable();
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(box.getAttribute('data-overflowing')).toBe('true');
    expect(root.querySelector('[data-testid="scroll-hint"]')?.textContent).toContain('Scroll sideways to see more columns.');
    const frame = box.parentElement;
    expect(frame?.classList).toContain('more-end');
    expect(frame?.classList).not.toContain('more-start');

    lay(box, 1200, 800, 400);
    box.dispatchEvent(new Event('scroll'));
    await fixture.whenStable();
    expect(frame?.classList).toContain('more-start');
    expect(frame?.classList).not.toContain('more-end');
  });

  it('says the hint in the reader’s language', async () => {
    TestBed.resetTestingModule();
    configure('ar');
    const fixture = TestBed.createComponent(ScrollHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const box = root.querySelector<HTMLElement>('[data-testid="scroll-region"]');
    if (!box) throw new Error('no scroll region');
    lay(box, 900, 390);
    box.dispatchEvent(new Event('scroll'));
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="scroll-hint"]')?.textContent).toContain('مرِّر أفقيًا');
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TableFrameComponent, EmptyStateComponent],
  template: `<mz-table-frame label="Calls" [empty]="empty()">
    <table data-testid="calls-table"><tr><td>A call</td></tr></table>
    <mz-empty-state mzEmpty data-testid="calls-empty" title="No calls yet" />
    <nav mzPaginator data-testid="calls-pages">1 of 1</nav>
  </mz-table-frame>`,
})
class FrameHost {
  readonly empty = signal(false);
}

describe('TableFrameComponent', () => {
  beforeEach(() => configure());

  const shown = (el: Element | null) => el !== null && !el.closest('.gone');

  it('shows the table in a named scroll region with its paginator, and the empty state instead when there are no rows', async () => {
    const fixture = TestBed.createComponent(FrameHost);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const table = root.querySelector('[data-testid="calls-table"]');
    expect(table?.closest('[role="region"]')?.getAttribute('aria-label')).toBe('Calls');
    expect(shown(table)).toBe(true);
    expect(shown(root.querySelector('[data-testid="calls-pages"]'))).toBe(true);
    expect(shown(root.querySelector('[data-testid="calls-empty"]'))).toBe(false);

    fixture.componentInstance.empty.set(true);
    await fixture.whenStable();
    expect(shown(root.querySelector('[data-testid="calls-table"]'))).toBe(false);
    expect(shown(root.querySelector('[data-testid="calls-pages"]'))).toBe(false);
    expect(shown(root.querySelector('[data-testid="calls-empty"]'))).toBe(true);
  });
});

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ToneBadgeComponent],
  template: `<mz-tone-badge tone="good" data-testid="ok">Eligible</mz-tone-badge>
    <mz-tone-badge tone="info" data-testid="plain">Published</mz-tone-badge>
    <mz-tone-badge data-testid="neutral">Draft</mz-tone-badge>`,
})
class BadgeHost {}

describe('ToneBadgeComponent', () => {
  beforeEach(() => configure());

  it('writes the status in words, with an icon for good, warn and bad and none for info and neutral', async () => {
    const { root } = await render(BadgeHost);
    const ok = root.querySelector('[data-testid="ok"]');
    expect(ok?.textContent?.trim()).toBe('Eligible');
    expect(ok?.querySelector('.tone-good mat-icon')).not.toBeNull();
    expect(root.querySelector('[data-testid="plain"] .tone-info mat-icon')).toBeNull();
    expect(root.querySelector('[data-testid="neutral"] .tone-neutral')).not.toBeNull();
  });
});
