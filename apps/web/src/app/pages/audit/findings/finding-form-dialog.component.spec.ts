import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { RaiseAuditFindingRequest, UpdateAuditFindingRequest } from '@mizan/contracts';
import { FindingFormDialogComponent, type FindingFormData } from './finding-form-dialog.component';
import { FINDING } from './finding-fixtures';
import { pageTestProviders } from '../../../testing/page-providers';

const ENGAGEMENT = FINDING.engagementId;
const GRANT = FINDING.grantId;
const ITEM = '22222222-2222-4222-8222-222222222222';

async function setUp(data: Partial<FindingFormData>) {
  const closed: unknown[] = [];
  TestBed.configureTestingModule({
    imports: [FindingFormDialogComponent],
    providers: [
      ...pageTestProviders(),
      {
        provide: MAT_DIALOG_DATA,
        useValue: { engagementId: ENGAGEMENT, currency: 'USD', grants: [{ grantId: GRANT, grantNumber: 'MZ-2026-0001', title: 'Clinics' }], ...data },
      },
      { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
    ],
  });
  const fixture = TestBed.createComponent(FindingFormDialogComponent);
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const type = (testId: string, value: string) => {
    const el = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`input[data-testid="${testId}"], textarea[data-testid="${testId}"]`);
    if (!el) throw new Error(`no ${testId}`);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    root.querySelector<HTMLButtonElement>('[data-testid="finding-submit"]')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const form = (fixture.componentInstance as unknown as { form: { controls: Record<string, { setValue(v: unknown): void }> } }).form;
  return { fixture, root, closed, type, submit, form, http: TestBed.inject(HttpTestingController) };
}

describe('FindingFormDialogComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('raises a finding from a sampled item: grant and item set, amounts in minor units, the list’s title', async () => {
    const { root, closed, type, submit, form, http } = await setUp({ prefill: { grantId: GRANT, sampleItemId: ITEM, affectedMinor: '125000' } });
    expect(root.querySelector('[data-testid="finding-from-item"]')).not.toBeNull();
    expect(root.querySelector<HTMLInputElement>('input[data-testid="finding-affected"]')?.value).toBe('1250.00');
    form.controls['category'].setValue('ineligible_expenditure');
    form.controls['priority'].setValue('high');
    type('finding-description', 'Fuel bought for a private car');
    type('finding-ineligible', '1250');
    type('finding-recommendation', 'Refund the amount');
    type('finding-action', 'Refund and tighten fuel logs');
    type('finding-owner', 'Treasurer');
    type('finding-due', '2026-06-30');
    await submit();
    const request = http.expectOne(`/api/v1/audit/engagements/${ENGAGEMENT}/findings`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body as RaiseAuditFindingRequest).toEqual({
      grantId: GRANT,
      sampleItemId: ITEM,
      category: 'ineligible_expenditure',
      title: null,
      description: 'Fuel bought for a private car',
      priority: 'high',
      affectedMinor: '125000',
      ineligibleMinor: '125000',
      recommendation: 'Refund the amount',
      action: 'Refund and tighten fuel logs',
      actionOwner: 'Treasurer',
      actionDueOn: '2026-06-30',
    });
    request.flush(FINDING);
    expect(closed).toEqual([FINDING]);
  });

  it('needs a free title without a category, and no more ineligible than affected', async () => {
    const { root, closed, type, submit, form, http } = await setUp({});
    type('finding-description', 'Cash book not kept');
    type('finding-affected', '100');
    type('finding-ineligible', '200');
    type('finding-recommendation', 'Keep a cash book');
    type('finding-action', 'Start a cash book');
    type('finding-owner', 'Treasurer');
    await submit();
    http.expectNone(`/api/v1/audit/engagements/${ENGAGEMENT}/findings`);
    expect(root.textContent).toContain('Give a title, or choose one from the list.');
    expect(root.querySelector('[data-testid="finding-ineligible-above"]')?.textContent).toContain('cannot be more than the amount affected');
    expect(root.textContent).toContain('Fill this in.');
    type('finding-title', 'No cash book');
    type('finding-ineligible', '0');
    await submit();
    // The grant is still missing.
    http.expectNone(`/api/v1/audit/engagements/${ENGAGEMENT}/findings`);
    form.controls['grantId'].setValue(GRANT);
    await submit();
    const request = http.expectOne(`/api/v1/audit/engagements/${ENGAGEMENT}/findings`);
    const body = request.request.body as RaiseAuditFindingRequest;
    expect(body).toMatchObject({ grantId: GRANT, category: null, title: 'No cash book', priority: 'medium', affectedMinor: '10000', ineligibleMinor: '0', actionDueOn: null });
    expect(body).not.toHaveProperty('sampleItemId');
    request.flush({ ...FINDING, category: null, title: 'No cash book' });
    expect(closed).toHaveLength(1);
  });

  it('edits a finding with its row version and shows the api’s problem on the field', async () => {
    const { fixture, root, closed, type, submit, http } = await setUp({ finding: FINDING, currency: FINDING.currency });
    expect(root.querySelector<HTMLTextAreaElement>('textarea[data-testid="finding-description"]')?.value).toBe(FINDING.description);
    type('finding-owner', 'Chair of the board');
    await submit();
    let request = http.expectOne(`/api/v1/audit/engagements/${ENGAGEMENT}/findings/${FINDING.id}`);
    expect(request.request.method).toBe('PATCH');
    const body = request.request.body as UpdateAuditFindingRequest;
    expect(body.rowVersion).toBe(FINDING.rowVersion);
    expect(body.actionOwner).toBe('Chair of the board');
    expect(body).not.toHaveProperty('grantId');
    request.flush(
      { code: 'VALIDATION_FAILED', message: 'bad', fields: [{ field: 'actionDueOn', message: 'actionDueOn must be a real date (YYYY-MM-DD)' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.textContent).toContain('actionDueOn must be a real date (YYYY-MM-DD)');
    type('finding-due', '2026-07-01');
    await submit();
    request = http.expectOne(`/api/v1/audit/engagements/${ENGAGEMENT}/findings/${FINDING.id}`);
    request.flush({ code: 'STALE_FINDING', message: 'stale' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('[data-testid="finding-error"]')?.textContent).toContain('Someone else changed this finding meanwhile.');
    expect(closed).toEqual([]);
  });
});
