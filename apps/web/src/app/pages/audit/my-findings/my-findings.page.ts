import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { AuditFindingView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { FieldworkApiService } from '../fieldwork-api.service';
import { FindingDetailComponent } from '../findings/finding-detail.component';
import { actionStateKey, actionStateTone, findingTitle, priorityKey, priorityTone } from '../findings/finding-labels';

/**
 * The grantee's audit findings (members and partners of the grant; from the draft report on): one card each, made
 * for a phone — what was found, what is asked and by when, the refund due, the answers so far — and, as the finding
 * allows, a response and the completion of the agreed action (a note, and a file for a high-priority one).
 */
@Component({
  selector: 'mz-my-findings-page',
  imports: [
    EmptyStateComponent,
    FindingDetailComponent,
    FormProblemComponent,
    MatButtonModule,
    MatIconModule,
    LoadingBarComponent,
    MoneyTextComponent,
    PageHeaderComponent,
    ToneBadgeComponent,
    TranslatePipe,
    TranslatePluralPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mz-page-header [title]="'audit.myFindings.title' | t" [intro]="'audit.myFindings.intro' | t" headingTestId="my-findings-heading" />
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="my-findings-error" />
    @if (!loading() && !problem()) {
      @if (findings().length === 0) {
        <mz-empty-state data-testid="my-findings-empty" icon="fact_check" [title]="'audit.myFindings.emptyTitle' | t" [body]="'audit.myFindings.emptyBody' | t" />
      } @else {
        <p class="muted" role="status" data-testid="my-findings-count">{{ 'audit.myFindings.count' | tp: { count: findings().length, open: open() } }}</p>
        <ul class="cards" role="list">
          @for (f of findings(); track f.id) {
            <li class="card" data-testid="my-finding" [attr.data-finding-id]="f.id">
              <h2 class="card-title" [id]="'my-finding-title-' + f.id">{{ title(f) }}</h2>
              <p class="muted">
                <bdi dir="ltr" class="mz-code">{{ f.grantNumber }}</bdi> · <bdi>{{ f.grantTitle }}</bdi><br />
                {{ 'audit.myFindings.engagement' | t: { reference: f.engagementReference, number: f.number } }}
              </p>
              <div class="badges">
                <mz-tone-badge [tone]="priorityTone(f.priority)">{{ priorityKey(f.priority) | t }}</mz-tone-badge>
                <mz-tone-badge [tone]="actionStateTone(f.actionState)">{{ actionStateKey(f.actionState) | t }}</mz-tone-badge>
              </div>
              @if (f.actionDueOn && f.actionState === 'open') {
                <p class="due" data-testid="my-finding-due">{{ 'audit.myFindings.due' | t: { date: date(f.actionDueOn) } }}</p>
              }
              @if (f.refund.state === 'confirmed' && f.ineligibleMinor !== '0') {
                <p class="refund" data-testid="my-finding-refund">
                  {{ 'audit.myFindings.refundDue' | t }} <mz-money-text [minor]="f.ineligibleMinor" [currency]="f.currency" />
                </p>
              }
              @if (f.actions.length > 0) {
                <p class="todo" data-testid="my-finding-todo">
                  <mat-icon svgIcon="info" aria-hidden="true" />
                  {{ (f.actions.includes('complete') ? 'audit.myFindings.todoComplete' : 'audit.myFindings.todoRespond') | t }}
                </p>
              }
              <button
                mat-stroked-button
                type="button"
                class="toggle"
                data-testid="my-finding-toggle"
                [attr.aria-expanded]="isOpen(f.id)"
                [attr.aria-controls]="isOpen(f.id) ? 'my-finding-' + f.id : null"
                [attr.aria-describedby]="'my-finding-title-' + f.id"
                (click)="toggle(f.id)"
              >
                <mat-icon [svgIcon]="isOpen(f.id) ? 'expand_less' : 'expand_more'" />
                {{ (isOpen(f.id) ? 'audit.myFindings.hide' : 'audit.myFindings.show') | t }}
              </button>
              @if (isOpen(f.id)) {
                <div class="detail" [id]="'my-finding-' + f.id">
                  <mz-finding-detail [finding]="f" (changed)="load()" />
                </div>
              }
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .cards {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 16px;
      grid-template-columns: minmax(0, 1fr);
      max-width: 52rem;
    }
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      padding: 16px;
      min-width: 0;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-large);
    }
    .card p {
      margin: 0 0 8px;
    }
    .card-title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-block-end: 8px;
    }
    .due,
    .refund {
      font-weight: 600;
    }
    .todo {
      display: flex;
      gap: 8px;
      align-items: center;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .toggle {
      min-height: 48px;
      width: 100%;
      margin-block-start: 4px;
    }
    .detail {
      margin-block-start: 16px;
    }
    @media (min-width: 600px) {
      .toggle {
        width: auto;
      }
    }
  `,
})
export class MyFindingsPage {
  protected readonly priorityKey = priorityKey;
  protected readonly priorityTone = priorityTone;
  protected readonly actionStateKey = actionStateKey;
  protected readonly actionStateTone = actionStateTone;

  private readonly api = inject(FieldworkApiService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly findings = signal<AuditFindingView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);
  private readonly opened = signal<ReadonlySet<string>>(new Set());
  protected readonly open = computed(() => this.findings().filter((f) => f.actionState === 'open').length);

  constructor() {
    this.load();
  }

  protected title(f: AuditFindingView): string {
    return findingTitle(f, (key) => this.i18n.t(key));
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected isOpen(findingId: string): boolean {
    return this.opened().has(findingId);
  }

  protected toggle(findingId: string): void {
    this.opened.update((set) => {
      const next = new Set(set);
      if (next.has(findingId)) next.delete(findingId);
      else next.add(findingId);
      return next;
    });
  }

  /** Reads the findings again (after a response or a completion: the actions and the state change). */
  load(): void {
    this.api
      .myFindings()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (findings) => {
          this.loading.set(false);
          this.problem.set(null);
          this.findings.set(findings);
          // With one finding, or the first time, open the ones that ask for something.
          if (this.opened().size === 0) this.opened.set(new Set(findings.filter((f) => f.actions.length > 0 || findings.length === 1).map((f) => f.id)));
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problem.set(errorMessage(toWebError(error)));
        },
      });
  }
}
