import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { GrantContent } from '@mizan/contracts';
import type { CurrencyCode } from '@mizan/domain';
import { I18nService } from '../../core/i18n/i18n.service';
import { DigitsPipe } from '../../core/i18n/digits.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { conditionKindKey, modalityKey, reportKindKey } from '../../shared/finance/finance-labels';
import { MoneyTextComponent } from '../../core/ui/money-text.component';
import { formatPercent } from '../officer/shared/money';
import { shareBp } from './grant-view';
import { ScrollRegionComponent } from '../../core/ui/scroll-region.component';

/** The agreement's content, read-only: for the officer once sent, and for the grantee. */
@Component({
  selector: 'mz-grant-content',
  imports: [ScrollRegionComponent, MoneyTextComponent, DigitsPipe, TranslatePipe],
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
            <th scope="col">{{ 'grants.field.description' | t }}</th>
            <th scope="col" class="num">{{ 'grants.field.amount' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (l of c.budgetLines; track l.id) {
            <tr data-testid="content-budget-line">
              <td><bdi>{{ l.category }}</bdi></td>
              <td><bdi>{{ l.description }}</bdi></td>
              <td class="num"><mz-money-text [minor]="l.amountMinor" [currency]="currency()" /></td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="2">{{ 'grants.editor.total' | t }}</th>
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
            <th scope="col" class="num">{{ 'grants.col.share' | t }}</th>
            <th scope="col">{{ 'grants.editor.conditions' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (t of c.tranches; track t.seq) {
            <tr>
              <td>{{ t.seq | digits }}</td>
              <td class="nowrap">{{ date(t.plannedOn) }}</td>
              <td class="num"><mz-money-text [minor]="t.amountMinor" [currency]="currency()" /></td>
              <td class="num">{{ share(t.amountMinor) }}</td>
              <td>
                <ul class="plain">
                  @for (k of t.conditions; track k.id) {
                    <li>
                      @if (k.kind === 'custom') {
                        <bdi>{{ k.params?.['label'] }}</bdi>
                      } @else {
                        {{ conditionKindKey(k.kind) | t }}
                      }
                    </li>
                  }
                </ul>
              </td>
            </tr>
          }
        </tbody>
      </table>
    </mz-scroll-region>

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
  `,
})
export class GrantContentComponent {
  private readonly i18n = inject(I18nService);
  readonly content = input.required<GrantContent>();
  readonly currency = input.required<CurrencyCode>();
  readonly amountMinor = input.required<string>();
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
