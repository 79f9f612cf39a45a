import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ENGAGEMENT_STATES, type EngagementState, type EngagementSummaryView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { type ColumnPlan, foldedColumns, injectViewportTier, shownColumns } from '../../../core/ui/viewport';
import { formatIsoDate } from '../../officer/shared/zones';
import { AuditApiService } from '../audit-api.service';
import { kindKey, scopeKindKey, stateKey, stateTone } from '../audit-labels';

type Column = 'engagement' | 'state' | 'kind' | 'period' | 'scope' | 'firm';
/** The engagement and its state stay on a phone; the rest is written under the title when it folds. */
const COLUMNS: ColumnPlan<Column> = [
  ['engagement', 'phone'],
  ['state', 'phone'],
  ['kind', 'tablet'],
  ['period', 'tablet'],
  ['scope', 'desktop'],
  ['firm', 'wide'],
];

/**
 * `/audit`: the engagements — an officer's (audit.plan) every one of the agency, an auditor's those they are named
 * on — filtered by state; "Plan an engagement" and the assurance overview for planners.
 */
@Component({
  selector: 'mz-audit-engagements-page',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    LoadingBarComponent,
    MatSelectModule,
    MatTableModule,
    NgTemplateOutlet,
    PageHeaderComponent,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../audit.scss'],
  template: `
    <mz-page-header [title]="'audit.page.title' | t" [intro]="(canPlan() ? 'audit.list.introPlanner' : 'audit.list.introAuditor') | t" headingTestId="audit-heading">
      @if (canPlan()) {
        <a mat-stroked-button routerLink="assurance" data-testid="audit-assurance-link"><mat-icon svgIcon="bar_chart" /> {{ 'audit.assurance.title' | t }}</a>
        <a mat-flat-button routerLink="plan" data-testid="audit-plan-link"><mat-icon svgIcon="add" /> {{ 'audit.list.plan' | t }}</a>
      }
    </mz-page-header>

    <div class="filters">
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'audit.list.filterState' | t }}</mat-label>
        <mat-select data-testid="audit-filter-state" [ngModel]="state()" (ngModelChange)="setState($event)">
          <mat-option value="">{{ 'audit.list.allStates' | t }}</mat-option>
          @for (s of states; track s) {
            <mat-option [value]="s">{{ stateKey(s) | t }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <p class="muted" role="status" aria-live="polite" data-testid="audit-count">
        @if (!loading()) {
          {{ 'audit.list.count' | tp: { count: total() } }}
        }
      </p>
    </div>

    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="audit-list-error" />

    @if (!problem()) {
      <mz-table-frame [label]="'audit.list.caption' | t" [empty]="!loading() && rows().length === 0">
        <table mat-table class="dense-table" data-testid="audit-engagements" [dataSource]="rows()">
          <ng-container matColumnDef="engagement">
            <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.list.engagement' | t }}</th>
            <td mat-cell *matCellDef="let e">
              <a [routerLink]="[e.id]" data-testid="audit-engagement-link"><bdi>{{ e.reference }}</bdi></a>
              <div><bdi>{{ e.title }}</bdi></div>
              @if (folded().size > 0) {
                <span class="details-line" data-testid="audit-engagement-details">
                  @if (folded().has('kind')) {
                    <span>{{ kindKey(e.kind) | t }}</span>
                  }
                  @if (folded().has('period')) {
                    <span class="nowrap"><ng-container *ngTemplateOutlet="periodCell; context: { $implicit: e }" /></span>
                  }
                  @if (folded().has('scope')) {
                    <span><ng-container *ngTemplateOutlet="scopeCell; context: { $implicit: e }" /></span>
                  }
                  @if (folded().has('firm')) {
                    <span><bdi>{{ e.firmName }}</bdi></span>
                  }
                </span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="state">
            <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.list.state' | t }}</th>
            <td mat-cell *matCellDef="let e">
              <mz-tone-badge [tone]="stateTone(e.state)" data-testid="audit-engagement-state">{{ stateKey(e.state) | t }}</mz-tone-badge>
            </td>
          </ng-container>
          <ng-container matColumnDef="kind">
            <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.list.kind' | t }}</th>
            <td mat-cell *matCellDef="let e">{{ kindKey(e.kind) | t }}</td>
          </ng-container>
          <ng-container matColumnDef="period">
            <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.list.period' | t }}</th>
            <td mat-cell *matCellDef="let e" class="nowrap"><ng-container *ngTemplateOutlet="periodCell; context: { $implicit: e }" /></td>
          </ng-container>
          <ng-container matColumnDef="scope">
            <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.list.scope' | t }}</th>
            <td mat-cell *matCellDef="let e"><ng-container *ngTemplateOutlet="scopeCell; context: { $implicit: e }" /></td>
          </ng-container>
          <ng-container matColumnDef="firm">
            <th mat-header-cell *matHeaderCellDef scope="col">{{ 'audit.list.firm' | t }}</th>
            <td mat-cell *matCellDef="let e">
              <bdi>{{ e.firmName }}</bdi>
              @if (e.leadAuditor) {
                <div class="muted"><bdi>{{ e.leadAuditor.name }}</bdi></div>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns()"></tr>
          <tr mat-row *matRowDef="let e; columns: columns()" data-testid="audit-engagement-row" [attr.data-engagement-id]="e.id"></tr>
        </table>
        <mz-empty-state
          mzEmpty
          data-testid="audit-empty"
          icon="fact_check"
          [title]="(state() ? 'audit.list.emptyFiltered' : 'audit.list.empty') | t"
          [body]="(canPlan() ? 'audit.list.emptyBodyPlanner' : 'audit.list.emptyBodyAuditor') | t"
        >
          @if (canPlan() && !state()) {
            <a mat-flat-button routerLink="plan">{{ 'audit.list.plan' | t }}</a>
          }
        </mz-empty-state>
      </mz-table-frame>
    }

    <ng-template #periodCell let-e>{{ date(e.periodFrom) }} – {{ date(e.periodTo) }}</ng-template>
    <ng-template #scopeCell let-e><span class="muted">{{ scopeKindKey(e.scope.kind) | t }}:</span> <bdi>{{ e.scope.name }}</bdi></ng-template>
  `,
})
export class AuditEngagementsPage {
  private readonly api = inject(AuditApiService);
  private readonly session = inject(SessionService);
  protected readonly i18n = inject(I18nService);
  private readonly tier = injectViewportTier();

  protected readonly states = ENGAGEMENT_STATES;
  protected readonly stateKey = stateKey;
  protected readonly stateTone = stateTone;
  protected readonly kindKey = kindKey;
  protected readonly scopeKindKey = scopeKindKey;

  protected readonly canPlan = computed(() => this.session.permissions().includes('audit.plan'));
  protected readonly columns = computed(() => shownColumns(COLUMNS, this.tier()));
  protected readonly folded = computed(() => new Set<Column>(foldedColumns(COLUMNS, this.tier())));
  protected readonly state = signal<EngagementState | ''>('');
  protected readonly rows = signal<EngagementSummaryView[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);

  constructor() {
    this.load();
  }

  protected setState(state: EngagementState | ''): void {
    this.state.set(state);
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.api.engagements(this.state() || null).subscribe({
      next: (page) => {
        this.rows.set(page.items);
        this.total.set(page.total);
        this.loading.set(false);
        this.problem.set(null);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected date(iso: string): string {
    return formatIsoDate(iso, this.i18n.locale());
  }
}
