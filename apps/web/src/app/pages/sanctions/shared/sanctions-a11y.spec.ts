import { HttpClient } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import axe from 'axe-core';
import { pageTestProviders } from '../../../testing/page-providers';
import { UPLOAD_HTTP } from '../../applicant/shared/upload';
import { SanctionsCheckPage } from '../check/sanctions-check.page';
import { SANCTIONS_POLL_MS, SanctionsListsPage } from '../lists/sanctions-lists.page';
import { SanctionsSettingsPage } from '../settings/sanctions-settings.page';
import { CHECK, ENTRY, RUN, SETTINGS, VERSION } from './sanctions-fixtures';

const API = '/api/v1/screening';

/** axe-core's violations in the rendered page (jsdom has no layout: contrast is left to the browser specs). */
async function check(el: Element): Promise<string[]> {
  const result = await axe.run(el, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
}

describe('the sanctions pages in Arabic (right to left) have no axe-core violations', () => {
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ...pageTestProviders({
          routes: [
            { path: 'sanctions/lists', component: SanctionsListsPage },
            { path: 'sanctions/check', component: SanctionsCheckPage },
            { path: 'sanctions/settings', component: SanctionsSettingsPage },
          ],
          language: () => 'ar',
        }),
        { provide: UPLOAD_HTTP, useFactory: () => TestBed.inject(HttpClient) },
        { provide: SANCTIONS_POLL_MS, useValue: 60_000 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('the lists with a version, a failed one and a run going', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl('/sanctions/lists');
    http.expectOne((r) => r.url === `${API}/lists`).flush([VERSION, { ...VERSION, id: 'v0', state: 'failed', failureCode: 'SANCTIONS_LIST_INVALID', failureParams: { line: 3, detail: 'x' } }]);
    http.expectOne((r) => r.url === `${API}/runs`).flush([RUN]);
    await h.fixture.whenStable();
    h.detectChanges();
    expect(document.documentElement.dir).toBe('rtl');
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  });

  it('the lists, empty', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl('/sanctions/lists');
    http.expectOne((r) => r.url === `${API}/lists`).flush([]);
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(h.routeNativeElement as Element)).toEqual([]);
  });

  it('a check with its candidates, explanation and one entry open', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl('/sanctions/check');
    const root = h.routeNativeElement as HTMLElement;
    const input = root.querySelector<HTMLInputElement>('[data-testid="sanctions-check-name"]');
    if (!input) throw new Error('no name field');
    input.value = 'عزت الدوري';
    input.dispatchEvent(new Event('input'));
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    http.expectOne(`${API}/checks`).flush(CHECK);
    await h.fixture.whenStable();
    h.detectChanges();
    root.querySelector<HTMLButtonElement>('[data-testid="sanctions-candidate-entry-toggle"]')?.click();
    http.expectOne(`${API}/entries/${ENTRY.id}`).flush(ENTRY);
    await h.fixture.whenStable();
    h.detectChanges();
    expect(await check(root)).toEqual([]);
  });

  it('the settings with a field error', async () => {
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl('/sanctions/settings');
    http.expectOne(`${API}/settings`).flush(SETTINGS);
    await h.fixture.whenStable();
    h.detectChanges();
    const root = h.routeNativeElement as HTMLElement;
    const high = root.querySelector<HTMLInputElement>('[data-testid="sanctions-settings-high"]');
    if (!high) throw new Error('no high score field');
    high.value = '0.6';
    high.dispatchEvent(new Event('input'));
    root.querySelector('form')?.dispatchEvent(new Event('submit'));
    await h.fixture.whenStable();
    h.detectChanges();
    expect(root.querySelector('[data-testid="sanctions-settings-high-error"]')).not.toBeNull();
    expect(await check(root)).toEqual([]);
  });
});
