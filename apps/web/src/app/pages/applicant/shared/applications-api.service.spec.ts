import {
  HttpClient,
  HttpEventType,
  HttpResponse,
  provideHttpClient,
  type HttpEvent,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DocumentView } from '@mizan/contracts';
import { emptyApplicationContent } from '@mizan/domain';
import { of } from 'rxjs';
import { ApplicationsApiService } from './applications-api.service';
import { OrganizationsApiService } from './organizations-api.service';
import { UPLOAD_HTTP, formatBytes, uploadEvents } from './upload';

describe('intake api services', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        // Uploads use the same testing backend here.
        { provide: UPLOAD_HTTP, useFactory: () => TestBed.inject(HttpClient) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('autosaves the whole content with the version it was edited from', () => {
    const api = TestBed.inject(ApplicationsApiService);
    const content = emptyApplicationContent('T');
    api.save('a 1', 4, content).subscribe();
    const request = http.expectOne('/api/v1/applications/a%201');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ version: 4, content });
    request.flush({});
  });

  it('submits and withdraws at their own paths', () => {
    const api = TestBed.inject(ApplicationsApiService);
    api.submit('a1', 7).subscribe();
    api.withdraw('a1', 'Merged with another project').subscribe();
    api.version('a1', 2).subscribe();
    const submit = http.expectOne('/api/v1/applications/a1/submit');
    expect(submit.request.body).toEqual({ version: 7 });
    const withdraw = http.expectOne('/api/v1/applications/a1/withdraw');
    expect(withdraw.request.body).toEqual({
      reason: 'Merged with another project',
    });
    http.expectOne('/api/v1/applications/a1/versions/2').flush({});
    submit.flush({});
    withdraw.flush({});
  });

  it('uploads a document as multipart with its kind, reporting progress', () => {
    const api = TestBed.inject(OrganizationsApiService);
    const seen: string[] = [];
    const file = new File(
      [new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])],
      'statutes.pdf',
      {
        type: 'application/pdf',
      },
    );
    api
      .uploadDocument('org1', 'statutes', file)
      .subscribe((event) =>
        seen.push(
          event.kind === 'progress'
            ? `progress:${event.percent}`
            : `done:${event.result.id}`,
        ),
      );
    const request = http.expectOne('/api/v1/organizations/org1/documents');
    const body = request.request.body as FormData;
    expect(body.get('kind')).toBe('statutes');
    expect((body.get('file') as File).name).toBe('statutes.pdf');
    request.event({
      type: HttpEventType.UploadProgress,
      loaded: 50,
      total: 200,
    });
    request.flush({ id: 'd1' } as DocumentView);
    expect(seen).toEqual(['progress:25', 'done:d1']);
  });
});

describe('uploadEvents', () => {
  it('ignores events other than progress and the response', () => {
    const out: unknown[] = [];
    const events: HttpEvent<string>[] = [
      { type: HttpEventType.Sent },
      { type: HttpEventType.UploadProgress, loaded: 10, total: 0 },
      new HttpResponse({ body: 'ok' }),
    ];
    uploadEvents(of(...events)).subscribe((e) => out.push(e));
    expect(out).toEqual([
      { kind: 'progress', percent: 0 },
      { kind: 'done', result: 'ok' },
    ]);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(512, 'en-GB')).toBe('512 B');
    expect(formatBytes(1536, 'en-GB')).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024, 'en-GB')).toBe('10 MB');
  });
});
