import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RouterTestingHarness } from '@angular/router/testing';
import { pageTestProviders } from '../../../testing/page-providers';
import { SanctionsTabsComponent, sanctionsTabOf } from './sanctions-tabs.component';

@Component({
  selector: 'mz-tabs-host',
  imports: [SanctionsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<mz-sanctions-tabs><p data-testid="content">the page</p></mz-sanctions-tabs>`,
})
class HostComponent {}

describe('SanctionsTabsComponent', () => {
  it('links the four sections, marks the current one, and holds the page as the tab panel', async () => {
    TestBed.configureTestingModule({
      providers: [
        ...pageTestProviders({
          routes: [
            { path: 'sanctions', component: HostComponent },
            { path: 'sanctions/lists', component: HostComponent },
            { path: 'sanctions/matches/:id', component: HostComponent },
          ],
        }),
      ],
    });
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/sanctions/lists');
    harness.detectChanges();
    const root = () => harness.routeNativeElement as HTMLElement;
    const links = [...root().querySelectorAll<HTMLAnchorElement>('[data-testid^="sanctions-tab-"]')];
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Potential matches', '/sanctions'],
      ['Lists', '/sanctions/lists'],
      ['Check a name', '/sanctions/check'],
      ['Settings', '/sanctions/settings'],
    ]);
    const active = () => [...root().querySelectorAll('[data-testid^="sanctions-tab-"]')].filter((a) => a.getAttribute('aria-selected') === 'true').map((a) => a.getAttribute('data-testid'));
    expect(active()).toEqual(['sanctions-tab-lists']);
    expect(root().querySelector('nav')?.getAttribute('aria-label')).toBe('Sanctions screening sections');
    expect(root().querySelector('[role="tabpanel"] [data-testid="content"]')).not.toBeNull();

    await harness.navigateByUrl('/sanctions/matches/m1');
    harness.detectChanges();
    expect(active()).toEqual(['sanctions-tab-queue']);
  });

  it('sanctionsTabOf: one match belongs to the queue, query strings do not count', () => {
    expect(sanctionsTabOf('/sanctions')).toBe('queue');
    expect(sanctionsTabOf('/sanctions?state=open')).toBe('queue');
    expect(sanctionsTabOf('/sanctions/matches/abc')).toBe('queue');
    expect(sanctionsTabOf('/sanctions/lists')).toBe('lists');
    expect(sanctionsTabOf('/sanctions/check?x=1')).toBe('check');
    expect(sanctionsTabOf('/sanctions/settings/')).toBe('settings');
    expect(sanctionsTabOf('/sanctions/listsx')).toBe('queue');
  });
});
