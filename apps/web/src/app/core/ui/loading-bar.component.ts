import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * The thin bar a page shows while it reads: a slot of its own height that is always there, so the page does not
 * jump when the bar comes and goes; the bar is named "Loading" for screen readers.
 */
@Component({
  selector: 'mz-loading-bar',
  imports: [MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'mz-loading-bar' },
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
    }
  `,
  styles: `
    :host {
      display: block;
      min-height: 4px;
      margin-block: 8px;
    }
  `,
})
export class LoadingBarComponent {
  readonly loading = input(false);
}
