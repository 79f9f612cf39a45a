import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { RedFlagPage, RedFlagView } from '@mizan/contracts';
import { LANGUAGE_STORAGE } from '../../../core/i18n/i18n.service';
import { provideIcons } from '../../../core/icons/icons';
import { RedFlagListComponent } from './red-flag-list.component';

const FLAG: RedFlagView = {
  id: '11111111-1111-4111-8111-111111111111',
  grantId: '22222222-2222-4222-8222-222222222222',
  grantNumber: 'MZ-2026-0001',
  grantTitle: 'Clinic',
  reportId: '33333333-3333-4333-8333-333333333333',
  code: 'CASH_ABOVE_THRESHOLD',
  severity: 'medium',
  state: 'open',
  active: true,
  params: { amountMinor: '150000', thresholdMinor: '100000', currency: 'USD' },
  lines: [{ id: '44444444-4444-4444-8444-444444444444', seq: 7, reportId: '33333333-3333-4333-8333-333333333333', date: '2026-03-01', supplier: 'Al-Noor', amountMinor: '150000', currency: 'USD' }],
  lineCount: 1,
  firstRaisedAt: '2026-03-02T10:00:00.000Z',
  lastEvaluatedAt: '2026-03-02T10:00:00.000Z',
  resolvedAt: null,
  resolvedByName: null,
  resolutionReason: null,
  history: [],
  rowVersion: 1,
};

const PAGE: RedFlagPage = { items: [FLAG], pageSize: 25, next: null, previous: null, total: 1, totalCapped: false, counts: { byCode: { CASH_ABOVE_THRESHOLD: { medium: 1 } }, bySeverity: { medium: 1 }, byState: { open: 1 } } };

async function setUp(grantId: string | null) {
  TestBed.configureTestingModule({
    imports: [RedFlagListComponent],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideIcons(),
      provideRouter([]),
      provideNoopAnimations(),
      { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
    ],
  });
  const fixture = TestBed.createComponent(RedFlagListComponent);
  fixture.componentRef.setInput('grantId', grantId);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  return { fixture, http, root: fixture.nativeElement as HTMLElement };
}

describe('RedFlagListComponent', () => {
  it('loads a grant’s flags and says which rule, why and on which line (linked to its verification)', async () => {
    const { fixture, http, root } = await setUp(FLAG.grantId);
    const request = http.expectOne((r) => r.url.endsWith(`/grants/${FLAG.grantId}/red-flags`));
    expect(request.request.params.get('pageSize')).toBe('25');
    expect(request.request.params.has('after')).toBe(false);
    expect(request.request.params.has('grantId')).toBe(false);
    request.flush(PAGE);
    await fixture.whenStable();
    const row = root.querySelector('[data-testid="flag-row"]') as HTMLElement;
    expect(row.textContent).toContain('Large cash payment');
    expect(root.querySelector('[data-testid="flag-why"]')?.textContent).toContain('Paid in cash: US$1,500.00, above the cash limit of US$1,000.00.');
    const link = root.querySelector<HTMLAnchorElement>('[data-testid="flag-line-link"]');
    expect(link?.getAttribute('href')).toBe(`/officer/reports/${FLAG.reportId}/verify?line=${FLAG.lines[0].id}`);
    expect(root.querySelector('[data-testid="flags-counts"]')?.textContent).toContain('1 (0 high, 1 medium, 0 low)');
    expect(root.querySelector('[data-testid="flag-escalate"]')).not.toBeNull();
    http.verify();
  });

  it('filters by severity through the api and shows the empty state', async () => {
    const { fixture, http, root } = await setUp(null);
    http.expectOne((r) => r.url.endsWith('/red-flags')).flush(PAGE);
    await fixture.whenStable();
    (fixture.componentInstance as unknown as { setFilter: (w: string, v: string) => void }).setFilter('severity', 'high');
    const filtered = http.expectOne((r) => r.url.endsWith('/red-flags'));
    expect(filtered.request.params.get('severity')).toBe('high');
    filtered.flush({ ...PAGE, items: [], total: 0, counts: { byCode: {}, bySeverity: {}, byState: {} } });
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="flags-empty"]')).not.toBeNull();
    http.verify();
  });
});
