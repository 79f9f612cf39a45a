import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { AUDIT_CHECKS, type TestSampleItemRequest, type WorkingPaperView } from '@mizan/contracts';
import { ITEM } from '../findings/finding-fixtures';
import { TestDialogComponent, type TestDialogData } from './test-dialog.component';
import { pageTestProviders } from '../../../testing/page-providers';

const ENGAGEMENT = '11111111-1111-4111-8111-111111111111';
const ITEM_ID = '22222222-2222-4222-8222-222222222222';


const PAPER: WorkingPaperView = {
  id: '55555555-5555-4555-8555-555555555555',
  fileName: 'receipt-scan.pdf',
  sizeBytes: '2048',
  sha256: 'a'.repeat(64),
  sampleItemId: ITEM_ID,
  findingId: null,
  uploadedBy: { id: 'u', name: 'Auditor A' },
  uploadedAt: '2026-04-01T10:00:00Z',
};

async function setUp(data: Partial<TestDialogData> = {}) {
  const closed: unknown[] = [];
  TestBed.configureTestingModule({
    imports: [TestDialogComponent],
    providers: [
      ...pageTestProviders(),
      { provide: MAT_DIALOG_DATA, useValue: { engagementId: ENGAGEMENT, item: ITEM, canTest: true, canRaise: true, ...data } },
      { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
    ],
  });
  const fixture = TestBed.createComponent(TestDialogComponent);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(`/api/v1/audit/engagements/${ENGAGEMENT}/working-papers`).flush([PAPER, { ...PAPER, id: 'other', fileName: 'other-item.pdf', sampleItemId: 'x' }]);
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const click = async (testId: string) => {
    const el = root.querySelector<HTMLElement>(`[data-testid="${testId}"] input, button[data-testid="${testId}"]`);
    if (!el) throw new Error(`no ${testId}`);
    el.click();
    await fixture.whenStable();
  };
  return { fixture, http, root, closed, click };
}

describe('TestDialogComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the item, why it is in the sample and only its own working papers', async () => {
    const { root } = await setUp();
    const facts = root.querySelector('[data-testid="test-item"]')?.textContent ?? '';
    expect(facts).toContain('Generator fuel, Al-Noor');
    expect(facts).toContain('US$1,250.00');
    expect(facts).toContain('Monetary unit');
    expect(facts).toContain('Open red flag');
    expect(facts).toContain('Supplier');
    expect(facts).toContain('Al-Noor Fuel');
    const papers = [...root.querySelectorAll('[data-testid="test-paper"] a')].map((a) => a.getAttribute('href'));
    expect(papers).toEqual([`/api/v1/audit/engagements/${ENGAGEMENT}/working-papers/${PAPER.id}`]);
    expect(root.querySelectorAll('[data-testid^="test-check-"][data-testid$="-yes"]')).toHaveLength(AUDIT_CHECKS.length);
  });

  it('needs every check answered and a note for an exception, then saves the test and offers a finding', async () => {
    const { fixture, http, root, closed, click } = await setUp();
    await click('test-check-receipt_present-yes');
    await click('test-result-exception');
    await click('test-submit');
    http.expectNone(`/api/v1/audit/engagements/${ENGAGEMENT}/sample/${ITEM_ID}`);
    fixture.detectChanges();
    expect(root.textContent).toContain('Answer this check.');
    expect(root.textContent).toContain('Say what the exception is.');

    for (const id of AUDIT_CHECKS.slice(1)) await click(`test-check-${id}-${id === 'eligible_cost' ? 'no' : 'yes'}`);
    const notes = root.querySelector<HTMLTextAreaElement>('[data-testid="test-notes"]');
    if (!notes) throw new Error('no notes');
    notes.value = ' Fuel for a private car ';
    notes.dispatchEvent(new Event('input'));
    await click('test-submit');
    const request = http.expectOne(`/api/v1/audit/engagements/${ENGAGEMENT}/sample/${ITEM_ID}`);
    expect(request.request.method).toBe('PUT');
    const body = request.request.body as TestSampleItemRequest;
    expect(body.result).toBe('exception');
    expect(body.notes).toBe('Fuel for a private car');
    expect(body.rowVersion).toBe(3);
    expect(body.checks).toHaveLength(AUDIT_CHECKS.length);
    expect(body.checks.find((c) => c.id === 'eligible_cost')).toEqual({ id: 'eligible_cost', answer: 'no' });
    request.flush({ ...ITEM, result: 'exception', notes: 'Fuel for a private car', checks: body.checks, rowVersion: 4 });
    await fixture.whenStable();
    // An exception keeps the dialog open with "raise a finding".
    expect(closed).toEqual([]);
    expect(root.querySelector('[data-testid="test-saved"]')?.textContent).toContain('Test saved.');
    await click('test-raise');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ changed: true, raiseFrom: { id: ITEM_ID, result: 'exception', rowVersion: 4 } });
  });

  it('uploads a working paper for the item', async () => {
    const { fixture, http, root, click } = await setUp();
    await click('test-paper-upload');
    expect(root.querySelector('[data-testid="test-paper-missing"]')).not.toBeNull();
    const input = root.querySelector<HTMLInputElement>('[data-testid="test-paper-file"]');
    if (!input) throw new Error('no file input');
    const file = new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    await click('test-paper-upload');
    const request = http.expectOne(`/api/v1/audit/engagements/${ENGAGEMENT}/working-papers`);
    const body = request.request.body as FormData;
    expect(body.get('sampleItemId')).toBe(ITEM_ID);
    expect((body.get('file') as File).name).toBe('invoice.pdf');
    request.flush({ ...PAPER, id: 'new', fileName: 'invoice.pdf' });
    await fixture.whenStable();
    expect(root.querySelectorAll('[data-testid="test-paper"]')).toHaveLength(2);
  });

  it('only shows the test when the reader may not test', async () => {
    const { root } = await setUp({ canTest: false, canRaise: false, item: { ...ITEM, result: 'pass', checks: [{ id: 'receipt_present', answer: 'yes' }], testedBy: { id: 'a', name: 'Auditor A' }, testedAt: '2026-04-01T10:00:00Z' } });
    expect(root.querySelector('[data-testid="test-submit"]')).toBeNull();
    expect(root.querySelector('[data-testid="test-paper-upload"]')).toBeNull();
    expect(root.querySelector('[data-testid="test-readonly"]')?.textContent).toContain('Receipt present: Yes');
  });
});
