import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ApplicationSummaryView, CallView } from '@mizan/contracts';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { toWebError, type WebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ApplicationsApiService } from '../shared/applications-api.service';
import { deadlineInCallZone } from '../shared/dates';
import { stateKey, stateTone } from '../shared/labels';
import { formatMoney } from '../shared/money';
import { problemOf } from '../shared/problem';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

export type ApplicationsMode = 'applicant' | 'partner';

/** "My applications" (applicant) or the applications naming my partner organization (partner, read-only). */
@Component({
  selector: 'mz-applications-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './applications-page.component.html',
  styleUrls: ['../shared/intake.scss', './applications-page.component.scss'],
})
export class ApplicationsPageComponent {
  private readonly api = inject(ApplicationsApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  /** Route data. */
  readonly mode = input<ApplicationsMode>('applicant');

  protected readonly applications = signal<ApplicationSummaryView[]>([]);
  protected readonly calls = signal<ReadonlyMap<string, CallView>>(new Map());
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });
  protected readonly base = computed(() =>
    this.mode() === 'partner' ? '/partner/applications' : '/my-applications',
  );
  protected readonly stateKey = stateKey;
  protected readonly stateTone = stateTone;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .list()
      .pipe(
        switchMap((list) => {
          // Deadlines come with the calls; partners cannot read calls, so they go without.
          const ids = [...new Set(list.map((a) => a.callId))];
          if (this.mode() === 'partner' || ids.length === 0)
            return of({ list, calls: [] as CallView[] });
          return forkJoin(
            ids.map((id) => this.api.call(id).pipe(catchError(() => of(null)))),
          ).pipe(
            map((calls) => ({
              list,
              calls: calls.filter((c): c is CallView => c !== null),
            })),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ list, calls }) => {
          this.applications.set(list);
          this.calls.set(new Map(calls.map((c) => [c.id, c])));
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  protected money(a: ApplicationSummaryView): string {
    return formatMoney(a.requestedMinor, a.currency, this.i18n.locale());
  }

  protected deadline(a: ApplicationSummaryView): string | null {
    const call = this.calls().get(a.callId);
    return call
      ? deadlineInCallZone(call.closesAt, call.timeZone, this.i18n.locale())
      : null;
  }
}
