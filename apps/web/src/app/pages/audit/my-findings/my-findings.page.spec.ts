import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AuditFindingView, FindingResponseRequest } from '@mizan/contracts';
import { FINDING } from '../findings/finding-fixtures';
import { MyFindingsPage } from './my-findings.page';
import { pageTestProviders } from '../../../testing/page-providers';

const LIST = '/api/v1/audit/my-findings';
const BASE = `/api/v1/audit/engagements/${FINDING.engagementId}/findings/${FINDING.id}`;

async function setUp(findings: AuditFindingView[], lang = 'en') {
  TestBed.configureTestingModule({
    imports: [MyFindingsPage],
    providers: [
      ...pageTestProviders({ language: () => lang }),
    ],
  });
  const fixture = TestBed.createComponent(MyFindingsPage);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne(LIST).flush(findings);
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const type = (testId: string, value: string) => {
    const el = root.querySelector<HTMLTextAreaElement>(`[data-testid="${testId}"]`);
    if (!el) throw new Error(`no ${testId}`);
    el.value = value;
    el.dispatchEvent(new Event('input'));
  };
  const click = async (testId: string) => {
    const el = root.querySelector<HTMLButtonElement>(`button[data-testid="${testId}"]`);
    if (!el) throw new Error(`no ${testId}`);
    el.click();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  return { fixture, http, root, type, click };
}

describe('MyFindingsPage (grantee)', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('says so when there are no findings', async () => {
    const { root } = await setUp([]);
    expect(root.querySelector('[data-testid="my-findings-empty"]')?.textContent).toContain('No audit findings');
    expect(root.querySelector('[data-testid="my-finding"]')).toBeNull();
  });

  it('shows each finding as a card: title in the reader’s language, due date, the thread and what is asked', async () => {
    const { root } = await setUp([{ ...FINDING, actions: ['respond'] }], 'ar');
    const card = root.querySelector('[data-testid="my-finding"]')?.textContent ?? '';
    expect(card).toContain('نفقات غير مؤهلة');
    expect(card).toContain('أولوية عالية');
    expect(card).toContain('مطلوب ردك.');
    expect(root.querySelector('[data-testid="finding-responses"]')?.textContent).toContain('Please send the fuel log.');
    expect(root.querySelector('[data-testid="finding-responses"]')?.textContent).toContain('المدقق');
    // Only what the finding allows.
    expect(root.querySelector('[data-testid="finding-respond-form"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="finding-complete-form"]')).toBeNull();
    expect(root.querySelector('[data-testid="finding-refund-form"]')).toBeNull();
  });

  it('sends a management response, then reads the findings again', async () => {
    const { fixture, http, root, type, click } = await setUp([{ ...FINDING, actions: ['respond'] }]);
    await click('finding-respond-submit');
    http.expectNone(`${BASE}/responses`);
    expect(root.textContent).toContain('Write your response.');
    type('finding-respond-body', ' We will refund it from our own funds. ');
    await click('finding-respond-submit');
    const request = http.expectOne(`${BASE}/responses`);
    expect(request.request.body as FindingResponseRequest).toEqual({ kind: 'response', body: 'We will refund it from our own funds.' });
    request.flush({});
    const responded: AuditFindingView = {
      ...FINDING,
      actions: ['complete'],
      responses: [
        ...FINDING.responses,
        { id: 'r2', side: 'grantee', kind: 'response', body: 'We will refund it from our own funds.', author: { id: 't', name: 'Treasurer' }, createdAt: '2026-04-03T09:00:00Z' },
      ],
    };
    http.expectOne(LIST).flush([responded]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelectorAll('[data-testid="finding-response"]')).toHaveLength(2);
    expect(root.querySelector('[data-testid="finding-complete-form"]')).not.toBeNull();
  });

  it('completes a high-priority action only with a file: note and file sent as multipart', async () => {
    const { fixture, http, root, type, click } = await setUp([{ ...FINDING, actions: ['complete'] }]);
    type('finding-complete-note', 'Refunded on 2026-04-10, bank slip attached');
    await click('finding-complete-submit');
    http.expectNone(`${BASE}/completion`);
    expect(root.querySelector('[data-testid="finding-complete-missing"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="finding-complete-error"]')?.textContent).toContain('Completing a high-priority action needs an attachment.');

    const input = root.querySelector<HTMLInputElement>('[data-testid="finding-complete-file"]');
    if (!input) throw new Error('no file input');
    const file = new File(['jpeg'], 'bank-slip.jpg', { type: 'image/jpeg' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    await click('finding-complete-submit');
    const request = http.expectOne(`${BASE}/completion`);
    const body = request.request.body as FormData;
    expect(body.get('note')).toBe('Refunded on 2026-04-10, bank slip attached');
    expect((body.get('file') as File).name).toBe('bank-slip.jpg');
    request.flush({});
    http.expectOne(LIST).flush([{ ...FINDING, actionState: 'completed', completionNote: 'Refunded', completedAt: '2026-04-10T10:00:00Z', completedBy: { id: 't', name: 'Treasurer' }, completionFile: { name: 'bank-slip.jpg', sizeBytes: '4' }, actions: [] }]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('[data-testid="finding-completion"]')?.textContent).toContain('Treasurer');
    expect(root.querySelector<HTMLAnchorElement>('[data-testid="finding-completion-file"]')?.getAttribute('href')).toBe(`${BASE}/completion/file`);
  });

  it('shows the api’s refusal of a completion', async () => {
    const { fixture, http, root, type, click } = await setUp([{ ...FINDING, priority: 'medium', actions: ['complete'] }]);
    type('finding-complete-note', 'Done');
    await click('finding-complete-submit');
    http.expectOne(`${BASE}/completion`).flush({ code: 'AUDIT_FINDING_NOT_OPEN', message: 'not open' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('[data-testid="finding-complete-error"]')?.textContent).toContain('This finding’s action is not in a state that allows this.');
  });
});
