import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { KeysetPage, ReportDueListItemView } from '@mizan/contracts';
import { forkJoin } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { KeysetPaginatorComponent, type KeysetRequest } from '../../../core/ui/keyset-paginator.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { OfficerReportsApiService } from './officer-reports-api.service';

/**
 * The officer's reports: submitted reports awaiting verification (each opens
 * its verification page) and reports past their due date (who is late, by how
 * many days; each opens its grant).
 */
@Component({
  selector: 'mz-officer-reports',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    KeysetPaginatorComponent,
    MatProgressBarModule,
    MoneyTextComponent,
    PageHeaderComponent,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './officer-reports.component.html',
  styleUrls: ['../shared/officer-page.scss', '../../grants/grants.scss'],
})
export class OfficerReportsComponent {
  private readonly api = inject(OfficerReportsApiService);
  protected readonly i18n = inject(I18nService);

  protected readonly submittedPage = signal<KeysetPage<ReportDueListItemView> | null>(null);
  protected readonly latePage = signal<KeysetPage<ReportDueListItemView> | null>(null);
  protected readonly submitted = computed(() => this.submittedPage()?.items ?? []);
  protected readonly late = computed(() => this.latePage()?.items ?? []);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);

  constructor() {
    forkJoin([this.api.list('submitted'), this.api.list('overdue')]).subscribe({
      next: ([submitted, late]) => {
        this.submittedPage.set(submitted);
        this.latePage.set(late);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  /** The paginator of one of the two lists asked for another page. */
  protected goTo(which: 'submitted' | 'overdue', request: KeysetRequest): void {
    this.loading.set(true);
    this.api.list(which, request).subscribe({
      next: (page) => {
        (which === 'submitted' ? this.submittedPage : this.latePage).set(page);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected date(iso: string | null): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }
}
