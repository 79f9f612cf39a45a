import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { KeysetPage, ScreeningMatchView } from '@mizan/contracts';
import { pageTestProviders } from '../../../testing/page-providers';
import { MATCH_VIEW, PROPOSER } from '../shared/sanctions-fixtures';
import { QUEUE_SEARCH_DEBOUNCE_MS, SanctionsQueuePage } from './sanctions-queue.page';

const API = '/api/v1/screening/matches';

function page(items: ScreeningMatchView[], total = items.length): KeysetPage<ScreeningMatchView> {
  return { items, pageSize: 50, next: null, previous: null, total, totalCapped: false };
}

const HIGH: ScreeningMatchView = {
  ...MATCH_VIEW,
  id: '5c0c7f1e-3a52-4b8e-9d43-0f2f8e6b1a02',
  state: 'pending_second',
  screenedName: 'عزت إبراهيم الدوري',
  score: 0.9512,
  high: true,
  proposedResolution: 'false_positive',
  proposedBy: PROPOSER,
};

async function setUp(url = '/sanctions', lang = 'en') {
  TestBed.configureTestingModule({
    providers: [
      ...pageTestProviders({
        language: () => lang,
        routes: [
          { path: 'sanctions', component: SanctionsQueuePage },
          { path: 'sanctions/matches/:id', children: [] },
        ],
      }),
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  const http = TestBed.inject(HttpTestingController);
  const root = harness.routeNativeElement as HTMLElement;
  const settle = async () => {
    await harness.fixture.whenStable();
    harness.detectChanges();
  };
  /** The one queue request now outstanding. */
  const expectList = (): TestRequest => http.expectOne((r) => r.url === API);
  return { harness, http, root, settle, expectList };
}

describe('SanctionsQueuePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('asks for what needs a decision by default and lists each match with its party, entry, score and state', async () => {
    const { root, settle, expectList } = await setUp();
    const request = expectList();
    // No state: the api lists what still needs an officer (open and waiting for a second officer).
    expect(request.request.params.get('state')).toBeNull();
    expect(request.request.params.get('partyKind')).toBeNull();
    expect(request.request.params.get('q')).toBeNull();
    expect(request.request.params.get('after')).toBeNull();
    expect(request.request.params.get('pageSize')).toBe('50');
    request.flush(page([MATCH_VIEW, HIGH], 2));
    await settle();

    expect(root.querySelector('[data-testid="queue-count"]')?.textContent).toContain('2 potential matches · To decide');
    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid="queue-row"]')];
    expect(rows).toHaveLength(2);
    const first = rows[0].textContent ?? '';
    expect(first).toContain('Ezzat Ibrahim Al Duri');
    expect(first).toContain('Person of a partner');
    expect(first).toContain('Tigris Relief');
    expect(first).toContain('Partner: Basra Water Works');
    expect(first).toContain('IZZAT IBRAHIM AL-DURI');
    expect(first).toContain('IQi.006');
    expect(first).toContain('0.87');
    expect(first).toContain('Open');
    expect(rows[0].querySelector('[data-testid="queue-high"]')).toBeNull();
    const second = rows[1];
    expect(second.querySelector('[data-testid="queue-high"]')?.textContent).toContain('High');
    expect(second.querySelector('[data-testid="queue-state"]')?.textContent).toContain('Waiting for a second officer');
    expect(second.textContent).toContain('Layla Hassan');
    // The Arabic name keeps its own direction in an English page.
    expect(second.querySelector('[data-testid="queue-link"]')?.getAttribute('dir')).toBe('auto');
  });

  it('makes every row a link to its match page', async () => {
    const { root, settle, expectList, harness } = await setUp();
    expectList().flush(page([MATCH_VIEW]));
    await settle();
    const link = root.querySelector<HTMLAnchorElement>('[data-testid="queue-link"]');
    expect(link?.getAttribute('href')).toBe(`/sanctions/matches/${MATCH_VIEW.id}`);
    // A click elsewhere on the row goes there too.
    root.querySelector<HTMLElement>('[data-testid="queue-row"] td:nth-child(3)')?.click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe(`/sanctions/matches/${MATCH_VIEW.id}`);
  });

  it('puts the state chip, the kind of party and the search into the request and the address', async () => {
    const { root, settle, expectList } = await setUp();
    expectList().flush(page([MATCH_VIEW]));
    await settle();
    const router = TestBed.inject(Router);

    root.querySelector<HTMLElement>('[data-testid="queue-state-confirmed"] .mat-mdc-chip-action')?.click();
    await settle();
    expect(router.url).toBe('/sanctions?state=confirmed');
    expect(expectList().request.params.get('state')).toBe('confirmed');

    // The search waits for the typing to stop, then asks once.
    const input = root.querySelector<HTMLInputElement>('[data-testid="queue-search"]');
    if (!input) throw new Error('no search box');
    input.value = 'al dur';
    input.dispatchEvent(new Event('input'));
    input.value = 'al duri';
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, QUEUE_SEARCH_DEBOUNCE_MS + 50));
    await settle();
    expect(router.url).toBe('/sanctions?state=confirmed&q=al%20duri');
    const searched = expectList();
    expect(searched.request.params.get('q')).toBe('al duri');
    expect(searched.request.params.get('state')).toBe('confirmed');
    searched.flush(page([]));
    await settle();
    expect(root.querySelector('[data-testid="queue-empty"]')?.textContent).toContain('No potential matches with these filters');
  });

  it('says "more than 10,000" when the api stopped counting, and asks for the page after the cursor', async () => {
    const { root, settle, expectList } = await setUp();
    expectList().flush({ items: [MATCH_VIEW], pageSize: 50, next: 'n1', previous: null, total: 10_000, totalCapped: true });
    await settle();
    expect(root.querySelector('[data-testid="queue-count"]')?.textContent).toContain('More than 10,000 potential matches · To decide');
    expect(root.querySelector('[data-testid="keyset-range"]')?.textContent).toContain('1–1 of 10,000+');
    root.querySelector<HTMLButtonElement>('[data-testid="keyset-next"]')?.click();
    await settle();
    const next = expectList();
    expect(next.request.params.get('after')).toBe('n1');
    next.flush(page([]));
    await settle();
  });

  it('reads its filters from the address, the kind of party included', async () => {
    const { root, settle, expectList } = await setUp('/sanctions?state=lapsed&kind=supplier&q=IQi.006&after=c2');
    const request = expectList();
    expect(request.request.params.get('state')).toBe('lapsed');
    expect(request.request.params.get('partyKind')).toBe('supplier');
    expect(request.request.params.get('q')).toBe('IQi.006');
    expect(request.request.params.get('after')).toBe('c2');
    request.flush({ items: [MATCH_VIEW], pageSize: 50, next: null, previous: 'c1', total: 51, totalCapped: false });
    await settle();
    expect(root.querySelector<HTMLInputElement>('[data-testid="queue-search"]')?.value).toBe('IQi.006');
    expect(root.querySelector('[data-testid="queue-count"]')?.textContent).toContain('51 potential matches · Lapsed');
  });

  it('says everyone screened is clear when nothing needs a decision', async () => {
    const { root, settle, expectList } = await setUp();
    expectList().flush(page([]));
    await settle();
    const empty = root.querySelector('[data-testid="queue-empty"]')?.textContent ?? '';
    expect(empty).toContain('No potential matches — everyone screened is clear');
    expect(root.querySelector('[data-testid="queue-clear-filters"]')).toBeNull();
    expect(root.querySelector('[data-testid="queue-count"]')?.textContent).toContain('No potential matches · To decide');
  });

  it('counts in Arabic with the Arabic plural', async () => {
    const { root, settle, expectList } = await setUp('/sanctions', 'ar');
    expectList().flush(page([MATCH_VIEW, HIGH], 2));
    await settle();
    expect(root.querySelector('[data-testid="queue-count"]')?.textContent).toContain('تطابقان محتملان');
  });

  it('shows a refusal translated and asks again on retry', async () => {
    const { root, settle, expectList } = await setUp();
    expectList().flush({ code: 'FORBIDDEN', message: 'no' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(root.querySelector('[data-testid="queue-error"]')).not.toBeNull();
    root.querySelector<HTMLButtonElement>('[data-testid="queue-retry"]')?.click();
    await settle();
    expectList().flush(page([MATCH_VIEW]));
    await settle();
    expect(root.querySelector('[data-testid="queue-error"]')).toBeNull();
    expect(root.querySelectorAll('[data-testid="queue-row"]')).toHaveLength(1);
  });
});
