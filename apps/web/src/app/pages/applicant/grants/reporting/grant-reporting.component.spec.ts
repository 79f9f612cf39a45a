import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { API_PREFIX, ReportingPaths, type ExpenditureLineView, type ReportDueView } from '@mizan/contracts';
import { SessionService } from '../../../../core/auth/session.service';
import { provideIcons } from '../../../../core/icons/icons';
import { LANGUAGE_STORAGE } from '../../../../core/i18n/i18n.service';
import { GrantReportingComponent, dueBadge } from './grant-reporting.component';
import { MemoryPendingLineStore, PENDING_LINE_STORE } from './pending-lines.store';
import { linesWithoutReceipts, refundDueMinor, spentPercent } from './report-page.component';

const due = (over: Partial<ReportDueView>): ReportDueView => ({
  id: 'd-1',
  kind: 'interim',
  periodFrom: '2026-01-01',
  periodTo: '2026-06-30',
  dueOn: '2026-07-31',
  state: 'due',
  overdue: false,
  daysLate: 0,
  report: null,
  ...over,
});

describe('reporting pieces', () => {
  it('names each schedule item: due, overdue, submitted, accepted, returned', () => {
    expect(dueBadge(due({}))).toEqual({ key: 'reporting.schedule.state.due', tone: 'neutral' });
    expect(dueBadge(due({ overdue: true, daysLate: 3 }))).toEqual({ key: 'reporting.schedule.state.overdue', tone: 'bad' });
    expect(dueBadge(due({ state: 'submitted', report: { id: 'r', state: 'submitted' } })).key).toBe('reporting.schedule.state.submitted');
    expect(dueBadge(due({ state: 'accepted', report: { id: 'r', state: 'accepted' } })).tone).toBe('good');
    expect(dueBadge(due({ report: { id: 'r', state: 'returned' } })).key).toBe('reporting.schedule.state.returned');
  });

  it('sums the refund due from the ineligible parts, finds lines without receipts, and measures spending against the budget', () => {
    const lines = [
      { ineligibleMinor: '0', receipts: [{}] },
      { ineligibleMinor: '12550', receipts: [] },
      { ineligibleMinor: '99999999999999999', receipts: [] },
    ] as unknown as ExpenditureLineView[];
    expect(refundDueMinor(lines)).toBe('100000000000012549');
    expect(linesWithoutReceipts(lines)).toHaveLength(2);
    expect(spentPercent({ approvedMinor: '1000', previousMinor: '250', thisReportMinor: '600' })).toBe(85);
    expect(spentPercent({ approvedMinor: '1000', previousMinor: '900', thisReportMinor: '300' })).toBe(120);
    expect(spentPercent({ approvedMinor: '0', previousMinor: '0', thisReportMinor: '1' })).toBe(100);
  });
});

describe('GrantReportingComponent', () => {
  let http: HttpTestingController;
  const permissions = signal<string[]>(['grant.own']);

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
        { provide: PENDING_LINE_STORE, useValue: new MemoryPendingLineStore() },
        { provide: SessionService, useValue: { permissions } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function render() {
    const fixture = TestBed.createComponent(GrantReportingComponent);
    fixture.componentRef.setInput('grantId', 'g-1');
    fixture.detectChanges();
    http
      .expectOne(`${API_PREFIX}/${ReportingPaths.schedule('g-1')}`)
      .flush([due({ id: 'd-1', overdue: true, daysLate: 4 }), due({ id: 'd-2', state: 'submitted', report: { id: 'r-2', state: 'submitted' } }), due({ id: 'd-3', dueOn: '2027-01-31' })]);
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('lists the schedule with badges and how late, and opens a report (created when none is open yet)', async () => {
    const { root } = await render();
    expect(root.querySelector('[data-testid="due-state-d-1"]')?.textContent).toContain('Overdue');
    expect(root.querySelector('[data-testid="due-d-1"]')?.textContent).toContain('4 days late');
    expect(root.querySelector('[data-testid="due-state-d-2"]')?.textContent).toContain('Submitted');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    (root.querySelector('[data-testid="due-open-d-1"]') as HTMLButtonElement).click();
    const open = http.expectOne(`${API_PREFIX}/${ReportingPaths.reportForDue('g-1', 'd-1')}`);
    expect(open.request.method).toBe('POST');
    open.flush({ id: 'r-1' });
    await new Promise((r) => setTimeout(r));
    expect(navigate).toHaveBeenCalledWith(['/my-grants', 'g-1', 'reports', 'r-1']);
    // An open report is reached without creating one.
    (root.querySelector('[data-testid="due-open-d-2"]') as HTMLButtonElement).click();
    http.expectNone(`${API_PREFIX}/${ReportingPaths.reportForDue('g-1', 'd-2')}`);
    await new Promise((r) => setTimeout(r));
    expect(navigate).toHaveBeenLastCalledWith(['/my-grants', 'g-1', 'reports', 'r-2']);
  });

  it('partners reach open reports but do not open new ones', async () => {
    permissions.set(['grant.partner']);
    const { root } = await render();
    expect(root.querySelector('[data-testid="due-open-d-1"]')).toBeNull();
    expect(root.querySelector('[data-testid="due-open-d-2"]')).not.toBeNull();
    permissions.set(['grant.own']);
  });
});
