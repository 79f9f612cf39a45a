import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { ReconciliationDifference, ReconciliationLine, ReconciliationView } from '@mizan/contracts';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslatePluralPipe } from '../../../core/i18n/translate-plural.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { MoneyTextComponent } from '../../../core/ui/money-text.component';
import { ScrollRegionComponent } from '../../../core/ui/scroll-region.component';
import { AuditApiService } from '../audit-api.service';
import { differenceText, reconCheckKey } from '../audit-labels';
import { EngagementStore } from '../workspace/engagement-store';

const CHECKS: ReadonlyArray<ReconciliationLine['check']> = ['payments_ledger_vs_bank', 'expenditure_ledger_vs_lines', 'refunds_due_vs_received'];

/** A line whose two sides differ. */
export function lineIsOff(line: Pick<ReconciliationLine, 'differenceMinor'>): boolean {
  return !/^-?0+$/.test(line.differenceMinor);
}

/** The lines of one check, per grant, and whether any of them is off. */
export function linesByCheck(lines: readonly ReconciliationLine[]): { check: ReconciliationLine['check']; lines: ReconciliationLine[]; off: number }[] {
  return CHECKS.map((check) => {
    const of = lines.filter((l) => l.check === check);
    return { check, lines: of, off: of.filter(lineIsOff).length };
  });
}

/**
 * The reconciliation tab: per check (payments on the ledger vs payments with bank references, verified expenditure
 * vs accepted lines, refunds due vs received) each grant's two sides and their difference, then every difference in
 * a sentence; "Everything reconciles" when nothing is off.
 */
@Component({
  selector: 'mz-audit-reconciliation',
  imports: [EmptyStateComponent, FormProblemComponent, MatButtonModule, MatIconModule, LoadingBarComponent, MoneyTextComponent, RouterLink, ScrollRegionComponent, TranslatePipe, TranslatePluralPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../officer/shared/officer-page.scss', '../audit.scss'],
  template: `
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="audit-recon-error" />
    @if (view(); as v) {
      <div class="actions">
        <p class="muted">{{ 'audit.recon.asOf' | t: { when: i18n.formatDateTime(v.asOf) } }}</p>
        <button mat-stroked-button type="button" data-testid="audit-recon-refresh" (click)="load()"><mat-icon svgIcon="refresh" /> {{ 'audit.recon.refresh' | t }}</button>
      </div>
      <section class="section" aria-labelledby="audit-recon-diff-heading">
        <h2 class="mz-section-title" id="audit-recon-diff-heading">{{ 'audit.recon.differences' | t }}</h2>
        @if (v.balanced && v.differences.length === 0) {
          <mz-empty-state data-testid="audit-recon-balanced" icon="check_circle" [title]="'audit.recon.balanced' | t" [body]="'audit.recon.balancedBody' | t" />
        } @else {
          <p role="status" data-testid="audit-recon-count">{{ 'audit.recon.differenceCount' | tp: { count: v.differences.length } }}</p>
          <ul class="list-plain" data-testid="audit-recon-differences">
            @for (d of v.differences; track $index) {
              <li class="panel" data-testid="audit-recon-difference" [attr.data-code]="d.code">
                <p>
                  <strong>{{ reconCheckKey(d.check) | t }}</strong> ·
                  <a [routerLink]="['/officer/grants', d.grantId]"><bdi>{{ d.grantNumber }}</bdi></a> ·
                  <mz-money-text [minor]="d.amountMinor" [currency]="d.currency" [signed]="true" />
                </p>
                <p data-testid="audit-recon-difference-text">{{ text(d) }}</p>
              </li>
            }
          </ul>
        }
      </section>
      @for (group of groups(); track group.check) {
        <section class="section" [attr.aria-labelledby]="'audit-recon-' + group.check" [attr.data-testid]="'audit-recon-check-' + group.check">
          <h2 class="mz-section-title" [id]="'audit-recon-' + group.check">{{ reconCheckKey(group.check) | t }}</h2>
          @if (group.lines.length === 0) {
            <p class="muted">{{ 'audit.recon.noLines' | t }}</p>
          } @else {
            <mz-scroll-region [labelledBy]="'audit-recon-' + group.check">
              <table class="recon-table">
                <caption class="mz-visually-hidden">{{ reconCheckKey(group.check) | t }}</caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'audit.recon.grant' | t }}</th>
                    <th scope="col" class="num">{{ leftKey(group.check) | t }}</th>
                    <th scope="col" class="num">{{ rightKey(group.check) | t }}</th>
                    <th scope="col" class="num">{{ 'audit.recon.difference' | t }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (l of group.lines; track l.grantId + l.currency) {
                    <tr data-testid="audit-recon-line" [class.off]="isOff(l)">
                      <th scope="row"><a [routerLink]="['/officer/grants', l.grantId]"><bdi>{{ l.grantNumber }}</bdi></a></th>
                      <td class="num"><mz-money-text [minor]="l.leftMinor" [currency]="l.currency" /></td>
                      <td class="num"><mz-money-text [minor]="l.rightMinor" [currency]="l.currency" /></td>
                      <td class="num"><mz-money-text [minor]="l.differenceMinor" [currency]="l.currency" [signed]="true" /></td>
                    </tr>
                  }
                </tbody>
              </table>
            </mz-scroll-region>
          }
        </section>
      }
    }
  `,
  styles: `
    .recon-table {
      width: 100%;
      border-collapse: collapse;
    }
    .recon-table th,
    .recon-table td {
      padding: 6px 8px;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
      text-align: start;
    }
    .recon-table .num {
      text-align: end;
    }
    .recon-table tr.off {
      background: var(--mat-sys-error-container);
    }
  `,
})
export class AuditReconciliationPage {
  private readonly api = inject(AuditApiService);
  private readonly store = inject(EngagementStore);
  protected readonly i18n = inject(I18nService);

  protected readonly reconCheckKey = reconCheckKey;
  protected readonly view = signal<ReconciliationView | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly groups = computed(() => linesByCheck(this.view()?.lines ?? []));

  constructor() {
    effect(() => {
      if (this.store.id()) untracked(() => this.load());
    });
  }

  protected load(): void {
    const id = this.store.id();
    if (!id) return;
    this.loading.set(true);
    this.api.reconciliation(id).subscribe({
      next: (view) => {
        this.view.set(view);
        this.loading.set(false);
        this.problem.set(null);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problem.set(errorMessage(toWebError(error)));
      },
    });
  }

  protected leftKey(check: ReconciliationLine['check']) {
    return `audit.recon.left.${check}` as const;
  }

  protected rightKey(check: ReconciliationLine['check']) {
    return `audit.recon.right.${check}` as const;
  }

  protected readonly isOff = lineIsOff;

  protected text(d: ReconciliationDifference): string {
    const { key, params } = differenceText(d);
    return this.i18n.t(key, params);
  }
}
