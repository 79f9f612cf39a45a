import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import {
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type {
  ApplicationVersionView,
  ApplicationView,
  AssignmentView,
  BoardRowView,
  CallReviewerView,
  GovernorateView,
  PartnerView,
} from '@mizan/contracts';
import type { AssignmentStatus, Recommendation } from '@mizan/domain';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { errorMessage, toWebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { Notifier } from '../../../core/ui/notifier.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FundingLineComponent } from './funding-line.component';
import { ApplicationDecisionComponent } from '../decisions/application-decision.component';
import { OrganizationsApiService } from '../organizations/organizations-api.service';
import { ApplicationContentComponent } from '../screening/application-content.component';
import { governorateName } from '../screening/governorate-names';
import { ScreeningApiService } from '../screening/screening-api.service';
import { FormSubmission } from '../../../core/ui/form-submission';
import { stateKey } from '../shared/labels';
import { formatMoney } from '../shared/money';
import { ToneBadgeComponent } from '../../../core/ui/tone-badge.component';
import { formatIsoDate, formatLocal } from '../shared/zones';
import {
  mayRemove,
  reassignSources,
  reviewerChoices,
  splitAssignments,
} from './assignments';
import { assignmentIcon, assignmentTone, formatScore } from './board';
import {
  ReassignDialogComponent,
  type ReassignDialogData,
} from './reassign-dialog.component';
import {
  RemoveReviewerDialogComponent,
  type RemoveReviewerDialogData,
} from './remove-reviewer-dialog.component';
import { ReviewApiService } from './review-api.service';
import { FormProblemComponent } from '../../../core/ui/form-problem.component';

interface Core {
  application: ApplicationView;
  latest: ApplicationVersionView | null;
  partners: PartnerView[];
  governorates: GovernorateView[];
}

interface Review {
  assignments: AssignmentView[];
  reviewers: CallReviewerView[];
  row: BoardRowView | null;
}

/** One application in review: its reviewers and their history, the scores, the decision, and the content. */
@Component({
  selector: 'mz-review-application-page',
  imports: [
    FormProblemComponent,
    ApplicationContentComponent,
    ApplicationDecisionComponent,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    RouterLink,
    ToneBadgeComponent,
    FundingLineComponent,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review-application-page.component.html',
  styleUrls: [
    '../shared/officer-page.scss',
    './review-application-page.component.scss',
  ],
})
export class ReviewApplicationPageComponent {
  private readonly api = inject(ReviewApiService);
  private readonly screening = inject(ScreeningApiService);
  private readonly organizations = inject(OrganizationsApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  readonly callId = input.required<string>();
  readonly applicationId = input.required<string>();

  protected readonly core = signal<Core | null>(null);
  protected readonly review = signal<Review | null>(null);
  protected readonly loading = signal(true);
  protected readonly reviewLoading = signal(true);
  protected readonly problem = signal<ReturnType<typeof errorMessage> | null>(
    null,
  );
  protected readonly reviewProblem = signal<ReturnType<
    typeof errorMessage
  > | null>(null);
  protected readonly announcement = signal('');
  protected readonly showContent = signal(false);
  private readonly reviewReloads = signal(0);
  private readonly coreReloads = signal(0);

  protected readonly assignSubmission = new FormSubmission<AssignmentView>();
  private readonly assignFormDirective = viewChild(FormGroupDirective);
  protected readonly assignForm = inject(NonNullableFormBuilder).group({
    reviewerId: ['', [Validators.required]],
    dueOn: [''],
  });

  protected readonly split = computed(() =>
    splitAssignments(this.review()?.assignments ?? []),
  );
  protected readonly choices = computed(() => {
    const r = this.review();
    return r ? reviewerChoices(r.reviewers, r.assignments) : [];
  });
  protected readonly sources = computed(() =>
    reassignSources(this.review()?.assignments ?? []),
  );
  protected readonly submitted = computed(() =>
    (this.review()?.row?.reviewers ?? []).filter(
      (r) => r.status === 'submitted',
    ),
  );
  protected readonly assignable = computed(() => {
    const state = this.core()?.application.state;
    return state === 'eligible' || state === 'in_review';
  });
  protected readonly partnerNames = computed(() => {
    const c = this.core();
    if (!c) return [];
    const ids = (c.latest?.content ?? c.application.content).partnerIds;
    return ids.map((id) => {
      const p = c.partners.find((x) => x.id === id);
      return p
        ? `${p.name} · ${governorateName(p.governorateCode, this.i18n.lang(), c.governorates)}`
        : id;
    });
  });

  protected readonly stateKey = stateKey;
  protected readonly assignmentIcon = assignmentIcon;
  protected readonly assignmentTone = assignmentTone;
  protected readonly mayRemove = mayRemove;

  constructor() {
    const coreRequest = computed(() => ({
      id: this.applicationId(),
      n: this.coreReloads(),
    }));
    toObservable(coreRequest)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.problem.set(null);
        }),
        switchMap(({ id }) =>
          this.screening.application(id).pipe(
            switchMap((application) => {
              const last = application.versions.at(-1);
              return forkJoin({
                latest: last
                  ? this.screening
                      .version(id, last.number)
                      .pipe(catchError(() => of(null)))
                  : of(null),
                partners: this.organizations
                  .partners(application.organizationId)
                  .pipe(catchError(() => of([] as PartnerView[]))),
                governorates: this.screening
                  .governorates()
                  .pipe(catchError(() => of([] as GovernorateView[]))),
              }).pipe(map((rest) => ({ application, ...rest })));
            }),
            map((core) => ({ core, error: null })),
            catchError((error: unknown) =>
              of({ core: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ core, error }) => {
        this.loading.set(false);
        if (core) this.core.set(core);
        else if (error) this.problem.set(errorMessage(error));
      });

    const reviewRequest = computed(() => ({
      callId: this.callId(),
      id: this.applicationId(),
      n: this.reviewReloads(),
    }));
    toObservable(reviewRequest)
      .pipe(
        tap(() => {
          this.reviewLoading.set(true);
          this.reviewProblem.set(null);
        }),
        switchMap(({ callId, id }) =>
          forkJoin({
            assignments: this.api.assignments(id),
            reviewers: this.api.reviewers(callId),
            row: this.api
              .board(callId, { applicationId: id, pageSize: 1 })
              .pipe(
                map((b) => b.items.find((r) => r.applicationId === id) ?? null),
              ),
          }).pipe(
            map((review) => ({ review, error: null })),
            catchError((error: unknown) =>
              of({ review: null, error: toWebError(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ review, error }) => {
        this.reviewLoading.set(false);
        if (review) this.review.set(review);
        else if (error) this.reviewProblem.set(errorMessage(error));
      });
  }

  /** After a decision or an assignment change: the reviewers, the board row and the application's state. */
  protected reload(): void {
    this.reviewReloads.update((n) => n + 1);
    this.screening.application(this.applicationId()).subscribe({
      next: (application) =>
        this.core.update((c) => (c ? { ...c, application } : c)),
      error: () => undefined,
    });
  }

  protected retry(): void {
    this.coreReloads.update((n) => n + 1);
    this.reviewReloads.update((n) => n + 1);
  }

  protected assign(): void {
    const { reviewerId, dueOn } = this.assignForm.getRawValue();
    this.assignSubmission.run(
      this.assignForm,
      () =>
        this.api.assign(
          this.applicationId(),
          reviewerId,
          dueOn === '' ? null : dueOn,
        ),
      (assignment) => {
        this.assignSubmission.reset(this.assignForm, this.assignFormDirective(), { reviewerId: '', dueOn: '' });
        this.done(
          this.i18n.t('board.app.assignedDone', {
            name: assignment.reviewerName,
          }),
        );
      },
    );
  }

  protected reassign(from: string | null = null): void {
    const c = this.core();
    const r = this.review();
    if (!c || !r) return;
    this.dialog
      .open<ReassignDialogComponent, ReassignDialogData, AssignmentView>(
        ReassignDialogComponent,
        {
          width: '560px',
          maxWidth: '95vw',
          data: {
            applicationId: c.application.id,
            title: c.application.title,
            sources: this.sources(),
            reviewers: r.reviewers,
            assignments: r.assignments,
            from,
          },
        },
      )
      .afterClosed()
      .subscribe((assignment) => {
        if (assignment)
          this.done(
            this.i18n.t('board.reassign.done', {
              name: assignment.reviewerName,
            }),
          );
      });
  }

  protected remove(assignment: AssignmentView): void {
    this.dialog
      .open<
        RemoveReviewerDialogComponent,
        RemoveReviewerDialogData,
        AssignmentView
      >(RemoveReviewerDialogComponent, {
        width: '520px',
        maxWidth: '95vw',
        data: { applicationId: this.applicationId(), assignment },
      })
      .afterClosed()
      .subscribe((removed) => {
        if (removed)
          this.done(
            this.i18n.t('board.remove.done', { name: removed.reviewerName }),
          );
      });
  }

  private done(text: string): void {
    this.announcement.set(text);
    this.notifier.notify(text);
    this.reload();
  }

  protected money(minor: string | null): string {
    const c = this.core();
    if (!c || minor === null) return '—';
    return formatMoney(minor, c.application.currency, this.i18n.locale());
  }

  protected score(value: number | null): string {
    return formatScore(value, this.i18n.locale());
  }

  protected time(iso: string | null): string {
    return iso ? formatLocal(iso, this.i18n.locale()) : '—';
  }

  protected date(iso: string | null): string {
    return iso ? formatIsoDate(iso, this.i18n.locale()) : '';
  }

  protected statusKey(status: AssignmentStatus): TranslationKey {
    return `board.status.${status}`;
  }

  protected recommendationKey(recommendation: Recommendation): TranslationKey {
    return `board.recommendation.${recommendation}`;
  }

  protected recommendationOf(assignmentId: string): Recommendation | null {
    return (
      this.review()?.row?.reviewers.find((r) => r.assignmentId === assignmentId)
        ?.recommendation ?? null
    );
  }
}
