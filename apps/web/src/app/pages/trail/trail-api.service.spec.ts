import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { TrailExportView } from '@mizan/contracts';
import { TrailApiService } from './trail-api.service';

const job = (
  state: TrailExportView['state'],
  progress: number,
): TrailExportView => ({
  id: 'e1',
  state,
  progress,
  file:
    state === 'completed'
      ? {
          sha256: 'a'.repeat(64),
          sizeBytes: 2048,
          downloadPath: '/api/v1/trail/exports/e1/file',
        }
      : null,
  failedReason: null,
  requestedAt: '2026-03-01T10:00:00.000Z',
});

describe('TrailApiService', () => {
  let api: TrailApiService;
  let http: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(TrailApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('sends only the filled query parameters', () => {
    api
      .list({ actor: 'admin', entityId: '', after: 'c2', pageSize: 25 })
      .subscribe();
    const request = http.expectOne((r) => r.url === '/api/v1/trail');
    expect(request.request.params.keys().sort()).toEqual([
      'actor',
      'after',
      'pageSize',
    ]);
    expect(request.request.params.get('after')).toBe('c2');
    request.flush({ items: [], pageSize: 25, next: null, previous: 'c3', total: 0, totalCapped: false, names: {} });
  });

  it('polls an export every 700 ms while it runs and stops once it is completed', () => {
    const seen: string[] = [];
    let done = false;
    api.watchExport('e1').subscribe({
      next: (view) => seen.push(`${view.state}:${view.progress}`),
      complete: () => (done = true),
    });

    http.expectOne('/api/v1/trail/exports/e1').flush(job('waiting', 0));
    http.expectNone('/api/v1/trail/exports/e1');
    jest.advanceTimersByTime(699);
    http.expectNone('/api/v1/trail/exports/e1');
    jest.advanceTimersByTime(1);
    http.expectOne('/api/v1/trail/exports/e1').flush(job('active', 40));
    jest.advanceTimersByTime(700);
    http.expectOne('/api/v1/trail/exports/e1').flush(job('completed', 100));
    jest.advanceTimersByTime(5000);

    expect(seen).toEqual(['waiting:0', 'active:40', 'completed:100']);
    expect(done).toBe(true);
  });

  it('stops polling a failed export', () => {
    const seen: string[] = [];
    api.watchExport('e1').subscribe((view) => seen.push(view.state));
    http
      .expectOne('/api/v1/trail/exports/e1')
      .flush({ ...job('failed', 10), failedReason: 'disk full' });
    jest.advanceTimersByTime(5000);
    expect(seen).toEqual(['failed']);
  });
});
