import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { BoardRowView } from '@mizan/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';

/** Where a board row stands against the funding line: unranked, above (good) or below (warn). The board and the review page. */
@Component({
  selector: 'mz-funding-line',
  imports: [ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (row().rank === null) {
      <span class="muted">{{ 'board.row.unranked' | t }}</span>
    } @else if (row().aboveFundingLine) {
      <mz-tone-badge tone="good">{{ 'board.row.above' | t }}</mz-tone-badge>
    } @else {
      <mz-tone-badge tone="warn">{{ 'board.row.below' | t }}</mz-tone-badge>
    }
  `,
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class FundingLineComponent {
  readonly row = input.required<Pick<BoardRowView, 'rank' | 'aboveFundingLine'>>();
}
