import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  numberAttribute,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Router, RouterLink } from '@angular/router';
import type {
  ApplicationVersionView,
  ApplicationView,
  GovernorateView,
  PartnerView,
} from '@mizan/contracts';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import {
  errorMessage,
  toWebError,
  type WebError,
} from '../../../core/api/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { OrganizationsApiService } from '../organizations/organizations-api.service';
import { formatMoney, formatPercent } from '../shared/money';
import { ruleNameKey, ruleText } from '../shared/rules';
import { formatLocal } from '../shared/zones';
import {
  type CompareRow,
  type ContentFormat,
  compareContent,
  flattenContent,
  sectionKey,
} from './content-diff';
import { governorateName } from './governorate-names';
import { ScreeningApiService } from './screening-api.service';

interface Loaded {
  application: ApplicationView;
  before: ApplicationVersionView;
  after: ApplicationVersionView;
  partners: PartnerView[];
  governorates: GovernorateView[];
}

/** Two submitted versions side by side, the fields that changed marked. */
@Component({
  selector: 'mz-compare-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './compare-page.component.html',
  styleUrls: ['../shared/officer-page.scss', './compare-page.component.scss'],
})
export class ComparePageComponent {
  private readonly api = inject(ScreeningApiService);
  private readonly organizations = inject(OrganizationsApiService);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);

  readonly applicationId = input.required<string>();
  /** Query parameters: the version numbers to compare; default the last two. */
  readonly from = input(0, { transform: numberAttribute });
  readonly to = input(0, { transform: numberAttribute });

  protected readonly data = signal<Loaded | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<WebError | null>(null);
  protected readonly onlyChanges = signal(false);
  protected readonly problem = computed(() => {
    const error = this.loadError();
    return error ? errorMessage(error) : null;
  });
  protected readonly sectionKey = sectionKey;
  protected readonly ruleNameKey = ruleNameKey;

  protected readonly rows = computed<CompareRow[]>(() => {
    const d = this.data();
    if (!d) return [];
    const fmt = this.format(d);
    return compareContent(
      flattenContent(d.before.content, d.before.totals, fmt),
      flattenContent(d.after.content, d.after.totals, fmt),
    );
  });
  protected readonly shown = computed(() =>
    this.onlyChanges() ? this.rows().filter((r) => r.changed) : this.rows(),
  );
  protected readonly changedCount = computed(
    () => this.rows().filter((r) => r.changed).length,
  );
  /** Rules whose result differs between the versions. */
  protected readonly ruleChanges = computed(() => {
    const d = this.data();
    if (!d) return [];
    return d.after.eligibility.map((after) => {
      const before = d.before.eligibility.find((r) => r.rule === after.rule) ?? null;
      return { rule: after.rule, before, after, changed: !before || before.passed !== after.passed };
    });
  });

  constructor() {
    const request = computed(() => ({
      id: this.applicationId(),
      from: this.from(),
      to: this.to(),
    }));
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.loadError.set(null);
        }),
        switchMap(({ id, from, to }) =>
          this.api.application(id).pipe(
            switchMap((application) => {
              const numbers = application.versions.map((v) => v.number);
              const last = numbers.at(-1) ?? 1;
              const b = from > 0 ? from : Math.max(1, last - 1);
              const a = to > 0 ? to : last;
              return forkJoin({
                before: this.api.version(id, b),
                after: this.api.version(id, a),
                partners: this.organizations
                  .partners(application.organizationId)
                  .pipe(catchError(() => of([] as PartnerView[]))),
                governorates: this.api
                  .governorates()
                  .pipe(catchError(() => of([] as GovernorateView[]))),
              }).pipe(map((rest) => ({ application, ...rest })));
            }),
            map((loaded) => ({ loaded, error: null })),
            catchError((error: unknown) => of({ loaded: null, error: toWebError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ loaded, error }) => {
        this.loading.set(false);
        if (loaded) this.data.set(loaded);
        else this.loadError.set(error);
      });
  }

  private format(d: Loaded): ContentFormat {
    const locale = this.i18n.locale();
    const lang = this.i18n.lang();
    return {
      money: (minor) => formatMoney(minor, d.application.currency, locale),
      percent: (bp) => formatPercent(bp, locale),
      governorate: (code) => governorateName(code, lang, d.governorates),
      partner: (id) => d.partners.find((p) => p.id === id)?.name ?? id,
      t: (key) => this.i18n.t(key),
    };
  }

  protected pick(which: 'from' | 'to', value: number): void {
    const d = this.data();
    if (!d) return;
    void this.router.navigate([], {
      queryParams: {
        from: which === 'from' ? value : d.before.number,
        to: which === 'to' ? value : d.after.number,
      },
      replaceUrl: true,
    });
  }

  protected time(iso: string): string {
    return formatLocal(iso, this.i18n.locale());
  }

  protected rule(result: ApplicationVersionView['eligibility'][number]): string {
    return ruleText(
      result,
      (key, params) => this.i18n.t(key, params),
      this.i18n.locale(),
    );
  }

  /** The first row of each section carries the section's name. */
  protected startsSection(index: number): boolean {
    const list = this.shown();
    return index === 0 || list[index - 1].section !== list[index].section;
  }
}
