import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NavigationEnd, NavigationError, Router, RouterOutlet } from '@angular/router';
import { filter, take } from 'rxjs';
import { I18nService } from './core/i18n/i18n.service';
import { TranslatePipe } from './core/i18n/translate.pipe';
import { dropSignInShell } from './pages/sign-in/sign-in-shell';

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
    // index.html's sign-in form (pages/sign-in/sign-in-shell.ts): the sign-in page takes it over; any other first page
    // (a signed-in visitor sent home, a failed navigation) removes it.
    inject(Router)
      .events.pipe(
        filter((e) => e instanceof NavigationEnd || e instanceof NavigationError),
        take(1),
      )
      .subscribe((e) => {
        if (e instanceof NavigationError || !e.urlAfterRedirects.startsWith('/sign-in')) dropSignInShell(this.document);
      });
  }

  /** A plain `#main` link would resolve against `<base href>` and reload the app. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
