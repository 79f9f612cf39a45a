import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { MonitoredGrantSummary } from '@mizan/contracts';
import { IRAQ_GOVERNORATES } from '@mizan/domain';
import { catchError, of } from 'rxjs';
import { errorMessage, toWebError } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../core/ui/form-problem.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { MonitoringApiService } from './monitoring-api.service';
import { levelKey, levelTone, statusTone } from './monitoring-labels';
import { localTodayIso } from '../../core/ui/local-date';

/** A monitor's home: the grants assigned to them, with their level and monitoring status. */
@Component({
  selector: 'mz-monitor-grants',
  imports: [EmptyStateComponent, FormProblemComponent, MatProgressBarModule, PageHeaderComponent, RouterLink, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="'monitoring.mine.title' | t" [intro]="'monitoring.mine.intro' | t" headingTestId="monitor-grants-heading" />
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
    }
    <mz-form-problem [problem]="problem()" testId="monitor-grants-error" />
    @if (!loading() && grants().length === 0) {
      <mz-empty-state icon="description" [title]="'monitoring.mine.empty' | t" [body]="'monitoring.mine.emptyBody' | t" />
    }
    <ul class="grants" data-testid="monitor-grants">
      @for (g of grants(); track g.grantId) {
        <li class="card">
          <a [routerLink]="['/monitor/grants', g.grantId]" data-testid="monitor-grant-link"><bdi>{{ g.grantNumber }}</bdi> — <bdi>{{ g.title }}</bdi></a>
          <p>
            <bdi>{{ g.organizationName }}</bdi>
            @if (g.governorate) {
              · {{ governorate(g.governorate) }}
            }
          </p>
          <p>
            <mz-tone-badge [tone]="levelTone(g.status.level)">{{ levelKey(g.status.level) | t }}</mz-tone-badge>
            @if (g.status.overdue) {
              <mz-tone-badge tone="bad">{{ 'monitoring.status.overdue' | t: { days: g.status.daysOverdue } }}</mz-tone-badge>
            } @else {
              <mz-tone-badge [tone]="tone(g)">{{ 'monitoring.status.dueOn' | t: { date: i18n.formatDate(g.status.nextDueOn) } }}</mz-tone-badge>
            }
          </p>
        </li>
      }
    </ul>
  `,
  styles: `
    .grants {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 12px;
    }
    .grants li {
      padding: 12px 16px;
    }
  `,
})
export class MonitorGrantsComponent {
  protected readonly levelKey = levelKey;
  private readonly api = inject(MonitoringApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly grants = signal<MonitoredGrantSummary[]>([]);
  protected readonly levelTone = levelTone;

  constructor() {
    this.api
      .myGrants()
      .pipe(
        catchError((error: unknown) => {
          this.problem.set(errorMessage(toWebError(error)));
          return of([] as MonitoredGrantSummary[]);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((grants) => {
        this.loading.set(false);
        this.grants.set(grants);
      });
  }

  protected tone(g: MonitoredGrantSummary) {
    return statusTone(g.status, localTodayIso());
  }

  protected governorate(code: string): string {
    const g = IRAQ_GOVERNORATES.find((x) => x.code === code);
    if (!g) return code;
    return this.i18n.lang() === 'ar' ? g.ar : g.en;
  }
}
