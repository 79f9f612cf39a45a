import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import type { CallView } from '@mizan/contracts';
import { catchError, map, of, switchMap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { CallDecisionsComponent } from '../decisions/call-decisions.component';
import { ProgramsApiService } from '../programs/programs-api.service';
import { formatMoney } from '../shared/money';
import { BoardTabComponent } from './board-tab.component';
import {
  type BoardFilter,
  boardFilterFromParams,
  boardFilterParams,
  isolate,
} from './board';
import { ChartsTabComponent } from './charts-tab.component';
import { ReviewersTabComponent } from './reviewers-tab.component';

export const DESK_TABS = ['board', 'reviewers', 'charts', 'decisions'] as const;
export type DeskTab = (typeof DESK_TABS)[number];

/** A call's review desk: the board, the reviewers, the charts and the decisions, one tab each. */
@Component({
  selector: 'mz-review-desk-page',
  imports: [
    BoardTabComponent,
    CallDecisionsComponent,
    ChartsTabComponent,
    MatIconModule,
    MatTabsModule,
    ReviewersTabComponent,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review-desk-page.component.html',
  styleUrls: ['../shared/officer-page.scss'],
  styles: `
    .call-meta {
      margin: 0 0 8px;
    }
    .tab-body {
      padding-block: 16px;
    }
    /* On a phone the four tabs fit side by side instead of hiding behind pagination arrows. */
    @media (max-width: 599px) {
      :host ::ng-deep .desk-tabs .mat-mdc-tab {
        min-width: 0;
        padding-inline: 8px;
        flex: 1 1 auto;
      }
    }
  `,
})
export class ReviewDeskPageComponent {
  private readonly programs = inject(ProgramsApiService);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);

  /** Route parameter. */
  readonly callId = input.required<string>();
  /** Query parameters: the open tab and the board's sort and filters. */
  readonly tab = input<string>();
  readonly sort = input<string>();
  readonly dir = input<string>();
  readonly disagreement = input<string>();
  readonly line = input<string>();
  readonly state = input<string>();

  protected readonly tabs = DESK_TABS;
  protected readonly call = signal<CallView | null>(null);
  protected readonly callProblem = signal<ReturnType<
    typeof errorMessage
  > | null>(null);

  protected readonly tabIndex = computed(() =>
    Math.max(0, DESK_TABS.indexOf((this.tab() ?? 'board') as DeskTab)),
  );
  protected readonly filter = computed(() =>
    boardFilterFromParams({
      sort: this.sort(),
      dir: this.dir(),
      disagreement: this.disagreement(),
      line: this.line(),
      state: this.state(),
    }),
  );

  constructor() {
    toObservable(this.callId)
      .pipe(
        switchMap((id) =>
          this.programs.getCall(id).pipe(
            map((call) => ({ call, error: null })),
            catchError((error: unknown) =>
              of({ call: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ call, error }) => {
        this.call.set(call);
        this.callProblem.set(error ? errorMessage(error) : null);
      });
  }

  protected envelope(call: CallView): string {
    return isolate(
      formatMoney(call.envelopeMinor, call.currency, this.i18n.locale()),
    );
  }

  protected selectTab(index: number): void {
    const tab = DESK_TABS[index] ?? 'board';
    void this.router.navigate([], {
      queryParams: { tab: tab === 'board' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected setFilter(filter: BoardFilter): void {
    void this.router.navigate([], {
      queryParams: boardFilterParams(filter),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected tabKey(tab: DeskTab) {
    return `board.tab.${tab}` as const;
  }
}
