import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  model,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { ApplicationAttachmentView } from '@mizan/contracts';
import { toWebError } from '../../../../core/api/api-error';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import {
  ACCEPTED_FILES,
  MAX_UPLOAD_BYTES,
} from '../../organizations/org-documents-tab.component';
import { ApplicationsApiService } from '../../shared/applications-api.service';
import { problemOf, type Problem } from '../../shared/problem';
import { formatBytes } from '../../shared/upload';
import { FilePickComponent } from '../../../../core/ui/file-pick.component';
import { UploadProgressComponent } from '../../../../core/ui/upload-progress.component';

/** Annexes of the proposal (PDF/PNG/JPEG, ≤ 10 MB), each with a description. */
@Component({
  selector: 'mz-attachments-step',
  imports: [
    UploadProgressComponent,
    FilePickComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attachments-step.component.html',
  styleUrl: './editor-step.scss',
  styles: `
    .upload-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: flex-start;
    }
    .grow {
      flex: 1 1 280px;
    }
    .list {
      padding-inline-start: 20px;
    }
  `,
})
export class AttachmentsStepComponent {
  private readonly api = inject(ApplicationsApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly i18n = inject(I18nService);

  readonly applicationId = input.required<string>();
  readonly attachments = model.required<ApplicationAttachmentView[]>();
  readonly disabled = input(false);

  protected readonly accepted = ACCEPTED_FILES;
  protected readonly description = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(300)],
  });
  protected readonly file = signal<File | null>(null);
  protected readonly fileMissing = signal(false);
  protected readonly progress = signal<number | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly done = signal<string | null>(null);

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  protected picked(file: File | null): void {
    this.file.set(file);
    this.fileMissing.set(false);
    this.problem.set(null);
    this.done.set(null);
    if (file && file.size > MAX_UPLOAD_BYTES) {
      this.problem.set({
        key: 'applicant.upload.tooLargeLocal',
        params: { size: this.size(file.size) },
      });
    }
  }

  protected upload(): void {
    const file = this.file();
    this.description.markAsTouched();
    this.fileMissing.set(file === null);
    if (this.description.invalid || file === null || this.progress() !== null)
      return;
    if (file.size > MAX_UPLOAD_BYTES) return;
    this.progress.set(0);
    this.problem.set(null);
    this.done.set(null);
    this.api
      .uploadAttachment(
        this.applicationId(),
        this.description.value.trim(),
        file,
      )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.kind === 'progress') {
            this.progress.set(event.percent);
            return;
          }
          this.progress.set(null);
          this.attachments.update((list) => [...list, event.result]);
          this.done.set(event.result.originalName);
          this.file.set(null);
          this.description.reset('');
        },
        error: (error: unknown) => {
          this.progress.set(null);
          this.problem.set(problemOf(toWebError(error)));
        },
      });
  }
}
