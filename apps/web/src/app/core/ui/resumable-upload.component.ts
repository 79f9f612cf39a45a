import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  InjectionToken,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import {
  API_PREFIX,
  MAX_REPORT_FILE_BYTES,
  UploadPaths,
  type ReportFileView,
  type UploadPurpose,
  type UploadResultView,
} from '@mizan/contracts';
import { Upload, type UploadOptions } from 'tus-js-client';
import { firstValueFrom } from 'rxjs';
import { errorCodeKey } from '../api/api-error';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { UploadProgressComponent } from './upload-progress.component';

/** The part of tus-js-client's Upload the component uses (a fake stands in for it in specs). */
export interface ResumableUpload {
  url: string | null;
  start(): void;
  abort(shouldTerminate?: boolean): Promise<void>;
  findPreviousUploads(): Promise<Parameters<Upload['resumeFromPreviousUpload']>[0][]>;
  resumeFromPreviousUpload(previous: Parameters<Upload['resumeFromPreviousUpload']>[0]): void;
}

export type ResumableUploadFactory = (file: File, options: UploadOptions) => ResumableUpload;

/** Makes the tus uploads: tus-js-client, unless a spec provides another. */
export const RESUMABLE_UPLOAD_FACTORY = new InjectionToken<ResumableUploadFactory>('RESUMABLE_UPLOAD_FACTORY', {
  providedIn: 'root',
  factory: () => (file, options) => new Upload(file, options),
});

/** Waits between automatic retries (ms): a dropped connection is tried again for about a minute, then waits for "online". */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000];
/** Sent in pieces: an interruption costs at most one piece. */
export const CHUNK_BYTES = 1024 * 1024;

export type ResumableUploadState = 'idle' | 'uploading' | 'retrying' | 'offline' | 'done' | 'failed' | 'cancelled';

/** Failures a retry cannot fix: the server refused the file or the caller. */
function isFinalStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 423 && status !== 429;
}

interface TusError extends Error {
  originalResponse?: { getStatus(): number; getBody(): string } | null;
}

/**
 * A resumable upload of one report file (receipt or evidence) with tus: the
 * file goes up in pieces, a dropped connection is retried on its own and an
 * upload interrupted earlier (page reloaded, phone offline) continues where
 * it stopped (tus-js-client keeps its URL under the file's fingerprint).
 * Shows the progress (mz-upload-progress), says what happens in words for
 * screen readers, can be cancelled, and emits the stored file.
 * On phones `capture` opens the camera. Test ids from `testId`:
 * `<id>-file`, `<id>-choose`, `<id>-cancel`, `<id>-status`, `<id>-progress`.
 */
@Component({
  selector: 'mz-resumable-upload',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, UploadProgressComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <input
      #fileInput
      type="file"
      class="file-input"
      tabindex="-1"
      aria-hidden="true"
      [accept]="accept()"
      [attr.capture]="capture() ? 'environment' : null"
      [attr.data-testid]="testId() + '-file'"
      (change)="picked($event)"
    />
    <div class="row">
      @if (busy()) {
        <button mat-stroked-button type="button" [attr.data-testid]="testId() + '-cancel'" (click)="cancel()">
          <mat-icon svgIcon="close" /> {{ 'reporting.upload.cancel' | t }}
        </button>
      } @else {
        <button mat-stroked-button type="button" [disabled]="disabled()" [attr.data-testid]="testId() + '-choose'" (click)="choose()">
          <mat-icon svgIcon="attach_file" /> {{ label() || ('reporting.upload.choose' | t) }}
        </button>
      }
      <span class="status" role="status" [attr.data-testid]="testId() + '-status'" [attr.data-state]="state()">{{ statusText() }}</span>
    </div>
    <mz-upload-progress [progress]="busy() ? progress() : null" [testId]="testId() + '-progress'" />
  `,
  styles: `
    :host {
      display: block;
    }
    .file-input {
      display: none;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      min-height: 48px;
    }
    .status {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    :host([data-state='failed']) .status {
      color: var(--mat-sys-error);
    }
  `,
  host: { '[attr.data-state]': 'state()' },
})
export class ResumableUploadComponent {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18nService);
  private readonly makeUpload = inject(RESUMABLE_UPLOAD_FACTORY);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  readonly purpose = input.required<UploadPurpose>();
  readonly reportId = input.required<string>();
  /** The expenditure line of a receipt. */
  readonly lineId = input<string | null>(null);
  readonly testId = input.required<string>();
  readonly accept = input('image/*,application/pdf');
  /** Open the camera on phones (the `capture` attribute). */
  readonly capture = input(true);
  readonly disabled = input(false);
  /** The button's words, when not "Add a file". */
  readonly label = input<string | null>(null);
  /** The stored file, once the server has checked and kept it. */
  readonly uploaded = output<ReportFileView>();

  readonly state = signal<ResumableUploadState>('idle');
  /** null: nothing sent yet; 0–100 percent. */
  readonly progress = signal<number | null>(null);
  private readonly fileName = signal('');
  private readonly failure = signal('');
  private upload: ResumableUpload | null = null;

  protected readonly busy = computed(() => ['uploading', 'retrying', 'offline'].includes(this.state()));

  protected readonly statusText = computed(() => {
    const name = this.fileName();
    switch (this.state()) {
      case 'idle':
        return '';
      case 'uploading':
        return this.i18n.t('reporting.upload.status.uploading', { name, percent: this.progress() ?? 0 });
      case 'retrying':
        return this.i18n.t('reporting.upload.status.retrying', { name, percent: this.progress() ?? 0 });
      case 'offline':
        return this.i18n.t('reporting.upload.status.offline', { name, percent: this.progress() ?? 0 });
      case 'done':
        return this.i18n.t('reporting.upload.status.done', { name });
      case 'cancelled':
        return this.i18n.t('reporting.upload.status.cancelled', { name });
      case 'failed':
        return this.i18n.t('reporting.upload.status.failed', { name, reason: this.failure() });
    }
  });

  constructor() {
    const online = (): void => {
      // Back online: continue from what the server has (tus asks for the offset first).
      if (this.state() === 'offline' && this.upload) {
        this.state.set('uploading');
        this.upload.start();
      }
    };
    window.addEventListener('online', online);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('online', online);
      void this.upload?.abort(false);
    });
  }

  protected choose(): void {
    this.fileInput().nativeElement.click();
  }

  protected picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.send(file);
  }

  /** Starts (or resumes, for a file sent before) the upload of `file`. */
  async send(file: File): Promise<void> {
    this.fileName.set(file.name);
    this.failure.set('');
    if (file.size > MAX_REPORT_FILE_BYTES) {
      this.fail(this.i18n.t('reporting.upload.tooLarge', { max: MAX_REPORT_FILE_BYTES / (1024 * 1024) }));
      return;
    }
    this.progress.set(0);
    this.state.set('uploading');
    const metadata: Record<string, string> = { purpose: this.purpose(), reportId: this.reportId(), filename: file.name, filetype: file.type || 'application/octet-stream' };
    const lineId = this.lineId();
    if (lineId) metadata['lineId'] = lineId;
    const upload = this.makeUpload(file, {
      endpoint: `${API_PREFIX}/${UploadPaths.tus}`,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      metadata,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => {
        if (this.state() === 'retrying') this.state.set('uploading');
        this.progress.set(total > 0 ? Math.min(100, Math.max(1, Math.floor((sent * 100) / total))) : 0);
      },
      onShouldRetry: (error) => {
        const status = (error as TusError).originalResponse?.getStatus() ?? 0;
        if (isFinalStatus(status)) return false;
        this.state.set(navigator.onLine === false ? 'offline' : 'retrying');
        return true;
      },
      onError: (error) => this.failed(error as TusError),
      onSuccess: () => void this.finished(upload),
    });
    this.upload = upload;
    const previous = await upload.findPreviousUploads().catch(() => []);
    if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  }

  async cancel(): Promise<void> {
    const upload = this.upload;
    this.upload = null;
    this.state.set('cancelled');
    this.progress.set(null);
    // Terminates it on the server too: nothing of it stays.
    await upload?.abort(true).catch(() => undefined);
  }

  private async finished(upload: ResumableUpload): Promise<void> {
    const id = upload.url?.split('/').pop() ?? '';
    try {
      const result = await firstValueFrom(this.http.post<UploadResultView>(`${API_PREFIX}/${UploadPaths.result(id)}`, {}));
      this.upload = null;
      this.progress.set(100);
      this.state.set('done');
      this.uploaded.emit(result.file);
    } catch {
      this.fail(this.i18n.t('reporting.upload.notStored'));
    }
  }

  private failed(error: TusError): void {
    const response = error.originalResponse;
    if (!response) {
      // No answer at all: offline. It continues when the browser is back online.
      this.state.set('offline');
      return;
    }
    let reason = '';
    try {
      const body = JSON.parse(response.getBody()) as { code?: string };
      const key = body.code ? errorCodeKey(body.code) : null;
      if (key) reason = this.i18n.t(key);
    } catch {
      // Not our error shape.
    }
    this.fail(reason || this.i18n.t('reporting.upload.failedGeneric'));
  }

  private fail(reason: string): void {
    this.upload = null;
    this.failure.set(reason);
    this.progress.set(null);
    this.state.set('failed');
  }
}
