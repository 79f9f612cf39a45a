import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ApplicationView, PartnerView } from '@mizan/contracts';
import {
  catchError,
  forkJoin,
  map,
  of,
  switchMap,
  type Observable,
} from 'rxjs';
import { toWebError, type WebError } from '../../../core/api/api-error';
import type { TranslationKey } from '../../../core/i18n/catalog';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ApplicationsApiService } from '../shared/applications-api.service';
import { categoryKey, riskAreaKey, riskLevelKey } from '../shared/labels';
import { formatMoney, formatShare } from '../shared/money';
import { OrganizationsApiService } from '../shared/organizations-api.service';
import { problemOf } from '../shared/problem';
import {
  ReferenceDataService,
  governorateName,
} from '../shared/reference-data.service';
import {
  DIFF_SECTIONS,
  compareContents,
  type CompareSide,
  type DiffFormat,
  type DiffSection,
} from './application-diff';
import type { ApplicationsMode } from './applications-page.component';

interface Side extends CompareSide {
  label: string;
}

/** Two versions side by side (or a version and the working copy), changed fields highlighted. */
@Component({
  selector: 'mz-compare-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './compare-page.component.html',
  styleUrls: ['../shared/intake.scss', './compare-page.component.scss'],
})
export class ComparePageComponent {
  private readonly api = inject(ApplicationsApiService);
  private readonly organizations = inject(OrganizationsApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  /** Route parameter, query parameters and route data. */
  readonly id = input.required<string>();
  readonly left = input<string | undefined>();
  readonly right = input<string | undefined>();
  readonly mode = input<ApplicationsMode>('applicant');

  private readonly governorates = toSignal(
    inject(ReferenceDataService).governorates(),
    { initialValue: [] },
  );
  protected readonly view = signal<ApplicationView | null>(null);
  protected readonly sides = signal<[Side, Side] | null>(null);
  private readonly partnerNames = signal<ReadonlyMap<string, string>>(
    new Map(),
  );
  protected readonly onlyChanges = signal(false);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? problemOf(error) : null;
  });
  protected readonly base = computed(() =>
    this.mode() === 'partner' ? '/partner/applications' : '/my-applications',
  );

  protected readonly rows = computed(() => {
    const sides = this.sides();
    const view = this.view();
    if (!sides || !view) return [];
    return compareContents(sides[0], sides[1], this.format(view));
  });
  protected readonly changedCount = computed(
    () => this.rows().filter((r) => r.changed).length,
  );
  protected readonly sections = computed(() => {
    const rows = this.onlyChanges()
      ? this.rows().filter((r) => r.changed)
      : this.rows();
    return DIFF_SECTIONS.map((section) => ({
      section,
      titleKey: `applicant.compare.section.${section}` as TranslationKey,
      rows: rows.filter((r) => r.section === section),
    })).filter((s) => s.rows.length > 0);
  });

  constructor() {
    effect(() => {
      const id = this.id();
      const left = this.left() ?? '1';
      const right = this.right() ?? 'current';
      untracked(() => this.load(id, left, right));
    });
  }

  protected load(
    id = this.id(),
    left = this.left() ?? '1',
    right = this.right() ?? 'current',
  ): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .get(id)
      .pipe(
        switchMap((view) =>
          forkJoin({
            view: of(view),
            left: this.side(view, left),
            right: this.side(view, right),
            partners: (this.mode() === 'partner'
              ? this.organizations.myPartnerOrganizations()
              : this.organizations.partners(view.organizationId)
            ).pipe(catchError(() => of([] as PartnerView[]))),
          }),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ view, left: l, right: r, partners }) => {
          this.view.set(view);
          this.partnerNames.set(new Map(partners.map((p) => [p.id, p.name])));
          this.sides.set([l, r]);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loadError.set(toWebError(error));
          this.loading.set(false);
        },
      });
  }

  private side(view: ApplicationView, which: string): Observable<Side> {
    if (which === 'current' || !/^\d+$/.test(which)) {
      return of({
        content: view.content,
        totals: view.totals,
        label: this.i18n.t('applicant.versions.current'),
      });
    }
    return this.api.version(view.id, Number(which)).pipe(
      map((v) => ({
        content: v.content,
        totals: v.totals,
        label: this.i18n.t('applicant.versions.optionReceipt', {
          number: v.number,
          receipt: v.receiptNumber,
        }),
      })),
    );
  }

  private format(view: ApplicationView): DiffFormat {
    const locale = this.i18n.locale();
    const t = (key: TranslationKey) => this.i18n.t(key);
    return {
      money: (minor) => formatMoney(minor, view.currency, locale),
      share: (bp) => formatShare(bp, locale),
      category: (c) => t(categoryKey(c)),
      riskArea: (a) => t(riskAreaKey(a)),
      riskLevel: (l) => t(riskLevelKey(l)),
      governorates: (codes) =>
        codes
          .map((code) =>
            governorateName(
              this.governorates().find((g) => g.code === code),
              this.i18n.lang(),
              code,
            ),
          )
          .join(', ') || '—',
      partners: (ids) =>
        ids
          .map(
            (id) => this.partnerNames().get(id) ?? t('applicant.view.aPartner'),
          )
          .join(', ') || '—',
      months: (months) =>
        months.map((m) => this.i18n.formatNumber(m)).join(', ') || '—',
      number: (n) => this.i18n.formatNumber(n),
    };
  }

  protected sectionId(section: DiffSection): string {
    return `compare-${section}`;
  }
}
