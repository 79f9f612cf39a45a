import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { API_PREFIX, MAX_REPORT_FILE_BYTES, UploadPaths, type ReportFileView } from '@mizan/contracts';
import type { UploadOptions } from 'tus-js-client';
import { provideIcons } from '../icons/icons';
import { LANGUAGE_STORAGE } from '../i18n/i18n.service';
import { RESUMABLE_UPLOAD_FACTORY, RETRY_DELAYS, ResumableUploadComponent, type ResumableUpload } from './resumable-upload.component';

/** Stands in for tus-js-client: records what the component asked, and lets the spec play the server's part. */
class FakeUpload implements ResumableUpload {
  url: string | null = null;
  started = 0;
  aborted: boolean[] = [];
  resumedFrom: unknown = null;
  constructor(
    readonly file: File,
    readonly options: UploadOptions,
    private readonly previous: unknown[],
  ) {}
  start(): void {
    this.started++;
  }
  abort(shouldTerminate?: boolean): Promise<void> {
    this.aborted.push(!!shouldTerminate);
    return Promise.resolve();
  }
  findPreviousUploads(): Promise<never[]> {
    return Promise.resolve(this.previous as never[]);
  }
  resumeFromPreviousUpload(previous: unknown): void {
    this.resumedFrom = previous;
  }
}

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ResumableUploadComponent],
  template: `<mz-resumable-upload testId="rc" purpose="receipt" reportId="r-1" [lineId]="'l-1'" (uploaded)="files.set([...files(), $event])" />`,
})
class Host {
  readonly files = signal<ReportFileView[]>([]);
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const status = (root: HTMLElement) => byTestId(root, 'rc-status')?.textContent?.trim() ?? '';

describe('ResumableUploadComponent', () => {
  let uploads: FakeUpload[];
  let previous: unknown[];

  beforeEach(() => {
    uploads = [];
    previous = [];
    TestBed.configureTestingModule({
      providers: [
        provideIcons(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LANGUAGE_STORAGE, useValue: { get: () => 'en', set: () => undefined } },
        {
          provide: RESUMABLE_UPLOAD_FACTORY,
          useValue: (file: File, options: UploadOptions) => {
            const upload = new FakeUpload(file, options, previous);
            uploads.push(upload);
            return upload;
          },
        },
      ],
    });
  });

  async function pick(name = 'receipt.jpg', size = 3000) {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = byTestId(root, 'rc-file') as HTMLInputElement;
    const file = new File(['x'.repeat(size)], name, { type: 'image/jpeg' });
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    return { fixture, root };
  }

  it('opens the camera on phones for photos and PDFs, behind a real button', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const input = byTestId(root, 'rc-file') as HTMLInputElement;
    expect(input.accept).toBe('image/*,application/pdf');
    expect(input.getAttribute('capture')).toBe('environment');
    expect(input.tabIndex).toBe(-1);
    expect(byTestId(root, 'rc-choose')?.tagName).toBe('BUTTON');
    expect(byTestId(root, 'rc-status')?.getAttribute('role')).toBe('status');
  });

  it('sends the file with tus in pieces, with retries and resumable fingerprints, and the report/line metadata', async () => {
    await pick();
    expect(uploads).toHaveLength(1);
    const [u] = uploads;
    expect(u.started).toBe(1);
    expect(u.options).toMatchObject({
      endpoint: `${API_PREFIX}/${UploadPaths.tus}`,
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      metadata: { purpose: 'receipt', reportId: 'r-1', lineId: 'l-1', filename: 'receipt.jpg', filetype: 'image/jpeg' },
    });
    expect(RETRY_DELAYS.length).toBeGreaterThan(3);
    expect(u.resumedFrom).toBeNull();
  });

  it('continues an upload interrupted before (same file) instead of starting again', async () => {
    previous = [{ uploadUrl: '/api/v1/uploads/tus/abc', urlStorageKey: 'tus::fp::1', size: 3000, metadata: {}, creationTime: '' }];
    await pick();
    expect(uploads[0].resumedFrom).toBe(previous[0]);
    expect(uploads[0].started).toBe(1);
  });

  it('shows progress in words and as a bar, says when it retries and when it waits for a connection, and resumes on "online"', async () => {
    const { fixture, root } = await pick();
    const [u] = uploads;
    u.options.onProgress?.(1500, 3000);
    await fixture.whenStable();
    expect(status(root)).toBe('Uploading receipt.jpg: 50 %');
    expect(byTestId(root, 'rc-progress')?.getAttribute('aria-valuenow') ?? byTestId(root, 'rc-progress')?.getAttribute('aria-label')).toContain('50');

    const network = Object.assign(new Error('network'), { originalResponse: null });
    expect(u.options.onShouldRetry?.(network as never, 0, u.options)).toBe(true);
    await fixture.whenStable();
    expect(status(root)).toContain('trying again');

    // Out of retries with no answer: offline, waiting.
    u.options.onError?.(network);
    await fixture.whenStable();
    expect(fixture.debugElement.children[0].nativeElement.getAttribute('data-state')).toBe('offline');
    expect(status(root)).toContain('No connection');
    window.dispatchEvent(new Event('online'));
    await fixture.whenStable();
    expect(u.started).toBe(2);
    expect(status(root)).toBe('Uploading receipt.jpg: 50 %');
  });

  it('does not retry what the server refused, and names the refusal', async () => {
    const { fixture, root } = await pick('virus.jpg');
    const [u] = uploads;
    const refused = Object.assign(new Error('refused'), {
      originalResponse: { getStatus: () => 415, getBody: () => JSON.stringify({ statusCode: 415, code: 'UNSUPPORTED_FILE_TYPE', message: 'x' }) },
    });
    expect(u.options.onShouldRetry?.(refused as never, 0, u.options)).toBe(false);
    u.options.onError?.(refused);
    await fixture.whenStable();
    expect(status(root)).toContain('virus.jpg was not uploaded');
    expect(status(root)).toContain('not accepted');
  });

  it('refuses a file over the limit before sending anything', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const component = fixture.debugElement.children[0].componentInstance as ResumableUploadComponent;
    const huge = new File(['x'], 'huge.jpg');
    Object.defineProperty(huge, 'size', { value: MAX_REPORT_FILE_BYTES + 1 });
    await component.send(huge);
    await fixture.whenStable();
    expect(uploads).toHaveLength(0);
    expect(component.state()).toBe('failed');
    expect(status(fixture.nativeElement as HTMLElement)).toBe('huge.jpg was not uploaded: the file is larger than 15 MB');
  });

  it('cancels: aborts and terminates the upload on the server', async () => {
    const { fixture, root } = await pick();
    (byTestId(root, 'rc-cancel') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(uploads[0].aborted).toEqual([true]);
    expect(status(root)).toBe('Upload of receipt.jpg cancelled');
    expect(byTestId(root, 'rc-choose')).not.toBeNull();
  });

  it('when done, asks for the stored file and emits it', async () => {
    const { fixture, root } = await pick();
    const [u] = uploads;
    u.url = '/api/v1/uploads/tus/0b7c5e0e-2f4a-4c1e-9a55-0d6b4b0f7f11';
    u.options.onSuccess?.({ lastResponse: {} as never });
    const http = TestBed.inject(HttpTestingController);
    const request = http.expectOne(`${API_PREFIX}/${UploadPaths.result('0b7c5e0e-2f4a-4c1e-9a55-0d6b4b0f7f11')}`);
    expect(request.request.method).toBe('POST');
    const file = { id: 'f-1', fileName: 'receipt.jpg' } as ReportFileView;
    request.flush({ uploadId: '0b7c5e0e-2f4a-4c1e-9a55-0d6b4b0f7f11', file });
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    expect(fixture.componentInstance.files()).toEqual([file]);
    expect(status(root)).toBe('receipt.jpg uploaded');
    http.verify();
  });
});
