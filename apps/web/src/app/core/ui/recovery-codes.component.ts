import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * Recovery codes, shown once: only their hashes stay on the server, so the user
 * copies or downloads them now.
 */
@Component({
  selector: 'mz-recovery-codes',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
      gap: 0.25rem 1rem;
      padding-inline-start: 1.5rem;
      font-family: monospace;
      font-size: 1.05rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  template: `
    <section data-testid="recovery-codes">
      <h2>{{ 'security.codes.title' | t }}</h2>
      <p class="mz-banner mz-banner-info">{{ 'security.codes.once' | t }}</p>
      <ol class="codes" dir="ltr">
        @for (code of codes(); track code) {
          <li data-testid="recovery-code">{{ code }}</li>
        }
      </ol>
      <div class="actions">
        <button
          mat-stroked-button
          type="button"
          data-testid="recovery-codes-copy"
          (click)="copy()"
        >
          {{ 'security.codes.copy' | t }}
        </button>
        <button
          mat-stroked-button
          type="button"
          data-testid="recovery-codes-download"
          (click)="download()"
        >
          <mat-icon svgIcon="download" />
          {{ 'security.codes.download' | t }}
        </button>
      </div>
      <p aria-live="polite">
        @if (copied()) {
          {{ 'security.codes.copied' | t }}
        }
      </p>
    </section>
  `,
})
export class RecoveryCodesComponent {
  private readonly i18n = inject(I18nService);
  readonly codes = input.required<readonly string[]>();
  protected readonly copied = signal(false);

  private text(): string {
    return `${this.i18n.t('security.codes.fileHeading')}\n\n${this.codes().join('\n')}\n`;
  }

  protected copy(): void {
    void navigator.clipboard
      ?.writeText(this.text())
      .then(() => this.copied.set(true));
  }

  protected download(): void {
    const url = URL.createObjectURL(
      new Blob([this.text()], { type: 'text/plain;charset=utf-8' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = 'mizan-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }
}
