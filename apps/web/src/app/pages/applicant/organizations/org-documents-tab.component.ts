import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { DocumentView, OrganizationView } from '@mizan/contracts';
import {
  DOCUMENT_KINDS,
  REQUIRED_DUE_DILIGENCE_DOCUMENTS,
  type DocumentKind,
} from '@mizan/domain';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { docKindKey } from '../shared/labels';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf, type Problem } from '../shared/problem';
import { formatBytes } from '../shared/upload';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FilePickComponent } from '../../../core/ui/file-pick.component';
import { UploadProgressComponent } from '../../../core/ui/upload-progress.component';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_FILES =
  'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

/** The due-diligence file: upload (PDF/PNG/JPEG, ≤ 10 MB, checked by content on the server) and the list with hashes. */
@Component({
  selector: 'mz-org-documents-tab',
  imports: [
    UploadProgressComponent,
    FilePickComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './org-documents-tab.component.html',
  styleUrls: ['../shared/intake.scss', './org-documents-tab.component.scss'],
})
export class OrgDocumentsTabComponent {
  private readonly api = inject(OrganizationsApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  readonly org = input.required<OrganizationView>();
  /** A document was added: the organization's automatic checks may have changed. */
  readonly changed = output<void>();


  protected readonly kinds = DOCUMENT_KINDS;
  protected readonly docKindKey = docKindKey;
  protected readonly accepted = ACCEPTED_FILES;
  protected readonly columns = [
    'name',
    'kind',
    'size',
    'sha',
    'uploaded',
    'download',
  ];

  protected readonly documents = signal<DocumentView[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly loadProblem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });

  protected readonly kind = new FormControl<DocumentKind | null>(null, [
    Validators.required,
  ]);
  protected readonly file = signal<File | null>(null);
  protected readonly fileMissing = signal(false);
  protected readonly progress = signal<number | null>(null);
  protected readonly uploadProblem = signal<Problem | null>(null);
  protected readonly uploaded = signal<DocumentView | null>(null);

  protected readonly missingKinds = computed(() => {
    const have = new Set(this.documents().map((d) => d.kind));
    return REQUIRED_DUE_DILIGENCE_DOCUMENTS.filter((k) => !have.has(k));
  });

  constructor() {
    effect(() => this.load(this.org().id));
  }

  protected load(id = this.org().id): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .documents(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (list) => {
          this.documents.set(list);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected picked(file: File | null): void {
    this.file.set(file);
    this.fileMissing.set(false);
    this.uploadProblem.set(null);
    this.uploaded.set(null);
    if (file && file.size > MAX_UPLOAD_BYTES) {
      this.uploadProblem.set({
        key: 'applicant.upload.tooLargeLocal',
        params: { size: formatBytes(file.size, this.i18n.locale()) },
      });
    }
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  protected upload(): void {
    const file = this.file();
    const kind = this.kind.value;
    this.kind.markAsTouched();
    this.fileMissing.set(file === null);
    if (kind === null || file === null || this.progress() !== null) return;
    if (file.size > MAX_UPLOAD_BYTES) return;
    this.progress.set(0);
    this.uploadProblem.set(null);
    this.uploaded.set(null);
    this.api
      .uploadDocument(this.org().id, kind, file)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.kind === 'progress') {
            this.progress.set(event.percent);
            return;
          }
          this.progress.set(null);
          this.uploaded.set(event.result);
          this.documents.update((list) => [event.result, ...list]);
          this.file.set(null);
          this.kind.reset(null);
          this.changed.emit();
        },
        error: (error: unknown) => {
          this.progress.set(null);
          this.uploadProblem.set(problemOf(toWebError(error)));
        },
      });
  }
}
