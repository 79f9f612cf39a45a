import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import axe from 'axe-core';
import type { ScreeningMatchDetail } from '@mizan/contracts';
import { pageTestProviders } from '../../../testing/page-providers';
import { SanctionsQueuePage } from '../queue/sanctions-queue.page';
import { MATCH, MATCH_ID, MATCH_VIEW, pendingMatch, SECOND } from '../shared/sanctions-fixtures';
import { SanctionsMatchPage } from './sanctions-match.page';

const API = '/api/v1/screening/matches';

/** axe-core's violations in the rendered page (jsdom has no layout: contrast is left to the browser specs). */
async function check(el: Element): Promise<string[]> {
  const result = await axe.run(el, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
}

/** axe walks the whole page in jsdom: slower than the usual spec. */
const AXE_TIMEOUT_MS = 30_000;

describe('the screening queue and a match in Arabic (right to left) have no axe-core violations', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ...pageTestProviders({
          routes: [
            { path: 'sanctions', component: SanctionsQueuePage },
            { path: 'sanctions/matches/:id', component: SanctionsMatchPage },
          ],
          language: () => 'ar',
        }),
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('the queue with its filters, rows and paginator', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl('/sanctions');
    TestBed.inject(HttpTestingController)
      .expectOne((r) => r.url === API)
      .flush({ items: [MATCH_VIEW, { ...MATCH_VIEW, id: 'b', state: 'pending_second', high: true, score: 0.95 }], page: 1, pageSize: 50, total: 2 });
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  }, AXE_TIMEOUT_MS);

  it.each<[string, ScreeningMatchDetail]>([
    ['open, with the resolution form', MATCH],
    ['waiting, with agree and send back', pendingMatch('confirmed', true)],
    ['decided, with both officers', { ...pendingMatch('false_positive', false), state: 'cleared', resolvedBy: SECOND, resolvedAt: '2026-12-03T08:00:00Z', resolutionReason: 'Different person.' }],
  ])('a match %s', async (_name, match) => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl(`/sanctions/matches/${MATCH_ID}`);
    TestBed.inject(HttpTestingController).expectOne(`${API}/${MATCH_ID}`).flush(match);
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  }, AXE_TIMEOUT_MS);
});
