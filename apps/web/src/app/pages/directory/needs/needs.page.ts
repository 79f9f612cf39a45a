import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import type { DirectoryNeedView } from '@mizan/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import { SessionService } from '../../../core/auth/session.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../../../core/ui/empty-state.component';
import { FormProblemComponent, type FormProblem } from '../../../core/ui/form-problem.component';
import { KeysetPaginatorComponent, type KeysetPageMeta, type KeysetRequest } from '../../../core/ui/keyset-paginator.component';
import { LoadingBarComponent } from '../../../core/ui/loading-bar.component';
import { PageHeaderComponent } from '../../../core/ui/page-header.component';
import { TableFrameComponent } from '../../../core/ui/table-frame.component';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { DirectoryApiService } from '../shared/directory-api.service';
import { governorateLabel, needStateKey } from '../shared/directory-labels';

const CURSOR = /^[A-Za-z0-9_-]{1,1000}$/;
export const NEEDS_PAGE_SIZE = 25;

/** The page of needs the address asks for (`?after=` / `?before=`), cursors checked. */
export function needsCursor(params: ParamMap): { after: string | null; before: string | null } {
  const after = params.get('after');
  const before = params.get('before');
  return { after: after && CURSOR.test(after) ? after : null, before: !after && before && CURSOR.test(before) ? before : null };
}

/**
 * Needs (issue 15): a host's own (with "Post a need"), or every need for an officer, newest first, each linking to
 * its page (matching, proposals, the host's answer).
 */
@Component({
  selector: 'mz-needs-page',
  imports: [
    EmptyStateComponent,
    FormProblemComponent,
    KeysetPaginatorComponent,
    LoadingBarComponent,
    MatButtonModule,
    MatIconModule,
    PageHeaderComponent,
    RouterLink,
    TableFrameComponent,
    ToneBadgeComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../shared/directory.scss',
  template: `
    <mz-page-header [title]="'directory.needs.title' | t" [intro]="(host() ? 'directory.needs.introHost' : 'directory.needs.introOfficer') | t" headingTestId="needs-heading">
      @if (host()) {
        <a mat-flat-button routerLink="/directory/needs/new" data-testid="needs-new"><mat-icon svgIcon="add" /> {{ 'directory.needs.new' | t }}</a>
      }
    </mz-page-header>
    <mz-loading-bar [loading]="loading()" />
    <mz-form-problem [problem]="problem()" testId="needs-error" />
    @if (loaded()) {
      <mz-table-frame [label]="'directory.needs.caption' | t" [empty]="rows().length === 0">
        <table class="dir-table" data-testid="needs-table">
          <caption class="mz-visually-hidden">{{ 'directory.needs.caption' | t }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'directory.needs.col.title' | t }}</th>
              <th scope="col">{{ 'directory.needs.col.host' | t }}</th>
              <th scope="col">{{ 'directory.needs.col.governorate' | t }}</th>
              <th scope="col">{{ 'directory.needs.col.state' | t }}</th>
              <th scope="col">{{ 'directory.needs.col.posted' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (n of rows(); track n.id) {
              <tr data-testid="needs-row" [attr.data-need-id]="n.id">
                <td>
                  <a class="dir-link" [routerLink]="['/directory/needs', n.id]" data-testid="needs-link"><bdi>{{ n.title }}</bdi></a>
                  <span class="dir-muted"> · {{ (n.kind === 'assignment' ? 'directory.need.kind.assignment' : 'directory.need.kind.partnership') | t }}</span>
                </td>
                <td><bdi>{{ n.host.name }}</bdi></td>
                <td>{{ governorate(n) }}</td>
                <td><mz-tone-badge [tone]="n.state === 'open' ? 'info' : 'neutral'">{{ stateKey(n) | t }}</mz-tone-badge></td>
                <td>{{ date(n.postedAt) }}</td>
              </tr>
            }
          </tbody>
        </table>
        <mz-empty-state mzEmpty icon="inbox" data-testid="needs-empty" [title]="'directory.needs.empty' | t" [body]="(host() ? 'directory.needs.emptyHost' : 'directory.needs.emptyOfficer') | t" />
        <mz-keyset-paginator mzPaginator [page]="pageMeta()" [disabled]="loading()" [pageSizeOptions]="[25, 50]" (request)="onPage($event)" />
      </mz-table-frame>
    }
  `,
})
export class NeedsPage {
  private readonly api = inject(DirectoryApiService);
  private readonly i18n = inject(I18nService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);

  /** A host (partner or applicant user) posts needs; an officer sees everyone's. */
  protected readonly host = computed(() => this.session.hasAny(['directory.host']) && !this.session.hasAny(['directory.manage']));
  private readonly cursor = toSignal(this.route.queryParamMap.pipe(map(needsCursor)), { initialValue: needsCursor(this.route.snapshot.queryParamMap) });
  protected readonly rows = signal<DirectoryNeedView[]>([]);
  protected readonly pageMeta = signal<KeysetPageMeta>({ items: [], pageSize: NEEDS_PAGE_SIZE, next: null, previous: null, total: 0, totalCapped: false });
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<FormProblem | null>(null);

  constructor() {
    toObservable(this.cursor)
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap((cursor) => this.api.needs({ ...cursor, pageSize: NEEDS_PAGE_SIZE }).pipe(catchError((error: unknown) => of(toWebError(error))))),
        takeUntilDestroyed(),
      )
      .subscribe((answer) => {
        this.loading.set(false);
        if ('items' in answer) {
          this.rows.set(answer.items);
          this.pageMeta.set(answer);
          this.loaded.set(true);
        } else {
          this.problem.set(errorMessage(answer));
        }
      });
  }

  protected stateKey(need: DirectoryNeedView) {
    return needStateKey(need.state);
  }

  protected governorate(need: DirectoryNeedView): string {
    return governorateLabel(need.assignment?.governorate ?? need.partnership?.governorate ?? '', this.i18n.lang());
  }

  protected date(iso: string): string {
    return this.i18n.formatDate(iso);
  }

  protected onPage(request: KeysetRequest): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { after: request.after ?? null, before: request.before ?? null }, replaceUrl: true });
  }
}
