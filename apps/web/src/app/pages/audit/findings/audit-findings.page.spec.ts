import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuditFindingView, EngagementView } from '@mizan/contracts';
import { AuditFindingsPage } from './audit-findings.page';
import { ENGAGEMENT, FINDING } from './finding-fixtures';
import { pageTestProviders } from '../../../testing/page-providers';

const ID = FINDING.engagementId;
const API = `/api/v1/audit/engagements/${ID}`;


const LOW: AuditFindingView = { ...FINDING, id: '88888888-8888-4888-8888-888888888888', number: 1, category: null, title: 'Cash book not kept', priority: 'low', blocksTranche: false, ineligibleMinor: '0', responses: [] };

async function setUp(findings: AuditFindingView[], engagement: EngagementView = ENGAGEMENT, url = `/audit/${ID}/findings`) {
  TestBed.configureTestingModule({
    providers: [
      ...pageTestProviders({ routes: [{ path: 'audit/:id/findings', component: AuditFindingsPage }] }),
    ],
  });
  const harness = await RouterTestingHarness.create();
  const navigation = harness.navigateByUrl(url);
  const http = TestBed.inject(HttpTestingController);
  await navigation;
  http.expectOne(API).flush(engagement);
  http.expectOne(`${API}/findings`).flush(findings);
  await harness.fixture.whenStable();
  harness.detectChanges();
  const root = harness.routeNativeElement as HTMLElement;
  const click = async (selector: string) => {
    const el = document.querySelector<HTMLButtonElement>(selector);
    if (!el) throw new Error(`no ${selector}`);
    el.click();
    await harness.fixture.whenStable();
    harness.detectChanges();
  };
  return { harness, http, root, click };
}

describe('AuditFindingsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the findings with number, title, grant, priority, amounts, action state and the tranche block', async () => {
    const { root } = await setUp([LOW, FINDING]);
    expect(root.querySelector('[data-testid="findings-heading"]')?.textContent).toContain('AUD-2026-0003');
    expect(root.querySelector('[data-testid="findings-count"]')?.textContent).toContain('2 findings; 1 blocks the grant’s next tranche.');
    const rows = [...root.querySelectorAll('[data-testid="finding-row"]')].map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('Cash book not kept');
    expect(rows[0]).toContain('Low priority');
    expect(rows[1]).toContain('Ineligible expenditure');
    expect(rows[1]).toContain('High priority');
    expect(rows[1]).toContain('US$1,250.00');
    expect(rows[1]).toContain('Action open');
    expect(rows[1]).toContain('Blocks the next tranche');
    expect(root.querySelector('[data-testid="finding-raise"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="finding-detail"]')).toBeNull();
  });

  it('opens a finding from the address and shows its thread with sides and kinds', async () => {
    const { root } = await setUp([FINDING], ENGAGEMENT, `/audit/${ID}/findings?finding=${FINDING.id}`);
    const detail = root.querySelector('[data-testid="finding-detail"]')?.textContent ?? '';
    expect(detail).toContain('Fuel bought for a private car');
    expect(detail).toContain('Refund and keep a fuel log');
    expect(root.querySelector('[data-testid="finding-response"]')?.textContent).toContain('Auditor');
    expect(root.querySelector('[data-testid="finding-response"]')?.textContent).toContain('Comment');
    // No actions on the finding: no forms.
    expect(root.querySelector('[data-testid="finding-respond-form"]')).toBeNull();
    expect(root.querySelector('[data-testid="finding-edit"]')).toBeNull();
  });

  it('lets the officer confirm the refund after saying it posts a receivable on the ledger', async () => {
    const officer = { ...FINDING, actions: ['respond', 'confirm_refund'] as AuditFindingView['actions'] };
    const { harness, http, root, click } = await setUp([officer], { ...ENGAGEMENT, actions: ['respond'] });
    await click('[data-testid="finding-open"]');
    expect(TestBed.inject(Router).url).toBe(`/audit/${ID}/findings?finding=${FINDING.id}`);
    expect(root.querySelector('[data-testid="finding-raise"]')).toBeNull();
    await click('button[data-testid="finding-refund-submit"]');
    expect(root.textContent).toContain('Give a reason.');
    const reason = root.querySelector<HTMLTextAreaElement>('[data-testid="finding-refund-reason"]');
    if (!reason) throw new Error('no reason');
    reason.value = 'Auditor’s finding agreed with the grantee';
    reason.dispatchEvent(new Event('input'));
    await click('button[data-testid="finding-refund-submit"]');
    const body = document.querySelector('[data-testid="confirm-dialog-details"]')?.textContent ?? '';
    expect(body).toContain('A refund receivable is posted on the ledger');
    expect(document.querySelector('[data-testid="confirm-dialog-body"]')?.textContent).toContain('US$1,250.00');
    http.expectNone(`${API}/findings/${FINDING.id}/refund`);
    await click('[data-testid="confirm-dialog-ok"]');
    const request = http.expectOne(`${API}/findings/${FINDING.id}/refund`);
    expect(request.request.body).toEqual({ reason: 'Auditor’s finding agreed with the grantee' });
    request.flush({});
    await harness.fixture.whenStable();
    http.expectOne(API).flush({ ...ENGAGEMENT, actions: ['respond'] });
    http
      .expectOne(`${API}/findings/${FINDING.id}`)
      .flush({ ...officer, actions: ['respond'], refund: { state: 'confirmed', journalEntryId: 'j', confirmedBy: { id: 'o', name: 'Officer O' }, confirmedAt: '2026-04-05T10:00:00Z' } });
    await harness.fixture.whenStable();
    harness.detectChanges();
    expect(root.querySelector('[data-testid="finding-refund-state"]')?.textContent).toContain('refund receivable confirmed by Officer O');
    expect(root.querySelector('[data-testid="finding-refund-form"]')).toBeNull();
  });

  it('lets the auditor accept a response and a second person check the completed action', async () => {
    const completed: AuditFindingView = {
      ...FINDING,
      actionState: 'completed',
      completionNote: 'Refunded',
      completedBy: { id: 't', name: 'Treasurer' },
      completedAt: '2026-04-10T10:00:00Z',
      actions: ['accept', 'comment', 'check'],
    };
    const { http, root, click } = await setUp([completed], ENGAGEMENT, `/audit/${ID}/findings?finding=${FINDING.id}`);
    await click('[data-testid="finding-response-kind-accepted"] input');
    await click('button[data-testid="finding-respond-submit"]');
    const accept = http.expectOne(`${API}/findings/${FINDING.id}/responses`);
    expect(accept.request.body).toEqual({ kind: 'accepted', body: '' });
    accept.flush({});
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne(API).flush(ENGAGEMENT);
    http.expectOne(`${API}/findings/${FINDING.id}`).flush(completed);
    await click('body');
    // The form is ready for the next answer, with nothing marked red.
    expect(root.textContent).not.toContain('Write your response.');
    expect(root.querySelector<HTMLTextAreaElement>('[data-testid="finding-respond-body"]')?.value).toBe('');
    const note = root.querySelector<HTMLTextAreaElement>('[data-testid="finding-check-note"]');
    if (!note) throw new Error('no note');
    note.value = 'Bank statement shows the refund';
    note.dispatchEvent(new Event('input'));
    await click('button[data-testid="finding-check-submit"]');
    const check = http.expectOne(`${API}/findings/${FINDING.id}/check`);
    expect(check.request.body).toEqual({ note: 'Bank statement shows the refund' });
    check.flush({ code: 'AUDIT_SECOND_PERSON_REQUIRED', message: 'same person' }, { status: 409, statusText: 'Conflict' });
    await new Promise((resolve) => setTimeout(resolve));
    await click('body');
    expect(root.querySelector('[data-testid="finding-check-error"]')?.textContent).toContain('Someone other than the person who completed the action must check it.');
  });
});
