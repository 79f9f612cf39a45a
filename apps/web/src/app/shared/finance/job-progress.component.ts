import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { BackgroundState } from '@mizan/contracts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { StateChipComponent } from './state-chip.component';

/**
 * Where a background job (an agreement PDF, a bank file) stands: a labelled
 * progress bar while it is queued or running, its state in words, announced
 * politely when it changes. The page polls; this only shows.
 */
@Component({
  selector: 'mz-job-progress',
  imports: [MatProgressBarModule, StateChipComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="job" [attr.data-testid]="testId()" [attr.data-state]="state()">
      <mz-state-chip kind="job" [state]="state()" />
      @if (state() === 'queued' || state() === 'running') {
        <mat-progress-bar
          [mode]="state() === 'queued' ? 'query' : 'determinate'"
          [value]="percent()"
          [attr.aria-label]="'fin.job.progressLabel' | t"
          [attr.aria-valuetext]="valueText()"
          [attr.data-testid]="testId() + '-bar'"
        />
      }
      <span class="mz-visually-hidden" aria-live="polite">{{ valueText() }}</span>
    </div>
  `,
  styles: `
    .job {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    mat-progress-bar {
      flex: 1 1 10rem;
      min-width: 8rem;
    }
  `,
})
export class JobProgressComponent {
  private readonly i18n = inject(I18nService);
  readonly state = input.required<BackgroundState>();
  /** 0…100 as the worker reports it. */
  readonly progress = input(0);
  readonly testId = input('job-progress');
  protected readonly percent = computed(() =>
    Math.max(0, Math.min(100, Math.round(this.progress()))),
  );
  protected readonly valueText = computed(() => {
    switch (this.state()) {
      case 'queued':
        return this.i18n.t('fin.job.queued');
      case 'running':
        return this.i18n.t('fin.job.running', { percent: this.percent() });
      case 'done':
        return this.i18n.t('fin.job.done');
      default:
        return this.i18n.t('fin.job.failed');
    }
  });
}
