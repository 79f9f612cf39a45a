import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { MatchExplanation } from '@mizan/domain';
import { en, type TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { ScoreBarComponent, formatScore } from './score-bar.component';

/** The words for an adjustment code (`sanctions.explain.adjustment.<code>`), or the code in a general sentence. */
export function adjustmentText(code: string, amount: number, i18n: Pick<I18nService, 't' | 'locale'>): string {
  const key = `sanctions.explain.adjustment.${code}`;
  const minus = formatScore(amount, i18n.locale());
  return key in en ? i18n.t(key as TranslationKey, { amount: minus }) : i18n.t('sanctions.explain.adjustmentOther', { code, amount: minus });
}

/**
 * Why a name scored what it did, from the matcher's structure (`MatchExplanation`): the list name that scored best
 * (and whether it is the primary name, an alias or the original script), a table pairing each part of the screened
 * name with a part of the list name with their similarity (marked when one side was transliterated), the parts
 * that found no partner, and what lowered the score. Names are isolated with `dir="auto"`, so an Arabic name
 * reads right to left in an English page and a Latin one left to right in Arabic. Used by the check and the match
 * pages.
 */
@Component({
  selector: 'mz-match-explanation',
  imports: [ScoreBarComponent, ToneBadgeComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let d = detail();
    <div class="explain" [attr.data-testid]="testId()">
      <p class="matched">
        {{ 'sanctions.explain.matchedName' | t }}
        <bdi dir="auto" class="name" data-testid="explain-matched-name">{{ d.matchedName }}</bdi>
        <mz-tone-badge tone="neutral">{{ nameTypeKey() | t }}</mz-tone-badge>
      </p>
      @if (d.pairs.length > 0) {
        <div class="table-wrap">
          <table class="pairs" data-testid="explain-pairs">
            <caption class="mz-visually-hidden">{{ 'sanctions.explain.caption' | t }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'sanctions.explain.yourPart' | t }}</th>
                <th scope="col">{{ 'sanctions.explain.listPart' | t }}</th>
                <th scope="col">{{ 'sanctions.explain.similarity' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (p of d.pairs; track $index) {
                <tr data-testid="explain-pair">
                  <td><bdi dir="auto">{{ p.query }}</bdi></td>
                  <td><bdi dir="auto" data-testid="explain-pair-entry">{{ p.entry }}</bdi></td>
                  <td>
                    <span class="similarity">
                      <mz-score-bar [score]="p.similarity" />
                      @if (p.script === 'transliterated') {
                        <mz-tone-badge tone="info" data-testid="explain-transliterated">{{ 'sanctions.explain.transliterated' | t }}</mz-tone-badge>
                      }
                    </span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      @if (d.unpairedQuery.length > 0) {
        <p class="parts" data-testid="explain-unpaired-query">
          <span>{{ 'sanctions.explain.unpairedQuery' | t }}</span>
          @for (part of d.unpairedQuery; track $index) {
            <bdi dir="auto" class="chip">{{ part }}</bdi>
          }
        </p>
      }
      @if (d.unpairedEntry.length > 0) {
        <p class="parts" data-testid="explain-unpaired-entry">
          <span>{{ 'sanctions.explain.unpairedEntry' | t }}</span>
          @for (part of d.unpairedEntry; track $index) {
            <bdi dir="auto" class="chip">{{ part }}</bdi>
          }
        </p>
      }
      @if (adjustments().length > 0) {
        <ul class="adjustments" data-testid="explain-adjustments" [attr.aria-label]="'sanctions.explain.adjustments' | t">
          @for (a of adjustments(); track $index) {
            <li>{{ a }}</li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .matched,
    .parts {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      margin: 0 0 8px;
    }
    .name {
      font-weight: 600;
    }
    .table-wrap {
      overflow-x: auto;
    }
    .pairs {
      border-collapse: collapse;
      margin-block-end: 8px;
    }
    .pairs th,
    .pairs td {
      text-align: start;
      padding-block: 4px;
      padding-inline: 0 12px;
      vertical-align: middle;
    }
    .pairs th {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .similarity {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .chip {
      padding: 1px 8px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-high);
    }
    .adjustments {
      margin: 0;
      padding-inline-start: 20px;
    }
  `,
})
export class MatchExplanationComponent {
  private readonly i18n = inject(I18nService);
  readonly detail = input.required<MatchExplanation>();
  readonly testId = input('match-explanation');
  protected readonly nameTypeKey = computed<TranslationKey>(() => `sanctions.explain.nameType.${this.detail().matchedNameType}`);
  protected readonly adjustments = computed(() => this.detail().adjustments.map((a) => adjustmentText(a.code, a.amount, this.i18n)));
}
