import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { API_PREFIX, ReportingPaths, type KeysetPage, type ReportDueListItemView } from '@mizan/contracts';
import { LANGUAGE_STORAGE } from '../../../core/i18n/i18n.service';
import { provideIcons } from '../../../core/icons/icons';
import { OfficerReportsComponent } from './officer-reports.component';

const base: ReportDueListItemView = {
  reportDueId: 'd1',
  grantId: 'g1',
  grantNumber: 'MZ-2026-0001',
  grantTitle: 'Clinics in Basra',
  organizationName: 'Bro till Basra',
  kind: 'interim',
  periodFrom: '2026-01-01',
  periodTo: '2026-06-30',
  dueOn: '2026-07-31',
  state: 'submitted',
  overdue: false,
  daysLate: 0,
  currency: 'SEK',
  report: { id: 'r1', state: 'submitted', submittedAt: '2026-07-30T10:00:00.000Z', lineCount: 40, claimedMinor: '1250050' },
};
const page = (items: ReportDueListItemView[]): KeysetPage<ReportDueListItemView> => ({ items, pageSize: 25, next: null, previous: null, total: items.length, totalCapped: false });

async function setUp(submitted: ReportDueListItemView[], late: ReportDueListItemView[]) {
  TestBed.configureTestingModule({
    imports: [OfficerReportsComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideIcons(), provideRouter([]), { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } }],
  });
  const fixture = TestBed.createComponent(OfficerReportsComponent);
  const http = TestBed.inject(HttpTestingController);
  const url = `${API_PREFIX}/${ReportingPaths.overdue}`;
  http.expectOne((r) => r.url === url && r.params.get('filter') === 'submitted').flush(page(submitted));
  http.expectOne((r) => r.url === url && r.params.get('filter') === 'overdue').flush(page(late));
  await fixture.whenStable();
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('OfficerReportsComponent', () => {
  it('links each submitted report to its verification page and each late one to its grant, with the days late', async () => {
    const root = await setUp(
      [base],
      [{ ...base, reportDueId: 'd2', grantId: 'g2', grantNumber: 'MZ-2026-0002', state: 'due', overdue: true, daysLate: 12, report: null }],
    );
    const verify = root.querySelector<HTMLAnchorElement>('[data-testid="report-verify-link"]');
    expect(verify?.getAttribute('href')).toBe('/officer/reports/r1/verify');
    const late = root.querySelector('[data-testid="report-late-row"]');
    expect(late?.querySelector('a')?.getAttribute('href')).toBe('/officer/grants/g2');
    expect(late?.textContent).toContain('12 days late');
    expect(late?.textContent).toContain('Not started');
    expect(root.querySelector('[data-testid="reports-submitted-empty"]')?.closest('.gone')).not.toBeNull();
  });

  it('says so when nothing waits and nobody is late', async () => {
    const root = await setUp([], []);
    expect(root.querySelector('[data-testid="reports-submitted-empty"]')?.closest('.gone')).toBeNull();
    expect(root.querySelector('[data-testid="reports-late-empty"]')?.textContent).toContain('No report is late');
  });
});
