import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import type { DirectoryMatchReason } from '@mizan/contracts';
import { catchError, of } from 'rxjs';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DirectoryApiService } from './directory-api.service';
import { reasonFavours, reasonText, TaxonomyNames } from './directory-labels';

/**
 * Why a match scores what it does, in words: a score out of 100 and each reason (skills matched, language,
 * availability, mode, travel, "online only: no access"), a tick for what speaks for it, a cross for what against.
 */
@Component({
  selector: 'mz-match-reasons',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './directory.scss',
  template: `
    @if (score() !== null) {
      <p class="score" [attr.data-testid]="testId() + '-score'">{{ 'directory.match.score' | t: { score: score() ?? 0 } }}</p>
    }
    <ul class="dir-reasons" [attr.data-testid]="testId()" [attr.aria-label]="'directory.match.reasons' | t">
      @for (r of lines(); track $index) {
        <li [class.pro]="r.pro" [class.con]="!r.pro" [attr.data-code]="r.code">
          <mat-icon [svgIcon]="r.pro ? 'check' : 'close'" aria-hidden="true" />
          <span><span class="mz-visually-hidden">{{ (r.pro ? 'directory.match.for' : 'directory.match.against') | t }}</span>{{ r.text }}</span>
        </li>
      }
    </ul>
  `,
  styles: `
    .score {
      margin: 4px 0;
      font-weight: 600;
    }
  `,
})
export class MatchReasonsComponent {
  private readonly i18n = inject(I18nService);
  private readonly taxonomy = toSignal(inject(DirectoryApiService).taxonomy().pipe(catchError(() => of(null))), { initialValue: null });

  readonly reasons = input.required<readonly DirectoryMatchReason[]>();
  readonly score = input<number | null>(null);
  readonly testId = input('match-reasons');

  protected readonly lines = computed(() => {
    const names = new TaxonomyNames(this.taxonomy());
    const lang = this.i18n.lang();
    const t = this.i18n.t.bind(this.i18n);
    return this.reasons().map((reason) => ({ code: reason.code, pro: reasonFavours(reason), text: reasonText(reason, t, names, lang) }));
  });
}
