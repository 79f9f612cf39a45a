import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ScrollRegionComponent } from './scroll-region.component';

/**
 * A list page's table with what goes around it: the table in a named scroll region (see `mz-scroll-region`), the
 * empty state in its place when there are no rows, and a paginator under it.
 *
 *   <mz-table-frame [label]="'…caption' | t" [empty]="rows().length === 0">
 *     <table mat-table …>…</table>
 *     <mz-empty-state mzEmpty data-testid="…-empty" [title]="…" [body]="…" />
 *     <mat-paginator mzPaginator … />
 *   </mz-table-frame>
 *
 * Both are always rendered and only one is shown, so a table keeps its sort and focus while a filter empties it.
 */
@Component({
  selector: 'mz-table-frame',
  imports: [ScrollRegionComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-part" [class.gone]="empty()">
      <mz-scroll-region [label]="label()"><ng-content /></mz-scroll-region>
      <ng-content select="[mzPaginator]" />
    </div>
    <div class="empty-part" [class.gone]="!empty()">
      <ng-content select="[mzEmpty]" />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .gone {
      display: none;
    }
  `,
})
export class TableFrameComponent {
  /** The scroll region's name, already translated. */
  readonly label = input.required<string>();
  /** No rows: show the `[mzEmpty]` content instead of the table. */
  readonly empty = input(false);
}
