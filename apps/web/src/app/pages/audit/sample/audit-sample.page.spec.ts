import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { EngagementView, Page, SampleItemView } from '@mizan/contracts';
import { ENGAGEMENT, FINDING, ITEM } from '../findings/finding-fixtures';
import { AuditSamplePage } from './audit-sample.page';
import { SIZE_DEBOUNCE_MS } from './draw-form.component';
import { pageTestProviders } from '../../../testing/page-providers';

const ID = ENGAGEMENT.id;
const API = `/api/v1/audit/engagements/${ID}`;

@Component({ selector: 'mz-findings-stub', template: 'findings', changeDetection: ChangeDetectionStrategy.OnPush })
class FindingsStubComponent {}

const DRAWN: EngagementView = {
  ...ENGAGEMENT,
  actions: ['test', 'raise_finding'],
  sampleDrawnAt: '2026-03-10T10:00:00Z',
  populationFrozenAt: '2026-03-10T10:00:00Z',
  sampleFrozenAt: '2026-03-11T08:00:00Z',
  sampling: {
    method: 'monetary_unit',
    seed: '3141592653',
    confidencePct: 95,
    materialityMinor: '1000000',
    expectedMisstatementMinor: '0',
    sampleSize: null,
    includeOpenRedFlags: true,
    includeAboveMinor: '500000',
    size: {
      method: 'monetary_unit',
      populationCount: 240,
      populationValueMinor: '12000000',
      currency: 'USD',
      sampleSize: 36,
      intervalMinor: '333334',
      reliabilityFactor: 3,
      expansionFactor: null,
      formula: 'n = ceil(V × R ÷ TM)',
      params: { V: '12000000', R: 3, TM: '1000000' },
    },
  },
  counts: { ...ENGAGEMENT.counts, sampleCount: 38, tested: 5, exceptions: 1 },
};

async function setUp(engagement: EngagementView) {
  TestBed.configureTestingModule({
    providers: [
      ...pageTestProviders({
        routes: [
          { path: 'audit/:id/sample', component: AuditSamplePage },
          { path: 'audit/:id/findings', component: FindingsStubComponent },
        ],
      }),
    ],
  });
  const harness = await RouterTestingHarness.create();
  const navigation = harness.navigateByUrl(`/audit/${ID}/sample`);
  await navigation;
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(API).flush(engagement);
  const root = harness.routeNativeElement as HTMLElement;
  const settle = async () => {
    await harness.fixture.whenStable();
    harness.detectChanges();
  };
  return { harness, http, root, settle };
}

describe('AuditSamplePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('before the draw: the population and the draw form; after drawing, the seed and the sample', async () => {
    const { http, root, settle } = await setUp({ ...ENGAGEMENT, actions: ['draw_sample'] });
    http.expectOne((r) => r.url === `${API}/population`).flush({ items: [], page: 1, pageSize: 1, total: 240, count: 240, valueMinor: '12000000', currency: 'USD', frozen: false });
    await settle();
    expect(root.querySelector('[data-testid="population-count"]')?.textContent).toContain('240 items');
    expect(root.querySelector('[data-testid="population-count"]')?.textContent).toContain('US$120,000.00');
    expect(root.querySelector('[data-testid="draw-form"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="sample-workbook"]')).toBeNull();
    const materiality = root.querySelector<HTMLInputElement>('input[data-testid="draw-materiality"]');
    if (!materiality) throw new Error('no materiality');
    materiality.value = '10000';
    materiality.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, SIZE_DEBOUNCE_MS + 60));
    const size = http.expectOne((r) => r.url === `${API}/sample-size`);
    expect(size.request.params.get('materialityMinor')).toBe('1000000');
    size.flush(DRAWN.sampling?.size);
    await settle();
    root.querySelector<HTMLButtonElement>('[data-testid="draw-submit"]')?.click();
    http.expectOne(`${API}/sample`).flush({});
    await settle();
    http.expectOne(API).flush(DRAWN);
    const page: Page<SampleItemView> = { items: [ITEM, { ...ITEM, id: 'i2', pickOrder: 5, reasons: ['above_value'], result: 'exception' }], page: 1, pageSize: 50, total: 38 };
    const request = http.expectOne((r) => r.url === `${API}/sample`);
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.get('pageSize')).toBe('50');
    request.flush(page);
    await settle();
    expect(root.querySelector('[data-testid="sample-seed"]')?.textContent).toBe('3141592653');
    expect(root.querySelector('[data-testid="sample-method"]')?.textContent).toContain('Monetary-unit sampling');
    expect(root.querySelector('[data-testid="sample-params"]')?.textContent).toContain('n = ceil(V × R ÷ TM)');
    expect(root.querySelector('[data-testid="sample-size"]')?.textContent).toContain('36 from the parameters; 38 items in the sample');
    expect(root.querySelector('[data-testid="sample-progress"]')?.textContent).toContain('5 of 38 items tested; 1 exception.');
    const rows = [...root.querySelectorAll('[data-testid="sample-row"]')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Generator fuel, Al-Noor');
    expect(rows[0].textContent).toContain('Open red flag');
    expect(rows[0].textContent).toContain('Not tested');
    expect(rows[1].textContent).toContain('Above the value');
    expect(rows[1].textContent).toContain('Exception');
    // "Raise a finding" only on the exception.
    expect(rows[0].querySelector('[data-testid="sample-raise"]')).toBeNull();
    expect(rows[1].querySelector('[data-testid="sample-raise"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="sample-workbook"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="draw-form"]')).toBeNull();
  });

  it('before the draw the engagement has no currency yet: the live population’s currency offers monetary-unit sampling', async () => {
    const { http, root, settle } = await setUp({ ...ENGAGEMENT, currency: null, populationFrozenAt: null, actions: ['draw_sample'] });
    // The draw form waits for the population: its currency decides the methods.
    expect(root.querySelector('[data-testid="draw-form"]')).toBeNull();
    http.expectOne((r) => r.url === `${API}/population`).flush({ items: [], page: 1, pageSize: 1, total: 16, count: 16, valueMinor: '5000000', currency: 'SEK', frozen: false });
    await settle();
    const mus = root.querySelector<HTMLInputElement>('[data-testid="draw-method-monetary_unit"] input');
    expect(mus?.disabled).toBe(false);
    expect(mus?.checked).toBe(true);
    expect(root.querySelector('input[data-testid="draw-materiality"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="population-count"]')?.textContent).toContain('SEK');
  });

  it('raises a finding from an item with an exception, prefilled, and opens it on the findings tab', async () => {
    const { harness, http, root, settle } = await setUp(DRAWN);
    const exception = { ...ITEM, result: 'exception' as const };
    http.expectOne((r) => r.url === `${API}/sample`).flush({ items: [exception], page: 1, pageSize: 50, total: 1 });
    await settle();
    root.querySelector<HTMLButtonElement>('[data-testid="sample-raise"]')?.click();
    http.expectOne(`${API}/grants`).flush([{ grantId: ITEM.population.grantId, grantNumber: 'MZ-2026-0001', title: 'Clinics in Basra' }]);
    await settle();
    expect(document.querySelector('[data-testid="finding-from-item"]')).not.toBeNull();
    expect(document.querySelector<HTMLInputElement>('input[data-testid="finding-affected"]')?.value).toBe('1250.00');
    const fill = (testId: string, value: string) => {
      const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`input[data-testid="${testId}"], textarea[data-testid="${testId}"]`);
      if (!el) throw new Error(`no ${testId}`);
      el.value = value;
      el.dispatchEvent(new Event('input'));
    };
    fill('finding-title', 'Fuel for a private car');
    fill('finding-description', 'The receipt is for a private car');
    fill('finding-recommendation', 'Refund');
    fill('finding-action', 'Refund');
    fill('finding-owner', 'Treasurer');
    document.querySelector<HTMLButtonElement>('[data-testid="finding-submit"]')?.click();
    const request = http.expectOne(`${API}/findings`);
    expect(request.request.body).toMatchObject({ grantId: ITEM.population.grantId, sampleItemId: ITEM.id, affectedMinor: '125000' });
    request.flush(FINDING);
    await settle();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe(`/audit/${ID}/findings?finding=${FINDING.id}`);
  });

  it('downloads the working papers as XLSX, and says why when it cannot', async () => {
    const { http, root, settle } = await setUp(DRAWN);
    http.expectOne((r) => r.url === `${API}/sample`).flush({ items: [ITEM], page: 1, pageSize: 50, total: 1 });
    await settle();
    const created: Blob[] = [];
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:workbook';
    };
    URL.revokeObjectURL = () => undefined;
    // jsdom's Blob lacks text(), which the browser has: read it the old way.
    const hadText = 'text' in Blob.prototype;
    if (!hadText) {
      Object.defineProperty(Blob.prototype, 'text', {
        configurable: true,
        value(this: Blob) {
          return new Promise<string>((resolve) => {
            const reader = new FileReader();
            reader.onload = () => resolve(String(reader.result));
            reader.readAsText(this);
          });
        },
      });
    }
    try {
      root.querySelector<HTMLButtonElement>('[data-testid="sample-workbook"]')?.click();
      http
        .expectOne(`${API}/working-papers.xlsx`)
        .flush(new Blob(['PK']), { headers: { 'Content-Disposition': 'attachment; filename="AUD-2026-0003-working-papers.xlsx"' } });
      await settle();
      expect(created).toHaveLength(1);
      expect(root.textContent).toContain('Downloaded AUD-2026-0003-working-papers.xlsx.');
      root.querySelector<HTMLButtonElement>('[data-testid="sample-workbook"]')?.click();
      http
        .expectOne(`${API}/working-papers.xlsx`)
        .flush(new Blob([JSON.stringify({ code: 'AUDIT_SAMPLE_NOT_DRAWN', message: 'no sample' })]), { status: 409, statusText: 'Conflict' });
      for (let i = 0; i < 50 && !root.querySelector('[data-testid="sample-error"]'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await settle();
      }
      expect(root.querySelector('[data-testid="sample-error"]')?.textContent).toContain('No sample has been drawn yet.');
    } finally {
      if (!hadText) delete (Blob.prototype as { text?: unknown }).text;
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    }
  });
});
