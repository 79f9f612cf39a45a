import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { GrantSummaryView } from '@mizan/contracts';
import { toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { financeProblem } from '../../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { StateChipComponent } from '../../../shared/finance/state-chip.component';
import { GrantsApiService } from '../../grants/grants-api.service';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';

/** The grantee's (and partner's, read-only) grants, as cards that fit a phone. */
@Component({
  selector: 'mz-my-grants-page',
  imports: [
    PageHeaderComponent,
    EmptyStateComponent,
    FormProblemComponent,
    MatIconModule,
    MatProgressBarModule,
    MoneyTextComponent,
    RouterLink,
    StateChipComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../../grants/grants.scss'],
  template: `
    <mz-page-header [title]="'mygrants.title' | t" [intro]="'mygrants.intro' | t" headingTestId="my-grants-heading" />
    <div class="loading-slot">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
      }
    </div>
    <mz-form-problem [problem]="problem()" testId="my-grants-error" />
    @if (!loading()) {
      <p class="muted" role="status">{{ 'grants.list.count' | tp: { count: grants().length } }}</p>
      @if (grants().length === 0 && !problem()) {
        <mz-empty-state
          data-testid="my-grants-empty"
          icon="description"
          [title]="'mygrants.emptyTitle' | t"
          [body]="'mygrants.emptyBody' | t"
        />
      } @else {
        <ul class="cards" role="list">
          @for (g of grants(); track g.id) {
            <li class="card" data-testid="my-grant" [attr.data-grant-id]="g.id">
              <h2 class="card-title">
                <a [routerLink]="['/my-grants', g.id]" data-testid="my-grant-link"
                  ><bdi>{{ g.title }}</bdi></a
                >
              </h2>
              <p class="muted"><bdi dir="ltr" class="mz-code">{{ g.grantNumber }}</bdi> · <bdi>{{ g.organizationName }}</bdi></p>
              <p><mz-state-chip kind="grant" [state]="g.state" /></p>
              <p>
                {{ 'grants.col.amount' | t }}: <mz-money-text [minor]="g.amountMinor" [currency]="g.currency" /><br />
                {{ 'mygrants.received' | t }}: <mz-money-text [minor]="g.paidMinor" [currency]="g.currency" />
              </p>
              <p class="muted small">{{ date(g.startsOn) }} – {{ date(g.endsOn) }}</p>
            </li>
          }
        </ul>
      }
    }
  `,
})
export class MyGrantsPageComponent {
  private readonly api = inject(GrantsApiService);
  private readonly i18n = inject(I18nService);
  protected readonly grants = signal<GrantSummaryView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);

  constructor() {
    this.api.myGrants().subscribe({
      next: (grants) => {
        this.loading.set(false);
        this.grants.set(grants);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(financeProblem(toWebError(error)));
      },
    });
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }
}
