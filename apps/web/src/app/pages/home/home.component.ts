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
import { holdsAny, navEntry } from '../../core/nav/nav';
import { homeSectionsFor } from './home-sections';

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
  /** Each role's section, its cards those whose page this session may open (each with its menu entry). */
  protected readonly sections = computed(() => {
    const held = this.sessions.permissions();
    return homeSectionsFor(this.user()?.roles ?? []).map((section) => ({
      ...section,
      cards: section.cards
        .map((card) => ({ card, target: navEntry(card.page) }))
        .filter(({ target }) => holdsAny(held, target.anyOf)),
    }));
  });
  protected readonly roleKey = roleLabelKey;
}
