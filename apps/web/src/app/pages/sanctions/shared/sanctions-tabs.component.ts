import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatTabsModule } from '@angular/material/tabs';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';

export interface SanctionsTab {
  id: 'queue' | 'lists' | 'check' | 'settings';
  link: string;
  key: TranslationKey;
}

export const SANCTIONS_TABS: readonly SanctionsTab[] = [
  { id: 'queue', link: '/sanctions', key: 'sanctions.tabs.queue' },
  { id: 'lists', link: '/sanctions/lists', key: 'sanctions.tabs.lists' },
  { id: 'check', link: '/sanctions/check', key: 'sanctions.tabs.check' },
  { id: 'settings', link: '/sanctions/settings', key: 'sanctions.tabs.settings' },
];

/** Which tab a sanctions url belongs to: one match (`/sanctions/matches/…`) belongs to the queue. */
export function sanctionsTabOf(url: string): SanctionsTab['id'] {
  const path = url.split(/[?#]/)[0].replace(/\/+$/, '');
  for (const tab of SANCTIONS_TABS) if (tab.id !== 'queue' && (path === tab.link || path.startsWith(`${tab.link}/`))) return tab.id;
  return 'queue';
}

/**
 * The sanctions area's tab bar (the queue, the lists, a name check, the settings): links, so each tab has its own
 * address and the browser's back button works. The page's content goes inside, as the tab panel:
 *
 *   <mz-page-header … />
 *   <mz-sanctions-tabs> …the page… </mz-sanctions-tabs>
 */
@Component({
  selector: 'mz-sanctions-tabs',
  imports: [MatTabsModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav mat-tab-nav-bar mat-stretch-tabs="false" [tabPanel]="panel" [attr.aria-label]="'sanctions.tabs.label' | t" data-testid="sanctions-tabs">
      @for (tab of tabs; track tab.id) {
        <a mat-tab-link [routerLink]="tab.link" [active]="active() === tab.id" [attr.data-testid]="'sanctions-tab-' + tab.id">{{ tab.key | t }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="panel-body"><ng-content /></mat-tab-nav-panel>
  `,
  styles: `
    :host {
      display: block;
    }
    .panel-body {
      display: block;
      padding-block-start: 16px;
    }
  `,
})
export class SanctionsTabsComponent {
  private readonly router = inject(Router);
  protected readonly tabs = SANCTIONS_TABS;
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  protected readonly active = computed(() => sanctionsTabOf(this.url()));
}
