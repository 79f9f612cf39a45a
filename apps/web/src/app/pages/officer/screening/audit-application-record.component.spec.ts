import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AssignmentView, FundingDecisionView } from '@mizan/contracts';
import { LANGUAGE_STORAGE } from '../../../core/i18n/i18n.service';
import { provideIcons } from '../../../core/icons/icons';
import { AuditApplicationRecordComponent } from './audit-application-record.component';

const API = '/api/v1';

const proposal: FundingDecisionView = {
  id: 'd1',
  applicationId: 'a1',
  applicationTitle: 'Psychological first aid in Basra',
  organizationName: 'Basra Health Diaspora',
  receiptNumber: 'MZ-2027-00001',
  callId: 'c1',
  outcome: 'approved',
  state: 'proposed',
  amountMinor: '60000000',
  requestedMinor: '86000000',
  currency: 'SEK',
  conditions: 'Quarterly reports',
  rejectionReasons: [],
  rejectionNote: null,
  rationale: 'Ranked third',
  proposedBy: { id: 'u1', email: 'officer@north.test' },
  proposedAt: '2027-03-10T10:00:00Z',
  confirmedBy: null,
  confirmedAt: null,
  cancelledBy: null,
  cancelledAt: null,
  cancelReason: null,
  awaitingConfirmation: true,
};

const review: AssignmentView = {
  id: 'r1',
  applicationId: 'a1',
  callId: 'c1',
  reviewerId: 'u2',
  reviewerName: 'Rana Reviewer',
  reviewerEmail: 'reviewer@north.test',
  status: 'submitted',
  assignedAt: '2027-02-01T10:00:00Z',
  dueOn: null,
  conflictStatement: null,
  conflictDeclaredAt: null,
  submittedAt: '2027-02-10T10:00:00Z',
  weightedScore: 4.25,
};

function render() {
  TestBed.configureTestingModule({
    imports: [AuditApplicationRecordComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideIcons(), { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } }],
  });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(AuditApplicationRecordComponent);
  fixture.componentRef.setInput('applicationId', 'a1');
  fixture.detectChanges();
  return { http, fixture, root: fixture.nativeElement as HTMLElement };
}

describe('mz-audit-application-record', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the decision, even a proposal, and the reviews with their scores, with no action', async () => {
    const { http, fixture, root } = render();
    http.expectOne(`${API}/applications/a1/decision`).flush({ applicationId: 'a1', decision: null, live: proposal });
    http.expectOne(`${API}/applications/a1/assignments`).flush([review]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('[data-decision-id="d1"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="decision-confirm"]')).toBeNull();
    expect(root.querySelector('[data-testid="decision-cancel"]')).toBeNull();
    expect(root.querySelector('button')).toBeNull();
    const row = root.querySelector('[data-testid="audit-application-review"]');
    expect(row?.textContent).toContain('Rana Reviewer');
    expect(row?.textContent).toContain('4.25');
  });

  it('says so when there is nothing, also when the server answers 404 (out of scope)', async () => {
    const { http, fixture, root } = render();
    http.expectOne(`${API}/applications/a1/decision`).flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    http.expectOne(`${API}/applications/a1/assignments`).flush([]);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.textContent).toContain('No funding decision on this application.');
    expect(root.textContent).toContain('No reviewer was assigned to this application.');
  });
});
