import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { ActivatedRoute, Router } from '@angular/router';
import type { AuditFindingView, EngagementView } from '@mizan/contracts';
import { catchError, forkJoin, map, of } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { FieldworkApiService, scopeGrantOptions } from '../fieldwork-api.service';
import { FindingDetailComponent } from './finding-detail.component';
import { FindingFormDialogComponent, type FindingFormData } from './finding-form-dialog.component';
import { actionStateKey, actionStateTone, engagementCurrency, engagementIdOf, findingTitle, priorityKey, priorityTone } from './finding-labels';

/**
 * The workspace's FINDINGS tab: every finding of the engagement (number, title, grant, priority, amounts, action
 * state, whether it blocks the grant's next tranche), and the chosen one in full with its responses and the steps
 * the reader may take. The auditor raises and edits findings here; officers respond, confirm refunds and check.
 */
@Component({
  selector: 'mz-audit-findings-page',
  imports: [
    EmptyStateComponent,
    FindingDetailComponent,
    FormProblemComponent,
    MatButtonModule,
    MatIconModule,
    LoadingBarComponent,
    MoneyTextComponent,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <h2 class="mz-section-title" data-testid="findings-heading">
        {{ 'audit.findings.title' | t }}
        @if (engagement(); as e) {
          <span class="muted"> · <bdi dir="ltr" class="mz-code">{{ e.reference }}</bdi> · <bdi>{{ e.title }}</bdi></span>
        }
      </h2>
      @if (canRaise()) {
        <button mat-flat-button type="button" data-testid="finding-raise" (click)="raise()" [disabled]="opening()">
          <mat-icon svgIcon="add" />
          {{ 'audit.findings.raise' | t }}
        </button>
      }
    </div>
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="findings-error" />

    @if (!loading() && !problem()) {
      <p class="muted" role="status" data-testid="findings-count">
        {{ 'audit.findings.count' | tp: { count: findings().length, blocking: blocking() } }}
      </p>
      <mz-table-frame [label]="'audit.findings.caption' | t" [empty]="findings().length === 0">
        <table class="simple-table" data-testid="findings-table">
          <caption class="mz-visually-hidden">{{ 'audit.findings.caption' | t }}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">{{ 'audit.findings.col.number' | t }}</th>
              <th scope="col">{{ 'audit.findings.col.title' | t }}</th>
              <th scope="col">{{ 'audit.findings.col.grant' | t }}</th>
              <th scope="col">{{ 'audit.findings.col.priority' | t }}</th>
              <th scope="col" class="num">{{ 'audit.findings.col.affected' | t }}</th>
              <th scope="col" class="num">{{ 'audit.findings.col.ineligible' | t }}</th>
              <th scope="col">{{ 'audit.findings.col.action' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (f of findings(); track f.id) {
              <tr data-testid="finding-row" [attr.data-finding-id]="f.id" [class.chosen]="f.id === selectedId()">
                <td class="num">{{ f.number }}</td>
                <td>
                  <button type="button" class="link-button" data-testid="finding-open" [attr.aria-pressed]="f.id === selectedId()" (click)="select(f.id)">
                    {{ title(f) }}
                  </button>
                  @if (f.blocksTranche) {
                    <span class="blocks" data-testid="finding-row-blocks">
                      <mz-tone-badge tone="bad">{{ 'audit.findings.blocksTranche' | t }}</mz-tone-badge>
                    </span>
                  }
                </td>
                <td><bdi dir="ltr" class="mz-code">{{ f.grantNumber }}</bdi></td>
                <td><mz-tone-badge [tone]="priorityTone(f.priority)">{{ priorityKey(f.priority) | t }}</mz-tone-badge></td>
                <td class="num"><mz-money-text [minor]="f.affectedMinor" [currency]="f.currency" /></td>
                <td class="num"><mz-money-text [minor]="f.ineligibleMinor" [currency]="f.currency" /></td>
                <td><mz-tone-badge [tone]="actionStateTone(f.actionState)">{{ actionStateKey(f.actionState) | t }}</mz-tone-badge></td>
              </tr>
            }
          </tbody>
        </table>
        <mz-empty-state mzEmpty data-testid="findings-empty" icon="fact_check" [title]="'audit.findings.emptyTitle' | t" [body]="'audit.findings.emptyBody' | t" />
      </mz-table-frame>

      @if (selected(); as f) {
        <section class="panel" aria-labelledby="finding-detail-heading" data-testid="finding-detail">
          <div class="panel-head">
            <h3 class="panel-title" id="finding-detail-heading" tabindex="-1">{{ f.number }}. {{ title(f) }}</h3>
            @if (f.actions.includes('edit')) {
              <button mat-stroked-button type="button" data-testid="finding-edit" (click)="edit(f)" [disabled]="opening()">
                <mat-icon svgIcon="edit" />
                {{ 'audit.findings.edit' | t }}
              </button>
            }
          </div>
          <p class="muted">{{ 'audit.findings.raisedBy' | t: { who: f.raisedBy.name, when: date(f.raisedAt) } }}</p>
          <mz-finding-detail [finding]="f" (changed)="reloadOne(f.id)" />
        </section>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .simple-table {
      width: 100%;
      border-collapse: collapse;
    }
    .simple-table th,
    .simple-table td {
      padding: 8px;
      text-align: start;
      vertical-align: top;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .simple-table th {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .simple-table .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    tr.chosen {
      background: var(--mat-sys-surface-container-high);
    }
    .link-button {
      background: none;
      border: none;
      padding: 4px 0;
      min-height: 32px;
      font: inherit;
      color: var(--mat-sys-primary);
      text-decoration: underline;
      cursor: pointer;
      text-align: start;
    }
    .blocks {
      display: block;
      margin-block-start: 4px;
    }
    .panel {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin-block: 16px;
    }
    .panel-head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      justify-content: space-between;
    }
    .panel-title {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
  `,
})
export class AuditFindingsPage {
  protected readonly priorityKey = priorityKey;
  protected readonly priorityTone = priorityTone;
  protected readonly actionStateKey = actionStateKey;
  protected readonly actionStateTone = actionStateTone;

  private readonly api = inject(FieldworkApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly engagementId = engagementIdOf(this.route);
  protected readonly engagement = signal<EngagementView | null>(null);
  protected readonly findings = signal<AuditFindingView[]>([]);
  protected readonly selectedId = signal<string | null>(this.route.snapshot.queryParamMap.get('finding'));
  protected readonly loading = signal(true);
  protected readonly opening = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);

  protected readonly selected = computed(() => this.findings().find((f) => f.id === this.selectedId()) ?? null);
  protected readonly blocking = computed(() => this.findings().filter((f) => f.blocksTranche).length);
  protected readonly canRaise = computed(() => this.engagement()?.actions.includes('raise_finding') ?? false);

  constructor() {
    this.load();
  }

  protected title(f: AuditFindingView): string {
    return findingTitle(f, (key) => this.i18n.t(key));
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected select(findingId: string): void {
    this.selectedId.set(findingId);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { finding: findingId }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private load(): void {
    const id = this.engagementId;
    if (!id) {
      this.loading.set(false);
      return;
    }
    forkJoin({ engagement: this.api.engagement(id), findings: this.api.findings(id) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ engagement, findings }) => {
          this.engagement.set(engagement);
          this.findings.set(findings);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problem.set(errorMessage(toWebError(error)));
        },
      });
  }

  /** After a step on one finding: read it (and the engagement's allowed actions) again. */
  protected reloadOne(findingId: string): void {
    const id = this.engagementId;
    if (!id) return;
    forkJoin({ engagement: this.api.engagement(id), finding: this.api.finding(id, findingId) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ engagement, finding }) => {
          this.engagement.set(engagement);
          this.findings.update((list) => list.map((f) => (f.id === finding.id ? finding : f)));
        },
        error: (error: unknown) => this.problem.set(errorMessage(toWebError(error))),
      });
  }

  protected raise(): void {
    this.openForm(undefined);
  }

  protected edit(finding: AuditFindingView): void {
    this.openForm(finding);
  }

  private openForm(finding: AuditFindingView | undefined): void {
    const id = this.engagementId;
    if (!id || this.opening()) return;
    this.opening.set(true);
    this.api
      .scopeGrants(id)
      .pipe(
        map(scopeGrantOptions),
        catchError(() => of([])),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((grants) => {
        this.opening.set(false);
        const data: FindingFormData = { engagementId: id, currency: finding?.currency ?? engagementCurrency(this.engagement(), this.findings()), grants, finding };
        this.dialog
          .open<FindingFormDialogComponent, FindingFormData, AuditFindingView>(FindingFormDialogComponent, { data, width: '720px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
          .afterClosed()
          .subscribe((saved) => {
            if (!saved) return;
            this.notifier.notify(this.i18n.t(finding ? 'audit.findings.saved' : 'audit.findings.raised', { number: saved.number }));
            this.findings.update((list) => (list.some((f) => f.id === saved.id) ? list.map((f) => (f.id === saved.id ? saved : f)) : [...list, saved]));
            this.select(saved.id);
          });
      });
  }
}
