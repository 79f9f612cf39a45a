import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import type { ReportDueView } from '@mizan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorMessage, toWebError } from '../../../../core/api/api-error';
import { SessionService } from '../../../../core/auth/session.service';
import type { TranslationKey } from '../../../../core/i18n/catalog';
import { I18nService } from '../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../../../core/ui/form-problem.component';
import { ToneBadgeComponent, type Tone } from '../../../../core/ui/tone-badge.component';
import { OfflineLinesService } from './offline-lines.service';
import { ReportingApiService } from './reporting-api.service';

/** What a schedule item is now, for its badge: due, overdue, submitted, accepted (or returned / cancelled). */
export function dueBadge(due: ReportDueView): { key: TranslationKey; tone: Tone } {
  if (due.report?.state === 'returned') return { key: 'reporting.schedule.state.returned', tone: 'warn' };
  if (due.state === 'accepted') return { key: 'reporting.schedule.state.accepted', tone: 'good' };
  if (due.state === 'submitted') return { key: 'reporting.schedule.state.submitted', tone: 'info' };
  if (due.state === 'cancelled') return { key: 'reporting.schedule.state.cancelled', tone: 'neutral' };
  return due.overdue ? { key: 'reporting.schedule.state.overdue', tone: 'bad' } : { key: 'reporting.schedule.state.due', tone: 'neutral' };
}

/**
 * The Reporting section of the grantee's grant page: the reporting schedule
 * with a badge per report (due, overdue, submitted, accepted) and "open
 * report". Members of the organization open a report; partners reach the ones open.
 */
@Component({
  selector: 'mz-grant-reporting',
  imports: [FormProblemComponent, MatButtonModule, MatIconModule, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="section" aria-labelledby="reporting-heading" data-testid="grant-reporting">
      <h2 class="mz-section-title" id="reporting-heading">{{ 'reporting.schedule.title' | t }}</h2>
      @if (offline.waitingCount(); as waiting) {
        <p class="mz-banner mz-banner-info" data-testid="reporting-waiting">{{ 'reporting.offline.waiting' | t: { count: waiting } }}</p>
      }
      <mz-form-problem [problem]="problem()" testId="reporting-error" />
      @if (dues().length === 0 && !loading()) {
        <p class="muted">{{ 'reporting.schedule.empty' | t }}</p>
      }
      <ul class="dues">
        @for (due of dues(); track due.id) {
          <li class="due" [attr.data-testid]="'due-' + due.id">
            <div class="due-main">
              <strong>{{ (due.kind === 'final' ? 'reporting.schedule.final' : 'reporting.schedule.interim') | t }}</strong>
              <span class="muted">{{ 'reporting.schedule.period' | t: { from: i18n.formatDate(due.periodFrom), to: i18n.formatDate(due.periodTo) } }}</span>
              <span>{{ 'reporting.schedule.dueOn' | t: { date: i18n.formatDate(due.dueOn) } }}</span>
              @if (due.overdue && due.daysLate > 0) {
                <span class="late">{{ 'reporting.schedule.daysLate' | t: { count: due.daysLate } }}</span>
              }
            </div>
            <mz-tone-badge [tone]="badge(due).tone" [attr.data-testid]="'due-state-' + due.id">{{ badge(due).key | t }}</mz-tone-badge>
            @if (due.report || (canOpen() && due.state === 'due')) {
              <button mat-stroked-button type="button" [disabled]="opening() === due.id" [attr.data-testid]="'due-open-' + due.id" (click)="open(due)">
                <mat-icon svgIcon="description" /> {{ 'reporting.schedule.open' | t }}
              </button>
            }
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .dues {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 8px;
    }
    .due {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .due-main {
      display: flex;
      flex-direction: column;
      gap: 2px;
      flex: 1 1 200px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .late {
      color: var(--mat-sys-error);
    }
  `,
})
export class GrantReportingComponent implements OnInit {
  private readonly api = inject(ReportingApiService);
  private readonly router = inject(Router);
  private readonly sessions = inject(SessionService);
  protected readonly offline = inject(OfflineLinesService);
  protected readonly i18n = inject(I18nService);

  readonly grantId = input.required<string>();

  protected readonly dues = signal<ReportDueView[]>([]);
  protected readonly loading = signal(true);
  protected readonly opening = signal<string | null>(null);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly canOpen = computed(() => this.sessions.permissions().includes('grant.own'));
  protected readonly badge = dueBadge;

  async ngOnInit(): Promise<void> {
    try {
      this.dues.set(await firstValueFrom(this.api.schedule(this.grantId())));
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    } finally {
      this.loading.set(false);
    }
  }

  protected async open(due: ReportDueView): Promise<void> {
    this.opening.set(due.id);
    try {
      const reportId = due.report?.id ?? (await firstValueFrom(this.api.openReport(this.grantId(), due.id))).id;
      await this.router.navigate(['/my-grants', this.grantId(), 'reports', reportId]);
    } catch (error) {
      this.problem.set(errorMessage(toWebError(error)));
    } finally {
      this.opening.set(null);
    }
  }
}
