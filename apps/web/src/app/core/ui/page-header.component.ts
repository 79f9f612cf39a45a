import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A page's head: its one `<h1>` (isolated with `<bdi>`, a name may run the other way), an optional intro
 * sentence, and the page's main actions projected at the end (`<mz-page-header …><button …/></mz-page-header>`),
 * wrapping under the title on a narrow screen.
 */
@Component({
  selector: 'mz-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head-text">
      <h1 class="mz-page-title" [attr.data-testid]="headingTestId()"><bdi>{{ title() }}</bdi></h1>
      @if (intro(); as text) {
        <p class="mz-page-intro">{{ text }}</p>
      }
    </div>
    <div class="head-actions"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .head-text {
      min-width: 0;
    }
    .head-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .head-actions:empty {
      display: none;
    }
  `,
})
export class PageHeaderComponent {
  /** Already translated (or a name). */
  readonly title = input.required<string>();
  readonly intro = input<string | null>(null);
  readonly headingTestId = input<string | null>(null);
}
