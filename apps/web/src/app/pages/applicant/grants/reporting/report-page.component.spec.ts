import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { API_PREFIX, ReportingPaths, type ExpenditureLineView, type ReportView } from '@mizan/contracts';
import { of } from 'rxjs';
import { provideIcons } from '../../../../core/icons/icons';
import { LANGUAGE_STORAGE } from '../../../../core/i18n/i18n.service';
import { MemoryPendingLineStore, PENDING_LINE_STORE } from './pending-lines.store';
import { ReportPageComponent } from './report-page.component';

const url = (path: string) => `${API_PREFIX}/${path}`;

const REPORT = {
  id: 'r-1',
  grantId: 'g-1',
  grantNumber: 'G-2026-001',
  grantTitle: 'Clinics in Basra',
  organizationName: 'Shifa',
  reportDueId: 'd-1',
  periodFrom: '2026-01-01',
  periodTo: '2026-06-30',
  dueOn: '2026-07-31',
  state: 'submitted',
  lineCount: 2,
  claimedMinor: '30000',
  currency: 'SEK',
  submittedAt: '2026-07-01T10:00:00Z',
  acceptedAt: null,
  narrative: { activities: '', indicators: [] },
  returnReason: null,
  acceptNote: null,
  allowedCurrencies: ['SEK', 'IQD'],
  trancheRates: [],
  budgetLines: [{ id: 'bl-1', category: 'Equipment', description: 'Filters', approvedMinor: '100000' }],
  can: { editLines: false, submit: false, verify: false, accept: false },
  rowVersion: 3,
  indicators: [],
} as unknown as ReportView;

const line = (seq: number, over: Partial<ExpenditureLineView>): ExpenditureLineView =>
  ({
    id: `l-${seq}`,
    seq,
    clientId: null,
    spentOn: '2026-02-01',
    budgetLineId: 'bl-1',
    supplier: `Supplier ${seq}`,
    description: '',
    amountMinor: '15000',
    currency: 'SEK',
    rate: null,
    rateSource: 'same_currency',
    rateNote: null,
    grantAmountMinor: '15000',
    grantCurrency: 'SEK',
    paymentMethod: 'cash',
    state: 'accepted',
    ineligibleMinor: '0',
    ineligibleReason: null,
    receipts: [],
    messageCount: 0,
    awaitingAnswer: false,
    openFlagCount: 0,
    createdBy: { id: 'u', name: 'U' },
    rowVersion: 1,
    ...over,
  }) as ExpenditureLineView;

describe('ReportPageComponent', () => {
  let http: HttpTestingController;
  let store: MemoryPendingLineStore;

  beforeEach(async () => {
    store = new MemoryPendingLineStore();
    await store.put({ clientId: 'c-1', reportId: 'r-1', input: { clientId: 'c-1', spentOn: '2026-02-02', budgetLineId: 'bl-1', supplier: 'Bakery', description: '', amountMinor: '4000', currency: 'SEK', paymentMethod: 'cash' }, savedAt: '2026-02-02T10:00:00Z', attempts: 1, refusal: null });
    TestBed.configureTestingModule({
      providers: [
        provideIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
        { provide: PENDING_LINE_STORE, useValue: store },
        // A phone: no tier query matches.
        { provide: BreakpointObserver, useValue: { observe: () => of({ matches: false, breakpoints: {} }), isMatched: () => false } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function render(report: ReportView, lines: ExpenditureLineView[]) {
    const fixture = TestBed.createComponent(ReportPageComponent);
    fixture.componentRef.setInput('grantId', 'g-1');
    fixture.componentRef.setInput('reportId', 'r-1');
    fixture.detectChanges();
    // The pending line is tried once when the service starts: still no connection.
    for (const r of http.match(url(ReportingPaths.lines('r-1'))).filter((r) => r.request.method === 'POST')) r.error(new ProgressEvent('error'), { status: 0 });
    http.expectOne(url(ReportingPaths.report('r-1'))).flush(report);
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
    http.expectOne((r) => r.method === 'GET' && r.url === url(ReportingPaths.lines('r-1'))).flush({ items: lines, page: 1, pageSize: 100, total: lines.length });
    http.match(url(ReportingPaths.files('r-1'))).forEach((r) => r.flush([]));
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
    http.match(url(ReportingPaths.budgetVsActual('r-1'))).forEach((r) =>
      r.flush({ currency: 'SEK', toleranceBp: 1000, rows: [{ budgetLineId: 'bl-1', category: 'Equipment', description: 'Filters', approvedMinor: '100000', previousMinor: '0', thisReportMinor: '130000', varianceMinor: '30000', overTolerance: true }] }),
    );
    http.match((r) => r.method === 'POST' && r.url === url(ReportingPaths.lines('r-1'))).forEach((r) => r.error(new ProgressEvent('error'), { status: 0 }));
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('on a phone shows lines as cards, the lines waiting on the device, budget over tolerance, and the refund due', async () => {
    const { root } = await render(REPORT, [line(1, {}), line(2, { state: 'ineligible', ineligibleMinor: '12550', ineligibleReason: 'No receipt' })]);
    expect(root.querySelector('[data-testid="lines-cards"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="lines-table"]')).toBeNull();
    expect(root.querySelector('[data-testid="line-1"]')?.textContent).toContain('Supplier 1');
    expect(root.querySelector('[data-testid="report-waiting"]')?.textContent).toContain('1 line waiting to send');
    expect(root.querySelector('[data-testid="pending-lines"]')?.textContent).toContain('Bakery');
    expect(root.querySelector('[data-testid="bva-bl-1"]')?.classList).toContain('over');
    expect(root.querySelector('[data-testid="refund-due"]')?.textContent).toContain('125.50');
    expect(root.querySelector('[data-testid="report-outcome"]')?.textContent).toContain('No receipt');
    // Submitted and not editable: no add, no submit.
    expect(root.querySelector('[data-testid="line-add"]')).toBeNull();
    expect(root.querySelector('[data-testid="report-submit"]')).toBeNull();
  });

  it('sends an indicator value typed in Arabic-Indic digits as Western ones', async () => {
    const draft = {
      ...REPORT,
      state: 'draft',
      can: { editLines: true, submit: true, verify: false, accept: false },
      indicators: [{ id: 'i-1', name: 'Counsellors trained', unit: 'persons', baseline: '0', target: '40' }],
      narrative: { activities: 'Workshops', indicators: [{ indicatorId: 'i-1', actual: '', comment: '' }] },
    } as unknown as ReportView;
    const { fixture } = await render(draft, []);
    const page = fixture.componentInstance as unknown as { indicatorActuals: () => Record<string, { setValue(v: string): void }>; saveNarrative(): Promise<void>; figure(t: string): string };
    page.indicatorActuals()['i-1'].setValue(' ١٢٫٥ ');
    void page.saveNarrative();
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === url(ReportingPaths.narrative('r-1')));
    expect(put.request.body).toMatchObject({ activities: 'Workshops', rowVersion: 3, indicators: [{ indicatorId: 'i-1', actual: '12.5' }] });
    put.flush(draft);
    // Baseline and target in the digits of the language shown; text that is no figure stays as it is.
    expect(page.figure('40')).toBe('40');
    expect(page.figure('1200.5')).toBe('1,200.5');
    expect(page.figure('about 40')).toBe('about 40');
  });

  it('warns on submit about lines without receipts and lines still waiting', async () => {
    const draft = { ...REPORT, state: 'draft', can: { editLines: true, submit: true, verify: false, accept: false } } as ReportView;
    const { root } = await render(draft, [line(1, { state: 'draft' }), line(2, { state: 'draft', receipts: [{ id: 'f' } as never] })]);
    const open = jest.spyOn(TestBed.inject(MatDialog), 'open').mockReturnValue({ afterClosed: () => of(false) } as never);
    (root.querySelector('[data-testid="report-submit"]') as HTMLButtonElement).click();
    expect(open).toHaveBeenCalled();
    const data = open.mock.calls[0][1]?.data as { params: Record<string, number>; detailKeys: string[] };
    expect(data.params).toMatchObject({ count: 2, missing: 1, waiting: 1 });
    expect(data.detailKeys).toEqual(['reporting.submit.missingReceipts', 'reporting.submit.waiting', 'reporting.submit.final']);
    http.expectNone(url(ReportingPaths.submit('r-1')));
  });
});
