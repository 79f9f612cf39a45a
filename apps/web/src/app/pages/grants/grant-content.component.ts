import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { GrantContent, TranchePlanItem } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { I18nService } from '../../core/i18n/i18n.service';
import { DigitsPipe } from '../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { budgetCategoryText, conditionKindKey, modalityKey, reportKindKey } from '../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { formatPercent } from '../officer/shared/money';
import { shareBp } from './grant-view';
import { ScrollRegionComponent } from '../../core/ui/scroll-region.component';
import { injectViewportTier } from '../../core/ui/viewport';

/** The agreement's content, read-only: for the officer once sent, and for the grantee. */
@Component({
  selector: 'mz-grant-content',
  imports: [NgTemplateOutlet, ScrollRegionComponent, MoneyTextComponent, DigitsPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./grants.scss'],
  template: `
    @let c = content();
    <dl class="facts">
      <dt>{{ 'grants.field.period' | t }}</dt>
      <dd>{{ date(c.startsOn) }} – {{ date(c.endsOn) }}</dd>
      <dt>{{ 'grants.field.modality' | t }}</dt>
      <dd>{{ modalityKey(c.modality) | t }}</dd>
      <dt>{{ 'grants.field.purpose' | t }}</dt>
      <dd class="pre"><bdi>{{ c.purpose }}</bdi></dd>
      @if (c.specialConditions) {
        <dt>{{ 'grants.field.specialConditions' | t }}</dt>
        <dd class="pre" data-testid="content-special"><bdi>{{ c.specialConditions }}</bdi></dd>
      }
    </dl>

    <h3 class="sub-title">{{ 'grants.editor.budget' | t }}</h3>
    <mz-scroll-region [label]="'grants.editor.budget' | t">
      <table class="simple-table" data-testid="content-budget">
        <thead>
          <tr>
            <th scope="col">{{ 'grants.field.category' | t }}</th>
            @if (!phone()) {
              <th scope="col">{{ 'grants.field.description' | t }}</th>
            }
            <th scope="col" class="num">{{ 'grants.field.amount' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (l of c.budgetLines; track l.id) {
            <tr data-testid="content-budget-line">
              <td>
                <bdi>{{ categoryText(l.category) }}</bdi>
                @if (phone()) {
                  <span class="details-line"><bdi>{{ l.description }}</bdi></span>
                }
              </td>
              @if (!phone()) {
                <td><bdi>{{ l.description }}</bdi></td>
              }
              <td class="num"><mz-money-text [minor]="l.amountMinor" [currency]="currency()" /></td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" [attr.colspan]="phone() ? 1 : 2">{{ 'grants.editor.total' | t }}</th>
            <td class="num"><mz-money-text [minor]="total()" [currency]="currency()" /></td>
          </tr>
        </tfoot>
      </table>
    </mz-scroll-region>

    <h3 class="sub-title">{{ 'grants.editor.tranches' | t }}</h3>
    <mz-scroll-region [label]="'grants.editor.tranches' | t">
      <table class="simple-table" data-testid="content-tranches">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{{ 'grants.field.plannedOn' | t }}</th>
            <th scope="col" class="num">{{ 'grants.field.amount' | t }}</th>
            @if (!phone()) {
              <th scope="col" class="num">{{ 'grants.col.share' | t }}</th>
              <th scope="col">{{ 'grants.editor.conditions' | t }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (t of c.tranches; track t.seq) {
            <tr [class.folds]="phone()">
              <td>{{ t.seq | digits }}</td>
              <td class="nowrap">{{ date(t.plannedOn) }}</td>
              <td class="num">
                <mz-money-text [minor]="t.amountMinor" [currency]="currency()" />
                @if (phone()) {
                  <span class="details-line share">{{ share(t.amountMinor) }}</span>
                }
              </td>
              @if (!phone()) {
                <td class="num">{{ share(t.amountMinor) }}</td>
                <td><ng-container *ngTemplateOutlet="conditions; context: { $implicit: t }" /></td>
              }
            </tr>
            @if (phone()) {
              <tr class="folded-row" data-testid="content-tranche-conditions">
                <td colspan="3">
                  <span class="folded-label">{{ 'grants.editor.conditions' | t }}</span>
                  <ng-container *ngTemplateOutlet="conditions; context: { $implicit: t }" />
                </td>
              </tr>
            }
          }
        </tbody>
      </table>
    </mz-scroll-region>

    <ng-template #conditions let-t>
      <ul class="plain">
        @for (k of asTranche(t).conditions; track k.id) {
          <li>
            @if (k.kind === 'custom') {
              <bdi>{{ k.params?.['label'] }}</bdi>
            } @else {
              {{ conditionKindKey(k.kind) | t }}
            }
          </li>
        }
      </ul>
    </ng-template>

    <h3 class="sub-title">{{ 'grants.editor.reports' | t }}</h3>
    @if (c.reportingSchedule.length === 0) {
      <p class="muted">{{ 'grants.editor.noReports' | t }}</p>
    } @else {
      <ul class="plain">
        @for (r of c.reportingSchedule; track $index) {
          <li>
            {{ reportKindKey(r.kind) | t }}:
            {{ 'grants.report.covers' | t: { from: date(r.periodFrom), to: date(r.periodTo), due: date(r.dueOn) } }}
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: fit-content(40%) minmax(0, 1fr);
      gap: 6px 16px;
    }
    .facts dt {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .pre {
      white-space: pre-line;
    }
    .plain {
      margin: 0;
      padding-inline-start: 1.2rem;
    }
    .sub-title {
      margin-block: 16px 8px;
    }
    .nowrap {
      white-space: nowrap;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .details-line {
      display: block;
      margin-block-start: 4px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    /* On a phone a tranche's conditions take a row of their own under it, full width. */
    tr.folds td {
      border-block-end: none;
    }
    .folded-label {
      display: block;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class GrantContentComponent {
  private readonly i18n = inject(I18nService);
  readonly content = input.required<GrantContent>();
  readonly currency = input.required<CurrencyCode>();
  readonly amountMinor = input.required<string>();

  private readonly tier = injectViewportTier();
  /** A phone folds the description under the category, and a tranche's share and conditions under its row. */
  protected readonly phone = computed(() => this.tier() === 'phone');

  protected asTranche(t: TranchePlanItem): TranchePlanItem {
    return t;
  }

  protected categoryText(category: string): string {
    return budgetCategoryText(category, (key) => this.i18n.t(key));
  }
  protected readonly modalityKey = modalityKey;
  protected readonly reportKindKey = reportKindKey;
  protected readonly conditionKindKey = conditionKindKey;
  protected readonly total = computed(() =>
    this.content()
      .budgetLines.reduce((sum, l) => sum + (/^\d+$/.test(l.amountMinor) ? BigInt(l.amountMinor) : 0n), 0n)
      .toString(),
  );

  protected date(iso: string): string {
    return iso ? this.i18n.formatDate(iso) : '—';
  }

  protected share(amountMinor: string): string {
    if (!/^\d+$/.test(amountMinor)) return '—';
    return formatPercent(shareBp(BigInt(amountMinor), BigInt(this.amountMinor())), this.i18n.locale());
  }
}
