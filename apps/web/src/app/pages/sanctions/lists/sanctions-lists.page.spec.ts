import { HttpClient, HttpEventType } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SanctionsListVersionView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { pageTestProviders } from '../../../testing/page-providers';
import { UPLOAD_HTTP } from '../../applicant/shared/upload';
import { RUN, VERSION } from '../shared/sanctions-fixtures';
import { SANCTIONS_POLL_MS, SanctionsListsPage, failureText } from './sanctions-lists.page';

const API = '/api/v1/screening';
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function setUp(language = 'en') {
  TestBed.configureTestingModule({
    providers: [
      ...pageTestProviders({ language: () => language }),
      { provide: UPLOAD_HTTP, useFactory: () => TestBed.inject(HttpClient) },
      { provide: SANCTIONS_POLL_MS, useValue: 0 },
    ],
  });
  const fixture = TestBed.createComponent(SanctionsListsPage);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  const root = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const text = (testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  return { fixture, http, root, settle, text };
}

function pick(root: HTMLElement, file: File): void {
  const input = root.querySelector<HTMLInputElement>('[data-testid="sanctions-import-file"]');
  if (!input) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

const queued: SanctionsListVersionView = { ...VERSION, id: 'v2', state: 'queued', progress: 0, individuals: 0, entities: 0, aliases: 0, entriesAdded: 0, aliasesAdded: 0, runId: null, finishedAt: null };

describe('SanctionsListsPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('explains what a list is and where to download the UN file when none is imported; nothing to screen again', async () => {
    const { http, root, settle } = setUp();
    http.expectOne((r) => r.url === `${API}/lists`).flush({ items: [], page: 1, pageSize: 50, total: 0 });
    await settle();
    const empty = root.querySelector('[data-testid="sanctions-lists-empty"]');
    expect(empty?.textContent).toContain('No sanctions list yet');
    expect(empty?.textContent).toContain('names the people and organizations no one may fund');
    expect(root.querySelector<HTMLAnchorElement>('[data-testid="sanctions-un-xml"]')?.href).toBe('https://scsanctions.un.org/resources/xml/en/consolidated.xml');
    expect(root.querySelector<HTMLButtonElement>('[data-testid="sanctions-rescreen"]')?.disabled).toBe(true);
    expect(root.querySelector('[data-testid="sanctions-tabs"]')).not.toBeNull();
  });

  it('uploads with progress, follows the import to done, then the run it started to its new potential matches', async () => {
    const { http, root, settle, text } = setUp();
    http.expectOne((r) => r.url === `${API}/lists`).flush([]);
    await settle();

    root.querySelector<HTMLButtonElement>('[data-testid="sanctions-import-submit"]')?.click();
    await settle();
    expect(root.querySelector('[data-testid="sanctions-import-missing"]')).not.toBeNull();

    pick(root, new File(['<CONSOLIDATED_LIST/>'], 'consolidated.xml', { type: 'application/xml' }));
    await settle();
    root.querySelector<HTMLButtonElement>('[data-testid="sanctions-import-submit"]')?.click();
    await settle();
    const upload = http.expectOne((r) => r.method === 'POST' && r.url === `${API}/lists`);
    expect(upload.request.body).toBeInstanceOf(FormData);
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    expect(text('sanctions-lists-announcement')).toBe('Uploading the list file.');
    upload.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
    await settle();
    expect(root.querySelector('[data-testid="sanctions-upload-progress"]')?.getAttribute('aria-label')).toContain('40');
    upload.flush(queued);
    await settle();
    expect(root.querySelector('[data-testid="sanctions-upload-progress"]')).toBeNull();
    expect(root.querySelector('[data-testid="sanctions-import-progress"]')?.getAttribute('data-state')).toBe('queued');
    expect(root.querySelectorAll('[data-testid="sanctions-version"]').length).toBe(1);

    await tick();
    http.expectOne(`${API}/lists/v2`).flush({ ...queued, state: 'running', progress: 50 });
    await settle();
    expect(root.querySelector('[data-testid="sanctions-import-progress"]')?.getAttribute('data-state')).toBe('running');
    expect(text('sanctions-version-state')).toBe('Importing 50 %');

    await tick();
    http.expectOne(`${API}/lists/v2`).flush({ ...VERSION, id: 'v2', runId: 'run-1' });
    await settle();
    expect(text('sanctions-import-summary')).toBe('Imported: 726 individuals, 367 entities, 3,055 aliases.');
    expect(text('sanctions-version-changes')).toContain('1,093 entries added');
    expect(root.querySelector('[data-testid="sanctions-version-in-use"]')).not.toBeNull();

    http.expectOne(`${API}/runs/run-1`).flush(RUN);
    await settle();
    expect(root.querySelector('[data-testid="sanctions-run-progress"]')?.getAttribute('data-state')).toBe('running');
    expect(root.querySelector<HTMLButtonElement>('[data-testid="sanctions-rescreen"]')?.disabled).toBe(true);
    await tick();
    http.expectOne(`${API}/runs/run-1`).flush({ ...RUN, state: 'done', progress: 100, partiesScreened: 412, matchesRaised: 3 });
    await settle();
    expect(text('sanctions-run-summary')).toBe('412 names screened.');
    const link = root.querySelector<HTMLAnchorElement>('[data-testid="sanctions-run-matches"]');
    expect(link?.textContent).toContain('3 new potential matches');
    expect(link?.getAttribute('href')).toBe('/sanctions');
    expect(text('sanctions-lists-announcement')).toBe('3 new potential matches');
    await tick();
    http.expectNone(`${API}/runs/run-1`);
  });

  it('shows a failed import by its code, translated, with the line', async () => {
    const { http, root, settle, text } = setUp();
    http.expectOne((r) => r.url === `${API}/lists`).flush({ items: [{ ...queued, state: 'running' }], page: 1, pageSize: 50, total: 1 });
    await settle();
    await tick();
    const failed = { ...queued, state: 'failed' as const, failureCode: 'SANCTIONS_LIST_INVALID', failureParams: { line: 412, detail: "Element 'INDIVIDUAL': Missing child element(s)." } };
    http.expectOne(`${API}/lists/v2`).flush(failed);
    await settle();
    expect(root.querySelector('[data-testid="sanctions-import-progress"]')?.getAttribute('data-state')).toBe('failed');
    expect(root.querySelector('[data-testid="sanctions-import-progress"] [role="alert"]')?.textContent).toContain('The file is not a valid sanctions list: line 412');
    expect(text('sanctions-version-failure')).toContain('line 412');
    expect(text('sanctions-lists-announcement')).toContain('line 412');
  });

  it('says a failure in Arabic with the line, and a code the web does not know by its code', () => {
    TestBed.configureTestingModule({ providers: [...pageTestProviders({ language: () => 'ar' })] });
    const i18n = TestBed.inject(I18nService);
    const arabic = failureText('SANCTIONS_LIST_INVALID', { line: 7, detail: 'x' }, i18n);
    expect(arabic).toContain(i18n.t('errors.code.SANCTIONS_LIST_INVALID', { line: 7, detail: 'x' }));
    expect(arabic).toMatch(/[\u0600-\u06FF]/);
    expect(arabic).toMatch(/7|٧/);
    expect(failureText('SOMETHING_NEW', null, i18n)).toContain('SOMETHING_NEW');
  });

  it('refuses a file over the limit before sending it, and shows the api refusing an import already running', async () => {
    const { http, root, settle, text } = setUp();
    http.expectOne((r) => r.url === `${API}/lists`).flush([VERSION]);
    http.expectOne((r) => r.method === 'GET' && r.url === `${API}/runs`).flush([]);
    await settle();
    const huge = new File(['x'], 'huge.xml');
    Object.defineProperty(huge, 'size', { value: 65 * 1024 * 1024 });
    pick(root, huge);
    await settle();
    root.querySelector<HTMLButtonElement>('[data-testid="sanctions-import-submit"]')?.click();
    await settle();
    expect(text('sanctions-import-error')).toContain('The file is too large');
    http.expectNone((r) => r.method === 'POST');

    pick(root, new File(['<x/>'], 'consolidated.xml'));
    await settle();
    root.querySelector<HTMLButtonElement>('[data-testid="sanctions-import-submit"]')?.click();
    http.expectOne((r) => r.method === 'POST' && r.url === `${API}/lists`).flush({ code: 'SANCTIONS_IMPORT_RUNNING', message: 'running' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text('sanctions-import-error')).toContain('An import of this list is already running');
  });

  it('follows a screening run still going when the page opens', async () => {
    const { http, root, settle, text } = setUp();
    http.expectOne((r) => r.url === `${API}/lists`).flush([VERSION]);
    const runs = http.expectOne((r) => r.method === 'GET' && r.url === `${API}/runs`);
    expect(runs.request.params.get('pageSize')).toBe('1');
    runs.flush({ items: [RUN], page: 1, pageSize: 1, total: 1 });
    await settle();
    expect(root.querySelector('[data-testid="sanctions-run"] h2')?.textContent).toContain('Screening everyone against the new list');
    expect(root.querySelector<HTMLButtonElement>('[data-testid="sanctions-rescreen"]')?.disabled).toBe(true);
    await tick();
    http.expectOne(`${API}/runs/run-1`).flush({ ...RUN, state: 'failed', failureCode: 'SOMETHING_BROKE' });
    await settle();
    expect(root.querySelector('[data-testid="sanctions-run-progress"] [role="alert"]')?.textContent).toContain('Screening failed (SOMETHING_BROKE).');
    expect(root.querySelector<HTMLButtonElement>('[data-testid="sanctions-rescreen"]')?.disabled).toBe(false);
    expect(text('sanctions-run-summary')).toBeNull();
  });

  it('screens everyone again and follows that run', async () => {
    const { http, root, settle, text } = setUp();
    http.expectOne((r) => r.url === `${API}/lists`).flush([VERSION]);
    http.expectOne((r) => r.method === 'GET' && r.url === `${API}/runs`).flush([]);
    await settle();
    const button = root.querySelector<HTMLButtonElement>('[data-testid="sanctions-rescreen"]');
    expect(button?.disabled).toBe(false);
    button?.click();
    const start = http.expectOne((r) => r.method === 'POST' && r.url === `${API}/runs`);
    start.flush({ ...RUN, id: 'run-2', trigger: 'manual', state: 'queued', progress: 0 });
    await settle();
    expect(root.querySelector('[data-testid="sanctions-run"] h2')?.textContent).toContain('Screening everyone again');
    await tick();
    http.expectOne(`${API}/runs/run-2`).flush({ ...RUN, id: 'run-2', trigger: 'manual', state: 'done', progress: 100, partiesScreened: 1, matchesRaised: 0 });
    await settle();
    expect(text('sanctions-run-summary')).toBe('1 name screened.');
    expect(text('sanctions-run-no-matches')).toBe('No new potential matches.');
  });
});
