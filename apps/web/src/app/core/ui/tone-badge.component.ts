import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { IconName } from '../icons/icons';

export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

const TONE_ICONS: Readonly<Record<Tone, IconName | null>> = {
  good: 'check_circle',
  warn: 'warning',
  bad: 'error',
  info: null,
  neutral: null,
};

/** A compact status label: colour and icon for the eye, the text for everyone. */
@Component({
  selector: 'mz-tone-badge',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span [class]="'badge tone-' + tone()">
      @if (icon(); as name) {
        <mat-icon [svgIcon]="name" class="badge-icon" />
      }
      <span class="badge-text"><ng-content /></span>
    </span>
  `,
  styles: `
    :host {
      display: inline-block;
      vertical-align: middle;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 1px 8px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      border: 1px solid transparent;
    }
    .badge-icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
    }
    .tone-good {
      background: #e6f4ea;
      color: #0b3d1c;
      border-color: #6fbf8a;
    }
    .tone-warn {
      background: #fff4e5;
      color: #4d2e00;
      border-color: #e0a040;
    }
    .tone-bad {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border-color: var(--mat-sys-error);
      font-weight: 600;
    }
    .tone-info {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .tone-neutral {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class ToneBadgeComponent {
  readonly tone = input<Tone>('neutral');
  protected icon(): IconName | null {
    return TONE_ICONS[this.tone()];
  }
}
