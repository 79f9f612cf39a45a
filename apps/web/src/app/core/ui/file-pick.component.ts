import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  input,
  model,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { formatBytes } from '../../pages/applicant/shared/upload';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * Choosing one file to upload: a real button (the browser's file input stays hidden and out of the tab order),
 * the chosen file's name and size, and "choose a file" when the form was sent without one. Two-way `[(file)]`;
 * setting it back to null (after the upload) clears the input, so the same file can be chosen again.
 * Test ids from `testId`: `<id>-file` (the input, for setInputFiles), `<id>-choose`, `<id>-file-name`.
 */
@Component({
  selector: 'mz-file-pick',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <input
      #fileInput
      type="file"
      class="file-input"
      tabindex="-1"
      aria-hidden="true"
      [accept]="accept()"
      [attr.data-testid]="testId() + '-file'"
      (change)="picked($event)"
    />
    <button
      mat-stroked-button
      type="button"
      [disabled]="disabled()"
      [attr.data-testid]="testId() + '-choose'"
      [attr.aria-describedby]="testId() + '-file-name'"
      (click)="choose()"
    >
      <mat-icon svgIcon="attach_file" />
      {{ 'applicant.docs.choose' | t }}
    </button>
    <span class="file-name" [id]="testId() + '-file-name'" [attr.data-testid]="testId() + '-file-name'">
      @if (file(); as f) {
        <bdi>{{ f.name }}</bdi> ({{ size(f.size) }})
      } @else {
        {{ 'applicant.docs.noFile' | t }}
      }
    </span>
    @if (missing()) {
      <span class="field-error" [attr.data-testid]="testId() + '-missing'">{{ 'applicant.docs.fileRequired' | t }}</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      min-height: 56px;
    }
    .file-input {
      display: none;
    }
    .file-name {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .field-error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      flex-basis: 100%;
    }
  `,
})
export class FilePickComponent {
  private readonly i18n = inject(I18nService);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  /** What the input accepts (`.pdf,application/pdf,…`). */
  readonly accept = input.required<string>();
  /** Prefix of the test ids and element ids; unique on the page. */
  readonly testId = input.required<string>();
  /** The form was sent without a file: say so. */
  readonly missing = input(false);
  readonly disabled = input(false);
  readonly file = model<File | null>(null);

  constructor() {
    effect(() => {
      if (this.file() === null) this.fileInput().nativeElement.value = '';
    });
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  protected choose(): void {
    this.fileInput().nativeElement.click();
  }

  protected picked(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }
}
