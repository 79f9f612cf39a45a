import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import {
  I18nService,
  LANGUAGES,
  type Language,
} from '../core/i18n/i18n.service';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { LanguagePreferenceService } from '../core/i18n/language-preference.service';
import { SessionService } from '../core/auth/session.service';

@Component({
  selector: 'mz-language-menu',
  imports: [MatButtonModule, MatIconModule, MatMenu, MatMenuItem, MatMenuTrigger, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The menu (Material's menu and overlay, ~20 kB gzipped) is not in what the sign-in page needs before it is
  // usable: it comes once the page is idle; until then the same button stands there, disabled.
  template: `
    @defer (on idle) {
    <button
      mat-button
      class="mz-on-primary"
      type="button"
      data-testid="lang-menu"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="('lang.menu' | t) + ': ' + i18n.info().nativeName"
    >
      <mat-icon svgIcon="translate" />
      <span [attr.lang]="i18n.lang()">{{ i18n.info().nativeName }}</span>
    </button>
    <mat-menu #menu="matMenu">
      @for (language of languages; track language.code) {
        <button
          mat-menu-item
          type="button"
          role="menuitemradio"
          [attr.aria-checked]="language.code === i18n.lang()"
          [attr.data-testid]="'lang-' + language.code"
          [attr.lang]="language.code"
          [attr.dir]="language.dir"
          (click)="choose(language.code)"
        >
          {{ language.nativeName }}
        </button>
      }
    </mat-menu>
    } @placeholder {
    <button
      mat-button
      class="mz-on-primary"
      type="button"
      data-testid="lang-menu"
      disabled
      [attr.aria-label]="('lang.menu' | t) + ': ' + i18n.info().nativeName"
    >
      <mat-icon svgIcon="translate" />
      <span [attr.lang]="i18n.lang()">{{ i18n.info().nativeName }}</span>
    </button>
    }
  `,
})
export class LanguageMenuComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly languages = LANGUAGES;
  private readonly preference = inject(LanguagePreferenceService);
  private readonly sessions = inject(SessionService);

  /** Signed in, the choice is saved to the server too (notifications and emails follow it). */
  protected choose(code: Language): void {
    this.preference.choose(code, this.sessions.signedIn());
  }
}
