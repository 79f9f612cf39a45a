import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { filter, map, skip } from 'rxjs';
import { SessionService } from '../core/auth/session.service';
import { I18nService } from '../core/i18n/i18n.service';
import { roleLabelKey } from '../core/i18n/role-label';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { visibleNav } from '../core/nav/nav';
import { NotificationBellComponent } from '../pages/notifications/notification-bell.component';
import { LanguageMenuComponent } from './language-menu.component';

@Component({
  selector: 'mz-shell',
  imports: [
    LanguageMenuComponent,
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    NotificationBellComponent,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly sessions = inject(SessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  private readonly sidenav = viewChild.required<MatSidenav>('sidenav');

  protected readonly user = this.sessions.user;
  protected readonly nav = computed(() =>
    visibleNav(this.sessions.permissions()),
  );
  protected readonly roleNames = computed(() =>
    (this.user()?.roles ?? [])
      .map((role) => this.i18n.t(roleLabelKey(role)))
      .join(', '),
  );
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  constructor() {
    // After an in-app navigation, move focus to the new page so screen readers announce it.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        if (this.handset()) void this.sidenav().close();
        queueMicrotask(() =>
          this.document.getElementById('main')?.focus({ preventScroll: true }),
        );
      });
  }

  protected toggleNav(): void {
    void this.sidenav().toggle();
  }

  protected signOut(): void {
    this.sessions.signOut().subscribe({
      next: () => void this.router.navigateByUrl('/sign-in'),
      error: () => void this.router.navigateByUrl('/sign-in'),
    });
  }
}
