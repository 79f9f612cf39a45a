import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type {
  GrantState,
  GrantSummaryView,
  GrantableDecisionView,
} from '@mizan/contracts';
import { forkJoin, of } from 'rxjs';
import { SessionService } from '../../core/auth/session.service';
import { toWebError } from '../../core/api/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { FormProblem } from '../../core/ui/form-problem.component';
import { FormProblemComponent } from '../../core/ui/form-problem.component';
import {
  financeProblem,
  ratingKey,
  stateLabel,
} from '../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { TranslatePluralPipe } from '../../core/i18n/translate-plural.pipe';
import { StateChipComponent } from '../../shared/finance/state-chip.component';
import { GrantsApiService } from './grants-api.service';
import { EmptyStateComponent } from '../../core/ui/empty-state.component';
import { PageHeaderComponent } from '../../core/ui/page-header.component';
import { ScrollRegionComponent } from '../../core/ui/scroll-region.component';
import { AuditReadonlyNoteComponent } from '../../core/ui/audit-readonly-note.component';

const STATES: readonly GrantState[] = [
  'draft',
  'awaiting_signature',
  'awaiting_countersignature',
  'active',
  'suspended',
  'closed',
  'cancelled',
];

/** The officer's grants: confirmed approvals ready to become grants, and the grants with their state. */
@Component({
  selector: 'mz-grants-list',
  imports: [
    AuditReadonlyNoteComponent,
    ScrollRegionComponent,
    PageHeaderComponent,
    EmptyStateComponent,
    FormProblemComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MoneyTextComponent,
    RouterLink,
    StateChipComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './grants-list.component.html',
  styleUrls: ['../officer/shared/officer-page.scss', './grants.scss'],
})
export class GrantsListComponent {
  private readonly api = inject(GrantsApiService);
  private readonly router = inject(Router);
  private readonly sessions = inject(SessionService);
  protected readonly i18n = inject(I18nService);

  protected readonly grants = signal<GrantSummaryView[]>([]);
  protected readonly grantable = signal<GrantableDecisionView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly creating = signal<string | null>(null);
  protected readonly states = STATES;
  protected readonly stateFilter = signal<GrantState | 'all'>('all');
  protected readonly search = signal('');
  protected readonly ratingKey = ratingKey;

  protected readonly shown = computed(() => {
    const state = this.stateFilter();
    const text = this.search().trim().toLocaleLowerCase();
    return this.grants().filter(
      (g) =>
        (state === 'all' || g.state === state) &&
        (text === '' ||
          `${g.grantNumber} ${g.title} ${g.organizationName}`
            .toLocaleLowerCase()
            .includes(text)),
    );
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    // Only those who create grants ask for the decisions waiting for one (an auditor reads the list, read-only).
    const grantable = this.sessions.permissions().includes('grant.manage') ? this.api.grantable() : of([]);
    forkJoin([this.api.list(), grantable]).subscribe({
      next: ([grants, grantable]) => {
        this.grants.set(grants);
        this.grantable.set(grantable);
        this.loading.set(false);
        this.problem.set(null);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(financeProblem(toWebError(error)));
      },
    });
  }

  protected stateText(state: GrantState): string {
    return stateLabel(this.i18n, 'grant', state);
  }

  protected date(iso: string | null): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  protected create(decision: GrantableDecisionView): void {
    if (this.creating()) return;
    this.creating.set(decision.decisionId);
    this.problem.set(null);
    this.api.createFromDecision(decision.decisionId, {}).subscribe({
      next: (grant) => {
        this.creating.set(null);
        void this.router.navigate(['/officer/grants', grant.id]);
      },
      error: (error: unknown) => {
        this.creating.set(null);
        this.problem.set(financeProblem(toWebError(error)));
      },
    });
  }
}
