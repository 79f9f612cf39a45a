import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { DirectoryMatchView, DirectoryNeedFitView } from '@mizan/contracts';
import { forkJoin } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { DirectoryApiService } from '../shared/directory-api.service';
import { NeedSummaryComponent } from '../shared/need-summary.component';
import { MatchCardComponent } from '../shared/match-card.component';
import { MatchReasonsComponent } from '../shared/match-reasons.component';

/** Replaces one match in a list by the api's newer answer (the order kept). */
export function replaceMatch(list: readonly DirectoryMatchView[], match: DirectoryMatchView): DirectoryMatchView[] {
  return list.some((m) => m.id === match.id) ? list.map((m) => (m.id === match.id ? match : m)) : [match, ...list];
}

/**
 * The expert's requests (issue 15): the matches an officer proposed (accept or decline; once active, log the
 * sessions) and the open needs that fit the profile, with why, where the expert can say they are interested.
 */
@Component({
  selector: 'mz-expert-requests-page',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatIconModule,
    MatchCardComponent,
    MatchReasonsComponent,
    NeedSummaryComponent,
    PageHeaderComponent,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.requests.title' | t" [intro]="'directory.requests.intro' | t" headingTestId="requests-heading" />
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="requests-error" />

    <section class="dir-section" data-testid="requests-matches">
      <h2 class="mz-section-title">{{ 'directory.requests.matches' | t }}</h2>
      @for (m of matches(); track m.id) {
        <mz-match-card [match]="m" viewer="expert" (changed)="onChanged($event)" />
      } @empty {
        @if (!loading()) {
          <mz-empty-state icon="inbox" data-testid="requests-matches-empty" [title]="'directory.requests.matchesEmpty' | t" [body]="'directory.requests.matchesEmptyBody' | t" />
        }
      }
    </section>

    <section class="dir-section" data-testid="requests-fits">
      <h2 class="mz-section-title">{{ 'directory.requests.fits' | t }}</h2>
      @for (f of fits(); track f.need.id) {
        <article class="dir-card" data-testid="fit-card" [attr.data-need-id]="f.need.id">
          <mz-need-summary [need]="f.need" />
          <mz-match-reasons [reasons]="f.reasons" [score]="f.score" testId="fit-reasons" />
          @if (f.interested) {
            <p class="dir-muted" data-testid="fit-interested">{{ 'directory.requests.interested' | t }}</p>
          } @else {
            <button mat-stroked-button type="button" data-testid="fit-interest" (click)="interest(f)">
              <mat-icon svgIcon="bookmark" /> {{ 'directory.requests.interest' | t }}
            </button>
          }
        </article>
      } @empty {
        @if (!loading()) {
          <mz-empty-state icon="inbox" data-testid="requests-fits-empty" [title]="'directory.requests.fitsEmpty' | t" [body]="'directory.requests.fitsEmptyBody' | t">
            <a mat-stroked-button routerLink="/expert/profile">{{ 'directory.requests.editProfile' | t }}</a>
          </mz-empty-state>
        }
      }
    </section>
  `,
})
export class ExpertRequestsPage {
  private readonly api = inject(DirectoryApiService);
  protected readonly matches = signal<DirectoryMatchView[]>([]);
  protected readonly fits = signal<DirectoryNeedFitView[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<FormProblem | null>(null);

  constructor() {
    forkJoin({ matches: this.api.myMatches(), fits: this.api.myNeeds() }).subscribe({
      next: ({ matches, fits }) => {
        this.loading.set(false);
        this.matches.set(matches);
        this.fits.set(fits);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        const webError = toWebError(error);
        // No profile yet: nothing can fit; the empty states say to fill one.
        if (webError.status !== 404) this.problem.set(errorMessage(webError));
      },
    });
  }

  protected onChanged(match: DirectoryMatchView): void {
    this.matches.update((list) => replaceMatch(list, match));
  }

  protected interest(chosen: DirectoryNeedFitView): void {
    const needId = chosen.need.id;
    this.api.interest(needId).subscribe({
      next: () => this.fits.update((list) => list.map((f) => (f.need.id === needId ? { ...f, interested: true } : f))),
      error: (error: unknown) => this.problem.set(errorMessage(toWebError(error))),
    });
  }
}
