import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { SecurityLevelHistoryView } from '@mizan/contracts';
import { catchError, of } from 'rxjs';
import { errorMessage, toWebError } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import type { FormProblem } from '../../core/ui/form-problem.component';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import { ToneBadgeComponent } from '../../core/ui/tone-badge.component';
import { MonitoringApiService } from './monitoring-api.service';
import { levelKey, levelTone } from './monitoring-labels';

/** The security-level history of one governorate, newest first. */
@Component({
  selector: 'mz-level-history-dialog',
  imports: [EmptyStateComponent, FormProblemComponent, MatButtonModule, MatDialogModule, MatProgressBarModule, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'monitoring.history.title' | t: { name: data.name } }}</h2>
    <mat-dialog-content>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
      }
      <mz-form-problem [problem]="problem()" testId="history-error" />
      @if (history(); as h) {
        @if (h.entries.length === 0) {
          <mz-empty-state icon="history" [title]="'monitoring.history.empty' | t" />
        } @else {
          <ol class="history" data-testid="level-history">
            @for (e of h.entries; track e.id) {
              <li>
                <mz-tone-badge [tone]="tone(e.level)">{{ levelKey(e.level) | t }}</mz-tone-badge>
                <span>{{ 'monitoring.history.from' | t: { date: i18n.formatDate(e.effectiveOn) } }}</span>
                <p class="reason"><bdi>{{ e.reason }}</bdi></p>
                <p class="muted">{{ 'monitoring.history.setBy' | t: { name: e.setBy.name, at: i18n.formatDateTime(e.setAt) } }}</p>
              </li>
            }
          </ol>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.close' | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .history {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .history li {
      padding-block: 8px;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .reason {
      margin: 4px 0;
    }
  `,
})
export class LevelHistoryDialogComponent {
  protected readonly levelKey = levelKey;
  private readonly api = inject(MonitoringApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly data = inject<{ code: string; name: string }>(MAT_DIALOG_DATA);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly history = signal<SecurityLevelHistoryView | null>(null);
  protected readonly tone = levelTone;

  constructor() {
    this.api
      .history(this.data.code)
      .pipe(
        catchError((error: unknown) => {
          this.problem.set(errorMessage(toWebError(error)));
          return of(null);
        }),
        takeUntilDestroyed(),
      )
      .subscribe((history) => {
        this.loading.set(false);
        this.history.set(history);
      });
  }
}
