import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DrawSampleRequest, SampleSizeView } from '@mizan/contracts';
import { DrawFormComponent, SIZE_DEBOUNCE_MS } from './draw-form.component';
import { pageTestProviders } from '../../../testing/page-providers';

const ENGAGEMENT = '11111111-1111-4111-8111-111111111111';
const SIZE_URL = `/api/v1/audit/engagements/${ENGAGEMENT}/sample-size`;
const DRAW_URL = `/api/v1/audit/engagements/${ENGAGEMENT}/sample`;

const SIZE: SampleSizeView = {
  method: 'monetary_unit',
  populationCount: 240,
  populationValueMinor: '12000000',
  currency: 'USD',
  sampleSize: 38,
  intervalMinor: '315790',
  reliabilityFactor: 3,
  expansionFactor: 1.6,
  formula: 'n = ceil(V × R ÷ (TM − EM × E))',
  params: { V: '12000000', R: 3, TM: '1000000', EM: '0', E: 1.6 },
};

const settle = () => new Promise((resolve) => setTimeout(resolve, SIZE_DEBOUNCE_MS + 60));

async function setUp(redraw = false, currency: string | null = 'USD') {
  TestBed.configureTestingModule({
    imports: [DrawFormComponent],
    providers: [
      ...pageTestProviders(),
    ],
  });
  const fixture = TestBed.createComponent(DrawFormComponent);
  fixture.componentRef.setInput('engagementId', ENGAGEMENT);
  fixture.componentRef.setInput('currency', currency);
  fixture.componentRef.setInput('redraw', redraw);
  const drawn: unknown[] = [];
  fixture.componentInstance.drawn.subscribe(() => drawn.push(true));
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const type = (testId: string, value: string) => {
    const input = root.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    root.querySelector<HTMLButtonElement>('[data-testid="draw-submit"]')?.click();
    await fixture.whenStable();
  };
  return { fixture, root, http: TestBed.inject(HttpTestingController), type, submit, drawn };
}

describe('DrawFormComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('starts with a random seed in the form, shown and editable', async () => {
    const { root } = await setUp();
    const seed = root.querySelector<HTMLInputElement>('[data-testid="draw-seed"]')?.value ?? '';
    expect(seed).toMatch(/^\d{1,10}$/);
    expect(Number(seed)).toBeLessThanOrEqual(4_294_967_295);
    await settle();
  });

  it('names each bad field and sends nothing: seed, confidence of 100 %, missing materiality', async () => {
    const { fixture, root, http, type, submit } = await setUp();
    type('draw-seed', '99999999999');
    type('draw-confidence', '100');
    await submit();
    await settle();
    fixture.detectChanges();
    const text = root.textContent ?? '';
    expect(text).toContain('A whole number from 0 to 4294967295.');
    expect(text).toContain('A percentage above 0 and below 100, e.g. 95.');
    expect(text).toContain('This field is required.');
    expect(root.querySelector('[data-testid="draw-error"]')?.textContent).toContain('Some fields need attention.');
    http.expectNone(DRAW_URL);
    // The calculator is not asked while what it needs is invalid.
    http.expectNone((r) => r.url === SIZE_URL);
  });

  it('calculates the size live and shows the formula and its parameters', async () => {
    const { fixture, root, http, type } = await setUp();
    type('draw-materiality', '10,000');
    type('draw-expected', '500');
    await settle();
    const request = http.expectOne((r) => r.url === SIZE_URL);
    expect(request.request.params.get('method')).toBe('monetary_unit');
    expect(request.request.params.get('confidencePct')).toBe('95');
    expect(request.request.params.get('materialityMinor')).toBe('1000000');
    expect(request.request.params.get('expectedMisstatementMinor')).toBe('50000');
    request.flush(SIZE);
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="size-calc-result"]')?.textContent).toContain('38 items out of 240 items');
    expect(root.querySelector('[data-testid="size-calc-formula"]')?.textContent).toContain('n = ceil(V × R ÷ (TM − EM × E))');
    const params = root.querySelector('[data-testid="size-calc-params"]')?.textContent ?? '';
    expect(params).toContain('US$3,157.90');
    expect(params).toContain('Reliability factor');
    expect(params).toContain('TM');
    expect(params).toContain('1000000');
  });

  it('says why the calculator refuses, on the field it is about', async () => {
    const { fixture, root, http, type } = await setUp();
    type('draw-materiality', '999999');
    await settle();
    http
      .expectOne((r) => r.url === SIZE_URL)
      .flush({ code: 'AUDIT_MATERIALITY_ABOVE_POPULATION', message: 'Materiality above population' }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="size-calc-error"]')?.textContent).toContain('Materiality cannot be larger than the population value.');
    expect(root.querySelector('input[data-testid="draw-materiality"]')?.closest('mat-form-field')?.textContent).toContain(
      'Materiality cannot be larger than the population value.',
    );
  });

  it('draws a simple random sample with the seed and parameters, and reports the api’s field problem', async () => {
    const { fixture, root, http, type, submit, drawn } = await setUp();
    root.querySelector<HTMLElement>('[data-testid="draw-method-simple_random"] input')?.click();
    await fixture.whenStable();
    type('draw-seed', '20260101');
    type('draw-size', '25');
    type('draw-above', '2500');
    await settle();
    http.expectOne((r) => r.url === SIZE_URL && r.params.get('sampleSize') === '25').flush({ ...SIZE, method: 'simple_random', sampleSize: 25, intervalMinor: null, reliabilityFactor: null, expansionFactor: null, formula: 'n = 25', params: { n: 25 } });
    await submit();
    let request = http.expectOne(DRAW_URL);
    const body = request.request.body as DrawSampleRequest;
    expect(body).toEqual({
      method: 'simple_random',
      seed: '20260101',
      confidencePct: 95,
      materialityMinor: null,
      expectedMisstatementMinor: null,
      sampleSize: 25,
      includeOpenRedFlags: true,
      includeAboveMinor: '250000',
    });
    request.flush(
      { code: 'VALIDATION_FAILED', message: 'sampleSize', fields: [{ field: 'sampleSize', message: 'sampleSize must not exceed 240' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(root.textContent).toContain('sampleSize must not exceed 240');
    expect(drawn).toEqual([]);
    type('draw-size', '24');
    await settle();
    http.expectOne((r) => r.url === SIZE_URL).flush({ ...SIZE, method: 'simple_random', sampleSize: 24 });
    await submit();
    request = http.expectOne(DRAW_URL);
    request.flush({});
    await fixture.whenStable();
    expect(drawn).toEqual([true]);
  });

  it('asks a reason to draw again', async () => {
    const { fixture, root, http, type, submit } = await setUp(true);
    type('draw-materiality', '10000');
    await settle();
    http.expectOne((r) => r.url === SIZE_URL).flush(SIZE);
    await submit();
    http.expectNone(DRAW_URL);
    fixture.detectChanges();
    expect(root.textContent).toContain('Give a reason.');
    const reason = root.querySelector<HTMLTextAreaElement>('[data-testid="draw-reason"]');
    if (!reason) throw new Error('no reason');
    reason.value = 'Population corrected';
    reason.dispatchEvent(new Event('input'));
    await submit();
    const request = http.expectOne(DRAW_URL);
    expect((request.request.body as DrawSampleRequest).reason).toBe('Population corrected');
    expect((request.request.body as DrawSampleRequest).materialityMinor).toBe('1000000');
    request.flush({});
  });

  it('offers only simple random sampling for a population in several currencies', async () => {
    const { fixture, root } = await setUp(false, null);
    await fixture.whenStable();
    expect(root.textContent).toContain('The population is in more than one currency');
    expect(root.querySelector<HTMLInputElement>('[data-testid="draw-method-monetary_unit"] input')?.disabled).toBe(true);
    expect(root.querySelector<HTMLInputElement>('[data-testid="draw-method-simple_random"] input')?.checked).toBe(true);
    expect(root.querySelector('input[data-testid="draw-materiality"]')).toBeNull();
    expect(root.querySelector('input[data-testid="draw-above"]')).toBeNull();
    await settle();
  });
});
