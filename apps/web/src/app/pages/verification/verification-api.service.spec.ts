import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_PREFIX, IDEMPOTENCY_HEADER } from '@mizan/contracts';
import { VerificationApiService } from './verification-api.service';

describe('VerificationApiService', () => {
  let api: VerificationApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(VerificationApiService);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('pages the lines', () => {
    api.lines('r1', 3).subscribe();
    const req = http.expectOne((r) => r.url === `${API_PREFIX}/reports/r1/lines`);
    expect(req.request.params.get('page')).toBe('3');
    expect(req.request.params.get('pageSize')).toBe('50');
    req.flush({ items: [], page: 3, pageSize: 50, total: 0 });
  });

  it('posts a decision with the row version', () => {
    api.verify('r1', 'l1', { decision: 'ineligible', rowVersion: 4, ineligibleMinor: '100', reason: 'No receipt' }).subscribe();
    const req = http.expectOne(`${API_PREFIX}/reports/r1/lines/l1/verify`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ decision: 'ineligible', rowVersion: 4, ineligibleMinor: '100', reason: 'No receipt' });
    req.flush({});
  });

  it('reads a receipt as a blob (with the session cookie, through HttpClient)', () => {
    api.fileBlob('r1', 'f1').subscribe();
    const req = http.expectOne(`${API_PREFIX}/reports/r1/files/f1/download`);
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['x']));
  });

  it('sends the Idempotency-Key with repayments and offsets', () => {
    api.repay('g1', { amountMinor: '100', receivedOn: '2026-12-01', reference: 'IN-1' }, 'key-1').subscribe();
    const repay = http.expectOne(`${API_PREFIX}/grants/g1/refunds/repayments`);
    expect(repay.request.headers.get(IDEMPOTENCY_HEADER)).toBe('key-1');
    repay.flush({});
    api.offset('g1', { trancheId: 't2', amountMinor: '100', reason: 'Agreed' }, 'key-2').subscribe();
    const offset = http.expectOne(`${API_PREFIX}/grants/g1/refunds/offsets`);
    expect(offset.request.headers.get(IDEMPOTENCY_HEADER)).toBe('key-2');
    offset.flush({});
  });

  it('accepts and returns a report with its row version', () => {
    api.accept('r1', { rowVersion: 3 }).subscribe();
    expect(http.expectOne(`${API_PREFIX}/reports/r1/accept`).request.body).toEqual({ rowVersion: 3 });
    api.returnReport('r1', { rowVersion: 3, reason: 'Missing receipts' }).subscribe();
    expect(http.expectOne(`${API_PREFIX}/reports/r1/return`).request.body).toEqual({ rowVersion: 3, reason: 'Missing receipts' });
  });
});
