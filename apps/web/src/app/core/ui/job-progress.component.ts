import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { BackgroundState } from '@mizan/contracts';
import type { TranslationKey } from '../i18n/catalog';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * The progress of a job the worker runs (a bank file, an agreement PDF): a
 * determinate bar with its value for assistive technology, and a polite live
 * region that says when it is queued, running, done or failed. What to do with
 * the result (a download button) goes in the content.
 */
@Component({
  selector: 'mz-job-progress',
  imports: [MatIconModule, MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="job" [attr.data-testid]="testId()" [attr.data-state]="state()">
      <p class="job-status" aria-live="polite" role="status">
        @switch (state()) {
          @case ('done') {
            <mat-icon svgIcon="check_circle" class="ok" />
          }
          @case ('failed') {
            <mat-icon svgIcon="error" class="bad" />
          }
          @default {
            <mat-icon svgIcon="schedule" />
          }
        }
        <span>{{ stateKey() | t: { percent: percent() } }}</span>
      </p>
      @if (state() === 'queued' || state() === 'running') {
        <mat-progress-bar
          [mode]="state() === 'queued' ? 'indeterminate' : 'determinate'"
          [value]="percent()"
          [attr.aria-label]="labelKey() | t"
        />
      }
      @if (state() === 'failed' && error()) {
        <p class="mz-banner mz-banner-error" role="alert">
          <span>{{ error() }}</span>
        </p>
      }
      <ng-content />
    </div>
  `,
  styles: `
    .job-status {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 8px;
    }
    .ok {
      color: #1b6b35;
    }
    .bad {
      color: var(--mat-sys-error);
    }
  `,
})
export class JobProgressComponent {
  readonly state = input.required<BackgroundState>();
  /** 0 … 100. */
  readonly progress = input(0);
  readonly error = input<string | null>(null);
  /** What the job makes, for the progress bar's name, e.g. "Building the bank file". */
  readonly labelKey = input.required<TranslationKey>();
  readonly testId = input('job-progress');

  protected readonly percent = computed(() =>
    Math.max(0, Math.min(100, Math.round(this.progress()))),
  );

  protected readonly stateKey = computed<TranslationKey>(
    () => `job.state.${this.state()}`,
  );
}
