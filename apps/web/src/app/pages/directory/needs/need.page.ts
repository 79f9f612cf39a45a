import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { DirectoryCandidatesView, DirectoryMatchView, DirectoryNeedView, DirectoryOrganizationMatchView } from '@mizan/contracts';
import { catchError, filter, of, switchMap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { askToConfirm } from '../../../core/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { Notifier } from '../../../core/ui/notifier.service';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { DirectoryApiService } from '../shared/directory-api.service';
import { governorateLabel, languageKey, modeKey, TaxonomyNames } from '../shared/directory-labels';
import { MatchCardComponent, type MatchViewer } from '../shared/match-card.component';
import { MatchReasonsComponent } from '../shared/match-reasons.component';
import { NeedSummaryComponent } from '../shared/need-summary.component';
import { replaceMatch } from '../expert/expert-requests.page';

/** The words of an organization match's reason (`directory.orgReason.<code>`). */
export const orgReasonKey = (code: DirectoryOrganizationMatchView['reasons'][number]['code']): TranslationKey => `directory.orgReason.${code}`;

/**
 * One need (issue 15). An officer runs the matching (ranked experts, each with the score and why), proposes one and
 * follows the answers; the host sees the proposals, accepts the expert the expert accepted, and closes and rates the
 * assignment at its end. A partnership need lists the organizations that fit it (theme, governorate, past grants).
 */
@Component({
  selector: 'mz-need-page',
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
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="need()?.title ?? ('directory.need.title' | t)" headingTestId="need-heading">
      @if (need()?.state === 'open') {
        <button mat-stroked-button type="button" data-testid="need-close" (click)="closeNeed()"><mat-icon svgIcon="close" /> {{ 'directory.need.close' | t }}</button>
      }
    </mz-page-header>
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="need-error" />
    @if (need(); as n) {
      <section class="dir-card" data-testid="need-summary">
        <mz-need-summary [need]="n" />
        @if (n.interestCount > 0) {
          <p class="dir-muted" data-testid="need-interest">{{ 'directory.need.interest' | t: { count: n.interestCount } }}</p>
        }
      </section>

      <section class="dir-section" data-testid="need-matches">
        <h2 class="mz-section-title">{{ 'directory.need.proposals' | t }}</h2>
        @for (m of matches(); track m.id) {
          <mz-match-card [match]="m" [viewer]="viewer()" (changed)="onChanged($event)" />
        } @empty {
          <mz-empty-state icon="inbox" data-testid="need-matches-empty" [title]="'directory.need.noProposals' | t" [body]="(officer() ? 'directory.need.noProposalsOfficer' : 'directory.need.noProposalsHost') | t" />
        }
      </section>

      @if (officer() && n.kind === 'assignment' && n.state === 'open') {
        <section class="dir-section" data-testid="need-matching">
          <h2 class="mz-section-title">{{ 'directory.matching.title' | t }}</h2>
          <p class="dir-muted">{{ 'directory.matching.intro' | t }}</p>
          <button mat-flat-button type="button" [disabled]="running()" data-testid="matching-run" (click)="runMatching()">
            <mat-icon svgIcon="play_arrow" /> {{ 'directory.matching.run' | t }}
          </button>
          @if (candidates(); as c) {
            @if (c.securityLevel === 'no_access') {
              <p class="mz-banner mz-banner-info" role="status" data-testid="matching-no-access">
                <mat-icon svgIcon="warning" /><span>{{ 'directory.matching.noAccess' | t: { governorate: governorate() } }}</span>
              </p>
            }
            <ol class="candidates" data-testid="matching-results" [attr.aria-label]="'directory.matching.results' | t">
              @for (cand of c.candidates; track cand.profile.id) {
                <li class="dir-card" data-testid="candidate" [attr.data-profile-id]="cand.profile.id" tabindex="-1">
                  <h3><bdi>{{ cand.profile.name }}</bdi></h3>
                  <ul class="dir-meta">
                    <li><bdi>{{ cand.profile.profession }}</bdi></li>
                    <li><bdi>{{ cand.profile.residenceCity }}</bdi></li>
                    <li>{{ modeKey(cand.proposableMode) | t }}</li>
                    <li>{{ languages(cand.profile.languages) }}</li>
                  </ul>
                  <mz-match-reasons [reasons]="cand.reasons" [score]="cand.score" testId="candidate-reasons" />
                  @if (cand.matchId) {
                    <p class="dir-muted" data-testid="candidate-proposed">{{ 'directory.matching.proposed' | t }}</p>
                  } @else {
                    <button mat-stroked-button type="button" [disabled]="proposing()" data-testid="candidate-propose" (click)="propose(cand.profile.id, cand.profile.name)">
                      <mat-icon svgIcon="send" /> {{ 'directory.matching.propose' | t }}
                    </button>
                  }
                </li>
              } @empty {
                <mz-empty-state icon="search" data-testid="matching-empty" [title]="'directory.matching.empty' | t" [body]="'directory.matching.emptyBody' | t" />
              }
            </ol>
          }
        </section>
      }

      @if (n.kind === 'partnership') {
        <section class="dir-section" data-testid="need-organizations">
          <h2 class="mz-section-title">{{ 'directory.orgMatch.title' | t }}</h2>
          <p class="dir-muted">{{ 'directory.orgMatch.intro' | t }}</p>
          @for (o of organizations(); track o.organizationId) {
            <article class="dir-card" data-testid="org-match">
              <h3><bdi>{{ o.name }}</bdi></h3>
              <ul class="dir-meta">
                <li>{{ (o.kind === 'partner_organization' ? 'directory.orgMatch.partner' : 'directory.orgMatch.diaspora') | t }}</li>
                <li>{{ 'directory.match.score' | t: { score: o.score } }}</li>
              </ul>
              <ul class="dir-reasons">
                @for (r of o.reasons; track $index) {
                  <li class="pro"><mat-icon svgIcon="check" aria-hidden="true" />{{ orgReasonKey(r.code) | t: orgParams(r.params) }}</li>
                }
              </ul>
            </article>
          } @empty {
            <mz-empty-state icon="business" data-testid="org-match-empty" [title]="'directory.orgMatch.empty' | t" />
          }
        </section>
      }
    }
  `,
  styles: `
    .candidates {
      list-style: none;
      padding: 0;
      margin: 12px 0 0;
    }
  `,
})
export class NeedPage implements OnInit {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  /** Route parameter, bound by the router. */
  readonly needId = input.required<string>();

  protected readonly modeKey = modeKey;
  protected readonly orgReasonKey = orgReasonKey;
  protected readonly officer = computed(() => this.session.hasAny(['directory.manage']));
  protected readonly viewer = computed<MatchViewer>(() => (this.officer() ? 'officer' : 'host'));
  private readonly taxonomy = toSignal(this.api.taxonomy().pipe(catchError(() => of(null))), { initialValue: null });
  private readonly names = computed(() => new TaxonomyNames(this.taxonomy()));
  protected readonly need = signal<DirectoryNeedView | null>(null);
  protected readonly matches = signal<DirectoryMatchView[]>([]);
  protected readonly candidates = signal<DirectoryCandidatesView | null>(null);
  protected readonly organizations = signal<DirectoryOrganizationMatchView[]>([]);
  protected readonly loading = signal(true);
  protected readonly running = signal(false);
  protected readonly proposing = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);
  protected readonly governorate = computed(() => {
    const n = this.need();
    return governorateLabel(n?.assignment?.governorate ?? n?.partnership?.governorate ?? '', this.i18n.lang());
  });

  ngOnInit(): void {
    this.load();
  }

  private load(): void {
    this.loading.set(true);
    this.api.need(this.needId()).subscribe({
      next: (need) => {
        this.loading.set(false);
        this.need.set(need);
        if (need.matches) this.matches.set(need.matches);
        else this.api.matches(need.id).subscribe({ next: (matches) => this.matches.set(matches) });
        if (need.kind === 'partnership') {
          this.api.organizationMatches(need.id).subscribe({ next: (list) => this.organizations.set(list), error: (e: unknown) => this.fail(e) });
        }
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.fail(error);
      },
    });
  }

  private fail(error: unknown): void {
    this.problem.set(errorMessage(toWebError(error)));
  }

  protected languages(codes: readonly string[]): string {
    return codes.map((code) => this.i18n.t(languageKey(code as Parameters<typeof languageKey>[0]))).join(this.i18n.lang() === 'ar' ? '، ' : ', ');
  }

  protected orgParams(params: Record<string, string | number>): Record<string, string | number> {
    const out = { ...params };
    if (typeof out['governorate'] === 'string') out['governorate'] = governorateLabel(out['governorate'], this.i18n.lang());
    if (typeof out['theme'] === 'string') out['theme'] = this.names().sector(out['theme'], this.i18n.lang());
    return out;
  }

  protected runMatching(): void {
    this.running.set(true);
    this.problem.set(null);
    this.api.candidates(this.needId()).subscribe({
      next: (view) => {
        this.running.set(false);
        this.candidates.set(view);
      },
      error: (error: unknown) => {
        this.running.set(false);
        this.fail(error);
      },
    });
  }

  protected propose(profileId: string, name: string): void {
    askToConfirm(this.dialog, {
      titleKey: 'directory.propose.title',
      bodyKey: 'directory.propose.body',
      params: { name },
      detailKeys: ['directory.propose.detail'],
      confirmKey: 'directory.propose.confirm',
    })
      .pipe(
        filter((ok) => ok),
        switchMap(() => {
          this.proposing.set(true);
          return this.api.propose(this.needId(), { profileId });
        }),
      )
      .subscribe({
        next: (match) => {
          this.proposing.set(false);
          this.matches.update((list) => replaceMatch(list, match));
          this.candidates.update((view) => view && { ...view, candidates: view.candidates.map((c) => (c.profile.id === profileId ? { ...c, matchId: match.id } : c)) });
          this.notifier.notify(this.i18n.t('directory.propose.done', { name }));
        },
        error: (error: unknown) => {
          this.proposing.set(false);
          this.fail(error);
        },
      });
  }

  protected onChanged(match: DirectoryMatchView): void {
    this.matches.update((list) => replaceMatch(list, match));
    if (match.state === 'closed' || match.state === 'active') this.api.need(this.needId()).subscribe({ next: (need) => this.need.set(need) });
  }

  protected closeNeed(): void {
    askToConfirm(this.dialog, { titleKey: 'directory.closeNeed.title', bodyKey: 'directory.closeNeed.body', confirmKey: 'directory.closeNeed.confirm' })
      .pipe(
        filter((ok) => ok),
        switchMap(() => this.api.closeNeed(this.needId())),
      )
      .subscribe({ next: (need) => this.need.set(need), error: (e: unknown) => this.fail(e) });
  }
}
