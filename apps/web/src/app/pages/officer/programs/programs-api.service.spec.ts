import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { OrganizationsApiService } from '../organizations/organizations-api.service';
import { ScreeningApiService } from '../screening/screening-api.service';
import { ProgramsApiService, intakeUrl } from './programs-api.service';

describe('officer api services', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('builds intake urls with encoded segments', () => {
    expect(intakeUrl('calls', 'a/b', 'publish')).toBe('/api/v1/calls/a%2Fb/publish');
  });

  it('lists a program’s calls and publishes, corrects and versions a call', () => {
    const api = TestBed.inject(ProgramsApiService);
    api.listCalls('p1').subscribe();
    const list = http.expectOne((r) => r.url === '/api/v1/calls');
    expect(list.request.params.get('programId')).toBe('p1');
    list.flush([]);

    api.publishCall('c1').subscribe();
    const publish = http.expectOne('/api/v1/calls/c1/publish');
    expect(publish.request.method).toBe('POST');
    publish.flush({});

    api.createCall('p1', {} as never).subscribe();
    expect(http.expectOne('/api/v1/programs/p1/calls').request.method).toBe('POST');

    api.correctCall('c1', { reason: 'why' } as never).subscribe();
    const correct = http.expectOne('/api/v1/calls/c1/corrections');
    expect(correct.request.body).toEqual({ reason: 'why' });

    api.updateCall('c1', {} as never).subscribe();
    expect(http.expectOne('/api/v1/calls/c1').request.method).toBe('PUT');

    api.callVersions('c1').subscribe();
    http.expectOne('/api/v1/calls/c1/versions').flush([]);
  });

  it('asks for a queue page with only the filters chosen, and for governorates once', () => {
    const api = TestBed.inject(ScreeningApiService);
    const empty = { items: [], pageSize: 25, next: null, previous: null, total: 0, totalCapped: false };
    api.queue('c1', {}, { pageSize: 25 }).subscribe();
    const all = http.expectOne((r) => r.url === '/api/v1/calls/c1/screening');
    expect(all.request.params.keys()).toEqual(['pageSize']);
    all.flush(empty);
    api.queue('c1', { state: 'returned', search: '' }, { pageSize: 50, after: 'abc' }).subscribe();
    const returned = http.expectOne((r) => r.url === '/api/v1/calls/c1/screening');
    expect(returned.request.params.get('state')).toBe('returned');
    expect(returned.request.params.has('search')).toBe(false);
    expect(returned.request.params.get('after')).toBe('abc');
    expect(returned.request.params.get('pageSize')).toBe('50');
    returned.flush(empty);

    let seen = 0;
    api.governorates().subscribe(() => seen++);
    http.expectOne('/api/v1/governorates').flush([]);
    api.governorates().subscribe(() => seen++);
    http.expectNone('/api/v1/governorates');
    expect(seen).toBe(2);

    api.screen('a1', { action: 'return_for_clarification', reason: 'Explain' }).subscribe();
    const screen = http.expectOne('/api/v1/applications/a1/screening');
    expect(screen.request.body).toEqual({ action: 'return_for_clarification', reason: 'Explain' });

    api.version('a1', 2).subscribe();
    http.expectOne('/api/v1/applications/a1/versions/2').flush({});
  });

  it('filters organizations by due-diligence status and sets it', () => {
    const api = TestBed.inject(OrganizationsApiService);
    api.list('expired').subscribe();
    const list = http.expectOne((r) => r.url === '/api/v1/organizations');
    expect(list.request.params.get('ddStatus')).toBe('expired');
    list.flush([]);
    api
      .setDueDiligence('o1', {
        status: 'conditional',
        conditions: 'Accounts',
        expiresOn: '2027-06-30',
        reason: 'Reviewed',
      })
      .subscribe();
    expect(http.expectOne('/api/v1/organizations/o1/due-diligence').request.method).toBe('PUT');
  });
});
