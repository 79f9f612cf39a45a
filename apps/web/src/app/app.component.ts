import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { I18nService } from './core/i18n/i18n.service';
import { TranslatePipe } from './core/i18n/translate.pipe';

@Component({
  selector: 'mz-root',
  imports: [RouterOutlet, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="mz-skip-link" href="#main" (click)="skipToMain($event)">{{
      'app.skipToContent' | t
    }}</a>
    <router-outlet />
  `,
})
export class AppComponent {
  private readonly document = inject(DOCUMENT);

  constructor() {
    // Created here so <html lang dir> are right before the first page renders.
    inject(I18nService);
  }

  /** A plain `#main` link would resolve against `<base href>` and reload the app. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
