import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { SanctionsEntryView, SanctionsNameView } from '@mizan/contracts';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { entryKindKey } from './match-labels';

/**
 * One list entry as the list has it: its reference and kind, every name it is known by (the primary name, the
 * aliases and the original script, each isolated and in its own direction), birth, nationality, when it was
 * listed and why, and whether a later version removed it. Used by the check and the match pages.
 */
@Component({
  selector: 'mz-sanctions-entry',
  imports: [ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let e = entry();
    <dl class="entry" [attr.data-testid]="testId()">
      <dt>{{ 'sanctions.entry.reference' | t }}</dt>
      <dd>
        <code dir="ltr">{{ e.reference }}</code>
        <mz-tone-badge tone="neutral">{{ kindKey() | t }}</mz-tone-badge>
        @if (e.removedAt) {
          <mz-tone-badge tone="warn" data-testid="sanctions-entry-removed">{{ 'sanctions.entry.removed' | t: { date: i18n.formatDate(e.removedAt) } }}</mz-tone-badge>
        }
      </dd>
      <dt>{{ 'sanctions.entry.names' | t }}</dt>
      <dd>
        <ul class="names">
          @for (n of e.names; track $index) {
            <li data-testid="sanctions-entry-name">
              <bdi dir="auto" [attr.lang]="n.script === 'arabic' ? 'ar' : null">{{ n.name }}</bdi>
              <span class="muted">({{ nameTypeKey(n) | t }}@if (n.quality) {, {{ n.quality }}})</span>
            </li>
          }
        </ul>
      </dd>
      @if (e.datesOfBirth.length > 0) {
        <dt>{{ 'sanctions.entry.born' | t }}</dt>
        <dd><bdi>{{ e.datesOfBirth.join(' · ') }}</bdi></dd>
      }
      @if (e.placesOfBirth.length > 0) {
        <dt>{{ 'sanctions.entry.bornIn' | t }}</dt>
        <dd><bdi>{{ e.placesOfBirth.join(' · ') }}</bdi></dd>
      }
      @if (e.nationalities.length > 0) {
        <dt>{{ 'sanctions.entry.nationality' | t }}</dt>
        <dd><bdi>{{ e.nationalities.join(' · ') }}</bdi></dd>
      }
      @if (e.listedOn) {
        <dt>{{ 'sanctions.entry.listedOn' | t }}</dt>
        <dd>{{ i18n.formatDate(e.listedOn) }}@if (e.unListType) { · <bdi>{{ e.unListType }}</bdi>}</dd>
      }
      @if (e.listingReason) {
        <dt>{{ 'sanctions.entry.reason' | t }}</dt>
        <dd class="reason"><bdi dir="auto">{{ e.listingReason }}</bdi></dd>
      }
    </dl>
  `,
  styles: `
    :host {
      display: block;
    }
    .entry {
      display: grid;
      grid-template-columns: minmax(7rem, max-content) 1fr;
      gap: 4px 16px;
      margin: 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      padding-block-start: 2px;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .names {
      margin: 0;
      padding-inline-start: 18px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .reason {
      white-space: pre-line;
    }
    @media (max-width: 480px) {
      .entry {
        grid-template-columns: 1fr;
      }
      dd {
        margin-block-end: 6px;
      }
    }
  `,
})
export class SanctionsEntryComponent {
  protected readonly i18n = inject(I18nService);
  readonly entry = input.required<SanctionsEntryView>();
  readonly testId = input('sanctions-entry');

  protected kindKey(): TranslationKey {
    return entryKindKey(this.entry().kind);
  }

  protected nameTypeKey(name: SanctionsNameView): TranslationKey {
    return `sanctions.explain.nameType.${name.type}`;
  }
}
