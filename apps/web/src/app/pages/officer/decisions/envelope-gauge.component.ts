import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { EnvelopeView } from '@mizan/contracts';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { formatMoney } from '../shared/money';
import { envelopeGauge } from './decision-view';

/**
 * A call's envelope as one bar: approvals confirmed, approvals proposed and
 * waiting for a second officer, and what is left. The numbers are written out
 * beside it, so the bar is decoration for the eye and the text says it all.
 */
@Component({
  selector: 'mz-envelope-gauge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let g = gauge();
    <figure class="gauge" data-testid="envelope-gauge">
      <figcaption class="caption">
        {{
          'decisions.envelope.caption'
            | t
              : {
                  envelope: money(g.envelopeMinor),
                  percent: pct(g.committedPercent),
                }
        }}
      </figcaption>
      <div class="track" aria-hidden="true">
        <span
          class="seg confirmed"
          [style.inline-size.%]="g.confirmedPercent"
        ></span>
        <span
          class="seg awaiting"
          [style.inline-size.%]="g.awaitingPercent"
        ></span>
      </div>
      <ul class="legend" role="list">
        <li data-testid="envelope-confirmed">
          <span class="swatch confirmed" aria-hidden="true"></span>
          <span class="label">{{ 'decisions.envelope.confirmed' | t }}</span>
          <span class="value">{{ money(g.confirmedMinor) }}</span>
        </li>
        <li data-testid="envelope-awaiting">
          <span class="swatch awaiting" aria-hidden="true"></span>
          <span class="label">{{ 'decisions.envelope.awaiting' | t }}</span>
          <span class="value">{{ money(g.awaitingMinor) }}</span>
        </li>
        <li data-testid="envelope-remaining">
          <span class="swatch remaining" aria-hidden="true"></span>
          <span class="label">{{ 'decisions.envelope.remaining' | t }}</span>
          <span class="value"
            ><strong>{{ money(g.remainingMinor) }}</strong></span
          >
        </li>
      </ul>
      <p class="note" data-testid="envelope-remaining-note">
        {{ 'decisions.envelope.remainingNote' | t }}
      </p>
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .gauge {
      margin: 0;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .note {
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .caption {
      font: var(--mat-sys-title-small);
      margin-bottom: 8px;
    }
    .track {
      display: flex;
      block-size: 16px;
      border-radius: 8px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-high);
      border: 1px solid var(--mat-sys-outline);
    }
    .seg {
      display: block;
      block-size: 100%;
    }
    .confirmed {
      background: #1b6e3a;
    }
    .awaiting {
      background: repeating-linear-gradient(
        45deg,
        #b26a00,
        #b26a00 4px,
        #e0a040 4px,
        #e0a040 8px
      );
    }
    .remaining {
      background: var(--mat-sys-surface-container-high);
      border: 1px solid var(--mat-sys-outline);
    }
    .legend {
      list-style: none;
      margin: 12px 0 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 6px 16px;
    }
    .legend li {
      display: grid;
      grid-template-columns: 14px minmax(0, 1fr);
      gap: 2px 8px;
      align-items: center;
    }
    .swatch {
      inline-size: 14px;
      block-size: 14px;
      border-radius: 3px;
    }
    .label {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .value {
      grid-column: 2;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class EnvelopeGaugeComponent {
  private readonly i18n = inject(I18nService);
  readonly envelope = input.required<EnvelopeView>();
  protected readonly gauge = computed(() => envelopeGauge(this.envelope()));

  protected money(amountMinor: string): string {
    return formatMoney(
      amountMinor,
      this.envelope().currency,
      this.i18n.locale(),
    );
  }

  protected pct(value: number): string {
    return new Intl.NumberFormat(this.i18n.locale(), {
      maximumFractionDigits: 1,
    }).format(value);
  }
}
