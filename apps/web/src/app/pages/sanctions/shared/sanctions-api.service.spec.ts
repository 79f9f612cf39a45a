import { HttpClient, HttpEventType } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { pageTestProviders } from '../../../testing/page-providers';
import { UPLOAD_HTTP, type UploadEvent } from '../../applicant/shared/upload';
import { SETTINGS, VERSION } from './sanctions-fixtures';
import { SanctionsApiService } from './sanctions-api.service';

const API = '/api/v1/screening';

describe('SanctionsApiService', () => {
  let api: SanctionsApiService;
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [...pageTestProviders(), { provide: UPLOAD_HTTP, useFactory: () => TestBed.inject(HttpClient) }] });
    api = TestBed.inject(SanctionsApiService);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('calls every screening route with its method, path and body', () => {
    const seen: unknown[] = [];
    const keep = (value: unknown) => seen.push(value);
    api.lists(2, 10).subscribe(keep);
    const lists = http.expectOne((r) => r.url === `${API}/lists`);
    expect(lists.request.params.get('page')).toBe('2');
    lists.flush([VERSION]);
    api.list('a/b').subscribe(keep);
    http.expectOne(`${API}/lists/a%2Fb`).flush(VERSION);
    api.entry('e1').subscribe(keep);
    http.expectOne(`${API}/entries/e1`).flush({});
    api.check({ name: 'x', kind: 'entity' }).subscribe(keep);
    const check = http.expectOne((r) => r.method === 'POST' && r.url === `${API}/checks`);
    expect(check.request.body).toEqual({ name: 'x', kind: 'entity' });
    check.flush({});
    api.matches({ state: 'open', partyKind: 'partner', q: '  al ' }).subscribe(keep);
    const matches = http.expectOne((r) => r.url === `${API}/matches`);
    expect([matches.request.params.get('state'), matches.request.params.get('partyKind'), matches.request.params.get('q')]).toEqual(['open', 'partner', 'al']);
    matches.flush({ items: [], page: 1, pageSize: 50, total: 0 });
    api.match('m1').subscribe(keep);
    http.expectOne(`${API}/matches/m1`).flush({});
    api.resolve('m1', { resolution: 'false_positive', reason: 'different birth date', rowVersion: 1 }).subscribe(keep);
    http.expectOne((r) => r.method === 'POST' && r.url === `${API}/matches/m1/resolution`).flush({});
    api.second('m1', { agree: true, reason: 'agreed, other person', rowVersion: 2 }).subscribe(keep);
    http.expectOne((r) => r.method === 'POST' && r.url === `${API}/matches/m1/second`).flush({});
    api.runs().subscribe(keep);
    http.expectOne((r) => r.method === 'GET' && r.url === `${API}/runs`).flush([]);
    api.startRun().subscribe(keep);
    http.expectOne((r) => r.method === 'POST' && r.url === `${API}/runs`).flush({});
    api.run('r1').subscribe(keep);
    http.expectOne(`${API}/runs/r1`).flush({});
    api.settings().subscribe(keep);
    http.expectOne((r) => r.method === 'GET' && r.url === `${API}/settings`).flush(SETTINGS);
    api.saveSettings({ threshold: 0.8, highScore: 0.9, rowVersion: 3 }).subscribe(keep);
    http.expectOne((r) => r.method === 'PUT' && r.url === `${API}/settings`).flush(SETTINGS);
    api.organization('o1').subscribe(keep);
    http.expectOne(`${API}/organizations/o1`).flush({});
    expect(seen.length).toBe(14);
    expect(seen[0]).toEqual({ items: [VERSION], page: 1, pageSize: 1, total: 1 });
  });

  it('uploads the list as the multipart field `file`, reporting progress', () => {
    const events: UploadEvent<unknown>[] = [];
    api.importList(new File(['<x/>'], 'consolidated.xml')).subscribe((e) => events.push(e));
    const req = http.expectOne((r) => r.method === 'POST' && r.url === `${API}/lists`);
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    expect(req.request.reportProgress).toBe(true);
    req.event({ type: HttpEventType.UploadProgress, loaded: 1, total: 4 });
    req.flush(VERSION);
    expect(events).toEqual([{ kind: 'progress', percent: 25 }, { kind: 'done', result: VERSION }]);
  });
});
