import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18nService } from '../../../core/i18n/i18n.service';

/** A score 0..1 in the locale's digits, two to four decimals (0.8250 → "0.825"; in Arabic "٠٫٨٢٥"). */
export function formatScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(score);
}

/**
 * A score as a bar for the eye and the number for everyone (the bar is hidden from screen readers, the number is
 * text); with `threshold`, a tick where a potential match starts. `strong` colours the bar when the score is at
 * or above the threshold.
 */
@Component({
  selector: 'mz-score-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="track" aria-hidden="true">
      <span class="fill" [class.strong]="strong()" [style.inline-size.%]="percent()"></span>
      @if (thresholdPercent() !== null) {
        <span class="tick" [style.inset-inline-start.%]="thresholdPercent()"></span>
      }
    </span>
    <span class="value" [attr.data-testid]="testId()">{{ text() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      min-inline-size: 120px;
    }
    .track {
      position: relative;
      display: inline-block;
      inline-size: 72px;
      block-size: 8px;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-highest);
      overflow: hidden;
      flex: none;
    }
    .fill {
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
      background: var(--mat-sys-primary);
    }
    .fill.strong {
      background: var(--mat-sys-error);
    }
    .tick {
      position: absolute;
      inset-block: 0;
      inline-size: 2px;
      background: var(--mat-sys-on-surface);
    }
    .value {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class ScoreBarComponent {
  private readonly i18n = inject(I18nService);
  /** 0..1 */
  readonly score = input.required<number>();
  readonly threshold = input<number | null>(null);
  readonly testId = input<string | null>(null);
  protected readonly percent = computed(() => Math.max(0, Math.min(100, this.score() * 100)));
  protected readonly thresholdPercent = computed(() => {
    const t = this.threshold();
    return t === null ? null : Math.max(0, Math.min(100, t * 100));
  });
  protected readonly strong = computed(() => {
    const t = this.threshold();
    return t !== null && this.score() >= t;
  });
  protected readonly text = computed(() => formatScore(this.score(), this.i18n.locale()));
}
