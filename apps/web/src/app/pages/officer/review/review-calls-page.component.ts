import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { CallView } from '@mizan/contracts';
import {
  Subject,
  catchError,
  forkJoin,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ProgramsApiService } from '../programs/programs-api.service';
import { formatMoney } from '../shared/money';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatInZone } from '../shared/zones';
import { type ReviewCallItem, reviewCalls } from './review-calls';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

/** Every program's calls that are in review or may be, with their envelopes: the way into a call's desk. */
@Component({
  selector: 'mz-review-calls-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review-calls-page.component.html',
  styleUrls: ['../shared/officer-page.scss'],
  styles: `
    .call-list {
      list-style: none;
      padding: 0;
    }
    .call-card {
      height: 100%;
    }
    .call-title {
      font: var(--mat-sys-title-medium);
      margin: 8px 0;
    }
    .call-actions {
      margin-block-start: 12px;
    }
  `,
})
export class ReviewCallsPageComponent {
  private readonly programs = inject(ProgramsApiService);
  protected readonly i18n = inject(I18nService);

  protected readonly items = signal<ReviewCallItem[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ReturnType<typeof errorMessage> | null>(
    null,
  );
  protected readonly announcement = signal('');
  private readonly reloads = new Subject<void>();

  constructor() {
    this.reloads
      .pipe(
        startWith(undefined),
        switchMap(() => {
          this.loading.set(true);
          this.problem.set(null);
          return this.programs.listPrograms().pipe(
            switchMap((programs) =>
              programs.length === 0
                ? of([] as CallView[][])
                : forkJoin(programs.map((p) => this.programs.listCalls(p.id))),
            ),
            map((lists) => ({ calls: lists.flat(), error: null })),
            catchError((error: unknown) =>
              of({ calls: null, error: toWebError(error) }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ calls, error }) => {
        this.loading.set(false);
        if (calls) {
          const items = reviewCalls(calls, new Date());
          this.items.set(items);
          this.announcement.set(
            this.i18n.t('board.calls.loaded', {
              count: this.i18n.formatNumber(items.length),
            }),
          );
        } else if (error) {
          this.problem.set(errorMessage(error));
        }
      });
  }

  protected reload(): void {
    this.reloads.next();
  }

  protected envelope(call: CallView): string {
    return formatMoney(call.envelopeMinor, call.currency, this.i18n.locale());
  }

  protected closes(call: CallView): string {
    return formatInZone(call.closesAt, call.timeZone, this.i18n.locale());
  }
}
