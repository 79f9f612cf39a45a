import { JsonPipe, NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { trailChanges, trailFieldLabel, type TrailValue } from '@mizan/domain';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { MoneyTextComponent } from '../../core/ui/money-text.component';

/** A value's words, except money with a currency (drawn by mz-money-text) and ids (names when known). */
export function plainValue(value: TrailValue, names: Readonly<Record<string, string>>, i18n: I18nService): string {
  switch (value.kind) {
    case 'money':
      return i18n.t('trail.value.minorUnits', { minor: value.minor });
    case 'date':
      return value.dateOnly
        ? new Intl.DateTimeFormat(i18n.locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value.iso}T00:00:00Z`))
        : i18n.formatDateTime(value.iso);
    case 'id':
      return names[value.id] ?? value.id;
    case 'text':
      return value.text;
    case 'number':
      return value.text;
    case 'boolean':
      return i18n.t(value.value ? 'trail.value.yes' : 'trail.value.no');
    case 'empty':
      return i18n.t('trail.value.empty');
    case 'list':
      return value.items.length === 0 ? i18n.t('trail.value.empty') : value.items.map((item) => plainValue(item, names, i18n)).join(', ');
    case 'json':
      return value.text;
  }
}

/**
 * A trail record's before / after as a difference a reader takes in: one row per field that changed (money
 * formatted from minor units, dates for the locale, user ids as names), the unchanged fields folded away, and the
 * record exactly as stored (JSON) for whoever needs it.
 */
@Component({
  selector: 'mz-trail-changes',
  imports: [JsonPipe, MoneyTextComponent, NgTemplateOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-template #value let-v>
      @if (v === undefined) {
        <span class="absent">{{ 'trail.value.absent' | t }}</span>
      } @else if (v.kind === 'money' && v.currency) {
        <mz-money-text [minor]="v.minor" [currency]="v.currency" />
      } @else if (v.kind === 'id') {
        @if (names()[v.id]; as name) {
          <bdi class="name" [attr.title]="v.id">{{ name }}</bdi>
        } @else {
          <code class="mz-hash" dir="ltr">{{ v.id }}</code>
        }
      } @else if (v.kind === 'json') {
        <code class="json" dir="ltr">{{ v.text }}</code>
      } @else {
        <bdi>{{ text(v) }}</bdi>
      }
    </ng-template>

    @if (changed().length === 0 && unchanged().length === 0) {
      <p class="none">{{ 'trail.changes.none' | t }}</p>
    }
    @if (changed().length > 0) {
      <table class="changes" data-testid="trail-row-changes">
        <caption class="mz-visually-hidden">{{ 'trail.changes.title' | t }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'trail.changes.field' | t }}</th>
            <th scope="col">{{ 'trail.changes.before' | t }}</th>
            <th scope="col">{{ 'trail.changes.after' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (c of changed(); track c.field) {
            <tr>
              <th scope="row" class="field">{{ label(c.field) }}</th>
              <td class="before" data-testid="trail-change-before">
                <ng-container *ngTemplateOutlet="value; context: { $implicit: c.before }" />
              </td>
              <td class="after" data-testid="trail-change-after">
                <ng-container *ngTemplateOutlet="value; context: { $implicit: c.after }" />
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
    @if (unchanged().length > 0) {
      <details class="unchanged">
        <summary>{{ 'trail.changes.unchanged' | t }} ({{ unchanged().length }})</summary>
        <dl>
          @for (c of unchanged(); track c.field) {
            <dt>{{ label(c.field) }}</dt>
            <dd><ng-container *ngTemplateOutlet="value; context: { $implicit: c.after }" /></dd>
          }
        </dl>
      </details>
    }
    <details class="raw">
      <summary>{{ 'trail.changes.raw' | t }}</summary>
      <div class="raw-grid">
        <div>
          <h4>{{ 'trail.before' | t }}</h4>
          <pre dir="ltr" data-testid="trail-row-before">{{ before() | json }}</pre>
        </div>
        <div>
          <h4>{{ 'trail.after' | t }}</h4>
          <pre dir="ltr" data-testid="trail-row-after">{{ after() | json }}</pre>
        </div>
      </div>
    </details>
  `,
  styles: `
    :host {
      display: block;
    }
    .changes {
      border-collapse: collapse;
      width: 100%;
      margin-block-end: 8px;
    }
    .changes th,
    .changes td {
      text-align: start;
      vertical-align: top;
      padding: 4px 12px 4px 0;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
      overflow-wrap: anywhere;
    }
    .changes thead th {
      font: var(--mat-sys-label-large);
    }
    .field {
      font-weight: 500;
      width: 30%;
    }
    .before {
      color: var(--mat-sys-on-surface-variant);
    }
    .json,
    .mz-hash {
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }
    .none,
    .absent {
      color: var(--mat-sys-on-surface-variant);
    }
    details {
      margin-block: 4px;
    }
    summary {
      cursor: pointer;
      padding-block: 4px;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(8rem, max-content) 1fr;
      gap: 2px 16px;
      margin: 4px 0;
    }
    dd {
      margin: 0;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .raw-grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
      gap: 12px;
    }
    h4 {
      font: var(--mat-sys-title-small);
      margin: 4px 0;
    }
    pre {
      margin: 0;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font-size: 0.8125rem;
    }
  `,
})
export class TrailChangesComponent {
  private readonly i18n = inject(I18nService);

  readonly before = input<unknown>(null);
  readonly after = input<unknown>(null);
  /** user id → display name (the api's `names` of the page). */
  readonly names = input<Readonly<Record<string, string>>>({});

  private readonly all = computed(() => trailChanges(this.before(), this.after()));
  protected readonly changed = computed(() => this.all().filter((c) => c.changed));
  protected readonly unchanged = computed(() => this.all().filter((c) => !c.changed));

  protected label(field: string): string {
    return field ? trailFieldLabel(field) : this.i18n.t('trail.changes.value');
  }

  protected text(value: TrailValue): string {
    return plainValue(value, this.names(), this.i18n);
  }
}
