import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_PREFIX, ReportingPaths, type ExpenditureLineInput, type ExpenditureLineView } from '@mizan/contracts';
import { OfflineLinesService } from './offline-lines.service';
import { MemoryPendingLineStore, PENDING_LINE_STORE } from './pending-lines.store';

const LINE: ExpenditureLineInput = {
  spentOn: '2026-11-02',
  budgetLineId: 'bl-1',
  supplier: 'مكتبة الرشيد',
  description: 'Notebooks',
  amountMinor: '150000',
  currency: 'IQD',
  paymentMethod: 'cash',
};
const url = `${API_PREFIX}/${ReportingPaths.lines('r-1')}`;
const tick = () => new Promise((r) => setTimeout(r));

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await tick();
}

describe('OfflineLinesService', () => {
  let store: MemoryPendingLineStore;
  let http: HttpTestingController;
  let service: OfflineLinesService;

  beforeEach(() => {
    store = new MemoryPendingLineStore();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: PENDING_LINE_STORE, useValue: store }],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(OfflineLinesService);
  });

  afterEach(() => http.verify());

  it('sends a line with a client id and leaves nothing on the device once the api stored it', async () => {
    const added = service.add('r-1', LINE);
    await settle();
    const request = http.expectOne(url);
    expect(request.request.method).toBe('POST');
    expect(request.request.body.clientId).toMatch(/^[0-9a-f-]{36}$/);
    request.flush({ id: 'l-1', clientId: request.request.body.clientId } as ExpenditureLineView);
    const outcome = await added;
    expect(outcome.sent).toBe(true);
    expect(await store.list()).toEqual([]);
    expect(service.waitingCount()).toBe(0);
  });

  it('keeps a line typed offline on the device ("waiting to send") and sends it, with the same client id, when back online', async () => {
    const added = service.add('r-1', LINE);
    await settle();
    const first = http.expectOne(url);
    const clientId = first.request.body.clientId as string;
    first.error(new ProgressEvent('error'), { status: 0 });
    const outcome = await added;
    expect(outcome.sent).toBe(false);
    expect(service.waitingCount()).toBe(1);
    expect(service.forReport('r-1')[0]).toMatchObject({ clientId, refusal: null, attempts: 1 });

    const sent: string[] = [];
    service.sent.subscribe((id) => sent.push(id));
    window.dispatchEvent(new Event('online'));
    await settle();
    const again = http.expectOne(url);
    expect(again.request.body.clientId).toBe(clientId);
    again.flush({ id: 'l-1', clientId } as ExpenditureLineView);
    await settle();
    expect(service.waitingCount()).toBe(0);
    expect(await store.list()).toEqual([]);
    expect(sent).toEqual(['r-1']);
  });

  it('sends what waits on the device when the app loads (a new service over the same store)', async () => {
    await store.put({ clientId: 'c-1', reportId: 'r-1', input: { ...LINE, clientId: 'c-1' }, savedAt: '2026-11-02T10:00:00Z', attempts: 2, refusal: null });
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: PENDING_LINE_STORE, useValue: store }],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(OfflineLinesService);
    await settle();
    const request = http.expectOne(url);
    expect(request.request.body.clientId).toBe('c-1');
    request.flush({ id: 'l-9' });
    await settle();
    expect(await store.list()).toEqual([]);
  });

  it('keeps a line the api refuses with the reason, does not resend it, and lets the user discard it', async () => {
    const added = service.add('r-1', LINE);
    await settle();
    http.expectOne(url).flush({ statusCode: 409, code: 'CONFLICT', message: 'This report is submitted' }, { status: 409, statusText: 'Conflict' });
    await added;
    expect(service.forReport('r-1')[0].refusal).toContain('submitted');
    expect(service.waitingCount()).toBe(0);
    await service.sync();
    http.expectNone(url);
    await service.discard(service.forReport('r-1')[0].clientId);
    expect(service.pending()).toEqual([]);
  });
});
