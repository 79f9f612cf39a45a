import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { SessionService } from '../../core/auth/session.service';
import { roleLabelKey } from '../../core/i18n/role-label';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { holdsAny, navEntry, type NavEntry } from '../../core/nav/nav';
import { homeSectionsFor, type HomeCard } from './home-sections';

@Component({
  selector: 'mz-home',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home.component.html',
  styleUrl: './home.component.scss',
})
export class HomeComponent {
  private readonly sessions = inject(SessionService);

  protected readonly user = this.sessions.user;
  protected readonly sections = computed(() =>
    homeSectionsFor(this.user()?.roles ?? []),
  );
  protected readonly roleKey = roleLabelKey;

  /** The link for a card, only when the page exists and the session may open it. */
  protected link(card: HomeCard): NavEntry | null {
    if (!card.page) return null;
    const entry = navEntry(card.page);
    return holdsAny(this.sessions.permissions(), entry.anyOf) ? entry : null;
  }
}
