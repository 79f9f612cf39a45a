import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { IconName } from '../icons/icons';

/**
 * What a list shows when it has nothing yet: an optional icon, a title, a sentence on what to do next, and
 * whatever action links or buttons the page projects below them. Put `data-testid` on the element itself.
 */
@Component({
  selector: 'mz-empty-state',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'mz-empty-state' },
  template: `
    @if (icon(); as name) {
      <mat-icon [svgIcon]="name" class="mz-empty-icon" />
    }
    <p class="mz-empty-title">{{ title() }}</p>
    @if (body(); as text) {
      <p class="mz-empty-body">{{ text }}</p>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class EmptyStateComponent {
  /** Already translated. */
  readonly title = input.required<string>();
  /** Already translated; left out when empty. */
  readonly body = input<string | null>(null);
  readonly icon = input<IconName | null>(null);
}
