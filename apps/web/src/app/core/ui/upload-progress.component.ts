import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * An upload on its way: nothing while idle (null), a moving bar while it starts (0), then the percentage sent,
 * named for a screen reader ("Uploading: 40 %").
 */
@Component({
  selector: 'mz-upload-progress',
  imports: [MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (progress(); as percent) {
      <mat-progress-bar
        mode="determinate"
        [value]="percent"
        [attr.aria-label]="'applicant.upload.progress' | t: { percent: percent }"
        [attr.data-testid]="testId()"
      />
    } @else if (progress() === 0) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'applicant.upload.starting' | t" [attr.data-testid]="testId()" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class UploadProgressComponent {
  /** null: no upload; 0: starting; 1–100: percent sent. */
  readonly progress = input<number | null>(null);
  readonly testId = input<string | null>(null);
}
